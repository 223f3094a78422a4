"""A reviewer's roll-up: one report for every unit of an area and a period, compiled by a task.

The compiling (`reports.actions.compile_rollup`) takes a snapshot of `compliance(area, period,
breakdowns=True)` into `AreaReport.figures` (`snapshot` here: the totals of every unit, breakdowns
included; one line per unit with its indicators and report status; the units late and missing), then
renders the PDF and the XLSX (`reports.outputs`) from that snapshot, so the page, the PDF and the XLSX
always show the same numbers. The snapshot:

    {"as_of": "2026-06-25", "period": {...}, "totals": <figures>,
     "units": [{"code", "name", "agency", "status", "report", "due_on", "submitted_at",
                "indicators": {"on_time": [done, total], ...}}, ...],
     "late": [<codes>], "missing": [<codes>]}
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.periods import Period
from units.models import AdministrativeUnit

from . import labels
from .compliance import INDICATOR_KEYS, STATUS_LABELS, Indicator, compliance, indicators_of
from .models import AreaReport, Job, ReportState, ReportStatus

# How much of the progress bar each step takes, per unit of the area (measured: laying out the PDF
# with its table of every unit takes most of the time, writing it a quarter as much; the figures
# queries and the XLSX little).
FIGURES_WEIGHT, ROW_WEIGHT, LAYOUT_WEIGHT, WRITE_WEIGHT, XLSX_WEIGHT = 1, 1, 8, 3, 1
RECENT_JOB = dt.timedelta(minutes=10)
EARLIER_ROLLUPS = 20


def period_of(area_report: AreaReport) -> Period:
    """The period as it was when the roll-up was requested (a regime edited later does not move it)."""
    return Period(
        area_report.year,
        area_report.kind,
        area_report.period_start,
        area_report.period_end,
        area_report.due_on,
        "",
    )


def file_name(area_report: AreaReport) -> str:
    code = "".join(c if c.isalnum() or c in "-_" else "-" for c in area_report.area.code)
    return f"bao-cao-tong-hop-{code}-{area_report.key}"


def rollups_of(area: AdministrativeUnit, exclude: AreaReport | None = None):
    """The area's latest roll-ups, newest first (the list under the form and the detail page)."""
    found = AreaReport.objects.filter(area=area).select_related("requested_by").order_by("-created_at")
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return found[:EARLIER_ROLLUPS]


def received_by(area: AdministrativeUnit):
    """The roll-ups the bodies below `area` signed and sent to it (they count as those bodies' reports),
    newest first."""
    return (
        AreaReport.objects.filter(sent_to=area, state=ReportState.SUBMITTED)
        .select_related("area", "signed_by")
        .order_by("-submitted_at")[:EARLIER_ROLLUPS]
    )


def running_job(user, area: AdministrativeUnit, period: Period) -> Job | None:
    """The roll-up of this area and period the user started a moment ago and is still running (a second
    click must not start a second one)."""
    return (
        Job.objects.filter(
            kind="rollup",
            user=user,
            state__in=[Job.State.QUEUED, Job.State.RUNNING],
            created_at__gte=timezone.now() - RECENT_JOB,
            params__area=area.code,
            params__period=period.key,
        )
        .order_by("-created_at")
        .first()
    )


def job_of(area_report: AreaReport) -> Job | None:
    return (
        Job.objects.filter(kind="rollup", params__area_report=area_report.pk).order_by("-created_at").first()
    )


# --- The snapshot --------------------------------------------------------------------------------------


@dataclass
class Steps:
    """The progress of a compiling: `progress(done, total)` told as each weighted step ends."""

    progress: Callable[[int, int], None]
    units: int = 1
    done: int = 0

    @property
    def total(self) -> int:
        return self.units * (FIGURES_WEIGHT + ROW_WEIGHT + LAYOUT_WEIGHT + WRITE_WEIGHT + XLSX_WEIGHT)

    def advance(self, weight: float) -> None:
        self.done += round(self.units * weight)
        self.progress(self.done, self.total)


