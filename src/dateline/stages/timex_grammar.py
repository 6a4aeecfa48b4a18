"""The regular grammar of temporal expressions, compiled once from the `times` lexicon.

Each rule is one regular expression over the whole text with a named group `t` (the extent
that becomes the time's span: prepositions and possessives stay outside it) and the name of
the handler in `timex_rules` that turns a match into TIMEX3 values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dateline import lexicons

START = r"(?<![\w'’\-])"  # not inside a word or a hyphenated compound ("sub-five-minute")
END = r"(?![\w])"
YEAR = r"(?:1[5-9]|20)\d\d"


def alternation(words: Any) -> str:
    """Longest first, so "a few" wins over "a"; spaces match any run of whitespace."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass
class Grammar:
    """Lexicon lookups and compiled rules; built once per lexicon version."""

    lexicon: dict[str, Any]
    rules: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    not_times: list[re.Pattern[str]] = field(default_factory=list)
    future_cue: re.Pattern[str] | None = None
    season_kind: re.Pattern[str] | None = None
    units: dict[str, str] = field(default_factory=dict)

    def lookup(self, table: str, key: str) -> Any:
        """Case- and whitespace-insensitive lexicon lookup."""
        return self.lexicon[table].get(" ".join(key.lower().split()))


def build(lexicon: dict[str, Any]) -> Grammar:
    """Compile every rule from the lexicon (called once per process, or per user lexicon)."""
    g = Grammar(lexicon=lexicon)
    for name in lexicon["units"]:
        plural = "centuries" if name == "century" else name + "s"
        g.units[name] = name
        g.units[plural] = name
    months = alternation(lexicon["months"])
    full_months = alternation(
        k for k in lexicon["months"] if len(k) > 4 or k in ("may", "june", "july")
    )
    weekdays = alternation(lexicon["weekdays"])
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    numbers = rf"(?:\d+(?:\.\d+)?|(?:{tens})[\s-](?:{ones})|{alternation(lexicon['numbers'])})"
    units = alternation(g.units)
    pod = alternation(lexicon["parts_of_day"])
    seasons = alternation(lexicon["seasons"])
    ordinals = alternation(lexicon["ordinals"])
    count_words = [
        k
        for k, v in lexicon["numbers"].items()
        if isinstance(v, int) and " " not in k and k not in ("a", "an")
    ]
    pmods = alternation(k for k in lexicon["position_modifiers"] if k != "mid")
    pmod = rf"(?P<pmod>mid-|mid\s+|(?:{pmods})\s+)"
    qmod = rf"(?P<qmod>(?:{alternation(lexicon['quantity_modifiers'])})\s+)"
    rel = r"(?P<rel>last|next|this|coming|past|previous|current|following|upcoming)"
    plural_units = alternation(
        g.units[u] + "s" if u != "century" else "centuries"
        for u in lexicon["units"]
        if u not in ("night", "fortnight")
    )
    sources = {
        "date_mdy": rf"(?P<t>(?:(?P<wd>{weekdays}),?\s+)?(?:{pmod}(?:on\s+)?)?"
        rf"(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>{YEAR}))?){END}(?![.,]\d|\s*%)",
        "date_dmy": rf"(?P<t>(?:(?P<wd>{weekdays}),?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+"
        rf"(?:of\s+)?(?P<month>{months})\.?(?:,?\s+(?P<year>{YEAR}))?){END}",
        "date_numeric": rf"(?P<t>(?P<iy>{YEAR})-(?P<im>\d\d)-(?P<id>\d\d)"
        rf"|(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>(?:19|20)?\d\d)){END}(?!/)",
        "month": rf"(?P<t>(?:{pmod}(?:in\s+)?)?(?:{rel}\s+)?(?P<month>{full_months})"
        rf"(?:,?\s+(?:of\s+)?(?P<year>{YEAR})|\s+of\s+(?P<yrel>this|last|next)\s+year)?){END}",
        "season": rf"(?P<t>(?:{pmod}(?:in\s+)?)?(?:(?P<rel>last|next|this|coming|past|the)\s+)?"
        rf"(?P<season>{seasons})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?){END}",
        "year_range": rf"(?P<t>(?P<y1>{YEAR})\s*[-–/]\s*(?P<y2>(?:1[5-9]|20)?\d\d)){END}"
        r"(?![-–/]\d)",
        "year": rf"(?P<t>(?:{pmod}(?:in\s+)?)?(?P<year>{YEAR})){END}(?![.,]\d|\s*%|[-–]\d)",
        "decade": rf"(?P<t>(?:{pmod})?(?:the\s+)?"
        rf"(?:(?P<c>1[5-9]|20)(?P<d>\d)0|['’](?P<d2>\d)0)s){END}",
        "century": rf"(?P<t>(?:{pmod})?(?:the\s+)?"
        rf"(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{ordinals}))[\s-]+century){END}",
        "weekday": rf"(?P<t>(?:{pmod}(?:on\s+)?)?(?:{rel}\s+)?(?P<wd>{weekdays})"
        rf"(?:\s+(?P<pod>{pod}))?){END}",
        "relative_day": rf"(?P<t>(?:{pmod})?(?:(?P<rd>today|yesterday|tomorrow|tonight)"
        rf"(?:\s+(?P<pod>{pod}))?"
        rf"|(?P<this>this|last)\s+(?P<pod2>morning|afternoon|evening|night))){END}",
        "relative_unit": rf"(?P<t>(?:{pmod}(?:in\s+)?)?(?:(?P<the>the)\s+)?{rel}\s+"
        r"(?P<unit>week|weekend|month|year|quarter|decade|century)s?)" + END,
        "unit_position": rf"(?P<t>{pmod}(?:in\s+)?(?:the\s+)?"
        rf"(?P<unit>week|month|year|decade|century)){END}",
        "weekend": rf"(?P<t>the\s+weekend){END}",
        "ago": rf"(?P<t>(?:{qmod})?(?:(?P<num>{numbers})[\s-]+)?(?P<unit>{units})\s+ago){END}",
        "number_range": rf"(?P<t>(?P<n1>\d{{1,3}}|{alternation(count_words)}))"
        rf"(?:\s+(?:and|to|or)\s+|\s*[-–]\s*)"
        rf"(?P<t2>(?P<num>{numbers})[\s-]+(?P<unit>{units})){END}",
        "duration": rf"(?P<t>(?:{qmod})?(?:(?P<the>the\s+)?(?P<rel>past|last|next|coming|following"
        rf"|previous|first|final|recent)\s+)?(?P<num>{numbers})(?P<half>\s+and\s+a\s+half)?[\s-]+"
        rf"(?P<unit>{units})){END}",
        "bare_units": rf"(?P<t>(?:(?:the\s+)?"
        rf"(?P<rel>past|last|next|coming|recent|following|previous)\s+)?"
        rf"(?P<unit>{plural_units})){END}",
        "quarter": rf"(?P<t>(?:the\s+)?(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
        rf"[\s-]+quarter(?:\s+of\s+(?:(?P<year>{YEAR})|(?P<yrel>this|last|next)\s+year))?"
        rf"|(?P<qn>Q[1-4])(?:\s+(?P<qy>{YEAR}))?"
        rf"|(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+"
        rf"(?:(?P<hy>{YEAR})|(?P<hrel>this|last|next)\s+year)"
        rf"){END}",
        "reference": rf"(?P<t>{alternation(lexicon['references'])}){END}",
        "set": rf"(?P<t>(?:every|each)\s+(?:(?P<num>{numbers}|other)\s+)?"
        rf"(?P<what>{units}|{weekdays}|{pod}|{seasons}|season)|(?P<adv>{alternation(lexicon['set_words'])})|(?P<wds>{weekdays})s"
        rf"|(?P<freq>once|twice|\w+\s+times)\s+(?:a|an|per|each|every)\s+(?P<funit>{units})){END}",
        "clock_duration": r"(?P<t>(?P<h>\d{1,2}):(?P<m>\d\d):(?P<s>\d\d))(?!\s*[ap]\.?m)" + END,
        "time": r"(?P<t>(?P<h>\d{1,2})(?:[:.](?P<m>\d\d))?\s*(?P<ap>[ap]\.?\s?m\b\.?)"
        r"(?:\s+(?P<tz>local\s+time|(?-i:[A-Z]{2,4})\b))?"
        r"|(?P<h2>\d{1,2}):(?P<m2>\d\d)(?!:\d)"
        r"(?:\s*(?P<tz2>GMT|UTC|local\s+time|(?-i:[A-Z]{2,3}T)\b))?"
        r"|(?P<hm>[0-2]\d[0-5]\d)\s*(?P<tz3>GMT|UTC)"
        r"|(?P<noon>noon|midnight|midday))(?!\w)",
        "holiday": rf"(?P<t>(?:{pmod})?(?P<hol>{alternation(lexicon['holidays'])})){END}",
    }
    g.rules = [(name, re.compile(START + src, re.I)) for name, src in sources.items()]
    g.not_times = [re.compile(rf"{START}(?:{alternation(lexicon['not_times'])}){END}", re.I)]
    g.not_times += [re.compile(p, re.I) for p in lexicon.get("not_time_patterns", [])]
    g.future_cue = re.compile(rf"(?:{alternation(lexicon['future_cues'])})\s+(?:on\s+)?$", re.I)
    g.season_kind = re.compile(rf"\b({alternation(lexicon['season_kinds'])})\s+season\b", re.I)
    return g


_built: tuple[object, Grammar] | None = None


def grammar() -> Grammar:
    """The grammar for the current `times` lexicon (rebuilt only when a user lexicon changes it)."""
    global _built
    lexicon = lexicons.load("times")
    if _built is None or _built[0] is not lexicon:
        _built = (lexicon, build(lexicon))
    return _built[1]
