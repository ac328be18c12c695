"""The lines cjmap itself prints: a file name or a label quoted in them cannot drive the
terminal, whichever command prints it."""

from collections.abc import Iterable
from typing import TextIO

from cjmap.report.style import printable


def say(stream: TextIO, message: str) -> None:
    """``cjmap: message`` on ``stream``; each line of a message (Graphviz's errors have several)
    gets the prefix, and everything else is shown as :func:`printable` shows it."""
    stream.writelines(f"cjmap: {printable(line)}\n" for line in message.split("\n"))


def lines(stream: TextIO, texts: Iterable[str]) -> None:
    """One text per line, without a prefix (``--show-files``, the render summary)."""
    stream.writelines(f"{printable(text)}\n" for text in texts)
