"""Named entities (placeholder: raw spaCy NER; document-level correction lands next)."""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.schema import Entity, Mention, Meta


def extract_entities(doc: Doc, meta: Meta) -> list[Entity]:
    entities = []
    for i, ent in enumerate(doc.ents, 1):
        entities.append(
            Entity(id=f"E{i}", name=ent.text, type=ent.label_,
                   mentions=[Mention(text=ent.text, start=ent.start_char, end=ent.end_char)])
        )
    return entities
