"""The one schema every SQL backend uses (SQLAlchemy 2 Core).

This is the current schema: migration 1 creates it on an empty database, and later
migrations bring older databases to it (so they are written to be idempotent).
Backend-specific additions (SQLite's R*Tree, PostGIS's geography column) are made by
the versioned migrations in `migrations.py`, never here.
"""

from __future__ import annotations

from sqlalchemy import (BigInteger, Column, Date, DateTime, Float, Index, Integer, MetaData,
                        String, Table, Text)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(200), primary_key=True),
    Column("url", Text, index=True),
    Column("title", Text),
    Column("published", Date),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("version", Integer, nullable=False, default=1),
    Column("added_at", DateTime, nullable=False),
)

article_history = Table(
    "article_history", metadata,
    Column("hid", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(200), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", Date),
    Column("source", Text),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("events", Text, nullable=False),  # JSON list of the native records it had
    Column("stored_at", DateTime, nullable=False),
    Column("replaced_at", DateTime, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(200), nullable=False, index=True),
    Column("canonical_id", String(64)),  # set when merged into another event
    Column("date", Date, index=True),
    Column("date_lo", Date),
    Column("date_hi", Date),
    Column("date_precision", String(10)),
    Column("status", String(16)),
    Column("plover", String(40)),
    Column("cameo", String(10)),
    Column("event_type", String(60)),
    Column("sub_event_type", String(60)),
    Column("actor_id", String(120), index=True),
    Column("actor_name", Text),
    Column("target_id", String(120), index=True),
    Column("target_name", Text),
    Column("location_name", Text),
    Column("place_key", Text, index=True),  # lower-cased location name
    Column("geonames_id", BigInteger, index=True),
    Column("country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("fatalities", Integer),
    Column("confidence", Float),
    Column("evidence_text", Text),
    Column("reported_as", String(12)),  # new or background (NULL: stored before it existed)
    Column("record", Text, nullable=False),  # the native JSON record
    Column("added_at", DateTime, nullable=False),
)
# Only merged reports carry a canonical_id: index just those (lookups of an event's reports).
Index("ix_events_merged", events.c.canonical_id,
      sqlite_where=events.c.canonical_id.is_not(None),
      postgresql_where=events.c.canonical_id.is_not(None))
Index("ix_events_sub_type_date", events.c.sub_event_type, events.c.date)

merges = Table(
    "merges", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("canonical_id", String(64), nullable=False, index=True),
    Column("merged_id", String(64), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("undone_at", DateTime),
)

# Inputs already ingested (resumable runs): the key of an input (its id and content hash,
# `rows.input_key`) and the stored article it ended up in.  Written in the transaction
# that stores the article, dropped when that article is replaced.
ingest_manifest = Table(
    "ingest_manifest", metadata,
    Column("input_key", String(64), primary_key=True),
    Column("article_id", String(200), nullable=False, index=True),
    Column("done_at", DateTime, nullable=False),
)
