from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"
MAP = HEAD + """\
steps:
  - name: Compara modelos
    touchpoints:
      - name: Página de comparación
        quality: {simple: 2, appropriate: 4, relevant: 3, personal: 1}
      - {name: Reviews, quality: {engaging: 5}}
      - Search results
"""


def test_each_score_below_the_minimum_names_its_quality() -> None:
    found = findings("low-touchpoint-quality", MAP)
    assert [(f.path, f.message, f.hint) for f in found] == [
        (("steps", 0, "touchpoints", 0, "quality", "simple"),
         "touchpoint 'Página de comparación' in step 'Compara modelos' scores 2 of 5 on simple",
         "make it easy to understand and to use, to 3 or more"),
        (("steps", 0, "touchpoints", 0, "quality", "personal"),
         "touchpoint 'Página de comparación' in step 'Compara modelos' scores 1 of 5 on "
         "personal", "make it adapted to each customer's needs, to 3 or more"),
    ]


def test_min_score_option() -> None:
    assert [f.path[-1] for f in findings("low-touchpoint-quality", MAP, min_score=4)] == [
        "simple", "relevant", "personal"]
    assert findings("low-touchpoint-quality", MAP, min_score=1) == []


def test_every_quality_has_a_meaning() -> None:
    from cjmap.format.model import Quality
    from cjmap.lint.rules import low_touchpoint_quality

    assert set(low_touchpoint_quality._MEANING) == set(Quality.model_fields)
