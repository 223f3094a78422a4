"""The reviewer's compliance dashboard: an area (province, district for history, or the whole country for
national administrators) with every unit's indicators for a period, the drill-down from a commune or
an agency to the single items behind each shortfall, and the XLSX export (the coverage of the catalogue
and the trend chart: `views/analysis.py`). Reviewers see only their area: anything else is 404
(`reports.access`).

Every page runs a constant number of queries whatever the number of units (`compliance.compliance`
reads the stored figures, `reports.stored`, counting only the stale ones; the templates read only what
the rows already hold). Reviewers' pages name late units: they are never cached (`never_cache`).

The area and unit pages are compressed (`gzip_page`: ~450 KB of HTML for 100 rows to ~15 KB), and only
they, not the whole site (no GZipMiddleware): BREACH needs a secret that stays the same in every
response next to text the attacker chooses. The one secret here is the CSRF token of the forms
(logout, roll-up), which Django masks anew in every response, and Django's gzip pads each response
with random bytes (Django ≥ 4.2); pages that show lasting secrets (a second factor's key, enrolment
links) stay uncompressed.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from democracy import periods as periods_module
from democracy.downloads import generated_download
from democracy.xlsx import XLSX_TYPE
from reports.context_processors import BACK_PARAM
from units.models import AdministrativeUnit, Level, ReportingRegime, is_agency
from units.text import fold, vi_sorted

from .. import compliance as comp
from ..access import (
    get_agency_area_for_user,
    get_dashboard_area_for_user,
    is_national_admin,
    reviewer_areas,
    reviews,
)
from ..compliance import COUNTRY, Country
from ..models import ReportStatus
from ..outputs import dashboard_xlsx
from ..shortfalls import shortfalls

# Rows a page: the units needing attention sort first, the filters and the XLSX reach the others. A row
# is ~4.5 KB of HTML (twenty indicator cells): 300 rows made 1.4 MB pages whose rendering cost more
# than reading their figures (issue 16).
PAGE_SIZE = 100
STATUS_ICONS = {comp.GOOD: "✓", comp.WARN: "!", comp.BAD: "✗", comp.NONE: "–"}


def with_query(url: str, **params) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "", False)}
    return f"{url}?{urlencode(params)}" if params else url


# --- Who and which period ------------------------------------------------------------------------


def _regime_unit(target):
    if isinstance(target, Country):
        return None
    return target.unit if is_agency(target) else target


@dataclass
class PeriodChoice:
    key: str
    label: str
    selected: bool


def period_asked(request, target, today: dt.date):
    """The period asked for (`?period=2026-H1`), or the last half-year that ended; a bad key gives a
    Vietnamese message and the default period."""
    regime = ReportingRegime.for_unit(_regime_unit(target))
    key = request.GET.get("period", "").strip()
    error = None
    if key:
        try:
            period = regime.period_for_key(key)
            if period.kind not in periods_module.REPORT_KINDS:
                raise ValueError(
                    _("Bảng theo dõi dùng kỳ 6 tháng hoặc năm: dùng dạng 2026-H1, 2026-H2 hoặc 2026.")
                )
            return regime, period, None
        except ValueError as bad:
            error = str(bad)
    current = regime.containing(today, "half")
    return regime, regime.containing(current.start - dt.timedelta(days=1), "half"), error


def period_choices(regime, period, today: dt.date) -> tuple[list, list]:
    """The picker's half-years and years, newest first (no query: only the dates of the regime)."""

    def dates(year, kind):
        return periods_module.period_dates(
            year, kind, cutoff_day=regime.cutoff_day, year_end_month=regime.year_end_month
        )

    def choice(year, kind, end):
        label = f"{periods_module.KIND_LABELS[kind]} {year}"
        if end >= today:
            label += " " + _("(đang diễn ra)")
        key = periods_module.make_key(year, kind)
        return PeriodChoice(key, label, key == period.key)

    halves, years = [], []
    for year in range(today.year + 1, today.year - 5, -1):
        for kind in (periods_module.H2, periods_module.H1):
            start, end = dates(year, kind)
            if start <= today and len(halves) < 8:
                halves.append(choice(year, kind, end))
        start, end = dates(year, periods_module.YEAR)
        if start <= today and len(years) < 4:
            years.append(choice(year, periods_module.YEAR, end))
    if not any(c.selected for c in halves + years):
        (years if period.kind == periods_module.YEAR else halves).insert(
            0, PeriodChoice(period.key, period.label, True)
        )
    return halves, years


