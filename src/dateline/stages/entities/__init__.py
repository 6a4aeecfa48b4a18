"""Entities: one entity per referent, with titles, coreference and collective actors."""

from dateline.stages.entities.collectives import find_collectives
from dateline.stages.entities.extract import extract_entities

__all__ = ["extract_entities", "find_collectives"]
