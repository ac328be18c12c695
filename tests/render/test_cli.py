"""``cjmap render`` as users run it: every format for every example, where files go, standard
output, invalid maps, usage errors, atomic and deterministic writes."""

import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, example_maps, require

FORMATS = ["svg", "png", "pdf", "dot", "html", "mermaid", "md", "csv", "xlsx"]
EXTENSIONS = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "html": ".html",
              "mermaid": ".mmd", "md": ".md", "csv": ".csv", "xlsx": ".xlsx"}
MAGIC = {"svg": b"<?xml", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "dot": b"digraph ",
         "html": b"<!doctype html>", "mermaid": b"journey\n    title ", "md": b"# ",
         "csv": b"\xef\xbb\xbf", "xlsx": b"PK\x03\x04"}
GOOD = "cjmap: 1\ntitle: Fine\nsteps: [Searches, Buys]\n"
BAD = "cjmap: 1\ntitle: Broken\nsteps:\n  - name: Searches\n    emotion: 7\n"


def render_bytes(*args: str, cwd: Path = ROOT, input: bytes | None = None,
                 ) -> subprocess.CompletedProcess[bytes]:
    """The real command with its output as bytes (``-o -`` may write a PNG)."""
    return subprocess.run([sys.executable, "-m", "cjmap", "render", *args], cwd=cwd,
                          input=input, capture_output=True, timeout=120, check=False)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_for_every_example_byte_identical_between_runs(fmt, run_cli, tmp_path):
    if fmt in ("svg", "png", "pdf"):
        require("dot", "svg, png and pdf are drawn by Graphviz")
    runs = []
    for name in ("one", "two"):
        result = run_cli("render", "examples", "--format", fmt, "--out-dir",
                         str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        assert result.stderr == f"rendered {len(example_maps())} maps to {tmp_path / name}/\n"
        runs.append({p.relative_to(tmp_path / name): p.read_bytes()
                     for p in sorted((tmp_path / name).rglob("*")) if p.is_file()})
    expected = {Path("examples", m.stem + EXTENSIONS[fmt]) for m in example_maps()}
    assert set(runs[0]) == expected
    for path in expected:
        data = runs[0][path]
        if fmt == "mermaid":
            # Front matter first when the diagram asks for wider boxes (docs/render.md).
            data = re.sub(rb"\A---\nconfig:\n(?:  .*\n)+---\n", b"", data)
        assert data[:len(MAGIC[fmt])].lower() == MAGIC[fmt].lower(), path
    assert runs[0] == runs[1]


def test_output_dash_writes_binary_to_stdout_unchanged(tmp_path):
    require("dot", "png is drawn by Graphviz")
    example = str(ROOT / "examples" / "running-shoes.yaml")
    piped = render_bytes(example, "--format", "png", "-o", "-")
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == b""  # no summary mixed into a pipe's neighbour either
    written = render_bytes(example, "--format", "png", "-o", str(tmp_path / "shoes.png"))
    assert written.returncode == 0
    assert written.stderr.decode() == f"rendered {example} to {tmp_path / 'shoes.png'}\n"
    assert piped.stdout == (tmp_path / "shoes.png").read_bytes()
    assert piped.stdout.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_binary_output_is_not_poured_onto_a_terminal(fmt):
    main, child = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "cjmap", "render", "examples/minimal.yaml",
                           "-f", fmt, "-o", "-"], stdout=child, stderr=subprocess.PIPE,
                          cwd=ROOT, timeout=120, check=False)
    os.close(child)
    os.close(main)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        f"cjmap: not writing {fmt.upper()} data to a terminal; redirect it (-o - > map.png) "
        "or name a file with -o FILE\n")


def test_stdin_map_to_stdout(run_cli):
    result = run_cli("render", "-", "--format", "mermaid", "-o", "-", input=GOOD)
    assert result.returncode == 0, result.stderr
    # No step records an emotion: a timeline, not a journey of made-up neutral scores.
    assert result.stdout == ("timeline\n    title Fine\n    section Consideration\n"
                             "      Searches\n      Buys\n")


