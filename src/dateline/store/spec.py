"""What the row mappers share: specs of the columns a record's fields go to, the `extra`
JSON for the rest, and spans as `text`/`char_start`/`char_end`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

Row = dict[str, Any]


def columns(names: str) -> dict[str, Any]:
    """A spec of plain columns, from the field names separated by spaces."""
    return dict.fromkeys(names.split(), 1)


def unmapped(record: Mapping[str, Any], spec: Mapping[str, Any]) -> dict[str, Any] | None:
    """The parts of `record` that no column holds (None when there are none).

    Nulls and empty lists are left out: such a field comes back as its default (None, []).
    """
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key not in spec:
            if value is not None and value != []:
                out[key] = value
        elif isinstance(spec[key], dict) and isinstance(value, Mapping):
            rest = unmapped(value, spec[key])
            if rest:
                out[key] = rest
    return out or None


def with_extra(record: dict[str, Any], extra: Mapping[str, Any] | None) -> dict[str, Any]:
    """`record` with the stored `extra` merged back in (nested objects merged, not replaced)."""
    for key, value in (extra or {}).items():
        if isinstance(value, Mapping) and isinstance(record.get(key), dict):
            with_extra(record[key], value)
        else:
            record[key] = value
    return record


def span_cells(item: Mapping[str, Any]) -> Row:
    return {"text": item["text"], "char_start": item["start"], "char_end": item["end"]}


def unspan(row: Mapping[str, Any]) -> Row:
    return {"text": row["text"], "start": row["char_start"], "end": row["char_end"]}


def grouped(rows: Iterable[Mapping[str, Any]], *keys: str) -> dict[tuple, list]:
    grouped: dict[tuple, list] = defaultdict(list)
    for row in rows:
        grouped[tuple(row[k] for k in keys)].append(row)
    return grouped
