"""``cjmap serve``: the site, built by :func:`cjmap.site.build_site`, served on loopback and
built again as the maps change (docs/portfolio.md; the server is :mod:`cjmap.site.serve`).

This module turns options into the builder's and the server's, words what happens, and stops
cleanly on Ctrl-C or SIGTERM: the port freed, the temporary site removed, exit 0.
"""

from __future__ import annotations

import contextlib
import errno
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from cjmap.cli.console import say
from cjmap.cli.site import SiteCommandOptions
from cjmap.exitcodes import ExitCode
from cjmap.i18n import _, ngettext

if TYPE_CHECKING:
    from cjmap.site.options import SiteBuild, SiteOptions
    from cjmap.site.serve import Live, PreviewServer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@dataclass
class ServeCommandOptions:
    site: SiteCommandOptions = field(default_factory=SiteCommandOptions)
    output: Path | None = None  # None: a temporary directory, removed on exit
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    open: bool = False
    poll: bool = False


def run(options: ServeCommandOptions, stderr: TextIO = sys.stderr) -> ExitCode:
    try:
        import watchfiles  # noqa: F401 (only whether it is installed)
    except ImportError:
        say(stderr, _("cjmap serve needs the watchfiles package: pip install 'cjmap[serve]'"))
        return ExitCode.USAGE
    from cjmap.cli.site import outcome, site_options
    from cjmap.site import SiteError, build_site
    from cjmap.site.serve import Live, PreviewServer, is_loopback, labels

    with _output(options.output) as output:
        prepared = site_options(replace(options.site, output=output), stderr)
        if isinstance(prepared, ExitCode):
            return prepared
        try:
            built = build_site(prepared)
        except SiteError as error:
            say(stderr, str(error))
            return ExitCode.USAGE
        if outcome(built, output, stderr) == ExitCode.USAGE:
            return ExitCode.USAGE
        live = Live(labels())
        live.publish(built)
        if not is_loopback(options.host):
            say(stderr, _("warning: --host {host} makes the preview, and every map in it, "
                          "visible to other machines on the network").format(host=options.host))
        try:
            server = PreviewServer((options.host, options.port), output, live)
        except OSError as error:
            say(stderr, _bind_error(error, options))
            return ExitCode.USAGE
        _serve(server, live, prepared, options, built.maps, stderr)
    say(stderr, _("stopped"))
    return ExitCode.OK


@contextlib.contextmanager
def _output(given: Path | None) -> Iterator[Path]:
    if given is not None:
        yield given
        return
    with tempfile.TemporaryDirectory(prefix="cjmap-serve-") as directory:
        yield Path(directory)


def _bind_error(error: OSError, options: ServeCommandOptions) -> str:
    if error.errno == errno.EADDRINUSE:
        return _("port {port} of {host} is in use: stop what uses it, or choose another "
                 "port with --port (--port 0 picks a free one)").format(
            port=options.port, host=options.host)
    return _("cannot listen on {host} port {port}: {error}").format(
        host=options.host, port=options.port, error=error.strerror or error)


def _serve(server: PreviewServer, live: Live, prepared: SiteOptions,
           options: ServeCommandOptions, maps: int, stderr: TextIO) -> None:
    """Serve and watch until Ctrl-C or SIGTERM; the address is told once both run."""
    from cjmap.site.serve import Watch, watch_and_build

    stop, ready = threading.Event(), threading.Event()

    def built(result: SiteBuild | str, maps: set[Path], seconds: float) -> None:
        _told(result, maps, seconds, stderr)
        if not isinstance(result, str):
            live.publish(result)

    def reconfigure() -> SiteOptions | str:
        from cjmap.cli.site import site_options

        again = site_options(replace(options.site, output=prepared.output), stderr)
        if isinstance(again, ExitCode):  # what is wrong is told above
            return _("the preview keeps its last build until the configuration is fixed")
        return again

    watch = Watch(roots=list(prepared.paths), output=prepared.output, poll=options.poll,
                  configs=_configs(options.site.config))
    threads = [threading.Thread(target=server.serve_forever, name="cjmap-serve", daemon=True),
               threading.Thread(target=watch_and_build, args=(watch, prepared, stop, ready,
                                                              built, reconfigure),
                                name="cjmap-watch", daemon=True)]

    def terminated(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        for thread in threads:
            thread.start()
        ready.wait(10)
        say(stderr, ngettext("serving {maps} map at {url} (Ctrl-C stops)",
                             "serving {maps} maps at {url} (Ctrl-C stops)", maps).format(
            maps=maps, url=server.url))
        stderr.flush()
        if options.open:
            import webbrowser

            webbrowser.open(server.url)
        # A timed wait, so that Ctrl-C and SIGTERM are seen at once.
        while not stop.wait(0.25):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        signal.signal(signal.SIGTERM, previous)
        server.stop()
        for thread in threads:
            thread.join(timeout=5)


def _configs(given: Path | None) -> tuple[Path, ...]:
    """The configuration files whose change the preview follows: the one given, else the one
    in use and those that, created in the working directory, would take its place."""
    if given is not None:
        return (given,)
    from cjmap.lint.config import CONFIG_FILES, find

    here = tuple(Path(name) for name in CONFIG_FILES)
    found = find(Path.cwd())
    return here if found is None or found.path in here else (found.path, *here)


def _told(result: SiteBuild | str, maps: set[Path], seconds: float, stderr: TextIO) -> None:
    from cjmap.cli.site import invalid_maps
    from cjmap.diagnostics import display_path

    if isinstance(result, str):
        say(stderr, result)
        return
    names = sorted(display_path(path) for path in maps)
    invalid_maps(result, stderr, among=set(names))
    say(stderr, ngettext("rebuilt {maps}: {written} file written, {removed} removed, in {ms} ms",
                         "rebuilt {maps}: {written} files written, {removed} removed, "
                         "in {ms} ms", len(result.written)).format(
        maps=", ".join(names), written=len(result.written), removed=len(result.removed),
        ms=round(seconds * 1000)))
    stderr.flush()
