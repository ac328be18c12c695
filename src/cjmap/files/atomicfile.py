"""Writing a file whole or not at all, so that an interrupted run never leaves half a file.

Two kinds of path are written, and they treat symbolic links differently:

- a path the user named (``-o FILE``, ``--output FORMAT=FILE``) follows links, as a shell
  redirection does: the user chose where it points;
- a path cjmap chose itself under a root (a map's drawing under ``--out-dir``, the cache) is
  written with ``root=``: no link below the root is followed, so a link committed to a repository
  cannot send a write anywhere else. A directory on the way that is a link, or not a directory,
  is refused; a link in the file's own place is replaced by the file, never written through.
"""

import contextlib
import errno
import os
import stat
from pathlib import Path

_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
# The temporary file: a new name that is never a link (a planted one would fail O_EXCL).
_TEMPORARY = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def write_bytes_atomically(path: Path, data: bytes, *, root: Path | None = None,
                           force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename,
    creating missing directories.

    ``root=None``: ``path`` was named by the user. A symbolic link is followed, so that the link
    stays a link. What is not a regular file (``/dev/stdout``, a named pipe, a device) cannot be
    replaced by a rename, and is written to in place.

    ``root=DIR``: ``path`` is one cjmap chose inside ``DIR`` (``DIR`` itself is followed: the user
    named it, or it is the working directory). Each directory below ``DIR`` is created or opened
    without following links, relative to its parent's descriptor so that no link swapped in
    meanwhile is followed either; the file replaces whatever non-directory has its name.

    A new file gets the permissions a plain ``open()`` would give it (0666 less the umask), not
    the private 0600 of a temporary file: rendered maps and reports are meant to be shared; a
    file that exists keeps its permissions. A read-only file is refused (:class:`PermissionError`)
    as a shell redirection refuses it, unless ``force``.
    """
    if root is not None:
        with Tree(root) as tree:
            tree.write(path, data, force=force)
        return
    directory, name = _named(path, data)
    if directory is None:
        return
    try:
        _replace(directory, name, data, force, path)
    finally:
        os.close(directory)


def write_text_atomically(path: Path, text: str, *, root: Path | None = None,
                          force: bool = False) -> None:
    """:func:`write_bytes_atomically` for text, in UTF-8 with the line endings as given."""
    write_bytes_atomically(path, text.encode("utf-8"), root=root, force=force)


def _named(path: Path, data: bytes) -> tuple[int | None, str]:
    """The directory descriptor and name to write a user-named ``path`` as; no descriptor when
    ``path`` is no regular file, and ``data`` has been written to it in place."""
    try:
        existing: os.stat_result | None = path.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with path.open("wb") as stream:
            stream.write(data)
        return None, ""
    target = path.resolve() if path.is_symlink() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    return os.open(target.parent, _DIRECTORY), target.name


class Tree:
    """Files cjmap chose inside ``root``, each written as :func:`write_bytes_atomically` with
    ``root=`` writes it, while the tree is open (``with Tree(root) as tree``).

    Each directory is opened once, and its descriptor kept until the tree is closed: a site of
    a thousand maps writes thousands of files into a few folders, and opening every folder on
    the way for every file took a third of the build's system time. A kept descriptor is the
    directory that was checked when it was opened, whatever is put in its place later.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: dict[tuple[str, ...], int] = {}

    def __enter__(self) -> "Tree":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        folders, self._folders = self._folders, {}
        for descriptor in folders.values():
            os.close(descriptor)

    def write(self, path: Path, data: bytes, *, force: bool = False) -> None:
        parts = path.relative_to(self.root).parts
        if not parts or ".." in parts:
            raise ValueError(f"{path} is not a file inside {self.root}")
        _replace(self._folder(parts[:-1]), parts[-1], data, force, path)

    def _folder(self, parts: tuple[str, ...]) -> int:
        """The descriptor of the directory ``parts`` below the root, created if missing and
        reached without following a link."""
        known = self._folders.get(parts)
        if known is not None:
            return known
        if not parts:
            self.root.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.root, _DIRECTORY)
        else:
            parent, part = self._folder(parts[:-1]), parts[-1]
            # There already: opening it below checks what it is.
            with contextlib.suppress(FileExistsError):
                os.mkdir(part, dir_fd=parent)
            try:
                descriptor = os.open(part, _DIRECTORY | os.O_NOFOLLOW, dir_fd=parent)
            except OSError as error:
                if error.errno not in (errno.ELOOP, errno.ENOTDIR):
                    raise
                raise _not_a_directory(self.root.joinpath(*parts), part, parent) from None
        self._folders[parts] = descriptor
        return descriptor


def _not_a_directory(reached: Path, part: str, directory: int) -> OSError:
    if stat.S_ISLNK(os.stat(part, dir_fd=directory, follow_symlinks=False).st_mode):
        return OSError(errno.ELOOP, f"{reached} is a symbolic link, and cjmap writes nothing "
                       "through a link it did not make: remove the link", str(reached))
    return NotADirectoryError(errno.ENOTDIR, f"{reached} is not a directory", str(reached))


def _replace(directory: int, name: str, data: bytes, force: bool, path: Path) -> None:
    try:
        existing: os.stat_result | None = os.stat(name, dir_fd=directory,
                                                  follow_symlinks=False)
    except FileNotFoundError:
        existing = None
    if existing is not None and stat.S_ISREG(existing.st_mode):
        if not force and _read_only(existing, name, directory):
            raise PermissionError(errno.EACCES, "it is read-only; --force replaces it",
                                  str(path))
        mode = stat.S_IMODE(existing.st_mode)
    else:
        mode = 0o666 & ~_umask()
    handle, temporary = _create_temporary(directory, name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            os.fchmod(stream.fileno(), mode)
        os.replace(temporary, name, src_dir_fd=directory, dst_dir_fd=directory)
    except BaseException:
        os.unlink(temporary, dir_fd=directory)
        raise


def _create_temporary(directory: int, name: str) -> tuple[int, str]:
    # tempfile.mkstemp takes a directory's path, not its descriptor.
    while True:
        temporary = f".{name}.{os.urandom(4).hex()}.tmp"
        try:
            return os.open(temporary, _TEMPORARY, 0o600, dir_fd=directory), temporary
        except FileExistsError:
            continue


def _read_only(existing: os.stat_result, name: str, directory: int) -> bool:
    # A rename replaces a file whatever its mode, where a shell's ">" would refuse it. The mode
    # bits are read as well as access(): for root, access() grants every write.
    return not existing.st_mode & 0o222 or not os.access(name, os.W_OK, dir_fd=directory,
                                                          follow_symlinks=False)


def _umask() -> int:
    # The umask can only be read by setting it; put it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
