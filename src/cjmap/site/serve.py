"""``cjmap serve``: a live preview of the site (docs/portfolio.md).

Three parts, each on its own thread: the HTTP server (the standard library's
``ThreadingHTTPServer``: the preview serves one person's browser, and Server-Sent Events are a
plain long-lived response, so no framework earns its weight), the watcher (watchfiles, which
waits in Rust on inotify or, with ``poll``, by polling for Docker and network mounts) and the
builds it starts, one at a time, with :func:`cjmap.site.build_site`.

The files on disk stay exactly what ``cjmap site`` writes; the live script is added to HTML
responses as they are served. After each build every open page is sent the pages written and
the problems of every invalid map (:class:`Live`); a page whose map is invalid keeps its last
good render under an overlay (``live.js``).
"""

from __future__ import annotations

import contextlib
import json
import mimetypes
import queue
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from cjmap.i18n import _
from cjmap.site.paths import map_paths

if TYPE_CHECKING:
    from threading import Event

    from cjmap.site.options import SiteBuild, SiteOptions

PREFIX = "/__cjmap/"
EVENTS = PREFIX + "events"
SCRIPT = PREFIX + "live.js"
_LIVE_JS = Path(__file__).parent / "assets" / "live.js"
# A comment on an idle event stream, so that proxies and the browser keep it open.
KEEP_ALIVE_SECONDS = 15.0
# How long a dropped page waits before it reconnects (EventSource's `retry:`), in ms.
RETRY_MS = 500
# How long the watcher waits for changes before it says it has none (and checks for the stop).
READY_MS = 250
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
          ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml",
          ".xml": "application/xml; charset=utf-8", ".json": "application/json",
          # Shown in the browser rather than downloaded: they are there to be read.
          ".yaml": "text/plain; charset=utf-8", ".yml": "text/plain; charset=utf-8",
          ".md": "text/plain; charset=utf-8"}
_CLOSED = b""  # put on a stream's queue: the server is stopping


def is_loopback(host: str) -> bool:
    """Whether listening on ``host`` keeps the preview on this machine."""
    import ipaddress

    try:
        return host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def labels() -> dict[str, str]:
    """The words live.js shows, in the language in use."""
    return {"invalid": _("This map no longer validates; its last good render is shown. "
                         "Fix these problems and save:"),
            "dismiss": _("Dismiss"),
            "reconnecting": _("Reconnecting to cjmap serve…")}


class Live:
    """What the open pages are told: the build id, and per page of an invalid map its
    problems; and the event stream of each open page."""

    def __init__(self, words: dict[str, str]) -> None:
        self._lock = threading.Lock()
        self._streams: set[queue.Queue[bytes]] = set()
        # A new token each run: a page that reconnects to a restarted server refreshes.
        self._token = secrets.token_hex(4)
        self._count = 0
        self._problems: dict[str, list[dict[str, Any]]] = {}
        self._words = words

    @property
    def build(self) -> str:
        return f"{self._token}-{self._count}"

    def publish(self, built: SiteBuild, pages: Iterable[str] | None = None) -> None:
        """Tell every open page about a build: the pages it wrote (``pages``, else every
        HTML file written) and the problems of every invalid map."""
        with self._lock:
            self._count += 1
            self._problems = {map_paths(source).page: [asdict(problem) for problem in found]
                              for source, found in built.problems.items()}
            written = [name for name in built.written if name.endswith(".html")]
            message = self._event(sorted(written if pages is None else pages), hello=False)
            for stream in self._streams:
                stream.put(message)

    def hello(self) -> bytes:
        """The first event of a stream: the state now, with the words to show."""
        with self._lock:
            return self._event([], hello=True)

    def _event(self, pages: list[str], *, hello: bool) -> bytes:
        data: dict[str, Any] = {"build": self.build, "pages": pages, "problems": self._problems,
                                "hello": hello}
        if hello:
            data["labels"] = self._words
        return b"event: build\ndata: " + json.dumps(data, ensure_ascii=False).encode() + b"\n\n"

    @contextlib.contextmanager
    def stream(self) -> Iterator[queue.Queue[bytes]]:
        """A queue of the events for one open page, for as long as it is open."""
        stream: queue.Queue[bytes] = queue.Queue()
        with self._lock:
            self._streams.add(stream)
        try:
            yield stream
        finally:
            with self._lock:
                self._streams.discard(stream)

    def close(self) -> None:
        """End every open stream (the server is stopping)."""
        with self._lock:
            for stream in self._streams:
                stream.put(_CLOSED)


