"""Generated news articles for the benchmarks: realistic lengths and mixes of text.

Each article is a headline-like first sentence and paragraphs of 2-5 sentences, about
150-1,200 words (news wire lengths); about 60 % of the articles report events (attacks,
shelling, clashes, protests, arrests, territory taken, with actors, places, numbers and
dates) between background and non-event sentences (economy, weather, sport, quotes);
the rest hold no event at all.  Deterministic for a seed.  Invented for the benchmark:
no text is taken from any corpus.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

ACTORS = ["Government forces", "The army", "Rebel fighters", "Islamic State militants",
          "Police", "Al-Shabaab fighters", "Unidentified gunmen", "Paramilitary troops",
          "Protesters", "Security forces", "A militia", "Boko Haram insurgents"]
TARGETS = ["a checkpoint", "villagers", "an army base", "a market", "a convoy",
           "demonstrators", "a police station", "civilians", "rebel positions"]
PLACES = ["Aleppo", "Homs", "Idlib", "Mosul", "Kirkuk", "Maiduguri", "Mogadishu", "Kismayo",
          "Khartoum", "El Fasher", "Goma", "Bunia", "Sanaa", "Taiz", "Gao", "Timbuktu",
          "Benghazi", "Tripoli", "Kandahar", "Kunduz"]
DAYS = ["on Monday", "on Tuesday", "late on Wednesday", "on Thursday", "early on Friday",
        "on Saturday", "on Sunday", "last week", "on March 3"]
EVENTS = [
    "{a} attacked {t} near {p} {d}, killing {n} people, officials said.",
    "{a} shelled the outskirts of {p} {d}, residents said.",
    "Clashes between {a} and local fighters broke out in {p} {d}.",
    "Hundreds of protesters marched through {p} {d} to demand the release of detainees.",
    "{a} arrested {n} people in {p} {d}, a spokesman said.",
    "{a} captured {p} {d} after heavy fighting, according to witnesses.",
    "An air strike hit {t} in {p} {d}, wounding {n} people.",
    "A roadside bomb exploded near {t} outside {p} {d}, killing {n} soldiers.",
]
FILLER = [
    "The price of bread in {p} has doubled since the start of the year.",
    "Schools in the region reopened after the holiday, the education ministry said.",
    "The central bank kept interest rates unchanged at its meeting this month.",
    "Heavy rain is expected across the north of the country later in the week.",
    "Local traders said business had been slow because of fuel shortages.",
    "The national football team will play its next qualifier in {p}.",
    "Aid agencies say more than a million people need food assistance this year.",
    "\"We just want to live in peace,\" said one resident, who asked not to be named.",
    "The conflict began in 2011 and has displaced millions of people.",
    "Talks between the two sides are due to resume next month in Geneva.",
    "The report did not say how the figures had been collected.",
    "Officials have promised to rebuild the bridge, which was damaged in the floods.",
]


def _sentence(rng: random.Random, pool: list[str]) -> str:
    return rng.choice(pool).format(a=rng.choice(ACTORS), t=rng.choice(TARGETS),
                                   p=rng.choice(PLACES), d=rng.choice(DAYS),
                                   n=rng.randint(2, 40))


def make_article(rng: random.Random) -> str:
    """One article: 150-1,200 words, with or without events."""
    with_events = rng.random() < 0.6
    target = int(rng.triangular(150, 1200, 450))
    paragraphs, words = [], 0
    while words < target:
        count = rng.randint(2, 5)
        sents = [_sentence(rng, EVENTS if with_events and rng.random() < 0.12 else FILLER)
                 for _ in range(count)]
        paragraphs.append(" ".join(sents))
        words += sum(len(s.split()) for s in sents)
    if with_events:
        paragraphs[0] = _sentence(rng, EVENTS) + " " + paragraphs[0]
    return "\n\n".join(paragraphs)


def make_articles(n: int, seed: int = 11) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(n):
        yield make_article(rng)
