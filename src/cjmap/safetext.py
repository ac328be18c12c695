"""Text that XML and HTML can hold: what a map may contain, but a page, an SVG or a JUnit
report cannot, even as an entity.

XML 1.0 has no place for most C0 control characters, U+FFFE, U+FFFF or a lone surrogate; HTML
also counts DEL and the C1 controls as parse errors. A control character is shown as its Unicode
picture (␛ for ESC, ␇ for BEL), so the reader still sees that it is there; anything else
becomes U+FFFD.
"""

import re

# What XML's Char production leaves out, written as the few ranges it leaves out rather than
# as the complement of those it allows: the same characters, compiled ten times faster (the
# complement took a twentieth of a one-map run).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NOT_HTML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def xml_safe(text: str) -> str:
    """``text`` with what XML 1.0 cannot hold replaced."""
    return NOT_XML.sub(_stand_in, text) if NOT_XML.search(text) else text


def html_safe(text: str) -> str:
    """``text`` with what XML cannot hold, and what HTML reads as a parse error, replaced."""
    return _NOT_HTML.sub(_stand_in, text) if _NOT_HTML.search(text) else text
