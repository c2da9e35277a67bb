"""Typed data model shared by every stage.

`Article` is the carrier that flows through the pipeline; stages fill its fields
(`doc`, `mentions`, `events`, `toponyms`, `timexes`).  Values such as `Actor`,
`Place`, `Location` and `Evidence` are frozen.  `Event.as_dict()` is the native
record of DESIGN.md; `Event.from_dict()` reads it back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields, replace
from typing import Any, Self

STATUSES = ("asserted", "claimed", "future", "hypothetical", "negated")
HAPPENED = frozenset({"asserted", "claimed"})  # the statuses of acts that took place
DATE_PRECISIONS = ("day", "week", "month", "year", "article")
# How the article tells an act: as news of the reporting window, or as history.
REPORTED_AS = ("new", "background")

# Bump when extraction logic changes in a way that changes records: event ids include it.
EXTRACTOR_VERSION = "1"


def content_id(text: str) -> str:
    """A short stable id for a piece of text (used when an input carries no id)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _known_fields(cls: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The entries of `data` that are fields of dataclass `cls` (unknown keys are ignored)."""
    return {k: v for k, v in data.items() if k in cls.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: one identity behind its aliases."""

    id: str
    name: str
    country: str | None = None  # ISO 3166 alpha-3
    type: str | None = None  # military, government, police, rebel, militia, civilians, ...
    sector: str | None = None  # PLOVER sector code: MIL, GOV, COP, REB, ...
    acled_name: str | None = None  # "Military Forces of Syria (2000-)"
    inter: int | None = None  # ACLED inter code 1-8
    cameo: str | None = None  # CAMEO actor code, e.g. SYRMIL
    side: str | None = None  # for assoc_actors: "actor" or "target"
    # the generic words ("the army", "security forces") of an actor given the country of
    # its sentence or the article's focus, not one the text names: the event's own place
    # may re-place it; empty for a named actor (not serialised)
    placed: str = field(default="", compare=False)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name, "country": self.country,
                               "type": self.type}
        for key in ("sector", "acled_name", "inter", "cameo", "side"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(**_known_fields(cls, data))


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span of text that refers to an actor, resolved to the knowledge base."""

    start: int  # character offsets into article text
    end: int
    text: str
    sentence_index: int
    actor: Actor
    token_start: int = 0  # token offsets into article.doc
    token_end: int = 0
    reason: str = ""  # why this actor: "alias", "demonym+force", "coreference:<text>", ...


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    geonames_id: int | None
    name: str
    country: str | None  # ISO alpha-3
    lat: float
    lon: float
    admin1: str | None = None
    admin2: str | None = None
    feature_class: str | None = None  # GeoNames class: P (populated place), A (admin), ...
    feature_code: str | None = None
    population: int = 0
    admin1_code: str | None = None  # GeoNames' code: 'SY.08' (admin1CodesASCII)
    admin2_code: str | None = None  # 'SY.08.123' (admin2Codes), where known

    def as_dict(self) -> dict[str, Any]:
        return {"geonames_id": self.geonames_id, "name": self.name, "country": self.country,
                "admin1": self.admin1, "admin2": self.admin2, "lat": self.lat, "lon": self.lon,
                "feature_code": self.feature_code, "population": self.population,
                "admin1_code": self.admin1_code, "admin2_code": self.admin2_code}


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in the text and the gazetteer entry chosen for it."""

    start: int
    end: int
    text: str
    place: Place | None
    score: float = 0.0
    reason: str = ""
    sentence_index: int = 0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        p = self.place
        out.update({"geonames_id": p.geonames_id if p else None, "name": p.name if p else None,
                    "country": p.country if p else None, "admin1": p.admin1 if p else None,
                    "lat": p.lat if p else None, "lon": p.lon if p else None,
                    "score": round(self.score, 3), "reason": self.reason})
        return out


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened. precision: 1 town itself, 2 near/part of, 3 region only.

    `name` is the place as the text writes it when the gazetteer does not know it ("the
    village of X, near Y": X at Y's point); `reason` then says how it was placed.
    `admin1`/`admin2` are in the gazetteer's spelling, with GeoNames codes ('SY.08')."""

    name: str
    lat: float
    lon: float
    precision: int = 1
    geonames_id: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin1_code: str | None = None
    admin2_code: str | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "geonames_id": self.geonames_id, "country": self.country,
                "admin1": self.admin1, "admin2": self.admin2, "admin1_code": self.admin1_code,
                "admin2_code": self.admin2_code, "lat": self.lat, "lon": self.lon,
                "precision": self.precision, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        return cls(**_known_fields(cls, data))


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression resolved against the publication date."""

    start: int
    end: int
    text: str
    value: str  # ISO date cut to precision: 2016-12-11, 2016-03, 2016, 2016-W49
    precision: str  # day, week, month, year
    sentence_index: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
                "precision": self.precision}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence an event was read from, as offsets into the article text."""

    text: str
    start: int
    end: int
    sentence_index: int
    article_id: str | None = None
    url: str | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "start": self.start, "end": self.end,
                               "sentence_index": self.sentence_index}
        if self.article_id is not None:
            out["article_id"] = self.article_id
        if self.url is not None:
            out["url"] = self.url
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(**_known_fields(cls, data))


@dataclass(frozen=True, slots=True)
class AcledCoding:
    """ACLED coding; both types are None for events ACLED does not record (accusations...)."""

    event_type: str | None
    sub_event_type: str | None
    actor1: str | None = None
    actor2: str | None = None
    inter1: int | None = None
    inter2: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "sub_event_type": self.sub_event_type,
                "actor1": self.actor1, "actor2": self.actor2,
                "inter1": self.inter1, "inter2": self.inter2}


