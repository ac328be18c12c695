"""What a page cannot hold, checked against the specifications over every code point."""

from cjmap.safetext import NOT_XML, html_safe, xml_safe

EVERY = "".join(map(chr, range(0x110000)))


def _xml_char(code: int) -> bool:
    # XML 1.0, production [2] Char.
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD \
        or 0x10000 <= code <= 0x10FFFF


def test_exactly_what_xml_leaves_out_is_found() -> None:
    found = {ord(char) for char in NOT_XML.findall(EVERY)}
    assert found == {code for code in range(0x110000) if not _xml_char(code)}


def test_html_also_loses_del_and_the_c1_controls() -> None:
    kept = html_safe(EVERY)
    changed = {code for code, char in enumerate(EVERY) if kept[code] != char}
    assert changed == {code for code in range(0x110000)
                       if not _xml_char(code) or 0x7F <= code <= 0x9F}


def test_control_characters_become_their_pictures() -> None:
    assert xml_safe("a\x1bb\x07") == "a␛b␇"
    assert html_safe("\x7f\x85\ufffe") == "\u2421\ufffd\ufffd"
    assert xml_safe("\x7f") == "\x7f"  # XML holds DEL; HTML does not
