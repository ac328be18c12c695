"""Terminal colour, only where it belongs: on a terminal, and never when NO_COLOR is set."""

import os
from typing import TextIO

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
