"""The chart of complaints per category: inline SVG for the web page and the
PDF (vector), PNG for Word, which cannot hold SVG. Drawn in the style of
``reporting.charts``."""

import io
import re
from collections.abc import Sequence

import matplotlib
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reporting.charts import _RC, RECEIVED_COLOUR, _presentation_attributes, _rc_lock


def _figure(rows: Sequence[tuple[str, int]]):
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    labels = [label for label, _n in rows]
    counts = [n for _label, n in rows]
    figure = Figure(figsize=(6.3, 0.6 + 0.24 * max(len(rows), 1)))
    axes = figure.subplots()
    positions = range(len(rows))
    bars = axes.barh(list(positions), counts, height=0.7, color=RECEIVED_COLOUR)
    axes.bar_label(bars, padding=2)
    axes.set_yticks(list(positions), labels)
    axes.invert_yaxis()  # the largest category on top, as in the table
    axes.set_xlim(0, max([*counts, 1]) * 1.12)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    return figure


def category_chart_svg(rows: Sequence[tuple[str, int]], *, title: str) -> SafeString:
    with _rc_lock, matplotlib.rc_context(_RC):
        buffer = io.StringIO()
        _figure(rows).savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r' (width|height)="[\d.]+pt"', "", svg, count=2)
    svg = re.sub(r'style="([^"]*)"', _presentation_attributes, svg)
    attributes = f'role="img" aria-label="{escape(title)}" class="chart" '
    # Safe: matplotlib escapes the category names it writes as SVG text.
    return mark_safe(svg.replace("<svg ", "<svg " + attributes, 1))


def category_chart_png(rows: Sequence[tuple[str, int]]) -> bytes:
    with _rc_lock, matplotlib.rc_context(_RC):
        buffer = io.BytesIO()
        _figure(rows).savefig(buffer, format="png", dpi=200)
    return buffer.getvalue()
