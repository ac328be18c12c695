"""The maps that changed between two git revisions, read from git's objects without a checkout.

Three git processes whatever the size of the repository: ``rev-parse`` checks the revisions,
``diff --raw -M`` lists the changed files with their blob ids (renames followed), and one
``cat-file --batch`` reads every blob. ``A...B`` compares B with the merge base of A and B, as
``git diff A...B`` does; a single revision is compared with the files on disk.
"""

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cjmap.i18n import _

WORKTREE = "worktree"
_NO_BLOB = "0" * 40
_MAP = re.compile(rb"^cjmap[ \t]*:", re.MULTILINE)
_SUFFIXES = (".yaml", ".yml")


class GitError(Exception):
    """git cannot answer: not a repository, a bad revision, no git at all."""


@dataclass(frozen=True)
class Side:
    """One side of a changed file: its path from the repository's top and its text (None when
    the file is not there on that side or holds no map)."""

    path: str | None
    text: str | None


@dataclass(frozen=True)
class ChangedFile:
    status: str  # A, D, M, R (git's letters)
    old: Side
    new: Side


@dataclass(frozen=True)
class Revisions:
    """What the command line named: the old revision, the new one (None: the files on disk),
    and the labels to show for them."""

    old: str
    new: str | None
    old_label: str
    new_label: str


def _git(args: list[str], cwd: Path, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True,
                              check=False)
    except OSError as error:
        raise GitError(_("cannot run git: {problem}").format(
            problem=error.strerror or error)) from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else _("git failed: git {args}").format(
            args=" ".join(args)))
    return done.stdout


def toplevel(cwd: Path) -> Path:
    """The top folder of the repository ``cwd`` is in."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    except GitError as error:
        raise GitError(_("{folder} is not in a git repository: give two map files to compare "
                         "them, or run cjmap diff inside a repository").format(
            folder=cwd)) from error


def is_revision(text: str, cwd: Path) -> bool:
    """Whether ``text`` names a commit, or a range of two (``A..B``, ``A...B``)."""
    parts = re.split(r"\.{2,3}", text) if ".." in text else [text]
    if len(parts) > 2 or text.startswith("-"):
        return False
    return all(_commit(part or "HEAD", cwd) is not None for part in parts)


def _commit(revision: str, cwd: Path) -> str | None:
    try:
        return _git(["rev-parse", "--verify", "--quiet", "--end-of-options",
                     f"{revision}^{{commit}}"], cwd).decode().strip() or None
    except GitError:
        return None


def revisions(named: list[str], cwd: Path) -> Revisions:
    """The revisions of ``cjmap diff [REV [REV]]``: none is HEAD against the files on disk."""
    if not named:
        return Revisions(_verified("HEAD", cwd), None, "HEAD", WORKTREE)
    if len(named) == 2:
        return Revisions(_verified(named[0], cwd), _verified(named[1], cwd), *named)
    written = named[0]
    if "..." in written:
        left, right = (part or "HEAD" for part in written.split("...", 1))
        base = _git(["merge-base", _verified(left, cwd), _verified(right, cwd)], cwd)
        return Revisions(base.decode().strip(), _verified(right, cwd),
                         _("the merge base of {left} and {right}").format(left=left, right=right),
                         right)
    if ".." in written:
        left, right = (part or "HEAD" for part in written.split("..", 1))
        return Revisions(_verified(left, cwd), _verified(right, cwd), left, right)
    return Revisions(_verified(written, cwd), None, written, WORKTREE)


def _verified(revision: str, cwd: Path) -> str:
    commit = _commit(revision, cwd)
    if commit is None:
        raise GitError(_("'{revision}' is not a revision of this repository").format(
            revision=revision))
    return commit


def changed_files(revs: Revisions, top: Path, paths: list[str], cwd: Path
                  ) -> list[ChangedFile]:
    """The map files that differ between the two revisions, under ``paths`` (relative to
    ``cwd``; none: the whole repository), each side read from git or from the files on disk
    under ``top``, the repository's top folder."""
    args = ["diff", "--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff", "--no-textconv",
            revs.old, *([revs.new] if revs.new else []), "--", *paths]
    fields = _git(args, cwd).split(b"\0")
    entries: list[tuple[str, str, str, str | None, str | None]] = []
    index = 0
    while index < len(fields) - 1:
        meta = fields[index].decode().split()
        status = meta[4][0]
        first = os.fsdecode(fields[index + 1])
        second = os.fsdecode(fields[index + 2]) if status in "RC" else None
        index += 3 if second is not None else 2
        old_path: str | None = first
        new_path: str | None = second if second is not None else first
        if status == "A":
            old_path = None
        if status == "D":
            new_path = None
        if status in "ADMR" and any(p and p.lower().endswith(_SUFFIXES)
                                    for p in (old_path, new_path)):
            entries.append((status, meta[2], meta[3], old_path, new_path))
    blobs = _read_blobs([sha for _, old, new, *_ in entries for sha in (old, new)
                         if sha != _NO_BLOB], cwd)
    found = []
    for status, old_sha, new_sha, old_path, new_path in entries:
        old_text = blobs.get(old_sha) if old_path else None
        new_text = (blobs.get(new_sha) if new_sha != _NO_BLOB else _on_disk(top, new_path)) \
            if new_path else None
        old_side, new_side = _side(old_path, old_text), _side(new_path, new_text)
        if old_side.text is None and new_side.text is None:
            continue  # YAML, but no map on either side
        found.append(ChangedFile(status, old_side, new_side))
    return found


def _side(path: str | None, data: bytes | None) -> Side:
    if path is None or data is None or not _MAP.search(data[:1 << 20]):
        return Side(path, None)
    return Side(path, data.decode("utf-8", "replace"))


def _on_disk(top: Path, path: str | None) -> bytes | None:
    try:
        return (top / path).read_bytes() if path else None
    except OSError:
        return None


def _read_blobs(shas: list[str], cwd: Path) -> dict[str, bytes]:
    """Every blob of ``shas`` through one ``git cat-file --batch``."""
    if not shas:
        return {}
    unique = list(dict.fromkeys(shas))
    output = _git(["cat-file", "--batch"], cwd, "".join(f"{sha}\n" for sha in unique).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for sha in unique:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3:  # "<sha> missing"
            continue
        size = int(header[2])
        blobs[sha] = output[position:position + size]
        position += size + 1
    return blobs


def display(top: Path, path: str, cwd: Path) -> str:
    """A repository path as the user sees it from ``cwd`` (forward slashes, as git shows it)."""
    return Path(os.path.relpath(top / path, cwd)).as_posix()
