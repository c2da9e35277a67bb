"""The gazetteer's SQLite index: one file, places plus an index of name keys."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from ..errors import GazetteerError
from ..model import Place
from .base import Candidate, Entry, best_spellings, index_names, nearest, rank_key
from .names import name_key

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY,
    geonames_id INTEGER UNIQUE,
    name TEXT NOT NULL, country TEXT, admin1 TEXT, admin2 TEXT,
    country2 TEXT, admin1_code TEXT, admin2_code TEXT,
    feature_class TEXT, feature_code TEXT, population INTEGER NOT NULL DEFAULT 0,
    lat REAL NOT NULL, lon REAL NOT NULL);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, spelling TEXT NOT NULL, place INTEGER NOT NULL,
    PRIMARY KEY (key, place, spelling)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS names_place ON names (place);
CREATE TABLE IF NOT EXISTS admin_names (
    country2 TEXT NOT NULL, admin1_code TEXT NOT NULL, admin2_code TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL, PRIMARY KEY (country2, admin1_code, admin2_code));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE INDEX IF NOT EXISTS places_point ON places (lat, lon);
CREATE INDEX IF NOT EXISTS places_codes ON places (country2, admin1_code, feature_code);
"""
Codes = tuple[str | None, str | None, str | None]
Record = tuple[Place, Iterable[str], Codes]
NO_CODES: Codes = (None, None, None)
_PLACE_COLUMNS = ("geonames_id, name, country, lat, lon, admin1, admin2, feature_class, "
                  "feature_code, population, country2, admin1_code, admin2_code")
_ADMIN1_NAME = ("SELECT a.name FROM admin_names a WHERE a.country2 = places.country2 AND "
                "a.admin1_code = places.admin1_code AND a.admin2_code = ''")
_ADMIN2_NAME = ("SELECT a.name FROM admin_names a WHERE a.country2 = places.country2 AND "
                "a.admin1_code = places.admin1_code AND a.admin2_code = places.admin2_code")
# A derived region `d` and the imported entry `imp` of the same GeoNames codes.
_SAME_REGION = ("imp.country2 = d.country2 AND imp.admin1_code = d.admin1_code AND "
                "imp.feature_code = 'ADM1' AND imp.geonames_id IS NOT NULL AND "
                "d.geonames_id IS NULL AND d.feature_code = 'ADM1' AND d.id != imp.id")
# How far (degrees) `admin_at` looks for a town that knows its first-level region.
_ADMIN_RADII = (0.25, 0.75, 1.5)


def _row_place(row: tuple) -> Place:  # type: ignore[type-arg]
    gid, name, country, lat, lon, a1, a2, fclass, fcode, pop, cc, c1, c2 = row
    code1 = f"{cc}.{c1}" if cc and c1 else None
    code2 = f"{code1}.{c2}" if code1 and c2 else None
    return Place(gid, name, country, lat, lon, a1, a2, fclass, fcode, pop or 0, code1, code2)


