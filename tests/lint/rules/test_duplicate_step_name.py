from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_same_name_ignoring_case_and_spacing() -> None:
    found = findings("duplicate-step-name", HEAD + """\
steps:
  - {id: a, name: Compra las zapatillas}
  - {id: b, name: Compares}
  - {id: c, name: "compra  las Zapatillas "}
  - {id: d, name: Compra las zapatillas}
""")
    assert [(f.path, f.message) for f in found] == [
        (("steps", 2, "name"),
         "step 3 has the same name as step 1: 'compra  las Zapatillas '"),
        (("steps", 3, "name"), "step 4 has the same name as step 1: 'Compra las zapatillas'"),
    ]


def test_different_names_pass() -> None:
    assert findings("duplicate-step-name", HEAD + "steps: [Buys, Buys again]\n") == []
