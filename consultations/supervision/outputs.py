"""The boards' printable documents (PDF, Decree 30/2020/NĐ-CP layout): the board's report to the Front
(or the union) and an inspection's plan and findings. The issuer is the board itself, under the Front
committee (or the agency) that directs it."""

from django.utils import timezone

from democracy.pdf import lower_first, place_date, render_pdf, split_type
from units.models import Level

from .models import Board, BoardKind, BoardReport, Inspection, MemberRole

DOTS = "……………………"
SHORT = "………"  # the number left to write by hand, short enough for the number line


def _commune(board: Board):
    unit = board.agency.unit if board.agency_id else board.unit
    return unit.parent if unit.level == Level.VILLAGE and unit.parent_id else unit


def _base(board: Board, date) -> dict:
    commune = _commune(board)
    type_word, place = split_type(commune.name)
    if board.kind == BoardKind.AGENCY:
        parent = f"CÔNG ĐOÀN {board.agency.name.upper()}"
        to = f"Ban Chấp hành Công đoàn {board.agency.name}"
    else:
        parent = f"ỦY BAN MTTQ VIỆT NAM {commune.name.upper()}"
        to = f"Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam {lower_first(commune.name)}"
    chair = board.members.filter(until__isnull=True, role=MemberRole.CHAIR).first()
    return {
        "parent_issuer": parent,
        "issuer_lines": [board.name.upper()],
        "place_date": place_date(place, date),
        "number": f"{SHORT}/BC-BTTND" if board.kind != BoardKind.INVESTMENT else f"{SHORT}/BC-GSĐTCĐ",
        "board": board,
        "front": to,
        "unit_name": lower_first(commune.name),
        "unit_word": type_word.lower() or "xã",
        "chair": chair.full_name if chair else DOTS,
        "dots": DOTS,
    }


def report_context(report: BoardReport) -> dict:
    board = report.board
    return {
        **_base(board, report.sent_on),
        "report": report,
        "kind_label": report.get_kind_display(),
        "plans": list(board.plans.filter(filed_on__lte=report.period_end, year__gte=report.period_start.year)),
        "inspections": list(board.inspections.filter(starts_on__gte=report.period_start, starts_on__lte=report.period_end)),
        "recommendations": list(board.recommendations.filter(made_on__gte=report.period_start, made_on__lte=report.period_end)),
        "today": timezone.localdate(),
    }  # fmt: skip


def report_pdf(report: BoardReport) -> bytes:
    return render_pdf("supervision/pdf/report.html", report_context(report))


def inspection_context(inspection: Inspection) -> dict:
    board = inspection.board
    base = _base(board, inspection.plan_sent_on)
    base["number"] = f"{SHORT}/KH-BTTND" if board.kind != BoardKind.INVESTMENT else f"{SHORT}/KH-GSĐTCĐ"
    return {**base, "inspection": inspection, "recommendations": list(inspection.recommendations.all())}


def inspection_pdf(inspection: Inspection) -> bytes:
    return render_pdf("supervision/pdf/inspection.html", inspection_context(inspection))
