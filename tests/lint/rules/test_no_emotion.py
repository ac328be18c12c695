from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_steps_without_emotion() -> None:
    found = findings("no-emotion", HEAD + """\
steps:
  - {name: Searches, emotion: 0}
  - Compara modelos 🤔
  - {name: Buys, emotion: {score: 1, label: relieved}}
""")
    assert [(f.path, f.message) for f in found] == [(
        ("steps", 1, "name"),
        "step 'Compara modelos 🤔' records no emotion: the emotion curve has a gap")]


def test_a_neutral_emotion_counts() -> None:
    assert findings("no-emotion", HEAD + "steps:\n  - {name: Buys, emotion: 0}\n") == []
