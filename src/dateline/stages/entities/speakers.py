"""First person inside a quote is its speaker: "I urge my colleagues …", Cruz said.

Run after quotes are attributed. "I", "me", "my", "we", "us", "our" inside a direct or partial
quote become mentions of the quote's speaker (rule "speaker", via the words naming the speaker),
so an event the speaker states in the first person has the speaker as its actor.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from dateline import lexicons
from dateline.schema import Entity, Mention, Quote, Span
from dateline.stages import text_of


@cache
def _first_person() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicons.load("descriptions")["pronouns"]["first"])


def link_speakers(doc: Doc, entities: list[Entity], quotes: list[Quote]) -> None:
    """Add first-person pronouns in attributed quotes to their speakers' mentions."""
    words = _first_person()
    text = text_of(doc)
    by_id = {e.id: e for e in entities}
    taken = {m.start for e in entities for m in e.mentions}
    for quote in quotes:
        speaker = by_id.get(quote.speaker or "")
        if quote.kind == "indirect" or speaker is None or quote.speaker_start is None:
            continue
        via = Span(
            text=text[quote.speaker_start : quote.speaker_end],
            start=quote.speaker_start,
            end=quote.speaker_end or quote.speaker_start,
        )
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        for token in span or []:
            if token.lower_ in words and token.pos_ == "PRON" and token.idx not in taken:
                end = token.idx + len(token)
                speaker.mentions.append(
                    Mention(
                        text=token.text,
                        start=token.idx,
                        end=end,
                        kind="pronoun",
                        rule="speaker",
                        via=via,
                    )
                )
                taken.add(token.idx)
        speaker.mentions.sort(key=lambda m: m.start)
