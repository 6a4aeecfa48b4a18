"""Charts drawn on the server as SVG: stacked bars of events per period.

Hand-drawn SVG keeps the pages free of a JavaScript chart library (nothing to vendor, no
script for the CSP to allow, charts visible with scripts off) and the bars are a handful of
<rect>s. Colours come from CSS classes (`series-1` …), so the SVG carries no style attribute.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from dateline.export.codes import quad_class

QUADS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 200, 36, 28, 10
MAX_DAYS = 400  # a longer span of days is drawn by month


@dataclass
class Series:
    """Counts per period for each named series, periods in order."""

    periods: list[str]
    names: list[str]
    counts: dict[str, list[int]]  # name -> one count per period

    def total(self) -> int:
        return sum(sum(values) for values in self.counts.values())

    def as_dict(self) -> dict[str, Any]:
        return {"periods": self.periods, "series": self.counts}


def _fill_periods(found: Iterable[str]) -> list[str]:
    """Every day (or month) from the first to the last one found, so gaps show as gaps."""
    found = sorted(set(found))
    if not found:
        return []
    if len(found[0]) == 10:
        first, last = date.fromisoformat(found[0]), date.fromisoformat(found[-1])
        if (last - first).days <= MAX_DAYS:
            return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
        return _fill_periods({p[:7] for p in found})
    if len(found[0]) == 7:
        periods, (year, month) = [], map(int, found[0].split("-"))
        while f"{year:04d}-{month:02d}" <= found[-1]:
            periods.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return periods
    return found


def _valid_period(period: str) -> bool:
    try:
        date.fromisoformat(period if len(period) == 10 else f"{period}-01")
    except ValueError:
        return False
    return len(period) in (7, 10)


def by_quad(rows: Iterable[Mapping[str, Any]]) -> Series:
    """Histogram rows (`period`, `type`, `cameo_root`, `n`) grouped into PLOVER quad classes."""
    return _series(
        (
            (row["period"], QUADS.get(quad_class(row["cameo_root"], row["type"]) or 0), row["n"])
            for row in rows
        ),
        list(QUADS.values()),
    )


def by_role(named_rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> Series:
    """One series per name ("as actor", "as recipient") from histogram rows of each."""
    return _series(
        ((row["period"], name, row["n"]) for name, rows in named_rows.items() for row in rows),
        list(named_rows),
    )


def _series(triples: Iterable[tuple[str, str | None, int]], names: list[str]) -> Series:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for period, name, n in triples:
        if name is not None and period and _valid_period(period):
            counts[name][period] += int(n)
    periods = _fill_periods(p for per in counts.values() for p in per)
    if periods and len(periods[0]) == 7:  # days folded into months
        folded: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for name, per in counts.items():
            for period, n in per.items():
                folded[name][period[:7]] += n
        counts = folded
    return Series(periods, names, {n: [counts[n].get(p, 0) for p in periods] for n in names})


def stacked_bars(series: Series, label: str) -> Markup:
    """The series as stacked bars, one per period, with a <title> per bar for hovering."""
    if not series.periods:
        return Markup('<p class="empty">No dated events to chart.</p>')
    stack_heights = [
        sum(series.counts[n][i] for n in series.names) for i in range(len(series.periods))
    ]
    top = max(stack_heights) or 1
    plot_w, plot_h = WIDTH - LEFT - 4, HEIGHT - BOTTOM - TOP
    step = plot_w / len(series.periods)
    bar_w = max(step * 0.8, 1.0)
    parts = [
        Markup(
            '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{label}" '
            'xmlns="http://www.w3.org/2000/svg"><title>{label}</title>'
        ).format(w=WIDTH, h=HEIGHT, label=label),
        Markup('<line class="axis" x1="{x}" y1="{y}" x2="{x2}" y2="{y}"/>').format(
            x=LEFT, y=TOP + plot_h, x2=WIDTH - 4
        ),
        Markup('<text class="tick" x="{x}" y="{y}" text-anchor="end">{n}</text>').format(
            x=LEFT - 4, y=TOP + 8, n=top
        ),
        Markup('<text class="tick" x="{x}" y="{y}" text-anchor="end">0</text>').format(
            x=LEFT - 4, y=TOP + plot_h
        ),
    ]
    for i, period in enumerate(series.periods):
        x, y = LEFT + i * step + (step - bar_w) / 2, TOP + plot_h
        detail = ", ".join(f"{n} {name}" for name in series.names if (n := series.counts[name][i]))
        parts.append(
            Markup('<g class="bar"><title>{}: {}</title>').format(period, detail or "none")
        )
        for k, name in enumerate(series.names):
            n = series.counts[name][i]
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            parts.append(
                Markup(
                    '<rect class="series-{k}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
                    'height="{h:.1f}"/>'
                ).format(k=k + 1, x=x, y=y, w=bar_w, h=h)
            )
        parts.append(Markup("</g>"))
    for i in sorted({0, len(series.periods) - 1}):
        anchor = "start" if i == 0 else "end"
        x = LEFT if i == 0 else WIDTH - 4
        parts.append(
            Markup('<text class="tick" x="{x}" y="{y}" text-anchor="{a}">{p}</text>').format(
                x=x, y=HEIGHT - 8, a=anchor, p=series.periods[i]
            )
        )
    parts.append(Markup("</svg>"))
    legend = Markup("").join(
        Markup('<li><span class="swatch series-{k}"></span>{name} ({n})</li>').format(
            k=k + 1, name=name, n=sum(series.counts[name])
        )
        for k, name in enumerate(series.names)
    )
    return Markup("").join(parts) + Markup('<ul class="legend">{}</ul>').format(legend)
