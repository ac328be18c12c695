from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_steps_without_needs() -> None:
    found = findings("no-needs", HEAD + """\
steps:
  - {name: Elige un modelo, needs: [Confianza en la talla]}
  - {name: Buys, needs: []}
""")
    assert [(f.path, f.key, f.message) for f in found] == [(
        ("steps", 1, "needs"), True,
        "step 'Buys' lists no needs: what does the customer need to move on?")]


def test_steps_with_needs_pass() -> None:
    assert findings("no-needs", HEAD + "steps:\n  - {name: Buys, needs: [A quick checkout]}\n") \
        == []
