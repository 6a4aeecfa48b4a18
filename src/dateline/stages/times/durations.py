"""Handlers for amounts of time and repeated or clock times: durations ("six-week",
"after months"), "ago", vague references ("now"), sets ("each season") and clock times."""

from __future__ import annotations

import re

from dateline.stages.times import timex as tx
from dateline.stages.times.context import (
    Context,
    Found,
    amount,
    capitalized,
    modifier,
    sentence_initial,
    span_of,
    unit_spec,
)

_AMOUNT_BEFORE = re.compile(r"(?:\d|million|billion|trillion|once|twice|times)\S*\s+$", re.I)


def duration(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = span_of(m)
    name, spec = unit_spec(ctx, m["unit"])
    num = (m["num"] or "").lower()
    if name == "second" and num in ("a", "an"):
        return None  # "a second term"
    if num in ("a", "an") and _AMOUNT_BEFORE.search(ctx.text, max(0, start - 20), start):
        return Found(
            start,
            end,
            "SET",
            tx.duration_value(spec.get("factor", 1), spec["code"], spec.get("time", False)),
        )
    count = amount(ctx, m["num"])
    if count is not None and m.groupdict().get("half"):
        count += 0.5
    value = _duration(spec, count)
    return Found(start, end, "DURATION", value, modifier(ctx, m))


def _duration(spec: dict, count: float | None) -> str:
    if count is None:
        return tx.duration_value(None, spec.get("vague", spec["code"]), spec.get("time", False))
    return tx.duration_value(count * spec.get("factor", 1), spec["code"], spec.get("time", False))


def number_range(m: re.Match[str], ctx: Context) -> list[Found] | None:
    """ "between 12 and 18 months": the first number borrows the unit of the second."""
    _, spec = unit_spec(ctx, m["unit"])
    first, second = amount(ctx, m["n1"]), amount(ctx, m["num"])
    if first is None or second is None or first >= second:
        return None
    return [
        Found(*span_of(m, "n1"), "DURATION", _duration(spec, first)),
        Found(*span_of(m, "t2"), "DURATION", _duration(spec, second)),
    ]


def bare_units(m: re.Match[str], ctx: Context) -> Found | None:
    """ "after months", "for years", "days before": a vague duration, only with a cue."""
    cues = ctx.grammar.lexicon["duration_cues"]
    if not m["rel"]:
        before = ctx.word_before(m.start("t"))
        after = ctx.word_after(m.end("t")).lower()
        if before not in cues["before"] and after not in cues["after"]:
            return None
    _, spec = unit_spec(ctx, m["unit"])
    return Found(*span_of(m), "DURATION", _duration(spec, None))


def ago(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = span_of(m)
    name, _ = unit_spec(ctx, m["unit"])
    count = amount(ctx, m["num"]) if m["num"] else None
    if count is None or ctx.anchor is None:
        return Found(start, end, "DATE", "PAST_REF", modifier(ctx, m))
    return Found(start, end, "DATE", tx.ago_value(ctx.anchor, int(count), name), modifier(ctx, m))


def reference(m: re.Match[str], ctx: Context) -> Found | None:
    phrase = " ".join(m["t"].lower().split())
    if phrase.startswith(("the ", "at ")) and ctx.word_after(m.end("t")).lower() == "of":
        return None  # "the future of Gaza", "at the time of"
    return Found(*span_of(m), "DATE", ctx.grammar.lookup("references", phrase))


def set_(m: re.Match[str], ctx: Context) -> Found | None:
    start, end = span_of(m)
    g = ctx.grammar
    if m["adv"]:
        if m["adv"][0].isupper() and not sentence_initial(ctx, m.start("t")):
            return None  # "LA Weekly", "Daily News"
        return Found(start, end, "SET", g.lookup("set_words", m["adv"]))
    if m["wds"]:
        if not capitalized(m["wds"]):
            return None
        return Found(start, end, "SET", f"XXXX-WXX-{g.lookup('weekdays', m['wds'])}")
    what = (m["what"] or m["funit"]).lower()
    if what in g.units:
        _, spec = unit_spec(ctx, what)
        count = 2 if (m["num"] or "").lower() == "other" else amount(ctx, m["num"])
        return Found(start, end, "SET", _duration(spec, count or 1))
    if g.lookup("weekdays", what):
        return Found(start, end, "SET", f"XXXX-WXX-{g.lookup('weekdays', what)}")
    if g.lookup("parts_of_day", what):
        return Found(start, end, "SET", f"XXXX-XX-XXT{g.lookup('parts_of_day', what)}")
    code = g.lookup("seasons", what) or ctx.season
    return Found(start, end, "SET", f"XXXX-{code}" if code else "P1Y")


def clock_duration(m: re.Match[str], ctx: Context) -> Found | None:
    return Found(*span_of(m), "DURATION", tx.clock_duration(int(m["h"]), int(m["m"]), int(m["s"])))


_TIME_CUES = {"at", "by", "from", "until", "till", "before", "after", "around", "about", "since"}


def time(m: re.Match[str], ctx: Context) -> Found | None:
    """A clock time; its day is filled in later from the sentence (see `attach_days`)."""
    if m["noon"]:
        clock = "12:00" if m["noon"].lower() in ("noon", "midday") else "24:00"
    elif m["ap"]:
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        hour = hour % 12 + (12 if m["ap"].lower().startswith("p") else 0)
        clock = f"{hour:02d}:{minute:02d}"
    elif m["hm"]:
        clock = f"{m['hm'][:2]}:{m['hm'][2:]}"
    else:
        if not m["tz2"] and ctx.word_before(m.start("t")) not in _TIME_CUES:
            return None
        hour, minute = int(m["h2"]), int(m["m2"])
        if hour > 23 or minute > 59:
            return None
        clock = f"{hour:02d}:{minute:02d}"
    if int(clock[:2]) > 24:
        return None
    return Found(*span_of(m), "TIME", "T" + clock)
