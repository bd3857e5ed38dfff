"""Charts as inline SVG, drawn with matplotlib. No pyplot: a bare ``Figure``
keeps no global state, so it is safe in the web and worker threads.

The public API, also used by the annual report: draw a ``Figure`` inside
``chart_style()`` and turn it into markup with ``figure_svg`` (web page and
PDF) or ``figure_png`` (Word, which cannot hold SVG)."""

import io
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reporting.weekly import TrendWeek, WeeklyReport

if TYPE_CHECKING:
    from matplotlib.figure import Figure

RECEIVED_COLOUR = "#0d6efd"
CLOSED_COLOUR = "#198754"
# rcParams are process-wide; the lock keeps one chart's settings from leaking into another's.
_rc_lock = threading.Lock()
_RC = {
    "svg.fonttype": "none",  # text stays text: smaller, selectable, sharp in the PDF
    "svg.hashsalt": "klachtwijs",  # stable element ids, so the same figures give the same SVG
    "font.family": "DejaVu Sans",
    "font.size": 9,
}


@contextmanager
def chart_style() -> Iterator[None]:
    """The house style of every chart; draw and save a figure inside it."""
    import matplotlib

    with _rc_lock, matplotlib.rc_context(_RC):
        yield


def figure_svg(figure: "Figure", *, title: str) -> SafeString:
    """``figure`` as inline SVG with ``title`` for screen readers. Call inside ``chart_style()``."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # Without a fixed size the chart takes the width of its container, keeping the viewBox's proportions.
    svg = re.sub(r' (width|height)="[\d.]+pt"', "", svg, count=2)
    # WeasyPrint reads style attributes as HTML CSS and warns about every SVG-only property in them;
    # presentation attributes mean the same to browsers and to WeasyPrint.
    svg = re.sub(r'style="([^"]*)"', _presentation_attributes, svg)
    attributes = f'role="img" aria-label="{escape(title)}" class="chart" '
    # Safe: matplotlib escapes the text it writes into the SVG, and the title is escaped above.
    return mark_safe(svg.replace("<svg ", "<svg " + attributes, 1))


def figure_png(figure: "Figure", *, dpi: int = 200) -> bytes:
    """``figure`` as PNG. Call inside ``chart_style()``."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def trend_chart_svg(trend: Sequence[TrendWeek], *, title: str) -> SafeString:
    """Received and closed complaints per week as a grouped bar chart."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    positions = range(len(trend))
    received = [week.received for week in trend]
    closed = [week.closed for week in trend]
    with chart_style():
        figure = Figure(figsize=(6.3, 2.6))
        axes = figure.subplots()
        width = 0.38
        bars_received = axes.bar(
            [x - width / 2 for x in positions], received, width, label=_("Ontvangen"), color=RECEIVED_COLOUR
        )
        bars_closed = axes.bar(
            [x + width / 2 for x in positions], closed, width, label=_("Afgesloten"), color=CLOSED_COLOUR
        )
        axes.bar_label(bars_received, padding=2)
        axes.bar_label(bars_closed, padding=2)
        axes.set_xticks(list(positions), [week.label for week in trend])
        axes.set_ylim(0, max([*received, *closed, 1]) * 1.3)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(frameon=False, loc="upper left", ncols=2)
        figure.tight_layout()
        return figure_svg(figure, title=title)


def _presentation_attributes(match: re.Match[str]) -> str:
    """style="fill: #fff; font-family: 'DejaVu Sans'" → fill="#fff" font-family="DejaVu Sans"."""
    declarations = [part.split(":", 1) for part in match[1].split(";") if part.strip()]
    return " ".join(name.strip() + '="' + value.strip().strip("'") + '"' for name, value in declarations)


def weekly_report_chart(report: WeeklyReport) -> SafeString:
    return trend_chart_svg(
        report.trend,
        title=_("Ontvangen en afgesloten klachten per week, week %(first)s tot en met %(last)s")
        % {"first": report.trend[0].week, "last": report.week},
    )
