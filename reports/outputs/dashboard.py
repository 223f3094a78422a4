"""The compliance dashboard's table as a spreadsheet (the reviewer's "Tải bảng XLSX")."""

from django.utils.translation import gettext as _

from democracy.xlsx import write_sheet
from units.models import UnitType

from .. import compliance as comp


def xlsx_table(result: comp.Area, rows) -> tuple[list[str], list[list]]:
    """The dashboard's table as spreadsheet rows: code, name, type, each indicator (done, total, %),
    report status, overall status; a last row with the area's totals."""
    types = dict(UnitType.choices)
    headers = [_("Mã"), _("Tên đơn vị"), _("Loại")]
    for _key, label, *_rest in comp.INDICATORS:
        headers += [f"{label}: {_('đạt')}", f"{label}: {_('tổng số')}", f"{label}: %"]
    headers += [_("Báo cáo"), _("Đánh giá chung")]

    def numbers(indicators):
        cells = []
        for i in indicators:
            cells += [i.done, i.total, i.percent]
        return cells

    body = []
    for row in rows:
        kind = _("Cơ quan, đơn vị") if row.is_agency else str(types.get(row.owner.type, ""))
        body.append(
            [
                row.code,
                row.name,
                kind,
                *numbers(row.indicators),
                str(row.report_status_label),
                str(row.status_label),
            ]
        )
    body.append(["", _("Tổng cộng toàn địa bàn"), "", *numbers(result.indicators), "", ""])
    return headers, body


def dashboard_xlsx(result: comp.Area, rows, *, period_key: str) -> bytes:
    headers, body = xlsx_table(result, rows)
    return write_sheet(headers, body, sheet_title=f"{_('Tuân thủ')} {period_key}")
