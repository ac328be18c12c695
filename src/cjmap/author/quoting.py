"""When a scalar needs its quotes: the canonical style quotes only where plain YAML would not do.

A quoted scalar loses its quotes only when the plain spelling is certain to read back as the same
text, under YAML 1.2 (how cjmap reads maps) *and* YAML 1.1 (how many other tools still do), so
that ``"yes"``, ``"1:20"``, ``"007"`` or ``"<<"`` keep their quotes. Where quotes are needed, the
ones the author chose are kept: rewriting ``'a "b" c'`` into escapes would help nobody.
"""

import re

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from cjmap.parse.yamlfast import _plain

_RESOLVER = Resolver()
_STR = "tag:yaml.org,2002:str"
# Characters that start something other than a plain scalar, and a few that are merely unusual
# enough at the start to be left quoted.
_BAD_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` \t")
_FLOW_INDICATORS = frozenset(",[]{}")
# C0 and C1 controls, DEL, the byte-order mark, line and paragraph separators, surrogates:
# anything that would need an escape.
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\ufeff\u2028\u2029\ud800-\udfff]")


def plain_is_safe(value: str, *, flow: bool) -> bool:
    """Whether ``value`` can be written without quotes, in a flow collection when ``flow``."""
    if not value or value != value.strip() or value[0] in _BAD_FIRST:
        return False
    if _NEEDS_ESCAPE.search(value) or ": " in value or " #" in value or value.endswith(":"):
        return False
    if value.startswith(("---", "...")):
        return False
    if flow and not _FLOW_INDICATORS.isdisjoint(value):
        return False
    if _plain(value) != value or not isinstance(_plain(value), str):
        return False  # a number, a boolean, a null or a date under YAML 1.2
    tag = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _STR)  # … or under YAML 1.1
