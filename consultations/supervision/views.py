"""The boards' staff pages: a commune's or an agency's boards, a board's page (members, vacancies, plans,
inspections, recommendations, reports), the forms that change them, and the two PDFs. Each view loads
through `access`, acts through one function of `actions`, and renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from democracy.audit import trail
from democracy.downloads import generated_download
from democracy.forms import add_action_errors
from disclosures.models import Disclosure
from units.models import is_agency

from ..actions.recommendations import answer_basis, answer_days
from ..models import Meeting, Recommendation
from . import actions, outputs
from .access import (
    get_board_for_user,
    get_inspection_for_user,
    get_member_for_user,
    get_owner_for_boards,
    get_report_for_user,
    kinds_for,
)
from .forms import (
    BoardForm,
    BoardRecommendationForm,
    DayForm,
    ElectionForm,
    FindingsForm,
    InspectionForm,
    LeaveForm,
    MemberForm,
    PlanForm,
    RecognitionForm,
    ReportForm,
)
from .models import Board, BoardKind, BoardState, InspectionState

FORM = "supervision/form.html"


def _today_text():
    return timezone.localdate().strftime("%d/%m/%Y")


def _board_url(board):
    return reverse("supervision:board", args=[board.pk])


def _form_page(request, form, *, title, board=None, owner=None, intro="", submit=None):
    return render(request, FORM, {"form": form, "title": title, "board": board, "owner": owner or board.owner,
                                  "intro": intro, "submit": submit or _("Lưu")})  # fmt: skip


def _act(request, form, do, success):
    """On a valid POST, run `do(cleaned_data)`; its ValidationError goes back on the form. Returns the
    result, or None when the form is shown again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = do(form.cleaned_data)
    except ValidationError as error:
        add_action_errors(form, error)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return result


# --- A commune's or an agency's boards ------------------------------------------------------------------


def _list(request, allowed):
    owner = allowed.obj
    today = timezone.localdate()
    boards = list(
        Board.objects.of(owner).annotate(
            current=Count("members", filter=Q(members__until__isnull=True), distinct=True),
            late_reports=Count("reports", filter=Q(reports__sent_on__gt=F("reports__due_on")), distinct=True),
        )
    )
    for b in boards:
        b.overdue = b.recognition_overdue(today)
    return render(request, "supervision/board_list.html", {
        "owner": owner, "internal": is_agency(owner), "boards": boards, "can_compose": allowed.can_compose,
    })  # fmt: skip


@login_required
def boards(request, code):
    return _list(request, get_owner_for_boards(request, code))


@login_required
def boards_for_agency(request, code):
    return _list(request, get_owner_for_boards(request, code, agency=True))


def _create(request, allowed):
    owner = allowed.obj
    disclosures = (
        Disclosure.objects.none()
        if is_agency(owner)
        else Disclosure.objects.filter(unit=owner).order_by("-pk")
    )
    form = BoardForm(request.POST or None, kinds=kinds_for(is_agency(owner)), disclosures=disclosures)
    board = _act(request, form, lambda d: actions.create_board(owner=owner, by=request.user, **d),
                 _("Đã tạo Ban; hãy ghi danh sách thành viên đã bầu."))  # fmt: skip
    if board:
        return redirect(_board_url(board))
    return _form_page(request, form, title=_("Ban mới"), owner=owner,
                      intro=_("Ban Thanh tra nhân dân (Điều 36, 60), Ban Giám sát đầu tư của cộng đồng (Điều 41)."))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def board_create(request, code):
    return _create(request, get_owner_for_boards(request, code, need="compose"))


@login_required
@require_http_methods(["GET", "POST"])
def board_create_for_agency(request, code):
    return _create(request, get_owner_for_boards(request, code, agency=True, need="compose"))


# --- A board ------------------------------------------------------------------------------------------


