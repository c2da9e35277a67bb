"""What the heads see: the sentence embedding beside TF-IDF word uni- and bigrams.

The embedding carries meaning across wordings; the n-grams carry the words that decide a
type (the instrument, "recaptured", "tear gas"). Both are stored with the heads in
`.npz` (vocabulary, idf, embedding standardisation), never pickled.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

Matrix = npt.NDArray[np.float32]
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")


def tokens(text: str) -> list[str]:
    """Lower-cased words; every number becomes "0" (a count, a date) so none is learned."""
    return ["0" if w[0].isdigit() else w for w in _WORD.findall(text.lower())]


def ngrams(text: str) -> set[str]:
    words = tokens(text)
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


@dataclass
class Featurizer:
    vocab: tuple[str, ...]
    idf: npt.NDArray[np.float32]
    emb_mean: npt.NDArray[np.float32]
    emb_scale: npt.NDArray[np.float32]
    emb_weight: float

    def __post_init__(self) -> None:
        self._index = {term: i for i, term in enumerate(self.vocab)}

    def transform(self, texts: Sequence[str], embeddings: Matrix) -> sparse.csr_matrix:
        """One row per text: the standardised embedding (scaled so its squared norm is
        about `emb_weight`²) then the L2-normalised TF-IDF n-grams."""
        emb = (embeddings - self.emb_mean) / self.emb_scale
        emb *= self.emb_weight / np.sqrt(emb.shape[1])
        rows, cols, vals = [], [], []
        for r, text in enumerate(texts):
            found = sorted(self._index[g] for g in ngrams(text) if g in self._index)
            weights = self.idf[found]
            norm = float(np.sqrt((weights * weights).sum())) or 1.0
            rows += [r] * len(found)
            cols += found
            vals += list(weights / norm)
        lexical = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(self.vocab)),
                                    dtype=np.float32)
        return sparse.hstack([sparse.csr_matrix(emb.astype(np.float32)), lexical],
                             format="csr")

    def save(self, path: Path) -> None:
        np.savez_compressed(path, vocab=np.array(self.vocab), idf=self.idf,
                            emb_mean=self.emb_mean, emb_scale=self.emb_scale,
                            emb_weight=np.float32(self.emb_weight))

    @classmethod
    def load(cls, path: Path | Any) -> Featurizer:
        with np.load(path, allow_pickle=False) as data:
            return cls(tuple(str(t) for t in data["vocab"]), data["idf"], data["emb_mean"],
                       data["emb_scale"], float(data["emb_weight"]))


def fit_featurizer(texts: Sequence[str], embeddings: Matrix, *, min_df: int = 3,
                   emb_weight: float = 1.0) -> Featurizer:
    """Vocabulary of n-grams in at least `min_df` texts, sorted so the fit is deterministic."""
    df: Counter[str] = Counter()
    for text in texts:
        df.update(ngrams(text))
    vocab = tuple(sorted(g for g, n in df.items() if n >= min_df))
    n = len(texts)
    idf = np.array([np.log((1 + n) / (1 + df[g])) + 1 for g in vocab], dtype=np.float32)
    mean = embeddings.mean(axis=0).astype(np.float32)
    scale = (embeddings.std(axis=0) + 1e-6).astype(np.float32)
    return Featurizer(vocab, idf, mean, scale, emb_weight)