NAME_FILTER_MAX = 100


@dataclass
class Filters:
    """What the table shows: `attention=1` keeps the units needing attention (not met, to watch); `q`
    keeps the names containing it, with or without diacritics. The same for the page and its XLSX."""

    attention: bool = False
    q: str = ""

    @classmethod
    def asked(cls, request) -> "Filters":
        return cls(
            attention=request.GET.get("attention") == "1",
            q=" ".join(request.GET.get("q", "").split())[:NAME_FILTER_MAX],
        )

    def apply(self, rows: list) -> list:
        if self.attention:
            rows = [r for r in rows if r.status in (comp.BAD, comp.WARN)]
        if self.q:
            wanted = fold(self.q)
            rows = [r for r in rows if wanted in comp.sort_name(r.owner)]
        return rows

    @property
    def query(self) -> dict:
        return {"attention": "1" if self.attention else "", "q": self.q}


def has_activity(row) -> bool:
    """Anything to count in the period (something due or done), or a report opened: a unit with none
    of these is listed in its own group after the others, not among them."""
    return row.report is not None or row.has_due


def table_rows(result, sort: str, desc: bool, filters: Filters) -> tuple[list, list, list]:
    """(units with activity, agencies, units with no activity yet), each sorted and filtered."""
    ordered = filters.apply(result.sorted_rows(sort, desc))
    units = [r for r in ordered if not r.is_agency]
    return (
        [r for r in units if has_activity(r)],
        [r for r in ordered if r.is_agency],
        [r for r in units if not has_activity(r)],
    )


def _sorting(request) -> tuple[str, bool]:
    sort = request.GET.get("sort", "status")
    if sort not in comp.SORT_KEYS:
        sort = "status"
    return sort, request.GET.get("desc") == "1"


# --- The rows --------------------------------------------------------------------------------------


def scope(target, period):
    """The (units, agencies) of an area in a period, as querysets (subqueries of the counting queries).
    A commune is its own scope (its agencies have their own pages)."""
    if isinstance(target, Country):
        return comp.in_force(AdministrativeUnit.objects.filter(level=Level.COMMUNE), period), []
    if target.level == Level.COMMUNE:
        return AdministrativeUnit.objects.filter(pk=target.pk), []
    return comp.area_units(target, period), comp.area_agencies(target)


def _compliance(target, period, today: dt.date) -> comp.Area:
    if isinstance(target, Country):
        return comp.country_compliance(target, period, today=today)
    return comp.compliance(target, period, today=today)


@dataclass
class Line:
    """A row of the units table, everything resolved for `reports/_units_table.html`: no query and no
    method call per row. `cells` are plain tuples `(label, status, icon, percent, fraction,
    status_label)`, unpacked by the template's loop (a page holds up to `PAGE_SIZE` rows of twenty cells: the
    template reads names it unpacked, never attributes, so the page stays fast)."""

    row: comp.Row
    url: str
    place: str = ""
    report_url: str | None = None
    status: str = comp.NONE
    cells: list = field(default_factory=list)
    report_colour: str = comp.NONE
    report_icon: str = ""
    report_label: str = ""
    status_icon: str = ""
    status_label: str = ""


