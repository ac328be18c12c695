"""Text that XML and HTML can hold: what a map may contain, but a page, an SVG or a JUnit
report cannot, even as an entity.

XML 1.0 has no place for most C0 control characters, U+FFFE, U+FFFF or a lone surrogate; HTML
also counts DEL and the C1 controls as parse errors. A control character is shown as its Unicode
picture (␛ for ESC, ␇ for BEL), so the reader still sees that it is there; anything else
becomes U+FFFD.
"""

import re

NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_HTML = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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
