"""Ingest: turn input files, directories, feeds and standard input into `Article`s.

`read_inputs` yields an `Article` for every usable document and an `InputError` for
every one that is not (empty, binary, undecodable, no text, not English, bad JSON
line, bad date), so one bad input never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import InputError
from .lang import EN
from .model import Article, content_id

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".feed"}
ALL_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

_ENGLISH_STOPWORDS = EN.words("stop_words")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

Item = Article | InputError


def read_inputs(inputs: Iterable[str], *, published: dt.date | None = None,
                stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Yield articles (or errors) for each path, directory or `-` (standard input)."""
    for name in inputs:
        if name == "-":
            if stdin is None:
                import sys
                stdin = sys.stdin.buffer
            yield from read_bytes(stdin.read(), source="<stdin>", published=published)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in ALL_SUFFIXES)
            if not files:
                yield InputError(name, "directory holds no .txt, .html, .jsonl or feed files")
            for file in files:
                yield from read_file(file, published=published)
        elif path.exists():
            yield from read_file(path, published=published)
        else:
            yield InputError(name, "no such file or directory")


def read_file(path: Path, *, published: dt.date | None = None) -> Iterator[Item]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot read ({exc.strerror})")
        return
    yield from read_bytes(data, source=str(path), published=published,
                          kind=_kind_from_suffix(path.suffix.lower()))