class _Cells:
    """The indicator cells of the rows. Every value of a cell is the portal's own (labels, class names,
    icons, numbers): each is escaped once per page here (`escape` returns a safe string the template
    then writes as it is) instead of once per cell by the template, which was a third of the table's
    rendering time. Names and addresses from the database are left to the template's autoescaping."""

    def __init__(self):
        self.labels = [escape(str(label)) for _key, label, *_rest in comp.INDICATORS]
        self.statuses = {key: (escape(key), escape(STATUS_ICONS[key])) for key in STATUS_ICONS}
        self.status_labels = {key: escape(str(label)) for key, label in comp.STATUS_LABELS.items()}
        self.report_labels = {key: escape(str(label)) for key, label in ReportStatus.choices}
        self.percents: dict[float, str] = {}
        self.fractions: dict[tuple[int, int], str] = {}

    def percent(self, value: float) -> str:
        # As `floatformat:"-1"`: "100", "62,5" (the locale's decimal separator), cached per value.
        if value not in self.percents:
            self.percents[value] = escape(
                str(int(value)) if value == int(value) else formats.number_format(value, 1, use_l10n=True)
            )
        return self.percents[value]

    def fraction(self, done: int, total: int) -> str:
        if (done, total) not in self.fractions:
            self.fractions[done, total] = escape(f"{done}/{total}")
        return self.fractions[done, total]

    def of(self, indicators) -> list[tuple]:
        return [
            (
                label,
                *self.statuses[i.status],
                self.percent(i.percent) if i.total else "",
                self.fraction(i.done, i.total) if i.total else "",
                self.status_labels[i.status],
            )
            for label, i in zip(self.labels, indicators, strict=True)
        ]


def _lines(rows, period, *, places: dict[int, str], country: bool = False) -> list[Line]:
    cells = _Cells()
    lines = []
    for row in rows:
        owner = row.owner
        if row.is_agency:
            url = reverse("reports:agency_area", args=[owner.code])
            place = places.get(owner.unit_id, "")
        else:
            url = reverse("reports:area", args=[owner.code])
            # Only the country's rows hold parent_id (a deferred field would cost a query per row).
            place = places.get(owner.parent_id, "") if country else ""
        lines.append(
            Line(
                row,
                with_query(url, period=period.key),
                place,
                reverse("reports:detail", args=[row.report.pk]) if row.report else None,
                status=row.status,
                cells=cells.of(row.indicators),
                report_colour=row.report_colour,
                report_icon=cells.statuses[row.report_colour][1],
                report_label=cells.report_labels[row.report_status],
                status_icon=cells.statuses[row.status][1],
                status_label=cells.status_labels[row.status],
            )
        )
    return lines


def _places(target, result: comp.Area) -> dict[int, str]:
    """Where each agency (and, for the country, each commune) is: names the rows already hold, plus
    one query for the country's provinces and districts."""
    names = {r.owner.pk: r.name for r in result.rows if not r.is_agency}
    if isinstance(target, Country):
        parents = {getattr(r.owner, "parent_id", None) for r in result.rows}
        names.update(AdministrativeUnit.objects.filter(pk__in=parents).values_list("pk", "name"))
    else:
        names[target.pk] = target.name
    return names


def _columns(base_url: str, period, sort: str, desc: bool, filters: Filters) -> list[dict]:
    columns = [("name", _("Đơn vị"))]
    columns += [(key, str(label)) for key, label, *_rest in comp.INDICATORS]
    columns += [("report", _("Báo cáo")), ("status", _("Đánh giá chung"))]
    result = []
    for key, label in columns:
        current = key == sort
        url = with_query(
            base_url,
            period=period.key,
            sort=key,
            desc="1" if current and not desc else "",
            **filters.query,
        )
        aria = ("descending" if desc else "ascending") if current else None
        result.append({"key": key, "label": label, "url": url, "current": current, "aria_sort": aria})
    return result


def legend():
    return [
        (status, STATUS_ICONS[status], comp.STATUS_LABELS[status])
        for status in (comp.GOOD, comp.WARN, comp.BAD, comp.NONE)
    ]