def test_no_map_renders_every_map_under_the_current_directory_into_rendered(run_cli, tmp_path):
    for folder in ("maps/a", "maps/b", "notes"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "maps/a/journey.yaml").write_text(GOOD)
    (tmp_path / "maps/b/journey.yaml").write_text(GOOD.replace("Fine", "Other"))
    (tmp_path / "top.yml").write_text(GOOD)
    (tmp_path / "notes/config.yaml").write_text("not: a map\n")
    result = run_cli("render", "--format", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "rendered 3 maps to rendered/\n"
    written = sorted(p.relative_to(tmp_path).as_posix()
                     for p in (tmp_path / "rendered").rglob("*") if p.is_file())
    # Two maps with the same file name do not collide: the paths are mirrored.
    assert written == ["rendered/maps/a/journey.md", "rendered/maps/b/journey.md",
                       "rendered/top.md"]
    assert (tmp_path / "rendered/maps/b/journey.md").read_text().startswith("# Other\n")
    # A second run does not pick up its own output as maps.
    again = run_cli("render", "--format", "md", cwd=tmp_path)
    assert again.stderr == "rendered 3 maps to rendered/\n"


def test_maps_outside_the_current_directory_keep_their_whole_path(run_cli, tmp_path):
    (tmp_path / "work").mkdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "a.yaml").write_text(GOOD)
    result = run_cli("render", "../maps/a.yaml", "-f", "md", cwd=tmp_path / "work")
    assert result.returncode == 0, result.stderr
    written = list((tmp_path / "work" / "rendered").rglob("*.md"))
    maps = (tmp_path / "maps").resolve()
    assert written == [tmp_path / "work" / "rendered" / Path(*maps.parts[1:]) / "a.md"]


