"""Header and footer: headline, dateline, captions, credits, byline, URL, publisher.

Input is a reader's `Document` (blocks); output is the normalized body `text` with the
`Meta` that belongs to it. Captions, credits, URLs and footers never reach `text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateline import lexicons
from dateline.schema import Dateline, Image, Meta
from dateline.sources.base import Block, Document

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# Any letter may start a word here (BOGOTÁ, Zürich, Łódź); `find_dateline` then requires
# capitals, except for the particles of multi-word names (Rio de Janeiro, Frankfurt am Main).
_PLACE_WORD = r"[^\W\d_][\w'’.\-]*"
_PLACE_PARTICLE = re.compile(r"(?:d[aeiu]|de[ls]|d[ao]s|al|el|las?|les?|am|an|der|of|upon|on|sur)$")
DATELINE = re.compile(
    rf"""^(?P<place>{_PLACE_WORD}(?:\s+{_PLACE_WORD})*?)
    (?:,\s*(?!{_MONTH}\s+\d)(?P<region>{_PLACE_WORD}(?:\s{_PLACE_WORD})?))?
    (?:\s*\[(?P<bracket>[^\]\n]{{1,24}})\])?
    (?:,?\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*(?P<year>\d{{4}}))?))?
    (?:\s*\((?P<agency>[A-Za-z][A-Za-z .&'-]{{0,30}})\))?
    \s*(?P<sep>--|—|–|-|:)(?=\s|[A-Z“"])""",
    re.VERBOSE,
)
FULL_DATE = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),\s*(?P<year>(?:19|20)\d\d)\b")
# Digits may not touch, letters may: "2015-12-12T21:40:00+01:00" is a date-time.
ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\b)")
BYLINE = re.compile(
    r"^(?:By|BY|by)\s+(?P<who>[A-Z][\w.'’-]*(?:[ ,]+(?:and\s+|&\s+)?[A-Z][\w.'’-]*){0,7})"
    r"(?:\s*\|\s*[A-Z][\w .&'’-]{0,40})?$"
)
_TERMINAL = re.compile(r"[.!?”\"’)…:]$")
_BRACKETS = str.maketrans("", "", "[]")
_INLINE_CREDIT = re.compile(
    r"\s*[(\[]\s*(?:Photo|Image|Credit|Picture|Photograph)s?\s*(?:by|:)\s*"
    r"(?P<credit>[^)\]]+)[)\]]\s*$",
    re.I,
)
_DATELINE_PARAGRAPHS = 3  # a dateline further down is a quotation or a new story, not ours
_TITLE_TAIL = re.compile(r"^\s*[|\-–—:·]")


@dataclass
class Header:
    """The body text and the metadata found around it."""

    text: str
    meta: Meta


def _month(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_iso(value: str | None) -> date | None:
    """A YYYY-MM-DD prefix of `value` as a date, or None."""
    match = ISO_DATE.search(value or "")
    return _valid(*(int(g) for g in match.groups())) if match else None


def _year_evidence(
    explicit: date | None, doc: Document, captions: list[str], body: str
) -> list[date]:
    """Full dates the article itself offers, strongest first (never a guess)."""
    found: list[date] = []
    if explicit:
        found.append(explicit)
    meta = parse_iso(doc.date)
    if meta:
        found.append(meta)
    for caption in captions:
        for m in FULL_DATE.finditer(caption):
            d = _valid(int(m["year"]), _month(m["month"]), int(m["day"]))
            if d:
                found.append(d)
    url = URL_DATE.search(doc.url or "")
    if url:
        d = _valid(*(int(g) for g in url.groups()))
        if d:
            found.append(d)
    for m in FULL_DATE.finditer(body):
        d = _valid(int(m["year"]), _month(m["month"]), int(m["day"]))
        if d:
            found.append(d)
    return found


def _resolve_dateline_date(
    month: int, day: int, year: int | None, evidence: list[date]
) -> date | None:
    """Give a month-day its year from evidence: the year that puts it nearest the evidence."""
    if year:
        return _valid(year, month, day)
    if not evidence:
        return None
    ref = evidence[0]
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _valid(y, month, day))]
    return min(candidates, key=lambda d: abs((d - ref).days)) if candidates else None


def find_dateline(text: str) -> re.Match[str] | None:
    """A wire dateline at the start of `text`, if the words there look like one."""
    m = DATELINE.match(text)
    if not m:
        return None
    place = m["place"]
    if len(place.split()) > 5 or not _capitalized(place) or not _capitalized(m["region"] or ""):
        return None
    shouting = place.isupper() and sum(c.isalpha() for c in place) >= 3
    if not (m["agency"] or m["date"] or shouting):
        return None
    known_agency = m["agency"] in lexicons.load("agencies")
    if m["agency"] and not m["date"] and not shouting and not known_agency:
        return None
    return m


def _capitalized(name: str) -> bool:
    """Every word of a place name starts with a capital, particles such as "de" aside."""
    return all(w[0].isupper() or _PLACE_PARTICLE.match(w) for w in name.split())


def _is_title(text: str, title: str | None) -> bool:
    """A paragraph that repeats the title (pages and records often put it atop the text too).

    Page titles may carry the site after a separator ("Headline | The Courier").
    """
    if not title:
        return False
    norm_text, norm_title = " ".join(text.split()).casefold(), " ".join(title.split()).casefold()
    if norm_text == norm_title:
        return True
    tail = norm_title[len(norm_text) :]
    return norm_title.startswith(norm_text) and bool(_TITLE_TAIL.match(tail))


def _is_credit_line(line: str) -> bool:
    return any(mark in line for mark in lexicons.load("boilerplate")["photo_credits"])


def _clean_credit(text: str) -> str | None:
    text = " ".join(text.translate(_BRACKETS).split()).strip(" -–—()")
    return text or None


def _caption_of(block: Block, in_body: bool = False) -> Image | None:
    """A caption block: emphasized lines are the caption, the lines after them the credit.

    A wholly emphasized block with no credit is a caption only before the body starts; inside
    the body it is a subheading ("**Reaction**"), which is text, not a picture.
    """
    lines = block.lines
    if block.kind == "image":
        return Image(caption=block.text, credit=None)
    emph = [text for text, strong in lines if strong]
    rest = [text for text, strong in lines if not strong]
    if emph and lines[0][1]:
        split = next((i for i, (_, strong) in enumerate(lines) if not strong), len(lines))
        caption = " ".join(t for t, _ in lines[:split])
        credit = " ".join(t for t, _ in lines[split:])
        if credit or _is_credit_line(caption) or (split == len(lines) and not in_body):
            return _split_inline_credit(caption, credit)
    if rest and _is_credit_line(lines[-1][0]):
        if len(lines) == 1:
            return _split_inline_credit(lines[0][0], "")
        return _split_inline_credit(" ".join(t for t, _ in lines[:-1]), lines[-1][0])
    return None


def _split_inline_credit(caption: str, credit: str) -> Image:
    if not credit:
        m = _INLINE_CREDIT.search(caption)
        if m:
            caption, credit = caption[: m.start()], m["credit"]
    return Image(caption=caption.strip(), credit=_clean_credit(credit) if credit else None)


def _paragraph(block: Block) -> str:
    return " ".join(block.text.split())


def _footer_start(blocks: list[Block]) -> tuple[int, list[str], str | None]:
    """Index where the footer begins, URLs in it, and a publisher name it carries."""
    starts = tuple(s.casefold() for s in lexicons.load("boilerplate")["footer_starts"])
    urls: list[str] = []
    publisher = None
    cut = len(blocks)
    saw_marker = False
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        text = block.text
        if block.kind in ("rule", "url"):
            saw_marker = True
            if block.kind == "url":
                urls.insert(0, text)
            cut = i
            continue
        if block.kind == "para" and text.casefold().startswith(starts):
            cut = i
            saw_marker = True
            continue
        short_name = len(text.split()) <= 6 and not _TERMINAL.search(text)
        if block.kind == "para" and short_name and (block.emphasized or saw_marker):
            publisher = publisher or text
            cut = i
            saw_marker = True
            continue
        break
    return cut, urls, publisher


def parse_header(doc: Document, published: date | None = None) -> Header:
    """Split a document into body text and metadata (headline, dateline, images, footer)."""
    blocks = doc.blocks
    cut, urls, footer_publisher = _footer_start(blocks)
    body_blocks, images, headline, byline = [], [], None, doc.author
    dateline_seen = False
    dateline_at = _first_dateline_block(blocks[:cut])
    for i, block in enumerate(blocks[:cut]):
        if block.kind in ("rule", "url"):
            continue
        if block.kind == "heading":
            headline = headline or block.text
            continue
        caption = _caption_of(block, in_body=bool(body_blocks))
        if caption is not None:
            images.append(caption)
            continue
        text = _paragraph(block)
        if not body_blocks and not dateline_seen and _is_title(text, doc.title):
            headline = headline or text
            continue
        if not body_blocks and not dateline_seen:
            by = BYLINE.match(text)
            if by:
                byline = byline or by["who"]
                continue
            if (
                headline is None
                and doc.title is None
                and not find_dateline(text)
                and len(text.split()) <= 20
                # "Will the truce hold?" is a headline when the dateline paragraph follows.
                and (not _TERMINAL.search(text) or (_before(i, dateline_at) and text[-1] != "."))
            ):
                headline = text
                continue
        dateline_seen = dateline_seen or bool(find_dateline(text))
        body_blocks.append(text)
    images += [Image(caption=c, credit=_clean_credit(cr) if cr else None) for c, cr in doc.captions]
    text = "\n\n".join(body_blocks)
    url = doc.url or (urls[0] if urls else None)
    doc_for_evidence = Document(doc.name, doc.format, [], date=doc.date, url=url)
    evidence = _year_evidence(published, doc_for_evidence, [i.caption for i in images], text)
    meta = Meta(
        headline=doc.title or headline,
        url=url,
        byline=byline,
        images=images,
        source_format=doc.format,
    )
    meta.dateline = _dateline(text, evidence)
    agency_name = None
    if meta.dateline and meta.dateline.agency:
        agency_name = lexicons.load("agencies").get(meta.dateline.agency)
    meta.publisher = doc.publisher or footer_publisher or agency_name
    chosen = published or parse_iso(doc.date)
    if chosen is None and meta.dateline and meta.dateline.date:
        chosen = parse_iso(meta.dateline.date)
    meta.published = chosen.isoformat() if chosen else None
    return Header(text=text, meta=meta)


def _unshout(name: str) -> str:
    """WASHINGTON -> Washington, PORT-AU-PRINCE -> Port-Au-Prince; abbreviations (D.C., US) stay."""
    if not name.isupper():
        return name
    return " ".join(
        w if len(w) <= 2 or "." in w else "-".join(part.capitalize() for part in w.split("-"))
        for w in name.split()
    )


def _before(i: int, dateline_at: int | None) -> bool:
    return dateline_at is not None and i < dateline_at


def _first_dateline_block(blocks: list[Block]) -> int | None:
    """Index of the first paragraph that opens with a dateline, if any."""
    return next(
        (i for i, b in enumerate(blocks) if b.kind == "para" and find_dateline(_paragraph(b))),
        None,
    )


def _dateline(text: str, evidence: list[date]) -> Dateline | None:
    """The dateline opening one of the first paragraphs, with offsets into the whole text.

    Usually it opens the text; an unrecognized line above it ("By Jane Doe | Reuters",
    "Updated 10:02 GMT") stays in the text but must not hide it.
    """
    offset = 0
    for paragraph in text.split("\n\n")[:_DATELINE_PARAGRAPHS]:
        m = find_dateline(paragraph)
        if m:
            return _dateline_of(m, offset, evidence)
        offset += len(paragraph) + 2
    return None


def _dateline_of(m: re.Match[str], offset: int, evidence: list[date]) -> Dateline:
    place = _unshout(m["place"])
    if m["region"]:
        place = f"{place}, {_unshout(m['region'])}"
    when = None
    if m["date"]:
        month_name, day = m["date"].replace(",", " ").split()[:2]
        year = int(m["year"]) if m["year"] else None
        resolved = _resolve_dateline_date(_month(month_name), int(day), year, evidence)
        when = resolved.isoformat() if resolved else None
    return Dateline(
        place=place, date=when, agency=m["agency"], start=offset + m.start(), end=offset + m.end()
    )
