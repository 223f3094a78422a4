"""Compliance of the units of an area for a period: the indicators the reviewer's dashboard, its
export, the roll-ups and the API show, computed in a constant number of queries.

An indicator is a count of things done properly out of the things due (e.g. 27 of 30 postings on
time). Its colour: all of them → good; at least `WARN_FROM` of them → warning; fewer → bad; nothing
due → none. A unit's overall status is its worst indicator, a missing report counting as bad and a
late one as a warning.
"""

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from democracy.periods import Period
from units.models import AdministrativeUnit, Agency, Level, ReportingRegime, is_agency, key_of_ids, owner_key
from units.text import fold, vi_sort_key

from . import figures as figures_module
from . import stored
from .families import FAMILIES
from .models import ReportStatus, UnitReport, report_status

COUNTRY = "VN"  # the code of the whole country in the dashboard's addresses
WARN_FROM = Fraction(4, 5)
GOOD, WARN, BAD, NONE = "good", "warn", "bad", "none"
STATUS_ORDER = {BAD: 0, WARN: 1, GOOD: 2, NONE: 3}
STATUS_LABELS = {GOOD: _("Đạt"), WARN: _("Cần lưu ý"), BAD: _("Chưa đạt"), NONE: _("Không phát sinh")}

# (key, label, family, done, total): what each indicator divides.
INDICATORS = [
    ("on_time", _("Công khai đúng hạn"), "disclosures", "on_time", "published"),
    ("windows", _("Niêm yết đủ thời gian"), "disclosures", "windows_honoured", "windows_ended"),
    ("feedback", _("Ý kiến đã trả lời"), "feedback", "answered", "received"),
    ("consultations", _("Lấy ý kiến đã công khai kết quả"), "consultations", "results_published", "held"),
    (
        "decisions",
        _("Quyết định được công nhận đúng hạn"),
        "decisions",
        "handled_on_time",
        "needs_recognition",
    ),
    ("recommendations", _("Kiến nghị trả lời đúng hạn"), "recommendations", "answered_on_time", "due"),
    *(
        (key, label, family.name, done, total)
        for family in FAMILIES
        for key, label, done, total in family.indicators
    ),
]
INDICATOR_KEYS = [key for key, *_rest in INDICATORS]
SORT_KEYS = {"name", "status", "report", *INDICATOR_KEYS}


class Indicator:
    """`done` of `total` (e.g. 27 of 30 postings on time), with its status computed once in integers:
    a country page asks 20,000 of them for their status."""

    __slots__ = ("key", "label", "done", "total", "percent", "status")

    def __init__(self, key: str, label: str, done: int, total: int):
        self.key, self.label, self.done, self.total = key, label, done, total
        if not total:
            self.percent, self.status = None, NONE
        else:
            self.percent = round(100 * done / total, 1)
            if done == total:
                self.status = GOOD
            elif done * WARN_FROM.denominator >= total * WARN_FROM.numerator:
                self.status = WARN
            else:
                self.status = BAD

    def __repr__(self):
        return f"Indicator({self.key!r}, {self.done}/{self.total})"

    def __eq__(self, other):
        return isinstance(other, Indicator) and (self.key, self.done, self.total) == (
            other.key,
            other.done,
            other.total,
        )

    __hash__ = None

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.done, self.total) if self.total else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


_LABELS: dict[str, dict[str, str]] = {}


def _labels() -> dict[str, str]:
    """The indicators' labels in the active language, translated once per language (not per unit)."""
    language = translation.get_language() or ""
    if language not in _LABELS:
        _LABELS[language] = {key: str(label) for key, label, *_rest in INDICATORS}
    return _LABELS[language]


def indicators_of(figures: dict, labels: dict[str, str] | None = None) -> list[Indicator]:
    labels = labels or _labels()
    return [
        Indicator(key, labels[key], figures[family][done], figures[family][total])
        for key, _label, family, done, total in INDICATORS
    ]


REPORT_STATUS_COLOUR = {
    ReportStatus.ON_TIME: GOOD,
    ReportStatus.LATE: WARN,
    ReportStatus.MISSING: BAD,
    ReportStatus.IN_PROGRESS: NONE,
    ReportStatus.NOT_DUE: NONE,
}


class UnitSummary(NamedTuple):
    """What a country row needs of a commune (3,321 model instances cost ~100 ms)."""

    pk: int
    code: str
    name: str
    type: str
    level: str
    parent_id: int | None
    search_name: str


class ReportSummary(NamedTuple):
    """What a row needs of a unit's report (a model instance per unit cost ~40 ms for the country)."""

    pk: int
    unit_id: int | None
    agency_id: int | None
    state: str
    is_late: bool
    submitted_at: dt.datetime | None
    due_on: dt.date
    period_end: dt.date


def _status_of(done: int, total: int) -> str:
    """`Indicator(…).status` without the object (a country page grades 60,000 of them)."""
    if not total:
        return NONE
    if done == total:
        return GOOD
    return WARN if done * WARN_FROM.denominator >= total * WARN_FROM.numerator else BAD


