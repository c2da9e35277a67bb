"""Versioned migrations: ordered functions, each applied once, recorded in `schema_version`.

Add a migration by appending `(version, description, function)` to `MIGRATIONS`; never
edit one that has shipped.  Each runs in the transaction of `migrate`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Connection, inspect, select, text

from ..errors import StoreError
from . import schema

Migration = tuple[int, str, Callable[[Connection], None]]


def _initial(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t.name != "schema_version"]
    schema.metadata.create_all(conn, tables=tables)


def _spatial_index(conn: Connection) -> None:
    """SQLite: an R*Tree over event points; PostgreSQL: a PostGIS geography column + GiST."""
    if conn.dialect.name == "sqlite":
        for sql in _SQLITE_RTREE:
            conn.exec_driver_sql(sql)
    elif conn.dialect.name == "postgresql":
        for sql in _POSTGIS:
            conn.exec_driver_sql(sql)


_SQLITE_RTREE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS events_rtree USING rtree(id, min_lon, max_lon, "
    "min_lat, max_lat)",
    "INSERT INTO events_rtree SELECT rowid, lon, lon, lat, lat FROM events "
    "WHERE lat IS NOT NULL AND lon IS NOT NULL",
    "CREATE TRIGGER IF NOT EXISTS events_rtree_ins AFTER INSERT ON events "
    "WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN "
    "INSERT INTO events_rtree VALUES (new.rowid, new.lon, new.lon, new.lat, new.lat); END",
    "CREATE TRIGGER IF NOT EXISTS events_rtree_del AFTER DELETE ON events BEGIN "
    "DELETE FROM events_rtree WHERE id = old.rowid; END",
]

_POSTGIS = [
    "CREATE EXTENSION IF NOT EXISTS postgis",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS geog geography(Point, 4326)",
    "UPDATE events SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography "
    "WHERE lat IS NOT NULL AND lon IS NOT NULL",
    """CREATE OR REPLACE FUNCTION conflictmap_events_geog() RETURNS trigger AS $$
BEGIN
  IF NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL THEN
    NEW.geog := ST_SetSRID(ST_MakePoint(NEW.lon, NEW.lat), 4326)::geography;
  ELSE
    NEW.geog := NULL;
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS events_geog ON events",
    "CREATE TRIGGER events_geog BEFORE INSERT OR UPDATE OF lat, lon ON events "
    "FOR EACH ROW EXECUTE FUNCTION conflictmap_events_geog()",
    "CREATE INDEX IF NOT EXISTS ix_events_geog ON events USING gist (geog)",
]

def _lean_indexes(conn: Connection) -> None:
    """Drop the lat/lon B-tree (the spatial index serves boxes) and index only merged
    reports' canonical_id: fewer index pages to update on every insert."""
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_events_lat_lon")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_events_canonical_id")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_events_merged ON events (canonical_id) "
                         "WHERE canonical_id IS NOT NULL")


def _rtree_with_dates(conn: Connection) -> None:
    """SQLite: the R*Tree also holds each event's date range (julian days)."""
    if conn.dialect.name != "sqlite":
        return
    for sql in _SQLITE_RTREE_DATES:
        conn.exec_driver_sql(sql)


_DAYS = ("coalesce(julianday({p}.date_lo), 0), coalesce(julianday({p}.date_hi), 10000000)")
_SQLITE_RTREE_DATES = [
    "DROP TRIGGER IF EXISTS events_rtree_ins",
    "DROP TRIGGER IF EXISTS events_rtree_del",
    "DROP TABLE IF EXISTS events_rtree",
    "CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat, "
    "min_day, max_day)",
    "INSERT INTO events_rtree SELECT rowid, lon, lon, lat, lat, " + _DAYS.format(p="events")
    + " FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL",
    "CREATE TRIGGER events_rtree_ins AFTER INSERT ON events "
    "WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN "
    "INSERT INTO events_rtree VALUES (new.rowid, new.lon, new.lon, new.lat, new.lat, "
    + _DAYS.format(p="new") + "); END",
    "CREATE TRIGGER events_rtree_del AFTER DELETE ON events BEGIN "
    "DELETE FROM events_rtree WHERE id = old.rowid; END",
]

def _postgis_with_dates(conn: Connection) -> None:
    """PostgreSQL: one GiST index on (geography, date range) replaces the geography one."""
    if conn.dialect.name != "postgresql":
        return
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_events_geog_days ON events "
                         "USING gist (geog, daterange(date_lo, date_hi, '[]'))")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_events_geog")


