from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_pain_points_no_opportunity_answers() -> None:
    found = findings("unaddressed-pain-point", HEAD + """\
steps:
  - name: Compares models
    pain_points:
      - {id: hard-to-compare, text: Hard to compare}
      - {id: too-many, text: Too many models}
  - name: Chooses the size
    pain_points: [Fear of the wrong size]
    opportunities:
      - {text: A shoe finder, addresses: [too-many]}
""")
    assert [(f.path, f.message, f.hint) for f in found] == [
        (("steps", 0, "pain_points", 0, "id"),
         "pain point 'Hard to compare' in step 'Compares models' is not addressed by any "
         "opportunity", "add an opportunity with 'addresses: [hard-to-compare]'"),
        (("steps", 1, "pain_points", 0),
         "pain point 'Fear of the wrong size' in step 'Chooses the size' has no id, so no "
         "opportunity can address it",
         "give it an 'id' and name that id in an opportunity's 'addresses'"),
    ]


def test_an_opportunity_in_another_step_addresses_it() -> None:
    assert findings("unaddressed-pain-point", HEAD + """\
steps:
  - name: Chooses the size
    pain_points: [{id: size-doubt, text: Fear of the wrong size}]
  - name: Buys
    opportunities:
      - {text: Free size exchange, addresses: size-doubt}
""") == []


def test_a_long_pain_point_is_quoted_short() -> None:
    long = "Specifications are written differently by every brand, so nobody can compare them"
    found = findings("unaddressed-pain-point", HEAD + f"steps:\n  - {{name: X, pain_points: "
                     f"[{{id: specs, text: '{long}'}}]}}\n")
    assert found[0].message.startswith(
        "pain point 'Specifications are written differently by every brand, so…' in step 'X'")
