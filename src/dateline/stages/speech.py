"""Reported speech: reporting cues, their speakers and channels, and indirect quotes.

A cue is a reporting verb from lexicons/quotes.yaml ("said", "told", "pointed out") or an
object cue ("according to"). Its speaker is read off the parse that spaCy already made: the
verb's subject, climbing through participles ("..., saying that ..." -> the subject of the main
verb) and through document nouns ("a resolution calling for ..." -> whoever passed it). The
words naming the speaker are then looked up among the article's entity mentions, which the
entities stage has already resolved ("the group" -> Hamas, "he" -> the last person), so there is
one coreference system, not two.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from dateline import lexicons
from dateline.schema import Entity, Time

# Dependents that describe a speaker but are not its name: "Blinken, who met Netanyahu, ...".
_NOT_NAME = frozenset(
    {"relcl", "acl", "appos", "punct", "advcl", "parataxis", "ccomp", "prep_by", "dep"}
)
# Verbs through which a participle or coordinated cue inherits its subject.
_CLIMB = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep", "acomp"})
# Dependents of a cue that carry its circumstances (channel, time), not its content.
_CIRCUMSTANCE = frozenset(
    {"prep", "dative", "dobj", "npadvmod", "advmod", "agent", "prt", "iobj", "attr", "oprd"}
)
_CLIMB_LIMIT = 4
_EDGE = " \t\n,;:-–—("


@dataclass(frozen=True)
class Cue:
    """A reporting cue and what it tells about its speaker."""

    token: Token
    start: int
    end: int
    text: str
    speaker: tuple[int, int] | None  # char span of the words naming the speaker
    speaker_head: int | None  # char offset of the speaker phrase's head word
    verb_channel: str | None
    by_object: bool = False  # "according to X": the speaker is the object


@dataclass(frozen=True)
class Speaker:
    entity: str | None
    text: str | None
    start: int | None
    end: int | None


@cache
def _lexicon() -> dict:
    lex = lexicons.load("quotes")
    verbs = {k.lower(): v for k, v in (lex.get("verbs") or {}).items()}
    channels = [
        (phrase.lower(), channel)
        for channel, phrases in (lex.get("channels") or {}).items()
        for phrase in phrases
    ]
    channels.sort(key=lambda pc: -len(pc[0]))
    return {
        "verbs": verbs,
        "object_cues": [c.lower().split() for c in lex.get("object_cues") or []],
        "document_nouns": {n.lower() for n in lex.get("document_nouns") or []},
        "channels": channels,
        "complementizers": {c.lower() for c in lex.get("complementizers") or []},
        "title_cues": [t.lower() for t in lex.get("title_cues") or []],
        "title_minor": {w.lower() for w in lex.get("title_minor_words") or []},
    }


def lexicon() -> dict:
    """The quotes lexicon, prepared once per process (shared with stages/quotes.py)."""
    return _lexicon()


class Attribution:
    """Everything about one parsed article that speaker attribution needs, built once."""

    def __init__(
        self,
        doc: Doc,
        entities: list[Entity],
        times: list[Time],
        quoted: list[tuple[int, int]],
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self.quoted]
        self.token_starts = [t.idx for t in doc]
        self.mentions = sorted(
            (m.start, m.end, e.id, e.name) for e in entities for m in e.mentions
        )
        self.names = {e.id: e.name for e in entities}
        self.times = sorted(times, key=lambda t: t.start)
        self.cues = self._find_cues()
        self.cue_by_token = {c.token.i: c for c in self.cues}

    # --- cues -------------------------------------------------------------------------------

    def in_quote(self, pos: int) -> bool:
        """Whether a character lies inside quotation marks (cues there are the speaker's own)."""
        i = bisect_right(self._quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def _find_cues(self) -> list[Cue]:
        lex = _lexicon()
        verbs, object_cues = lex["verbs"], lex["object_cues"]
        found: list[Cue] = []
        for tok in self.doc:
            if self.in_quote(tok.idx):
                continue
            for words in object_cues:
                span = self.doc[tok.i : tok.i + len(words)]
                if len(span) == len(words) and [t.lower_ for t in span] == words:
                    found.append(self._object_cue(tok, span.end_char))
            if tok.pos_ != "VERB":
                continue
            particle = next((c for c in tok.children if c.dep_ == "prt"), None)
            lemma = tok.lemma_.lower()
            phrasal = f"{lemma} {particle.lower_}" if particle is not None else None
            if phrasal in verbs:
                key, end = phrasal, max(tok.idx + len(tok), particle.idx + len(particle))
            elif lemma in verbs:
                key, end = lemma, tok.idx + len(tok)
            else:
                continue
            head = self._speaker_token(tok)
            span = self.phrase(head) if head is not None else None
            found.append(
                Cue(
                    tok,
                    tok.idx,
                    end,
                    self.text[tok.idx : end] if key != phrasal else f"{tok.text} {particle.text}",
                    span,
                    head.idx if head is not None else None,
                    verbs[key],
                )
            )
        return found

    def _object_cue(self, tok: Token, end: int) -> Cue:
        last = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else tok
        obj = next((c for c in last.children if c.dep_ == "pobj"), None)
        span = self.phrase(obj) if obj is not None else None
        if obj is None and last.i + 1 < len(self.doc):  # the parse missed it: a capitalized run
            run = list(itertools.takewhile(lambda t: t.text[:1].isupper(), self.doc[last.i + 1 :]))
            if run:
                obj = run[-1]
                span = (run[0].idx, obj.idx + len(obj))
        return Cue(
            tok,
            tok.idx,
            end,
            self.text[tok.idx : end],
            span,
            obj.idx if obj else None,
            None,
            by_object=True,
        )

    def _speaker_token(self, cue: Token) -> Token | None:
        """The head word of whoever the cue verb reports: its subject, or an inherited one."""
        docs = _lexicon()["document_nouns"]
        tok = cue
        for _ in range(_CLIMB_LIMIT):
            deps = {c.dep_: c for c in reversed(list(tok.children))}
            agent = deps.get("agent")
            if agent is not None:
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
            subj = deps.get("nsubj")
            if subj is not None:
                if subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                    return tok.head
                return subj
            if "nsubjpass" in deps:  # "X was quoted as saying"; a passive cue has no speaker
                return deps["nsubjpass"] if tok is not cue else None
            if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
                noun = tok.head
                if noun.lemma_.lower() not in docs:
                    return noun  # "officials saying ...": the noun speaks
                by = next(
                    (g for c in noun.children if c.lower_ == "by" for g in c.children), None
                )
                if by is not None:
                    return by
                if noun.head is noun or noun.head.pos_ not in ("VERB", "AUX"):
                    return None
                tok = noun.head  # "passed a resolution calling for": who passed it
                continue
            if tok.dep_ in _CLIMB and tok.head is not tok:
                tok = tok.head
                continue
            return None
        return None

    def phrase(self, head: Token) -> tuple[int, int] | None:
        """Character span of the words naming a speaker: the head and its name-like dependents
        (compounds, determiners, "of" phrases, coordinated names), not clauses or appositives."""
        keep: list[Token] = []
        stack = [head]
        while stack:
            tok = stack.pop()
            keep.append(tok)
            stack.extend(c for c in tok.children if c.dep_ not in _NOT_NAME)
        ids = sorted(t.i for t in keep)
        lo = hi = head.i
        present = set(ids)
        while lo - 1 in present:
            lo -= 1
        while hi + 1 in present:
            hi += 1
        start, end = self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi])
        while start < end and self.text[start] in _EDGE:
            start += 1
        while end > start and self.text[end - 1] in _EDGE:
            end -= 1
        return (start, end) if end > start else None

    # --- lookups ----------------------------------------------------------------------------

    def cues_in(self, start: int, end: int) -> list[Cue]:
        """Cues whose word lies in [start, end), in text order."""
        return [c for c in self.cues if start <= c.start < end]

    def governing_cue(self, token: Token) -> Cue | None:
        """The nearest reporting cue above a token in the parse ("said ... an “enduring” end")."""
        tok = token
        for _ in range(12):
            if tok.head is tok:
                return None
            tok = tok.head
            cue = self.cue_by_token.get(tok.i)
            if cue is not None:
                return cue
        return None

    def speaker(self, cue: Cue) -> Speaker:
        """The entity a cue's speaker words name, else those words alone."""
        if cue.speaker is None:
            return Speaker(None, None, None, None)
        start, end = cue.speaker
        return Speaker(self.entity_at(start, end, cue.speaker_head), self.text[start:end], start, end)

    def entity_at(self, start: int, end: int, head: int | None) -> str | None:
        """The entity with a mention covering the phrase's head word; for a proper-name head the
        parse may have put the title first ("Secretary of State Antony Blinken"), so a mention
        ending the phrase counts too. "U.S. officials" names no entity: its head is "officials"."""
        i = bisect_left(self.mentions, (end,))
        inside = [m for m in self.mentions[max(0, i - 40) : i] if m[0] < end and start < m[1]]
        if head is not None:
            covering = [m for m in inside if m[0] <= head < m[1]]
            if covering:
                return min(covering, key=lambda m: m[1] - m[0])[2]
        tail = [m for m in inside if m[1] >= end - 1 and m[0] >= start]
        token = self._token_at(head) if head is not None else None
        if tail and token is not None and token.pos_ == "PROPN":
            return tail[-1][2]
        return None

    def _token_at(self, pos: int) -> Token | None:
        i = bisect_right(self.token_starts, pos) - 1
        return self.doc[i] if i >= 0 else None

    def token_at(self, pos: int) -> Token | None:
        return self._token_at(pos)

    def channel(self, cue: Cue) -> str | None:
        """Channel named in the cue's circumstances ("in a statement", "told reporters"),
        else the one the verb implies ("tweeted")."""
        lex = _lexicon()
        words: list[str] = []
        tok = cue.token
        region = [c for c in tok.children if c.dep_ in _CIRCUMSTANCE]
        if tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in lex["document_nouns"]:
            words.append(tok.head.lower_)
        for child in region:
            words.extend(t.lower_ for t in child.subtree if not self.in_quote(t.idx))
        joined = f" {' '.join(words)} "
        for phrase, channel in lex["channels"]:
            if f" {phrase} " in joined:
                return channel
        return cue.verb_channel

    def time_for(self, cue: Cue, exclude: list[tuple[int, int]]) -> str | None:
        """A Time in the cue's own clause (not inside the quoted or reported words), else in the
        cue's sentence: when the words were said."""
        if not self.times:
            return None
        sent = cue.token.sent
        lo, hi = sent.start_char, sent.end_char

        def outside(t: Time) -> bool:
            return not any(s < t.end and t.start < e for s, e in exclude) and not self.in_quote(
                t.start
            )

        clause = [
            t
            for t in self.times
            if lo <= t.start and t.end <= hi and outside(t) and self._under(t.start, cue.token)
        ]
        pool = clause or [t for t in self.times if lo <= t.start and t.end <= hi and outside(t)]
        if not pool:
            return None
        return min(pool, key=lambda t: abs(t.start - cue.start)).id

    def _under(self, pos: int, cue: Token) -> bool:
        tok = self._token_at(pos)
        while tok is not None:
            if tok.i == cue.i:
                return True
            if tok.head is tok:
                return False
            tok = tok.head
        return False

    # --- indirect speech --------------------------------------------------------------------

    def reported_content(self, cue: Cue) -> tuple[int, int] | None:
        """The reported clause of a cue: its clausal complement ("said [that] X"), or for
        "according to Y" the clause it is attached to, minus the cue phrase."""
        tok = cue.token
        if cue.by_object:
            return self._according_content(cue)
        comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if comp is None:
            comp = self._object_clause(tok)
        if comp is None:
            return None
        ids = [t.i for t in comp.subtree]
        return self._trim(min(ids), max(ids))

    def _object_clause(self, tok: Token) -> Token | None:
        """"says its position that it will not agree ...": an object noun carrying a clause."""
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
        if obj is None:
            return None
        if any(c.dep_ in ("acl", "relcl", "ccomp") and c.pos_ in ("VERB", "AUX")
               for c in obj.children):
            return obj
        return None

    def _according_content(self, cue: Cue) -> tuple[int, int] | None:
        """The clause "according to X" is attached to, minus the cue and the speaker words."""
        tok = cue.token
        head = tok.head if tok.head is not tok else tok
        while head.pos_ not in ("VERB", "AUX") and head.head is not head:
            head = head.head
        lo, hi = cue.start, cue.speaker[1] if cue.speaker else cue.end
        ids = [
            t.i for t in head.subtree if not (lo <= t.idx < hi) and not t.is_punct and t.i != tok.i
        ]
        if not ids:
            return None
        before = [i for i in ids if i < tok.i]
        after = [i for i in ids if i > tok.i]
        side = after if len(after) >= len(before) else before
        return self._trim(min(side), max(side))

    def _trim(self, lo: int, hi: int) -> tuple[int, int] | None:
        """Drop a leading complementizer and edge punctuation; keep closing quotation marks."""
        comps = _lexicon()["complementizers"]
        doc = self.doc
        while lo <= hi and (doc[lo].lower_ in comps or doc[lo].is_punct and
                            doc[lo].text not in "“\"‘'"):
            lo += 1
        while hi >= lo and doc[hi].is_punct and doc[hi].text in ",;:.—–-":
            hi -= 1
        if hi - lo < 1:
            return None
        return doc[lo].idx, doc[hi].idx + len(doc[hi])

