"""A unit report as a PDF (the Vietnamese administrative layout of Decree 30/2020/NĐ-CP, like the other
documents of the portal) and as an XLSX (the figures, then the header and the narrative).

Both are rendered on request from the stored report: the figures are the snapshot taken when the report
was compiled, so the files always say what the report says. Text typed by the clerk is escaped by the
template (PDF) and written as formula-safe string cells (XLSX).
"""

import datetime as dt
import io
import re

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from democracy.pdf import lower_first, place_date, render_pdf, split_type
from democracy.xlsx import MAX_WIDTH, write_value
from units.letterhead import issuer as _agency_issuer
from units.models import Level

from .. import figures as figures_module
from .. import labels
from ..models import ReportState, ReportStatus, UnitReport

DOTS = "……"
ROMAN = re.compile(r"^[IVX]+\. ")
NARRATIVE = (
    ("results", "Kết quả đạt được"),
    ("shortcomings", "Tồn tại, hạn chế và nguyên nhân"),
    ("proposals", "Phương hướng, đề xuất, kiến nghị"),
)


# --- Shared pieces -----------------------------------------------------------------------------------


def _commune(report: UnitReport):
    """The unit the report is about: the commune itself, or the unit an agency sits in."""
    return report.agency.unit if report.agency_id else report.unit


def report_figures(report: UnitReport) -> dict:
    """The stored figures, completed with zeros for any family a report compiled by an older version
    of the portal lacks (so every page, PDF and XLSX can print all sections)."""
    values = figures_module.empty()
    for family, counts in (report.figures or {}).items():
        if isinstance(counts, dict) and family in values:
            values[family] = {**values[family], **counts}
    return values


def report_sections(report: UnitReport) -> list[labels.Section]:
    return labels.sections(report_figures(report), internal=report.is_internal)


def printed_sections(report: UnitReport) -> list[dict]:
    """The sections as the PDF prints them: the numbered ones (I. … V.) as headings, the breakdowns
    under them; main lines numbered 1, 2, … within their section, the "of which" lines indented."""
    printed = []
    for section in report_sections(report):
        number, lines = 0, []
        for line in section.lines:
            if not line.indent:
                number += 1
            lines.append({"number": "" if line.indent else number, "line": line})
        printed.append({"title": section.title, "main": bool(ROMAN.match(section.title)), "lines": lines})
    return printed


def _submitted_on(report: UnitReport) -> dt.date | None:
    return timezone.localdate(report.submitted_at) if report.submitted_at else None


def signer_name(report: UnitReport) -> str:
    if report.signed_by is None:
        return ""
    return report.signed_by.get_full_name().strip() or report.signed_by.get_username()


def signature_lines(report: UnitReport) -> list[str]:
    """ "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"; a deputy signs "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", an acting
    head "Q. CHỦ TỊCH" (Decree 30/2020/NĐ-CP, Appendix I, on the authority to sign)."""
    default = "Thủ trưởng cơ quan, đơn vị" if report.is_internal else "Chủ tịch"
    title = " ".join((report.signer_title or "").split()) or default
    lines = [] if report.is_internal else ["TM. Ủy ban nhân dân"]
    folded = title.casefold()
    if folded.startswith("phó ") and len(title) > 4:
        lines += [f"KT. {title[4:]}", title]
    elif folded.startswith("quyền ") and len(title) > 6:
        lines.append(f"Q. {title[6:]}")
    else:
        lines.append(title)
    return [line.upper() for line in lines]


def _recipients(report: UnitReport) -> list[str]:
    """Who the report goes to: the Department of Home Affairs of the province (a district's office for
    a commune that was under one); an agency of a commune reports to the commune's People's Committee."""
    unit = _commune(report)
    if report.agency_id and unit.level == Level.COMMUNE:
        first = [f"Ủy ban nhân dân {lower_first(unit.name)}"]
    else:
        chain = [*unit.ancestors(), unit]
        province = next((u for u in chain if u.level == Level.PROVINCE), None)
        district = next((u for u in chain if u.level == Level.DISTRICT), None)
        first = []
        if district is not None:
            first.append(f"Phòng Nội vụ {lower_first(district.name)}")
        if province is not None:
            first.append(f"Sở Nội vụ {lower_first(province.name)}")
    if not report.is_internal:
        type_word, _place = split_type(unit.name)
        first.append(f"TT Đảng ủy, HĐND {(type_word or 'xã').lower()}")
    return [*first, "Lưu: VT"]


