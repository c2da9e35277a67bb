"""`SqlStore`: the `Store` implementation shared by SQLite and PostgreSQL (SQLAlchemy Core).

Backends subclass it to create the engine and to say how a bounding box uses their
spatial index.  Every write runs in one transaction (`write`; the writes themselves are
`sql_write.SqlWriter`'s): bad input leaves the store as it was.  The store decides nothing about events: deduplication and control are
services over it (`conflictmap.dedup`, `conflictmap.control`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
import datetime as dt
import functools
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import (BindParameter, ColumnElement, CompoundSelect, Connection, Date, Engine,
                        Float, Select, and_, bindparam, case, func, literal_column, or_, select,
                        union, union_all)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import StoreError
from ..model import Event
from . import migrations, rows
from .base import SORT_ORDERS, CandidateWindow, EventFilter, StoreWriter
from .schema import article_history, articles, events, ingest_manifest, merges
from .sql_write import SqlWriter

BBOX_NAMES = ("bb_x0", "bb_y0", "bb_x1", "bb_y1")
_MAX_SPAN = dt.timedelta(days=366)  # widest date range an event can have (year precision)
T = TypeVar("T")


@dataclass(frozen=True)
class QueryPlan:
    """How one query reads: the actor filter is an actor id (its two indexes), and the
    backend's text index narrowed the candidates (`text`, a WHERE term) or not (None)."""

    by_id: bool = False
    text: ColumnElement[bool] | None = None
    dated_after: bool = False  # a cursor on a day: only dated events after it (see _ids)


