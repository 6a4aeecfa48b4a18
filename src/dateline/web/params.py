"""Query parameters shared by the pages and the API, checked once with clear messages.

A bad value is a 422 that names the parameter and says what was expected; a page size over
the cap is refused rather than silently cut, so a client never mistakes a page for the whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, get_args

from fastapi import HTTPException, Query

from dateline.corpus.stories.read import StoryFilter
from dateline.schema import EventType
from dateline.store.query import ACTOR_ORDERS, ArticleFilter, EventFilter

PLOVER_TYPES = get_args(EventType)
MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
_CAMEO = re.compile(r"^\d{2,4}$")
_ISO3 = re.compile(r"^[A-Za-z]{3}$")


class BadParameter(HTTPException):
    """A 422 whose detail is one sentence naming the parameter."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(status_code=422, detail=f"{name}: {message}")


def _blank_is_none(value: str | None) -> str | None:
    """Empty form fields arrive as empty strings: they mean 'no filter'."""
    value = value.strip() if value is not None else None
    return value or None


def check_date(name: str, value: str | None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month or day."""
    value = _blank_is_none(value)
    if value is None:
        return None
    parts = value.split("-")
    padded = value + "-01" * (3 - len(parts)) if len(parts) <= 3 else value
    try:
        if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
            raise ValueError
        date.fromisoformat(padded)
    except ValueError:
        raise BadParameter(name, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return value


def check_type(value: str | None) -> str | None:
    value = _blank_is_none(value)
    if value is None:
        return None
    if value.upper() in PLOVER_TYPES or _CAMEO.match(value):
        return value
    raise BadParameter(
        "type",
        f"{value!r} is neither a PLOVER type ({', '.join(PLOVER_TYPES)}) "
        "nor a CAMEO code prefix (2 to 4 digits)",
    )


def check_country(value: str | None) -> str | None:
    value = _blank_is_none(value)
    if value is None:
        return None
    if not _ISO3.match(value):
        raise BadParameter("country", f"{value!r} is not an ISO 3166 alpha-3 code such as USA")
    return value.upper()


Text = Annotated[str | None, Query(max_length=200)]
Page = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]
Size = Annotated[
    int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Rows a page, at most {MAX_PAGE_SIZE}.")
]


@dataclass
class Paging:
    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def describe(self, total: int) -> dict[str, Any]:
        pages = max(1, -(-total // self.size))
        return {"total": total, "page": self.page, "size": self.size, "pages": pages}


# The dependencies below are `async def` although they wait for nothing: FastAPI runs a plain
# `def` dependency in its thread pool, and the hand-over costs more than checking a few
# parameters.


async def paging(page: Page = 1, size: Size = DEFAULT_PAGE_SIZE) -> Paging:
    return Paging(page, size)


async def event_filter(
    actor: Annotated[Text, Query(description="Source actor: name (part) or code prefix.")] = None,
    recipient: Annotated[Text, Query(description="Target actor: name or code prefix.")] = None,
    type: Annotated[Text, Query(description="PLOVER type or CAMEO code prefix.")] = None,
    country: Annotated[Text, Query(description="ISO alpha-3 of an actor, target or place.")] = None,
    since: Annotated[Text, Query(description="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Text, Query(description="Up to this date (YYYY[-MM[-DD]]).")] = None,
) -> EventFilter:
    """The filters of `dateline events`, as query parameters."""
    return EventFilter(
        actor=_blank_is_none(actor),
        recipient=_blank_is_none(recipient),
        type=check_type(type),
        country=check_country(country),
        since=check_date("since", since),
        until=check_date("until", until),
    )


async def article_filter(
    since: Annotated[Text, Query(description="Published from (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Text, Query(description="Published up to (YYYY[-MM[-DD]]).")] = None,
    publisher: Annotated[Text, Query(description="Publisher (part of the name).")] = None,
) -> ArticleFilter:
    return ArticleFilter(
        since=check_date("since", since),
        until=check_date("until", until),
        publisher=_blank_is_none(publisher),
    )


def check_order(value: str) -> str:
    if value not in ACTOR_ORDERS:
        raise BadParameter("order", f"{value!r} is not one of {', '.join(ACTOR_ORDERS)}")
    return value


def filter_query(f: EventFilter) -> dict[str, str]:
    """The filter as query parameters again (for links to other pages and downloads)."""
    fields = ("actor", "recipient", "type", "country", "since", "until")
    return {name: value for name in fields if (value := getattr(f, name))}


def story_filter(
    since: Annotated[Text, Query(description="Stories still running on or after.")] = None,
    until: Annotated[Text, Query(description="Stories begun up to (YYYY[-MM[-DD]]).")] = None,
    contains: Annotated[Text, Query(description="Words of the title.")] = None,
    min_articles: Annotated[int, Query(ge=1, le=100_000, description="At least this many.")] = 1,
) -> StoryFilter:
    """The filters of `dateline stories`, as query parameters."""
    return StoryFilter(
        since=check_date("since", since),
        until=check_date("until", until),
        contains=_blank_is_none(contains),
        min_articles=min_articles,
    )