# --- Pages ---------------------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request):
    """The reviewer's entry: straight to their area for the default period, or a list to pick from."""
    areas = reviewer_areas(request)
    national = is_national_admin(request)
    if not areas and not national:
        raise Http404
    if len(areas) == 1 and not national:
        area = areas[0]
        return redirect(
            with_query(reverse("reports:area", args=[area.code]), period=comp.period_for(area).key)
        )
    return render(request, "reports/dashboard_pick.html", {"areas": areas, "national": national})


@login_required
@never_cache
@gzip_page
@require_GET
def area(request, code):
    target = get_dashboard_area_for_user(request, code)
    if not isinstance(target, Country) and target.level == Level.COMMUNE:
        return _unit_page(request, target)
    today = timezone.localdate()
    regime, period, error = period_asked(request, target, today)
    sort, desc = _sorting(request)
    filters = Filters.asked(request)
    attention = filters.attention
    result = _compliance(target, period, today)

    # The units with something to count first, then the agencies, then those with no activity yet.
    active, agencies, idle = table_rows(result, sort, desc, filters)
    idle_ids = {id(r) for r in idle}
    page = Paginator(active + agencies + idle, PAGE_SIZE).get_page(request.GET.get("page"))
    is_country = isinstance(target, Country)
    lines = _lines(page.object_list, period, places=_places(target, result), country=is_country)
    base_url = reverse("reports:area", args=[target.code])
    query = {"period": period.key, "sort": sort, "desc": "1" if desc else "", **filters.query}
    halves, years = period_choices(regime, period, today)
    counts = {status: result.count(status) for status in ReportStatus.values}
    units_count = sum(1 for r in result.rows if not r.is_agency)
    context = {
        "target": target,
        "is_country": is_country,
        "period": period,
        "period_error": error,
        "halves": halves,
        "years": years,
        "result": result,
        "totals": result.indicators,
        "units_count": units_count,
        "agencies_count": len(result.rows) - units_count,
        "status_counts": result.status_counts,
        "report_counts": {
            "on_time": counts[ReportStatus.ON_TIME],
            "late": counts[ReportStatus.LATE],
            "missing": counts[ReportStatus.MISSING],
            "other": counts[ReportStatus.IN_PROGRESS] + counts[ReportStatus.NOT_DUE],
        },
        "unit_lines": [line for line in lines if not line.row.is_agency and id(line.row) not in idle_ids],
        "agency_lines": [line for line in lines if line.row.is_agency],
        "idle_lines": [line for line in lines if id(line.row) in idle_ids],
        "idle_count": len(idle),
        "page": page,
        "page_urls": _page_urls(base_url, query, page),
        "columns": _columns(base_url, period, sort, desc, filters),
        "sort": sort,
        "desc": desc,
        "attention": attention,
        "q": filters.q,
        "filtered": bool(attention or filters.q),
        "attention_url": with_query(base_url, **{**query, "attention": "" if attention else "1", "page": ""}),
        "all_url": with_query(base_url, period=period.key, sort=query["sort"], desc=query["desc"]),
        "keep_fields": [
            ("sort", "" if sort == "status" else sort),
            ("desc", query["desc"]),
            ("attention", query["attention"]),
            ("q", filters.q),
        ],
        "legend": legend(),
        "warn_from": round(float(comp.WARN_FROM) * 100),
        "xlsx_url": with_query(reverse("reports:area_xlsx", args=[target.code]), **query),
        "coverage_url": with_query(reverse("reports:coverage", args=[target.code]), period=period.key),
        "trend_url": with_query(reverse("reports:trend", args=[target.code]), period=period.key),
        "trend_page_url": with_query(reverse("reports:trend_table", args=[target.code]), period=period.key),
        "rollup_url": None
        if isinstance(target, Country)
        else reverse("reports:rollup_start", args=[target.code]),
        "breadcrumbs": breadcrumbs(request, target, period),
    }
    return render(request, "reports/dashboard_area.html", context)


def _page_urls(base_url, query, page) -> dict:
    def url(number):
        return with_query(base_url, **query, page=number)

    return {
        "previous": url(page.previous_page_number()) if page.has_previous() else None,
        "next": url(page.next_page_number()) if page.has_next() else None,
    }


