"""The regular grammar of temporal expressions, compiled once from the `times` lexicon.

Each rule is one regular expression over the whole text with a named group `t` (the extent
that becomes the time's span: prepositions and possessives stay outside it) and the name of
the handler in `timex_rules` that turns a match into TIMEX3 values.

Each rule also names its cues: words every match of it contains (a month, a unit, "ago", any
digit), and how many words of a match may come before the cue. The scan tries a rule only
just before its cues (see `timex_cues`), which is what makes it fast.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from typing import Any

from dateline import lexicons

START = r"(?<![\w'’\-])"  # not inside a word or a hyphenated compound ("sub-five-minute")
END = r"(?![\w])"
YEAR = r"(?:1[5-9]|20)\d\d"


DIGITS = "<digit>"  # the cue that stands for any digit


def alternation(words: Any) -> str:
    """Longest first, so "a few" wins over "a"; spaces match any run of whitespace."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def words(entries: Any) -> int:
    """The most words in any entry ("the beginning of" is 3; hyphens part words too)."""
    return max(len(re.split(r"[\s\-]+", str(e).strip())) for e in entries)


def first_words(entries: Any) -> set[str]:
    """The first word of each entry, lower case, without leading punctuation."""
    return {re.split(r"[\s\-]+", str(e).strip())[0].lower().lstrip("'’\"(.") for e in entries}


def prefix_tree(words: Any) -> str:
    """An alternation of `words` as a tree of shared prefixes ("mon(?:day|th)"): the regex
    engine tries one branch per letter instead of every word. Longer words are tried first."""
    heads: dict[str, list[str]] = {}
    for w in sorted(set(words)):
        heads.setdefault(w[:1], []).append(w[1:])
    optional = "" in heads
    branches = [re.escape(head) + prefix_tree(tails) for head, tails in heads.items() if head]
    if not branches:
        return ""
    tree = branches[0] if len(branches) == 1 and not optional else f"(?:{'|'.join(branches)})"
    return tree + ("?" if optional else "")


@dataclass
class Grammar:
    """Lexicon lookups and compiled rules; built once per lexicon version."""

    lexicon: dict[str, Any]
    rules: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    not_time_phrases: re.Pattern[str] | None = None
    not_times: list[re.Pattern[str]] = field(default_factory=list)  # user patterns, no cues
    any_not_time: re.Pattern[str] | None = None  # all of `not_times` in one: where the first is
    cues: dict[str, list[tuple[set[str], int]]] = field(default_factory=dict)
    cue_finder: re.Pattern[str] | None = None  # every cue, over lower-cased text
    cue_rules: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # (rule, reach)
    ascii_cues: bool = True
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
    g.not_time_phrases = re.compile(rf"{START}(?:{alternation(lexicon['not_times'])}){END}", re.I)
    g.not_times = [re.compile(p, re.I) for p in lexicon.get("not_time_patterns", [])]
    if g.not_times and not any(p.groups for p in g.not_times):  # groups would renumber
        with contextlib.suppress(re.error):  # e.g. inline flags: then each runs on its own
            g.any_not_time = re.compile("|".join(f"(?:{p.pattern})" for p in g.not_times), re.I)
    g.cues = _cues(lexicon, g.units)
    _compile_cues(g)
    g.future_cue = re.compile(rf"(?:{alternation(lexicon['future_cues'])})\s+(?:on\s+)?$", re.I)
    g.season_kind = re.compile(rf"\b({alternation(lexicon['season_kinds'])})\s+season\b", re.I)
    return g


