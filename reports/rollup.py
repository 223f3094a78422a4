"""A reviewer's roll-up: one report for every unit of an area and a period, compiled by a task.

`compile_rollup` takes a snapshot of `compliance(area, period, breakdowns=True)` into
`AreaReport.figures` (the totals of every unit, breakdowns included; one line per unit with its
indicators and report status; the units late and missing), then renders the PDF and the XLSX from
that snapshot, so the page, the PDF and the XLSX always show the same numbers. The snapshot:

    {"as_of": "2026-06-25", "period": {...}, "totals": <figures>,
     "units": [{"code", "name", "agency", "status", "report", "due_on", "submitted_at",
                "indicators": {"on_time": [done, total], ...}}, ...],
     "late": [<codes>], "missing": [<codes>]}
"""

import datetime as dt
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from democracy.pdf import lay_out
from democracy.periods import KIND_LABELS, Period
from democracy.xlsx import MAX_WIDTH, write_value
from units.models import AdministrativeUnit, Level

from . import labels
from .compliance import INDICATOR_KEYS, INDICATORS, STATUS_LABELS, Indicator, compliance, indicators_of
from .jobs import JobError, Outcome
from .models import AreaReport, ReportStatus

PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAME_PREFIXES = (
    "Tỉnh ",
    "Thành phố ",
    "Huyện ",
    "Quận ",
    "Thị xã ",
    "Xã ",
    "Phường ",
    "Đặc khu ",
    "Thị trấn ",
)
SHEETS = ("Tổng hợp", "Đơn vị", "Muộn, chưa gửi")

# How much of the progress bar each step takes, per unit of the area (measured: laying out the PDF
# with its table of every unit takes most of the time, writing it a quarter as much; the figures
# queries and the XLSX little).
FIGURES_WEIGHT, ROW_WEIGHT, LAYOUT_WEIGHT, WRITE_WEIGHT, XLSX_WEIGHT = 1, 1, 8, 3, 1


# --- Creating and compiling ---------------------------------------------------------------------------


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


def new_area_report(area: AdministrativeUnit, period: Period, *, by=None) -> AreaReport:
    return AreaReport.objects.create(
        area=area,
        year=period.year,
        kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        due_on=period.due,
        requested_by=by,
    )


