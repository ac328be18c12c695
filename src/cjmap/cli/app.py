"""The ``cjmap`` command. Each command imports its implementation when it runs, so that
``cjmap --help`` and a one-file ``cjmap validate`` start fast."""

import enum
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cjmap import __version__
from cjmap.exitcodes import ExitCode

app = typer.Typer(
    name="cjmap",
    help="Customer journey maps as code: validate, lint and render journey maps written in YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)

ValidateFormat = enum.Enum("ValidateFormat", {"text": "text", "json": "json"}, type=str)

Paths = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer reads the annotation at runtime on Python 3.10
    typer.Argument(
        help="Map files or directories to search for maps ('-' reads standard input). "
        "Defaults to the current directory.",
        show_default=False,
    ),
]
Jobs = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--jobs", "-j", min=1, help="Processes to use (default: as many as pay off)."),
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only problems, no summary line.")
]


def _version(value: bool) -> None:
    if value:
        print(f"cjmap {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Show the version and exit.")
    ] = False,
) -> None:
    """Customer journey maps as code."""


@app.command()
def validate(
    paths: Paths = None,
    format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.text,
    quiet: Quiet = False,
    jobs: Jobs = None,
) -> None:
    """Check journey maps against the format and report every problem at file:line:col.

    A directory is searched for maps: .yaml and .yml files with a top-level 'cjmap:' key,
    skipping hidden directories and what .gitignore ignores.

    Exit status: 0 all maps are valid, 1 a map is invalid, 2 a path cannot be read or holds
    no map.

    Examples:

      cjmap validate journey.yaml

      cjmap validate maps/ --format json

      cat journey.yaml | cjmap validate -
    """
    from cjmap.commands import validate as command

    options = command.ValidateOptions(
        paths=paths or [Path()], format=format.value, quiet=quiet, jobs=jobs
    )
    raise typer.Exit(command.run(options))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the map format (for editors and other validators).

    Example: cjmap schema > cjmap-1.schema.json
    """
    from cjmap.commands import schema as command

    raise typer.Exit(command.run())


def main() -> None:
    """Entry point: runs the app and turns anything unexpected into a short message, exit 2."""
    # pydantic looks for plugins through every installed package's metadata on first use;
    # cjmap uses none, and the search is a tenth of a one-file run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app(prog_name="cjmap")
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (``cjmap ... | head``); nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitCode.FINDINGS)
    except Exception as error:
        if os.environ.get("CJMAP_DEBUG"):
            raise
        sys.stderr.write(
            f"cjmap: internal error: {error!r}\n"
            "This is a bug in cjmap; set CJMAP_DEBUG=1 to see the traceback and report it.\n"
        )
        sys.exit(ExitCode.USAGE)
