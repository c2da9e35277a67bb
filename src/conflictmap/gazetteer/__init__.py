"""The gazetteer: place names to GeoNames entries, offline, behind one interface.

`open_gazetteer(path)` opens the SQLite index (default: `$CONFLICTMAP_HOME/gazetteer.sqlite`
or `~/.local/share/conflictmap/gazetteer.sqlite`), building the default index from
packaged data on first use.  `import_geonames` adds full GeoNames dumps to an index.
`MemoryGazetteer` is the in-memory implementation for tests.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .base import COUNTRY_CODES, REGION_CODES, Candidate, Entry, Gazetteer, MemoryGazetteer
from .names import fold, name_key, normalize
from .sqlite import SqliteGazetteer

__all__ = ["COUNTRY_CODES", "REGION_CODES", "Candidate", "Gazetteer", "MemoryGazetteer",
           "SqliteGazetteer", "build_default", "default_path", "fold", "import_geonames",
           "name_key", "normalize", "open_gazetteer"]

# Announcements a command line may show even when not verbose (the first-run build).
notice = logging.getLogger(f"{__name__}.notice")

# Called with the number of entries or rows just added (a progress bar's `update`).
Progress = Callable[[int], object]

# Bump when the default index's content changes: stale default indexes are rebuilt.
DEFAULT_VERSION = "16"


def default_path() -> Path:
    """Where the default index lives: $CONFLICTMAP_HOME, else the XDG user data directory."""
    home = os.environ.get("CONFLICTMAP_HOME")
    if home:
        return Path(home) / "gazetteer.sqlite"
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "conflictmap" / "gazetteer.sqlite"


def open_gazetteer(path: str | os.PathLike[str] | None = None) -> SqliteGazetteer:
    """Open an index; with no path, the default one (built from packaged data if missing)."""
    if path:
        return SqliteGazetteer(path)
    target = default_path()
    if not target.exists() or _stale(target):
        why = "first use" if not target.exists() else "index from an older version"
        notice.info("building the place index at %s (%s; takes about a minute, once)",
                    target, why)
        started = time.perf_counter()
        build_default(target)
        notice.info("place index built in %.0f s", time.perf_counter() - started)
    return SqliteGazetteer(target)


def _stale(path: Path) -> bool:
    """A default index built by an older version, with no user imports to keep."""
    gaz = SqliteGazetteer(path)
    try:
        return gaz.get_meta("default_version") != DEFAULT_VERSION and \
            gaz.get_meta("imported") is None
    finally:
        gaz.close()


def build_default(path: str | os.PathLike[str] | None = None, *,
                  progress: Progress | None = None) -> Path:
    """(Re)build the default index from packaged data; returns its path."""
    from .default import default_entries

    target = Path(path) if path else default_path()
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    gaz = SqliteGazetteer(partial, create=True)
    try:
        for batch in _batches(default_entries(), 5000):
            gaz.add_entries(batch)
            if progress is not None:
                progress(len(batch))
        gaz.set_meta("default_version", DEFAULT_VERSION)
        gaz.db.execute("ANALYZE")
    finally:
        gaz.close()
    os.replace(partial, target)
    return target


def import_geonames(path: str | os.PathLike[str] | None, file: str | os.PathLike[str], *,
                    feature_classes: str = "PALT", progress: Progress | None = None) -> int:
    """Add a GeoNames dump (main table or alternateNames) to an index; returns rows added."""
    from .geonames import is_alternate_names, open_dump

    gaz = open_gazetteer() if not path else SqliteGazetteer(path, create=True)
    try:
        gaz.set_meta("imported", str(file))
        with open_dump(file) as (stream, member):
            first = stream.readline()
            rows = _counted(itertools.chain([first], stream), progress)
            if is_alternate_names(member, first):
                return _import_alternate(gaz, rows, str(file))
            return _import_places(gaz, rows, str(file), frozenset(feature_classes))
    finally:
        gaz.close()


def _counted(rows: Iterator[str], progress: Progress | None, every: int = 10_000
             ) -> Iterator[str]:
    """The rows, telling `progress` about every `every` of them read."""
    if progress is None:
        yield from rows
        return
    n = 0
    for n, row in enumerate(rows, 1):
        if n % every == 0:
            progress(every)
        yield row
    progress(n % every)


def _import_places(gaz: SqliteGazetteer, rows: Iterable[str], source: str,
                   classes: frozenset[str]) -> int:
    from .geonames import admin_rows, parse_places

    iso3 = _iso3_codes()
    count = 0
    for batch in _batches(parse_places(iter(rows), source, iso3=iso3, classes=classes), 5000):
        gaz.add_admin_names(r for rec in batch for r in admin_rows(rec))
        count += gaz.add_entries(batch)
    gaz.fill_admin_names()
    gaz.merge_derived_regions()
    return count


def _import_alternate(gaz: SqliteGazetteer, rows: Iterable[str], source: str) -> int:
    from .geonames import parse_alternate_names

    count = 0
    with gaz.db:
        for gid, name in parse_alternate_names(iter(rows), source):
            place = gaz.place_id(gid)
            if place is None:
                continue
            pairs = {(name_key(name), normalize(name))} if index_names_ok(name) else set()
            gaz.add_names(place, pairs)
            count += len(pairs)
    return count


def index_names_ok(name: str) -> bool:
    from .names import is_latin

    return is_latin(name) and bool(name_key(name))


def _iso3_codes() -> dict[str, str]:
    import pycountry

    codes = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    codes["XK"] = "XKX"
    return codes


def _batches(items: Iterable[Entry] | Iterator[tuple], size: int  # type: ignore[type-arg]
             ) -> Iterator[list]:  # type: ignore[type-arg]
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch

