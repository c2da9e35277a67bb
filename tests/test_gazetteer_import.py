"""`conflictmap gazetteer import` as a user runs it: GeoNames country files, the whole
allCountries.zip and alternateNamesV2.zip (small files in GeoNames' own column format,
written by the project), into the default index, villages of population 0 included."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from testpaths import DATA

from conflictmap.cli import main
from conflictmap.gazetteer import SqliteGazetteer, import_geonames, open_gazetteer

GAZ = DATA / "gazetteer"
VILLAGES = GAZ / "SY-villages.txt"  # 5 rows: Idlib's ADM1 and ADM2, three villages
MALI = GAZ / "ML-sample.txt"  # 3 rows
ALTERNATE_V2 = GAZ / "alternateNamesV2-sample.txt"


def _zip(path: Path, members: dict[str, Path | str]) -> Path:
    """A zip laid out as GeoNames serves it: the table beside a readme or code list."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, content in members.items():
            if isinstance(content, Path):
                zf.write(content, name)
            else:
                zf.writestr(name, content)
    return path


@pytest.fixture
def home(tmp_path: Path, default_gazetteer: Any) -> Path:
    """A user data directory holding a copy of the default index."""
    target = tmp_path / "home"
    target.mkdir()
    shutil.copy(default_gazetteer.path, target / "gazetteer.sqlite")
    return target


def _import(args: list[str], home: Path) -> Any:
    result = CliRunner().invoke(main, ["gazetteer", "import", *args],
                                env={"CONFLICTMAP_HOME": str(home)})
    assert result.exit_code == 0, result.output
    return result


def test_gazetteer_import_country_zip_goes_into_the_default_index(home: Path,
                                                                  tmp_path: Path) -> None:
    archive = _zip(tmp_path / "SY.zip", {"SY.txt": VILLAGES, "readme.txt": "GeoNames"})
    result = _import([str(archive)], home)
    assert "imported 5 rows" in result.output
    assert str(home / "gazetteer.sqlite") in result.output
    gaz = SqliteGazetteer(home / "gazetteer.sqlite")
    village = gaz.candidates("Kafr Sajna")[0].place
    assert (village.geonames_id, village.population) == (9000201, 0)
    assert (village.admin1, village.admin1_code) == ("Idlib Governorate", "SY.12")
    assert gaz.get(9000203).admin2 == "Ariha District"  # type: ignore[union-attr]
    assert len(gaz) > 100_000  # the default index is still there


def test_gazetteer_import_names_win_over_derived_ones(home: Path, tmp_path: Path) -> None:
    before = SqliteGazetteer(home / "gazetteer.sqlite")
    idlib_town = next(c.place for c in before.candidates("Idlib")
                      if c.place.feature_class == "P")
    assert idlib_town.admin1 == "Idlib"  # derived from the packaged admin table
    before.close()
    _import([str(_zip(tmp_path / "SY.zip", {"SY.txt": VILLAGES}))], home)
    gaz = SqliteGazetteer(home / "gazetteer.sqlite")
    town = gaz.get(idlib_town.geonames_id or 0)
    assert town is not None and town.admin1 == "Idlib Governorate"
    regions = [c.place for c in gaz.candidates("Idlib") if c.place.feature_code == "ADM1"]
    assert [p.geonames_id for p in regions] == [9000101]  # the derived one is folded in
    assert [c.place.geonames_id for c in gaz.candidates("Idleb Governorate")] == [9000101]


def test_gazetteer_import_all_countries_zip(tmp_path: Path) -> None:
    table = tmp_path / "allCountries.txt"
    table.write_text(VILLAGES.read_text(encoding="utf-8") + MALI.read_text(encoding="utf-8"),
                     encoding="utf-8")
    archive = _zip(tmp_path / "allCountries.zip", {"allCountries.txt": table})
    index = tmp_path / "gaz.sqlite"
    assert import_geonames(index, archive) == 8
    gaz = SqliteGazetteer(index)
    assert gaz.candidates("Boulkessi")[0].place.admin1 == "Mopti"
    assert gaz.candidates("Hass")[0].place.country == "SYR"


def test_gazetteer_import_alternate_names_v2_zip(tmp_path: Path) -> None:
    index = tmp_path / "gaz.sqlite"
    import_geonames(index, VILLAGES)
    archive = _zip(tmp_path / "alternateNamesV2.zip", {
        "iso-languagecodes.txt": "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n",
        "alternateNamesV2.txt": ALTERNATE_V2})
    # the English name; not the Arabic script, the link, nor the historic name
    assert import_geonames(index, archive) == 1
    gaz = SqliteGazetteer(index)
    assert [c.place.geonames_id for c in gaz.candidates("Kafr Sijnah")] == [9000201]
    assert gaz.candidates("Rami al-Qadima") == []


def test_gazetteer_import_reports_progress_over_every_row(tmp_path: Path) -> None:
    seen: list[int] = []
    import_geonames(tmp_path / "gaz.sqlite", VILLAGES, progress=seen.append)
    assert sum(seen) == len(VILLAGES.read_text(encoding="utf-8").splitlines())


@pytest.mark.slow  # stores through the real pipeline (loads the spaCy model)
def test_gazetteer_imported_village_locates_an_event(home: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _import([str(VILLAGES)], home)
    monkeypatch.setenv("CONFLICTMAP_HOME", str(home))
    text = tmp_path / "report.txt"
    text.write_text("Regime aircraft bombed Kafr Sajna on Monday, killing two civilians.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(text), "--published", "2019-06-20"])
    assert result.exit_code == 0, result.output
    loc = json.loads(result.output.splitlines()[0])["location"]
    assert (loc["geonames_id"], loc["precision"]) == (9000201, 1)
    assert (loc["admin1"], loc["admin1_code"]) == ("Idlib Governorate", "SY.12")
    assert open_gazetteer().path == home / "gazetteer.sqlite"