@dataclass(slots=True)
class Event:
    """One coded event. Mutable while the pipeline fills it; a native record once done."""

    article_id: str
    plover: str
    cameo: str
    acled: AcledCoding
    evidence: Evidence
    plover_mode: str | None = None
    status: str = "asserted"
    claimed_by: str | None = None
    actor: Actor | None = None
    target: Actor | None = None
    assoc_actors: list[Actor] = field(default_factory=list)
    location: Location | None = None
    date: str | None = None
    date_precision: str = "article"
    fatalities: int | None = None
    confidence: float = 0.5
    trigger: str = ""  # the word(s) that signalled the event
    # character offset of the trigger in the article text: part of the stable `id`
    trigger_start: int = 0
    sources: list[Evidence] = field(default_factory=list)  # every report, once merged (store)
    # every sentence of the article that tells this act, the main one (`evidence`) first
    mentions: list[Evidence] = field(default_factory=list)
    reported_as: str = "new"  # one of REPORTED_AS
    id: str = ""

    def assign_id(self, article_text: str) -> str:
        """Stable id: same article text + extractor version + trigger + type -> same id."""
        key = "|".join([content_id(article_text), EXTRACTOR_VERSION, str(self.trigger_start),
                        self.trigger, self.plover, self.acled.sub_event_type or ""])
        self.id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
        return self.id

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "date": self.date,
            "date_precision": self.date_precision,
            "status": self.status,
            "claimed_by": self.claimed_by,
            "actor": self.actor.as_dict() if self.actor else None,
            "target": self.target.as_dict() if self.target else None,
            "assoc_actors": [a.as_dict() for a in self.assoc_actors],
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "cameo": self.cameo,
            "acled": self.acled.as_dict(),
            "location": self.location.as_dict() if self.location else None,
            "fatalities": self.fatalities,
            "evidence": self.evidence.as_dict(),
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
            "reported_as": self.reported_as,
            "mentions": [m.as_dict() for m in self.mentions or [self.evidence]],
            **({"sources": [s.as_dict() for s in self.sources]} if self.sources else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        def actor(d: dict[str, Any] | None) -> Actor | None:
            return Actor.from_dict(d) if d else None

        loc = data.get("location")
        return cls(
            id=data.get("id", ""),
            article_id=data["article_id"],
            plover=data["plover"],
            plover_mode=data.get("plover_mode"),
            cameo=data.get("cameo", ""),
            acled=AcledCoding(**data["acled"]),
            evidence=Evidence.from_dict(data["evidence"]),
            status=data.get("status", "asserted"),
            claimed_by=data.get("claimed_by"),
            actor=actor(data.get("actor")),
            target=actor(data.get("target")),
            assoc_actors=[Actor.from_dict(a) for a in data.get("assoc_actors") or []],
            location=Location.from_dict(loc) if loc else None,
            date=data.get("date"),
            date_precision=data.get("date_precision", "article"),
            fatalities=data.get("fatalities"),
            confidence=float(data.get("confidence", 0.5)),
            trigger=data.get("trigger", ""),
            sources=[Evidence.from_dict(s) for s in data.get("sources") or []],
            mentions=[Evidence.from_dict(m) for m in data.get("mentions") or []],
            reported_as=data.get("reported_as") or "new",
        )


@dataclass(slots=True)
class CodedEvent(Event):
    """An event while the pipeline codes it: the record's fields, plus where its words lie
    in the article's parse and what the claim rules read.  None of these is serialised;
    `record()` is the plain `Event`."""

    trigger_token: int = -1  # token index of the trigger in article.doc
    # token indices of every word that tells the act: trigger phrase, merged mentions
    # ("killed", "wounding"), a noun's light verb ("launched an assault")
    act_tokens: tuple[int, ...] = ()
    # an earlier act named in passing ("after the fall of Mosul"): kept only when the
    # text dates it
    in_passing: bool = False
    place_token: int = -1  # token index of a place the action names (object of "retook"), if any
    # who the report is attributed to, when a known actor, and whether the word was
    # "claimed"/"alleged" (`claimed_by` and `status` carry the result)
    claimant: Actor | None = None
    co_sources: tuple[Actor, ...] = ()
    claim_verb: bool = False

    def record(self) -> Event:
        """The event as a record: its serialised fields only."""
        return Event(**_record_fields(self))

    @classmethod
    def of(cls, event: Event) -> CodedEvent:
        """A record as an event to carry on an `Article` (nothing read from a parse)."""
        return cls(**_record_fields(event))


def _record_fields(event: Event) -> dict[str, Any]:
    return {f.name: getattr(event, f.name) for f in fields(Event)}


@dataclass(slots=True)
class Article:
    """One input document and everything the pipeline learns about it."""

    id: str
    text: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str = "en"
    # Filled by stages:
    doc: Any = None  # spaCy Doc (stage "nlp")
    skip_sentences: set[int] = field(default_factory=set)  # captions, "Also read:" links...
    mentions: list[ActorMention] = field(default_factory=list)  # stage "actors"
    events: list[CodedEvent] = field(default_factory=list)  # stage "actions"
    toponyms: list[Toponym] = field(default_factory=list)  # stage "places"
    timexes: list[Timex] = field(default_factory=list)  # stage "dates"
    country_focus: str | None = None  # ISO alpha-3 of the country the text is mostly about

    @classmethod
    def from_text(cls, text: str, *, published: dt.date | None = None,
                  id: str | None = None, **kwargs: Any) -> Article:
        return cls(id=id or content_id(text), text=text, published=published, **kwargs)

    def with_text(self, text: str) -> Article:
        return replace(self, text=text)


def article_name(article: Article) -> str:
    """How an error names an article: where it came from, and its id."""
    if article.source and article.id in article.source:
        return article.source
    return f"{article.source or 'article'} (id {article.id})"


CONTROL_STATUSES = ("controlled", "contested", "unknown")


@dataclass(frozen=True, slots=True)
class ControlInterval:
    """Who held a place from `valid_from` to `valid_to` (None = still open), and why we think so."""

    place: Location
    status: str  # controlled, contested, unknown
    valid_from: str  # ISO date (cut to the precision of the evidence)
    valid_to: str | None
    controller: Actor | None = None
    confidence: float = 0.5
    evidence: tuple[Evidence, ...] = ()
    event_ids: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"place": self.place.as_dict(), "status": self.status,
                "controller": self.controller.as_dict() if self.controller else None,
                "valid_from": self.valid_from, "valid_to": self.valid_to,
                "confidence": round(self.confidence, 3),
                "evidence": [e.as_dict() for e in self.evidence],
                "event_ids": list(self.event_ids)}
