"""When an event happened: the time expression of its own clause, else what the narrative
implies (a past perfect under a report is earlier than the report; a verb in the report's
present happens on the article's date; a bare past continues the last dated event nearby)."""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.schema import Meta, Quote, Time
from dateline.stages import text_of

_NARRATIVE_REACH = 2  # sentences a dated event lends its date to undated past events after it


def _date_of(value: str | None) -> str | None:
    """A calendar value usable as an event date: YYYY, YYYY-MM or YYYY-MM-DD."""
    if not value or not value[:4].isdigit():
        return None
    head = value[:10]
    if len(head) >= 7 and head[4] == "-" and head[5:7].isdigit():
        return head if len(head) == 10 and head[8:10].isdigit() else head[:7]
    return head[:4] if len(value) == 4 else None


@cache
def _indefinite_words() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicons.load("times")["indefinite_past"])


def _indefinite_past(verb: Token) -> bool:
    """Whether a clause places its act at no particular time in the past ("on previous
    visits", "repeatedly", "in the past")."""
    words = _indefinite_words()
    for child in verb.children:
        if child.dep_ in ("prep", "advmod", "npadvmod") and any(
            t.lower_ in words for t in child.subtree
        ):
            return True
    return False


def _participle_adjunct(token: Token) -> bool:
    """ "..., calling for ...": a participle clause with no subject or subordinator of its own."""
    return (
        token.dep_ == "advcl"
        and token.tag_ in ("VBG", "VBN")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in token.children)
    )


class EventClock:
    """Dates events in one article, remembering the last dated one for the narrative."""

    def __init__(self, doc: Doc, times: list[Time], meta: Meta) -> None:
        self.doc = doc
        self.times = [t for t in times if t.type in ("DATE", "TIME")]
        self.today = meta.published or (meta.dateline.date if meta.dateline else None)
        self._governor: dict[str, int] = {}
        for t in self.times:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                self._governor[t.id] = self._verb_of(span.root).i
        self._last: tuple[int, str] | None = None  # (sentence start token, date)
        self._sent_starts = [s.start for s in doc.sents]  # token index of each sentence
        self.narrative = self._narrative_date()

    def _narrative_date(self) -> str | None:
        """The day the news happened, where the lead says it ("On Friday, dock workers walked
        out ..."): the first day or month in the first paragraph that dates a verb in the
        past or present perfect. Undated past acts later in the story default to it."""
        text = text_of(self.doc)
        lead_end = text.find("\n")
        lead_end = len(text) if lead_end < 0 else lead_end
        for t in self.times:
            if t.start >= lead_end:
                break
            date = _date_of(t.value)
            verb = self.doc[self._governor[t.id]] if t.id in self._governor else None
            if date and len(date) >= 7 and verb is not None and self._tense(verb) != "present":
                return date
        return None

    @staticmethod
    def _verb_of(token: Token) -> Token:
        while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
            token = token.head
        return token

    def _clause_verbs(self, trigger: Token) -> list[Token]:
        """The trigger and the verbs whose time it shares: the clause it is an object or a
        complement of, and the main verb of a participle adjunct ("addressed reporters on
        Thursday, calling for ...")."""
        verbs = [trigger]
        token = trigger
        while token.head.i != token.i and (
            token.dep_ in ("xcomp", "acl", "dobj", "pobj", "prep") or _participle_adjunct(token)
        ):
            token = token.head
            verbs.append(token)
        return verbs

    def when(
        self, trigger: Token, report_verb: Token | None, quote: Quote | None = None
    ) -> tuple[str | None, str | None]:
        """(time id, date) for the event whose trigger is `trigger`; `quote` is the quote it
        stands in, whose present is the day the words were said."""
        verbs = {v.i for v in self._clause_verbs(self._verb_of(trigger))}
        for t in self.times:
            if self._governor.get(t.id) in verbs:
                return t.id, _date_of(t.value)
        if _indefinite_past(self._verb_of(trigger)):
            return None, None  # "has met them on several previous visits": no day of its own
        tense = self._tense(trigger)
        if report_verb is not None and tense == "pluperfect":
            earlier = self._earlier_in_sentence(trigger, report_verb)
            if earlier is not None:
                return earlier.id, _date_of(earlier.value)
            said = self._time_of(report_verb)  # "said they had arrested": by the day it was said
            if said is not None:
                return said.id, _date_of(said.value)
        if tense == "perfect":
            return None, self.narrative or self.today  # "has been arrested": the news of the day
        if tense == "present" and quote is not None:  # "I thank John": when it was said
            said = next((t for t in self.times if t.id == quote.time), None)
            if said is not None:
                return said.id, _date_of(said.value)
            return None, self.narrative or self.today
        if tense == "present":
            return None, self.today
        if self._last is not None and trigger.sent.start - self._last[0] <= self._sentences_back(
            trigger
        ):
            return None, self._last[1]
        if tense == "past":
            return None, self.narrative  # a past act the story tells without a date of its own
        return None, None

    def _time_of(self, verb: Token) -> Time | None:
        return next((t for t in self.times if self._governor.get(t.id) == verb.i), None)

    def _sentences_back(self, trigger: Token) -> int:
        """Token distance that covers the previous `_NARRATIVE_REACH` sentences."""
        idx = bisect_right(self._sent_starts, trigger.i) - 1
        first = self._sent_starts[max(0, idx - _NARRATIVE_REACH)]
        return trigger.sent.start - first

    def remember(self, trigger: Token, date: str | None) -> None:
        if date is not None:
            self._last = (trigger.sent.start, date)

    def _earlier_in_sentence(self, trigger: Token, report_verb: Token) -> Time | None:
        sent = trigger.sent
        report_times = [t for t in self.times if self._governor.get(t.id) == report_verb.i]
        report_value = report_times[0].value if report_times else None
        inside = [t for t in self.times if sent.start_char <= t.start < sent.end_char]
        earlier = [t for t in inside if t.value and report_value and t.value < report_value]
        return earlier[-1] if earlier else None

    @staticmethod
    def _tense(trigger: Token) -> str:
        """past, present, perfect or pluperfect, from the verb's tag and auxiliaries."""
        auxes = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ == "had" for a in auxes):
            return "pluperfect"
        if any(a.lower_ in ("has", "have") for a in auxes):
            return "perfect"
        if trigger.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "present"
        if trigger.tag_ == "VBG" and trigger.dep_ in ("advcl", "acl"):
            return EventClock._tense(trigger.head) if trigger.head.i != trigger.i else "present"
        return "past"
