"""The dashboard's charts as inline SVG, in the house style of ``reporting.charts``."""

from collections.abc import Sequence

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from reporting.charts import CLOSED_COLOUR, RECEIVED_COLOUR, chart_style, figure_svg
from reporting.dashboard import Bar, Dashboard

LAST_YEAR_COLOUR = "#6c757d"
LABEL_MAX = 38


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def months_chart_svg(board: Dashboard) -> SafeString:
    """Complaints received per month, this year next to last year."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    positions = range(12)
    this_year = [month.this_year for month in board.months]
    last_year = [month.last_year for month in board.months]
    with chart_style():
        figure = Figure(figsize=(6.8, 2.6))
        axes = figure.subplots()
        width = 0.4
        axes.bar(
            [x - width / 2 for x in positions], last_year, width, label=str(board.year - 1), color=LAST_YEAR_COLOUR
        )
        bars = axes.bar(
            [x + width / 2 for x in positions], this_year, width, label=str(board.year), color=RECEIVED_COLOUR
        )
        axes.bar_label(bars, padding=2, fontsize=7)
        axes.set_xticks(list(positions), [month.label for month in board.months])
        axes.set_ylim(0, max([*this_year, *last_year, 1]) * 1.25)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(frameon=False, loc="upper left", ncols=2)
        figure.tight_layout()
        return figure_svg(
            figure,
            title=_("Ontvangen klachten per maand, %(year)s naast %(last)s")
            % {"year": board.year, "last": board.year - 1},
        )


def bars_chart_svg(bars: Sequence[Bar], *, title: str, colour: str = RECEIVED_COLOUR) -> SafeString:
    """A horizontal bar chart, largest on top."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    shown = list(bars)
    with chart_style():
        figure = Figure(figsize=(6.8, 0.6 + 0.26 * max(len(shown), 1)))
        axes = figure.subplots()
        positions = range(len(shown))
        drawn = axes.barh(list(positions), [bar.count for bar in shown], color=colour)
        axes.bar_label(drawn, padding=2, fontsize=7)
        axes.set_yticks(list(positions), [_short(bar.label) for bar in shown])
        axes.invert_yaxis()
        axes.set_xlim(0, max([bar.count for bar in shown] + [1]) * 1.15)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        return figure_svg(figure, title=title)


def dashboard_charts(board: Dashboard) -> dict[str, SafeString]:
    year = {"year": board.year}
    return {
        "months": months_chart_svg(board),
        "categories": bars_chart_svg(board.by_category, title=_("Klachten per categorie, %(year)s") % year),
        "regions": bars_chart_svg(board.by_region, title=_("Klachten per regio, %(year)s") % year),
        "locations": bars_chart_svg(board.by_location, title=_("Locaties met de meeste klachten, %(year)s") % year),
        "verdicts": bars_chart_svg(
            board.verdicts, title=_("Afgesloten klachten: gegrond?, %(year)s") % year, colour=CLOSED_COLOUR
        ),
    }
