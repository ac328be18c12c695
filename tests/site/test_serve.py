"""``cjmap serve`` over HTTP, as a real subprocess on loopback: only the site's files are
served (no path traversal), with their types and no caching; the live script is added to
pages as they are served; the event stream tells of each build and of invalid maps; the
watcher sees editors' saves (and, with --poll, without file events); SIGTERM stops it cleanly;
a port in use, a missing watchfiles and --open are handled."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.site.serving import copy_examples, save, serving

SHOES = "maps/running-shoes.yaml"
SHOES_PAGE = "maps/maps/running-shoes.html"


def get(port: int, path: str, method: str = "GET",
        headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy_examples(tmp_path_factory.mktemp("serve"))
    (repo / "secret.txt").write_text("the secret beside the site\n", encoding="utf-8")
    return repo


@pytest.fixture(scope="module")
def served(repo: Path) -> Any:
    with serving(repo, "maps", "-o", "site", "--today", "2026-06-01") as server:
        # A link inside the site that points out of it.
        (repo / "site" / "leak.txt").symlink_to(repo / "secret.txt")
        (repo / "site" / "maps" / "leak").symlink_to(repo, target_is_directory=True)
        yield server


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/maps/../../secret.txt",
    "/maps/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/maps\\..\\..\\secret.txt",
    "//etc/passwd", "/%2fetc/passwd", "/leak.txt", "/maps/leak/secret.txt",
    "/.cjmap-site.json", "/%2ecjmap-site.json", "/nothing-here.html", "/maps/",
    "/index.html%00.txt", "http://127.0.0.1/../secret.txt", "/__cjmap/", "/__cjmap/../index.html",
])
def test_only_the_sites_files_are_served(served: Any, path: str) -> None:
    status, _headers, body = get(served.port, path)
    assert status == 404, path
    assert b"secret" not in body and b"root:" not in body


def test_pages_are_served_with_the_live_script_which_the_files_do_not_hold(
        served: Any, repo: Path) -> None:
    for path in ("/", "/index.html", "/" + SHOES_PAGE, "/maps/maps/running-shoes.html?x=1"):
        status, headers, body = get(served.port, path)
        assert status == 200, path
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Cache-Control"] == "no-store"
        assert re.search(rb'<script src="/__cjmap/live.js" data-build="[0-9a-f]+-\d+" defer>'
                         rb'</script>\n</head>', body), path
    on_disk = (repo / "site" / SHOES_PAGE).read_bytes()
    assert b"__cjmap" not in on_disk
    assert get(served.port, "/" + SHOES_PAGE)[2].replace(
        re.search(rb'<script src="/__cjmap/[^\n]*\n', get(served.port, "/")[2])[0], b"") \
        == on_disk


@pytest.mark.parametrize(("path", "kind"), [
    ("/assets/site.css", "text/css; charset=utf-8"),
    ("/assets/site.js", "text/javascript; charset=utf-8"),
    ("/__cjmap/live.js", "text/javascript; charset=utf-8"),
    ("/maps/" + SHOES, "text/plain; charset=utf-8"),
    ("/maps/maps/running-shoes.md", "text/plain; charset=utf-8"),
    ("/sitemap.xml", "application/xml; charset=utf-8"),
])
def test_content_types(served: Any, repo: Path, path: str, kind: str) -> None:
    status, headers, body = get(served.port, path)
    assert (status, headers["Content-Type"]) == (200, kind)
    assert headers["X-Content-Type-Options"] == "nosniff"
    if not path.startswith("/__cjmap"):
        assert body == (repo / "site" / path.lstrip("/")).read_bytes()


def test_head_has_the_headers_and_no_body(served: Any) -> None:
    status, headers, body = get(served.port, "/index.html", "HEAD")
    assert status == 200 and int(headers["Content-Length"]) > 1000 and body == b""


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_only_get_and_head(served: Any, method: str) -> None:
    status, headers, _body = get(served.port, "/index.html", method)
    assert (status, headers["Allow"]) == (405, "GET, HEAD")


def test_a_page_reached_under_another_name_is_refused(served: Any) -> None:
    """DNS rebinding: a page of another site whose name now points at 127.0.0.1."""
    assert get(served.port, "/", headers={"Host": "evil.example:8000"})[0] == 403
    assert get(served.port, "/", headers={"Host": f"localhost:{served.port}"})[0] == 200


class Events:
    """The event stream as a page reads it."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        self.connection.request("GET", "/__cjmap/events")
        self.response = self.connection.getresponse()

    def next(self) -> dict[str, Any]:
        fields: dict[str, str] = {}
        while True:
            line = self.response.fp.readline().decode().rstrip("\n")
            if line == "" and "data" in fields:
                return {"event": fields.get("event"), **json.loads(fields["data"])}
            if line and not line.startswith(":"):
                name, _, value = line.partition(": ")
                fields[name] = value

    def close(self) -> None:
        self.connection.close()