@dataclass
class Row:
    """One unit (commune or agency) of the area. Its status is graded from the figures at once; its
    `indicators` (objects with labels and percentages) are built when asked, for the rows shown."""

    owner: AdministrativeUnit | Agency
    figures: dict
    report: ReportSummary | None
    report_status: str
    labels: dict[str, str] | None = field(default=None, repr=False)  # the indicators' labels, if known
    counts: list[int] | None = field(default=None, repr=False)  # the stored figures' counts (reports.stored)
    is_agency: bool = field(init=False)
    status: str = field(init=False)  # the worst of the indicators and the report
    has_due: bool = field(init=False)  # anything due or done in one of the indicators

    def __post_init__(self):
        self.is_agency = is_agency(self.owner)
        figures, worst, due = self.figures, STATUS_ORDER[REPORT_STATUS_COLOUR[self.report_status]], False
        for _key, _label, family, done, total in INDICATORS:
            counts = figures[family]
            n = counts[total]
            if n:
                due = True
                worst = min(worst, STATUS_ORDER[_status_of(counts[done], n)])
        self.status = next(status for status, order in STATUS_ORDER.items() if order == worst)
        self.has_due = due

    @property
    def indicators(self) -> list[Indicator]:
        built = self.__dict__.get("_indicators")
        if built is None:
            built = self.__dict__["_indicators"] = indicators_of(self.figures, self.labels)
        return built

    @property
    def code(self) -> str:
        return self.owner.code

    @property
    def name(self) -> str:
        return self.owner.name

    @property
    def indicator(self) -> dict[str, Indicator]:
        return {i.key: i for i in self.indicators}

    @property
    def report_colour(self) -> str:
        return REPORT_STATUS_COLOUR[self.report_status]

    @property
    def report_status_label(self) -> str:
        return ReportStatus(self.report_status).label

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Area:
    area: AdministrativeUnit
    period: Period
    rows: list[Row]
    totals: dict
    today: dt.date

    @property
    def indicators(self) -> list[Indicator]:
        return indicators_of(self.totals)

    def count(self, report_status: str) -> int:
        return sum(1 for r in self.rows if r.report_status == report_status)

    @property
    def late_rows(self) -> list[Row]:
        return [r for r in self.rows if r.report_status == ReportStatus.LATE]

    @property
    def missing_rows(self) -> list[Row]:
        return [r for r in self.rows if r.report_status == ReportStatus.MISSING]

    @property
    def status_counts(self) -> dict[str, int]:
        counts = {GOOD: 0, WARN: 0, BAD: 0, NONE: 0}
        for r in self.rows:
            counts[r.status] += 1
        return counts

    def sorted_rows(self, key: str = "status", descending: bool = False) -> list[Row]:
        # Names in Vietnamese alphabetical order (units.text.vi_sort_key: "Đồng Kỳ" after the Ds).
        names = {id(r): vi_sort_key(r.owner.name) for r in self.rows}
        if key == "name":
            ordered = sorted(self.rows, key=lambda r: (r.is_agency, names[id(r)]))
        elif key == "status":
            ordered = sorted(self.rows, key=lambda r: (STATUS_ORDER[r.status], r.is_agency, names[id(r)]))
        elif key == "report":
            ordered = sorted(self.rows, key=lambda r: (STATUS_ORDER[r.report_colour], names[id(r)]))
        elif key in INDICATOR_KEYS:
            # Units with nothing due sort last either way.
            def rate(r):
                value = r.indicator[key].rate
                return (value is None, value if value is not None else 0, names[id(r)])

            ordered = sorted(self.rows, key=rate)
        else:
            raise ValueError(key)
        if descending:
            nothing = [r for r in ordered if key in INDICATOR_KEYS and r.indicator[key].rate is None]
            skip = {id(r) for r in nothing}
            rest = [r for r in ordered if id(r) not in skip]
            return list(reversed(rest)) + nothing
        return ordered


def in_force(units, period: Period):
    """The units in force at some time in the period."""
    return units.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start)
    )


def area_units(area: AdministrativeUnit, period: Period):
    """The commune-level units of `area` (itself if it is one) in force at some time in the period."""
    return in_force(AdministrativeUnit.objects.under(area).filter(level=Level.COMMUNE), period)


def area_agencies(area: AdministrativeUnit):
    """The agencies placed at `area` or anywhere below it."""
    return Agency.objects.filter(
        Q(unit=area)
        | Q(unit__parent=area)
        | Q(unit__parent__parent=area)
        | Q(unit__parent__parent__parent=area)
    )


def period_for(area: AdministrativeUnit, key: str | None = None, today: dt.date | None = None) -> Period:
    """The period named `key` under the area's regime; by default the last half-year that ended."""
    regime = ReportingRegime.for_unit(area)
    if key:
        return regime.period_for_key(key)
    today = today or timezone.localdate()
    current = regime.containing(today, "half")
    return regime.containing(current.start - dt.timedelta(days=1), "half")


