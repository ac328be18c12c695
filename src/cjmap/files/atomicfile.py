"""Writing a file whole or not at all, so that an interrupted run never leaves half a file."""

import os
import stat
import tempfile
from pathlib import Path


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    A new file gets the permissions a plain ``open()`` would give it (0666 less the umask), not
    the private 0600 of a temporary file: rendered maps and reports are meant to be shared; a
    file that exists keeps its permissions. A symbolic link is followed, so that the link
    stays a link. What is not a regular file (``/dev/stdout``, a named pipe, a device) cannot be
    replaced by a rename, and is written to in place.
    """
    try:
        existing: os.stat_result | None = path.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with path.open("wb") as stream:
            stream.write(data)
        return
    target = path.resolve() if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), mode)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text_atomically(path: Path, text: str) -> None:
    """:func:`write_bytes_atomically` for text, in UTF-8 with the line endings as given."""
    write_bytes_atomically(path, text.encode("utf-8"))


def _umask() -> int:
    # The umask can only be read by setting it; put it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
