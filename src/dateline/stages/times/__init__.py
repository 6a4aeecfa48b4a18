"""Times: TIMEX3 expressions found and normalized against the article's date."""

from dateline.stages.times.extract import extract_times

__all__ = ["extract_times"]
