"""The chart of complaints per category: inline SVG for the web page and the
PDF (vector), PNG for Word, which cannot hold SVG. Drawn in the house style
of ``reporting.charts``, through its public API."""

from collections.abc import Sequence

from django.utils.safestring import SafeString

from reporting.charts import RECEIVED_COLOUR, chart_style, figure_png, figure_svg


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
    with chart_style():
        return figure_svg(_figure(rows), title=title)


def category_chart_png(rows: Sequence[tuple[str, int]]) -> bytes:
    with chart_style():
        return figure_png(_figure(rows), dpi=200)
