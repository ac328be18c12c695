"""``cjmap init``: a new map from a stage model, or a whole map repository with ``--repo``.

Nothing is overwritten without ``--force``, files are written whole or not at all, and the
command asks for a title and a persona only when a person is at a terminal to answer.
"""

from __future__ import annotations

import datetime
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from cjmap.exitcodes import ExitCode
from cjmap.format.presets import Lang, model_name
from cjmap.i18n import _

if TYPE_CHECKING:
    from cjmap.author.skeleton import Skeleton

STDOUT = "-"
DEFAULT_FILE = "journey.yaml"


@dataclass(frozen=True)
class InitOptions:
    path: str | None
    stages: str
    lang: Lang
    full: bool = True
    title: str | None = None
    persona: str | None = None
    schema: str | None = None
    yes: bool = False
    force: bool = False
    repo: bool = False


def run(options: InitOptions, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
        stderr: TextIO = sys.stderr) -> ExitCode:
    from cjmap.author.skeleton import Skeleton
    from cjmap.i18n import use

    # The command speaks the language of the map it writes.
    use(options.lang)
    stages = model_name(options.stages)
    if stages is None:
        from cjmap.cli.stages import unknown_model

        stderr.write(f"cjmap: {unknown_model(options.stages)}\n")
        return ExitCode.USAGE
    to_stdout = options.path == STDOUT and not options.repo
    title, persona = options.title, options.persona
    if not options.yes and not to_stdout and _interactive(stdin, stdout):
        title, persona = _ask(options, stdout)
    skeleton = Skeleton(
        today=datetime.date.today(), stages=stages, lang=options.lang,
        full=options.full, title=_clean(title), persona=_clean(persona),
        **({"schema": options.schema} if options.schema else {}),
    )
    if options.repo:
        return _repository(Path(options.path or "."), skeleton, options.force, stdout, stderr)
    return _map(options.path, skeleton, options.force, stdout, stderr)


def _clean(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None


def _interactive(stdin: TextIO, stdout: TextIO) -> bool:
    return stdin.isatty() and stdout.isatty()


def _ask(options: InitOptions, stdout: TextIO) -> tuple[str | None, str | None]:
    """The title and persona options leave out, asked for at the terminal."""
    from rich.console import Console
    from rich.prompt import Prompt

    from cjmap.author.skeleton import default_persona, default_title

    console = Console(file=stdout, highlight=False)
    title = options.title
    if title is None:
        title = Prompt.ask(_("Title of the journey"), default=default_title(options.lang),
                           console=console)
    persona = options.persona
    if persona is None:
        persona = Prompt.ask(_("Persona (whose journey it is)"),
                             default=default_persona(options.lang), console=console)
    return title, persona


def _map(path: str | None, skeleton: Skeleton, force: bool, stdout: TextIO,
         stderr: TextIO) -> ExitCode:
    from cjmap.author.skeleton import default_title, render
    from cjmap.format.model import slugify

    text = render(skeleton)
    if path == STDOUT:
        stdout.write(text)
        return ExitCode.OK
    target = Path(path or DEFAULT_FILE)
    if target.is_dir():
        # A folder of maps: the new one is named after its title.
        title = skeleton.title or default_title(skeleton.lang)
        target = target / f"{slugify(title) or 'journey'}.yaml"
    if target.exists() and not force:
        stderr.write("cjmap: " + _("{path} already exists; use --force to overwrite it").format(
            path=target) + "\n")
        return ExitCode.USAGE
    code = _write({target: text}, stderr)
    if code == ExitCode.OK:
        stdout.write("✓ " + _("wrote {path} ({stages}, {lang}); next: fill it in, then "
                              "'cjmap lint {path}'").format(
            path=target, stages=skeleton.stages, lang=skeleton.lang) + "\n")
    return code


def _repository(directory: Path, skeleton: Skeleton, force: bool, stdout: TextIO,
                stderr: TextIO) -> ExitCode:
    from cjmap.author.repository import files

    if directory.exists() and not directory.is_dir():
        stderr.write("cjmap: " + _("{path} is not a directory; --repo lays out a "
                                   "directory").format(path=directory) + "\n")
        return ExitCode.USAGE
    planned = files(skeleton)
    existing = [file.path for file in planned
                if not file.optional and (directory / file.path).exists()]
    if existing and not force:
        stderr.write("cjmap: " + _("{path} already has {files}; use --force to overwrite "
                                   "them").format(path=directory, files=", ".join(existing))
                     + "\n")
        return ExitCode.USAGE
    kept = [file.path for file in planned if file.optional and (directory / file.path).exists()]
    written = {directory / file.path: file.text for file in planned if file.path not in kept}
    code = _write(written, stderr)
    if code != ExitCode.OK:
        return code
    lines = ["✓ " + _("laid out a map repository in {path}:").format(path=directory)]
    lines += [f"  {file.path}" for file in planned if file.path not in kept]
    lines += ["  " + _("{path} (kept: it exists)").format(path=path) for path in kept]
    lines += [_("next: fill in the map, then 'cjmap lint'; 'pre-commit install' runs it on "
                "every commit")]
    stdout.write("\n".join(lines) + "\n")
    return ExitCode.OK


def _write(texts: dict[Path, str], stderr: TextIO) -> ExitCode:
    from cjmap.files.atomicfile import write_text_atomically

    for target, text in texts.items():
        try:
            write_text_atomically(target, text)
        except OSError as error:
            stderr.write("cjmap: " + _("cannot write {path}: {reason}; check the path and "
                                       "its permissions").format(
                path=target, reason=error.strerror or error) + "\n")
            return ExitCode.USAGE
    return ExitCode.OK