def test_the_event_stream_tells_of_each_build_and_of_invalid_maps(served: Any,
                                                                  repo: Path) -> None:
    events = Events(served.port)
    try:
        assert events.response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
        hello = events.next()
        assert hello["event"] == "build" and hello["hello"] is True
        assert hello["problems"] == {} and hello["labels"]["dismiss"] == "Dismiss"
        shoes = repo / SHOES
        good = shoes.read_text(encoding="utf-8")
        save(shoes, good.replace("title: Buying a first pair of running shoes",
                                 "title: Buying a first pair of trail shoes"))
        served.wait_for(r"rebuilt maps/running-shoes\.yaml: \d+ files written")
        built = events.next()
        assert built["hello"] is False and built["build"] != hello["build"]
        assert SHOES_PAGE in built["pages"] and built["problems"] == {}
        assert "trail shoes" in get(served.port, "/" + SHOES_PAGE)[2].decode()

        save(shoes, good.replace("emotion: {score: -1,", "emotion: {score: 9,", 1))
        found = served.wait_for(r"running-shoes\.yaml:(\d+):(\d+): invalid map: (.*)")
        broken = events.next()
        problem = broken["problems"][SHOES_PAGE][0]
        assert (problem["file"], problem["line"], problem["column"]) == \
            (SHOES, int(found[1]), int(found[2]))
        assert "score: -1" in good.splitlines()[problem["line"] - 1]
        assert "9" in problem["message"]

        save(shoes, good)
        fixed = events.next()
        assert fixed["problems"] == {} and SHOES_PAGE in fixed["pages"]
    finally:
        events.close()
        save(repo / SHOES, good)


def test_a_file_that_is_not_a_map_starts_no_build(served: Any, repo: Path) -> None:
    """Nor does a comment change a page: the source is written again, no page is sent."""
    events = Events(served.port)
    try:
        events.next()
        (repo / "maps" / "notes.txt").write_text("not a map\n", encoding="utf-8")
        minimal = repo / "maps" / "minimal.yaml"
        save(minimal, minimal.read_text(encoding="utf-8") + "# saved\n")
        built = events.next()
        assert built["pages"] == []
        assert get(served.port, "/maps/maps/minimal.yaml")[2].endswith(b"# saved\n")
        assert not any("notes" in line for line in served.seen)
    finally:
        events.close()


def test_a_changed_configuration_rebuilds_every_map_with_it(tmp_path: Path) -> None:
    """Created, changed, broken (the last good build stays) and removed, as an editor saves."""
    repo = copy_examples(tmp_path)
    page = "/maps/maps/minimal.html"
    with serving(repo, "maps", "-o", "site", "--today", "2026-06-01") as server:
        assert "touchpoint-without-owner" in get(server.port, page)[2].decode()
        config = repo / ".cjmap.yaml"
        save(config, "rules:\n  touchpoint-without-owner: off\n")
        server.wait_for(r"rebuilt \.cjmap\.yaml: \d+ files written")
        assert "touchpoint-without-owner" not in get(server.port, page)[2].decode()

        save(config, "rules: [touchpoint-without-owner\n")
        server.wait_for(r"\.cjmap\.yaml:\d+:\d+")  # where the configuration is wrong
        server.wait_for("keeps its last build until the configuration is fixed")
        assert "touchpoint-without-owner" not in get(server.port, page)[2].decode()

        config.unlink()
        server.wait_for(r"rebuilt \.cjmap\.yaml: \d+ files written")
        assert "touchpoint-without-owner" in get(server.port, page)[2].decode()
    assert not any("Traceback" in line for line in server.seen)