def compile_rollup(area_report: AreaReport, progress=None, *, now: dt.datetime | None = None) -> AreaReport:
    """Fills the roll-up's figures from the units' figures now, renders its PDF and XLSX and saves all
    three at once. `progress(done, total)` is told of the figures, each unit's line and each file."""
    progress = progress or (lambda done, total: None)
    now = now or timezone.now()
    today = timezone.localdate(now)
    period = period_of(area_report)
    area = compliance(area_report.area, period, breakdowns=True, today=today)
    n = max(len(area.rows), 1)
    total = n * (FIGURES_WEIGHT + ROW_WEIGHT + LAYOUT_WEIGHT + WRITE_WEIGHT + XLSX_WEIGHT)
    done = n * FIGURES_WEIGHT
    progress(done, total)

    units = []
    for index, row in enumerate(area.rows, start=1):
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
        progress(done + index * ROW_WEIGHT, total)
    done += n * ROW_WEIGHT
    area_report.figures = {
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
    area_report.compiled_at = now

    def laid_out():
        progress(done + n * LAYOUT_WEIGHT, total)

    pdf = rollup_pdf(area_report, laid_out=laid_out)
    done += n * (LAYOUT_WEIGHT + WRITE_WEIGHT)
    progress(done, total)
    xlsx = rollup_xlsx(area_report)
    done += n * XLSX_WEIGHT

    old = [f.name for f in (area_report.pdf, area_report.xlsx) if f]
    base = file_name(area_report)
    area_report.pdf.save(f"{base}.pdf", ContentFile(pdf), save=False)
    area_report.xlsx.save(f"{base}.xlsx", ContentFile(xlsx), save=False)
    with transaction.atomic():
        area_report.save(update_fields=["figures", "compiled_at", "pdf", "xlsx"])
    storage = area_report.pdf.storage
    for name in old:  # a roll-up compiled again (a job taken up again): its earlier files go
        if name not in (area_report.pdf.name, area_report.xlsx.name):
            storage.delete(name)
    progress(done, total)
    return area_report


def run_rollup_job(job, progress) -> Outcome:
    """The runner of jobs of kind "rollup" (see `reports.jobs`): params {"area_report": pk}."""
    area_report = (
        AreaReport.objects.select_related("area__parent__parent__parent")
        .filter(pk=job.params.get("area_report"))
        .first()
    )
    if area_report is None:
        raise JobError(_("Báo cáo tổng hợp này không còn tồn tại."))
    try:
        compile_rollup(area_report, progress)
    except Exception:
        # A roll-up never compiled leaves nothing half-made in the area's list (the job keeps the message).
        if AreaReport.objects.filter(pk=area_report.pk, compiled_at__isnull=True).delete()[0]:
            for stored in (area_report.pdf, area_report.xlsx):
                if stored:
                    stored.storage.delete(stored.name)
        raise
    count = len(area_report.figures["units"])
    message = ngettext(
        "Đã tổng hợp số liệu của %(count)d đơn vị.", "Đã tổng hợp số liệu của %(count)d đơn vị.", count
    ) % {"count": count}
    return Outcome(reverse("reports:rollup_detail", args=[area_report.pk]), message)


def file_name(area_report: AreaReport) -> str:
    code = "".join(c if c.isalnum() or c in "-_" else "-" for c in area_report.area.code)
    return f"bao-cao-tong-hop-{code}-{area_report.key}"


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


def _short_name(unit: AdministrativeUnit) -> str:
    """ "Tỉnh Bắc Ninh" → "Bắc Ninh" (the place in the date line)."""
    for prefix in NAME_PREFIXES:
        if unit.name.startswith(prefix):
            return unit.name[len(prefix) :]
    return unit.name


def _in_text(name: str) -> str:
    """ "Tỉnh Bắc Ninh" → "tỉnh Bắc Ninh" (a unit's name inside a sentence)."""
    return name[:1].lower() + name[1:] if name.startswith(NAME_PREFIXES) else name


def _province(unit: AdministrativeUnit) -> AdministrativeUnit:
    if unit.level == Level.PROVINCE:
        return unit
    chain = unit.ancestors()
    return chain[0] if chain else unit


def document_context(area_report: AreaReport) -> dict:
    """The wording of the roll-up as a document (PDF, and the heading of the XLSX)."""
    area = area_report.area
    province = _province(area)
    period_label = f"{KIND_LABELS[area_report.kind]} {area_report.year}"
    return {
        "parent_issuer": f"Ủy ban nhân dân {province.name}".upper(),
        "issuer": "SỞ NỘI VỤ",
        "number": "\u2026\u2026\u2026/BC-SNV",
        "place": _short_name(province),
        "date": timezone.localdate(area_report.compiled_at)
        if area_report.compiled_at
        else timezone.localdate(),
        "period_label": period_label,
        "area_in_text": _in_text(area.name),
        "title": f"Tổng hợp kết quả thực hiện dân chủ ở cơ sở {period_label} trên địa bàn {_in_text(area.name)}",
    }


# --- PDF -------------------------------------------------------------------------------------------------


def rollup_pdf(area_report: AreaReport, *, laid_out=None) -> bytes:
    """The roll-up as a report of the Department of Home Affairs (Sở Nội vụ), Decree 30/2020 layout:
    the totals by section, the indicators, the reports late and missing, the signature block, then an
    annex (landscape) with every unit's indicators and report status. `laid_out()` is called between
    the layout (the long part) and the writing of the file."""
    with translation.override("vi"):
        data = summary(area_report)
        if data is None:
            raise ValueError("The roll-up is not compiled yet")
        context = document_context(area_report) | {"area_report": area_report, "summary": data}
        html = render_to_string("reports/pdf/rollup.html", context)
    document = lay_out(html)
    if laid_out:
        laid_out()
    return document.write_pdf()


# --- XLSX ------------------------------------------------------------------------------------------------


def _write(sheet, row: int, values, *, bold: bool = False, indent: int = 0) -> None:
    """One row, typed: strings formula-safe and explicit, numbers as numbers, dates as dates."""
    for column, value in enumerate(values, start=1):
        if value is None:
            continue
        cell = sheet.cell(row=row, column=column)
        value = write_value(cell, value)
        cell.alignment = Alignment(
            vertical="top", wrap_text=isinstance(value, str), indent=indent if column == 1 else 0
        )
        if bold:
            cell.font = Font(bold=True)


def _table(sheet, headers, rows, widths) -> None:
    _write(sheet, 1, headers, bold=True)
    for index, values in enumerate(rows, start=2):
        _write(sheet, index, values)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)
    sheet.freeze_panes = "A2"


