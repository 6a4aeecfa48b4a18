"""Entities: one entity per referent, with titles, coreference and collective actors."""

from dateline.stages.entities.collectives import find_collectives
from dateline.stages.entities.extract import extract_entities
from dateline.stages.entities.groups import merge_generic_groups, resolve_groups
from dateline.stages.entities.speakers import link_speakers

__all__ = [
    "extract_entities",
    "find_collectives",
    "link_speakers",
    "merge_generic_groups",
    "resolve_groups",
]
