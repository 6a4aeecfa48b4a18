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
from dateline.stages import text_of
from dateline.stages.quotes.content import ContentFinder

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
_ISSUER_LOOKBACK = 4  # sentences (its own included) in which a document's issuer is looked for
# How a name attaches to the title word a parse may have made the head of the phrase.
_NAME_LINKS = frozenset({"compound", "appos", "flat", "nmod", "npadvmod"})
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
    line_only: bool = False  # a verb that reports words in marks only ("…,” she continued)


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
        "issuing_verbs": {v.lower() for v in lex.get("issuing_verbs") or []},
        "line_verbs": {v.lower() for v in lex.get("line_verbs") or []},
        "quoting_verbs": {v.lower() for v in lex.get("quoting_verbs") or []},
        "conduit_verbs": {
            v.lower() for v in (lex.get("issuing_verbs") or []) + (lex.get("conduit_verbs") or [])
        },
        "channels": channels,
        "complementizers": {c.lower() for c in lex.get("complementizers") or []},
        "contrast_marks": {c.lower() for c in lex.get("contrast_marks") or []},
        "title_cues": [t.lower() for t in lex.get("title_cues") or []],
        "title_minor": {w.lower() for w in lex.get("title_minor_words") or []},
        "not_content": {w.lower() for w in lex.get("not_content") or []},
        "partitives": {w.lower() for w in lex.get("partitives") or []},
        "speaker_pronouns": {w.lower() for w in lex.get("speaker_pronouns") or []},
        "dashes": tuple(lex.get("attribution_dashes") or ()),
    }


