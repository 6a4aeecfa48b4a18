"""Precision, recall and F1: one definition for every scorer."""

from __future__ import annotations


def ratio(part: float, whole: float) -> float:
    """part / whole, and 0.0 when there is nothing to divide by."""
    return part / whole if whole else 0.0


def prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """(precision, recall, F1) of `hits` correct among `predicted`, out of `gold`."""
    p, r = ratio(hits, predicted), ratio(hits, gold)
    return p, r, ratio(2 * p * r, p + r)