def _indicator_headers() -> list[str]:
    headers = []
    for _key, label, *_rest in INDICATORS:
        headers += [f"{label}: {_('đạt')}", f"{label}: {_('tổng số')}", f"{label}: {_('tỷ lệ (%)')}"]
    return headers


def _unit_row(number: int, u: UnitLine) -> list:
    values = [number, u.code, u.name, u.kind_label]
    for i in u.indicators:
        values += [i.done, i.total, i.percent]
    return values


def rollup_xlsx(area_report: AreaReport) -> bytes:
    """Three sheets: "Tổng hợp" (the totals by section and the indicators), "Đơn vị" (every unit with
    its indicators: the numbers of the dashboard's table), "Muộn, chưa gửi" (the reports late and
    missing). No formulas: every text cell is written as text, formula-safe."""
    with translation.override("vi"):
        data = summary(area_report)
        if data is None:
            raise ValueError("The roll-up is not compiled yet")
        doc = document_context(area_report)
        book = Workbook()

        sheet = book.active
        sheet.title = SHEETS[0]
        row = 1
        _write(sheet, row, [f"BÁO CÁO {doc['title']}"], bold=True)
        row += 1
        start, end = area_report.period_start, area_report.period_end
        for line in [
            f"{_('Địa bàn')}: {area_report.area.name} ({area_report.area.code})",
            f"{_('Kỳ báo cáo')}: {doc['period_label']} ({start:%d/%m/%Y} – {end:%d/%m/%Y}), "
            f"{_('hạn gửi báo cáo')} {area_report.due_on:%d/%m/%Y}",
            f"{_('Số liệu tổng hợp lúc')}: {timezone.localtime(area_report.compiled_at):%H:%M %d/%m/%Y}",
            f"{_('Số đơn vị')}: {data.communes} {_('xã, phường')}, {data.agencies} {_('cơ quan, đơn vị')}",
        ]:
            _write(sheet, row, [line])
            row += 1
        row += 1
        _write(sheet, row, [_("Nội dung"), _("Số lượng"), _("Trên tổng số"), _("Tỷ lệ (%)")], bold=True)
        header_row = row
        row += 1
        for section in data.sections:
            _write(sheet, row, [section.title], bold=True)
            row += 1
            for line in section.lines:
                _write(sheet, row, [line.label, line.value], indent=2 if line.indent else 0)
                row += 1
        _write(sheet, row, [_("Chỉ số thực hiện (toàn địa bàn)")], bold=True)
        row += 1
        for i in data.indicators:
            _write(sheet, row, [i.label, i.done, i.total, i.percent])
            row += 1
        _write(sheet, row, [_("Tình hình gửi báo cáo của các đơn vị")], bold=True)
        row += 1
        for _status, label, count in data.report_counts:
            _write(sheet, row, [label, count, len(data.units)])
            row += 1
        sheet.column_dimensions["A"].width = MAX_WIDTH + 10
        for column in "BCD":
            sheet.column_dimensions[column].width = 14
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)

        units = book.create_sheet(SHEETS[1])
        headers = [_("STT"), _("Mã"), _("Đơn vị"), _("Loại")] + _indicator_headers()
        headers += [_("Đánh giá chung"), _("Tình trạng báo cáo"), _("Hạn gửi"), _("Ngày gửi")]
        rows = [
            [*_unit_row(n, u), u.status_label, u.report_status_label, u.due_on, u.submitted_at]
            for n, u in enumerate(data.units, start=1)
        ]
        total_row = [None, None, _("Toàn địa bàn"), None]
        for i in data.indicators:
            total_row += [i.done, i.total, i.percent]
        rows.append(total_row)
        _table(units, headers, rows, [6, 12, 34, 14] + [12] * (3 * len(INDICATOR_KEYS)) + [16, 24, 12, 16])

        late = book.create_sheet(SHEETS[2])
        headers = [
            _("STT"),
            _("Mã"),
            _("Đơn vị"),
            _("Loại"),
            _("Tình trạng báo cáo"),
            _("Hạn gửi"),
            _("Ngày gửi"),
        ]
        rows = [
            [n, u.code, u.name, u.kind_label, u.report_status_label, u.due_on, u.submitted_at]
            for n, u in enumerate([*data.late, *data.missing], start=1)
        ]
        if not rows:
            rows = [[None, None, _("Không có đơn vị nào gửi báo cáo muộn hoặc chưa gửi báo cáo.")]]
        _table(late, headers, rows, [6, 12, 40, 16, 24, 12, 16])

        out = io.BytesIO()
        book.save(out)
        return out.getvalue()
