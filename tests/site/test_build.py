"""cjmap site on real repositories through the real command: what it writes, exit codes,
determinism, incremental rebuilds, escaping of untrusted map text."""

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cjmap.lint.config import find, resolve
from cjmap.site import CACHE, MANIFEST, SiteBuild, SiteOptions, build_site
from tests.portfolio.repository import write_repository

Run = Callable[..., subprocess.CompletedProcess[str]]
TODAY = ("--today", "2026-06-01")

HOSTILE = """\
cjmap: 1
title: "</script><script>alert('title')</script> & co"
tags: ["javascript:alert(1)", "<b>bold</b>", "Café"]
persona: "<img src=x onerror=alert(1)>"
steps:
  - name: "Step </script><!-- x, café"
    touchpoints: [{name: "\\u2028 line separator", channel: Web}]
"""


STAMPS = f"{CACHE}/stamps.json"


def files_of(site: Path) -> dict[str, bytes]:
    """Every file of the site but the maps' file statuses, which are this machine's."""
    return {name: path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file() and (name := str(path.relative_to(site))) != STAMPS}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_repository(tmp_path / "repo")


def test_an_invalid_map_fails_the_run_but_the_site_is_built(repo: Path, run_cli: Run) -> None:
    done = run_cli("site", "maps", *TODAY, cwd=repo)
    assert done.returncode == 1, done.stderr
    assert "maps/broken.yaml:5:14: invalid map:" in done.stderr
    assert done.stderr.splitlines()[-1] == \
        "cjmap: site: 5 maps (1 invalid), 30 files written, 0 removed, in _site"
    site = repo / "_site"
    broken = (site / "maps/maps/broken.html").read_text(encoding="utf-8")
    assert "Validation problems" in broken and "maps/broken.yaml:5:14" in broken
    assert (site / "maps/maps/broken.yaml").read_bytes() == (repo / "maps/broken.yaml").read_bytes()
    shoes = (site / "maps/maps/shoes.html").read_text(encoding="utf-8")
    # The renderer's page, with the site's bar, its lint findings and its other files.
    assert "Buying running shoes" in shoes and 'class="site-bar' in shoes
    assert "Lint findings" in shoes and 'href="../../maps/maps/shoes.md"' in shoes
    for page in ("index.html", "personas/index.html", "tags/index.html",
                 "portfolio/coverage.html", "portfolio/weakest.html", "portfolio/backlog.html",
                 "portfolio/freshness.html", "sitemap.xml", "assets/search-index.js"):
        assert (site / page).is_file(), page


def test_all_valid_is_exit_0_and_one_summary_line(repo: Path, run_cli: Run) -> None:
    (repo / "maps/broken.yaml").unlink()
    done = run_cli("site", "maps", *TODAY, "-o", "out", cwd=repo)
    assert done.returncode == 0
    assert done.stderr == "cjmap: site: 4 maps (0 invalid), 28 files written, 0 removed, in out\n"
    assert done.stdout == ""


def test_lint_findings_follow_the_repository_configuration(repo: Path, run_cli: Run) -> None:
    run_cli("site", "maps", *TODAY, cwd=repo)
    page = (repo / "_site/maps/maps/shoes.html").read_text(encoding="utf-8")
    assert "touchpoint-without-owner" in page
    (repo / ".cjmap.yaml").write_text("rules:\n  touchpoint-without-owner: off\n",
                                      encoding="utf-8")
    done = run_cli("site", "maps", *TODAY, cwd=repo)
    page = (repo / "_site/maps/maps/shoes.html").read_text(encoding="utf-8")
    assert "touchpoint-without-owner" not in page, done.stderr


