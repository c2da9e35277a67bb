"""`SqlWriter`: the writes of one transaction of a `SqlStore` (its `StoreWriter`).

Storing an article (idempotent by content; a changed version goes to history and its
events are replaced), the ingest manifest, and the merge primitives deduplication
writes through (`conflictmap.dedup`).  The candidate query, which each backend runs
through its own spatial index, stays on the store.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, or_, select, update

from ..model import Article, Event
from . import rows
from .base import AddResult, CandidateWindow, StoredArticle
from .schema import article_history, articles, events, ingest_manifest, merges

if TYPE_CHECKING:
    from .sql import SqlStore


def now() -> dt.datetime:
    """The time stored in the tables (UTC, without a zone)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class SqlWriter:
    """The `StoreWriter` of one transaction (`conn`) of a `SqlStore`."""

    def __init__(self, store: SqlStore, conn: Connection) -> None:
        self.store, self.conn = store, conn

    # -- articles ------------------------------------------------------------------------

    def put_article(self, article: Article) -> StoredArticle:
        """Store one article (see `_store`) and note its input in the manifest."""
        stored = self._store(article)
        result = stored.result
        if result.status == "replaced":  # what was done for the old version is undone
            self.conn.execute(delete(ingest_manifest).where(
                ingest_manifest.c.article_id == result.article_id))
        _upsert_manifest(self.conn, rows.input_key(article), result.article_id)
        return stored

    def _store(self, article: Article) -> StoredArticle:
        digest = rows.content_hash(article)
        old, same = self._find_article(article, digest)
        if old is not None and old["content_hash"] == digest:
            return StoredArticle(AddResult(old["id"], "unchanged"), [])
        if old is None and same is not None:
            return StoredArticle(AddResult(same, "unchanged"), [])
        stamp, removed = now(), []
        if old is None:
            status, article_id, version = "new", article.id, 1
            self.conn.execute(articles.insert().values(
                rows.article_row(article, version=1, now=stamp)))
        else:
            status, article_id, version = "replaced", old["id"], old["version"] + 1
            removed = self._archive(old, stamp)
            row = rows.article_row(article, version=version, now=stamp) | {"id": article_id}
            self.conn.execute(update(articles).where(articles.c.id == article_id).values(row))
        inserted = self._insert_events(article, article_id, stamp)
        return StoredArticle(AddResult(article_id, status, events_added=len(inserted)),
                             inserted, removed)

    def _find_article(self, article: Article, digest: str
                      ) -> tuple[dict[str, Any] | None, str | None]:
        """(the stored article with this id, else this url; the id of one with exactly
        this content, e.g. a syndicated copy) in one query."""
        a = articles.c
        cond = or_(a.id == article.id, a.content_hash == digest,
                   *([a.url == article.url] if article.url else []))
        found = [dict(r) for r in self.conn.execute(select(
            a.id, a.url, a.content_hash, a.version).where(cond)).mappings()]
        same = next((f["id"] for f in found if f["content_hash"] == digest), None)
        old = (next((f for f in found if f["id"] == article.id), None)
               or next((f for f in found if article.url and f["url"] == article.url), None))
        if old is not None:
            old = dict(self.conn.execute(
                select(articles).where(a.id == old["id"])).mappings().one())
        return old, same

    def _archive(self, old: dict[str, Any], stamp: dt.datetime) -> list[str]:
        """Keep the old version (with its events) in history, then drop its events;
        returns the ids of the events dropped (their merges are the caller's to settle)."""
        conn = self.conn
        recs = conn.execute(select(events.c.record).where(
            events.c.article_id == old["id"])).scalars().all()
        conn.execute(article_history.insert().values(
            article_id=old["id"], version=old["version"], url=old["url"], title=old["title"],
            published=old["published"], source=old["source"], text=old["text"],
            content_hash=old["content_hash"], events=json.dumps([json.loads(r) for r in recs]),
            stored_at=old["added_at"], replaced_at=stamp))
        ids = list(conn.execute(select(events.c.id).where(
            events.c.article_id == old["id"])).scalars())
        conn.execute(delete(events).where(events.c.article_id == old["id"]))
        return ids

    def _insert_events(self, article: Article, article_id: str, stamp: dt.datetime
                       ) -> list[Event]:
        """Insert the article's events (each id once); returns the events inserted."""
        pending: dict[str, tuple[Event, dict[str, Any]]] = {}
        for i, event in enumerate(article.events):
            event_id = rows.ensure_event_id(event, article, i)
            if event_id not in pending:
                pending[event_id] = (event, rows.event_row(event, article_id=article_id,
                                                           now=stamp))
        if pending:
            self.conn.execute(events.insert(), [row for _, row in pending.values()])
        return [event for event, _ in pending.values()]

    # -- merges --------------------------------------------------------------------------

    def merge_candidates(self, windows: Sequence[CandidateWindow]) -> dict[str, list[Event]]:
        return self.store._candidates_for(self.conn, windows) if windows else {}

    def mark_merged(self, merged_id: str, canonical_id: str, reason: str) -> None:
        self.conn.execute(update(events).where(events.c.id == merged_id)
                          .values(canonical_id=canonical_id))
        self.conn.execute(merges.insert().values(
            canonical_id=canonical_id, merged_id=merged_id, reason=reason, created_at=now()))

    def canonical_of(self, event_id: str) -> str | None:
        row = self.conn.execute(select(events.c.canonical_id).where(
            events.c.id == event_id)).first()
        return None if row is None else row[0]

    def merged_into(self, canonical_id: str) -> list[str]:
        """The reports merged into an event (merges not undone), oldest merge first."""
        q = (select(merges.c.merged_id).where(merges.c.canonical_id == canonical_id,
                                              merges.c.undone_at.is_(None))
             .order_by(merges.c.id))
        return list(self.conn.execute(q).scalars())

    def unmerge(self, event_ids: Sequence[str]) -> None:
        """The events stand on their own: no canonical event, their merges undone now."""
        self.conn.execute(update(events).where(events.c.id.in_(event_ids))
                          .values(canonical_id=None))
        self.conn.execute(update(merges).where(merges.c.merged_id.in_(event_ids),
                                               merges.c.undone_at.is_(None))
                          .values(undone_at=now()))

    def move_merges(self, event_ids: Sequence[str], canonical_id: str) -> None:
        """The events (and their merges not undone) now report `canonical_id`."""
        self.conn.execute(update(events).where(events.c.id.in_(event_ids))
                          .values(canonical_id=canonical_id))
        self.conn.execute(update(merges).where(merges.c.merged_id.in_(event_ids),
                                               merges.c.undone_at.is_(None))
                          .values(canonical_id=canonical_id))


def _upsert_manifest(conn: Connection, key: str, article_id: str) -> None:
    """Note an input as done (a concurrent writer noting the same one is no error)."""
    from sqlalchemy.dialects import postgresql, sqlite

    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    values = {"input_key": key, "article_id": article_id, "done_at": now()}
    conn.execute(insert(ingest_manifest).values(values).on_conflict_do_update(
        index_elements=["input_key"], set_={"article_id": article_id,
                                            "done_at": values["done_at"]}))
