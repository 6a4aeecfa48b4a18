"""An article's text as HTML with its annotations lit up in place (displaCy-style).

Entity mentions, times, quotes, amounts, event triggers and the sentences events were coded
from are marks over character ranges of `article.text`. Marks overlap (a trigger inside a
quote, a quote running across two sentences), so they are nested where one holds the other
and split where they cross: a piece of a split mark carries the same data attributes, so
selecting it lights up every piece. Every piece of text and every attribute is escaped;
nothing of the article reaches the page as markup.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from dateline.schema import Article

# Outer kinds first when two marks cover the same characters.
RANK = {"sentence": 0, "quote": 1, "amount": 2, "mention": 3, "time": 4, "trigger": 5}


@dataclass
class Mark:
    start: int
    end: int
    kind: str
    css: str
    data: dict[str, str]
    tip: str | None = None


@dataclass
class Node:
    mark: Mark | None
    end: int
    children: list[Node | str] = field(default_factory=list)


def article_marks(article: Article) -> list[Mark]:
    """Every mark of an article, built from its dateline/1 record."""
    marks: list[Mark] = []
    names = {e.id: e.name for e in article.entities}
    for entity in article.entities:
        code = entity.actor.code if entity.actor and entity.actor.code else None
        tip = f"{entity.name} · {entity.type}" + (f" · {code}" if code else "")
        for m in entity.mentions:
            data = {"entity": entity.id, "mention-kind": m.kind}
            css = f"ent ent-{entity.type.lower()}"
            marks.append(Mark(m.start, m.end, "mention", css, data, tip))
    for time in article.times:
        tip = f"{time.type} {time.value or '?'}" + (f" ({time.mod})" if time.mod else "")
        marks.append(Mark(time.start, time.end, "time", "time", {"time": time.id}, tip))
    for quote in article.quotes:
        who = names.get(quote.speaker or "") or quote.speaker_text or "unknown speaker"
        tip = f"{quote.kind} quote · {who}"
        css = f"quote quote-{quote.kind}"
        marks.append(Mark(quote.start, quote.end, "quote", css, {"quote": quote.id}, tip))
    for amount in article.amounts:
        tip = f"{amount.value:g}" + (f" {amount.object}" if amount.object else "")
        marks.append(Mark(amount.start, amount.end, "amount", "amount", {"amount": amount.id}, tip))
    triggers: dict[tuple[int, int], list[str]] = defaultdict(list)
    sentences: dict[tuple[int, int], list[str]] = defaultdict(list)
    types: dict[tuple[int, int], list[str]] = defaultdict(list)
    for event in article.events:
        key = (event.trigger.start, event.trigger.end)
        triggers[key].append(event.id)
        types[key].append(event.type)
        sentences[(event.sentence.start, event.sentence.end)].append(event.id)
    for (start, end), ids in triggers.items():
        tip = " · ".join(dict.fromkeys(types[(start, end)]))
        marks.append(Mark(start, end, "trigger", "trigger", {"events": " ".join(ids)}, tip))
    for (start, end), ids in sentences.items():
        end = len(article.text[:end].rstrip())  # a sentence's trailing line breaks stay unlit
        marks.append(Mark(start, end, "sentence", "sentence", {"sentence-of": " ".join(ids)}))
    return [m for m in marks if 0 <= m.start < m.end <= len(article.text)]


def nest(text: str, marks: list[Mark]) -> Node:
    """Marks as a tree over `text`: a mark that crosses the end of the one holding it is
    split there, and its remainder is placed again from that point."""
    root = Node(None, len(text))
    queue = [(m.start, -m.end, RANK[m.kind], i, m) for i, m in enumerate(marks)]
    heapq.heapify(queue)
    stack, pos, serial = [root], 0, len(marks)

    def close_until(offset: int) -> None:
        nonlocal pos
        while len(stack) > 1 and stack[-1].end <= offset:
            node = stack.pop()
            if pos < node.end:
                node.children.append(text[pos : node.end])
                pos = node.end

    while queue:
        start, neg_end, rank, _, mark = heapq.heappop(queue)
        close_until(start)
        parent, end = stack[-1], -neg_end
        if end > parent.end:
            serial += 1
            heapq.heappush(queue, (parent.end, -end, rank, serial, mark))
            end = parent.end
        if pos < start:
            parent.children.append(text[pos:start])
            pos = start
        node = Node(mark, end)
        parent.children.append(node)
        stack.append(node)
    close_until(len(text))
    if pos < len(text):
        root.children.append(text[pos:])
    return root


def render(node: Node) -> Markup:
    """The tree as HTML: escaped text inside <span>s whose attributes are escaped too.

    Built as plain strings, each piece of the article escaped once: an article has
    thousands of marks, and Markup.format per span cost most of its page."""
    parts: list[str] = []
    _render_into(node, parts)
    return Markup("".join(parts))


def _escaped(text: str) -> str:
    """`markupsafe.escape(text)` as a plain string (the same five replacements), without
    making a Markup object of every piece of text."""
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def _render_into(node: Node, parts: list[str]) -> None:
    mark = node.mark
    if mark is not None:
        parts.append(f'<span class="{_escaped(mark.css)}"')
        for name, value in mark.data.items():
            parts.append(f' data-{_escaped(name)}="{_escaped(value)}"')
        if mark.tip:
            parts.append(f' data-tip="{_escaped(mark.tip)}"')
        parts.append(">")
    for child in node.children:
        if isinstance(child, str):
            parts.append(_escaped(child))
        else:
            _render_into(child, parts)
    if mark is not None:
        parts.append("</span>")


def annotated_html(article: Article) -> Markup:
    """The article's text with every annotation lit up, ready for a template."""
    return render(nest(article.text, article_marks(article)))
