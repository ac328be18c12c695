"""What a rule, or the suppression checker, finds: a message at a path of the YAML.

It lives apart from the rules' interface (``rules/base.py``) because suppressions make findings
too, and the rules' context holds the suppressions: kept together, the two modules would import
each other.
"""

from dataclasses import dataclass

from cjmap.diagnostics import Span
from cjmap.parse.document import Path


@dataclass(frozen=True, init=False)
class Finding:
    """A gap found by a rule at ``path`` (keys and indexes as written in the YAML)."""

    path: Path
    message: str
    hint: str | None = None
    # Point at the key (``touchpoints:``) rather than at its value, e.g. for an empty list.
    key: bool = False
    # A place that is no node, such as a comment; ``path`` then only names the node nearby.
    span: Span | None = None
    # A lesser case of what the rule finds: reported one severity below the rule's (as
    # configured), e.g. a touchpoint quality just short of the mark next to a poor one.
    minor: bool = False

    # Rules make tens of findings a map. A frozen dataclass's own __init__ sets each field with
    # a call of object.__setattr__; this one sets them all in one update (half the cost).
    def __init__(self, path: Path, message: str, hint: str | None = None, key: bool = False,
                 span: Span | None = None, minor: bool = False) -> None:
        self.__dict__.update(path=path, message=message, hint=hint, key=key, span=span,
                             minor=minor)