class SqlStore:
    """A store over one SQLAlchemy engine; see `conflictmap.storage.base.Store`."""

    def __init__(self, engine: Engine, *, url: str) -> None:
        self.engine = engine
        self.url = url
        self._cand_q: Select[Any] | None = None
        self._migrate()

    def _migrate(self, attempts: int = 3) -> None:
        """Bring the schema up to date; a second process migrating at the same moment
        makes the first attempt fail, and the next one finds the work done."""
        for attempt in range(attempts):
            try:
                with self.engine.begin() as conn:
                    migrations.migrate(conn)
                return
            except SQLAlchemyError as exc:
                if attempt == attempts - 1:
                    raise StoreError(f"{self.url}: cannot open or migrate the database "
                                     f"({exc})") from exc

    # -- writing (the writes themselves: `sql_write.SqlWriter`) ----------------------------

    def write(self, work: Callable[[StoreWriter], T], *, what: str,
              retry_conflict: bool = False) -> T:
        """Run `work` in one transaction; errors become `StoreError` naming `what`."""
        try:
            try:
                with self.engine.begin() as conn:
                    return work(SqlWriter(self, conn))
            except IntegrityError:  # another process stored the same thing at this moment
                if not retry_conflict:
                    raise
                with self.engine.begin() as conn:
                    return work(SqlWriter(self, conn))
        except SQLAlchemyError as exc:
            raise StoreError(f"{what}: cannot be stored ({exc})") from exc
        except (ValueError, TypeError) as exc:
            raise StoreError(f"{what}: invalid event ({exc}); nothing was stored") from exc

    def done_inputs(self, keys: Sequence[str]) -> set[str]:
        """The input keys (`rows.input_key`) the manifest holds: inputs stored before, which
        storing again would leave unchanged."""
        found: set[str] = set()
        wanted = sorted(set(keys))
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                q = select(ingest_manifest.c.input_key).where(
                    ingest_manifest.c.input_key.in_(wanted[i:i + 500]))
                found.update(conn.execute(q).scalars())
        return found

    # -- merges --------------------------------------------------------------------------

    def candidate_params(self, window: CandidateWindow) -> dict[str, Any]:
        """A window as the bind values of the candidate query."""
        return dict(zip(BBOX_NAMES, window.box)) | {
            "c_article": window.article_id, "c_event": window.event_id,
            "c_hi": window.hi, "c_lo": window.lo}

    def _candidates_for(self, conn: Connection, windows: Sequence[CandidateWindow]
                        ) -> dict[str, list[Event]]:
        """Unmerged events of other articles in each window (spatial index) at dates that
        can overlap; one prepared query per window (PostgreSQL batches them)."""
        out = {}
        for window in windows:
            found = conn.execute(self._candidate_query(), self.candidate_params(window))
            out[window.event_id] = [rows.event_from_row(r) for r in found.scalars()]
        return out

    def _candidate_query(self) -> Select[Any]:
        """Built once, executed with new bind values for every event."""
        if self._cand_q is None:
            undone = select(merges.c.canonical_id).where(
                merges.c.merged_id == bindparam("c_event"), merges.c.undone_at.is_not(None))
            self._cand_q = select(events.c.record).where(
                self._bbox_clause((0.0, 0.0, 0.0, 0.0)), events.c.canonical_id.is_(None),
                events.c.article_id != bindparam("c_article"),
                events.c.date_lo <= bindparam("c_hi", type_=Date),
                events.c.date_hi >= bindparam("c_lo", type_=Date),
                ~events.c.id.in_(undone)).limit(200)
        return self._cand_q

    def merge_log(self, event_id: str) -> list[dict[str, Any]]:
        """Every merge this event took part in, with its reason and whether it was undone."""
        q = select(merges).where(or_(merges.c.canonical_id == event_id,
                                     merges.c.merged_id == event_id)).order_by(merges.c.id)
        with self.engine.connect() as conn:
            return [dict(m) for m in conn.execute(q).mappings()]

    def article_history(self, article_id: str) -> list[dict[str, Any]]:
        """Earlier versions of an article, oldest first."""
        q = (select(article_history).where(article_history.c.article_id == article_id)
             .order_by(article_history.c.version))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    # -- reading -------------------------------------------------------------------------

    def _plan(self, f: EventFilter) -> QueryPlan:
        """What a query of `f` reads, decided once for its page and its count."""
        by_id = bool(f.actor) and self._is_actor_id(str(f.actor))
        return QueryPlan(by_id=by_id, text=self._text_prefilter(f, by_id=by_id))

    def _text_prefilter(self, f: EventFilter, *, by_id: bool) -> ColumnElement[bool] | None:
        """A backend's text index narrowing `f`'s words and actor name to few events
        (the LIKE tests still decide); None where it has none or they match many."""
        return None

    def _conditions(self, f: EventFilter, plan: QueryPlan, *, actor: bool = True
                    ) -> list[ColumnElement[bool]]:
        """The WHERE terms of `f` (without the actor's when `actor` is False)."""
        c = events.c
        conds: list[ColumnElement[bool]] = [] if plan.text is None else [plan.text]
        if f.start:
            conds += [c.date >= max(f.start, dt.date.min + _MAX_SPAN) - _MAX_SPAN,
                      c.date_hi >= f.start]
        if f.end:
            conds.append(c.date <= f.end)
        if f.bbox:
            conds.append(self._bbox_clause(f.bbox, (f.start, f.end)))
        if f.actor and actor:
            conds.append(_actor_clause(f.actor, by_id=plan.by_id))
        if f.after is not None:
            conds.append(_after_clause(f.after, dated=plan.dated_after))
        for col, value in ((c.event_type, f.event_type), (c.sub_event_type, f.sub_event_type),
                           (c.plover, f.plover), (c.status, f.status)):
            if value:
                conds.append(func.lower(col) == value.lower())
        if f.country:
            conds.append(c.country == f.country.upper())
        if f.place:
            conds.append(_place_clause(f.place))
        for word in (f.text or "").split():
            conds.append(func.lower(c.evidence_text).contains(word.lower(), autoescape=True))
        if not f.include_background:
            conds.append(_told_as_news())
        return conds

    def _is_actor_id(self, actor: str) -> bool:
        """Whether some event names `actor` as its actor's or target's id."""
        c = events.c
        q = select(c.id).where(or_(c.actor_id == actor, c.target_id == actor)).limit(1)
        with self.engine.connect() as conn:
            return conn.execute(q).first() is not None

    def _bbox_clause(self, bbox: tuple[float, float, float, float],
                     days: tuple[dt.date | None, dt.date | None] = (None, None)
                     ) -> ColumnElement[bool]:
        """Points inside the box; values bound as bb_x0, bb_y0, bb_x1, bb_y1.  `days` lets
        a backend whose spatial index also holds dates use it (the exact date test is
        made on the row either way)."""
        x0, y0, x1, y1 = bbox_params(bbox)
        return and_(events.c.lon.between(x0, x1), events.c.lat.between(y0, y1))

    def _select(self, f: EventFilter, *, include_merged: bool = False) -> Select[Any]:
        q = select(events.c.id, events.c.record, articles.c.url).join(
            articles, articles.c.id == events.c.article_id, isouter=True)
        if not include_merged:
            q = q.where(events.c.canonical_id.is_(None))
        return q.where(*self._conditions(f, self._plan(f)))

    def _page_ids(self, f: EventFilter, plan: QueryPlan) -> Select[Any]:
        """The ids of one page, in order.  Only index keys are sorted (the records are read
        for the page alone, `_page_rows`); an actor id takes the top of each of its two
        indexes (actor, target: migration 9) instead of sorting all its events."""
        order = _order(f.sort)
        where = [events.c.canonical_id.is_(None), *self._conditions(f, plan,
                                                                    actor=not plan.by_id)]
        if not plan.by_id:
            return (select(events.c.id).where(*where).order_by(*order)
                    .limit(f.limit).offset(f.offset))
        tops = [select(events.c.id).where(*where, col == f.actor).order_by(*order)
                .limit(f.limit + f.offset).subquery().select()
                for col in (events.c.actor_id, events.c.target_id)]
        return (select(events.c.id).where(events.c.id.in_(union_all(*tops)))
                .order_by(*order).limit(f.limit).offset(f.offset))

    def _page_rows(self, conn: Connection, f: EventFilter, plan: QueryPlan
                   ) -> list[tuple[str, str | None]]:
        """(record, article url) of each event of one page, in page order."""
        return self._rows_of(conn, self._ids(conn, f, plan))

    def _ids(self, conn: Connection, f: EventFilter, plan: QueryPlan) -> list[str]:
        """The page's ids.  After a cursor on a day, the dated events up to that day are
        read as a range of the "newest" indexes (not a scan from their top, which grows
        with the depth of the page), then the undated ones if the page is not full."""
        if f.after is None or f.after[0] is None or f.offset or f.sort != "newest":
            return list(conn.execute(self._page_ids(f, plan)).scalars())
        dated = dataclasses.replace(plan, dated_after=True)
        ids = list(conn.execute(self._page_ids(f, dated)).scalars())
        if len(ids) < f.limit:
            undated = dataclasses.replace(f, after=(None, ""), limit=f.limit - len(ids))
            ids += conn.execute(self._page_ids(undated, plan)).scalars()
        return ids

    def _rows_of(self, conn: Connection, ids: list[str]) -> list[tuple[str, str | None]]:
        if not ids:
            return []
        q = (select(events.c.id, events.c.record, articles.c.url)
             .join(articles, articles.c.id == events.c.article_id, isouter=True)
             .where(events.c.id.in_(ids)))
        found = {i: (r, u) for i, r, u in conn.execute(q)}
        return [found[i] for i in ids if i in found]

    def query_events(self, filters: EventFilter) -> list[Event]:
        """Events matching every filter, newest first, merged reports in `sources`."""
        plan = self._plan(filters)
        with self.engine.connect() as conn:
            found = [rows.event_from_row(r, u) for r, u in self._page_rows(conn, filters, plan)]
            self._fill_sources(conn, found)
        return found

    def query_records(self, filters: EventFilter) -> list[dict[str, Any]]:
        """`query_events` as native records (the API's pages): no `Event` is built;
        `sources` lists every report's evidence, the event's own first."""
        return self._records(filters, self._plan(filters))

    def _records(self, filters: EventFilter, plan: QueryPlan) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return self._page_records(conn, self._ids(conn, filters, plan))

    def _page_records(self, conn: Connection, ids: list[str]) -> list[dict[str, Any]]:
        """The records of these events, in this order, each with its `sources`."""
        found = [rows.record_from_row(r, u) for r, u in self._rows_of(conn, ids)]
        self._record_sources(conn, found)
        return found

    def query_page(self, filters: EventFilter, *, at_most: int
                   ) -> tuple[list[dict[str, Any]], int]:
        """`query_records(filters)` and `count_events` of the same filters without the
        cursor, up to `at_most`.  The events in a box are all read and sorted for the
        page anyway, so a first page of a box counts them in the same query."""
        plan = self._plan(filters)
        if filters.bbox is None or filters.after is not None:
            return self._records(filters, plan), self._count(
                dataclasses.replace(filters, after=None), plan, at_most)
        q = self._page_ids(filters, plan).add_columns(func.count().over())
        with self.engine.connect() as conn:
            found = conn.execute(q).all()
            if not found and filters.offset:  # past the last page: nothing to count with
                return [], self._count(filters, plan, at_most)
            recs = self._page_records(conn, [i for i, _ in found])
        return recs, min(found[0][1] if found else 0, at_most)

    def _record_sources(self, conn: Connection, found: list[dict[str, Any]]) -> None:
        by_id = {rec["id"]: rec for rec in found}
        for rec in found:
            rec["sources"] = [rec["evidence"]]
        if not by_id:
            return
        q = (select(events.c.canonical_id, events.c.record, articles.c.url)
             .join(articles, articles.c.id == events.c.article_id, isouter=True)
             .where(events.c.canonical_id.in_(list(by_id)))
             .order_by(events.c.added_at, events.c.id))
        for canonical_id, record, url in conn.execute(q):
            by_id[canonical_id]["sources"].append(rows.record_from_row(record, url)["evidence"])

    def count_events(self, filters: EventFilter, *, at_most: int | None = None) -> int:
        """Matching events; with `at_most`, counting stops there (bounded work)."""
        return self._count(filters, self._plan(filters), at_most)

    def _count(self, filters: EventFilter, plan: QueryPlan, at_most: int | None) -> int:
        """An actor id is counted as its actor's and its target's events (each from its
        own index, migration 9), an event that has it in both roles once; when its
        events as actor alone reach `at_most`, those are not read again."""
        where = [events.c.canonical_id.is_(None), *self._conditions(filters, plan,
                                                                    actor=not plan.by_id)]
        branches = [select(events.c.id).where(*where, *([role == filters.actor]
                                                        if plan.by_id else []))
                    .limit(at_most).subquery().select()
                    for role in (events.c.actor_id, events.c.target_id)[:1 + plan.by_id]]
        with self.engine.connect() as conn:
            found = _count_of(conn, branches[0])
            if plan.by_id and (at_most is None or found < at_most):
                found = _count_of(conn, union(*branches))
        return found if at_most is None else min(found, at_most)

    def get_event(self, event_id: str) -> Event | None:
        """One event by id; a merged report resolves to the event it was merged into."""
        with self.engine.connect() as conn:
            row = conn.execute(select(events.c.canonical_id).where(
                events.c.id == event_id)).first()
            if row is None:
                return None
            q = (select(events.c.record, articles.c.url)
                 .join(articles, articles.c.id == events.c.article_id, isouter=True)
                 .where(events.c.id == (row[0] or event_id)))
            found = [rows.event_from_row(r, u) for r, u in conn.execute(q)]
            self._fill_sources(conn, found)
        return found[0] if found else None

    def _fill_sources(self, conn: Connection, found: Sequence[Event]) -> None:
        by_id = {e.id: e for e in found}
        if not by_id:
            return
        q = (select(events.c.canonical_id, events.c.record, articles.c.url)
             .join(articles, articles.c.id == events.c.article_id, isouter=True)
             .where(events.c.canonical_id.in_(list(by_id)))
             .order_by(events.c.added_at, events.c.id))
        for canonical_id, record, url in conn.execute(q):
            event = by_id[canonical_id]
            if not event.sources:
                event.sources.append(event.evidence)
            event.sources.append(rows.event_from_row(record, url).evidence)

    def iter_events(self, filters: EventFilter | None = None, *, include_merged: bool = False,
                    batch_size: int = 2000) -> Iterator[Event]:
        """Every matching event (no limit), in id order, for exports."""
        f = filters or EventFilter()
        last = ""
        while True:
            q = (self._select(f, include_merged=include_merged).where(events.c.id > last)
                 .order_by(events.c.id).limit(batch_size))
            with self.engine.connect() as conn:
                batch = [rows.event_from_row(r, u) for _, r, u in conn.execute(q)]
                if not include_merged:
                    self._fill_sources(conn, batch)
            yield from batch
            if len(batch) < batch_size:
                return
            last = batch[-1].id

    # -- places --------------------------------------------------------------------------

    def place_events(self, place: str) -> list[Event]:
        """Every (unmerged) event located at a place (name or GeoNames id), oldest first."""
        q = (self._select(EventFilter(include_background=True)).where(_place_clause(place))
             .order_by(events.c.date))
        with self.engine.connect() as conn:
            found = [rows.event_from_row(r, u) for _, r, u in conn.execute(q)]
            self._fill_sources(conn, found)
        return found

    def place_names(self) -> list[str]:
        """The distinct location names of stored events, sorted."""
        q = (select(events.c.location_name).distinct()
             .where(events.c.location_name.is_not(None)).order_by(events.c.location_name))
        with self.engine.connect() as conn:
            return [str(name) for name in conn.execute(q).scalars()]

    def place_keys(self, sub_event_types: Collection[str], until: dt.date) -> list[str]:
        """Places (GeoNames id, else lower-case name) of unmerged events of these sub-event
        types dated up to `until`, sorted, each once."""
        q = (select(events.c.geonames_id, events.c.place_key).distinct().where(
            events.c.canonical_id.is_(None), events.c.date <= until,
            events.c.sub_event_type.in_(sorted(sub_event_types))))
        with self.engine.connect() as conn:
            keys = [str(g) if g is not None else k for g, k in conn.execute(q) if g or k]
        return sorted(set(keys))

    def data_version(self) -> str | None:
        """None: a backend that can tell when its data changed says so (SQLite file,
        PostgreSQL)."""
        return None

    def close(self) -> None:
        self.engine.dispose()


