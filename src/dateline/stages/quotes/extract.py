"""Quotes with their speakers: direct and partial quotes in marks, and indirect speech.

Marks are read off the text, not the parse: straight and curly, double and single, across
sentences and across paragraphs (a paragraph that reopens the mark without closing the last one
continues the quote). A stray mark never opens a quote that runs away with the article, and a
name in marks ("the film “Gone with the Wind”") is not a quote.

A quote that is a clause of its own is "direct"; a fragment inside the reporter's sentence
("an “enduring” end") is "partial", and one with no reporting cue at all is a scare quote and is
left out. Speakers come from speech.py: the cue that governs the quote in the parse, the
speaker line after or before it ("…,” the group said in a statement."), then the quotes around.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dateline.schema import Entity, Quote, Time
from dateline.stages import text_of
from dateline.stages.quotes.speech import Attribution, Cue, Speaker, lexicon

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_OPEN_CONTEXT = " \t\n([{—–-/:;,"
_MAX_SINGLE = 400  # a single-quoted stretch longer than this is apostrophes, not a quote
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
# A verb in these relations belongs to a noun phrase: "all that she built" is not a clause.
_EMBEDDED = frozenset({"relcl", "acl", "pcomp", "pobj", "amod", "dobj"})
_NEAR_AFTER = 12  # tokens between a closing mark and its cue ("…,” the ministry's X said")
_QUOTED_CONTENT = 0.8  # share of a reported clause in marks above which it is the quote itself


@dataclass
class Marked:
    """A stretch inside quotation marks: `start`/`end` are inside the marks."""

    open: int
    close: int
    style: str
    paragraphs: int = 1

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close


@dataclass
class Found:
    """A quote before ids are given: its span and what we learned about its speaker."""

    kind: str
    start: int
    end: int
    cue: Cue | None
    speaker: Speaker = field(default_factory=lambda: Speaker(None, None, None, None))
    exclude: list[tuple[int, int]] = field(default_factory=list)


def extract_quotes(doc: Doc, entities: list[Entity], times: list[Time]) -> list[Quote]:
    """Every quote in the article, in text order, ids Q1.."""
    text = text_of(doc)
    marks = [m for m in find_marks(text) if not is_title(text, m)]
    attribution = Attribution(doc, entities, times, [(m.open, m.close + 1) for m in marks])
    found = [q for q in (_attribute_marked(attribution, m, marks) for m in marks) if q]
    _borrow_speakers(attribution, found, marks)
    _resolve_pronouns(attribution, found)
    found = [q for q in found if q.cue is not None or q.kind == "direct"]
    found += _indirect(attribution, [q for q in found if q.kind == "direct"])
    found.sort(key=lambda q: (q.start, q.end))
    quotes = []
    for n, q in enumerate(found, 1):
        quotes.append(
            Quote(
                id=f"Q{n}",
                kind=q.kind,  # type: ignore[arg-type]
                text=text[q.start : q.end],
                start=q.start,
                end=q.end,
                speaker=q.speaker.entity,
                speaker_text=q.speaker.text,
                speaker_start=q.speaker.start,
                speaker_end=q.speaker.end,
                cue=(q.cue.text or None) if q.cue else None,
                channel=attribution.channel(q.cue) if q.cue else None,
                time=attribution.time_for(q.cue, q.exclude) if q.cue else None,
            )
        )
    return quotes


# --- marks ------------------------------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if i > start:
                spans.append((start, i))
            start = i + 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _opens(text: str, i: int) -> str | None:
    """The style of quote an opening mark at i starts, or None when it is not an opener."""
    ch = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return None
    if ch in _DOUBLE_OPEN:
        return "double"
    if ch == '"' and (before in _OPEN_CONTEXT or before in _SINGLE_OPEN):
        return "double"
    if (ch in _SINGLE_OPEN or ch == "'") and (before in _OPEN_CONTEXT or before in _DOUBLE_OPEN):
        return "single" if (after.isalnum() or after in "[.…") else None
    return None


def _closes(text: str, i: int, style: str) -> bool:
    ch = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if style == "double":
        # a straight mark after a space still closes at the end of its paragraph ("… so
        # openly.' \"\n"): nothing opens there
        at_end = i + 1 >= len(text) or text[i + 1] == "\n"
        return ch in _DOUBLE_CLOSE or (ch == '"' and (not before.isspace() or at_end))
    if ch in _SINGLE_CLOSE or ch == "'":
        return not before.isspace() and not after.isalnum()  # not the apostrophe of "it's"
    return False


def find_marks(text: str) -> list[Marked]:
    """Stretches in quotation marks, outermost only (a quote inside a quote is part of it)."""
    found: list[Marked] = []
    current: Marked | None = None
    for p_start, p_end in _paragraphs(text):
        i = p_start
        if current is not None:  # the last paragraph left a quote open
            style = _opens(text, p_start)
            if style == current.style:
                current.paragraphs += 1
                i = p_start + 1
            else:
                current = None  # a stray opening mark: forget it
        while i < p_end:
            ch = text[i]
            if ch in "\"“”„«»‘’‹›'":
                if current is None:
                    style = _opens(text, i)
                    if style is not None:
                        current = Marked(i, -1, style)
                elif _closes(text, i, current.style):
                    current.close = i
                    if _plausible(current):
                        found.append(current)
                    current = None
                elif ch in _DOUBLE_OPEN and current.style == "double" and current.paragraphs == 1:
                    current = Marked(i, -1, "double")  # the earlier opener was stray
            i += 1
        if current is not None and current.style == "single":
            current = None  # single marks never run across paragraphs
    return found


def _plausible(m: Marked) -> bool:
    size = m.close - m.open - 1
    return size > 0 and (m.style == "double" or size <= _MAX_SINGLE)


def is_title(text: str, m: Marked) -> bool:
    """A name in marks: after a naming word ("titled", "named"), a hashtag, or a short stretch
    in title case without a sentence of its own ("the 'Call for Action' conference")."""
    lex = lexicon()
    inner = text[m.start : m.end].strip().rstrip(",")
    if not inner:
        return True
    before = " ".join(text[max(0, m.open - 30) : m.open].lower().split())
    if any(before.endswith(cue) for cue in lex["title_cues"]):
        return True
    if inner.startswith("#"):
        return True
    words = inner.split()
    if len(words) > 10 or inner[-1] in ".!?…":
        return False
    minor = lex["title_minor"]
    capital = [w for w in words if w[:1].isalpha()]
    if not capital or not capital[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in minor for w in capital)


# --- direct and partial quotes ----------------------------------------------------------------


def _tokens(att: Attribution, start: int, end: int) -> list[Token]:
    lo = bisect_left(att.token_starts, start)
    hi = bisect_left(att.token_starts, end)
    return list(att.doc[lo:hi])


def _is_clause(tokens: list[Token]) -> bool:
    """Whether the quoted words make a clause of their own (a subject with its verb inside)."""
    inside = {t.i for t in tokens}
    return any(
        t.dep_ in _SUBJECTS
        and t.head.i in inside
        and t.head.pos_ in ("VERB", "AUX")
        and t.head.dep_ not in _EMBEDDED
        for t in tokens
    )


def _attribute_marked(att: Attribution, m: Marked, marks: list[Marked]) -> Found | None:
    tokens = _tokens(att, m.start, m.end)
    if not tokens:
        return None
    kind = "direct" if _is_clause(tokens) else "partial"
    cue = _governing(att, tokens, m, kind) or _after(att, m) or _before(att, m)
    q = Found(kind, m.start, m.end, cue, exclude=[(m.open, m.close + 1)])
    if cue is not None:
        q.speaker = att.speaker(cue)
    return q


def _governing(att: Attribution, tokens: list[Token], m: Marked, kind: str) -> Cue | None:
    """The cue above the quote in the parse, when it stands outside the marks. A verb that
    only introduces quotes cues a quoted clause, not a phrase ("if the talks went on for
    “years”")."""
    inside = {t.i for t in tokens}
    tops = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    for top in tops[:1] + tops[-1:]:
        cue = att.governing_cue(top, clause=kind == "direct")
        if cue is not None and cue.speaker is not None and not (m.open <= cue.start <= m.close):
            return cue
    return None


def _sentence(att: Attribution, pos: int) -> tuple[int, int] | None:
    tok = att.token_at(pos)
    if tok is None:
        return None
    return tok.sent.start_char, tok.sent.end_char


def _after(att: Attribution, m: Marked) -> Cue | None:
    """A speaker line right after the closing mark: "…,” the group said in a statement."""
    text = att.text
    pos = m.close + 1
    para_end = text.find("\n", pos)
    para_end = len(text) if para_end < 0 else para_end
    lead = text[pos:para_end].lstrip(" .,")
    if lead.startswith(lexicon()["dashes"]):  # a pull quote's name line: "…” — Matthew Ingram"
        dash = att.token_at(para_end - len(lead))
        return att.name_line_cue(dash) if dash is not None else None
    sent = _sentence(att, pos) if pos < para_end else None
    if sent is None:
        return None
    end = min(max(sent[1], pos), para_end)
    line_only = False  # only a speaker line with no clause of its own may follow
    if not text[pos:end].strip(" ,.") and end < para_end:
        # the parser ended the sentence at the mark: go on only into a speaker line
        # ("…,” | the group said"; "…!” | Vega told the crowd."), not into the next sentence
        # ("…”. | The defendants claimed")
        rest = text[end:para_end].lstrip()
        exclaimed = text[m.close - 1] in "!?…"
        if text[m.close - 1] == "," or rest[:1].islower() or exclaimed:
            nxt = _sentence(att, end + 1)
            if nxt is not None:
                end = min(nxt[1], para_end)
                line_only = not (text[m.close - 1] == "," or rest[:1].islower())
    reopen = [i for i in range(pos, end) if text[i] in '“"‘' and att.in_quote(i + 1)]
    end = min([end, *reopen])
    for cue in att.cues_in(pos, end):
        if cue.speaker is None or (line_only and att.reported_content(cue) is not None):
            continue
        gap = len(_tokens(att, pos, min(cue.start, cue.speaker[0])))
        if gap <= _NEAR_AFTER:
            return cue
    return None


def _before(att: Attribution, m: Marked) -> Cue | None:
    """A speaker line in the same sentence before the opening mark: "X said: “…”"."""
    text = att.text
    sent = _sentence(att, m.open)
    if sent is None:
        return None
    start = sent[0]
    if not text[start : m.open].strip():
        prev = _sentence(att, start - 2) if start > 1 else None
        if prev is not None and text[prev[0] : prev[1]].rstrip().endswith(":"):
            start = prev[0]
    para = text.rfind("\n", 0, m.open) + 1
    cues = [c for c in att.cues_in(max(start, para), m.open) if c.speaker is not None]
    if cues:
        return cues[-1]
    lead = text[max(start, para) : m.open].rstrip()
    frame = _frame(att, m) if lead.endswith((",", ":")) else None
    if frame is not None and frame.speaker is not None:
        return frame
    if lead.endswith(":"):  # "the statement from X: “…”"
        for tok in reversed(_tokens(att, max(start, para), m.open)):
            cue = att.document_cue(tok)
            if cue is not None:
                return cue
    return None


def _frame(att: Attribution, m: Marked) -> Cue | None:
    """A verb that is no reporting verb but frames the words in marks after its comma or
    colon ("Vale spoke on the radio, “…”", "defended her decision, “…”", "opposed Kim's
    proposal: “…”"): its subject speaks, unless it only passes a document on ("read the
    family's statement: “…”", left to the document's author)."""
    tokens = _tokens(att, m.start, m.end)
    inside = {t.i for t in tokens}
    top = next((t for t in tokens if t.head.i not in inside and t.head.i != t.i), None)
    if top is None or top.dep_ not in ("ccomp", "parataxis", "xcomp", "dep", "acl", "conj"):
        return None
    verb = top.head
    if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ == "dobj":
        verb = verb.head  # "opposed Kim's proposal: “…”", the quote hung on the object
    if verb.pos_ not in ("VERB", "AUX") or verb.idx > m.open or att.in_quote(verb.idx):
        return None
    return att.frame_cue(verb)


def _borrow_speakers(att: Attribution, found: list[Found], marks: list[Marked]) -> None:
    """A direct quote with no cue of its own takes the speaker of the quotes around it in its
    paragraph ("“A,” he said. “B.”"), else a speaker line ending the paragraph before."""
    text = att.text

    def para_of(pos: int) -> int:
        return text.rfind("\n", 0, pos) + 1

    by_para: dict[int, list[Found]] = {}
    for q in found:
        by_para.setdefault(para_of(q.start), []).append(q)
    for q in found:
        if q.cue is not None or q.kind != "direct":
            continue
        same = by_para[para_of(q.start)]
        before = [o for o in same if o.cue is not None and o.end <= q.start]
        after = [o for o in same if o.cue is not None and o.start >= q.end]
        donor = (before[-1:] or after[:1] or [None])[0]
        if donor is None:
            donor = _previous_paragraph(att, para_of(q.start), by_para)
        if donor is not None:
            q.cue, q.speaker = donor.cue, donor.speaker


def _previous_paragraph(
    att: Attribution, para: int, by_para: dict[int, list[Found]]
) -> Found | None:
    """The speaker line that ends the previous paragraph ("Smith wrote:"), or its last quote."""
    text = att.text
    if para < 2:
        return None
    prev_end = para - 1
    while prev_end > 0 and text[prev_end - 1] == "\n":
        prev_end -= 1
    prev = text.rfind("\n", 0, prev_end) + 1
    last = _sentence(att, max(prev, prev_end - 2))
    if last is not None:
        cues = [c for c in att.cues_in(last[0], prev_end) if c.speaker is not None]
        if cues and (text[:prev_end].rstrip().endswith(":") or not att.reported_content(cues[-1])):
            return Found("direct", 0, 0, cues[-1], att.speaker(cues[-1]))
    quoted = [o for o in by_para.get(prev, []) if o.cue is not None and o.kind == "direct"]
    return quoted[-1] if quoted else None


def _resolve_pronouns(att: Attribution, found: list[Found]) -> None:
    """A speaker pronoun that coreference left unresolved ("She also said …" after "The head
    of the investigators told the court …") is the speaker of the quote before it."""
    pronouns = lexicon()["speaker_pronouns"]
    text = att.text
    ordered = sorted(found, key=lambda q: q.start)
    for n, q in enumerate(ordered):
        if q.speaker.entity is not None or (q.speaker.text or "").lower() not in pronouns:
            continue
        floor = text.rfind("\n", 0, text.rfind("\n", 0, q.start))  # previous paragraph on
        for prior in reversed(ordered[:n]):
            if prior.start < floor:
                break
            named = prior.speaker.text and prior.speaker.text.lower() not in pronouns
            if named and prior.speaker.start is not None and prior.speaker.start < q.start:
                q.speaker = prior.speaker
                break


# --- indirect speech --------------------------------------------------------------------------


def _indirect(att: Attribution, direct: list[Found]) -> list[Found]:
    """Reported clauses of cues ("X told reporters that …"), unless the clause is itself a
    direct quote (then the quote carries it) or sits inside another reported clause."""
    direct_spans = sorted((q.start - 1, q.end + 1) for q in direct)
    starts = [s for s, _ in direct_spans]
    out: list[Found] = []
    for cue in att.cues:
        content = att.reported_content(cue)
        if content is None or cue.speaker is None or _negated(cue):
            continue
        start, end = content
        i = bisect_right(starts, end)
        covered = sum(
            max(0, min(e, end) - max(s, start)) for s, e in direct_spans[max(0, i - 6) : i]
        )
        opens_quote = any(s <= start <= s + 2 for s, _ in direct_spans[max(0, i - 6) : i])
        if opens_quote or covered >= _QUOTED_CONTENT * (end - start):
            continue  # 'he said "We could not stay," and …': the direct quote carries it
        out.append(Found("indirect", start, end, cue, att.speaker(cue), exclude=[(start, end)]))
    text = att.text
    return [
        q
        for q in out
        if not any(_nests(o, q, text) or _frames(q, o, text) for o in out if o is not q)
    ]


def _nests(outer: Found, inner: Found, text: str) -> bool:
    """Reported speech inside reported speech by the same speaker ("he said [it] would allow
    him") belongs to the outer quote. Another speaker's report inside it ("police said [the
    suspect told officers that he acted alone]") is a quote of its own, as is the real quote
    of a misparse (see _frames)."""
    assert inner.cue is not None
    if not outer.start <= inner.cue.start < outer.end or _frames(outer, inner, text):
        return False
    words = (inner.speaker.text or "").lower()
    if not words or words in lexicon()["speaker_pronouns"]:
        return True  # "he said [it] would allow him": no other speaker named
    return inner.speaker.entity is not None and inner.speaker.entity == outer.speaker.entity


def _frames(outer: Found, inner: Found, text: str) -> bool:
    """A reported clause that opens with another speaker and cue across a colon or a sentence
    end ("…: Professor Burrows said the flag …") is a misparse of two sentences: the inner
    quote is the real one."""
    if inner.cue is None or inner.speaker.start is None or outer.cue is None:
        return False
    opens = outer.start <= inner.speaker.start <= outer.start + 1 and inner.cue.start < outer.end
    between = text[min(outer.cue.end, inner.speaker.start) : inner.speaker.start]
    return opens and (
        ":" in between or "\n" in between or outer.cue.by_object or outer.cue.start > outer.start
    )


def _negated(cue: Cue) -> bool:
    """ "Netanyahu has not said publicly that he accepts": a denied speech act reports nothing."""
    return any(c.dep_ == "neg" for c in cue.token.children)
