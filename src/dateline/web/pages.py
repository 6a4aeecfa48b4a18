"""The HTML pages: corpus, article, events, actors, search and read (Jinja2 on the server)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse

from dateline.corpus.stories.read import StoryFilter
from dateline.schema import Article
from dateline.sources import ReadError
from dateline.store import Store
from dateline.store.query import EventFilter
from dateline.web import views
from dateline.web.annotate import annotated_html
from dateline.web.app import templates
from dateline.web.cache import kept
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


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Any:
    return templates.TemplateResponse(request, name, context, status_code=status)


async def page(
    request: Request, name: str, context: Callable[[], dict[str, Any] | None], *key: Any
) -> str | None:
    """The template `name` rendered with `context()` (None: no such page), kept per corpus
    version under `key`: a page depends on its parameters and the corpus only (the
    templates do not read the request)."""

    def html() -> str | None:
        values = context()
        return None if values is None else templates.get_template(name).render(values)

    return await kept(request, ("page", name, repr(key)), html)


@router.get("/")
async def corpus(request: Request, f: Annotated[EventFilter, Depends(event_filter)]) -> Any:
    def context() -> dict[str, Any]:
        view = views.corpus_view(store_of(request), f)
        chart = stacked_bars(view["chart"], "Events per day by quad class")
        return {**view, "chart_svg": chart, "f": f, "query": filter_query(f)}

    return HTMLResponse(await page(request, "corpus.html", context, f))


@router.get("/events")
async def events(
    request: Request,
    f: Annotated[EventFilter, Depends(event_filter)],
    paged: Annotated[Paging, Depends(paging)],
) -> Any:
    def context() -> dict[str, Any]:
        view = views.events_view(store_of(request), f, paged)
        query = filter_query(f)
        shown = {**query, "page": paged.page, "size": paged.size}
        return {**view, "f": f, "query": query, "shown": shown}

    return HTMLResponse(await page(request, "events.html", context, f, paged))


def _article_context(article: Article, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        **extra,
        "article": article,
        "names": {e.id: e for e in article.entities},
        "text_html": annotated_html(article),
    }


@router.get("/articles/{article_id}")
async def article(request: Request, article_id: str) -> Any:
    def context() -> dict[str, Any] | None:
        view = views.article_view(store_of(request), article_id)
        return None if view is None else _article_context(view["article"], view)

    html = await page(request, "article.html", context, article_id)
    if html is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return HTMLResponse(html)


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
async def actors(
    request: Request,
    paged: Annotated[Paging, Depends(paging)],
    who: Text = None,
    order: str = "stories",
) -> Any:
    order = check_order(order)

    def context() -> dict[str, Any]:
        view = views.actors_view(store_of(request), who or None, order, paged)
        return {**view, "who": who or ""}

    return HTMLResponse(await page(request, "actors.html", context, who or None, order, paged))


@router.get("/actors/{who}")
async def actor(request: Request, who: str) -> Any:
    def context() -> dict[str, Any]:
        view = views.actor_view(store_of(request), who)
        chart = stacked_bars(view["timeline"], f"Events of {who} per month")
        return {**view, "chart_svg": chart}

    return HTMLResponse(await page(request, "actor.html", context, who))


@router.get("/search")
async def search(request: Request, q: Text = None) -> Any:
    def context() -> dict[str, Any]:
        return views.search_view(store_of(request), q or "", 50)

    return HTMLResponse(await page(request, "search.html", context, q or ""))


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
    return render(
        request, "article.html", _article_context(article, {"unsaved": True, "story": []})
    )
