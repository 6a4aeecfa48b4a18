"""Events: PLOVER-coded acts with their participants, time, place and mood."""

from dateline.stages.events.extract import extract_events

__all__ = ["extract_events"]
