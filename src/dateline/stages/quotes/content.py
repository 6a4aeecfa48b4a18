"""What a reporting cue reports: the clause of indirect speech, wherever the parse put it.

"said [that] X", "X, German officials said", "In between, she testified, she was ...",
"according to Y, X", "told X in a statement that ...", "ruled the practice ... is unlawful",
"announcing to journalists [that] X remained alive". Spans are token-trimmed: no leading
"that", no edge punctuation, closing quotation marks kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from dateline.stages.quotes.speech import Cue

# Dependents of a cue after its reported clause that are really the clause's end.
_CONTINUATION = frozenset({"advcl", "ccomp", "dobj", "dep", "npadvmod", "oprd", "xcomp"})


class ContentFinder:
    """Finds the reported clause of each cue of one parsed article."""

    def __init__(self, doc: Doc, cue_by_token: dict[int, Cue], lexicon: dict[str, Any]) -> None:
        self.doc = doc
        self.cue_by_token = cue_by_token
        self.lexicon = lexicon

    def reported_content(self, cue: Cue) -> tuple[int, int] | None:
        """The reported clause of a cue: its clausal complement ("said [that] X", "X, officials
        said"), or for "according to Y" the clause it is attached to, minus the cue phrase. When
        the parser misattached the clause, the first clause the cue still governs in the text."""
        tok = cue.token
        if cue.by_object:
            return self._according_content(cue)
        if self._parenthetical(tok):
            return self._around(tok)  # "In between, she testified, she was ..."
        comps = [c for c in tok.children if c.dep_ == "ccomp"]
        comp = next((c for c in comps if c.i > tok.i), None)
        if comp is None and comps and self._postposed(tok, comps[-1]):
            comp = comps[-1]  # "The office has suspended the permit, officials said."
        if comp is None and not comps and self._preposed(tok):
            # "The agency reported on Friday, prices had fallen": the parse made the cue a
            # clause of what it reports
            lo = max(t.i for t in tok.subtree) + 1
            return self._trim(lo, max(t.i for t in tok.head.subtree))
        if comp is None:
            comp = self._object_clause(tok)
        if comp is None:
            return self._misattached(tok)
        first = next(comp.subtree)
        relative = tok.dep_ == "relcl" and first.i < tok.i  # "roads, which officials said were …"
        if first.lower_ in self.lexicon["not_content"] and not relative:
            return None  # "did not say why ...": a question, not a claim
        ids = [t.i for t in comp.subtree if not relative or t.i > tok.i]
        hi = max(ids)
        second = self._second_report(comp)
        if second is None:
            second = self._contrasted_report(comp)
        if second is not None:  # "said X and several said Y": Y is another speaker's
            ids = [i for i in ids if i < second]
            hi = max(ids)
        if comp.i > tok.i:
            # the parser often hangs the end of the reported clause on the cue itself ("said she
            # did this to show victims | “there is nothing …”", "| because they had …")
            for child in tok.rights:
                if child.i > hi and child.dep_ in _CONTINUATION:
                    if (
                        any(
                            t.text in ";" or t.dep_ == "cc"
                            for t in self.doc[hi + 1 : child.left_edge.i]
                        )
                        or child.i in self.cue_by_token
                    ):
                        break  # "told the radio X was fair, | while Y noted …": Y's own report
                    hi = max(t.i for t in child.subtree)
        return self._trim(min(ids), hi)

    @staticmethod
    def _preposed(tok: Token) -> bool:
        """A cue before a comma that the parse hung on the clause after it, as its clausal
        complement."""
        head = tok.head
        after = max(t.i for t in tok.subtree) + 1
        nxt = tok.doc[after] if after < len(tok.doc) else None
        return (
            tok.dep_ == "ccomp"
            and head.i > tok.i
            and head.pos_ in ("VERB", "AUX")
            and nxt is not None
            and nxt.text == ","
            and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in head.children)
        )

    def _contrasted_report(self, comp: Token) -> int | None:
        """Where a report set against the reported clause begins ("told the radio the plan
        "was fair," | while the mayor noted …"): another speaker's words, not part of these."""
        marks = self.lexicon["contrast_marks"]
        for t in comp.subtree:
            if t.i == comp.i or t.dep_ != "advcl" or t.i not in self.cue_by_token:
                continue
            mark = next((c for c in t.children if c.dep_ == "mark"), None)
            if self._reports(t) and mark is not None and mark.lower_ in marks:
                return t.left_edge.i
            if t.tag_ == "VBG" and t.i > 0 and self.doc[t.left_edge.i - 1].text == ",":
                return t.left_edge.i  # "claimed X, | insisting Y": a second report of its own
        return None

    def _reports(self, clause: Token) -> bool:
        """Whether a clause is a report of its own: a cue with its own subject."""
        return clause.i in self.cue_by_token and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in clause.children
        )

    def _second_report(self, comp: Token) -> int | None:
        """Where a coordinated report by another speaker begins inside a reported clause
        ("people changed their minds | and several said ...")."""
        for child in comp.children:
            if (
                child.dep_ == "conj"
                and child.i in self.cue_by_token
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
            ):
                cc = [c.i for c in comp.children if c.dep_ == "cc" and c.i < child.i]
                return max(cc) if cc else child.left_edge.i
        return None

    def _postposed(self, tok: Token, comp: Token) -> bool:
        """A clause before its cue reports speech when the cue comes after it in the same
        sentence with only its speaker between: "X happened, German officials said"."""
        if comp.i > tok.i or tok.dep_ not in ("ROOT", "conj"):
            return False
        between = self.doc[max(t.i for t in comp.subtree) + 1 : tok.i]
        return any(t.text in ",—–" for t in between[:2]) and len(between) <= 12

    def _parenthetical(self, tok: Token) -> bool:
        """A cue set off by commas inside the clause it reports: "..., she testified, ...",
        "..., reads the motion, the declaration violates ..."."""
        if tok.head.pos_ not in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        if tok.dep_ == "parataxis":
            return True
        if (
            tok.dep_ != "ccomp"
            or tok.head.i < tok.i
            or any(c.dep_ == "ccomp" for c in tok.children)
        ):
            return False
        rights = [c for c in tok.rights if not c.is_punct]
        last = max((c.right_edge.i for c in rights), default=tok.i)
        if tok.i == 0 or last + 1 >= len(self.doc):
            return False
        return self.doc[tok.i - 1].text == "," and self.doc[last + 1].text == ","

    def _around(self, cue: Token) -> tuple[int, int] | None:
        """The clause a parenthetical cue interrupts, on the side that holds more of it."""
        inner = {t.i for t in cue.subtree}
        ids = [t.i for t in cue.head.subtree if t.i not in inner and not t.is_punct]
        return self._clause_side(ids, cue.i, cue.head)

    def _clause_side(self, ids: list[int], pivot: int, verb: Token) -> tuple[int, int] | None:
        """The tokens on the side of `pivot` that hold the interrupted clause: the side of its
        verb with its subject ("On Monday, the club said, | the coach resigned"; "X paid
        the fine, according to the court, | but Y denies it" keeps the first), else the
        side that holds more of them ("the man, police said, | was released")."""
        if not ids:
            return None
        before = [i for i in ids if i < pivot]
        after = [i for i in ids if i > pivot]
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)

        def holds_clause(side: list[int]) -> bool:
            if subject is None:
                return False
            core = (min(verb.i, subject.i), max(verb.i, subject.i))
            lo, hi = (core[1], pivot) if side[0] < pivot else (pivot, core[0])
            return (
                subject is not None
                and min(side) <= min(verb.i, subject.i)
                and max(verb.i, subject.i) <= max(side)
                and not any(t.text in ":;" for t in self.doc[lo:hi])  # "…: potentially, per X, …"
            )

        on_side = [side for side in (before, after) if side and holds_clause(side)]
        if len(on_side) == 1 and verb.i != pivot:
            side = on_side[0]
        else:
            side = after if len(after) >= len(before) else before
        return self._trim(min(side), max(side))

    def _misattached(self, tok: Token) -> tuple[int, int] | None:
        """A reported clause the parse hung elsewhere: after "that" ("told X in a statement
        that ..."), an object run into an unmarked second verb ("ruled the practice ... is
        unlawful"), or a subject right after the cue's own complements ("announcing to
        journalists [that] the mayor remained alive")."""
        sent_end = tok.sent.end
        for t in self.doc[tok.i + 1 : sent_end]:
            if t.text in ";" or (t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and t.head == tok):
                break
            verb = t.head
            if (
                t.dep_ == "mark"
                and t.lower_ in self.lexicon["complementizers"]
                and verb.i > t.i
                and verb.pos_ in ("VERB", "AUX")
                and verb.i != tok.i
                and not (verb.dep_ == "conj" and verb.head.i == tok.i)  # "ordered X and that Y"
            ):
                return self._clause_from(t, verb)
            if t.lower_ in self.lexicon["complementizers"] and t.dep_ != "mark":
                clause = self._clause_after(t)  # "in the proceedings that [her decisions were]"
                if clause is not None:
                    return clause
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
        second = next(
            (
                c
                for c in tok.children
                if (c.dep_ == "conj" or (c.dep_ == "advcl" and not _marked(c)))
                and c.pos_ in ("VERB", "AUX")
            ),
            None,
        )
        if (
            obj is not None
            and second is not None
            and second.i > obj.i
            and _finite(second)
            and not any(c.dep_ == "cc" and obj.i < c.i < second.i for c in tok.children)
        ):
            return self._trim(obj.left_edge.i, max(t.i for t in second.subtree))
        start = tok.i + 1
        for child in tok.rights:  # the cue's own complements: "to journalists", "reporters"
            if child.dep_ in ("prep", "dative", "npadvmod", "advmod") and child.i == start:
                start = child.right_edge.i + 1
        if start >= sent_end:
            return None
        first = self.doc[start]
        verb = first.head
        if (
            first.dep_ in ("nsubj", "nsubjpass", "expl")
            and verb.i > first.i
            and verb.i != tok.i
            and _finite(verb)
        ):
            return self._clause_from(first, verb)
        return None

    def _clause_after(self, that: Token) -> tuple[int, int] | None:
        """The clause a "that" the parser took for a pronoun really introduces: the next verb
        has its own subject after "that" (a relative "that" would be the subject itself)."""
        for t in self.doc[that.i + 1 : that.sent.end]:
            if t.pos_ not in ("VERB", "AUX") or t.dep_ in ("aux", "auxpass"):
                continue
            subject = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or not that.i < subject.i < t.i or not _finite(t):
                return None
            return self._trim(that.i + 1, max(x.i for x in t.subtree))
        return None

    def _clause_from(self, first: Token, verb: Token) -> tuple[int, int] | None:
        """A clause from its first word to the end of its verb's subtree."""
        return self._trim(first.i, max(t.i for t in verb.subtree))

    def _object_clause(self, tok: Token) -> Token | None:
        """ "says its position that it will not agree ...": an object noun carrying a clause."""
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
        if obj is None:
            return None
        if any(
            c.dep_ in ("acl", "relcl", "ccomp") and c.pos_ in ("VERB", "AUX") for c in obj.children
        ):
            return obj
        return None

    def _according_content(self, cue: Cue) -> tuple[int, int] | None:
        """The clause "according to X" is attached to, minus the cue and the speaker words."""
        tok = cue.token
        head = tok.head if tok.head.i != tok.i else tok
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        lo, hi = cue.start, cue.speaker[1] if cue.speaker else cue.end
        ids = [
            t.i for t in head.subtree if not (lo <= t.idx < hi) and not t.is_punct and t.i != tok.i
        ]
        return self._clause_side(ids, tok.i, head)

    def _trim(self, lo: int, hi: int) -> tuple[int, int] | None:
        """Drop a leading complementizer and edge punctuation; keep closing quotation marks."""
        comps = self.lexicon["complementizers"]
        doc = self.doc
        while lo <= hi and (
            doc[lo].lower_ in comps or (doc[lo].is_punct and doc[lo].text not in "“\"‘'")
        ):
            lo += 1
        while hi >= lo and (doc[hi].is_space or (doc[hi].is_punct and doc[hi].text in ",;:.—–-")):
            hi -= 1
        if hi - lo < 1:
            return None
        return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _marked(verb: Token) -> bool:
    """A subordinate clause with its own subordinator ("because", "when", "if")."""
    return any(c.dep_ == "mark" or c.tag_ in ("WRB", "WDT", "WP") for c in verb.children)


def _finite(verb: Token) -> bool:
    """A verb that makes a clause of its own: tensed, or with a modal or tensed auxiliary."""
    if verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
        for c in verb.children
    )