def test_two_builds_are_byte_identical(repo: Path, run_cli: Run, tmp_path: Path) -> None:
    """Every file, the manifest and the cache included (but the maps' file statuses), from two
    cold builds and from a cold and an incremental one; without --today, SOURCE_DATE_EPOCH
    gives the day."""
    epoch = {"SOURCE_DATE_EPOCH": "1780272000"}  # 2026-06-01
    run_cli("site", "maps", "-o", "one", cwd=repo, env=epoch)
    run_cli("site", "maps", "-o", "two", cwd=repo, env=epoch)
    one, two = files_of(repo / "one"), files_of(repo / "two")
    assert one.keys() == two.keys() and len(one) > 30
    assert [name for name in one if one[name] != two[name]] == []
    assert json.loads(one[MANIFEST])["key"]["today"] == "2026-06-01"
    # Incremental: change a map, build, change it back, build: as cold.
    shoes = repo / "maps/shoes.yaml"
    original = shoes.read_text(encoding="utf-8")
    shoes.write_text(original.replace("Buying running shoes", "Buying shoes"), encoding="utf-8")
    run_cli("site", "maps", "-o", "two", cwd=repo, env=epoch)
    shoes.write_text(original, encoding="utf-8")
    run_cli("site", "maps", "-o", "two", cwd=repo, env=epoch)
    again = files_of(repo / "two")
    assert [name for name in one if one[name] != again.get(name)] == []


def _as_cold(repo: Path, run_cli: Run, output: str = "warm") -> None:
    """The tree of ``output`` is the tree a cold build of the maps writes, file for file."""
    shutil.rmtree(repo / "cold", ignore_errors=True)
    run_cli("site", "maps", *TODAY, "-o", "cold", cwd=repo)
    warm, cold = files_of(repo / output), files_of(repo / "cold")
    assert warm.keys() == cold.keys() and len(warm) > 30
    assert [name for name in cold if cold[name] != warm[name]] == []


def test_a_one_map_rebuild_gives_the_tree_of_a_cold_build(repo: Path, run_cli: Run) -> None:
    """A rebuild after one map changed, in each part of what the shared pages show and then in
    nothing they show, writes the same files, manifest and cache included, as a cold build of
    the same maps; so do rebuilds after a map turned invalid and valid again, was removed and
    came back; and what older cjmap versions cached (a folder of a file per map, then a file of
    every map's record) goes."""
    run_cli("site", "maps", *TODAY, "-o", "warm", cwd=repo)
    legacy = repo / "warm/.cjmap-site.cache"
    legacy.mkdir()
    (legacy / "0123.pickle").write_bytes(b"old")
    records = repo / "warm/.cjmap-site.records"
    records.write_bytes(b"old")
    shoes = repo / "maps/shoes.yaml"
    original = shoes.read_text(encoding="utf-8")
    for text in (original.replace("Buying running shoes", "Buying trail shoes", 1),
                 original.replace("simple: 4, relevant: 4", "simple: 1, relevant: 4"),
                 original.replace("score: 0, label: curious", "score: -2, label: curious"),
                 original.replace("priority: high", "priority: low"),
                 original.replace("actual: 12", "actual: 7"),
                 original.replace("cadence: yearly", "cadence: monthly"),
                 original.replace("persona: Laura, the new runner", "persona: Lola"),
                 original.replace("title: Buying running shoes", "title: [unclosed"),
                 original,
                 original + "# a note\n"):
        shoes.write_text(text, encoding="utf-8")
        run_cli("site", "maps", *TODAY, "-o", "warm", cwd=repo)
        _as_cold(repo, run_cli)
    assert not legacy.exists() and not records.exists()
    shoes.unlink()
    run_cli("site", "maps", *TODAY, "-o", "warm", cwd=repo)
    _as_cold(repo, run_cli)
    shoes.write_text(original, encoding="utf-8")
    run_cli("site", "maps", *TODAY, "-o", "warm", cwd=repo)
    _as_cold(repo, run_cli)


