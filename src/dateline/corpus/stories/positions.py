"""Proposals across a story's articles: one proposal named by many outlets, with every
stance taken toward it in a timeline, and each actor's moves.

Two articles' proposals are one when they are of the same family (a resolution, or any
other plan or deal) and their sides meet: a proposer or backer of one is a proposer or
backer of the other, by name, alias, surname or country. A proposal whose proposer is unknown
joins the story's proposal of its family that the most articles name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dateline.corpus.stories.events import entity_keys
from dateline.schema import Article, Entity, Proposal

RESOLUTION = "resolution"


@dataclass
class StoryProposal:
    name: str
    family: str
    proposer: str | None = None
    backers: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    phases: list[dict[str, Any]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    stances: list[dict[str, Any]] = field(default_factory=list)

    def positions(self) -> list[dict[str, Any]]:
        """Each actor's stances in date order, with the moves between them."""
        by_actor: dict[str, list[dict[str, Any]]] = {}
        for stance in self.stances:
            by_actor.setdefault(stance["actor"] or "?", []).append(stance)
        out = []
        for actor, stances in by_actor.items():
            moves = [s["stance"] for s in stances]
            moves = [m for i, m in enumerate(moves) if i == 0 or m != moves[i - 1]]
            out.append({"actor": actor, "latest": stances[-1]["stance"], "moves": moves})
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "names": self.names,
            "proposer": self.proposer,
            "backers": self.backers,
            "phases": self.phases,
            "articles": self.articles,
            "stances": self.stances,
            "positions": self.positions(),
        }


def _sides(article: Article, proposal: Proposal) -> set[str]:
    keys: set[str] = set()
    for entity_id in (proposal.proposer, *proposal.backers):
        entity = article.entity(entity_id)
        if entity is not None:
            keys |= _keys(entity)
    return keys


def _keys(entity: Entity) -> set[str]:
    code = entity.actor.code if entity.actor else None
    keys = entity_keys(entity.name, entity.aliases, entity.type, code)
    country = (entity.actor.country if entity.actor else None) or (
        entity.geo.country if entity.geo else None
    )
    if country:
        keys.add(f"country:{country}")
    return keys


def gather(articles: list[Article]) -> list[StoryProposal]:
    """The story's proposals, articles taken in the order given (oldest first)."""
    found: list[StoryProposal] = []
    for article in articles:
        own: dict[str, StoryProposal] = {}
        for proposal in article.proposals:
            family = RESOLUTION if proposal.kind == RESOLUTION else "other"
            sides = _sides(article, proposal)
            home = _match(found, family, sides)
            if home is None:
                home = StoryProposal(proposal.name, family)
                found.append(home)
            _add(home, article, proposal, sides)
            own[proposal.id] = home
        for stance in article.stances:
            if stance.proposal in own:
                own[stance.proposal].stances.append(_stance(article, stance))
    for proposal in found:  # by date; within a day, in the order the articles came
        proposal.stances.sort(key=lambda s: s["date"] or "")
    return sorted(found, key=lambda p: -len(p.articles))


def _match(found: list[StoryProposal], family: str, sides: set[str]) -> StoryProposal | None:
    same = [p for p in found if p.family == family]
    if sides:
        return next((p for p in same if p.keys & sides), None)
    return max(same, key=lambda p: len(p.articles), default=None)


def _add(home: StoryProposal, article: Article, proposal: Proposal, sides: set[str]) -> None:
    home.keys |= sides
    if article.id not in home.articles:
        home.articles.append(article.id)
    if proposal.name not in home.names:
        home.names.append(proposal.name)
    proposer = article.entity(proposal.proposer)
    if home.proposer is None and proposer is not None:
        home.proposer = proposer.name
    for backer in (article.entity(b) for b in proposal.backers):
        if backer is not None and backer.name not in (*home.backers, home.proposer):
            home.backers.append(backer.name)
    if len(proposal.phases) > len(home.phases):
        home.phases = [
            {"n": p.n, "text": p.text, "article_id": article.id} for p in proposal.phases
        ]


def _stance(article: Article, stance: Any) -> dict[str, Any]:
    actor = article.entity(stance.actor)
    reporter = article.entity(stance.reported_by)
    return {
        "actor": actor.name if actor else stance.actor_text,
        "actor_code": actor.actor.code if actor and actor.actor else None,
        "stance": stance.stance,
        "conditions": stance.conditions,
        "threats": stance.threats,
        "reported_by": reporter.name if reporter else None,
        "date": stance.date or article.meta.published,
        "text": stance.text,
        "article_id": article.id,
        "stance_id": stance.id,
        "publisher": article.meta.publisher,
        "headline": article.meta.headline,
    }
