"""The JSON API under /api: the data of every page, with the same filters (see views.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
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
from dateline.store import Store
from dateline.store.query import ArticleFilter, EventFilter
from dateline.web import views
from dateline.web.cache import kept, view_key
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


async def as_json(
    request: Request,
    view: Callable[..., Any],
    *args: Any,
    shape: Callable[[Any], Any] | None = None,
    missing: str = "not found",
    version: int | None = None,
) -> Response:
    """The JSON of `view(store, *args)` (passed through `shape`; None is a 404 saying
    `missing`), encoded once per corpus version. Encoded as FastAPI would, minus its
    jsonable_encoder walk: views hold JSON types only, and the walk cost more than
    answering from the cache. A `shape` may return the JSON itself (bytes)."""
    store = request.app.state.store

    def encode() -> bytes | None:
        data = view(store, *args)
        if data is None:
            return None
        shaped = shape(data) if shape else data
        return shaped if isinstance(shaped, bytes) else JSONResponse(shaped).body

    body = await kept(request, view_key(view, args, "json"), encode, version)
    if body is None:
        raise HTTPException(404, missing)
    return Response(body, media_type="application/json")


async def listing(
    request: Request,
    view: Callable[..., dict[str, Any]],
    args: tuple[Any, ...],
    format: str,
    columns: Sequence[Any],
    name: str,
) -> Any:
    """A listing as JSON (the view) or its rows as a CSV download with the columns of
    `dateline export --format csv`."""
    if format != "csv":
        return await as_json(request, view, *args)

    def table() -> str:
        buffer = io.StringIO()
        fields = [c.name for c in columns]
        writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(view(request.app.state.store, *args)["items"])
        return buffer.getvalue()

    return Response(
        await kept(request, view_key(view, args, "csv"), table),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get(
    "/corpus",
    tags=["corpus"],
    summary="Counts, events per day by quad class, top actors, latest",
    response_model=dict[str, Any],
)
async def corpus(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> Any:
    return await as_json(request, views.corpus_view, f, shape=views.jsonable)


@router.get(
    "/articles",
    tags=["corpus"],
    summary="Articles, latest first",
    response_model=dict[str, Any],
)
async def articles(
    request: Request,
    f: Annotated[ArticleFilter, Depends(article_filter)],
    page: Annotated[Paging, Depends(paging)],
) -> Any:
    return await as_json(request, views.articles_view, f, page)


@router.get(
    "/articles/{article_id}",
    tags=["corpus"],
    summary="One article: its dateline/1 record",
    response_model=Article,
    responses=NotFound,
)
async def article(request: Request, article_id: str) -> Any:
    """The record, with an ETag naming the corpus version: a client that sends it back in
    If-None-Match gets a 304 until the corpus changes."""
    version = request.app.state.cache.version()
    if version is None:
        return await as_json(
            request, _record, article_id, shape=_record_json, missing=_unknown(article_id)
        )
    tag = f'"corpus-{version}"'
    headers = {"etag": tag, "cache-control": "no-cache"}
    if tag in _etags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    response = await as_json(
        request,
        _record,
        article_id,
        shape=_record_json,
        missing=_unknown(article_id),
        version=version,
    )
    response.headers.update(headers)
    return response


def _record(store: Store, article_id: str) -> Article | None:
    return store.article(article_id)


def _record_json(article: Article) -> bytes:
    """The dateline/1 record as JSON, written by pydantic straight from the model: the same
    bytes as model_dump() through json.dumps, at a quarter of the cost."""
    return article.model_dump_json().encode()


def _unknown(article_id: str) -> str:
    return f"no article with id {article_id!r}"


def _etags(header: str) -> set[str]:
    """The entity tags of an If-None-Match header (weak ones compared as strong)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


@router.get(
    "/articles/{article_id}/story",
    tags=["corpus"],
    summary="The other articles of its story",
    response_model=dict[str, Any],
)
async def story(request: Request, article_id: str) -> Any:
    return await as_json(request, _story, article_id, missing=_unknown(article_id))


def _story(store: Store, article_id: str) -> dict[str, Any] | None:
    view = views.article_view(store, article_id)
    return (
        None
        if view is None
        else {
            "story_id": view["story_id"],
            "title": view["story_title"],
            "items": view["story"],
        }
    )


@router.get("/stories", tags=["stories"], summary="Stories across outlets, latest first, paged")
async def stories(
    request: Request,
    f: Annotated[StoryFilter, Depends(story_filter)],
    page: Annotated[Paging, Depends(paging)],
) -> Any:
    return await as_json(request, views.stories_view, f, page, shape=jsonable_encoder)


@router.get(
    "/stories/{story_id}",
    tags=["stories"],
    summary="One story: events once each with sources, proposals and stances, figures, quotes",
    responses={404: {"description": "No story with that id."}},
)
async def story_detail(request: Request, story_id: str) -> Any:
    missing = f"no story with id {story_id!r}"
    return await as_json(
        request, views.story_page_view, story_id, shape=jsonable_encoder, missing=missing
    )


@router.get(
    "/events", tags=["corpus"], summary="Events matching the filters of `dateline events`, paged"
)
async def events(
    request: Request,
    f: Annotated[EventFilter, Depends(event_filter)],
    page: Annotated[Paging, Depends(paging)],
    format: Format = "json",
) -> Any:
    return await listing(request, views.events_view, (f, page), format, EVENTS, "events")


@router.get("/quotes", tags=["corpus"], summary="Quotes by speaker and words, paged")
async def quotes(
    request: Request,
    page: Annotated[Paging, Depends(paging)],
    speaker: Annotated[Text, Query(description="Who is quoted: name or code.")] = None,
    contains: Annotated[Text, Query(description="Words in the quote.")] = None,
    format: Format = "json",
) -> Any:
    args = (speaker or None, contains or None, page)
    return await listing(request, views.quotes_view, args, format, QUOTES, "quotes")


@router.get(
    "/actors",
    tags=["corpus"],
    summary="The most reported actors",
    response_model=dict[str, Any],
)
async def actors(
    request: Request,
    page: Annotated[Paging, Depends(paging)],
    who: Annotated[Text, Query(description="Name (part) or code prefix.")] = None,
    order: Annotated[str, Query(description="stories, events_as_actor, ...")] = "stories",
) -> Any:
    return await as_json(request, views.actors_view, who or None, check_order(order), page)


@router.get(
    "/actors/{who}",
    tags=["corpus"],
    summary="One actor: matches, timeline, counterparts, quotes",
    response_model=dict[str, Any],
)
async def actor(request: Request, who: str) -> Any:
    return await as_json(request, views.actor_view, who, shape=views.jsonable)


@router.get(
    "/search",
    tags=["corpus"],
    summary="Full-text search over articles and quotes",
    response_model=dict[str, Any],
)
async def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description='Words, "phrases", OR.')],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> Any:
    return await as_json(request, views.search_view, q, limit)


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