def bbox_params(bbox: tuple[float, float, float, float]) -> tuple[BindParameter[float], ...]:
    """The box's corners as named bind parameters (a prepared query re-binds them)."""
    return tuple(bindparam(name, float(value), type_=Float)
                 for name, value in zip(BBOX_NAMES, bbox))


@functools.cache
def shown_day() -> ColumnElement[Any]:
    """The day an event is listed under; written with a literal so that the index on this
    expression (migration 7) serves the "newest" order."""
    return case((events.c.date_precision == literal_column("'article'"), events.c.date_hi),
                else_=events.c.date_lo)


def _after_clause(after: tuple[str | None, str], *, dated: bool = False
                  ) -> ColumnElement[bool]:
    """Events after (day, id) in the "newest" order: earlier days, then undated ones
    (`dated`: not those, and the day as a range an index can seek to)."""
    day, last_id = after
    shown = shown_day()
    if day is None:
        return and_(shown.is_(None), events.c.id > last_id)
    when = dt.date.fromisoformat(day)
    later = or_(shown < when, and_(shown == when, events.c.id > last_id))
    return and_(shown <= when, later) if dated else or_(later, shown.is_(None))


@functools.cache
def _order(sort: str) -> tuple[ColumnElement[Any], ...]:
    """ORDER BY terms for one of SORT_ORDERS; undated events come last either way."""
    shown = shown_day()
    if sort not in SORT_ORDERS:
        raise ValueError(f"unknown sort order {sort!r}; expected one of {', '.join(SORT_ORDERS)}")
    by_date = shown.asc().nulls_last() if sort == "oldest" else shown.desc().nulls_last()
    first = {"confidence": events.c.confidence.desc().nulls_last(),
             "added": events.c.added_at.desc()}.get(sort)
    return (*([first] if first is not None else []), by_date, events.c.id)