def resolve(root: Path, url: str) -> Path | None:
    """The file of the site that the path of ``url`` names, or None: anything that would leave
    ``root`` (``..`` plain or percent-encoded, backslashes, a symbolic link pointing out), a
    hidden file (the manifest and cache of the build), a file that does not exist."""
    path = unquote(urlsplit(url).path, errors="strict")
    if "\\" in path or "\0" in path or not path.startswith("/"):
        return None
    parts = [part for part in path.split("/") if part]
    if any(part in ("..", ".") or part.startswith(".") for part in parts):
        return None
    if not parts or path.endswith("/"):
        parts.append("index.html")
    top = root.resolve()
    try:
        target = top.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if target.is_dir():
        target = target / "index.html"
    if not target.is_relative_to(top) or not target.is_file():
        return None
    return target


def content_type(path: Path) -> str:
    return _TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] \
        or "application/octet-stream"


def with_script(html: bytes, build: str) -> bytes:
    """The page with the live script in its head (the file on disk is left as it is)."""
    tag = f'<script src="{SCRIPT}" data-build="{build}" defer></script>\n'.encode()
    found = _HEAD_END.search(html)
    at = found.start() if found else 0
    return html[:at] + tag + html[at:]


class PreviewServer(ThreadingHTTPServer):
    """The site's directory over HTTP, the live script and the event stream."""

    daemon_threads = True  # an open event stream does not keep the program alive

    def __init__(self, address: tuple[str, int], root: Path, live: Live) -> None:
        self.root = root
        self.live = live
        self.stopping = threading.Event()
        self.serving = False
        # Behind a loopback address, only loopback names are answered: a page of another
        # site that rebinds its DNS name to 127.0.0.1 cannot read the maps.
        self.hosts = LOOPBACK | {address[0]} if is_loopback(address[0]) else None
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host if isinstance(host, str) else host.decode()
        return f"http://[{name}]:{port}/" if ":" in name else f"http://{name}:{port}/"

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self.serving = True
        super().serve_forever(poll_interval)

    def stop(self) -> None:
        self.stopping.set()
        self.live.close()
        if self.serving:  # shutdown() waits for serve_forever, forever if it never ran
            self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "cjmap-serve"

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _refuse(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"", "text/plain; charset=utf-8", True,
                   {"Allow": "GET, HEAD"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows the builds, not every request."""

    def _answer(self, *, body: bool) -> None:
        if self.server.hosts is not None \
                and urlsplit("//" + (self.headers.get("Host") or "")).hostname \
                not in self.server.hosts:
            self._send(HTTPStatus.FORBIDDEN, b"", "text/plain; charset=utf-8", body)
            return
        path = urlsplit(self.path).path
        if path == EVENTS and body:
            self._events()
            return
        if path == SCRIPT:
            self._send(HTTPStatus.OK, _LIVE_JS.read_bytes(), _TYPES[".js"], body)
            return
        try:
            target = None if path.startswith(PREFIX) else resolve(self.server.root, self.path)
            data = target.read_bytes() if target is not None else None
        except (OSError, UnicodeDecodeError):
            target = data = None
        if target is None or data is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", body)
            return
        kind = content_type(target)
        if kind.startswith("text/html"):
            data = with_script(data, self.server.live.build)
        self._send(HTTPStatus.OK, data, kind, body)

    def _send(self, status: HTTPStatus, data: bytes, kind: str, body: bool,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        with self.server.live.stream() as stream:
            try:
                self.wfile.write(f"retry: {RETRY_MS}\n\n".encode() + self.server.live.hello())
                self.wfile.flush()
                while not self.server.stopping.is_set():
                    try:
                        message = stream.get(timeout=KEEP_ALIVE_SECONDS)
                    except queue.Empty:
                        message = b": keep-alive\n\n"
                    if message == _CLOSED:
                        return
                    self.wfile.write(message)
                    self.wfile.flush()
            except OSError:  # the page was closed or reloaded
                return


@dataclass(frozen=True)
class Watch:
    """What the watcher watches and how."""

    roots: list[Path]  # the paths given, as given (the maps' names follow them)
    output: Path
    poll: bool = False
    step_ms: int = 50  # quiet time after a change before the build starts
    poll_ms: int = 200
    # The configuration files whose change, or creation, makes the build read the
    # configuration again and build every map with it.
    configs: tuple[Path, ...] = ()



def watched(roots: Iterable[Path]) -> list[Path]:
    """The directories to watch: each directory given, and the folder of each file given (an
    editor that saves by renaming replaces the file a watch on it would hold)."""
    found: list[Path] = []
    for root in roots:
        folder = (root if root.is_dir() else root.parent).resolve()
        if folder.is_dir() and folder not in found:
            found.append(folder)
    return found


def changed_maps(watch: Watch, paths: Iterable[str]) -> set[Path]:
    """The maps among the paths the watcher saw change, named as the build names them (under
    the root given): YAML files, not in the output directory."""
    output = watch.output.resolve()
    found: set[Path] = set()
    for name in paths:
        path = Path(name)
        if path.suffix.lower() not in (".yaml", ".yml") or path.is_relative_to(output):
            continue
        for root in watch.roots:
            top = root.resolve()
            if root.is_dir() and path.is_relative_to(top):
                found.add(root / path.relative_to(top))
                break
            if not root.is_dir() and path == top:
                found.add(root)
                break
    return found


def watch_and_build(watch: Watch, options: SiteOptions, stop: Event, ready: Event,
                    built: Callable[[SiteBuild | str, set[Path], float], None],
                    reconfigure: Callable[[], SiteOptions | str] | None = None) -> None:
    """Build the site again each time maps change, until ``stop`` is set: bursts of changes
    are one build, and one build runs at a time (changes during a build wait for it). Sets
    ``ready`` once changes are being watched. Calls ``built(build, maps changed, seconds)``;
    ``build`` is the message when it failed. When one of ``watch.configs`` changes,
    ``reconfigure`` gives the options the configuration now makes (or what is wrong with it:
    the last good build stays), and every map is built with them."""
    from watchfiles import watch as watch_files

    from cjmap.site import SiteError, build_site
    from cjmap.site.build import stamp

    # The configuration is looked at each time the watch wakes (at least every READY_MS)
    # rather than watched: its folder may hold the whole repository, and watching that for
    # one file would cost a watch per directory.
    configured = [stamp(path) for path in watch.configs]
    for changes in watch_files(*watched(watch.roots), stop_event=stop, step=watch.step_ms,
                               force_polling=watch.poll, poll_delay_ms=watch.poll_ms,
                               rust_timeout=READY_MS, yield_on_timeout=True,
                               raise_interrupt=False, watch_filter=None):
        # The first answer, changes or a time-out, comes once the watch is set up.
        ready.set()
        maps = changed_maps(watch, (name for _change, name in changes))
        now = [stamp(path) for path in watch.configs]
        reconfigured = {path for path, before, after
                        in zip(watch.configs, configured, now, strict=True)
                        if before != after} if reconfigure is not None else set()
        configured = now
        if not maps and not reconfigured:
            continue
        started = time.perf_counter()
        result: SiteBuild | str
        try:
            if reconfigured and reconfigure is not None:
                again = reconfigure()
                if isinstance(again, str):
                    built(again, reconfigured, time.perf_counter() - started)
                    continue
                # The settings are part of the build's key: every map is built again.
                options, maps = again, maps | reconfigured
                result = build_site(options)
            else:
                result = build_site(options, changed=maps)
        except SiteError as error:
            result = str(error)
        except Exception as error:  # a bug in one build must not stop the preview
            result = _("internal error: {error}").format(error=error)
        built(result, maps, time.perf_counter() - started)
