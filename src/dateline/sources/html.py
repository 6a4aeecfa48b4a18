"""HTML pages through trafilatura: main text, title, date, author, site name, URL, captions."""

from __future__ import annotations

import re

import trafilatura
from lxml import html as lxml_html

from dateline.sources.base import Block, Document, ReadError
from dateline.sources.text import text_blocks

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Dates only from the page's metadata (meta tags, <time>, JSON-LD): htmldate's extensive search
# would otherwise take a year from a "© 2019" footer or a sidebar and invent a publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _figure_captions(page: str) -> list[tuple[str, str | None]]:
    """Captions and credits of <figure> elements, which trafilatura leaves out of the text."""
    try:
        # lxml refuses str input that carries an encoding declaration; the text is decoded already.
        tree = lxml_html.fromstring(_XML_DECLARATION.sub("", page, count=1))
    except (ValueError, lxml_html.etree.ParserError):
        return []
    captions = []
    for fig in tree.iter("figcaption"):
        credit_nodes = fig.xpath(
            ".//*[contains(@class,'credit') or contains(@class,'copyright') or self::cite]"
        )
        credit = " ".join(" ".join(t for n in credit_nodes for t in n.itertext()).split())
        for node in credit_nodes:
            node.drop_tree()
        caption = " ".join(" ".join(fig.itertext()).split())
        if caption:
            captions.append((caption, credit or None))
    return captions


def read_html(page: str, name: str, url: str | None = None) -> Document:
    """Extract the article from an HTML page; fail with a reason when there is none."""
    doc = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if doc is None or not (doc.text or "").strip():
        raise ReadError(name, "no article text found in the HTML page")
    blocks: list[Block] = text_blocks(doc.text.replace("\n", "\n\n"))
    return Document(
        name=name,
        format="html",
        blocks=blocks,
        title=doc.title or None,
        date=doc.date or None,
        url=doc.url or url,
        publisher=doc.sitename or None,
        author=doc.author or None,
        captions=_figure_captions(page),
    )
