"""A readable summary of an article for a person at a terminal (`dateline read -f text`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from dateline.schema import Article


def print_summary(article: Article, console: Console) -> None:
    """Headline, metadata, then one table per kind of annotation that the article has."""
    meta = article.meta
    console.rule(f"[bold]{meta.headline or '(no headline)'}")
    facts = [
        ("published", meta.published),
        ("publisher", meta.publisher),
        ("byline", meta.byline),
        ("url", meta.url),
    ]
    if meta.dateline:
        d = meta.dateline
        facts.append(("dateline", " · ".join(x for x in (d.place, d.date, d.agency) if x)))
    for image in meta.images:
        credit = f"  [dim]({image.credit})[/dim]" if image.credit else ""
        facts.append(("image", f"{image.caption}{credit}"))
    for label, value in facts:
        if value:
            console.print(f"[cyan]{label:>10}[/cyan]  {value}", highlight=False)
    words = len(article.text.split())
    console.print(
        f"[cyan]{'text':>10}[/cyan]  {words} words · id {article.id[:12]}", highlight=False
    )
    if article.tone is not None:
        t = article.tone
        console.print(
            f"[cyan]{'tone':>10}[/cyan]  {t.score:+.2f} (positive {t.positive:.1f}% − "
            f"negative {t.negative:.1f}% of {t.words} words)",
            highlight=False,
        )

    if article.entities:
        console.print(entities_table(article))
        chains = references_table(article)
        if chains.row_count:
            console.print(chains)
    if article.times:
        table = Table(title="Times", title_justify="left")
        for col in ("id", "type", "text", "value", "mod"):
            table.add_column(col)
        for t in article.times:
            table.add_row(t.id, t.type, t.text, t.value or "", t.mod or "")
        console.print(table)
    if article.quotes:
        console.print(quotes_table(article))
    if article.events:
        console.print(events_table(article))
    if article.amounts:
        console.print(amounts_table(article))
    if article.proposals:
        console.print(proposals_table(article))
        console.print(stances_table(article))


def titled_table(title: str, columns: tuple[str, ...]) -> Table:
    """A table of folding columns under a left-aligned title (the story and proposal views)."""
    table = Table(title=title, title_justify="left")
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def proposals_table(article: Article) -> Table:
    """Each proposal with its proposer, backers and phases."""
    table = titled_table("Proposals", ("id", "name", "proposer", "backers", "phases"))
    for p in article.proposals:
        proposer = article.entity(p.proposer)
        backers = [e.name for e in (article.entity(b) for b in p.backers) if e]
        phases = "\n".join(f"{ph.n}. {ph.text}" for ph in p.phases)
        table.add_row(
            p.id,
            p.name,
            proposer.name if proposer else p.proposer_text or "",
            ", ".join(backers),
            phases,
        )
    return table


def stances_table(article: Article) -> Table:
    """Who stands where toward each proposal, with conditions, reporter and evidence."""
    columns = ("id", "proposal", "actor", "stance", "conditions", "reported by", "date", "evidence")
    table = titled_table("Stances", columns)
    for s in article.stances:
        actor = article.entity(s.actor)
        reporter = article.entity(s.reported_by)
        table.add_row(
            s.id,
            s.proposal,
            actor.name if actor else s.actor_text or "",
            s.stance,
            "; ".join(s.conditions),
            reporter.name if reporter else "",
            s.date or "",
            s.text,
        )
    return table


def entities_table(article: Article) -> Table:
    """One row per entity: type, name, mention count, titles, actor code, place."""
    table = Table(title="Entities", title_justify="left")
    for col in ("id", "type", "name", "mentions", "titles", "actor", "place"):
        table.add_column(col)
    for e in article.entities:
        place = ""
        if e.geo is not None:
            coords = f" {e.geo.lat:.2f},{e.geo.lon:.2f}" if e.geo.lat is not None else ""
            place = f"{e.geo.country}{coords}"
        actor = e.actor.code or e.actor.country or "" if e.actor else ""
        table.add_row(
            e.id, e.type, e.name, str(len(e.mentions)), ", ".join(e.titles), actor or "", place
        )
    return table


def references_table(article: Article) -> Table:
    """Every description and pronoun coreference linked, with the rule and the words it went
    through: "the father" -> David Harlan (family, via "David Harlan")."""
    table = Table(title="Who is who (coreference)", title_justify="left")
    for col in ("words", "at", "entity", "rule", "via"):
        table.add_column(col)
    links = [(m, e) for e in article.entities for m in e.mentions if m.kind != "name"]
    for m, e in sorted(links, key=lambda pair: pair[0].start):
        via = f"“{m.via.text}” @{m.via.start}" if m.via else ""
        members = f" ({', '.join(e.members)})" if e.members else ""
        table.add_row(m.text, str(m.start), f"{e.id} {e.name}{members}", m.rule or "", via)
    return table


def actors_table(article: Article) -> Table:
    """Actor codes with the words that gave them (`dateline actors FILE`)."""
    table = Table(title="Actors", title_justify="left")
    for col in ("id", "name", "type", "code", "country", "sector", "evidence"):
        table.add_column(col)
    for e in article.entities:
        if e.actor is None:
            continue
        evidence = " | ".join(f"“{ev.text}” @{ev.start}" for ev in e.actor.evidence)
        table.add_row(
            e.id,
            e.name,
            e.type,
            e.actor.code or "",
            e.actor.country or "",
            e.actor.sector or "",
            evidence,
        )
    return table


def plover_report(report, console: Console) -> None:  # type: ignore[no-untyped-def]
    """Per-type P/R/F1, overall micro F1, actor accuracy, and the confusion matrix."""
    table = Table(title="Event types (PLOVER)", title_justify="left")
    for col in ("type", "tp", "fp", "fn", "P", "R", "F1"):
        table.add_column(col, justify="right" if col != "type" else "left")
    for typ, c in sorted(report.by_type.items()):
        table.add_row(
            typ,
            str(c.tp),
            str(c.fp),
            str(c.fn),
            f"{c.precision:.2f}",
            f"{c.recall:.2f}",
            f"{c.f1:.2f}",
        )
    o = report.overall
    table.add_row(
        "overall",
        str(o.tp),
        str(o.fp),
        str(o.fn),
        f"{o.precision:.3f}",
        f"{o.recall:.3f}",
        f"{o.f1:.3f}",
        style="bold",
    )
    console.print(table)
    types = sorted({g for g, _ in report.confusion} | {p for _, p in report.confusion})
    matrix = Table(
        title="Confusion: gold (rows) x our most confident type (columns)", title_justify="left"
    )
    matrix.add_column("gold")
    for t in types:
        matrix.add_column(t[:4], justify="right")
    for g in types:
        if any(gg == g for gg, _ in report.confusion):
            matrix.add_row(g, *[str(report.confusion.get((g, p), "")) for p in types])
    console.print(matrix)
    console.print(
        f"event-type F1 {o.f1:.3f} · actor country accuracy on matched events "
        f"{report.actor_correct}/{report.actor_total} = {report.actor_accuracy:.3f}",
        highlight=False,
    )


def quotes_table(article: Article) -> Table:
    """Who said what: speaker (entity name, else the words), kind, cue, channel and quote."""
    table = Table(title="Quotes", title_justify="left")
    for col in ("id", "speaker", "kind", "cue", "channel"):
        table.add_column(col, max_width=28, overflow="fold")
    table.add_column("quote", ratio=1, min_width=30, overflow="fold")
    for q in article.quotes:
        entity = article.entity(q.speaker)
        speaker = entity.name if entity else (q.speaker_text or "")
        table.add_row(q.id, speaker, q.kind, q.cue or "", q.channel or "", q.text)
    return table


def _name(article: Article, ids: list[str], words: str | None) -> str:
    names = [e.name for i in ids if (e := article.entity(i)) is not None]
    return ", ".join(names) or (f"“{words}”" if words else "")


def events_table(article: Article) -> Table:
    """Who did what to whom: type, actor, recipient, trigger, date, and how it is told."""
    table = Table(title="Events", title_justify="left")
    for col in ("id", "type", "actor", "recipient", "trigger", "date", "place", "how"):
        table.add_column(col, overflow="fold")
    for e in article.events:
        place = article.entity(e.place)
        how = [e.modality]
        if e.negated:
            how.append("negated")
        if e.intended:
            how.append(f"intends {e.intended}")
        reporter = article.entity(e.reported_by)
        if reporter is not None:
            how.append(f"per {reporter.name}")
        table.add_row(
            e.id,
            e.type,
            _name(article, e.actors, e.actor_text),
            _name(article, e.recipients, e.recipient_text),
            e.trigger.text,
            e.date or "",
            place.name if place else "",
            ", ".join(how),
        )
    return table


def amounts_table(article: Article) -> Table:
    """Figures: value, qualifier, unit, what is counted, and the verb they belong to."""
    table = Table(title="Amounts", title_justify="left")
    for col in ("id", "text", "value", "qualifier", "unit", "object", "predicate", "casualty"):
        table.add_column(col, overflow="fold")
    for a in article.amounts:
        table.add_row(
            a.id,
            a.text,
            f"{a.value:g}",
            a.qualifier or "",
            a.unit or "",
            a.object or "",
            a.predicate or "",
            "yes" if a.casualty else "",
        )
    return table
