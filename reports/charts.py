"""The trend chart of the compliance dashboard: an area's indicators across the last half-years, as
numbers (for the data table) and as an SVG picture drawn on the server, without a JavaScript library.

The lines differ by colour, dash pattern and marker shape, so the chart does not rely on colour alone
(WCAG 1.4.1); the page carries the same numbers as a table.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from democracy.periods import H1, Period

from . import figures as figures_module
from .compliance import Indicator, indicators_of

# The indicators the chart draws: (key of compliance.INDICATORS, legend label, colour, dash, marker).
SERIES = [
    ("on_time", gettext_lazy("Công khai đúng hạn"), "#0b4f9c", "", "circle"),
    ("windows", gettext_lazy("Niêm yết đủ thời gian"), "#1a6a35", "9 5", "square"),
    ("consultations", gettext_lazy("Lấy ý kiến đã công khai kết quả"), "#a3161b", "3 4", "triangle"),
    ("recommendations", gettext_lazy("Kiến nghị trả lời đúng hạn"), "#8a4b00", "12 4 3 4", "diamond"),
]
SERIES_KEYS = [key for key, *_rest in SERIES]


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    indicators: dict[str, Indicator]


def trend(
    periods: Sequence[Period],
    scope: Callable[[Period], tuple],
    *,
    today: dt.date,
    known: dict[str, dict] | None = None,
) -> list[TrendPoint]:
    """The area totals of each period. `scope(period)` gives the (units, agencies) querysets of the
    area in that period; `known` maps period keys to totals already computed (the page's own period).
    About six queries per period, whatever the number of units: the querysets stay subqueries."""
    points = []
    for period in periods:
        totals = (known or {}).get(period.key)
        if totals is None:
            units, agencies = scope(period)
            computed = figures_module.compute(
                period, units=units, agencies=agencies, breakdowns=False, today=today
            )
            totals = figures_module.total_of(computed.values())
        points.append(TrendPoint(period, {i.key: i for i in indicators_of(totals)}))
    return points


def axis_label(period: Period) -> tuple[str, str]:
    """Two short lines under the x axis: '2026' / '6 tháng đầu'."""
    if period.kind == H1:
        return str(period.year), _("6 tháng đầu")
    return str(period.year), _("6 tháng cuối")


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | None]  # percentages, None where nothing was due
    colour: str
    dash: str = ""
    marker: str = "circle"


def series_of(points: list[TrendPoint]) -> list[Series]:
    return [
        Series(str(label), [p.indicators[key].percent for p in points], colour, dash, marker)
        for key, label, colour, dash, marker in SERIES
    ]


# --- SVG -----------------------------------------------------------------------------------------

WIDTH = 680
FONT = "system-ui, 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"
LEFT, RIGHT, TOP = 62, 24, 64
PLOT_HEIGHT = 220
LEGEND_ROW = 28


def _marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    title = f"<title>{escape(tip)}</title>"
    if shape == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}">{title}</rect>'
    if shape == "triangle":
        points = f"{x:.1f},{y - 6.5:.1f} {x + 6.5:.1f},{y + 5:.1f} {x - 6.5:.1f},{y + 5:.1f}"
        return f'<polygon points="{points}" fill="{colour}">{title}</polygon>'
    if shape == "diamond":
        points = f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} {x - 7:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}">{title}</polygon>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{colour}">{title}</circle>'


def _runs(values: list[float | None]) -> list[list[tuple[int, float]]]:
    """Consecutive known values: a period with nothing due breaks the line."""
    runs, current = [], []
    for index, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((index, value))
    if current:
        runs.append(current)
    return runs


def line_chart(
    *,
    title: str,
    subtitle: str,
    categories: list[tuple[str, str]],
    series: list[Series],
    highlight: int | None = None,
    empty_text: str = "",
) -> str:
    """A line chart of percentages (0–100 %) over `categories` (two-line x labels), with a legend
    under the plot. `highlight`: the index of the category to emphasise (the page's period)."""
    plot_width = WIDTH - LEFT - RIGHT
    legend_top = TOP + PLOT_HEIGHT + 62
    height = legend_top + LEGEND_ROW * len(series) + 8
    step = plot_width / max(len(categories), 1)

    def x_of(index: int) -> float:
        return LEFT + step * (index + 0.5)

    def y_of(value: float) -> float:
        return TOP + PLOT_HEIGHT * (1 - value / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" role="img" aria-labelledby="chart-title chart-desc" '
        f'font-family="{FONT}" font-size="15" fill="#1b1f24">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(subtitle)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="{LEFT - 50}" y="26" font-size="18" font-weight="700">{escape(title)}</text>',
        f'<text x="{LEFT - 50}" y="48" font-size="14" fill="#545d68">{escape(subtitle)}</text>',
    ]
    # The y axis: grid lines every 25 %.
    for value in (0, 25, 50, 75, 100):
        y = y_of(value)
        stroke = "#8c959f" if value == 0 else "#d0d7de"
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{stroke}" stroke-width="1"/>'
        )
        parts.append(f'<text x="{LEFT - 8}" y="{y + 5:.1f}" text-anchor="end" font-size="14">{value}%</text>')
    # The x axis: two lines per period.
    for index, (first, second) in enumerate(categories):
        x = x_of(index)
        weight = ' font-weight="700"' if index == highlight else ""
        if index == highlight:
            parts.append(
                f'<rect x="{x - step / 2 + 2:.1f}" y="{TOP}" width="{step - 4:.1f}" height="{PLOT_HEIGHT}" '
                f'fill="#f1f5fa"/>'
            )
        parts.append(
            f'<text x="{x:.1f}" y="{TOP + PLOT_HEIGHT + 22}" text-anchor="middle" font-size="14"{weight}>'
            f'{escape(first)}</text><text x="{x:.1f}" y="{TOP + PLOT_HEIGHT + 40}" text-anchor="middle" '
            f'font-size="13"{weight}>{escape(second)}</text>'
        )
    if highlight is not None:
        # The highlight band is drawn after the grid: redraw the grid lines over it.
        for value in (25, 50, 75, 100):
            y = y_of(value)
            parts.append(
                f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#d0d7de" '
                f'stroke-width="1"/>'
            )
    # The lines, then their markers (so no line hides a marker).
    for s in series:
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        for run in _runs(s.values):
            if len(run) > 1:
                points = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, v in run)
                parts.append(
                    f'<polyline points="{points}" fill="none" stroke="{s.colour}" stroke-width="2.5" '
                    f'stroke-linejoin="round"{dash}/>'
                )
    for s in series:
        for index, value in enumerate(s.values):
            if value is not None:
                tip = f"{s.label}, {' '.join(categories[index])}: {_percent(value)}"
                parts.append(_marker(s.marker, x_of(index), y_of(value), s.colour, tip))
    if empty_text and all(v is None for s in series for v in s.values):
        parts.append(
            f'<text x="{LEFT + plot_width / 2:.1f}" y="{TOP + PLOT_HEIGHT / 2:.1f}" text-anchor="middle" '
            f'fill="#545d68">{escape(empty_text)}</text>'
        )
    # The legend: one row per line, with its dash and marker.
    for row, s in enumerate(series):
        y = legend_top + LEGEND_ROW * row
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        parts.append(
            f'<line x1="{LEFT - 50}" y1="{y:.1f}" x2="{LEFT - 2}" y2="{y:.1f}" stroke="{s.colour}" '
            f'stroke-width="2.5"{dash}/>'
        )
        parts.append(_marker(s.marker, LEFT - 26, y, s.colour, s.label))
        parts.append(f'<text x="{LEFT + 8}" y="{y + 5:.1f}">{escape(s.label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _percent(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def trend_svg(points: list[TrendPoint], *, area_name: str, highlight_key: str | None = None) -> str:
    highlight = next((i for i, p in enumerate(points) if p.period.key == highlight_key), None)
    return line_chart(
        title=_("Xu hướng qua các kỳ 6 tháng"),
        subtitle=area_name,
        categories=[axis_label(p.period) for p in points],
        series=series_of(points),
        highlight=highlight,
        empty_text=_("Chưa có số liệu trong các kỳ này"),
    )
