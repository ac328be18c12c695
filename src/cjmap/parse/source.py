"""Reading a map's bytes and turning them into text, with a clear error for every way that fails."""

import codecs
import errno
import re
import stat
from pathlib import Path
from typing import BinaryIO

from cjmap.diagnostics import FILE_START, Diagnostic, Span, display_path
from cjmap.i18n import N_, _, format_number

MAX_BYTES = 10 * 1024 * 1024
_MIB = MAX_BYTES // 1024 // 1024
STDIN_NAME = "<stdin>"


class SourceError(Exception):
    """The file cannot be read as text; ``diagnostic`` says why and where."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def _fail(name: str, code: str, message: str, hint: str, span: Span = FILE_START) -> SourceError:
    return SourceError(Diagnostic(name, span, code, message, hint=hint))


_KINDS = ((stat.S_ISFIFO, N_("a named pipe (FIFO)")), (stat.S_ISSOCK, N_("a socket")),
          (stat.S_ISCHR, N_("a character device")), (stat.S_ISBLK, N_("a block device")))


def special_kind(mode: int) -> str | None:
    """What a file of ``mode`` is when it is neither a regular file nor a directory: reading
    one may never end (a FIFO waits for a writer, /dev/zero never stops) or disturb a device."""
    return next((_(kind) for test, kind in _KINDS if test(mode)), None)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing early what is too large to be a journey map or is no
    regular file."""
    name = display_path(path)
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise _fail(name, "file", _("is a directory"), _("pass it as a directory to walk"))
        kind = special_kind(status.st_mode)
        if kind is not None:
            raise _fail(name, "file", _("is {kind}, not a regular file").format(kind=kind),
                        _("name the map file itself; '-' reads a map from standard input"))
        if status.st_size > MAX_BYTES:
            raise _too_large(name, _("file is {size} MiB; maps larger than {limit} MiB are "
                                     "not read").format(
                size=format_number(round(status.st_size / 1024 / 1024, 1)), limit=_MIB))
        with path.open("rb") as handle:
            # A file can grow between stat and read; never read past the limit.
            return read_stream(handle, name, status.st_size)
    except FileNotFoundError:
        raise _fail(name, "file", _("no such file or directory"), _("check the path")) from None
    except PermissionError:
        raise _fail(name, "file", _("permission denied"), _("make the file readable")) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _fail(name, "file", _("symbolic link loop: the link leads back to itself"),
                        _("point the link at a map, or remove it")) from None
        raise _fail(name, "file", _("cannot be read: {reason}").format(reason=error.strerror),
                    _("check the file")) from None


def read_stream(stream: BinaryIO, name: str = STDIN_NAME, size: int | None = None) -> bytes:
    """What ``stream`` holds (standard input, or a file of ``size`` bytes being read), refusing
    it past the size limit without reading further."""
    # Asking for the limit allocates it: for a file, ask for its size and a byte more (to see
    # it grow), which makes reading a thousand maps several times faster.
    want = MAX_BYTES + 1 if size is None else min(size, MAX_BYTES) + 1
    data = stream.read(want)
    if len(data) == want <= MAX_BYTES:
        data += stream.read(MAX_BYTES + 1 - want)
    if len(data) > MAX_BYTES:
        message = (_("more than {limit} MiB on standard input; maps larger than that are not "
                     "read") if name == STDIN_NAME
                   else _("more than {limit} MiB in the file; maps larger than that are not read"))
        raise _too_large(name, message.format(limit=_MIB))
    return data


def _too_large(name: str, message: str) -> SourceError:
    return _fail(name, "file-size", message, _("split the journey into several maps"))


_OTHER_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text without a byte-order mark; any other encoding is an error with its position."""
    for bom, encoding in _OTHER_ENCODINGS:
        if data.startswith(bom):
            raise _fail(name, "encoding", _("file is {encoding}, not UTF-8").format(
                encoding=encoding), _("save the file as UTF-8"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", "replace")) + 1
        bad = data[error.start:error.end].hex(" ")
        raise _fail(
            name, "encoding",
            _("file is not valid UTF-8: byte {byte} cannot be decoded").format(byte=bad),
            _("save the file as UTF-8 (it may be Latin-1 or Windows-1252)"),
            Span.point(line, column),
        ) from None


# The line breaks YAML knows; str.splitlines() knows more, which would shift line numbers.
_LINE_BREAK = re.compile("\r\n|\r|\n|\x85|\u2028|\u2029")


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML counts them (for the line numbers of diagnostics)."""
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return _LINE_BREAK.split(text)
    return text.split("\n")  # the common case, ten times faster than the regex
