"""The corpus the web tests browse: examples/, the seed, a rewrite of the seed, and an
article of our own whose headline, text, quote and URL carry script payloads."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.corpus.stories import after_write
from dateline.pipeline import Pipeline
from dateline.sources import ReadError, iter_documents, load_text
from dateline.store import Extracted, dedup, open_store
from tests.conftest import ROOT, SEED

# Each payload would set window.__xss (or open a dialog) if it ever ran.
XSS_HEADLINE = "<script>window.__xss='headline'</script>Harbour \"><svg onload=alert('h')> vote"
XSS_QUOTE_WORDS = "<img src=x onerror=window.__xss='quote'>We will not wait any longer"
XSS_RECORD = {
    "title": XSS_HEADLINE,
    "date": "2024-05-02",
    "url": "javascript:window.__xss='url'",
    "source": "Test Wire <script>alert('source')</script>",
    "text": (
        "PORT ELLIS, May 2 (Test Wire) - Mayor Lina Okafor of Port Ellis accused the "
        "harbour board of ignoring storm warnings on Thursday. "
        f"\u201c{XSS_QUOTE_WORDS},\u201d Okafor told reporters outside the town hall. "
        "Residents shared a link, <a href=\"javascript:window.__xss='link'\">the board's "
        "page</a>, and a sign reading \"><svg onload=window.__xss='svg'> hung by the docks. "
        "<script>window.__xss='text'</script>The harbour board rejected the accusation in a "
        "statement on Friday and said repairs would begin next month."
    ),
}


def rewrite_of_seed() -> str:
    """The seed without the body paragraph that starts "In March": a near-duplicate, for
    the links between articles of one story."""
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    return "\n\n".join(p for p in paragraphs if not p.startswith("In March"))


def build(db_url: str) -> dict[str, str]:
    """Ingest the corpus into `db_url`; the ids of the seed, its rewrite and the XSS article."""
    documents: list = []
    for path in sorted((ROOT / "examples").iterdir()):
        documents.extend(iter_documents(path))
    documents.extend(iter_documents(SEED))
    documents.extend(load_text(rewrite_of_seed(), "seed-rewrite.md", fmt="markdown"))
    documents.extend(load_text(json.dumps(XSS_RECORD), "xss.json", fmt="json"))
    names = [getattr(d, "name", "") for d in documents]
    store = open_store(db_url)
    ids: dict[str, str] = {}
    try:
        for name, article in zip(names, Pipeline().run(documents), strict=True):
            if isinstance(article, ReadError):
                raise article
            item = Extracted(article.model_dump(), name, dedup.signature(article.text))
            store.write([item], "test", after=after_write)
            ids[Path(name).name] = article.id
    finally:
        store.close()
    return ids