def _ingest_manifest(conn: Connection) -> None:
    """The manifest of inputs done, which lets a rerun of an ingest skip them."""
    schema.ingest_manifest.create(conn, checkfirst=True)


_SHOWN = "(CASE WHEN date_precision = 'article' THEN date_hi ELSE date_lo END)"


def _newest_index(conn: Connection) -> None:
    """The "newest first" listing (the API's default page, keyset paging) read in index
    order: the shown day, then id, over unmerged events only."""
    nulls = " NULLS LAST" if conn.dialect.name == "postgresql" else ""
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_events_newest ON events "
                         f"({_SHOWN} DESC{nulls}, id) WHERE canonical_id IS NULL")


def _reported_as(conn: Connection) -> None:
    """events.reported_as (new / background); rows stored before it read as news."""
    columns = conn.exec_driver_sql("SELECT * FROM events WHERE 1 = 0").keys()
    if "reported_as" not in columns:
        conn.exec_driver_sql("ALTER TABLE events ADD COLUMN reported_as VARCHAR(12)")


def _actor_indexes(conn: Connection) -> None:
    """An actor's (or target's) unmerged events in "newest" order, read from an index: a
    page of one actor's events reads its first rows instead of sorting all of them, and
    counting them reads the index alone (reported_as is in it).  SQLite cannot read a
    partial or expression index as covering, so canonical_id is a key column there."""
    for role in ("actor", "target"):
        if conn.dialect.name == "postgresql":
            sql = (f"({role}_id, {_SHOWN} DESC NULLS LAST, id) INCLUDE (reported_as) "
                   "WHERE canonical_id IS NULL")
        else:
            sql = f"({role}_id, canonical_id, {_SHOWN} DESC, id, reported_as)"
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_events_{role}_newest ON events "
                             + sql)


# The R*Tree of migration 4 with auxiliary columns: each event's id, the day it is listed
# under and its state (0 merged, 1 unmerged news, 2 unmerged background), so that a box +
# dates page and its count are answered from the R*Tree alone (SQLite reads no event row).
_RTREE_ROW = ("{p}.rowid, {p}.lon, {p}.lon, {p}.lat, {p}.lat, " + _DAYS
              + ", {p}.id, CASE WHEN {p}.date_precision = 'article' THEN {p}.date_hi "
              "ELSE {p}.date_lo END, CASE WHEN {p}.canonical_id IS NOT NULL THEN 0 "
              "WHEN {p}.reported_as = 'background' THEN 2 ELSE 1 END")
_RTREE_PUT = ("INSERT INTO events_rtree SELECT " + _RTREE_ROW.format(p="new")
              + " WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;")
_SQLITE_RTREE_AUX = [
    "DROP TRIGGER IF EXISTS events_rtree_ins",
    "DROP TRIGGER IF EXISTS events_rtree_del",
    "DROP TRIGGER IF EXISTS events_rtree_upd",
    "DROP TABLE IF EXISTS events_rtree",
    "CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat, "
    "min_day, max_day, +eid, +shown, +state)",
    "INSERT INTO events_rtree SELECT " + _RTREE_ROW.format(p="events")
    + " FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL",
    "CREATE TRIGGER events_rtree_ins AFTER INSERT ON events BEGIN " + _RTREE_PUT + " END",
    "CREATE TRIGGER events_rtree_del AFTER DELETE ON events BEGIN "
    "DELETE FROM events_rtree WHERE id = old.rowid; END",
    "CREATE TRIGGER events_rtree_upd AFTER UPDATE OF id, canonical_id, reported_as, date_lo, "
    "date_hi, date_precision, lat, lon ON events BEGIN "
    "DELETE FROM events_rtree WHERE id = old.rowid; " + _RTREE_PUT + " END",
]


def _rtree_listing(conn: Connection) -> None:
    """SQLite: the R*Tree also carries what a page of a box needs (see _SQLITE_RTREE_AUX)."""
    if conn.dialect.name != "sqlite":
        return
    for sql in _SQLITE_RTREE_AUX:
        conn.exec_driver_sql(sql)