def test_polling_sees_a_save_and_sigterm_stops_cleanly(tmp_path: Path) -> None:
    repo = copy_examples(tmp_path)
    with serving(repo, "maps/running-shoes.yaml", "--poll") as server:
        summary = next(line for line in server.seen if line.startswith("cjmap: site:"))
        output = Path(summary.rpartition(" in ")[2])
        assert output.is_dir() and (output / "index.html").is_file()
        shoes = repo / SHOES
        save(shoes, shoes.read_text(encoding="utf-8").replace("Laura", "Lucía"))
        server.wait_for(r"rebuilt maps/running-shoes\.yaml")
        assert "Lucía" in get(server.port, "/" + SHOES_PAGE)[2].decode()
        port = server.port
        assert server.stop() == 0
        server.wait_for("stopped", timeout=5)
    assert not any("Traceback" in line for line in server.seen)
    assert not output.exists()  # the temporary site is removed
    with socket.socket() as probe:  # nothing listens on the port any more
        # As a server binds: a closed connection's TIME_WAIT does not hold the port.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
        probe.listen()


def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    import signal

    repo = copy_examples(tmp_path)
    with serving(repo, "maps") as server:
        server.process.send_signal(signal.SIGINT)
        assert server.process.wait(timeout=15) == 0
        server.wait_for("stopped", timeout=5)
    assert not any("Traceback" in line for line in server.seen)


def test_a_port_in_use_is_told(tmp_path: Path) -> None:
    repo = copy_examples(tmp_path)
    with serving(repo, "maps") as first:
        done = subprocess.run([sys.executable, "-m", "cjmap", "serve", "maps", "--port",
                               str(first.port)], cwd=repo, capture_output=True, text=True,
                              timeout=60, check=False)
    assert done.returncode == 2
    assert f"port {first.port} of 127.0.0.1 is in use" in done.stderr
    assert "--port 0 picks a free one" in done.stderr and "Traceback" not in done.stderr


def test_another_host_is_warned_about(tmp_path: Path) -> None:
    """192.0.2.1 (TEST-NET-1) is nobody's address: the warning comes, then the bind fails,
    and nothing is ever exposed."""
    repo = copy_examples(tmp_path)
    done = subprocess.run([sys.executable, "-m", "cjmap", "serve", "maps", "--host",
                           "192.0.2.1"], cwd=repo, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2
    assert "warning: --host 192.0.2.1 makes the preview, and every map in it, visible to " \
        "other machines on the network" in done.stderr
    assert "cannot listen on 192.0.2.1 port 8000" in done.stderr


def test_open_opens_the_browser_once_built(tmp_path: Path) -> None:
    repo = copy_examples(tmp_path)
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > {opened}\n', encoding="utf-8")
    browser.chmod(0o755)
    with serving(repo, "maps", "--open", env={"BROWSER": f"{browser} %s"}) as server:
        for _ in range(100):
            if opened.exists() and opened.read_text():
                break
            time.sleep(0.1)
        assert opened.read_text(encoding="utf-8") == server.url


def test_without_watchfiles_it_says_what_to_install(tmp_path: Path) -> None:
    repo = copy_examples(tmp_path)
    code = ("import sys; sys.modules['watchfiles'] = None; sys.argv = ['cjmap', 'serve', "
            "'maps']; from cjmap.cli.app import main; main()")
    done = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr == "cjmap: cjmap serve needs the watchfiles package: pip install " \
        "'cjmap[serve]'\n"


def test_bad_paths_and_options_exit_2(tmp_path: Path) -> None:
    repo = copy_examples(tmp_path)
    for args, message in ((["nowhere"], "nowhere: no such file or directory"),
                          (["maps", "--today", "June"], "--today")):
        done = subprocess.run([sys.executable, "-m", "cjmap", "serve", *args], cwd=repo,
                              capture_output=True, text=True, timeout=60, check=False,
                              env={**os.environ, "COLUMNS": "200"})
        assert done.returncode == 2, args
        assert message in done.stderr and "Traceback" not in done.stderr
