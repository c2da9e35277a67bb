"""A multinomial logistic-regression head: trained with L-BFGS, stored as `.npz` (no pickle).

Deterministic: weights start at zero and the full batch is used, so the same data give
the same weights on every machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

Matrix = npt.NDArray[np.float32]
Features = Any  # a scipy.sparse CSR matrix or a dense float array, one row per text


@dataclass
class LinearHead:
    """Softmax over `classes` of `features @ weights + bias`."""

    classes: tuple[str, ...]
    weights: npt.NDArray[np.float32]  # (n_features, n_classes)
    bias: npt.NDArray[np.float32]  # (n_classes,)

    def proba(self, features: Features) -> Matrix:
        logits = np.asarray(features @ self.weights) + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        out: Matrix = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return out

    def predict(self, features: Features) -> list[str]:
        return [self.classes[i] for i in self.proba(features).argmax(axis=1)]

    def save(self, path: Path) -> None:
        np.savez_compressed(path, classes=np.array(self.classes), weights=self.weights,
                            bias=self.bias)

    @classmethod
    def load(cls, path: Path | Any) -> LinearHead:
        with np.load(path, allow_pickle=False) as data:
            return cls(tuple(str(c) for c in data["classes"]), data["weights"], data["bias"])


def fit(features: Features, labels: Sequence[str], *, l2: float = 1e-4,
        balance: float = 0.5, max_iter: int = 1000) -> LinearHead:
    """Fit a head minimising the class-weighted mean log-loss plus `l2`/2 ‖W‖²;
    `balance` in [0, 1] moves class weights from uniform (0) to inverse frequency (1)."""
    from scipy.optimize import minimize  # training only: about 27 MiB that extract never needs

    classes = tuple(sorted(set(labels)))
    index = {c: i for i, c in enumerate(classes)}
    y = np.array([index[c] for c in labels])
    x = features.astype(np.float64)
    counts = np.bincount(y, minlength=len(classes)).astype(np.float64)
    class_w = (counts.mean() / counts) ** balance
    w_row = class_w[y] / class_w[y].sum()
    onehot = np.eye(len(classes))[y]
    n_feat, n_cls = x.shape[1], len(classes)
    xt = x.T.tocsr() if sparse.issparse(x) else x.T

    def loss(theta: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
        w = theta[:-n_cls].reshape(n_feat, n_cls)
        b = theta[-n_cls:]
        logits = np.asarray(x @ w) + b
        logits -= logits.max(axis=1, keepdims=True)
        logp = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        value = -(w_row * (onehot * logp).sum(axis=1)).sum() + 0.5 * l2 * (w * w).sum()
        grad_logits = (np.exp(logp) - onehot) * w_row[:, None]
        gw = np.asarray(xt @ grad_logits) + l2 * w
        return float(value), np.concatenate([gw.ravel(), grad_logits.sum(axis=0)])

    theta0 = np.zeros(n_feat * n_cls + n_cls)
    result = minimize(loss, theta0, jac=True, method="L-BFGS-B",
                      options={"maxiter": max_iter})
    theta = result.x
    return LinearHead(classes, theta[:-n_cls].reshape(n_feat, n_cls).astype(np.float32),
                      theta[-n_cls:].astype(np.float32))