class SqliteGazetteer:
    """A gazetteer index in a SQLite file (read and written through this class)."""

    def __init__(self, path: str | os.PathLike[str], *, create: bool = False) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise GazetteerError(f"{self.path}: no gazetteer index here "
                                 "(run `conflictmap gazetteer build`)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # One connection shared by the API's worker threads: the sqlite3 module is built
            # serialized (threadsafety 3), and the index is only read after it is built.
            self.db = sqlite3.connect(str(self.path), check_same_thread=False)
            self.db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise GazetteerError(f"{self.path}: cannot open gazetteer index ({exc})") from exc

    def close(self) -> None:
        self.db.close()

    # -- reading -------------------------------------------------------------------------
    def candidates(self, name: str, *, limit: int = 100) -> list[Candidate]:
        key = name_key(name)
        if not key:
            return []
        rows = self.db.execute(
            f"SELECT {_prefixed()}, n.spelling FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.key = ?", (key,)).fetchall()
        found = [Candidate(_row_place(row[:-1]), row[-1]) for row in rows]
        return sorted(best_spellings(found, name), key=rank_key, reverse=True)[:limit]

    def get(self, geonames_id: int) -> Place | None:
        row = self.db.execute(f"SELECT {_PLACE_COLUMNS} FROM places WHERE geonames_id = ?",
                              (geonames_id,)).fetchone()
        return _row_place(row) if row else None

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM places").fetchone()[0])

    def admin_at(self, lat: float, lon: float, country: str | None = None) -> Place | None:
        """The nearest town (of `country`, ISO alpha-3, when given) that knows its
        first-level region: reverse lookup of a point's admin1."""
        for radius in _ADMIN_RADII:
            rows = self.db.execute(
                f"SELECT {_PLACE_COLUMNS} FROM places WHERE lat BETWEEN ? AND ? AND lon "
                "BETWEEN ? AND ? AND feature_class = 'P' AND admin1 IS NOT NULL AND "
                "(? IS NULL OR country = ?)",
                (lat - radius, lat + radius, lon - radius * 2, lon + radius * 2, country,
                 country)).fetchall()
            if rows:
                return nearest(lat, lon, [_row_place(r) for r in rows])
        return None

    # -- writing -------------------------------------------------------------------------
    def add_entries(self, entries: Iterable[Entry | Record]) -> int:
        """Insert or update places (by GeoNames id) with their names; returns the count.

        An entry may carry a third item, its GeoNames codes (country2, admin1, admin2),
        used to fill admin names later (`fill_admin_names`).
        """
        count = 0
        with self.db:
            for entry in entries:
                codes = entry[2] if len(entry) == 3 else NO_CODES
                self._upsert(entry[0], entry[1], codes)
                count += 1
        return count

    def _upsert(self, place: Place, names: Iterable[str], code: Codes) -> None:
        values = (place.geonames_id, place.name, place.country, place.admin1, place.admin2,
                  *code, place.feature_class, place.feature_code, place.population,
                  place.lat, place.lon)
        cur = self.db.execute(
            "INSERT INTO places (geonames_id, name, country, admin1, admin2, country2, "
            "admin1_code, admin2_code, feature_class, feature_code, population, lat, lon) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(geonames_id) DO UPDATE SET "
            "name=excluded.name, country=excluded.country, "
            "admin1=coalesce(excluded.admin1, admin1), admin2=coalesce(excluded.admin2, admin2), "
            "country2=excluded.country2, admin1_code=excluded.admin1_code, "
            "admin2_code=excluded.admin2_code, feature_class=excluded.feature_class, "
            "feature_code=excluded.feature_code, population=excluded.population, "
            "lat=excluded.lat, lon=excluded.lon RETURNING id", values)
        place_id = cur.fetchone()[0]
        self.add_names(place_id, index_names(place, names))

    def add_names(self, place_id: int, pairs: Iterable[tuple[str, str]]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO names (key, spelling, place) VALUES (?,?,?)",
                            [(k, s, place_id) for k, s in pairs])

    def place_id(self, geonames_id: int) -> int | None:
        row = self.db.execute("SELECT id FROM places WHERE geonames_id = ?",
                              (geonames_id,)).fetchone()
        return int(row[0]) if row else None

    def add_admin_names(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO admin_names VALUES (?,?,?,?)", rows)

    def fill_admin_names(self) -> None:
        """Name the admin1/admin2 of every place by its GeoNames codes where an imported
        table defines them: imported names win over the default index's derived ones."""
        with self.db:
            self.db.execute(
                f"UPDATE places SET admin1 = ({_ADMIN1_NAME}) WHERE admin1_code IS NOT NULL "
                f"AND EXISTS ({_ADMIN1_NAME})")
            self.db.execute(
                f"UPDATE places SET admin2 = ({_ADMIN2_NAME}) WHERE admin2_code IS NOT NULL "
                f"AND admin2_code != '' AND EXISTS ({_ADMIN2_NAME})")

    def merge_derived_regions(self) -> int:
        """Fold each derived first-level region (no GeoNames id) into the imported one of
        the same codes: its spellings move over, the derived entry goes; returns the count."""
        pairs = self.db.execute(
            f"SELECT d.id, d.name, imp.id FROM places imp JOIN places d ON {_SAME_REGION}"
            ).fetchall()
        with self.db:
            for derived, name, imported in pairs:
                keys = [(k, s) for k, s in self.db.execute(
                    "SELECT key, spelling FROM names WHERE place = ?", (derived,))]
                self.add_names(imported, keys or index_names(
                    Place(None, name, None, 0.0, 0.0), ()))
                self.db.execute("DELETE FROM names WHERE place = ?", (derived,))
                self.db.execute("DELETE FROM places WHERE id = ?", (derived,))
        return len(pairs)

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None


def _prefixed() -> str:
    return ", ".join(f"p.{c.strip()}" for c in _PLACE_COLUMNS.split(","))

