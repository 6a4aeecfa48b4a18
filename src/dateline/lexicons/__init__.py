"""Knowledge as data: YAML lexicons shipped with dateline, extended by the user's own.

Each shipped file `NAME.yaml` is one lexicon. A user lexicon (``--lexicon FILE`` or the
``DATELINE_LEXICON`` environment variable, paths separated by ``:``) is a YAML mapping whose
top-level keys name lexicons; its mappings override and its lists extend the shipped ones.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

ENV_VAR = "DATELINE_LEXICON"
# libyaml's parser when PyYAML was built with it: the derived event lexicon loads ~10x faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_user_files: list[Path] = []


def add_user_lexicon(path: str | Path) -> None:
    """Register a user lexicon file for this process (used by `--lexicon`)."""
    _user_files.append(Path(path))
    load.cache_clear()


def _user_paths() -> list[Path]:
    env = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in env.split(os.pathsep) if p] + _user_files


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


def _read_tsv(text: str) -> dict[str, dict[str, list[str]]]:
    """A TSV lexicon: the header comment names the columns; the first column is the key and
    the others are `|`-separated lists ("ISO3  names  adjectives")."""
    rows = [line for line in text.splitlines() if line.strip()]
    columns = rows[0].lstrip("# ").split("\t")
    table: dict[str, dict[str, list[str]]] = {}
    for row in rows[1:]:
        if row.startswith("#"):
            continue
        cells = row.split("\t")
        table[cells[0]] = {
            col: [v.strip() for v in cell.split("|") if v.strip()]
            for col, cell in zip(columns[1:], cells[1:], strict=False)
        }
    return table


def _shipped(name: str) -> Any:
    base = resources.files(__package__)
    if (yaml_file := base.joinpath(f"{name}.yaml")).is_file():
        return yaml.load(yaml_file.read_text(encoding="utf-8"), Loader=_LOADER)
    if (tsv_file := base.joinpath(f"{name}.tsv")).is_file():
        return _read_tsv(tsv_file.read_text(encoding="utf-8"))
    return None


@cache
def load(name: str) -> Any:
    """The lexicon `name`, shipped data merged with every user lexicon that mentions it."""
    data = _shipped(name)
    for path in _user_paths():
        try:
            user = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ValueError(f"{path}: cannot read lexicon ({exc.__class__.__name__})") from exc
        if name in user:
            data = _merge(data, user[name]) if data is not None else user[name]
    if data is None:
        raise KeyError(f"no lexicon named {name!r}")
    return data
