"""A large portfolio's tables are drawn in forked processes: each format's output is the one
drawn in one process, byte for byte, and the drawing does happen elsewhere."""

import os
from pathlib import Path

import pytest

from cjmap.files.runner import made_apart
from cjmap.portfolio import portfolio_of, sheets
from cjmap.portfolio.formats import ReportOptions, formatter
from tests.portfolio.repository import TODAY, write_repository


def test_makers_run_in_other_processes_and_come_back_in_order() -> None:
    made = made_apart([lambda n=n: (n, os.getpid()) for n in range(5)], 2)
    assert [n for n, _ in made] == list(range(5))
    assert os.getpid() not in {pid for _, pid in made}
    assert made_apart([os.getpid, os.getpid], 1) == [os.getpid()] * 2


@pytest.mark.parametrize("name", ["text", "md", "html"])
def test_tables_drawn_apart_are_the_ones_drawn_here(name: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted((write_repository(tmp_path) / "maps").glob("*.yaml"))
    portfolio = portfolio_of(files, TODAY, jobs=1)
    write = formatter(name)
    here = write(portfolio, ReportOptions(width=80, workers=1))
    draw = sheets._drawn_table
    pids = tmp_path / "drawn-in"

    def spying(*args: object) -> object:
        # In a forked process: what it does to this one's memory stays there, a file does not.
        with pids.open("a", encoding="utf-8") as log:
            log.write(f"{os.getpid()}\n")
        return draw(*args)

    # The repository is small: every portfolio counts as large here.
    monkeypatch.setattr(sheets, "APART_FROM", 0)
    monkeypatch.setattr(sheets, "_drawn_table", spying)
    apart = write(portfolio, ReportOptions(width=80, workers=2))
    assert apart == here
    drawn_in = set(pids.read_text(encoding="utf-8").split())
    assert drawn_in and str(os.getpid()) not in drawn_in
    assert portfolio.invalid  # the invalid maps' table is drawn too, first