def lexicon() -> dict:
    """The quotes lexicon, prepared once per process (shared with extract.py)."""
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
        self.text = text_of(doc)
        self.quoted = sorted(quoted)
        self._quoted_starts = [s for s, _ in self.quoted]
        self.token_starts = [t.idx for t in doc]
        self.mentions = sorted((m.start, m.end, e.id, e.name) for e in entities for m in e.mentions)
        self.names = {e.id: e.name for e in entities}
        self.types = {e.id: e.type for e in entities}
        self.times = sorted(times, key=lambda t: t.start)
        self._issuers: set[int] = set()  # speakers found through the document they issued
        self._issued: dict[int, Token | None] = {}  # a document's issuer, once per document
        self.cues = self._find_cues()
        self.cue_by_token = {c.token.i: c for c in self.cues}
        self._content = ContentFinder(doc, self.cue_by_token, _lexicon())

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
            line_only = False
            if phrasal in verbs:
                key, end = phrasal, max(tok.idx + len(tok), particle.idx + len(particle))
            elif lemma in verbs:
                key, end = lemma, tok.idx + len(tok)
            elif phrasal in lex["line_verbs"]:
                key, line_only = phrasal, True
                end = max(tok.idx + len(tok), particle.idx + len(particle))
            elif lemma in lex["line_verbs"]:
                key, end, line_only = lemma, tok.idx + len(tok), True
            else:
                continue
            head = self._speaker_token(tok)
            if head is None or self.in_quote(head.idx):  # "“…,” tweeted Ana Ruiz."
                head = self._inverted_subject(tok) or head
            if (
                head is not None
                and head.i not in self._issuers
                and "\n" in self.text[min(head.idx, tok.idx) : max(head.idx, tok.idx)]
            ):
                head = None  # the parse ran across a paragraph break: not this cue's speaker
            span = self.phrase(head) if head is not None else None
            found.append(
                Cue(
                    tok,
                    tok.idx,
                    end,
                    self.text[tok.idx : end] if key != phrasal else f"{tok.text} {particle.text}",
                    span,
                    head.idx if head is not None else None,
                    verbs.get(key),
                    line_only=line_only,
                )
            )
        return found

    def _inverted_subject(self, verb: Token) -> Token | None:
        """The speaker after a cue that follows the closing mark ("“…” wrote Harbour
        Master Ana Ruiz."), when the parse found no subject: the last name of the words up to
        the next punctuation or verb."""
        before = self.text[: verb.idx].rstrip(" ,")
        if not before or before[-1] not in "”\"’'":
            return None
        run: list[Token] = []
        for t in self.doc[verb.i + 1 : verb.sent.end]:
            if t.is_punct or t.is_space or t.pos_ in ("VERB", "AUX"):
                break
            run.append(t)
        if not run or len(run) > 8:
            return None
        names = [t for t in run if t.pos_ == "PROPN"]
        return names[-1] if names else next((t for t in reversed(run) if t.pos_ == "NOUN"), None)

    def _object_cue(self, tok: Token, end: int) -> Cue:
        last = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else tok
        obj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if obj is not None and self._is_document(obj):  # "according to a statement by X"
            author = self._author(obj) or self._issuer(obj)
            obj = author or obj
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
        """The head word of whoever the cue verb reports: its subject, or an inherited one;
        for a verb that passes a document on, its author ("police read the family's
        statement")."""
        if cue.lemma_.lower() in _lexicon()["conduit_verbs"]:
            doc_obj = next(
                (c for c in cue.children if c.dep_ == "dobj" and self._is_document(c)), None
            )
            author = self._author(doc_obj) if doc_obj is not None else None
            if author is not None:
                return author
        tok = cue
        for _ in range(_CLIMB_LIMIT):
            children = list(tok.children)
            agent = next((c for c in children if c.dep_ == "agent"), None)
            if agent is not None:
                obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
            # several subjects are a misparse ("co - founder Mark Zuckerberg"): the nearest wins
            subjects = [c for c in children if c.dep_ == "nsubj"]
            if subjects:
                subj = self._whole_of(min(subjects, key=lambda c: abs(c.i - tok.i)))
                if subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                    subj = tok.head
                    if not self._is_document(subj):
                        return subj
                    tok = subj  # "a statement which said": whoever issued the statement
                    author = self._author(tok)
                    if author is not None or tok.head.i == tok.i:
                        return author
                    tok = tok.head
                    continue
                if self._is_document(subj):  # "The motion claims": whoever filed it
                    return self._author(subj) or self._issuer(subj) or subj
                return subj
            passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
            if passive is not None:  # "X was quoted as saying"; a passive cue has no speaker
                return passive if tok is not cue else None
            if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
                noun = tok.head
                if not self._is_document(noun):
                    return noun  # "officials saying ...": the noun speaks
                author = self._author(noun)
                if author is not None:
                    return author
                if noun.head.i == noun.i or noun.head.pos_ not in ("VERB", "AUX"):
                    return None
                tok = noun.head  # "passed a resolution calling for": who passed it
                continue
            if tok.dep_ == "pcomp" and tok.head.lower_ == "as" and tok.head.head.i != tok.i:
                quoting = tok.head.head  # "cited/quoted X as saying": X speaks
                obj = next((c for c in quoting.children if c.dep_ == "dobj"), None)
                if quoting.lemma_.lower() in _lexicon()["quoting_verbs"] and obj is not None:
                    return obj
            if tok.dep_ in _CLIMB and tok.head.i != tok.i:
                tok = tok.head
                while self._reported(tok) and tok.head.i != tok.i:
                    tok = tok.head  # "said the rates hurt, later adding": not "rates"
                continue
            return None
        return None

    def _reported(self, verb: Token) -> bool:
        """Whether a verb is what another cue reports (its clause, or words in marks): its
        subject is said about, not the one speaking."""
        if self.in_quote(verb.idx):
            return True
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _lexicon()["verbs"]

    @staticmethod
    def _whole_of(subj: Token) -> Token:
        """ "the court's ruling reads": the statement is what speaks."""
        if subj.lemma_.lower() not in _lexicon()["partitives"]:
            return subj
        owner = next((c for c in subj.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner  # "the court's summary concluded": the court
        of = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        return obj if obj is not None and Attribution._is_document(obj) else subj

    @staticmethod
    def _is_document(tok: Token) -> bool:
        return tok.lemma_.lower() in _lexicon()["document_nouns"]

    @staticmethod
    def _author(noun: Token) -> Token | None:
        """Who a document is from: "the judge's statement", "a statement by/from X", "a
        statement released by X" (not "delivered by an aide": an issuing verb only)."""
        for child in noun.children:
            if child.dep_ == "poss":
                return child
            by = None
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                by = child
            elif child.dep_ == "acl" and child.lemma_.lower() in _lexicon()["issuing_verbs"]:
                by = next((g for g in child.children if g.dep_ == "agent"), None)
            obj = next((g for g in by.children if g.dep_ == "pobj"), None) if by else None
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                return obj  # not "posts from Friday"
        # "the ministry data", "the Lind report"; not "a blog post by X", found above
        return next(
            (c for c in noun.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON")),
            None,
        )

    def _issuer(self, noun: Token) -> Token | None:
        """Who issued a document the text names without its author ("The motion claims ..."):
        the subject of the last verb before it, in its sentence or the two before, whose object
        is a document ("attorneys general ... filed a combined lawsuit")."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children):
            return None
        if noun.i not in self._issued:  # a document named again asks for the same issuer
            self._issued[noun.i] = self._find_issuer(noun)
        return self._issued[noun.i]

    def _find_issuer(self, noun: Token) -> Token | None:
        sents = [s for s in self.doc.sents if s.start <= noun.i]
        start = sents[-_ISSUER_LOOKBACK:][0].start
        for tok in reversed(self.doc[start : noun.i]):
            if not self._is_document(tok):
                continue
            # another document's author is not this one's ("the mayor's decree ... the
            # motion"); the one who issued or spoke through a document may be, and the same
            # document named again ("The statement also said ...") has the same author
            same = tok.lemma_ == noun.lemma_
            owner = (self._author(tok) or self._issuer(tok)) if same else None
            verb = tok.head
            if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "via", "through"):
                verb = tok.head.head  # "the governor, in a statement, announced ..."
            elif tok.dep_ != "dobj":
                verb = None  # "filed a lawsuit"; not "the statement" as a subject again
            if owner is None and verb is not None and verb.pos_ in ("VERB", "AUX"):
                owner = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if owner is not None and not self._is_document(owner):
                self._issuers.add(owner.i)
                return owner
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
        doc = self.doc

        def bridged(i: int, step: int) -> bool:  # "co - founder": a hyphen between kept words
            return doc[i].text in "-–" and i + step in present

        while lo - 1 in present or (lo - 2 >= 0 and bridged(lo - 1, -1)):
            lo -= 1
        while hi + 1 in present or (hi + 2 < len(doc) and bridged(hi + 1, 1)):
            hi += 1
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
        while start < end and self.text[start] in _EDGE:
            start += 1
        while end > start and self.text[end - 1] in _EDGE:
            end -= 1
        return (start, end) if end > start else None

    def document_cue(self, noun: Token) -> Cue | None:
        """A document that carries the words ("the following statement from the king:")."""
        if not self._is_document(noun):
            return None
        author = self._author(noun)
        if author is None and noun.dep_ in ("dobj", "nsubjpass") and noun.head.i != noun.i:
            author = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        span = self.phrase(author) if author is not None else None
        if span is None or author is None:
            return None
        return Cue(noun, noun.idx, noun.idx + len(noun), noun.text, span, author.idx, None)

    def frame_cue(self, verb: Token) -> Cue | None:
        """A verb that frames a quote as its speaker line though it reports nothing itself
        (see extract._frame); None for a verb that passes on a document."""
        if verb.lemma_.lower() in _lexicon()["conduit_verbs"] and any(
            c.dep_ == "dobj" and self._is_document(c) for c in verb.children
        ):
            return None  # "released a statement: “…”": the statement's author, found apart
        head = self._speaker_token(verb)
        if head is None or self.in_quote(head.idx):
            return None
        span = self.phrase(head)
        end = verb.idx + len(verb)
        return Cue(verb, verb.idx, end, verb.text, span, head.idx, None, line_only=True)

    def name_line_cue(self, dash: Token) -> Cue | None:
        """The name after a pull quote's dash ("“…” — Matthew Ingram"): a run of capitalized
        words, the last of them the head."""
        run = list(
            itertools.takewhile(
                lambda t: t.text[:1].isupper() and not t.is_punct, self.doc[dash.i + 1 :]
            )
        )
        if not run or len(run) > 6:
            return None
        span = (run[0].idx, run[-1].idx + len(run[-1]))
        return Cue(dash, dash.idx, dash.idx + len(dash), "", span, run[-1].idx, None)

    # --- lookups ----------------------------------------------------------------------------

    def cues_in(self, start: int, end: int) -> list[Cue]:
        """Cues whose word lies in [start, end), in text order."""
        return [c for c in self.cues if start <= c.start < end]

    def governing_cue(self, token: Token, clause: bool = True) -> Cue | None:
        """The nearest reporting cue above a token in the parse ("said ... an “enduring” end");
        for words that are no clause (`clause` false), not a verb that only introduces quotes."""
        tok = token
        for _ in range(12):
            if tok.head.i == tok.i:
                return None
            tok = tok.head
            cue = self.cue_by_token.get(tok.i)
            if cue is not None and (clause or not cue.line_only):
                return cue
        return None

    def speaker(self, cue: Cue) -> Speaker:
        """The entity a cue's speaker words name, else those words alone."""
        if cue.speaker is None:
            return Speaker(None, None, None, None)
        start, end = cue.speaker
        head = self._token_at(cue.speaker_head) if cue.speaker_head is not None else None
        entity = self.entity_at(start, end, head)
        if self.types.get(entity or "") == "NORP" or (
            head is not None and head.pos_ == "NOUN" and self._named_appositive(head)
        ):
            entity = None  # "a Liberal, Ana Ruiz, said", "The head of the port, Ana Ruiz,
        if entity is None and head is not None:
            # "The Foreign Minister, Ana Ruiz, said": the appositive names the speaker (and
            # "Writing in a blog post, Matthew Ingram dubbed", parsed with Ingram as a modifier)
            for appos in (c for c in head.children if c.dep_ in ("appos", "npadvmod")):
                span = self.phrase(appos)
                found = self.entity_at(*span, appos) if span else None
                if found is not None and span is not None:
                    return Speaker(found, self.text[span[0] : span[1]], *span)
            entity = self._titled_name(start, end, head)
        if self.types.get(entity or "") != "PERSON":
            named = self._person_before(cue)
            if named is not None:
                entity, end = named
        return Speaker(entity, self.text[start:end], start, end)

    def _person_before(self, cue: Cue) -> tuple[str, int] | None:  # (entity, end of name)
        """The person named right after the words the parse gave as the subject, before its
        verb, when those words run into the name ("Nordic Sea–Land Company chair Ana
        Ruiz said", where a dash split the phrase): the person speaks, not the organization."""
        if cue.by_object or cue.speaker is None:
            return None
        tok = self._token_at(cue.speaker[1] - 1)
        if tok is None:
            return None
        run = []
        for t in self.doc[tok.i + 1 : tok.sent.end]:
            if t.pos_ in ("VERB", "AUX"):
                break
            if not (t.pos_ in ("PROPN", "NOUN") or t.text in "-–"):
                return None
            run.append(t)
        if not run or run[-1].pos_ != "PROPN":
            return None
        last = run[-1]
        people = [
            m
            for m in self._mentions_in(last.idx, last.idx + 1)
            if self.types.get(m[2]) == "PERSON" and m[0] > tok.idx
        ]
        if not people:
            return None
        person = max(people, key=lambda m: m[1] - m[0])
        return person[2], person[1]

    def _named_appositive(self, head: Token) -> bool:
        """Whether a described speaker has a person's name in apposition: the name says who."""
        for appos in (c for c in head.children if c.dep_ == "appos"):
            found = self.entity_at(appos.idx, appos.idx + len(appos), appos)
            if found is not None and self.types.get(found) == "PERSON":
                return True
        return False

    def _mentions_in(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        i = bisect_left(self.mentions, (end,))
        return [m for m in self.mentions[max(0, i - 40) : i] if m[0] < end and start < m[1]]

    def entity_at(self, start: int, end: int, head: Token | None) -> str | None:
        """The entity with a mention covering the phrase's head word. "U.S. officials" names
        no entity: its head is "officials"."""
        if head is None:
            return None
        covering = [m for m in self._mentions_in(start, end) if m[0] <= head.idx < m[1]]
        return min(covering, key=lambda m: m[1] - m[0])[2] if covering else None

    def _titled_name(self, start: int, end: int, head: Token) -> str | None:
        """A name that ends the phrase under a title the parse made its head ("Executive
        director of the ... chapter Alia Salem")."""
        for m in reversed(self._mentions_in(start, end)):
            if m[1] < end - 1:
                continue
            named = self._token_at(m[1] - 1)
            while named is not None and named.dep_ in _NAME_LINKS and named.head.i != named.i:
                if named.head.i == head.i:
                    return m[2]
                named = named.head
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
        if tok.pos_ in ("NOUN", "PROPN"):
            words.append(tok.lower_)
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
            if tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    # --- indirect speech --------------------------------------------------------------------

    def reported_content(self, cue: Cue) -> tuple[int, int] | None:
        """The reported clause of a cue (see content.py); none for a verb that only
        introduces words in marks."""
        return None if cue.line_only else self._content.reported_content(cue)
