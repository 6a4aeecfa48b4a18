"""The JSON API under /api: the data of every page, with the same filters (see views.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from dateline.corpus.stories.read import StoryFilter
from dateline.export.columns import EVENTS, QUOTES
from dateline.schema import Article
from dateline.sources import ReadError
from dateline.store.query import ArticleFilter, EventFilter
from dateline.web import views
from dateline.web.params import (
    Paging,
    Text,
    article_filter,
    check_order,
    event_filter,
    paging,
    story_filter,
)

router = APIRouter(prefix="/api")
Format = Annotated[Literal["json", "csv"], Query(description="json, or csv of the same rows.")]
NotFound = {404: {"description": "No article with that id."}}


def store_of(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.store


def as_format(view: dict[str, Any], format: str, columns: Sequence[Any], name: str) -> Any:
    """A listing as JSON (the view) or its rows as a CSV download with the columns of
    `dateline export --format csv`."""
    if format != "csv":
        return view
    buffer = io.StringIO()
    fields = [c.name for c in columns]
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(view["items"])
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get(
    "/corpus", tags=["corpus"], summary="Counts, events per day by quad class, top actors, latest"
)
def corpus(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> dict[str, Any]:
    return views.jsonable(views.corpus_view(store_of(request), f))


@router.get("/articles", tags=["corpus"], summary="Articles, latest first")
def articles(
    request: Request,
    f: Annotated[ArticleFilter, Depends(article_filter)],
    page: Annotated[Paging, Depends(paging)],
) -> dict[str, Any]:
    return views.articles_view(store_of(request), f, page)


@router.get(
    "/articles/{article_id}",
    tags=["corpus"],
    summary="One article: its dateline/1 record",
    response_model=Article,
    responses=NotFound,
)
def article(request: Request, article_id: str) -> Any:
    found = store_of(request).article(article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return JSONResponse(found.model_dump())


@router.get(
    "/articles/{article_id}/story", tags=["corpus"], summary="The other articles of its story"
)
def story(request: Request, article_id: str) -> dict[str, Any]:
    view = views.article_view(store_of(request), article_id)
    if view is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return {"story_id": view["story_id"], "title": view["story_title"], "items": view["story"]}


@router.get("/stories", tags=["stories"], summary="Stories across outlets, latest first, paged")
def stories(
    request: Request,
    f: Annotated[StoryFilter, Depends(story_filter)],
    page: Annotated[Paging, Depends(paging)],
) -> dict[str, Any]:
    return views.stories_view(store_of(request), f, page)


@router.get(
    "/stories/{story_id}",
    tags=["stories"],
    summary="One story: events once each with sources, proposals and stances, figures, quotes",
    responses={404: {"description": "No story with that id."}},
)
def story_detail(request: Request, story_id: str) -> Any:
    view = views.story_page_view(store_of(request), story_id)
    if view is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return JSONResponse(jsonable_encoder(view))


@router.get(
    "/events", tags=["corpus"], summary="Events matching the filters of `dateline events`, paged"
)
def events(
    request: Request,
    f: Annotated[EventFilter, Depends(event_filter)],
    page: Annotated[Paging, Depends(paging)],
    format: Format = "json",
) -> Any:
    return as_format(views.events_view(store_of(request), f, page), format, EVENTS, "events")


@router.get("/quotes", tags=["corpus"], summary="Quotes by speaker and words, paged")
def quotes(
    request: Request,
    page: Annotated[Paging, Depends(paging)],
    speaker: Annotated[Text, Query(description="Who is quoted: name or code.")] = None,
    contains: Annotated[Text, Query(description="Words in the quote.")] = None,
    format: Format = "json",
) -> Any:
    view = views.quotes_view(store_of(request), speaker or None, contains or None, page)
    return as_format(view, format, QUOTES, "quotes")


@router.get("/actors", tags=["corpus"], summary="The most reported actors")
def actors(
    request: Request,
    page: Annotated[Paging, Depends(paging)],
    who: Annotated[Text, Query(description="Name (part) or code prefix.")] = None,
    order: Annotated[str, Query(description="stories, events_as_actor, ...")] = "stories",
) -> dict[str, Any]:
    return views.actors_view(store_of(request), who or None, check_order(order), page)


@router.get(
    "/actors/{who}", tags=["corpus"], summary="One actor: matches, timeline, counterparts, quotes"
)
def actor(request: Request, who: str) -> dict[str, Any]:
    return views.jsonable(views.actor_view(store_of(request), who))


@router.get("/search", tags=["corpus"], summary="Full-text search over articles and quotes")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words, "phrases", OR.')],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    return views.search_view(store_of(request), q, limit)


class ReadRequest(BaseModel):
    text: str = Field(min_length=1, description="The article: plain text, Markdown or HTML.")
    published: date | None = Field(None, description="Publication date, if the text lacks it.")


@router.post(
    "/read",
    summary="Read a text: the dateline/1 record (nothing is stored)",
    response_model=Article,
    responses={413: {"description": "Body over the size limit."}},
    tags=["read"],
)
def read(request: Request, body: ReadRequest) -> Any:
    try:
        record = request.app.state.reader.read_text(body.text, body.published)
    except ReadError as exc:
        raise HTTPException(422, f"text: {exc.reason}") from None
    return JSONResponse(record.model_dump())