def _kind_from_suffix(suffix: str) -> str | None:
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES),
                           ("jsonl", JSONL_SUFFIXES), ("feed", FEED_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return None


def read_bytes(data: bytes, *, source: str, published: dt.date | None = None,
               kind: str | None = None) -> Iterator[Item]:
    """Decode and parse one input's bytes; `kind` is sniffed when not given."""
    try:
        text = decode(data, source)
    except InputError as exc:
        yield exc
        return
    kind = kind or sniff_kind(text)
    if kind == "jsonl":
        yield from parse_jsonl(text, source=source, published=published)
    elif kind == "feed" or (kind == "html" and _looks_like_feed(text)):
        yield from parse_feed(text, source=source, published=published)
    elif kind == "html":
        yield _checked(lambda: parse_html(text, source=source, published=published), source)
    else:
        yield _checked(lambda: make_article(text, source=source, published=published), source)


def _checked(build: Any, source: str) -> Item:
    try:
        article: Article = build()
        return article
    except InputError as exc:
        return exc
    except Exception as exc:  # a parser library failed on this input only  # noqa: BLE001
        return unreadable(source, exc)


def unreadable(source: str, exc: Exception) -> InputError:
    """An unexpected failure on one input, as the error that names it."""
    return InputError(source, f"cannot be read ({type(exc).__name__}: {exc})")


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is an error."""
    if not data.strip():
        raise InputError(source, "empty input")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data, source)
    if _looks_binary(data):
        raise InputError(source, "binary data, not text (expected .txt, .html, .jsonl or a feed)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                                 f"{exc.start}); convert the file to UTF-8") from None


def _decode_utf16(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        why = ("odd number of bytes, so the file is cut short" if len(data) % 2
               else f"bad UTF-16 at offset {exc.start}")
        raise InputError(source, f"has a UTF-16 byte-order mark but is not valid UTF-16 "
                                 f"({why}); convert the file to UTF-8") from None


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control > len(head) * 0.05


def sniff_kind(text: str) -> str:
    head = text.lstrip()[:500].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<?xml") and ("<rss" in head or "<feed" in head) or head.startswith(
            ("<rss", "<feed")):
        return "feed"
    if head.startswith(("<!doctype html", "<html", "<")):
        return "html"
    return "text"


def _looks_like_feed(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return "<rss" in head or "<feed" in head and "xmlns" in head


def make_article(text: str, *, source: str, published: dt.date | None, id: str | None = None,
                 title: str | None = None, url: str | None = None,
                 origin: str | None = None) -> Article:
    """Validate text (not empty, English) and build the Article."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "no text to read")
    check_english(text, source)
    check_published(published, source)
    return Article(id=id or content_id(text), text=text, published=published, title=title,
                   url=url, source=origin or source)


def check_english(text: str, source: str) -> None:
    words = _WORD.findall(text[:5000].lower())
    if len(words) < 8:
        return  # too short to judge; let it through
    latin = sum(1 for w in words if w.isascii())
    hits = sum(1 for w in words if w in _ENGLISH_STOPWORDS)
    if latin < 0.6 * len(words) or hits < 0.06 * len(words):
        raise InputError(source, "text does not look like English (only English is supported)")


FUTURE_GRACE = dt.timedelta(days=1)


def check_published(published: dt.date | None, source: str) -> None:
    """A publication date may lie at most one day ahead (time zones), never further."""
    latest = dt.date.today() + FUTURE_GRACE
    if published is not None and published > latest:
        raise InputError(source, f"published {published.isoformat()} lies in the future "
                                 f"(latest accepted: {latest.isoformat()})")


def parse_date(value: Any, source: str) -> dt.date | None:
    """ISO date or datetime string -> date; anything else is an InputError."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(source, f"published must be a YYYY-MM-DD string, not "
                                 f"{_json_type(value)}")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise InputError(source, f"published {value!r} is not a valid YYYY-MM-DD date") from None


def parse_html(html: str, *, source: str, published: dt.date | None,
               id: str | None = None, url: str | None = None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(_WORD.findall(body)) < 5:  # nothing, or only navigation crumbs
        raise InputError(source, "HTML holds no article text")
    own_date = parse_date(getattr(doc, "date", None), source)
    return make_article(body, source=source, published=own_date or published, id=id,
                        title=getattr(doc, "title", None), url=url or getattr(doc, "url", None))


def parse_jsonl(text: str, *, source: str, published: dt.date | None) -> Iterator[Item]:
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        yield _checked(lambda: _jsonl_record(line, where=where, published=published), where)


def _jsonl_record(line: str, *, where: str, published: dt.date | None) -> Article:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(where, "a JSON object with 'text' or 'html' is expected")
    rid = _record_id(record, where)
    try:
        return _record_article(record, rid, where=where, published=published)
    except InputError as exc:  # name the record by its id too
        raise InputError(f"{where} (id {rid})" if rid else where, exc.problem) from None


def _record_article(record: dict[str, Any], rid: str | None, *, where: str,
                    published: dt.date | None) -> Article:
    fields = {k: _string_field(record, k, where) for k in ("text", "html", "title", "url",
                                                            "source")}
    if not (fields["text"] or fields["html"]):
        raise InputError(where, "record has no 'text' or 'html'")
    own = parse_date(record.get("published"), where)
    if fields["text"]:
        return make_article(fields["text"], source=where, published=own or published,
                            id=rid, title=fields["title"], url=fields["url"],
                            origin=fields["source"])
    return parse_html(fields["html"] or "", source=where, published=own or published, id=rid,
                      url=fields["url"])


def _json_type(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", dict: "an object",
             list: "an array", str: "a string"}
    return names.get(type(value), type(value).__name__)


def _string_field(record: dict[str, Any], key: str, where: str) -> str | None:
    """A text field of a JSONL record: a string or absent/null; any other type is an error."""
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InputError(where, f"{key!r} must be a string, not {_json_type(value)}")


def _record_id(record: dict[str, Any], where: str) -> str | None:
    """The record's id: a string or a whole number (kept as its digits)."""
    value = record.get("id")
    if value in (None, ""):
        return None
    if isinstance(value, str) or isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise InputError(where, f"'id' must be a string or a whole number, not {_json_type(value)}")


def parse_feed(text: str, *, source: str, published: dt.date | None) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(text)
    if not feed.entries:
        problem = "feed has no entries" if not feed.bozo else f"not a readable feed ({feed.bozo_exception})"
        yield InputError(source, problem)
        return
    for n, entry in enumerate(feed.entries, start=1):
        yield _checked(lambda: _feed_entry(entry, f"{source}#{n}", published), f"{source}#{n}")


def _feed_entry(entry: Any, where: str, published: dt.date | None) -> Article:
    body = ""
    if entry.get("content"):
        body = entry["content"][0].get("value", "")
    body = body or entry.get("summary", "") or entry.get("description", "")
    text = _strip_tags(body)
    title = _strip_tags(entry.get("title", "")) or None
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    own = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
    if title and text and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return make_article(text, source=where, published=own or published,
                        id=entry.get("id") or entry.get("link"), title=title,
                        url=entry.get("link"))


def _strip_tags(html: str) -> str:
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except Exception:  # lxml raises several types on broken markup  # noqa: BLE001
        return re.sub(r"<[^>]+>", " ", html).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    parts = [p.text_content().strip() for p in root.xpath("//p")] or [root.text_content()]
    return "\n\n".join(p for p in parts if p)
