"""``cjmap diff``: what changed in the customer's experience between two maps, or between two
git revisions of every map (docs/change.md).

The arguments read as git reads them: two files are two files; otherwise the leading ones that
name commits are revisions (``HEAD~1``, ``main...HEAD``, ``v1 v2``), and the rest, with what
follows ``--``, are the paths to look under. No revision compares HEAD with the files on disk.
"""

import gc
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cjmap.cli.console import say
from cjmap.exitcodes import ExitCode
from cjmap.i18n import _, choose, use

if TYPE_CHECKING:
    from cjmap.compare.session import Outcome


@dataclass
class DiffOptions:
    # Revisions and paths, or two files, as the command line gave them.
    args: list[str] = field(default_factory=list)
    # How many of ``args`` came after ``--`` (those are paths, whatever they look like).
    after_dashdash: int = 0
    format: str = "text"
    exit_code: bool = False
    textconv: Path | None = None
    lang: str | None = None


class UsageProblem(Exception):
    """Arguments that name neither files nor revisions; a repository git cannot read."""


def run(options: DiffOptions, stdout: TextIO = sys.stdout,
        stderr: TextIO = sys.stderr) -> ExitCode:
    use(choose(options.lang))
    if options.textconv is not None:
        return _textconv(options.textconv, stdout)
    from cjmap.compare.gitrev import GitError
    from cjmap.compare.session import Outcome

    # Loading makes many small objects and no cycles worth collecting in a one-shot run (a
    # third of the time of two 1,000-step maps, as the lint runner found).
    gc.disable()
    outcome = Outcome()
    try:
        old_label, new_label = _compare(options, Path.cwd(), outcome)
    except (GitError, UsageProblem) as error:
        say(stderr, str(error))
        return ExitCode.USAGE
    if outcome.problems:
        from cjmap.report import REPORTERS

        REPORTERS["text"]()(outcome.problems, stderr, command="validate", quiet=True,
                           fail_on="error")
        say(stderr, _("no diff made: fix the maps that do not validate ('cjmap validate' "
                      "shows every problem)"))
        return ExitCode.USAGE
    from cjmap.compare.changes import document
    from cjmap.compare.formats import formatter
    from cjmap.report.style import wants_color

    found = document(old_label, new_label, outcome.diffs)
    color = options.format == "text" and stdout is sys.stdout and wants_color(stdout)
    stdout.write(formatter(options.format)(found, color))
    return ExitCode.FINDINGS if options.exit_code and found.summary.maps else ExitCode.OK


def _compare(options: DiffOptions, cwd: Path, outcome: "Outcome") -> tuple[str, str]:
    """Fill ``outcome`` with the diffs the arguments ask for; the labels of the two sides."""
    from cjmap.compare import gitrev
    from cjmap.compare.session import Version, diff_versions

    named = options.args[:len(options.args) - options.after_dashdash]
    paths = options.args[len(named):]
    if not options.after_dashdash and len(named) == 2 and all(Path(a).is_file() for a in named):
        old, new = (Version(name, _read(Path(name))) for name in named)
        diff_versions(old, new, outcome)
        return named[0], named[1]
    top = gitrev.toplevel(cwd)
    rest = list(named)
    revisions: list[str] = []
    while rest and len(revisions) < 2 and gitrev.is_revision(rest[0], cwd):
        revisions.append(rest.pop(0))
    missing = [path for path in rest if not (cwd / path).exists()]
    if missing:
        raise UsageProblem(_("'{arg}' is neither a revision nor a file; put paths after "
                             "'--' (cjmap diff HEAD~1 -- maps/)").format(arg=missing[0]))
    paths = [*rest, *paths]
    if len(revisions) == 2 and any(".." in r for r in revisions):
        raise UsageProblem(_("give two revisions, or one range such as main...HEAD, not both"))
    revs = gitrev.revisions(revisions, cwd)
    for changed in gitrev.changed_files(revs, top, paths, cwd):
        old = Version(gitrev.display(top, changed.old.path, cwd) if changed.old.path else None,
                      changed.old.text)
        new = Version(gitrev.display(top, changed.new.path, cwd) if changed.new.path else None,
                      changed.new.text)
        diff_versions(old, new, outcome, renamed=changed.status == "R")
    return revs.old_label, revs.new_label


def _read(path: Path) -> str:
    from cjmap.parse.source import SourceError, decode, read_bytes

    try:
        return decode(read_bytes(path), str(path))
    except SourceError as error:
        raise UsageProblem(f"{path}: {error.diagnostic.message}") from error


def _textconv(path: Path, stdout: TextIO) -> ExitCode:
    """The normalised lines of one map, for ``git diff`` (``diff.cjmap.textconv``). A map that
    does not validate is shown as its problems and its text: git must still show something."""
    from cjmap.compare.summary import lines
    from cjmap.loader import load

    result = load(path)
    if result.journey is None or result.document is None:
        for problem in result.diagnostics:
            stdout.write(f"# {problem.span.line}:{problem.span.column}: {problem.message}\n")
        stdout.write(result.text or "")
        return ExitCode.OK
    written = isinstance(result.document.data, dict) and "id" in result.document.data
    stdout.writelines(f"{line}\n" for line in lines(result.journey, written))
    return ExitCode.OK
