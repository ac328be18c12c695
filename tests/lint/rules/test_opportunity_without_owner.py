from tests.lint.rules.helpers import findings

HEAD = "cjmap: 1\ntitle: T\n"


def test_opportunities_without_owner() -> None:
    found = findings("opportunity-without-owner", HEAD + """\
steps:
  - name: Pregunta a amigos
    opportunities:
      - Un plan de afiliados
      - {text: Agreements with shops, owner: Retail partnerships}
      - {text: A referral code, priority: high}
""")
    assert [(f.path, f.message) for f in found] == [
        (("steps", 0, "opportunities", 0),
         "opportunity 'Un plan de afiliados' in step 'Pregunta a amigos' has no owner"),
        (("steps", 0, "opportunities", 2),
         "opportunity 'A referral code' in step 'Pregunta a amigos' has no owner"),
    ]


def test_owned_opportunities_pass() -> None:
    assert findings("opportunity-without-owner", HEAD + """\
steps:
  - name: Asks friends
    opportunities: [{text: An affiliate plan, owner: Community team}]
""") == []
