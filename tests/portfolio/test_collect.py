"""A map's contribution as the report's workers send it (packed tuples, unpacked in the main
process) is the one the site's workers make in place, row for row."""

from pathlib import Path

from cjmap.loader import load
from cjmap.portfolio.collect import collect, contribution_of
from cjmap.portfolio.model import InvalidMap, MapData
from tests.portfolio.repository import write_repository


def test_contributions_from_workers_are_the_ones_made_in_place(tmp_path: Path) -> None:
    files = sorted((write_repository(tmp_path) / "maps").glob("*.yaml"))
    in_place = [contribution_of(load(path)) for path in files]
    assert collect(files, 2) == in_place
    assert collect(files, 1) == in_place
    assert {type(c) for c in in_place} == {MapData, InvalidMap}
    shoes = next(c for c in in_place if isinstance(c, MapData) and c.info.id == "shoes")
    size = next(s for s in shoes.steps if s.name == "Chooses a size")
    assert (size.at.map, size.at.stage, size.at.line) == ("shoes", "evaluation", 20)
    assert size.at.file.endswith("shoes.yaml")
