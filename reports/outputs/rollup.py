"""A roll-up as a document: the PDF (a report of the Department of Home Affairs, Decree 30/2020 layout)
and the XLSX, both from the compiled snapshot (`reports.rollup.summary`)."""

import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from democracy.audit import actor_name
from democracy.pdf import lay_out, place_date
from democracy.periods import KIND_LABELS
from democracy.xlsx import MAX_WIDTH, write_value
from units.models import AdministrativeUnit, Level

from ..compliance import INDICATOR_KEYS, INDICATORS
from ..models import AreaReport, ReportState
from ..rollup import UnitLine, summary

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
    sent = area_report.state == ReportState.SUBMITTED and area_report.submitted_at
    if sent:
        date = timezone.localdate(area_report.submitted_at)
    else:
        date = (
            timezone.localdate(area_report.compiled_at) if area_report.compiled_at else timezone.localdate()
        )
    return {
        "parent_issuer": f"Ủy ban nhân dân {province.name}".upper(),
        "issuer_lines": ["SỞ NỘI VỤ"],
        # Signed and sent (issue 14): its number, date, signer and recipients; a draft keeps the blanks.
        "number": area_report.number if sent else "\u2026\u2026\u2026/BC-SNV",
        "recipients": area_report.recipient_lines if sent else [],
        "signer_title": area_report.signer_title if sent else "",
        "signer_name": actor_name(area_report.signed_by) if sent else "",
        "place": _short_name(province),
        "date": date,
        "place_date": place_date(_short_name(province), date),
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
