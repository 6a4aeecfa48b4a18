"""TIMEX3 values from calendar facts: the resolution rules of the times stage, free of spaCy.

News conventions, driven by tense: a bare weekday or month points back from the article's
date (the anchor) unless the governing verb is future, then it points forward. Every function
takes plain values and returns a TIMEX3 value string, so each rule is testable on its own.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "present", "future"]
Direction = Literal["back", "forward", "nearest"]

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def direction(tense: Tense | None) -> Direction:
    """Future tense looks forward; past, present and unknown look back (news reports the past)."""
    return "forward" if tense == "future" else "back"


def day_value(day: date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def quarter_value(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def resolve_weekday(anchor: date, weekday: int, way: Direction, strict: bool = False) -> date:
    """The `weekday` (ISO, Monday=1) nearest the anchor in direction `way`.

    The anchor's own weekday is the anchor, unless `strict` ("last Monday", "next Monday").
    """
    delta = (anchor.isoweekday() - weekday) % 7
    if way == "forward":
        ahead = (weekday - anchor.isoweekday()) % 7
        if strict and ahead == 0:
            ahead = 7
        return anchor + timedelta(days=ahead)
    if strict and delta == 0:
        delta = 7
    return anchor - timedelta(days=delta)


def resolve_month_year(anchor: date, month: int, way: Direction, strict: bool = False) -> int:
    """The year that puts `month` on the `way` side of the anchor (the anchor's month counts
    as both sides unless `strict`, as in "last June" said in June)."""
    if way == "nearest":
        distance = (month - anchor.month) % 12
        return (
            anchor.year + (anchor.month + distance > 12)
            if distance <= 6
            else (anchor.year - (month > anchor.month))
        )
    if way == "forward":
        return (
            anchor.year
            if month > anchor.month or (month == anchor.month and not strict)
            else (anchor.year + 1)
        )
    if month < anchor.month or (month == anchor.month and not strict):
        return anchor.year
    return anchor.year - 1


def resolve_month_day(anchor: date, month: int, day: int, way: Direction) -> date | None:
    """A day of a month without a year: the nearest such date on the `way` side of the anchor
    (either side for "nearest")."""
    if way == "nearest":
        options = [
            d
            for y in (anchor.year - 1, anchor.year, anchor.year + 1)
            if (d := _safe_date(y, month, day)) is not None
        ]
        return min(options, key=lambda d: abs((d - anchor).days), default=None)
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        candidate = _safe_date(year, month, day)
        if candidate is None:
            continue
        if way == "back" and candidate <= anchor and (anchor - candidate).days < 366:
            return candidate
        if way == "forward" and candidate >= anchor and (candidate - anchor).days < 366:
            return candidate
    return _safe_date(anchor.year, month, day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def relative_unit(anchor: date, unit: str, offset: int) -> str | None:
    """`offset` units from the anchor at the unit's own granularity ("last month" = -1 month)."""
    if unit == "day":
        return day_value(anchor + timedelta(days=offset))
    if unit == "week":
        return week_value(anchor + timedelta(weeks=offset))
    if unit == "weekend":
        return week_value(anchor + timedelta(weeks=offset)) + "-WE"
    if unit == "month":
        return month_value(*shift_month(anchor.year, anchor.month, offset))
    if unit == "quarter":
        year, month = shift_month(anchor.year, anchor.month, 3 * offset)
        return quarter_value(year, (month - 1) // 3 + 1)
    if unit == "year":
        return f"{anchor.year + offset:04d}"
    if unit == "decade":
        return f"{(anchor.year + 10 * offset) // 10:03d}"
    if unit == "century":
        return f"{(anchor.year + 100 * offset) // 100:02d}"
    return None


def resolve_season(anchor: date, season: str, offset: int | None, way: Direction) -> str:
    """A season's TIMEX3 value ("2012-SU"). Winter belongs to the year it starts in.

    `offset` is -1 for "last" (the latest one already over), 0 for "this" (the one under way
    or in the anchor's year), 1 for "next" (the first not yet begun); None is a bare season,
    placed by tense like a bare month (latest begun, or first not yet over).
    """
    first = SEASON_START[season]
    spans = []
    for year in range(anchor.year - 2, anchor.year + 2):
        begin_year, begin_month = year, first
        end_year, end_month = shift_month(year, first, 3)
        spans.append((year, date(begin_year, begin_month, 1), date(end_year, end_month, 1)))
    if offset == -1:
        year = max(y for y, _, end in spans if end <= anchor)
    elif offset == 1:
        year = min(y for y, begin, _ in spans if begin > anchor)
    elif offset == 0:
        current = [y for y, begin, end in spans if begin <= anchor < end]
        year = current[0] if current else anchor.year
    elif way == "back":
        year = max(y for y, begin, _ in spans if begin <= anchor)
    else:
        year = min(y for y, _, end in spans if end > anchor)
    return f"{year:04d}-{season}"


def duration_value(amount: float | None, code: str, time_unit: bool) -> str:
    """ISO 8601 duration; `None` amount is the TIMEX3 vague "X" (PXM, PTXH)."""
    prefix = "PT" if time_unit else "P"
    if amount is None:
        return f"{prefix}X{code}"
    text = f"{amount:g}" if amount != int(amount) else str(int(amount))
    return f"{prefix}{text}{code}"


def clock_duration(hours: int, minutes: int, seconds: int) -> str:
    """A race time such as 3:07:35 as a duration (PT3H7M35S)."""
    parts = [(hours, "H"), (minutes, "M"), (seconds, "S")]
    return "PT" + "".join(f"{n}{c}" for n, c in parts if n)


def ago_value(anchor: date, amount: int, unit: str) -> str | None:
    """ "four years ago" as the date it points to, at the granularity of its unit."""
    if unit in ("hour", "minute", "second"):
        return day_value(anchor)
    if unit == "fortnight":
        return relative_unit(anchor, "week", -2 * amount)
    return relative_unit(anchor, unit, -amount)


def end_of_year_shift(anchor: date, mod: str | None, tense: Tense | None) -> int:
    """ "peaked by the end of the year" in a spring article means last year: a past event at
    the end of a year cannot be the current year's end unless that end is near."""
    return -1 if mod == "END" and tense == "past" and anchor.month <= 9 else 0
