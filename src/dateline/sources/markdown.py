"""Markdown clippings: markup removed line by line, structure kept as blocks.

Emphasis is remembered per line because clippings mark captions and footers with it.
"""

from __future__ import annotations

import re

from dateline import lexicons
from dateline.sources.base import Block

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_AUTOLINK_LINE = re.compile(r"^\s*<(https?://[^>\s]+)>\s*$")
_BARE_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_CODE = re.compile(r"`([^`]*)`")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_HARD_BREAK = re.compile(r"(\\|\s{2,})$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_STRAY = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)")
_WHOLE_EMPH = re.compile(r"^(\*\*\*|\*\*|\*|___|__|_)(?=\S)(.*\S)\1$")
# Escaped characters are parked in the Private Use Area while markup is removed, so that
# "\*not emphasis\*" is not read as emphasis, then put back as the plain characters.
_PARK = 0xE000
_PARKED = re.compile("[\ue000-\ue0ff]")

MARKDOWN_SIGNS = (
    re.compile(r"^#{1,6}\s+\S", re.M),
    re.compile(r"^\s*(\*\*|__)\S.*\S\1\s*$", re.M),
    re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", re.M),
    re.compile(r"^\s*<https?://[^>]+>\s*$", re.M),
    re.compile(r"\[[^\]]+\]\(https?://[^)]+\)"),
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),
)


def looks_like_markdown(text: str) -> bool:
    """True when at least two kinds of Markdown markup occur (one alone is often chance)."""
    return sum(1 for sign in MARKDOWN_SIGNS if sign.search(text)) >= 2


def _placeholders() -> set[str]:
    return {p.casefold() for p in lexicons.load("boilerplate")["placeholders"]}


def clean_inline(line: str) -> tuple[str, bool]:
    """Strip inline markup from one line; tell whether the whole line was emphasized."""
    line = _HARD_BREAK.sub("", line.rstrip("\n")).strip()
    line = _ESCAPE.sub(lambda m: chr(_PARK + ord(m.group(1))), line)
    line = _IMAGE.sub(lambda m: m.group(1), line)
    line = _LINK.sub(lambda m: m.group(1), line)
    line = _REF_LINK.sub(lambda m: m.group(1), line)
    line = _AUTOLINK.sub(lambda m: m.group(1), line)
    line = _HTML_TAG.sub("", line)
    line = _CODE.sub(lambda m: m.group(1), line)
    whole = bool(_WHOLE_EMPH.match(line))
    for pattern in (_STRONG, _EM_STAR, _EM_UNDER):
        line = pattern.sub(lambda m: m.group(m.lastindex or 1), line)
    line = _STRAY.sub("", line) if ("*" in line or "__" in line) else line
    line = _PARKED.sub(lambda m: chr(ord(m.group(0)) - _PARK), line)
    return re.sub(r"[ \t]+", " ", line).strip(), whole


def markdown_blocks(text: str) -> list[Block]:
    """Parse Markdown into blocks: headings, paragraphs, rules, lone URLs; placeholders dropped."""
    placeholders = _placeholders()
    blocks: list[Block] = []
    para: list[tuple[str, bool]] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", list(para)))
            para.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            flush()
            continue
        if _RULE.match(raw):
            flush()
            blocks.append(Block("rule", []))
            continue
        url = _AUTOLINK_LINE.match(raw) or _BARE_URL_LINE.match(raw)
        if url:
            flush()
            blocks.append(Block("url", [(url.group(1), False)]))
            continue
        heading = _HEADING.match(raw)
        if heading:
            flush()
            cleaned, _ = clean_inline(heading.group(2))
            if cleaned:
                blocks.append(Block("heading", [(cleaned, True)]))
            continue
        raw = _LIST.sub("", _QUOTE.sub("", raw))
        if _IMAGE.fullmatch(raw.strip()):
            flush()
            alt = _IMAGE.fullmatch(raw.strip()).group(1).strip()  # type: ignore[union-attr]
            if alt and alt.casefold() not in placeholders:
                blocks.append(Block("image", [(alt, False)]))
            continue
        cleaned, whole = clean_inline(raw)
        if not cleaned or cleaned.casefold() in placeholders:
            continue
        para.append((cleaned, whole))
    flush()
    return blocks