@functools.cache
def _told_as_news() -> ColumnElement[bool]:
    """The event, or a report merged into it, tells the act as news (not background).
    Built once (clauses are immutable): building the alias costs more than the query."""
    member = events.alias("member")
    news_report = select(member.c.id).where(member.c.canonical_id == events.c.id,
                                            or_(member.c.reported_as.is_(None),
                                                member.c.reported_as != "background"))
    return or_(events.c.reported_as.is_(None), events.c.reported_as != "background",
               news_report.exists())


def _count_of(conn: Connection, q: Select[Any] | CompoundSelect[Any]) -> int:
    return int(conn.execute(select(func.count()).select_from(q.subquery())).scalar_one())


def _actor_clause(actor: str, *, by_id: bool) -> ColumnElement[bool]:
    """An actor id (through the indexes) when events carry it, else part of a name."""
    c = events.c
    if by_id:
        return or_(c.actor_id == actor, c.target_id == actor)
    low = actor.lower()
    return or_(func.lower(c.actor_name).contains(low, autoescape=True),
               func.lower(c.target_name).contains(low, autoescape=True))


def _place_clause(place: str) -> ColumnElement[bool]:
    key = place.strip()
    if key.isascii() and key.isdigit() and len(key) <= 18:  # a GeoNames id (fits int64)
        return events.c.geonames_id == int(key)
    return events.c.place_key == key.lower()
