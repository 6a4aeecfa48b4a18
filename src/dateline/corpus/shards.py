"""Parquet shards of the flat tables, one per partition: the output of runs where no single
database should be the bottleneck. Each worker writes its own; nothing passes a writer.

A shard is named by the articles it holds (a hash of their ids), and written to a temporary
name then renamed: a partition computed twice (a retry after a lost worker, a rerun) writes
the same file again, never a second copy. Near-duplicates are not linked across shards:
`story_id` is each article's own id.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from dateline.corpus.extract import Failed, Job, Outcome, extract_chunk
from dateline.export.columns import TABLES
from dateline.export.flat import table_rows
from dateline.export.tabular import write_parquet
from dateline.schema import Article
from dateline.store.writer import Extracted


@dataclass
class Sharded:
    """What one partition wrote: counted by the run summary like a database batch."""

    articles: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    failures: list[Failed] = field(default_factory=list)
    shard: str | None = None  # the file name shared by the partition's tables


def shard_name(article_ids: list[str]) -> str:
    digest = hashlib.sha256("\n".join(article_ids).encode("ascii")).hexdigest()
    return f"part-{digest[:24]}.parquet"


# Stories group articles across the corpus as the one writer stores them; a partition alone
# has none, so its shards hold the tables made from each article by itself.
ARTICLE_TABLES = {name: columns for name, columns in TABLES.items() if name != "stories"}


def write_shard(out_dir: Path, outcomes: list[Outcome]) -> Sharded:
    """Write the partition's articles as one shard per flat table under `out_dir/<table>/`."""
    result = Sharded(failures=[o for o in outcomes if isinstance(o, Failed)])
    articles = [Article.model_validate(o.article) for o in outcomes if isinstance(o, Extracted)]
    if not articles:
        return result
    name = shard_name([a.id for a in articles])
    for table, columns in ARTICLE_TABLES.items():
        folder = out_dir / table
        folder.mkdir(parents=True, exist_ok=True)
        rows = [row for article in articles for row in table_rows(table, article, article.id)]
        temporary = folder / f".{name}.{uuid.uuid4().hex}.tmp"
        result.rows[table] = write_parquet(rows, columns, temporary)
        os.replace(temporary, folder / name)
    result.articles = len(articles)
    result.shard = name
    return result


def extract_partition(jobs: list[Job], out_dir: str | None = None) -> list[Outcome] | Sharded:
    """The task every runner sends out: extract a partition's articles, then either hand the
    outcomes back to the one writer or, given `out_dir`, write them as a shard right here."""
    outcomes = extract_chunk(jobs)
    if out_dir is None:
        return outcomes
    try:
        return write_shard(Path(out_dir), outcomes)
    except OSError as exc:  # a full disk, a folder the worker may not write: one line each
        reason = f"cannot write its Parquet shard in {out_dir} ({exc.strerror or exc})"
        return Sharded(failures=[Failed(job.name, reason) for job in jobs])
