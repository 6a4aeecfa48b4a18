"""The HTML pages: corpus, article, events, actors, search and read (Jinja2 on the server)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse

from dateline.corpus.stories.read import StoryFilter
from dateline.schema import Article
from dateline.sources import ReadError
from dateline.store.query import EventFilter
from dateline.web import views
from dateline.web.annotate import annotated_html
from dateline.web.api import store_of
from dateline.web.app import templates
from dateline.web.charts import stacked_bars
from dateline.web.params import (
    MAX_PAGE_SIZE,
    PLOVER_TYPES,
    BadParameter,
    Paging,
    Text,
    check_date,
    check_order,
    event_filter,
    filter_query,
    paging,
    story_filter,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def safe_url(url: str | None) -> str | None:
    """A link only to http(s) addresses: a stored `javascript:` URL stays text."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


templates.env.globals.update(
    plover_types=PLOVER_TYPES, max_page_size=MAX_PAGE_SIZE, safe_url=safe_url, urlencode=urlencode
)


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Any:
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/")
def corpus(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> Any:
    view = views.corpus_view(store_of(request), f)
    chart = stacked_bars(view["chart"], "Events per day by quad class")
    return render(
        request, "corpus.html", {**view, "chart_svg": chart, "f": f, "query": filter_query(f)}
    )


@router.get("/events")
def events(
    request: Request,
    f: Annotated[EventFilter, Depends(event_filter)],
    page: Annotated[Paging, Depends(paging)],
) -> Any:
    view = views.events_view(store_of(request), f, page)
    query = filter_query(f)
    shown = {**query, "page": page.page, "size": page.size}
    return render(request, "events.html", {**view, "f": f, "query": query, "shown": shown})


def _article_page(request: Request, article: Article, extra: dict[str, Any]) -> Any:
    return render(
        request,
        "article.html",
        {
            **extra,
            "article": article,
            "names": {e.id: e for e in article.entities},
            "text_html": annotated_html(article),
        },
    )


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> Any:
    view = views.article_view(store_of(request), article_id)
    if view is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return _article_page(request, view["article"], view)


@router.get("/stories")
def stories(
    request: Request,
    f: Annotated[StoryFilter, Depends(story_filter)],
    page: Annotated[Paging, Depends(paging)],
) -> Any:
    view = views.stories_view(store_of(request), f, page)
    query = {k: v for k, v in vars(f).items() if v and k in ("since", "until", "contains")}
    if f.min_articles > 1:
        query["min_articles"] = str(f.min_articles)
    shown = {**query, "page": page.page, "size": page.size}
    return render(request, "stories.html", {**view, "f": f, "shown": shown})


@router.get("/stories/{story_id}")
def story(request: Request, story_id: str) -> Any:
    view = views.story_page_view(store_of(request), story_id)
    if view is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return render(request, "story.html", {"s": view})


@router.get("/actors")
def actors(
    request: Request,
    page: Annotated[Paging, Depends(paging)],
    who: Text = None,
    order: str = "stories",
) -> Any:
    view = views.actors_view(store_of(request), who or None, check_order(order), page)
    return render(request, "actors.html", {**view, "who": who or ""})


@router.get("/actors/{who}")
def actor(request: Request, who: str) -> Any:
    view = views.actor_view(store_of(request), who)
    chart = stacked_bars(view["timeline"], f"Events of {who} per month")
    return render(request, "actor.html", {**view, "chart_svg": chart})


@router.get("/search")
def search(request: Request, q: Text = None) -> Any:
    view = views.search_view(store_of(request), q or "", 50)
    return render(request, "search.html", view)


@router.get("/read")
def read_form(request: Request) -> Any:
    return render(request, "read.html", {"text": "", "error": None})


@router.post("/read")
def read(
    request: Request,
    text: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Any:
    """Read a pasted text or an uploaded file and show it as an article page; nothing is
    stored (the server is read-only on the corpus)."""
    day = check_date("published", published)
    if day and len(day) != 10:
        raise BadParameter("published", f"{day!r}: give the whole day, YYYY-MM-DD")
    when = date.fromisoformat(day) if day else None
    reader = request.app.state.reader
    try:
        if file is not None and file.filename:
            article = reader.read_file(file.file.read(), file.filename, when)
        elif text.strip():
            article = reader.read_text(text, when)
        else:
            message = "Paste a text or choose a file."
            return render(request, "read.html", {"text": "", "error": message}, 422)
    except ReadError as exc:
        return render(request, "read.html", {"text": text, "error": str(exc)}, 422)
    return _article_page(request, article, {"unsaved": True, "story": []})