def snapshot(area_report: AreaReport, *, today: dt.date, steps: Steps) -> dict:
    """The roll-up's figures from the units' figures now (see the module's docstring)."""
    period = period_of(area_report)
    area = compliance(area_report.area, period, breakdowns=True, today=today)
    steps.units = max(len(area.rows), 1)
    steps.advance(FIGURES_WEIGHT)
    units = []
    for row in area.rows:
        report = row.report
        units.append(
            {
                "code": row.code,
                "name": row.name,
                "agency": row.is_agency,
                "status": row.status,
                "report": row.report_status,
                "due_on": (report.due_on if report else period.due).isoformat(),
                "submitted_at": (
                    timezone.localtime(report.submitted_at).isoformat(timespec="minutes")
                    if report is not None and report.submitted_at
                    else None
                ),
                "indicators": {i.key: [i.done, i.total] for i in row.indicators},
            }
        )
        steps.done += ROW_WEIGHT
        steps.progress(steps.done, steps.total)
    return {
        "as_of": today.isoformat(),
        "period": {
            "key": period.key,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "due": period.due.isoformat(),
        },
        "totals": area.totals,
        "units": units,
        "late": [r.code for r in area.late_rows],
        "missing": [r.code for r in area.missing_rows],
    }


# --- Reading a compiled roll-up ----------------------------------------------------------------------


@dataclass
class UnitLine:
    code: str
    name: str
    is_agency: bool
    indicators: list[Indicator]
    status: str
    report_status: str
    due_on: dt.date | None
    submitted_at: dt.datetime | None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def report_status_label(self) -> str:
        return str(ReportStatus(self.report_status).label)

    @property
    def kind_label(self) -> str:
        return _("Cơ quan, đơn vị") if self.is_agency else _("Cấp xã")


@dataclass
class Summary:
    """A compiled roll-up as the page, the PDF and the XLSX show it."""

    area_report: AreaReport
    as_of: dt.date
    totals: dict
    units: list[UnitLine]
    late: list[UnitLine]
    missing: list[UnitLine]

    @property
    def sections(self) -> list[labels.Section]:
        return labels.sections(self.totals, internal=None)

    @property
    def indicators(self) -> list[Indicator]:
        return indicators_of(self.totals)

    @property
    def communes(self) -> int:
        return sum(1 for u in self.units if not u.is_agency)

    @property
    def agencies(self) -> int:
        return sum(1 for u in self.units if u.is_agency)

    @property
    def report_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) of every report status that occurs, in the order of `ReportStatus`."""
        counts = {}
        for u in self.units:
            counts[u.report_status] = counts.get(u.report_status, 0) + 1
        return [(s.value, str(s.label), counts[s.value]) for s in ReportStatus if counts.get(s.value)]


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _datetime(value) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def summary(area_report: AreaReport) -> Summary | None:
    """The compiled roll-up; None while it is not compiled yet."""
    figures = area_report.figures or {}
    if not area_report.compiled_at or "totals" not in figures:
        return None
    labels_by_key = {i.key: i.label for i in indicators_of(figures["totals"])}
    units = [
        UnitLine(
            code=u["code"],
            name=u["name"],
            is_agency=u["agency"],
            indicators=[
                Indicator(key, labels_by_key[key], *u["indicators"].get(key, (0, 0)))
                for key in INDICATOR_KEYS
            ],
            status=u["status"],
            report_status=u["report"],
            due_on=_date(u.get("due_on")),
            submitted_at=_datetime(u.get("submitted_at")),
        )
        for u in figures["units"]
    ]
    by_code = {u.code: u for u in units}
    return Summary(
        area_report=area_report,
        as_of=_date(figures.get("as_of")) or timezone.localdate(area_report.compiled_at),
        totals=figures["totals"],
        units=units,
        late=[by_code[c] for c in figures.get("late", []) if c in by_code],
        missing=[by_code[c] for c in figures.get("missing", []) if c in by_code],
    )
