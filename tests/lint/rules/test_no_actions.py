import pytest

from cjmap.lint.rules.actionwords import names_an_action
from tests.lint.rules.helpers import findings, line_of

HEAD = "cjmap: 1\ntitle: T\n"
MESSAGE = "step {} lists no actions, and its name says none: what does the customer do here?"


def test_steps_named_by_a_thing_and_without_actions() -> None:
    text = HEAD + """\
steps:
  - name: Tienda
    actions: []
  - {name: Checkout, actions: [Pays online]}
  - Delivery
  - Asks friends who run
"""
    found = findings("no-actions", text)
    assert [(f.path, f.key, f.message) for f in found] == [
        (("steps", 0, "actions"), True, MESSAGE.format("'Tienda'")),
        (("steps", 2, "name"), False, MESSAGE.format("'Delivery'")),
    ]
    assert [line_of(text, f) for f in found] == [5, 7]
    assert found[0].hint == ("add them under 'actions:', e.g. '- Pays by card', or name the "
                             "step by what the customer does, e.g. 'Pays at the checkout'")


@pytest.mark.parametrize("name", [
    "Asks friends who run", "Searches online", "Sign up", "Comparing prices", "Buys the shoes",
    "Busca opiniones", "Pregunta en una tienda", "Comprar las zapatillas", "Se registra",
    "Comparando precios", "Elige talla", "Recibe el pedido",
])
def test_a_name_that_is_the_action_needs_no_actions(name: str) -> None:
    assert names_an_action(name)
    assert findings("no-actions", HEAD + f"steps:\n  - {name}\n") == []


@pytest.mark.parametrize("name", ["Checkout", "Tienda", "Delivery", "Página de producto",
                                  "Business", "Status page", "Website"])
def test_a_name_that_is_a_thing_or_a_place_is_no_action(name: str) -> None:
    assert not names_an_action(name)


def test_a_persona_name_may_open_the_step() -> None:
    text = HEAD + "persona: Laura Gómez\nsteps:\n  - Laura compara precios\n  - Laura\n"
    assert [f.message for f in findings("no-actions", text)] == [MESSAGE.format("'Laura'")]
