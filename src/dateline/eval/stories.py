"""Score story grouping against gold stories (`dateline eval stories`).

Gold lines: {"story": label, "ids": [record ids], "why": ...}; a corpus record the gold does
not list is a story of its own. The corpus is ingested through the real incremental path
(in corpus order, into a scratch SQLite file unless a database is given), then the stories
it made are compared with the gold:

* pairwise: a pair of articles is "same story" in gold or prediction; precision, recall and
  F1 over all pairs of corpus articles;
* B-cubed: per article, the share of its predicted story that is in its gold story
  (precision) and of its gold story that is in its predicted story (recall), averaged;
* merges: predicted stories holding articles of two or more listed gold stories (the target
  allows none), and predicted stories that join listed stories with unlisted articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from rich.console import Console
from sqlalchemy import select

from dateline.eval.articles import jsonl_rows
from dateline.eval.metrics import prf
from dateline.pipeline import article_id, prepare
from dateline.sources import ReadError
from dateline.sources.records import record_document
from dateline.store import Store
from dateline.store import tables as t

Progress = Callable[[int], None]


@dataclass
class GoldStories:
    label: dict[str, str]  # record id -> story label (listed records only)


@dataclass
class Report:
    articles: int
    pairs_gold: int
    pairs_predicted: int
    pairs_right: int
    bcubed: tuple[float, float, float]
    stories_predicted: int
    merges: list[list[str]] = field(default_factory=list)  # record ids of a merging story
    mixed: list[list[str]] = field(default_factory=list)
    wrong_pairs: list[tuple[str, str]] = field(default_factory=list)
    missed_pairs: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # gold ids absent from the corpus

    @property
    def pairwise(self) -> tuple[float, float, float]:
        return prf(self.pairs_right, self.pairs_predicted, self.pairs_gold)


def load_gold(path: Path) -> GoldStories:
    label: dict[str, str] = {}
    for n, row in jsonl_rows(path):
        if not isinstance(row, dict) or not isinstance(row.get("ids"), list):
            raise ValueError(f"{path}:{n}: not a gold story (needs 'ids', a list)")
        name = str(row.get("story") or f"story {n}")
        for rid in row["ids"]:
            if rid in label:
                raise ValueError(f"{path}:{n}: {rid} is already in story {label[rid]!r}")
            label[str(rid)] = name
    return GoldStories(label)


def corpus_ids(path: Path) -> dict[str, str]:
    """Record id -> article id (sha256 of the text the reader makes), in corpus order."""
    out: dict[str, str] = {}
    for n, row in jsonl_rows(path):
        rid = str(row.get("id") or f"{path.name}:{n}") if isinstance(row, dict) else None
        if rid is None:
            continue
        try:
            header = prepare(record_document(row, rid))
        except ReadError:
            continue
        if not isinstance(header, ReadError):
            out[rid] = article_id(header.text)
    return out


def score(gold: GoldStories, predicted: dict[str, str]) -> Report:
    """`predicted`: record id -> predicted story id, for every corpus record that was stored."""
    ids = list(predicted)
    gold_of = {rid: gold.label.get(rid, f"alone:{rid}") for rid in ids}
    right = n_gold = n_pred = 0
    wrong, missed = [], []
    for a, b in combinations(ids, 2):
        same_gold = gold_of[a] == gold_of[b]
        same_pred = predicted[a] == predicted[b]
        n_gold += same_gold
        n_pred += same_pred
        right += same_gold and same_pred
        if same_pred and not same_gold:
            wrong.append((a, b))
        elif same_gold and not same_pred:
            missed.append((a, b))
    members: dict[str, list[str]] = defaultdict(list)
    gold_members: dict[str, list[str]] = defaultdict(list)
    for rid in ids:
        members[predicted[rid]].append(rid)
        gold_members[gold_of[rid]].append(rid)
    bp = br = 0.0
    for rid in ids:
        mine = set(members[predicted[rid]])
        truth = set(gold_members[gold_of[rid]])
        bp += len(mine & truth) / len(mine)
        br += len(mine & truth) / len(truth)
    n = len(ids) or 1
    p, r = bp / n, br / n
    merges, mixed = [], []
    for story in members.values():
        listed = {gold.label[rid] for rid in story if rid in gold.label}
        if len(listed) > 1:
            merges.append(story)
        elif listed and any(rid not in gold.label for rid in story):
            mixed.append(story)
    return Report(
        articles=len(ids),
        pairs_gold=n_gold,
        pairs_predicted=n_pred,
        pairs_right=right,
        bcubed=(p, r, 2 * p * r / (p + r) if p + r else 0.0),
        stories_predicted=len(members),
        merges=merges,
        mixed=mixed,
        wrong_pairs=wrong,
        missed_pairs=missed,
        missing=sorted(set(gold.label) - set(ids)),
    )


def as_dict(report: Report, errors: bool = False) -> dict[str, Any]:
    p, r, f = report.pairwise
    bp, br, bf = report.bcubed
    out: dict[str, Any] = {
        "articles": report.articles,
        "stories": report.stories_predicted,
        "pairwise": {
            "precision": p,
            "recall": r,
            "f1": f,
            "gold": report.pairs_gold,
            "predicted": report.pairs_predicted,
            "right": report.pairs_right,
        },
        "bcubed": {"precision": bp, "recall": br, "f1": bf},
        "merges": len(report.merges),
        "mixed": len(report.mixed),
        "missing": report.missing,
    }
    if errors:
        out["merging_stories"] = report.merges
        out["mixed_stories"] = report.mixed
        out["wrong_pairs"] = report.wrong_pairs
        out["missed_pairs"] = report.missed_pairs
    return out


def evaluate(
    gold_path: Path,
    corpus_path: Path,
    store: Store,
    *,
    workers: int = 1,
    model: str | None = None,
    regroup_first: bool = False,
    progress: Progress | None = None,
) -> tuple[Report, dict[str, str]]:
    """Ingest the corpus into `store` (articles already there are skipped), group it anew if
    asked, and score its stories. Returns the report and the corpus titles by record id."""
    from dateline.corpus.ingest import Ingest
    from dateline.corpus.stories import regroup
    from dateline.pipeline import DEFAULT_MODEL
    from dateline.sources import iter_documents

    gold = load_gold(gold_path)
    ids = corpus_ids(corpus_path)
    run = Ingest(store, workers=workers, model=model or DEFAULT_MODEL, progress=progress)
    summary = run.run(iter_documents(corpus_path))
    if summary.failures:
        first = summary.failures[0]
        raise ValueError(f"{first.name}: {first.reason}")
    if regroup_first:
        regroup(store)
    with store.engine.connect() as conn:
        query = select(t.articles.c.id, t.articles.c.story_id).where(
            t.articles.c.id.in_(list(ids.values()))
        )
        stories = {aid: story for aid, story in conn.execute(query)}
    predicted = {rid: stories[aid] or aid for rid, aid in ids.items() if aid in stories}
    titles = {
        str(row.get("id")): str(row.get("title") or "")
        for _, row in jsonl_rows(corpus_path)
        if isinstance(row, dict)
    }
    return score(gold, predicted), titles


def print_report(report: Report, out: Console, titles: dict[str, str], errors: bool) -> None:
    p, r, f = report.pairwise
    bp, br, bf = report.bcubed
    if errors:
        for label, groups in (("merges gold stories", report.merges), ("mixed", report.mixed)):
            for story in groups:
                out.print(f"[red]{label}[/red]:", highlight=False)
                for rid in story:
                    out.print(f"    {titles.get(rid) or rid}", highlight=False)
        for kind, pairs in (("wrong", report.wrong_pairs), ("missed", report.missed_pairs)):
            for a, b in pairs:
                out.print(f"{kind}: {titles.get(a) or a}  |  {titles.get(b) or b}", highlight=False)
    out.print(
        f"{report.articles} articles, {report.stories_predicted} stories predicted",
        highlight=False,
    )
    out.print(
        f"pairwise  P {p:.3f}  R {r:.3f}  F1 {f:.3f}  "
        f"({report.pairs_right} of {report.pairs_predicted} predicted pairs right, "
        f"{report.pairs_gold} gold pairs)",
        highlight=False,
    )
    out.print(f"B-cubed   P {bp:.3f}  R {br:.3f}  F1 {bf:.3f}", highlight=False)
    out.print(
        f"stories merging two gold stories: {len(report.merges)}; "
        f"gold stories joined with unlisted articles: {len(report.mixed)}",
        highlight=False,
    )
    if report.missing:
        out.print(f"[yellow]{len(report.missing)} gold ids not in the corpus[/yellow]")
