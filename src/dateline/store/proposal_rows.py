"""Proposals (with their phases) and stances: the contract's items to rows and back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dateline.store.spec import Row, columns, grouped, span_cells, unmapped, unspan, with_extra

_SPAN = columns("text start end")
PROPOSAL_SPEC = columns("id name proposer phases start end kind proposer_text backers mentions")
PHASE_SPEC = {**_SPAN, "n": 1}
STANCE_SPEC = {
    **_SPAN,
    **columns("id proposal actor stance conditions reported_by time actor_text date cue threats"),
}


def proposal_rows(article: Mapping[str, Any], rows: dict[str, list[Row]]) -> None:
    aid = article["id"]
    for n, p in enumerate(article.get("proposals") or []):
        rows["proposals"].append(
            {
                "article_id": aid,
                "proposal_id": p["id"],
                "position": n,
                "name": p["name"],
                "char_start": p["start"],
                "char_end": p["end"],
                "kind": p.get("kind"),
                "proposer_id": p.get("proposer"),
                "proposer_text": p.get("proposer_text"),
                "backers": list(p.get("backers") or []),
                "mentions": [dict(m) for m in p.get("mentions") or []],
                "extra": unmapped(p, PROPOSAL_SPEC),
            }
        )
        for i, phase in enumerate(p.get("phases") or []):
            rows["proposal_phases"].append(
                {
                    "article_id": aid,
                    "proposal_id": p["id"],
                    "position": i,
                    "n": phase["n"],
                    **span_cells(phase),
                    "extra": unmapped(phase, PHASE_SPEC),
                }
            )
    for n, st in enumerate(article.get("stances") or []):
        rows["stances"].append(
            {
                "article_id": aid,
                "stance_id": st["id"],
                "position": n,
                "proposal_id": st["proposal"],
                "actor_id": st.get("actor"),
                "actor_text": st.get("actor_text"),
                "stance": st["stance"],
                "conditions": list(st.get("conditions") or []),
                "threats": list(st.get("threats") or []),
                "reported_by_id": st.get("reported_by"),
                "time_id": st.get("time"),
                "date": st.get("date"),
                "cue": st.get("cue"),
                **span_cells(st),
                "extra": unmapped(st, STANCE_SPEC),
            }
        )


def proposal_records(children: Mapping[str, list[Mapping[str, Any]]]) -> tuple[list, list]:
    """The contract's proposals (with phases) and stances from their rows."""
    phases = grouped(children.get("proposal_phases", []), "proposal_id")
    proposals = []
    for p in sorted(children.get("proposals", []), key=lambda r: r["position"]):
        record = {
            "id": p["proposal_id"],
            "name": p["name"],
            "proposer": p["proposer_id"],
            "phases": [
                with_extra({"n": r["n"], **unspan(r)}, r["extra"])
                for r in sorted(phases.get((p["proposal_id"],), []), key=lambda r: r["position"])
            ],
            "start": p["char_start"],
            "end": p["char_end"],
            "kind": p["kind"],
            "proposer_text": p["proposer_text"],
            "backers": list(p["backers"] or []),
            "mentions": list(p["mentions"] or []),
        }
        proposals.append(with_extra(record, p["extra"]))
    stances = [
        with_extra(
            {
                "id": st["stance_id"],
                "proposal": st["proposal_id"],
                "actor": st["actor_id"],
                "actor_text": st["actor_text"],
                "stance": st["stance"],
                "conditions": list(st["conditions"] or []),
                "threats": list(st["threats"] or []),
                "reported_by": st["reported_by_id"],
                "time": st["time_id"],
                "date": st["date"],
                "cue": st["cue"],
                **unspan(st),
            },
            st["extra"],
        )
        for st in sorted(children.get("stances", []), key=lambda r: r["position"])
    ]
    return proposals, stances