@login_required
def board(request, pk):
    allowed = get_board_for_user(request, pk)
    board = allowed.obj
    today = timezone.localdate()
    members = list(board.members.select_related("village"))
    current = [m for m in members if m.until is None]
    covered = {m.village_id for m in current}
    vacancies = (
        [v for v in actions.villages_of(board) if v.pk not in covered]
        if board.kind == BoardKind.COMMUNE
        else []
    )
    recommendations = list(
        Recommendation.objects.filter(board=board).defer("text", "answer").order_by("-made_on", "-pk")
    )
    for r in recommendations:
        r.overdue = r.is_overdue(today)
        r.late = r.answered_on is not None and r.answered_on > r.due_on
    reports = list(board.reports.all())
    by_election = None
    if board.state == BoardState.RECOGNISED:
        by_election = actions.by_election_refusal(board, today)
    return render(request, "supervision/board_detail.html", {
        "board": board, "allowed": allowed, "members": current, "former": [m for m in members if m.until],
        "vacancies": vacancies, "problems": actions.composition_errors(board, current)
        if board.state in (BoardState.COMPOSING, BoardState.ELECTED) else [],
        "plans": list(board.plans.all()), "inspections": list(board.inspections.all()),
        "recommendations": recommendations, "reports": reports,
        "rules": list(actions.rules_of(board.kind).values()), "by_election_refusal": by_election,
        "recognition_overdue": board.recognition_overdue(today), "notice_late": board.investor_notice_late(),
        "audit": trail(board), "today": today,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, pk):
    """A member of the list being composed, or (once recognised) a by-election (Art. 36(2))."""
    board = get_board_for_user(request, pk, need="compose").obj
    composing = board.state == BoardState.COMPOSING
    if not composing and board.state != BoardState.RECOGNISED:
        raise Http404
    form = MemberForm(
        request.POST or None, villages=actions.villages_of(board), initial={"since": _today_text()}
    )
    do = actions.add_member if composing else actions.by_elect
    if _act(request, form, lambda d: do(board, by=request.user, **d), _("Đã ghi thành viên.")):
        return redirect(_board_url(board))
    return _form_page(request, form, board=board, title=_("Thêm thành viên") if composing else _("Bầu bổ sung"),
                      intro="" if composing else actions.by_election_refusal(board, timezone.localdate()) or "")  # fmt: skip


@login_required
@require_POST
def member_remove(request, pk):
    member, _allowed = get_member_for_user(request, pk, need="compose")
    try:
        actions.remove_member(member, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã bỏ tên khỏi danh sách."))
    return redirect(_board_url(member.board))


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request, pk):
    member, _allowed = get_member_for_user(request, pk, need="compose")
    form = LeaveForm(request.POST or None, initial={"on": _today_text()})
    if _act(
        request,
        form,
        lambda d: actions.member_leaves(member, by=request.user, **d),
        _("Đã ghi thành viên thôi làm nhiệm vụ."),
    ):
        return redirect(_board_url(member.board))
    return _form_page(
        request, form, board=member.board, title=_("Thôi làm nhiệm vụ: %(name)s") % {"name": member.full_name}
    )


@login_required
@require_http_methods(["GET", "POST"])
def election(request, pk):
    board = get_board_for_user(request, pk, need="compose").obj
    meetings = Meeting.objects.filter(
        Q(unit=board.unit) | Q(unit__parent=board.unit) if board.unit_id else Q(agency=board.agency)
    ).order_by("-held_at")
    form = ElectionForm(request.POST or None, meetings=meetings, initial={"elected_on": _today_text()})
    done = _act(request, form, lambda d: actions.record_election(board, by=request.user, **d),
                _("Đã ghi kết quả bầu; Ban chờ công nhận."))  # fmt: skip
    if done:
        return redirect(_board_url(board))
    return _form_page(request, form, board=board, title=_("Kết quả bầu Ban"),
                      intro=_("Danh sách thành viên được kiểm tra theo quy định về số lượng trước khi ghi."))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def recognition(request, pk):
    board = get_board_for_user(request, pk, need="recognise").obj
    form = RecognitionForm(request.POST or None, initial={"on": _today_text()})

    def do(d):
        if d["decision"] == "refuse":
            return actions.refuse_board(board, by=request.user, reason=d["reason"])
        return actions.recognise_board(board, by=request.user, on=d["on"], number=d["number"])

    if _act(request, form, do, _("Đã ghi quyết định về kết quả bầu.")):
        return redirect(_board_url(board))
    return _form_page(request, form, board=board, title=_("Công nhận kết quả bầu Ban"))


@login_required
@require_http_methods(["GET", "POST"])
def investor_notice(request, pk):
    board = get_board_for_user(request, pk, need="recognise").obj
    if board.kind != BoardKind.INVESTMENT:
        raise Http404
    form = DayForm(request.POST or None, initial={"on": _today_text()})
    if _act(
        request,
        form,
        lambda d: actions.notify_investor(board, by=request.user, **d),
        _("Đã ghi ngày thông báo cho chủ đầu tư."),
    ):
        return redirect(_board_url(board))
    intro = (
        _("Hạn thông báo (Điều 45 khoản 1): %(day)s.") % {"day": f"{board.investor_notice_due:%d/%m/%Y}"}
        if board.investor_notice_due
        else ""
    )
    return _form_page(
        request, form, board=board, title=_("Thông báo kế hoạch giám sát cho chủ đầu tư"), intro=intro
    )


# --- The board's work -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, pk):
    board = get_board_for_user(request, pk, need="act").obj
    today = timezone.localdate()
    form = PlanForm(request.POST or None, initial={"year": today.year, "number": (today.month - 1) // 3 + 1,
                                                   "filed_on": _today_text()})  # fmt: skip
    if _act(request, form, lambda d: actions.file_plan(board, by=request.user, **{**d, "number": d["number"] or 0}),
            _("Đã lưu kế hoạch.")):  # fmt: skip
        return redirect(_board_url(board))
    return _form_page(request, form, board=board, title=_("Kế hoạch hoạt động"),
                      intro=_("Theo quý, 6 tháng, năm (Điều 39 khoản 2, Điều 62 khoản 2)."))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request, pk):
    board = get_board_for_user(request, pk, need="act").obj
    form = InspectionForm(request.POST or None, plans=board.plans.all(), initial={
        "plan_sent_on": _today_text(),
        "sent_to": _("Ban Thường trực Ủy ban Mặt trận Tổ quốc xã; Chủ tịch Ủy ban nhân dân xã; đối tượng được kiểm tra")
        if board.unit_id else _("Ban Chấp hành Công đoàn; đối tượng được kiểm tra"),
    })  # fmt: skip
    inspection = _act(request, form, lambda d: actions.announce_inspection(board, by=request.user, **d),
                      _("Đã ghi kế hoạch kiểm tra."))  # fmt: skip
    if inspection:
        return redirect("supervision:inspection", pk=inspection.pk)
    computed, rule = actions.earliest_start(board, timezone.localdate())
    intro = (_("Theo %(article)s, kế hoạch gửi trước ít nhất %(n)s ngày làm việc: gửi hôm nay thì sớm nhất %(day)s.")
             % {"article": rule.article, "n": rule.value, "day": f"{computed.date:%d/%m/%Y}"}) if rule else ""  # fmt: skip
    return _form_page(request, form, board=board, title=_("Kế hoạch kiểm tra"), intro=intro)


