"""The documents of checks and gradings: the conclusions of a check as a PDF in the administrative layout
(Decree 30/2020/NĐ-CP heading, templates/pdf/_heading.html) and the grading as an XLSX for the
emulation council (democracy/xlsx.py)."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from democracy.pdf import place_date, render_pdf
from democracy.xlsx import write_sheet
from units.models import Level

from .grading import Grading
from .models import CheckVisit

NAME_PREFIXES = ("Tỉnh ", "Thành phố ", "Huyện ", "Quận ", "Thị xã ")
IN_TEXT_PREFIXES = (*NAME_PREFIXES, "Xã ", "Phường ", "Đặc khu ", "Thị trấn ")


def _in_text(name: str) -> str:
    """ "Xã Đồng Kỳ" → "xã Đồng Kỳ" (a unit's name inside a sentence); an agency's name stays."""
    return name[:1].lower() + name[1:] if name.startswith(IN_TEXT_PREFIXES) else name


def _short_name(name: str) -> str:
    for prefix in NAME_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def conclusions_context(visit: CheckVisit) -> dict:
    plan = visit.plan
    area = plan.area
    department = "SỞ NỘI VỤ" if area.level == Level.PROVINCE else "PHÒNG NỘI VỤ"
    day = visit.visited_on or timezone.localdate()
    if visit.concluded_at:
        day = timezone.localdate(visit.concluded_at)
    owner = visit.owner
    place = owner.unit.name if visit.agency_id else (owner.parent.name if owner.parent else "")
    return {
        "visit": visit,
        "plan": plan,
        "owner": owner,
        "owner_name": _in_text(owner.name),
        "owner_place": _in_text(place),
        # The People's Committee of a commune receives its conclusions; an agency, itself.
        "recipient": owner.name if visit.agency_id else f"Ủy ban nhân dân {_in_text(owner.name)}",
        "signer_name": plan.team_lead.split(",")[0].strip(),
        "fixes": list(visit.fixes.all()),
        "parent_issuer": f"Ủy ban nhân dân {area.name}".upper(),
        "issuer_lines": [department],
        "number": visit.number or "\u2026\u2026\u2026/KL-ĐKT",
        "place_date": place_date(_short_name(area.name), day),
        "team": plan.team_members,
    }


def conclusions_pdf(visit: CheckVisit) -> bytes:
    """Vietnamese whatever the reader's language: it is an administrative document."""
    with translation.override("vi"):
        return render_pdf("checks/pdf/conclusions.html", conclusions_context(visit))


def grading_xlsx(grading: Grading) -> bytes:
    scheme = grading.scheme
    lines = scheme.lines
    headers = [_("Hạng"), _("Mã"), _("Đơn vị")]
    for _key, label, weight in lines:
        headers += [
            _("%(label)s: đạt/tổng") % {"label": label},
            _("%(label)s: điểm (trọng số %(weight)d)") % {"label": label, "weight": weight},
        ]
    headers += [_("Tổng trọng số tính"), _("Điểm (thang 100)"), _("Đề nghị khen thưởng")]
    rows = []
    for g in grading.grades:
        row = [g.rank or "", g.owner.code, g.name]
        for line in g.lines:
            row.append(f"{line.done}/{line.total}" if line.total else _("Không phát sinh"))
            row.append(round(float(line.points), 2) if line.points is not None else "")
        row += [
            g.weight_counted,
            g.rounded if g.rounded is not None else _("Chưa chấm"),
            _("Có") if g.proposed else "",
        ]
        rows.append(row)
    rows.append([])
    rows.append(
        [
            "",
            "",
            _("Đề nghị khen thưởng khi đạt từ %(score)d điểm; %(n)d đơn vị")
            % {"score": scheme.commend_from, "n": len(grading.proposed)},
        ]
    )
    return write_sheet(headers, rows, sheet_title=_("Chấm điểm %(year)d") % {"year": scheme.year})
