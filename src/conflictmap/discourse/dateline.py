"""Datelines and bylines: where and by whom a report was filed, not where the act was.

"KYIV (Reuters) -", "MOGADISHU, June 20 (AFP) -", "CAIRO:", "ADEN, Yemen -" open a wire
report; "By A Correspondent in Gao" heads it.  Their names are never an actor, never the
source of an actor's country and never the event's place (the text itself may still
put an event there, in a sentence of its own)."""

from __future__ import annotations

import re
from typing import Any

_PLACE = r"[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}"
_DATELINE = re.compile(
    rf"\A\s*(?P<line>{_PLACE}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?(?:\s*\([^()\n]{1,40}\))?)"
    r"\s*(?::|--|[-—–―])\s")
# A title-case dateline needs its agency or country in brackets: "Sidon (Lebanon):",
# "Bogota (AFP) -" (a bare "Mali:" opening a text may be its subject).
_TITLE_PLACE = r"[A-Z][a-z'’.\-]+(?:\s+[A-Z][a-z'’.\-]+){0,2}"
_TITLE_DATELINE = re.compile(
    rf"\A\s*(?P<line>{_TITLE_PLACE}(?:,\s*[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}})?"
    r"\s*\([A-Z][^()\n]{0,39}\))\s*(?::|--|[-—–―])\s")
_BYLINE = re.compile(r"\A\s*(?P<line>By\s+[^\n]{1,80}?)\s*\n")


# How many paragraphs from the top a dateline may open.
LEAD_PARAGRAPHS = 3


def dateline_span(text: str) -> tuple[int, int] | None:
    """Character span of the byline and dateline opening `text`, or of a dateline opening
    one of its first paragraphs (a scraped page may put a summary above it)."""
    end = 0
    byline = _BYLINE.match(text)
    if byline is not None:
        end = byline.end("line")
    line = _dateline_at(text[end:])
    if line is not None:
        return (0, end + line)
    if end:
        return (0, end)
    for start in _paragraph_starts(text)[1:LEAD_PARAGRAPHS]:
        line = _dateline_at(text[start:])
        if line is not None:
            return (start, start + line)
    return None


def _dateline_at(text: str) -> int | None:
    """Length of the dateline opening `text`, if one does."""
    line = _DATELINE.match(text)
    if line is not None and any(len(w) >= 3 for w in re.findall(r"[A-Z]{2,}", line["line"])):
        return line.end()
    line = _TITLE_DATELINE.match(text)
    return line.end() if line is not None else None


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for found in re.finditer(r"\n\s*(?=\S)", text):
        starts.append(found.end())
        if len(starts) >= LEAD_PARAGRAPHS:
            break
    return starts


def dateline_tokens(doc: Any) -> set[int]:
    """Token indices of the dateline and byline of a parsed article."""
    span = dateline_span(doc.text)
    if span is None:
        return set()
    return {t.i for t in doc if span[0] <= t.idx < span[1]}