def test_a_rebuild_reads_only_the_parts_it_puts_together(repo: Path, run_cli: Run) -> None:
    """A score changed puts the ranking together again, not the backlog: its parts are not even
    read. Once the backlog's parts are needed and found damaged, or all the parts are gone,
    every map is built again, and the tree is as a cold build's."""
    run_cli("site", "maps", *TODAY, "-o", "warm", cwd=repo)
    parts = repo / "warm" / CACHE
    backlog = parts / "backlog.pickle"
    backlog.write_bytes(b"damaged")
    shoes = repo / "maps/shoes.yaml"
    original = shoes.read_text(encoding="utf-8")
    shoes.write_text(original.replace("simple: 4, relevant: 4", "simple: 1, relevant: 4"),
                     encoding="utf-8")
    done = run_cli("site", "maps", *TODAY, "-o", "warm", cwd=repo)
    assert "4 files written" in done.stderr, done.stderr  # the map's three files, the ranking
    assert backlog.read_bytes() == b"damaged"
    shoes.write_text(original.replace("priority: high", "priority: low"), encoding="utf-8")
    run_cli("site", "maps", *TODAY, "-o", "warm", cwd=repo)
    _as_cold(repo, run_cli)
    shutil.rmtree(parts)
    shoes.write_text(original, encoding="utf-8")
    run_cli("site", "maps", *TODAY, "-o", "warm", cwd=repo)
    _as_cold(repo, run_cli)


def test_processes_share_out_the_maps_and_pages_without_changing_a_byte(
        repo: Path, run_cli: Run) -> None:
    """Enough maps for the maps, and then the pages made from all of them, to be shared out
    among processes: the same files, manifest and cache included, as one process makes; and
    a one-map rebuild in several processes as a cold build in one."""
    shoes = (repo / "maps/shoes.yaml").read_text(encoding="utf-8")
    (repo / "maps/more").mkdir()
    for number in range(30):
        (repo / f"maps/more/shoes-{number}.yaml").write_text(
            shoes.replace("Buying running shoes", f"Buying shoes {number}"), encoding="utf-8")
    for output, jobs in (("one", "1"), ("two", "2")):
        done = run_cli("site", "maps", *TODAY, "-o", output, "--jobs", jobs, cwd=repo)
        assert "35 maps (1 invalid)" in done.stderr, done.stderr
    one, two = files_of(repo / "one"), files_of(repo / "two")
    assert one.keys() == two.keys() and len(one) > 120
    assert [name for name in one if one[name] != two[name]] == []
    changed = repo / "maps/more/shoes-7.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Buying shoes 7", "Shoes"),
                       encoding="utf-8")
    for output, jobs in (("one", "2"), ("cold", "1")):
        run_cli("site", "maps", *TODAY, "-o", output, "--jobs", jobs, cwd=repo)
    one, cold = files_of(repo / "one"), files_of(repo / "cold")
    assert one.keys() == cold.keys()
    assert [name for name in cold if cold[name] != one[name]] == []


def test_a_rebuild_writes_only_what_changed(repo: Path, run_cli: Run) -> None:
    run_cli("site", "maps", *TODAY, cwd=repo)
    site = repo / "_site"
    untouched = site / "maps/maps/meal.html"
    stamp = untouched.stat().st_mtime_ns
    done = run_cli("site", "maps", *TODAY, cwd=repo)
    assert "0 files written, 0 removed" in done.stderr
    # A comment: the source copy changes, no page does.
    shoes = repo / "maps/shoes.yaml"
    shoes.write_text(shoes.read_text(encoding="utf-8") + "# a note\n", encoding="utf-8")
    done = run_cli("site", "maps", *TODAY, cwd=repo)
    assert "1 files written" in done.stderr
    # A new title: its page, and the shared pages that show titles.
    shoes.write_text(shoes.read_text(encoding="utf-8").replace(
        "title: Buying running shoes", "title: Buying trail shoes"), encoding="utf-8")
    built = _api_build(repo)  # the API says which files it wrote
    assert "maps/maps/shoes.html" in built.written and "index.html" in built.written
    assert "assets/search-index.js" in built.written
    assert not any(name.startswith("maps/maps/meal") for name in built.written)
    assert "portfolio/coverage.html" not in built.written  # no touchpoint changed
    assert untouched.stat().st_mtime_ns == stamp
    # A removed map disappears from the site.
    (repo / "maps/meal.yaml").unlink()
    built = _api_build(repo)
    # Its files, and the pages of the personas only it had.
    assert set(built.removed) == {"maps/maps/meal.html", "maps/maps/meal.md",
                                  "maps/maps/meal.yaml", "personas/kim.html",
                                  "personas/sam.html"}
    assert not (site / "maps/maps/meal.html").exists()
    assert "meal.html" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def _api_build(repo: Path, changed: list[Path] | None = None) -> SiteBuild:
    """build_site as cjmap serve calls it, from the repository's root."""
    cwd = Path.cwd()
    os.chdir(repo)
    try:
        options = SiteOptions([Path("maps")], Path("_site"), resolve(find(repo), repo),
                              date(2026, 6, 1))
        return build_site(options, changed=changed)
    finally:
        os.chdir(cwd)


