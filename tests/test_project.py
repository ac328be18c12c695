"""The promises of the repository itself: README commands, CI script, start-up imports."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def _readme_commands() -> list[str]:
    return re.findall(r"^```sh\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"),
                      re.MULTILINE)


def test_readme_opens_with_an_install_and_a_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first, second = _readme_commands()[:2]
    assert readme.index(first) < readme.index("cjmap is for")
    assert "pip install -e ." in first and "cjmap validate examples" in first
    assert "pip install -e '.[test]'" in second and second.endswith("-m pytest")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    test_command = _readme_commands()[1].split(" && ")[-1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == test_command


def test_example_map_in_readme_is_valid() -> None:
    import cjmap

    block = re.search(r"^```yaml\n(.+?)^```", (ROOT / "README.md").read_text(encoding="utf-8"),
                      re.MULTILINE | re.DOTALL)
    assert block is not None
    assert cjmap.load_text(block.group(1)).ok


# Babel is for numbers and dates in renders and in a few findings: never for a valid map.
# importlib.metadata is how pydantic finds plugins, which cjmap turns off (cli/app.py).
HEAVY = ("cjmap.format.model", "graphviz", "jinja2", "rich", "ruamel.yaml", "multiprocessing",
         "yaml", "babel", "importlib.metadata")


def _heavy_modules_after(*args: str, cwd: Path = ROOT) -> list[str]:
    """The heavy modules that running ``cjmap ARGS`` in a fresh interpreter has imported."""
    code = (f"import sys; sys.argv=['cjmap', *{list(args)!r}]\n"
            "from cjmap.cli.app import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"import json; print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=cwd, timeout=60)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_help_imports_nothing_heavy() -> None:
    assert _heavy_modules_after("--help") == []


def test_validate_imports_only_the_model_and_the_c_parser(tmp_path: Path) -> None:
    shutil.copy(ROOT / "examples" / "running-shoes.yaml", tmp_path)
    args = ("validate", "-q", "running-shoes.yaml")
    assert _heavy_modules_after(*args, "--no-cache", cwd=tmp_path) == ["cjmap.format.model", "yaml"]
    assert not (tmp_path / ".cjmap_cache").exists()
    assert _heavy_modules_after(*args, cwd=tmp_path) == ["cjmap.format.model", "yaml"]
    # The report is now cached: an unchanged file is neither parsed nor validated again.
    assert _heavy_modules_after(*args, cwd=tmp_path) == []
    (tmp_path / "running-shoes.yaml").write_text("cjmap: 1\ntitle: T\nsteps: [A]\n",
                                                 encoding="utf-8")
    assert _heavy_modules_after(*args, cwd=tmp_path) == ["cjmap.format.model", "yaml"]


def test_the_readme_main_job_runs_on_the_examples(tmp_path) -> None:
    """The cjmap commands of the README's first command succeed, and the HTML pages appear."""
    commands = [part.split()[1:] for part in _readme_commands()[0].split(" && ")
                if part.startswith(".venv/bin/cjmap ")]
    assert [command[0] for command in commands] == ["validate", "lint", "render"]
    for command in commands:
        if command[0] == "render":
            # Expand the glob as the shell would, and write to a scratch folder.
            maps = [str(path.relative_to(ROOT)) for path in sorted(ROOT.glob("examples/*.yaml"))]
            at = command.index("examples/*.yaml")
            command[at:at + 1] = maps
            command[command.index("--out-dir") + 1] = str(tmp_path)
        result = subprocess.run([sys.executable, "-m", "cjmap", *command], capture_output=True,
                                text=True, cwd=ROOT, timeout=300)
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])
    pages = sorted(path.name for path in (tmp_path / "examples").glob("*.html"))
    assert pages == sorted(path.stem + ".html" for path in (ROOT / "examples").glob("*.yaml"))


def test_the_plugin_loader_stand_in_hands_on_what_it_does_not_have() -> None:
    """cjmap stands in for pydantic's plugin loader (plugins are off); a name a later pydantic
    might import from it comes from the real module instead of failing every run."""
    code = ("import sys\nfrom cjmap.cli.app import _without_pydantic_plugins\n"
            "_without_pydantic_plugins()\n"
            "from pydantic.plugin._loader import get_plugins\nassert get_plugins() == ()\n"
            "assert 'importlib.metadata' not in sys.modules\n"
            "from pydantic.plugin._loader import _plugins\n"
            "assert sys.modules['pydantic.plugin._loader'].get_plugins is not tuple\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, env={**os.environ, "PYDANTIC_DISABLE_PLUGINS": "__all__"})
    assert done.returncode == 0, done.stderr
