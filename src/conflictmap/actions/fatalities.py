"""Fatalities stated in a sentence: digits and number words; 'no one was killed' -> 0;
vague amounts ('dozens', 'scores') and 'casualties unknown' -> None."""

from __future__ import annotations

import re

from ..lang import EN

UNITS = EN.numbers("number_units")
TENS = EN.numbers("number_tens")
SCALES = {"hundred": 100, "thousand": 1000}

_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES], key=len, reverse=True))
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:(?:{_WORD})[\s-]*)+)"
KILL = (r"(?:killed|dead|died|slain|killing|executed|massacred|beheaded|shot\s+dead|"
        r"lost\s+(?:their|his|her)\s+li(?:ves|fe)|deaths|fatalities|bodies|perished|"
        r"murdered|lifeless)")
HEDGE = r"(?:at\s+least|some|about|around|nearly|almost|more\s+than|over|up\s+to|roughly|" \
        r"approximately|an\s+estimated|as\s+many\s+as)\s+"
NOUNS = r"(?:[\w'-]+\s+){0,3}?"

PATTERNS = [
    # "12 soldiers were killed", "at least 5 people died", "3 dead"
    re.compile(rf"\b(?:{HEDGE})?(?P<n>{NUMBER})\s+{NOUNS}(?:(?:were|was|have\s+been|had\s+been|"
               rf"are|is|been|reportedly|also|all)\s+)*{KILL}\b", re.IGNORECASE),
    # "killing 12 civilians", "killed at least 7 and wounded 20"
    re.compile(rf"\b(?:killing|killed|kills|kill|left|leaving|claimed\s+the\s+lives\s+of|"
               rf"shot\s+dead|shooting\s+dead|executing|executed|massacring|massacred|murdered|"
               rf"murdering|slaughtered|beheaded|beheading)\s+"
               rf"(?:{HEDGE})?(?P<n>{NUMBER}|an?(?=\s+(?!number|dozen|few|lot|handful|score)"
               rf"[a-z-]+))(?=\s|[,.;]|$)"
               rf"(?:\s+{NOUNS}and\s+(?P<m>{NUMBER})\s+(?!wounded|injured|hurt)[a-z]+)?",
               re.IGNORECASE),
    # "a soldier was killed", "burned two men to death"
    re.compile(EN.pattern("killed_one"),
               re.IGNORECASE),
    # "hacked to death four farmers"
    re.compile(rf"\b(?:beat|beaten|burned|burnt|stabbed|hacked|stoned|clubbed)\s+to\s+death\s+"
               rf"(?:{HEDGE})?(?P<n>an?|{NUMBER})\s", re.IGNORECASE),
    re.compile(rf"\b(?:beat|beaten|burned|burnt|stabbed|hacked|stoned|clubbed)\s+"
               rf"(?P<n>an?|{NUMBER})\s+{NOUNS}to\s+death", re.IGNORECASE),
    # "death toll rose to 30", "a toll of 12 dead"
    re.compile(rf"\b(?:death\s+)?toll\s+(?:[\w'-]+\s+){{0,10}}?(?:to|of|at|reached|hit|stands\s+at)"
               rf"\s+(?:{HEDGE})?(?P<n>{NUMBER})", re.IGNORECASE),
]
ZERO = re.compile(EN.pattern("zero_toll"),
                  re.IGNORECASE)  # "no soldiers were killed"
UNKNOWN = re.compile(EN.pattern("unknown_toll"), re.IGNORECASE)


def parse_number(text: str) -> int | None:
    """'12' -> 12, 'twenty-five' -> 25, 'two hundred' -> 200, 'dozens' -> None."""
    text = text.strip().lower().replace(",", "")
    if text.isdigit():
        return int(text)
    if text in ("a", "an"):
        return 1
    total, current = 0, 0
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words or words[0] in ("a", "an") and len(words) == 1:
        return 1 if words else None
    for word in words:
        if word in UNITS:
            current += UNITS[word] if word not in ("a", "an") else (1 if current == 0 else 0)
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current


def fatalities_in(text: str) -> int | None:
    """The number of people the sentence says were killed, or None when it gives none."""
    if UNKNOWN.search(text):
        return None
    total: int | None = None
    spans: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(s <= m.start("n") < e for s, e in spans):
                continue
            value = parse_number(m.group("n"))
            if value is None or _is_year(m.group("n")):
                continue
            spans.append((m.start("n"), m.end("n")))
            total = (total or 0) + value + _second(m)
        if total is not None:
            return total
    if ZERO.search(text):
        return 0
    return None


def _second(m: re.Match[str]) -> int:
    """The second number of 'killed 4 police officers and 2 civilians'."""
    extra = m.groupdict().get("m")
    return (parse_number(extra) or 0) if extra else 0


def _is_year(text: str) -> bool:
    return text.isdigit() and len(text) == 4 and text.startswith(("19", "20"))