# Text search (`q=`) and actor names: SQLite an FTS5 index with trigram tokens over the
# events table (external content, kept by triggers), which finds any part of a word of 3
# or more characters, case-insensitively, as the LIKE test does; PostgreSQL trigram (GIN)
# indexes on the lower-cased columns, which its planner uses for the same LIKE test.
_FTS_COLUMNS = ("evidence_text", "actor_name", "target_name")
_FTS_NEW = ", ".join(f"new.{c}" for c in _FTS_COLUMNS)
_FTS_OLD = ", ".join(f"old.{c}" for c in _FTS_COLUMNS)
_FTS_COLS = ", ".join(_FTS_COLUMNS)
_FTS_DROP = (f"INSERT INTO events_fts (events_fts, rowid, {_FTS_COLS}) "
             f"VALUES ('delete', old.rowid, {_FTS_OLD});")
_FTS_ADD = f"INSERT INTO events_fts (rowid, {_FTS_COLS}) VALUES (new.rowid, {_FTS_NEW});"
_SQLITE_FTS = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5({_FTS_COLS}, "
    "content='events', content_rowid='rowid', tokenize='trigram')",
    "INSERT INTO events_fts (events_fts) VALUES ('rebuild')",
    f"CREATE TRIGGER IF NOT EXISTS events_fts_ins AFTER INSERT ON events BEGIN {_FTS_ADD} END",
    f"CREATE TRIGGER IF NOT EXISTS events_fts_del AFTER DELETE ON events BEGIN {_FTS_DROP} END",
    f"CREATE TRIGGER IF NOT EXISTS events_fts_upd AFTER UPDATE OF {_FTS_COLS} ON events "
    f"BEGIN {_FTS_DROP} {_FTS_ADD} END",
]
# The extension goes to the public schema (as PostGIS does), not to the first schema of
# the search path: a store in a schema of its own must not take it away when dropped.
_PG_TRGM = ["CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"] + [
    f"CREATE INDEX IF NOT EXISTS ix_events_{c}_trgm ON events "
    f"USING gin (lower({c}) gin_trgm_ops)" for c in _FTS_COLUMNS]


def _text_index(conn: Connection) -> None:
    """The index of evidence text and actor names (see _SQLITE_FTS, _PG_TRGM)."""
    statements = {"sqlite": _SQLITE_FTS, "postgresql": _PG_TRGM}.get(conn.dialect.name, [])
    for sql in statements:
        conn.exec_driver_sql(sql)


MIGRATIONS: list[Migration] = [
    (1, "articles, history, events, merges", _initial),
    (2, "spatial index (SQLite R*Tree, PostGIS geography + GiST)", _spatial_index),
    (3, "leaner event indexes (partial index on merged reports)", _lean_indexes),
    (4, "SQLite R*Tree with event date ranges", _rtree_with_dates),
    (5, "PostGIS GiST on (geography, date range)", _postgis_with_dates),
    (6, "manifest of ingested inputs (resumable runs)", _ingest_manifest),
    (7, "index of the newest-first listing (keyset paging)", _newest_index),
    (8, "events.reported_as: news or background", _reported_as),
    (9, "indexes of an actor's and a target's events, newest first", _actor_indexes),
    (10, "SQLite R*Tree with each event's id, listed day and state", _rtree_listing),
    (11, "text index of evidence and actor names (FTS5 trigram, pg_trgm)", _text_index),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Connection) -> int:
    """The highest applied migration (0 for an empty database)."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    row = conn.execute(select(schema.schema_version.c.version)
                       .order_by(schema.schema_version.c.version.desc()).limit(1)).first()
    return int(row[0]) if row else 0


def migrate(conn: Connection) -> list[int]:
    """Apply every pending migration in order; return the versions applied."""
    if conn.dialect.name == "postgresql":  # one migrator at a time per database
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7460813)")
    schema.schema_version.create(conn, checkfirst=True)
    have = current_version(conn)
    if have > LATEST:
        raise StoreError(f"database schema version {have} is newer than this conflictmap "
                         f"({LATEST}); upgrade conflictmap")
    applied = []
    for version, description, func in MIGRATIONS:
        if version <= have:
            continue
        func(conn)
        conn.execute(schema.schema_version.insert().values(
            version=version, description=description, applied_at=dt.datetime.now(dt.UTC)))
        applied.append(version)
    return applied


def describe(conn: Connection) -> list[str]:
    """Applied migrations, one line each (for `conflictmap db` style reports)."""
    rows = conn.execute(text("SELECT version, description FROM schema_version ORDER BY version"))
    return [f"{v}: {d}" for v, d in rows]
