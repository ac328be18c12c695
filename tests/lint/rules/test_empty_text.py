from tests.lint.rules.helpers import findings, line_of

HEAD = "cjmap: 1\ntitle: T\n"


def test_empty_and_blank_strings_anywhere() -> None:
    text = HEAD + """\
description: "  "
objectives: [Sell more, ""]
steps:
  - name: Buys
    thoughts: ["\\t"]
    touchpoints:
      - {name: Checkout, owner: ''}
"""
    found = findings("empty-text", text)
    assert [(f.path, f.message) for f in found] == [
        (("description",), "'description' is empty"),
        (("objectives", 1), "an item of 'objectives' is empty"),
        (("steps", 0, "thoughts", 0), "an item of 'thoughts' in step 'Buys' is empty"),
        (("steps", 0, "touchpoints", 0, "owner"), "'owner' in step 'Buys' is empty"),
    ]
    assert [line_of(text, f) for f in found] == [3, 4, 7, 9]


def test_extension_keys_and_text_with_content_pass() -> None:
    assert findings("empty-text", HEAD + """\
x-notes: ""
x-template: {owner: " "}
steps:
  - name: Compra
    actions: [Paga con tarjeta, "  espacios alrededor  "]
""") == []


def test_an_empty_step_name_is_told_by_the_steps_number() -> None:
    found = findings("empty-text", HEAD + """\
steps:
  - Searches
  - {id: buys, name: "", actions: [""]}
""")
    assert [(f.path, f.message) for f in found] == [
        (("steps", 1, "name"), "'name' of step 2 is empty"),
        (("steps", 1, "actions", 0), "an item of 'actions' of step 2 is empty"),
    ]
