"""Reading GeoNames dumps (tab-separated, UTF-8) that users download themselves.

Supported: the main table (allCountries.zip, a country file such as SY.zip, or the
.txt inside), and alternateNamesV2.zip / alternateNames.txt.  Both are streamed.
"""

from __future__ import annotations

import contextlib
import os
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..errors import GazetteerError
from ..model import Place
from .sqlite import Record

# Feature classes imported from the main table: towns, admin areas, regions, terrain.
DEFAULT_CLASSES = frozenset("PALT")
# Alternate-name "languages" that hold codes or links, not names.
_NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "fr_1793", "unlc", "wkdt",
                        "tcid"})


@contextlib.contextmanager
def open_dump(path: str | os.PathLike[str]) -> Iterator[tuple[IO[str], str]]:
    """Yield (text stream, member name) for a GeoNames .txt or .zip file."""
    path = Path(path)
    if not path.is_file():
        raise GazetteerError(f"{path}: no such file")
    if path.suffix.lower() != ".zip":
        with open(path, encoding="utf-8") as fh:
            yield fh, path.name
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise GazetteerError(f"{path}: not a zip file ({exc})") from exc
    with archive:
        members = [m for m in archive.namelist()
                   if m.endswith(".txt") and not m.lower().startswith("readme")
                   and "iso-languagecodes" not in m]
        if not members:
            raise GazetteerError(f"{path}: the zip holds no GeoNames .txt table")
        with archive.open(members[0]) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8"), members[0]


def is_alternate_names(member: str, first_line: str) -> bool:
    """True for alternateNames tables (10 columns, or named so)."""
    if "alternatenames" in member.lower():
        return True
    return len(first_line.rstrip("\n").split("\t")) in (4, 8, 10)


def parse_places(stream: Iterable[str], source: str, *, iso3: dict[str, str],
                 classes: frozenset[str] = DEFAULT_CLASSES) -> Iterator[Record]:
    """Records (Place, alternate names, codes) from the main GeoNames table."""
    for n, line in enumerate(stream, start=1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15:
            raise GazetteerError(f"{source}:{n}: expected 19 tab-separated GeoNames columns, "
                                 f"found {len(cols)}")
        if cols[6] not in classes:
            continue
        yield _record(cols, iso3, f"{source}:{n}")


def _record(cols: list[str], iso3: dict[str, str], where: str) -> Record:
    try:
        gid, lat, lon = int(cols[0]), float(cols[4]), float(cols[5])
        population = int(cols[14] or 0)
    except ValueError as exc:
        raise GazetteerError(f"{where}: bad number in a GeoNames row ({exc})") from None
    cc = cols[8]
    place = Place(gid, cols[1], iso3.get(cc, cc or None), lat, lon, None, None,
                  cols[6] or None, cols[7] or None, population)
    names = [cols[2], *[a for a in cols[3].split(",") if a]]
    return place, names, (cc, cols[10] or None, cols[11] or None)


def admin_rows(record: Record) -> list[tuple[str, str, str, str]]:
    """admin_names rows that an ADM1/ADM2 record defines (code -> name)."""
    place, _names, (cc, a1, a2) = record
    if not cc or not a1:
        return []
    if place.feature_code == "ADM1":
        return [(cc, a1, "", place.name)]
    if place.feature_code == "ADM2" and a2:
        return [(cc, a1, a2, place.name)]
    return []


def parse_alternate_names(stream: Iterable[str], source: str) -> Iterator[tuple[int, str]]:
    """(geonames id, name) pairs from an alternateNames table."""
    for n, line in enumerate(stream, start=1):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4:
            raise GazetteerError(f"{source}:{n}: expected alternateNames columns "
                                 f"(id, geonameid, language, name), found {len(cols)}")
        if cols[2] in _NOT_NAMES or len(cols) > 7 and cols[7] == "1":  # historic
            continue
        try:
            yield int(cols[1]), cols[3]
        except ValueError:
            raise GazetteerError(f"{source}:{n}: geonameid {cols[1]!r} is not a number"
                                 ) from None
