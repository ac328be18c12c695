from tests.lint.rules.helpers import findings, line_of

HEAD = "cjmap: 1\ntitle: T\n"


def test_steps_without_actions() -> None:
    text = HEAD + """\
steps:
  - name: Pregunta en una tienda
    actions: []
  - {name: Buys, actions: [Pays online]}
  - Takes them home
"""
    found = findings("no-actions", text)
    assert [(f.path, f.key, f.message) for f in found] == [
        (("steps", 0, "actions"), True,
         "step 'Pregunta en una tienda' lists no actions: what does the customer do here?"),
        (("steps", 2, "name"), False,  # a bare step: its name is all there is
         "step 'Takes them home' lists no actions: what does the customer do here?"),
    ]
    assert [line_of(text, f) for f in found] == [5, 7]


def test_steps_with_actions_pass() -> None:
    assert findings("no-actions", HEAD + "steps:\n  - {name: Buys, actions: [Pays]}\n") == []