def rows_for(
    period: Period,
    units=(),
    agencies=(),
    *,
    today: dt.date,
    breakdowns: bool = False,
    unit_query=None,
    agency_query=None,
) -> list[Row]:
    """The rows of explicit owners, in the order given. `unit_query` / `agency_query` (querysets of
    the same owners) let the counting queries use a subquery instead of thousands of ids (the
    country: a subquery plans better than an array of 3,321). Without breakdowns (the dashboard) the
    figures come from the stored rows kept up to date (`reports.stored`)."""
    if breakdowns:
        unit_ids = unit_query.values("pk") if unit_query is not None else [u.pk for u in units]
        agency_ids = agency_query.values("pk") if agency_query is not None else [a.pk for a in agencies]
        computed = figures_module.compute(period, units=unit_ids, agencies=agency_ids, today=today)
    else:
        # The dashboard's figures: stored per owner and period, counted again only where stale.
        unit_ids, agency_ids = [u.pk for u in units], [a.pk for a in agencies]
        counts = stored.counts(period, unit_ids, agency_ids, today=today, unit_query=unit_query)
        decode = stored.codec().decode
        computed = {key: decode(value) for key, value in counts.items()}
        if unit_query is not None:
            unit_ids = unit_query.values("pk")
    reports = (
        UnitReport.objects.filter(year=period.year, kind=period.kind, regime=None)  # the periodic report
        .filter(Q(unit__in=unit_ids) | Q(agency__in=agency_ids))
        .values_list(*ReportSummary._fields)
        .order_by()  # not the model's ordering: it joins the units to sort by name
    )
    by_owner = {key_of_ids(r[1], r[2]): ReportSummary(*r) for r in reports}
    labels = _labels()  # once: the active language costs a lookup per call
    rows = []
    for owner in [*units, *agencies]:
        key = owner_key(owner)
        report = by_owner.get(key)
        due_on = report.due_on if report else period.due
        rows.append(
            Row(
                owner=owner,
                figures=computed.get(key) or figures_module.empty(),
                report=report,
                report_status=report_status(report, due_on, period.end, today),
                labels=labels,
                counts=None if breakdowns else counts.get(key),
            )
        )
    return rows


def totals_of(rows: list[Row]) -> dict:
    """The area's totals: the stored counts summed as lists when every row has them (quicker than
    adding 3,321 nested dicts), else the figures added."""
    if rows and all(r.counts is not None for r in rows):
        return stored.total([r.counts for r in rows])
    return figures_module.total_of(r.figures for r in rows)


def sort_name(owner) -> str:
    """The name without diacritics, for Vietnamese alphabetical order near enough (the database's
    collation may put Đ after Y): the one units and agencies store, when it was loaded."""
    if isinstance(owner, UnitSummary):
        return owner.search_name
    return owner.__dict__.get("search_name") or fold(owner.name)


def _by_name(owners) -> list:
    return sorted(owners, key=lambda owner: vi_sort_key(owner.name))


def compliance(
    area: AdministrativeUnit,
    period: Period,
    *,
    agencies: bool = True,
    breakdowns: bool = False,
    today: dt.date | None = None,
) -> Area:
    """Every unit of `area` with its indicators and report status. A constant number of queries."""
    today = today or timezone.localdate()
    units = _by_name(area_units(area, period).only("pk", "code", "name", "type", "level", "search_name"))
    agency_list = (
        _by_name(area_agencies(area).only("pk", "code", "name", "unit_id", "search_name")) if agencies else []
    )
    # The ids as parameters, not subqueries: with `unit IN (SELECT …)` the feedback query reads
    # every disclosure's owner (bench: 40 → 530 ms for a province).
    rows = rows_for(period, units, agency_list, today=today, breakdowns=breakdowns)
    totals = totals_of(rows)
    return Area(area=area, period=period, rows=rows, totals=totals, today=today)


class Country:
    """The whole country as an area (national administrators only): every commune in force in the
    period. Agencies are left out: a province's page is where they are read."""

    code = COUNTRY
    pk = None
    level = "country"
    name = _("Toàn quốc")

    def __str__(self):
        return str(self.name)


def country_compliance(country, period: Period, *, today: dt.date | None = None) -> Area:
    """Every commune of the country in force in the period (agencies are read on their province's
    page); `country` stands for the area on the page."""
    today = today or timezone.localdate()
    query = in_force(AdministrativeUnit.objects.filter(level=Level.COMMUNE), period)
    units = _by_name(UnitSummary(*u) for u in query.values_list(*UnitSummary._fields).order_by())
    rows = rows_for(period, units, today=today, unit_query=query)
    totals = totals_of(rows)
    return Area(area=country, period=period, rows=rows, totals=totals, today=today)