def test_invalid_map_is_reported_like_validate_and_the_others_still_render(run_cli, tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD)
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "also-good.yaml").write_text(GOOD)
    validate = run_cli("validate", "--quiet", "bad.yaml", cwd=tmp_path)
    result = run_cli("render", "--format", "mermaid", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == validate.stdout + "rendered 2 maps to rendered/; 1 not rendered\n"
    assert "bad.yaml:5:14: error: 'emotion' must be at most 2, not 7 [schema]" in result.stderr
    assert sorted(p.name for p in (tmp_path / "rendered").iterdir()) == \
        ["also-good.mmd", "good.mmd"]


def test_invalid_single_map_with_output_file_writes_nothing(run_cli, tmp_path):
    (tmp_path / "bad.yaml").write_text(BAD)
    result = run_cli("render", "bad.yaml", "-f", "md", "-o", "out.md", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.endswith("no map rendered\n")
    assert not (tmp_path / "out.md").exists()


def test_output_file_with_several_maps_is_a_usage_error(run_cli, tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD)
    result = run_cli("render", "a.yaml", "b.yaml", "-f", "md", "-o", "out.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("cjmap: -o names one output file but 2 maps were given; use "
                             "--out-dir DIR to render several maps\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml"]


def test_output_and_out_dir_together_is_a_usage_error(run_cli, tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    result = run_cli("render", "a.yaml", "-o", "x.md", "--out-dir", "d", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot be used together" in result.stderr


@pytest.mark.parametrize("args", [["--format", "jpeg"], ["--lang", "fr"]])
def test_bad_option_values_are_usage_errors(run_cli, args):
    result = run_cli("render", "examples/minimal.yaml", *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Invalid value" in result.stderr


def test_missing_path_and_empty_directory_exit_2(run_cli, tmp_path):
    (tmp_path / "empty").mkdir()
    missing = run_cli("render", "nope.yaml", "-f", "md", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.startswith("nope.yaml:1:1: error: no such file or directory [file]")
    empty = run_cli("render", "empty", "-f", "md", cwd=tmp_path)
    assert empty.returncode == 2
    assert "no journey maps found in empty" in empty.stderr


def test_writes_are_atomic_and_replace_the_old_file_whole(run_cli, tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    target = tmp_path / "out" / "a.md"
    target.parent.mkdir()
    target.write_text("x" * 100_000)
    result = run_cli("render", "a.yaml", "-f", "md", "--out-dir", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("# Fine\n") and "x" * 10 not in target.read_text()
    assert [p.name for p in target.parent.iterdir()] == ["a.md"]  # no temporary file left
    assert oct(target.stat().st_mode & 0o777) != oct(0o600)  # readable by others, as usual


def test_unwritable_destination_is_reported_without_traceback(run_cli, tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "out").write_text("a file where the directory should be")
    result = run_cli("render", "a.yaml", "-f", "md", "--out-dir", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("cjmap: a.yaml: cannot write out/a.md")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_lang_overrides_the_labels(run_cli):
    english = run_cli("render", "examples/running-shoes.yaml", "-f", "md", "-o", "-")
    spanish = run_cli("render", "examples/running-shoes.yaml", "-f", "md", "-o", "-",
                      "--lang", "es")
    assert "| Step | Emotion |" in english.stdout
    assert "| Paso | Emoción |" in spanish.stdout


def test_touchpoints_and_mermaid_options_reach_the_renderers(run_cli):
    plain = run_cli("render", "examples/running-shoes.yaml", "-f", "dot", "-o", "-")
    detailed = run_cli("render", "examples/running-shoes.yaml", "-f", "dot", "-o", "-",
                       "--touchpoints")
    assert "Blog for new runners" not in plain.stdout
    assert "◦ Blog for new runners" in detailed.stdout
    report = run_cli("render", "examples/running-shoes.yaml", "-f", "md", "-o", "-", "--mermaid")
    assert "```mermaid\n---\nconfig:\n  journey:\n    width: 200\n---\njourney\n" in report.stdout


def test_many_maps_render_in_parallel_like_one_by_one(run_cli, tmp_path):
    maps = tmp_path / "maps"
    maps.mkdir()
    for index in range(30):
        shutil.copy(ROOT / "examples" / "minimal.yaml", maps / f"m{index:02d}.yaml")
    serial = run_cli("render", "maps", "-f", "md", "-j", "1", "--out-dir", "one", cwd=tmp_path)
    parallel = run_cli("render", "maps", "-f", "md", "-j", "2", "--out-dir", "two",
                       cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 0
    one = {p.name: p.read_bytes() for p in (tmp_path / "one" / "maps").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two" / "maps").iterdir()}
    assert len(one) == 30 and one == two


# Symbolic links and read-only files: a path cjmap chooses under the output directory is never
# written through a link; a path the user names follows links, as a shell redirection does.

def _repository(tmp_path: Path) -> tuple[Path, Path]:
    """A repository with maps/a.yaml and, beside it, a victim file outside the repository."""
    repo, victim = tmp_path / "repo", tmp_path / "victim" / "authorized_keys"
    (repo / "maps").mkdir(parents=True)
    (repo / "maps" / "a.yaml").write_text(GOOD)
    victim.parent.mkdir()
    victim.write_text("ssh-ed25519 AAAA\n")
    return repo, victim


def test_a_committed_link_in_place_of_a_drawing_is_replaced_not_written_through(run_cli,
                                                                                 tmp_path):
    require("dot", "svg is drawn by Graphviz")
    repo, victim = _repository(tmp_path)
    link = repo / "rendered" / "maps" / "a.svg"
    link.parent.mkdir(parents=True)
    link.symlink_to(Path("../../../victim/authorized_keys"))
    result = run_cli("render", "maps/a.yaml", "-f", "svg", cwd=repo)
    assert (result.returncode, result.stderr) == (0, "rendered 1 map to rendered/\n")
    assert victim.read_text() == "ssh-ed25519 AAAA\n"
    assert not link.is_symlink() and link.read_bytes().startswith(b"<?xml")


@pytest.mark.parametrize(("out_dir", "linked"), [
    (None, "rendered"),            # the default output directory, chosen by cjmap
    (None, "rendered/maps"),
    ("site", "site/maps"),         # a directory inside the one the user named
])
@pytest.mark.parametrize("dangling", [False, True])
def test_a_linked_directory_under_the_output_directory_is_refused(run_cli, tmp_path, out_dir,
                                                                  linked, dangling):
    repo, victim = _repository(tmp_path)
    (repo / linked).parent.mkdir(parents=True, exist_ok=True)
    target = victim.parent / "new" if dangling else victim.parent
    (repo / linked).symlink_to(target)
    result = run_cli("render", "maps/a.yaml", "-f", "md",
                     *(["--out-dir", out_dir] if out_dir else []), cwd=repo)
    assert result.returncode == 2
    where = f"{out_dir or 'rendered'}/maps/a.md"
    assert result.stderr == (f"cjmap: maps/a.yaml: cannot write {where}: {linked} is a symbolic "
                             "link, and cjmap writes nothing through a link it did not make: "
                             "remove the link\nno map rendered\n")
    # Nothing written where the link points, and no directory made along a dangling one.
    assert [p.name for p in victim.parent.iterdir()] == ["authorized_keys"]
    assert victim.read_text() == "ssh-ed25519 AAAA\n"


def test_the_output_directory_named_and_a_file_named_with_o_follow_links(run_cli, tmp_path):
    repo, victim = _repository(tmp_path)
    (repo / "site").symlink_to(victim.parent)
    result = run_cli("render", "maps/a.yaml", "-f", "md", "--out-dir", "site", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert (victim.parent / "maps" / "a.md").read_text().startswith("# Fine\n")
    (repo / "latest.md").symlink_to(victim)
    result = run_cli("render", "maps/a.yaml", "-f", "md", "-o", "latest.md", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert (repo / "latest.md").is_symlink() and victim.read_text().startswith("# Fine\n")


@pytest.mark.parametrize("args", [["-o", "out/a.md"], ["--out-dir", "out"]])
def test_a_read_only_output_file_is_replaced_only_with_force(run_cli, tmp_path, args):
    # Tests run as root too, where the mode bits, not the kernel, have to refuse the write.
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "a.yaml").write_text(GOOD)
    target = tmp_path / "out" / ("a.md" if args[0] == "-o" else "maps/a.md")
    target.parent.mkdir(parents=True)
    target.write_text("kept")
    target.chmod(0o444)
    refused = run_cli("render", "maps/a.yaml", "-f", "md", *args, cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"cjmap: maps/a.yaml: cannot write "
                                     f"{target.relative_to(tmp_path)}: it is read-only; "
                                     "--force replaces it\n")
    assert target.read_text() == "kept"
    forced = run_cli("render", "maps/a.yaml", "-f", "md", *args, "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert target.read_text().startswith("# Fine\n")
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.md"]


def test_output_file_in_missing_directories_creates_them(run_cli, tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD)
    result = run_cli("render", "a.yaml", "-f", "md", "-o", "docs/maps/a.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "maps" / "a.md").read_text().startswith("# Fine\n")


def test_force_is_in_the_help(run_cli):
    for command in ("render", "lint"):
        assert "--force" in run_cli(command, "--help").stdout


OVERDUE = ("cjmap: 1\ntitle: Late\nreview: {last_reviewed: 2026-01-01, cadence: 90d}\n"
           "steps: [Searches, Buys]\n")


@pytest.mark.parametrize(("args", "env", "overdue"), [
    (["--today", "2026-04-01"], {}, False),
    (["--today", "2026-04-02"], {}, True),
    # 2026-04-02 00:00 UTC, as a reproducible build sets it; --today wins over it.
    ([], {"SOURCE_DATE_EPOCH": "1775088000"}, True),
    (["--today", "2026-03-01"], {"SOURCE_DATE_EPOCH": "1775088000"}, False),
])
def test_html_review_status_follows_today_and_source_date_epoch(
        args: list[str], env: dict[str, str], overdue: bool) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cjmap", "render", "-", "-f", "html", "-o", "-", *args],
        input=OVERDUE.encode(), capture_output=True, timeout=120, check=False, cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}, **env})
    assert result.returncode == 0, result.stderr
    said = "Review overdue since <time datetime=\"2026-04-01\">" in result.stdout.decode()
    assert said is overdue


def test_render_today_must_be_a_date(run_cli) -> None:
    result = run_cli("render", "examples/minimal.yaml", "-f", "html", "-o", "-",
                     "--today", "tomorrow")
    assert result.returncode == 2
    assert "--today" in result.stderr


def test_several_formats_in_one_run_write_one_file_each(run_cli, tmp_path):
    done = run_cli("render", "examples/minimal.yaml", "examples/running-shoes.yaml",
                   "-f", "html,svg", "-f", "md", "--out-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.*"))
    assert written == sorted(f"examples/{name}.{ext}" for name in ("minimal", "running-shoes")
                             for ext in ("html", "svg", "md"))
    assert "rendered 2 maps as html, svg, md" in done.stderr
    single = run_cli("render", "examples/minimal.yaml", "-f", "md", "-o", "-")
    assert (tmp_path / "examples" / "minimal.md").read_text(encoding="utf-8") == single.stdout


def test_format_all_writes_every_format(run_cli, tmp_path):
    done = run_cli("render", "examples/minimal.yaml", "-f", "all", "--out-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert sorted(p.suffix for p in tmp_path.rglob("*.*")) == sorted(EXTENSIONS.values())


@pytest.mark.parametrize(("args", "message"), [
    (["-f", "svg,gif"], "unknown format 'gif'"),
    (["-f", "svg,md", "-o", "x"], "-o names one output file but 2 formats"),
    (["--show", "emotions"], "unknown --show item 'emotions'"),
    (["--layout", "circle"], "circle"),
    (["--scale", "0"], "0"),
])
def test_bad_format_lists_and_show_items_are_usage_errors(run_cli, args, message):
    done = run_cli("render", "examples/minimal.yaml", *args)
    assert done.returncode == 2 and message in done.stderr, done.stderr


def test_touchpoints_stays_an_alias_of_show_touchpoints(run_cli):
    alias = run_cli("render", "examples/running-shoes.yaml", "-f", "dot", "-o", "-",
                    "--touchpoints")
    show = run_cli("render", "examples/running-shoes.yaml", "-f", "dot", "-o", "-",
                   "--show", "touchpoints")
    assert alias.returncode == show.returncode == 0
    assert alias.stdout == show.stdout and "Blog for new runners" in alias.stdout
