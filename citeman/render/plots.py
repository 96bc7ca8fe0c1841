"""The site's plots: works per year, works by type, and the share of each type with findings.

Drawn with matplotlib when the pages are written, as SVG files the site links to, so
the published site needs no JavaScript charting. The SVG is made reproducible (fixed
element ids, no timestamp) so an unchanged bibliography rewrites no file.
"""

from __future__ import annotations

import datetime
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# Matplotlib's default blue and a muted red: readable in print and for most colour-blind readers.
_BAR = "#1f77b4"
_FINDINGS = "#d62728"
_SALT = "citeman"


@dataclass(frozen=True)
class PlotData:
    """What the plots count: one (year, type label, has findings) per entry."""

    years: tuple[str, ...]
    types: tuple[str, ...]
    with_findings: tuple[bool, ...]
    checked: bool

    @property
    def total(self) -> int:
        return len(self.types)


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import pyplot

    pyplot.rcParams["svg.hashsalt"] = _SALT
    pyplot.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, selectable, small
    figure, axes = pyplot.subplots(figsize=(width, height))
    axes.spines[["top", "right"]].set_visible(False)
    return pyplot, figure, axes


def _svg(pyplot, figure) -> str:
    buffer = io.StringIO()
    figure.tight_layout()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "citeman"})
    pyplot.close(figure)
    return buffer.getvalue()


def _plausible(year: str, this_year: int) -> bool:
    return year.isdigit() and 1000 <= int(year) <= this_year + 1


def per_year(data: PlotData) -> str:
    """Bars per year, or per decade once the years span more than four decades."""
    this_year = datetime.date.today().year
    years = [int(y) for y in data.years if _plausible(y, this_year)]
    pyplot, figure, axes = _figure(7, 3.2)
    if years:
        step = 10 if max(years) - min(years) > 40 else 1
        counts = Counter(y - y % step for y in years)
        span = range(min(counts), max(counts) + 1, step)
        labels = [f"{y}s" if step == 10 else str(y) for y in span]
        axes.bar(labels, [counts.get(y, 0) for y in span], color=_BAR)
        if len(labels) > 12:
            for label in axes.get_xticklabels():
                label.set_rotation(90)
    axes.set_ylabel("works")
    axes.yaxis.get_major_locator().set_params(integer=True)
    left_out = len(data.years) - len(years)
    axes.set_title(f"Works per year ({left_out} undated or with an impossible year)" if left_out else "Works per year", fontsize=11)
    return _svg(pyplot, figure)


def _type_order(types: Sequence[str]) -> list[str]:
    counts = Counter(types)
    return sorted(counts, key=lambda t: (-counts[t], t))


def by_type(data: PlotData) -> str:
    counts = Counter(data.types)
    order = _type_order(data.types)[::-1]  # largest at the top of a horizontal chart
    pyplot, figure, axes = _figure(7, 0.6 + 0.35 * max(len(order), 1))
    axes.barh(order, [counts[t] for t in order], color=_BAR)
    axes.set_xlabel("works")
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.set_title("Works by type", fontsize=11)
    return _svg(pyplot, figure)


def findings_share(data: PlotData) -> str:
    order = _type_order(data.types)[::-1]
    total = Counter(data.types)
    flagged = Counter(t for t, f in zip(data.types, data.with_findings) if f)
    shares = [100 * flagged[t] / total[t] for t in order]
    pyplot, figure, axes = _figure(7, 0.6 + 0.35 * max(len(order), 1))
    axes.barh(order, [100] * len(order), color="#e5e5e5")
    axes.barh(order, shares, color=_FINDINGS)
    for row, t in enumerate(order):
        axes.text(101, row, f"{flagged[t]} of {total[t]}", va="center", fontsize=8)
    axes.set_xlim(0, 120)
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.set_xlabel("% of works with findings")
    axes.set_title("Share of works with findings, by type", fontsize=11)
    return _svg(pyplot, figure)


FINDINGS_PLOT = "plots/findings-by-type.svg"
PLOTS = {
    "plots/works-per-year.svg": ("Works per year", per_year),
    "plots/works-by-type.svg": ("Works by type", by_type),
    FINDINGS_PLOT: ("Share of works with findings, by type", findings_share),
}


def plots_for(checked: bool) -> dict[str, tuple]:
    """The plots of a bibliography, ``{path: (title, draw)}``: the findings plot only when it was checked."""
    return {name: plot for name, plot in PLOTS.items() if checked or name != FINDINGS_PLOT}


def draw_plots(data: PlotData) -> dict[str, str]:
    """Every plot as ``{relative path: SVG text}``."""
    return {name: draw(data) for name, (_title, draw) in plots_for(data.checked).items()}
