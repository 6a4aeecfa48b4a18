"""The pages in a real Chromium (Debian's, driven by Playwright): what a reader sees and does.

Screenshots of each page go to tests/artifacts/ (not committed) for a person to look at.
"""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, SEED
from tests.web.corpus import XSS_HEADLINE, XSS_QUOTE_WORDS

pytestmark = pytest.mark.slow
ARTIFACTS = ROOT / "tests" / "artifacts"
SEED_NAME = SEED.name


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def in_view(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    return page.eval_on_selector(
        selector,
        """el => { const r = el.getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0; }""",
    )


def test_corpus_page_shows_counts_chart_and_filters_to_events(page, web_store):
    page.goto("/")
    counts = web_store.counts()
    assert page.locator(".counts li").first.inner_text() == f"{counts['articles']} articles"
    assert page.locator("#chart svg rect").count() > 0
    assert page.locator("#top-actors tbody tr").count() > 0
    shot(page, "corpus")
    page.fill("input[name=actor]", "Blinken")
    page.select_option("select[name=type]", "CONSULT")
    page.click("form.filters button")
    page.wait_for_url("**/?actor=Blinken*")
    matching = page.locator("h2 small").inner_text()
    page.click("#to-events")
    page.wait_for_url("**/events?*")
    rows = page.locator("#events tbody tr")
    assert rows.count() > 0 and f"{rows.count()} matching" in matching
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert cells.nth(1).inner_text().startswith("CONSULT")
        assert "Blinken" in cells.nth(2).inner_text()
    shot(page, "events")


def test_seed_article_lights_up_every_trigger_quote_and_time(page, web_store, ids):
    article = web_store.article(ids[SEED_NAME])
    page.goto(f"/articles/{article.id}")
    listed = page.locator("#event-list li.item")
    assert listed.count() == len(article.events) > 0
    lit_events = set()
    for el in page.locator("#text .trigger").all():
        lit_events.update(el.get_attribute("data-events").split())
    assert lit_events == {v.id for v in article.events}  # one highlighted trigger per event
    for event in article.events:
        marks = page.locator(f'#text .trigger[data-events~="{event.id}"]')
        assert "".join(marks.all_inner_texts()) == event.trigger.text, event.id
    for quote in article.quotes:
        # a quote may be split into pieces where it crosses a sentence; together they are
        # the quote (inner pieces nested in outer ones are skipped by the :not selector)
        pieces = page.locator(
            f'#text .quote[data-quote="{quote.id}"]:not([data-quote="{quote.id}"] *)'
        )
        assert "".join(pieces.all_text_contents()) == quote.text, quote.id
    for time in article.times:
        assert page.locator(f'#text .time[data-time="{time.id}"]').inner_text() == time.text
    shot(page, "article")


def test_selecting_blamed_highlights_blinken_blamed_hamas(page, web_store, ids):
    article = web_store.article(ids[SEED_NAME])
    blamed = next(v for v in article.events if v.trigger.text == "blamed")
    page.goto(f"/articles/{article.id}")
    page.click(f"#item-{blamed.id}")
    trigger = page.locator(".sel-trigger")
    assert trigger.count() == 1 and trigger.inner_text() == "blamed"
    assert in_view(page, ".sel-trigger")
    assert "Blinken" in page.locator(".sel-actor").all_inner_texts()
    assert page.locator(".sel-recipient").all_inner_texts() == ["Hamas"]
    sentence = page.locator(".sel-sentence").inner_text()
    assert "Blinken blamed Hamas" in sentence
    assert page.evaluate("location.hash") == f"#{blamed.id}"
    shot(page, "article-blamed")


def test_hovering_a_mention_shows_its_entity_and_actor_code(page, ids):
    page.goto(f"/articles/{ids[SEED_NAME]}")
    page.hover('#text .ent[data-entity]:text-is("Antony Blinken")')
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert tip.inner_text() == "Antony Blinken · PERSON · USAGOV"


def test_an_events_row_opens_its_sentence_in_the_article(page):
    page.goto("/events?type=ACCUSE")
    link = page.locator("#events a.evidence").first
    trigger_text = link.inner_text()
    link.click()
    page.wait_for_selector(".sel-trigger")
    assert page.locator(".sel-trigger").first.inner_text() == trigger_text
    assert in_view(page, ".sel-trigger")


def test_actor_and_search_pages(page):
    page.goto("/actors/USAGOV")
    assert page.locator("#matches tbody tr").count() > 0
    assert page.locator("#chart svg rect").count() > 0
    shot(page, "actor")
    page.fill("header .search input", "ceasefire")
    page.press("header .search input", "Enter")
    page.wait_for_url("**/search?q=ceasefire")
    assert page.locator("#hits li").count() > 0
    assert page.locator("#hits mark").count() > 0
    shot(page, "search")


def test_read_page_shows_a_pasted_text_as_an_article(page):
    page.goto("/read")
    page.fill(
        "textarea[name=text]",
        "NAIROBI, April 9 (Test Wire) - Kenya's president met the Ugandan foreign minister "
        "in Nairobi on Tuesday. Uganda accused its neighbour of blocking fuel trucks at the "
        "border, the minister said.",
    )
    page.click("form.read button")
    page.wait_for_selector("#unsaved", timeout=120_000)  # the first read loads spaCy
    assert page.locator("#text .trigger").count() == page.locator("#event-list li.item").count()
    assert page.locator("#event-list li.item").count() >= 2
    shot(page, "read")


def test_docs_render_under_the_csp(page):
    page.goto("/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() >= 9
    assert not [e for e in page.csp_errors if "Content Security Policy" in e]
    shot(page, "docs")


XSS_PATHS = ["/articles/{id}", "/", "/events?type=ACCUSE", "/search?q=harbour", "/actors/Okafor"]


@pytest.mark.parametrize("path", XSS_PATHS)
def test_no_payload_runs_and_the_text_shows_literally(page, ids, path):
    page.goto(path.format(id=ids["xss.json"]))
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # time for an onerror/onload to fire, if one could
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.dialogs == []
    if path.startswith("/articles"):
        assert page.locator("#headline").inner_text() == XSS_HEADLINE
        assert XSS_QUOTE_WORDS in page.locator("#text").inner_text()
        assert page.locator("#unsafe-url").inner_text() == "javascript:window.__xss='url'"
        assert page.locator("#text a, #text img, #text svg, #text script").count() == 0
        page.click("#quote-list li.item >> nth=0")
        shot(page, "xss-article")


def test_a_pasted_payload_does_not_run_either(page):
    page.goto("/read")
    page.fill(
        "textarea[name=text]",
        "LIMA, May 4 (Test Wire) - The mayor accused the port authority of hiding the "
        "report. \u201c<img src=x onerror=alert('read')>We want answers,\u201d the mayor "
        "told reporters. <script>window.__xss='read'</script>",
    )
    page.click("form.read button")
    page.wait_for_selector("#unsaved", timeout=120_000)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined" and page.dialogs == []
    assert "<img src=x onerror=alert('read')>" in page.locator("#text").inner_text()


def test_story_page_shows_events_once_and_the_proposal(page):
    page.goto("/stories")
    page.click("#stories tbody tr:first-child a")
    page.wait_for_selector("#story-events")
    assert page.locator("#story-events tbody tr").count() > 0
    assert page.locator("#proposals .proposal").count() == 1
    shot(page, "story")
