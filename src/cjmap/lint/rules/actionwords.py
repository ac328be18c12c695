"""Whether a step's name says what the customer does ("Compares three models", "Busca
opiniones"), read from its first word in English or Spanish, without a language model.

The test is deliberately generous: a name it takes for an action when it is not ("Reviews")
only spares a finding, while a name it misses ("Checkout", "Tienda") is one where the map
really does not say what the customer does.
"""

import re


def _split(words: str) -> list[str]:
    return words.split()


# Base forms people start a step with ("Search online", "Sign up"), and Spanish third persons
# that no ending gives away (-ar/-er/-ir and the gerunds are recognised by their endings).
_ENGLISH = frozenset(_split("""
    add ask book browse buy call cancel check choose click compare complain contact decide
    download enter fill find get give go install learn leave log look open order pay pick plan
    read receive register renew return review search see select sign start subscribe talk
    tell try unbox use visit wait watch write
"""))
_SPANISH = frozenset(_split("""
    abre accede acude añade busca cambia compara compra comparte completa conoce configura
    confirma consulta contacta contrata da decide descarga descubre devuelve duda elige encuentra
    entra envía escribe espera firma habla inicia instala investiga lee llama llega mira navega
    necesita opina paga pide piensa pregunta prueba quiere recibe recoge recomienda reclama
    registra rellena renueva reserva revisa sale selecciona solicita termina usa utiliza va
    valora ve visita vuelve
"""))
_NOT_THIRD_PERSON = ("ss", "us", "is", "ics", "ness")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def names_an_action(name: str, people: frozenset[str] = frozenset()) -> bool:
    """Whether ``name`` reads as something done; ``people`` are the first names of the map's
    personas and participants, which may open it ("Laura compara precios")."""
    words = [word.casefold() for word in _WORD.findall(name)]
    if words and words[0] in people:
        words = words[1:]
    if not words:
        return False
    first = words[0]
    if first in _ENGLISH or first in _SPANISH or first == "se":  # "Se registra"
        return True
    if first.endswith(("ing", "ando", "iendo", "yendo")) and len(first) > 4:
        return True
    if first.endswith(("ar", "er", "ir")) and len(first) > 3 and len(words) > 1:
        return True  # an infinitive leads a phrase ("Comprar las zapatillas")
    return first.endswith("s") and len(first) > 3 and not first.endswith(_NOT_THIRD_PERSON)