def _cues(lexicon: dict[str, Any], units: dict[str, str]) -> dict[str, list[tuple[set[str], int]]]:
    """Per rule: (cue words, reach), reach being the most words a match can have before the
    cue. Count them off the rule's pattern above when you change it; `test_cues` checks."""
    pmod = words(lexicon["position_modifiers"])  # "the beginning of", "mid-"
    qmod = words(lexicon["quantity_modifiers"])  # "no more than"
    number = max(2, words(lexicon["numbers"]))  # "a couple of", "twenty five"
    months, weekdays, seasons = (set(lexicon[k]) for k in ("months", "weekdays", "seasons"))
    digit = {DIGITS}
    return {
        "date_mdy": [(months, 1 + pmod + 1)],  # weekday, modifier, "on"
        "date_dmy": [(months, 3)],  # weekday, day, "of"
        "date_numeric": [(digit, 0)],
        "month": [(months, pmod + 2)],  # modifier, "in", "last"
        "season": [(seasons, pmod + 2)],  # modifier, "in", "last"
        "year_range": [(digit, 0)],
        "year": [(digit, pmod + 1)],  # modifier, "in"
        "decade": [(digit, pmod + 1)],  # modifier, "the"
        "century": [({"century"}, pmod + 1 + words(lexicon["ordinals"]))],  # mod, "the", 21st
        "weekday": [(weekdays, pmod + 2)],  # modifier, "on", "last"
        "relative_day": [
            ({"today", "yesterday", "tomorrow", "tonight"}, pmod),
            ({"morning", "afternoon", "evening", "night"}, pmod + 1),  # "this"
        ],
        "relative_unit": [  # modifier, "in", "the", "past"
            ({"week", "weekend", "month", "year", "quarter", "decade", "century"}, pmod + 3)
        ],
        "unit_position": [({"week", "month", "year", "decade", "century"}, pmod + 2)],
        "weekend": [({"weekend"}, 1)],  # "the"
        "ago": [({"ago"}, qmod + number + words(units))],
        "number_range": [(set(units), number + 1 + number)],  # "12 to 18", "a couple of"
        "duration": [(set(units), qmod + 2 + number + 3)],  # "the past", "and a half"
        "bare_units": [(set(units), 2)],  # "the past"
        "quarter": [({"quarter", "half"}, 2), ({"q1", "q2", "q3", "q4"}, 0)],  # "the first"
        "reference": [(first_words(lexicon["references"]), 0)],
        "set": [
            ({"every", "each", "once", "twice"}, 0),
            ({"times"}, 1),  # "three times a year"
            (first_words(lexicon["set_words"]), 0),
            (weekdays, 0),  # "Mondays"
        ],
        "clock_duration": [(digit, 0)],
        "time": [(digit, 0), ({"noon", "midnight", "midday"}, 0)],
        "holiday": [(first_words(lexicon["holidays"]), pmod)],
        "not_times": [(first_words(lexicon["not_times"]), 0)],
    }


def _compile_cues(g: Grammar) -> None:
    """One regex for every cue (a whole word, or with a plural "s"); each word found leads to
    the rules cued by it or by any word it begins with ("weekend" also cues "week"). A rule
    with an empty cue word (a lexicon entry of punctuation) is scanned over the whole text."""
    g.cues = {rule: cues for rule, cues in g.cues.items() if all(all(ws) for ws, _ in cues)}
    cued: dict[str, list[tuple[str, int]]] = {DIGITS: []}
    for rule, cues in g.cues.items():
        for cue_words, reach in cues:
            for word in cue_words:
                cued.setdefault(word, []).append((rule, reach))
    g.cue_rules = {
        word: [pair for other, pairs in cued.items() if word.startswith(other) for pair in pairs]
        for word in cued
    }
    found = [w for w in cued if w != DIGITS]
    g.ascii_cues = all(w.isascii() for w in found)
    g.cue_finder = re.compile(rf"\b(?=({prefix_tree(found)})s?(?!\w)|\d)")


_built: tuple[object, Grammar] | None = None


def grammar() -> Grammar:
    """The grammar for the current `times` lexicon (rebuilt only when a user lexicon changes it)."""
    global _built
    lexicon = lexicons.load("times")
    if _built is None or _built[0] is not lexicon:
        _built = (lexicon, build(lexicon))
    return _built[1]
