"""Precision, recall and F1: one definition for every scorer."""

from __future__ import annotations

from dataclasses import dataclass


def ratio(part: float, whole: float) -> float:
    """part / whole, and 0.0 when there is nothing to divide by."""
    return part / whole if whole else 0.0


def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """(precision, recall, F1) of `hits` correct among `predicted`, out of `gold`."""
    p, r = ratio(hits, predicted), ratio(hits, gold)
    return p, r, ratio(2 * p * r, p + r)


@dataclass
class Tally:
    """Correct among predicted, out of gold: pool by adding the counts (micro-average)."""

    tp: int = 0
    gold: int = 0
    predicted: int = 0

    @property
    def precision(self) -> float:
        return prf(self.tp, self.predicted, self.gold)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.predicted, self.gold)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.predicted, self.gold)[2]