def test_changed_tells_the_builder_what_to_read(repo: Path, run_cli: Run) -> None:
    """A watcher passes the changed files; the others are not even read."""
    run_cli("site", "maps", *TODAY, cwd=repo)
    shoes = repo / "maps/shoes.yaml"
    shoes.write_text(shoes.read_text(encoding="utf-8").replace(
        "Buying running shoes", "Running shoes"), encoding="utf-8")
    meal = repo / "maps/meal.yaml"
    meal.chmod(0)  # unreadable: a build that read it would show it as a problem
    try:
        built = _api_build(repo, changed=[Path("maps/shoes.yaml")])
    finally:
        meal.chmod(0o644)
    assert "maps/maps/shoes.html" in built.written and not built.cold
    assert "maps/meal.yaml" not in built.problems


def test_the_output_inside_the_maps_is_not_scanned(repo: Path, run_cli: Run) -> None:
    first = run_cli("site", ".", *TODAY, cwd=repo)
    second = run_cli("site", ".", *TODAY, cwd=repo)
    assert "5 maps" in first.stderr and "5 maps (1 invalid), 0 files written" in second.stderr


def test_map_text_cannot_inject_markup_or_script(tmp_path: Path, run_cli: Run) -> None:
    (tmp_path / "evil.yaml").write_text(HOSTILE, encoding="utf-8")
    done = run_cli("site", "evil.yaml", *TODAY, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    site = tmp_path / "_site"
    search = (site / "assets/search-index.js").read_text(encoding="utf-8")
    assert "<" not in search and "\u2028" not in search
    assert json.loads(search.removeprefix("window.CJMAP_SEARCH = ").removesuffix(";\n"))[
        "maps"][0][1].startswith("</script>")
    for name in ("index.html", "tags/index.html", "personas/index.html"):
        html = (site / name).read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
    tags = (site / "tags/index.html").read_text(encoding="utf-8")
    # A tag's page is a plain file name, whatever the tag says.
    assert 'href="../tags/javascript-alert-1-' in tags and 'href="javascript:' not in tags
    # The map's own page links each of its tags to that page, escaped as any text is.
    page = (site / "maps/evil.html").read_text(encoding="utf-8")
    chips = page.split('<ul class="tags"', 1)[1].split("</ul>", 1)[0]
    linked = re.findall(r'<li><a href="(\.\./tags/[^"]+)">([^<]+)</a></li>', chips)
    assert [text for _, text in linked] == ["javascript:alert(1)", "&lt;b&gt;bold&lt;/b&gt;",
                                            "Café"]
    for target, _ in linked:
        assert (site / "maps" / target).resolve().is_file(), target


def test_bad_options_are_usage_errors(repo: Path, run_cli: Run) -> None:
    done = run_cli("site", "maps", "--base-url", "javascript:alert(1)", cwd=repo)
    assert done.returncode == 2 and "--base-url must be an http:// or https:// URL" in done.stderr
    done = run_cli("site", "nowhere", cwd=repo)
    assert done.returncode == 2 and "nowhere: no such file or directory" in done.stderr
    done = run_cli("site", "-", cwd=repo, input="cjmap: 1\ntitle: x\nsteps: [a]\n")
    assert done.returncode == 2 and "standard input (-) has no path" in done.stderr
    run_cli("site", "maps", "-o", "maps/site", cwd=repo)
    done = run_cli("site", "maps/site/maps/maps/shoes.yaml", "-o", "maps/site", cwd=repo)
    assert done.returncode == 2 and "is inside the output directory maps/site" in done.stderr
    (repo / "taken").write_text("a file", encoding="utf-8")
    done = run_cli("site", "maps", "-o", "taken", cwd=repo)
    assert done.returncode == 2 and "cannot write" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_sitemap_uses_the_base_url(repo: Path, run_cli: Run) -> None:
    run_cli("site", "maps", *TODAY, "--base-url", "https://example.org/cx", cwd=repo)
    sitemap = (repo / "_site/sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/cx/index.html</loc>" in sitemap
    assert "<loc>https://example.org/cx/maps/maps/shoes.html</loc>" in sitemap
    # The pages' links stay relative.
    index = (repo / "_site/index.html").read_text(encoding="utf-8")
    assert "example.org" not in index


def test_spanish_labels(repo: Path, run_cli: Run) -> None:
    run_cli("site", "maps", *TODAY, "--lang", "es", cwd=repo)
    index = (repo / "_site/index.html").read_text(encoding="utf-8")
    assert '<html lang="es">' in index and "Buscar en los mapas" in index
    assert "Filtrar los mapas" in index
    # Stage models by their names in words, in the column and the filter; ids stay the values.
    assert "<td>Las tres agrupaciones</td>" in index
    assert '<option value="consideration-evaluation-purchase">Las tres agrupaciones</option>' \
        in index
    assert "<td>consideration-evaluation-purchase</td>" not in index


def test_svg_is_drawn_on_demand(repo: Path, run_cli: Run) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    (repo / "maps/broken.yaml").unlink()
    done = run_cli("site", "maps/shoes.yaml", *TODAY, "--svg", cwd=repo)
    assert done.returncode == 0, done.stderr
    svg = repo / "_site/maps/maps/shoes.svg"
    assert svg.read_bytes().lstrip().startswith(b"<?xml") and b"<svg" in svg.read_bytes()
    assert 'href="../../maps/maps/shoes.svg"' in (repo / "_site/maps/maps/shoes.html").read_text(
        encoding="utf-8")


def test_a_map_cjmap_fails_on_is_shown_invalid_and_built_again_next_time(
        repo: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug on one map (here made to happen) does not stop the build: the map is listed as
    invalid on every page that lists maps, and the next build, the bug gone, builds it again
    and writes the tree of a cold build."""
    from cjmap.site import build as site_build

    real = site_build.build_map

    def failing(path: Path, source: str, work: object, digest: str) -> object:
        if path.name == "shoes.yaml":
            raise RuntimeError("a bug")
        return real(path, source, work, digest)  # type: ignore[arg-type]

    monkeypatch.setattr(site_build, "build_map", failing)
    built = _api_build(repo.parent / "repo")
    assert "maps/shoes.yaml" in built.unreadable
    page = (repo / "_site/maps/maps/shoes.html").read_text(encoding="utf-8")
    assert "cjmap failed on this file: RuntimeError: a bug" in page
    assert "maps/shoes.yaml" in (repo / "_site/portfolio/weakest.html").read_text(
        encoding="utf-8")
    monkeypatch.setattr(site_build, "build_map", real)
    run_cli("site", "maps", *TODAY, cwd=repo)
    _as_cold(repo, run_cli, "_site")


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the map files a build reads from now on (to sniff, hash or copy them),
    every file's status counted as settled, however new."""
    from cjmap.files import discovery
    from cjmap.site import build as site_build

    read: list[str] = []
    sniff, read_bytes = discovery._sniff, site_build._read

    def sniffed(path: Path) -> tuple[object, bytes | None]:
        read.append(path.name)
        return sniff(path)

    def hashed(path: Path) -> bytes:
        read.append(path.name)
        return read_bytes(path)

    monkeypatch.setattr(discovery, "_sniff", sniffed)
    monkeypatch.setattr(site_build, "_read", hashed)
    monkeypatch.setattr(site_build, "_SETTLED_NS", -10**12)
    return read


def test_a_map_whose_file_status_is_unchanged_is_not_read(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second build reads no map; a map rewritten with its size and modification time
    kept (its change time moves) is read and built again; statuses written beside another
    build's manifest are not trusted."""
    read = _reads(monkeypatch)
    _api_build(repo)
    assert "shoes.yaml" in read
    read.clear()
    assert _api_build(repo).written == []
    assert read == []
    shoes = repo / "maps/shoes.yaml"
    status = shoes.stat()
    text = shoes.read_text(encoding="utf-8")
    shoes.write_text(text.replace("Buying running shoes", "Buying trail shoes!!"),
                     encoding="utf-8")
    os.utime(shoes, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert shoes.stat().st_size == status.st_size
    built = _api_build(repo)
    assert set(read) == {"shoes.yaml"}  # sniffed, then copied into the site
    assert "maps/maps/shoes.html" in built.written
    stamps = repo / "_site" / STAMPS
    kept = stamps.read_bytes()
    shoes.write_text(text, encoding="utf-8")
    _api_build(repo)
    stamps.write_bytes(kept)  # the statuses of the build before, beside this build's manifest
    read.clear()
    assert _api_build(repo).written == []
    assert sorted(read) == sorted(path.name for path in (repo / "maps").glob("*.yaml"))


def test_a_file_status_is_kept_only_once_settled(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file changed again within its file system's timestamp tick can keep its status: a
    status younger than the time it takes to settle is not kept, so the map is read by the
    next build. (Here the maps are a few seconds old and the time is set to a day.)"""
    from cjmap.site import build as site_build

    monkeypatch.setattr(site_build, "_SETTLED_NS", 86_400 * 10**9)
    _api_build(repo)
    assert json.loads((repo / "_site" / STAMPS).read_bytes())["maps"] == {}
    monkeypatch.setattr(site_build, "_SETTLED_NS", 0)
    _api_build(repo)
    assert "maps/shoes.yaml" in json.loads((repo / "_site" / STAMPS).read_bytes())["maps"]


def test_a_map_taken_on_a_watchers_word_keeps_no_status(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A map the watcher did not name is taken unchanged without being read: its status is not
    kept, as what its file holds now was not hashed."""
    _reads(monkeypatch)
    _api_build(repo)
    meal = repo / "maps/meal.yaml"
    meal.write_text(meal.read_text(encoding="utf-8") + "# unseen\n", encoding="utf-8")
    _api_build(repo, changed=[Path("maps/shoes.yaml")])
    stamps = json.loads((repo / "_site" / STAMPS).read_bytes())["maps"]
    assert "maps/shoes.yaml" in stamps and "maps/meal.yaml" not in stamps
    built = _api_build(repo)
    assert "maps/maps/meal.yaml" in built.written


def test_each_row_of_a_portfolio_page_links_to_its_map(repo: Path, run_cli: Run) -> None:
    """What a row of a portfolio page is (a touchpoint, an opportunity, a map's review) links
    to the page of its map, relative to the page, at the step it is in (a review is in none);
    a page of one table has no table of
    contents (the repository's invalid map makes a second table, until it is gone). The
    report, a page on its own, links to no map."""
    run_cli("site", "maps", *TODAY, cwd=repo)
    for table, link in (("weakest", '"../maps/maps/shoes.html#step-chooses-a-size">Size guide'),
                        ("freshness", '"../maps/maps/shoes.html">shoes')):
        page = (repo / f"_site/portfolio/{table}.html").read_text(encoding="utf-8")
        assert f"<a href={link}</a>" in page, table
        assert '<nav><ul><li><a href="#invalid">' in page
    (repo / "maps/broken.yaml").unlink()
    run_cli("site", "maps", *TODAY, cwd=repo)
    assert "<nav>" not in (repo / "_site/portfolio/weakest.html").read_text(encoding="utf-8")
    report = run_cli("report", "maps", *TODAY, "--format", "html", cwd=repo).stdout
    assert "<nav><ul>" in report and 'href="../maps' not in report
