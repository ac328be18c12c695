"""What cjmap prints on a terminal: user text made inert (:func:`printable`), and colour only
where it belongs, on a terminal, and never when NO_COLOR is set."""

import os
import re
from typing import TextIO

# Control characters from a map (an escape sequence, a bell) must not act on the terminal:
# each becomes its one-cell Unicode picture (␛, ␇), which keeps the caret aligned. Bidirectional
# overrides and isolates would make the terminal show the rest of the line reordered, away
# from the caret ("Trojan Source"); they become U+FFFD as well.
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_PICTURES = {code: 0x2400 + code for code in range(0x20) if code != 0x09}
_PICTURES |= {0x7F: 0x2421} | dict.fromkeys([*range(0x80, 0xA0), *_BIDI], 0xFFFD)


# str.translate walks every character; most text has no control character at all.
_CONTROL = re.compile("[" + "".join(re.escape(chr(code)) for code in _PICTURES) + "]")


def printable(text: str) -> str:
    """``text`` (a file name, a label, a message quoting either) safe to print: every line
    cjmap prints with user text in it goes through here."""
    return text.translate(_PICTURES) if _CONTROL.search(text) else text


def needs_printable(texts: list[str]) -> bool:
    """Whether any of ``texts`` holds a character :func:`printable` changes."""
    return _CONTROL.search(" ".join(texts)) is not None


def printable_all(texts: list[str]) -> list[str]:
    """:func:`printable` of each of ``texts`` (the cells of a row): the list itself when none
    needs it, which is nearly always."""
    if any(map(_CONTROL.search, texts)):
        return [printable(text) for text in texts]
    return texts


_CODES = {"error": "1;31", "warning": "1;33", "info": "1;36", "bold": "1", "dim": "2",
          "ok": "1;32", "header": "1;4", "path": "1", "caret": "1;35", "hint": "36"}


def wants_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


class Style:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, name: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"\x1b[{_CODES[name]}m{text}\x1b[0m"
