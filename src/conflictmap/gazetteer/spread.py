"""Co-location: the places of one text tend to lie near each other.

Each distinct name spreads its belief over its candidates (a softmax of their scores);
a candidate is supported by the share of every *other* name's belief that lies within
`RADIUS_KM` of it.  Summed over names, this picks the combination of candidates with
the smallest spread ("Watertown" near "Delano" and "St. Paul" is the Minnesota one),
without trying every combination.  Countries, continents and first-level regions
neither give nor get support: their points say little about where a town lies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .base import COUNTRY_CODES, Candidate

RADIUS_KM = 150.0
TOP = 30  # candidates per name taken into account
SHARPNESS = 3.0
CAP = 1.0  # support counts at most one name's worth


def _is_point(c: Candidate) -> bool:
    code = c.place.feature_code or ""
    return not (code in COUNTRY_CODES or code in ("CONT", "RGN") or code.startswith("ADM1"))


def _softmax(scores: Sequence[float]) -> np.ndarray:
    arr = np.asarray(scores, dtype=float) * SHARPNESS
    arr = np.exp(arr - arr.max())
    out: np.ndarray = arr / arr.sum()
    return out


def _distances(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    dla = la[:, None] - la[None, :]
    dlo = lo[:, None] - lo[None, :]
    a = np.sin(dla / 2) ** 2 + np.cos(la)[:, None] * np.cos(la)[None, :] * np.sin(dlo / 2) ** 2
    out: np.ndarray = 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return out


def colocation(names: dict[str, Sequence[Candidate]],
               score: Callable[[str, Candidate], float],
               rounds: int = 2) -> dict[tuple[str, PlaceKey], float]:
    """(name, place key) -> the number of other names (0..n, fractional) whose
    likely referents lie near that candidate."""
    rows: list[tuple[str, int, Candidate, float]] = []
    for key, cands in names.items():
        top = sorted(range(len(cands)), key=lambda i: score(key, cands[i]), reverse=True)[:TOP]
        rows.extend((key, i, cands[i], score(key, cands[i])) for i in top)
    points = [r for r in rows if _is_point(r[2])]
    if len({r[0] for r in points}) < 2:
        return {}
    lat = np.array([r[2].place.lat for r in points])
    lon = np.array([r[2].place.lon for r in points])
    keys = [r[0] for r in points]
    near = _distances(lat, lon) < RADIUS_KM
    same = np.array([[a == b for b in keys] for a in keys])
    near &= ~same
    base = np.array([r[3] for r in points])
    support = np.zeros(len(points))
    for _ in range(rounds):
        mass = _masses(keys, rows, base + support)
        support = np.minimum(near @ mass, CAP)
    return {(r[0], place_key(r[2])): float(s) for r, s in zip(points, support)}


PlaceKey = tuple[int | None, float, float]


def place_key(c: Candidate) -> PlaceKey:
    return (c.place.geonames_id, c.place.lat, c.place.lon)


def _masses(keys: list[str], rows: list[tuple[str, int, Candidate, float]],
            point_scores: np.ndarray) -> np.ndarray:
    """Each point candidate's share of its name's belief (areas keep theirs, unused)."""
    out = np.zeros(len(keys))
    area_scores: dict[str, list[float]] = {}
    for key, _, cand, s in rows:
        if not _is_point(cand):
            area_scores.setdefault(key, []).append(s)
    by_name: dict[str, list[int]] = {}
    for idx, key in enumerate(keys):
        by_name.setdefault(key, []).append(idx)
    for key, idxs in by_name.items():
        scores = [float(point_scores[i]) for i in idxs] + area_scores.get(key, [])
        shares = _softmax(scores)[:len(idxs)]
        out[idxs] = shares
    return out
