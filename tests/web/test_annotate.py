"""Marks over an article's text: nested or split where they cross, text kept exactly."""

from __future__ import annotations

import html
import re

import pytest

from dateline.web.annotate import Mark, annotated_html, nest, render


def _mark(start: int, end: int, kind: str, name: str) -> Mark:
    return Mark(start, end, kind, kind, {"id": name})


def _plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _pieces(markup: str, name: str) -> list[str]:
    """Text of every element carrying data-id=name (innermost text, tags stripped)."""
    found = []
    for match in re.finditer(rf'<span class="[^"]*" data-id="{name}">', markup):
        depth, i = 1, match.end()
        while depth:
            nxt = re.compile(r"<span\b|</span>").search(markup, i)
            assert nxt is not None
            depth += 1 if nxt.group() != "</span>" else -1
            i = nxt.end()
        found.append(_plain(markup[match.end() : i - len("</span>")]))
    return found


def test_crossing_marks_are_split_and_every_character_is_kept():
    text = "Mayor Okafor said “we will rebuild the pier” on Friday."
    quote = text.index("“")
    marks = [
        _mark(0, text.index(" said"), "mention", "m1"),
        _mark(quote, text.index(" on"), "quote", "q1"),
        # a sentence that ends inside the quote: the quote must be split there
        _mark(0, text.index(" the pier"), "sentence", "s1"),
        _mark(text.index("rebuild"), text.index("rebuild") + 7, "trigger", "t1"),
    ]
    markup = str(render(nest(text, marks)))
    assert _plain(markup) == text
    assert "".join(_pieces(markup, "q1")) == text[quote : text.index(" on")]
    assert len(_pieces(markup, "q1")) == 2  # split at the end of the sentence
    assert _pieces(markup, "t1") == ["rebuild"]
    assert _pieces(markup, "m1") == ["Mayor Okafor"]


def test_text_and_attributes_are_escaped():
    text = 'A <b>bold</b> "claim" & more'
    marks = [Mark(2, 13, "quote", "quote", {"quote": "Q1"}, tip='"><script>x</script>')]
    markup = str(render(nest(text, marks)))
    assert "<b>" not in markup and "<script>" not in markup
    assert _plain(markup) == text


@pytest.mark.slow
def test_seed_lights_up_every_trigger_quote_and_time(seed):
    markup = str(annotated_html(seed))
    assert _plain(markup) == seed.text
    for event in seed.events:
        pattern = rf'data-events="[^"]*\b{event.id}\b[^"]*"'
        assert re.search(pattern, markup), f"{event.id} trigger not marked"
    for quote in seed.quotes:
        pieces = [m.group(1) for m in re.finditer(r'data-quote="(Q\d+)"', markup)]
        assert quote.id in pieces
    for time in seed.times:
        assert f'data-time="{time.id}"' in markup


@pytest.mark.parametrize(
    "text", ["", "plain words", '<a href="x">Tom & Jerry\'s</a>', "&amp; already", "é “quoted” <>"]
)
def test_pieces_are_escaped_as_markupsafe_escapes_them(text):
    from markupsafe import escape

    from dateline.web.annotate import _escaped

    assert _escaped(text) == str(escape(text))