def _issuer(report: UnitReport) -> dict:
    if report.agency_id:
        issuer = _agency_issuer(report.agency)
        if len(issuer["issuer_lines"]) > 1:
            # "Văn phòng UBND xã Đồng Kỳ" already names its commune: no "UBND XÃ ĐỒNG KỲ" above it.
            issuer["parent_issuer"] = ""
        return issuer
    # A People's Committee heads its own documents: no authority above it (the brief's layout).
    return {"parent_issuer": "", "issuer_lines": ["ỦY BAN NHÂN DÂN", report.unit.name.upper()]}


def _authority(report: UnitReport) -> str:
    if report.agency_id:
        return report.agency.name
    return f"Ủy ban nhân dân {lower_first(report.unit.name)}"


def file_name(report: UnitReport, extension: str) -> str:
    code = "".join(c if c.isalnum() or c in "-_" else "-" for c in report.owner.code)
    return f"bao-cao-dan-chu-co-so-{code}-{report.key}.{extension}"


# --- PDF ---------------------------------------------------------------------------------------------


def pdf_context(report: UnitReport) -> dict:
    unit = _commune(report)
    _type_word, place = split_type(unit.name)
    submitted = report.state == ReportState.SUBMITTED
    suffix = "BC" if report.is_internal else "BC-UBND"
    number = report.number if submitted and report.number else f"{DOTS}/{suffix}"
    return {
        **_issuer(report),
        "report": report,
        "internal": report.is_internal,
        "submitted": submitted,
        "number": number,
        "place": place,
        "date": _submitted_on(report),
        "place_date": place_date(
            place, _submitted_on(report), year=(_submitted_on(report) or timezone.localdate()).year
        ),
        "authority": _authority(report),
        "period_label": report.period_label,
        "sections": printed_sections(report),
        "compiled_at": timezone.localtime(report.compiled_at),
        "recipients": _recipients(report),
        "signature_lines": signature_lines(report),
        "signer_name": signer_name(report) if submitted else "",
        "dots": "……………………",
    }


def unit_report_pdf(report: UnitReport) -> bytes:
    return render_pdf("reports/pdf/unit_report.html", pdf_context(report))


# --- XLSX --------------------------------------------------------------------------------------------


def _figure_rows(report: UnitReport) -> list[tuple]:
    rows = []
    for section in report_sections(report):
        for line in section.lines:
            rows.append((section.title, line.label, line.value, line.indent))
    return rows


def _header_rows(report: UnitReport) -> list[tuple[str, object]]:
    owner = report.owner
    unit = _commune(report)
    rows = [
        ("Cơ quan báo cáo", _authority(report)),
        ("Mã đơn vị", owner.code),
    ]
    if report.agency_id:
        rows.append(("Địa bàn", unit.name))
    rows += [
        ("Kỳ báo cáo", report.period_label),
        ("Từ ngày", report.period_start),
        ("Đến ngày", report.period_end),
        ("Hạn gửi", report.due_on),
        ("Cách tính hạn", report.due_explanation),
        ("Trạng thái", report.get_state_display()),
        ("Tình trạng", str(ReportStatus(report.status()).label)),
        ("Số báo cáo", report.number),
        ("Số liệu tổng hợp lúc", report.compiled_at),
        ("Thời điểm gửi", report.submitted_at),
        ("Người ký", signer_name(report)),
        ("Chức vụ người ký", report.signer_title),
    ]
    rows += [(label, getattr(report, name)) for name, label in NARRATIVE]
    return rows


def _write(cell, value, *, wrap=False):
    write_value(cell, value)
    cell.alignment = Alignment(vertical="top", wrap_text=wrap)


def _headers(sheet, headers):
    for column, title in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=column)
        _write(cell, title)
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def unit_report_xlsx(report: UnitReport) -> bytes:
    """Two sheets: the figures (section, indicator, value) and the header with the narrative."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    _headers(sheet, ["Mục", "Chỉ tiêu", "Số liệu"])
    for r, (section, label, value, indent) in enumerate(_figure_rows(report), start=2):
        _write(sheet.cell(row=r, column=1), section, wrap=True)
        _write(sheet.cell(row=r, column=2), label, wrap=True)
        if indent:
            sheet.cell(row=r, column=2).alignment = Alignment(vertical="top", wrap_text=True, indent=2)
        _write(sheet.cell(row=r, column=3), value)
    for column, width in enumerate((38, 70, 10), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width

    info = book.create_sheet("Thông tin, đánh giá")
    _headers(info, ["Mục", "Nội dung"])
    for r, (label, value) in enumerate(_header_rows(report), start=2):
        _write(info.cell(row=r, column=1), label)
        _write(info.cell(row=r, column=2), value if value is not None else "", wrap=True)
    info.column_dimensions["A"].width = 26
    info.column_dimensions["B"].width = MAX_WIDTH + 30

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
