"""Entities: one entity per referent, with titles, coreference and collective actors."""

from dateline.stages.entities.collectives import find_collectives
from dateline.stages.entities.extract import extract_entities
from dateline.stages.entities.groups import resolve_groups

__all__ = ["extract_entities", "find_collectives", "resolve_groups"]