@login_required
@require_http_methods(["GET", "POST"])
def inspection(request, pk):
    inspection, allowed = get_inspection_for_user(
        request, pk, need="act" if request.method == "POST" else None
    )
    form = FindingsForm(request.POST or None, initial={"concluded_on": _today_text()})
    if inspection.state == InspectionState.ANNOUNCED and _act(
        request,
        form,
        lambda d: actions.record_findings(inspection, by=request.user, **d),
        _("Đã ghi kết quả kiểm tra."),
    ):
        return redirect("supervision:inspection", pk=inspection.pk)
    return render(request, "supervision/inspection_detail.html", {
        "inspection": inspection, "board": inspection.board, "allowed": allowed, "form": form,
        "recommendations": list(inspection.recommendations.all()), "audit": trail(inspection),
    })  # fmt: skip


@login_required
def inspection_pdf(request, pk):
    inspection, _allowed = get_inspection_for_user(request, pk)
    return generated_download(outputs.inspection_pdf(inspection), filename=f"kiem-tra-{inspection.pk}.pdf",
                              content_type="application/pdf", inline=True)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request, pk):
    board = get_board_for_user(request, pk, need="act").obj
    owner = board.owner
    inspection_id = request.GET.get("inspection", "")
    form = BoardRecommendationForm(request.POST or None, inspections=board.inspections.all(), initial={
        "made_on": _today_text(), "addressed_to": str(owner),
        "inspection": inspection_id if inspection_id.isdigit() else None})  # fmt: skip
    r = _act(request, form, lambda d: actions.recommend(board, by=request.user, **d),
             lambda r: _("Đã ghi kiến nghị; hạn trả lời: %(day)s.") % {"day": f"{r.due_on:%d/%m/%Y}"})  # fmt: skip
    if r:
        return redirect("consultations:recommendation_detail", pk=r.pk)
    intro = _("Kiến nghị phải được trả lời trong %(n)s ngày kể từ ngày nhận (%(basis)s).") % {
        "n": answer_days(owner), "basis": answer_basis(owner)}  # fmt: skip
    return _form_page(request, form, board=board, title=_("Kiến nghị của Ban"), intro=intro)


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, pk):
    board = get_board_for_user(request, pk, need="act").obj
    form = ReportForm(request.POST or None, initial={"sent_on": _today_text()})
    report = _act(
        request, form, lambda d: actions.send_report(board, by=request.user, **d), _("Đã gửi báo cáo.")
    )
    if report:
        return redirect("supervision:report", pk=report.pk)
    return _form_page(request, form, board=board, title=_("Báo cáo của Ban"),
                      intro=_("Báo cáo gửi %(to)s: quý, 6 tháng, năm, nhiệm kỳ, đột xuất (Điều 39 khoản 3, Điều 44, Điều 62 khoản 3).")
                      % {"to": board.front_word})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk):
    report, allowed = get_report_for_user(request, pk, need="receive" if request.method == "POST" else None)
    form = DayForm(request.POST or None, initial={"on": _today_text()})
    if not report.received_on and _act(request, form, lambda d: actions.receive_report(report, by=request.user, **d),
                                       _("Đã tiếp nhận báo cáo.")):  # fmt: skip
        return redirect("supervision:report", pk=report.pk)
    return render(request, "supervision/report_detail.html", {
        "report": report, "board": report.board, "allowed": allowed, "form": form, "audit": trail(report),
    })  # fmt: skip


@login_required
def report_pdf(request, pk):
    report, _allowed = get_report_for_user(request, pk)
    return generated_download(outputs.report_pdf(report), filename=f"bao-cao-ban-{report.pk}.pdf",
                              content_type="application/pdf", inline=True)  # fmt: skip