def breadcrumbs(request, target, period) -> list[tuple[str, str | None]]:
    """The areas above `target` the user reviews (links), then `target` itself (no link)."""
    crumbs = []
    if is_national_admin(request):
        crumbs.append(
            (_("Toàn quốc"), with_query(reverse("reports:area", args=[COUNTRY]), period=period.key))
        )
    if isinstance(target, Country):
        return [(crumbs[0][0], None)]
    unit = target.unit if is_agency(target) else target
    chain = [*unit.ancestors(), unit] if is_agency(target) else unit.ancestors()
    for above in chain:
        if above.level != Level.VILLAGE and reviews(request, above):
            url = reverse("reports:area", args=[above.code])
            crumbs.append((above.name, with_query(url, period=period.key)))
    crumbs.append((target.name, None))
    return crumbs


@login_required
@never_cache
@gzip_page
@require_GET
def agency_area(request, code):
    return _unit_page(request, get_agency_area_for_user(request, code))


def _unit_page(request, owner):
    """A commune or an agency: its indicators and the single items behind every shortfall."""
    today = timezone.localdate()
    regime, period, error = period_asked(request, owner, today)
    internal = is_agency(owner)
    if internal:
        row, agency_lines = comp.rows_for(period, agencies=[owner], today=today)[0], []
    else:
        agencies = vi_sorted(owner.agencies.only("pk", "code", "name", "unit_id"))
        row, *agency_rows = comp.rows_for(period, [owner], agencies, today=today)
        agency_lines = _lines(agency_rows, period, places={})
    halves, years = period_choices(regime, period, today)
    url_name = "reports:agency_area" if internal else "reports:area"
    sections = shortfalls(owner, period, today, row)
    # Each item's page shows the way back here (breadcrumbs; reports.context_processors.navigation).
    back = with_query(reverse(url_name, args=[owner.code]), period=period.key)
    for section in sections:
        for item in section.items:
            item["url"] = with_query(item["url"], **{BACK_PARAM: back})
    context = {
        "owner": owner,
        "is_agency": internal,
        "row": row,
        "report_url": reverse("reports:detail", args=[row.report.pk]) if row.report else None,
        "period": period,
        "period_error": error,
        "halves": halves,
        "years": years,
        "base_url": reverse(url_name, args=[owner.code]),
        "sections": sections,
        "agency_lines": agency_lines,
        "legend": legend(),
        "warn_from": round(float(comp.WARN_FROM) * 100),
        "breadcrumbs": breadcrumbs(request, owner, period),
        "trend_url": None
        if internal
        else with_query(reverse("reports:trend", args=[owner.code]), period=period.key),
        "trend_page_url": None
        if internal
        else with_query(reverse("reports:trend_table", args=[owner.code]), period=period.key),
        "coverage_url": None
        if internal
        else with_query(reverse("reports:coverage", args=[owner.code]), period=period.key),
        "xlsx_url": None
        if internal
        else with_query(reverse("reports:area_xlsx", args=[owner.code]), period=period.key),
    }
    return render(request, "reports/dashboard_unit.html", context)


# --- XLSX ----------------------------------------------------------------------------------------


@login_required
@require_GET
def area_xlsx(request, code):
    target = get_dashboard_area_for_user(request, code)
    today = timezone.localdate()
    _regime, period, _error = period_asked(request, target, today)
    sort, desc = _sorting(request)
    result = _compliance(target, period, today)
    active, agencies, idle = table_rows(result, sort, desc, Filters.asked(request))
    content = dashboard_xlsx(result, active + idle + agencies, period_key=period.key)
    safe_code = "".join(c if c.isalnum() or c in "-_" else "-" for c in target.code)
    return generated_download(
        content, filename=f"theo-doi-tuan-thu-{safe_code}-{period.key}.xlsx", content_type=XLSX_TYPE
    )
