"""docs/portfolio.md's part on cjmap site: the publishing recipes are valid for GitHub and
GitLab (the schemas check-jsonschema ships), their cjmap command builds the site, and the
Python example runs."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tests.conftest import EXAMPLES, ROOT, installed
from tests.docs.test_ci import _schema_errors

DOC = (ROOT / "docs" / "portfolio.md").read_text(encoding="utf-8")
SITE = DOC[DOC.index("# `cjmap site`"):]


def _block(language: str, first_line: str | None = None) -> str:
    blocks = re.findall(rf"^```{language}\n(.*?)^```", SITE, re.MULTILINE | re.DOTALL)
    return next(b for b in blocks if first_line is None or b.splitlines()[0] == first_line)


def _setup(name: str) -> Any:
    return YAML(typ="safe", pure=True).load(_block("yaml", f"# {name}"))


def test_github_pages_workflow_is_valid() -> None:
    workflow = _setup(".github/workflows/journey-site.yml")
    assert _schema_errors("github-workflows.json", workflow) == []
    steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@")
               and step["with"]["path"] == "_site" for step in steps)
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert workflow["permissions"]["pages"] == "write"
    workflow["jobs"]["build"]["step"] = workflow["jobs"]["build"].pop("steps")
    assert _schema_errors("github-workflows.json", workflow) != []


def test_gitlab_pages_job_is_valid() -> None:
    pipeline = _setup(".gitlab-ci.yml")
    assert _schema_errors("gitlab-ci.json", pipeline) == []
    assert pipeline["pages"]["artifacts"]["paths"] == ["public"]
    pipeline["pages"]["artifacts"]["when"] = "sometimes"
    assert _schema_errors("gitlab-ci.json", pipeline) != []


def _site_commands() -> list[str]:
    commands = []
    for name in (".github/workflows/journey-site.yml", ".gitlab-ci.yml"):
        for line in _block("yaml", f"# {name}").splitlines():
            line = line.strip().removeprefix("- ")
            if line.startswith("cjmap site"):
                commands.append(line)
    return commands


def test_the_recipes_commands_build_the_site(tmp_path: Path) -> None:
    commands = _site_commands()
    assert len(commands) == 2
    shutil.copytree(EXAMPLES, tmp_path / "maps")
    cjmap = installed("cjmap")
    assert cjmap is not None
    for command in commands:
        # The variables the CI systems set.
        command = command.replace("${{ steps.pages.outputs.base_url }}",
                                  "https://cjmap.github.io/maps").replace(
            "$CI_PAGES_URL", "https://cjmap.gitlab.io/maps")
        args = shlex.split(command)[1:]
        done = subprocess.run([cjmap, *args], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120, env={"PATH": str(Path(cjmap).parent),
                                                "SOURCE_DATE_EPOCH": "1780272000"})
        assert done.returncode == 0, done.stderr
        output = tmp_path / args[args.index("-o") + 1]
        assert "/maps/index.html</loc>" in (output / "sitemap.xml").read_text(encoding="utf-8")


def test_the_python_example_runs(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "maps")
    (tmp_path / "maps" / "broken.yaml").write_text("cjmap: 1\ntitle: x\nsteps: 3\n",
                                                   encoding="utf-8")
    code = _block("python")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("[") and "maps/broken.yaml 3 8" in done.stdout
    assert (tmp_path / "_site" / "index.html").is_file()


def test_serve_documents_every_option_and_its_screenshot() -> None:
    serve = DOC[DOC.index("# `cjmap serve`"):]
    usage = re.search(r"^cjmap serve (\[PATHS.*?)^```", serve, re.MULTILINE | re.DOTALL)
    assert usage is not None
    shown = set(re.findall(r"--[a-z-]+", usage[1])) | {
        long for short, long in (("-o", "--output"), ("-j", "--jobs")) if short in usage[1]}
    done = subprocess.run([sys.executable, "-m", "cjmap", "serve", "--help"], text=True,
                          capture_output=True, check=True, env={"COLUMNS": "200",
                                                                "PATH": "/usr/bin:/bin"})
    offered = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", done.stdout)) - {"--help"}
    assert shown == offered
    image = re.search(r"!\[[^]]+\]\((serve-[a-z-]+\.png)\)", serve)
    assert image is not None and (ROOT / "docs" / image[1]).stat().st_size > 10000
