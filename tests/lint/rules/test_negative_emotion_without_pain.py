from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_negative_emotions_without_pain_points() -> None:
    found = findings("negative-emotion-without-pain", HEAD + """\
steps:
  - {name: Compares models, emotion: -2}
  - name: Elige la talla
    emotion: {score: -1, label: inquieta}
  - {name: Buys, emotion: {score: -1, label: anxious}, pain_points: [Slow checkout]}
""")
    assert [(f.path, f.message) for f in found] == [
        (("steps", 0, "emotion"),
         "step 'Compares models' feels negative (-2) but records no pain point"),
        (("steps", 1, "emotion"),
         "step 'Elige la talla' feels negative (-1, inquieta) but records no pain point"),
    ]


def test_neutral_positive_and_missing_emotions_pass() -> None:
    assert findings("negative-emotion-without-pain", HEAD + """\
steps:
  - {name: Searches, emotion: 0}
  - {name: Buys, emotion: {score: 2, label: delighted}}
  - Takes them home
""") == []
