"""Every change to a board and its work, one function each, audited in the same transaction.

The law's numbers come from `BoardRule` (with their article); a refusal names the article."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.audit import record
from democracy.calendar import add_working_days
from democracy.models import Action
from democracy.transitions import move
from units.models import Level, is_agency, owner_fields

from ..actions.recommendations import make_recommendation
from .models import (
    Board,
    BoardKind,
    BoardReport,
    BoardRule,
    BoardState,
    Inspection,
    InspectionState,
    Member,
    MemberRole,
    PlanPeriod,
    ReportKind,
    WorkPlan,
    months_between,
)

Key = BoardRule.Key


def rule(kind: str, key: str) -> BoardRule | None:
    return BoardRule.objects.filter(kind=kind, key=key).first()


def rules_of(kind: str) -> dict[str, BoardRule]:
    return {r.key: r for r in BoardRule.objects.filter(kind=kind)}


def _today():
    return timezone.localdate()


def villages_of(board: Board):
    """The villages and residential groups of a commune board's commune (current ones)."""
    from units.models import AdministrativeUnit

    if board.kind != BoardKind.COMMUNE or not board.unit_id:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.current().filter(parent_id=board.unit_id, level=Level.VILLAGE)


# --- The law's size rules --------------------------------------------------------------------------


def composition_errors(board: Board, members=None) -> list[str]:
    """What the board's current members break of the size rules, each message citing its article."""
    members = list(members if members is not None else board.members.filter(until__isnull=True))
    rules = rules_of(board.kind)
    errors = []
    n = len(members)
    if (r := rules.get(Key.MIN_MEMBERS)) and n < r.value:
        errors.append(
            _("Ban có %(n)s thành viên; theo %(article)s, Ban phải có ít nhất %(min)s thành viên.")
            % {"n": n, "min": r.value, "article": r.article}
        )
    if (r := rules.get(Key.MAX_MEMBERS)) and n > r.value:
        errors.append(
            _("Ban có %(n)s thành viên; theo %(article)s, Ban có không quá %(max)s thành viên.")
            % {"n": n, "max": r.value, "article": r.article}
        )
    if (r := rules.get(Key.ONE_PER_VILLAGE)) and r.value:
        villages = list(villages_of(board))
        covered = {m.village_id for m in members}
        missing = [v.name for v in villages if v.pk not in covered]
        if missing:
            errors.append(
                _("Theo %(article)s, mỗi thôn, tổ dân phố có thành viên trong Ban; chưa có: %(missing)s.")
                % {"article": r.article, "missing": ", ".join(missing)}
            )
        floor = rules[Key.MIN_MEMBERS].value if Key.MIN_MEMBERS in rules else 0
        if villages and n > max(len(villages), floor):
            errors.append(
                _(
                    "Ban có %(n)s thành viên; theo %(article)s, số thành viên tương ứng với số thôn, "
                    "tổ dân phố (%(villages)s), không ít hơn %(min)s."
                )
                % {"n": n, "villages": len(villages), "min": floor, "article": r.article}
            )
    if (r := rules.get(Key.MAX_VICE_CHAIRS)) is not None:
        vices = sum(1 for m in members if m.role == MemberRole.VICE_CHAIR)
        if vices > r.value:
            errors.append(
                _("Ban có %(n)s Phó Trưởng ban; theo %(article)s, có không quá %(max)s Phó Trưởng ban.")
                % {"n": vices, "max": r.value, "article": r.article}
            )
    chairs = sum(1 for m in members if m.role == MemberRole.CHAIR)
    if chairs > 1:
        errors.append(_("Ban chỉ có một Trưởng ban (đang có %(n)s).") % {"n": chairs})
    return errors


# --- The board and its members ------------------------------------------------------------------------


@transaction.atomic
def create_board(
    *, owner, by, kind: str, name: str, term_start: dt.date, term_end: dt.date, project: str = "",
    investor: str = "", disclosure=None, supervision_starts_on: dt.date | None = None,
) -> Board:  # fmt: skip
    """A board being composed. An agency's is a People's Inspection Board of the agency, not set up where
    the agency has no more people than the exemption (Art. 60(1)); an investment board names its project."""
    errors = {}
    agency = is_agency(owner)
    if agency != (kind == BoardKind.AGENCY):
        errors["kind"] = (
            _("Cơ quan, đơn vị chỉ có Ban Thanh tra nhân dân của cơ quan (Điều 60).")
            if agency
            else _("Ban Thanh tra nhân dân cơ quan, đơn vị được lập ở trang của cơ quan, đơn vị.")
        )
    if not agency and owner.level != Level.COMMUNE:
        errors["kind"] = _("Ban được lập ở cấp xã, phường, đặc khu.")
    if not name.strip():
        errors["name"] = _("Hãy nhập tên Ban.")
    if term_end < term_start:
        errors["term_end"] = _("Ngày kết thúc nhiệm kỳ không được trước ngày bắt đầu.")
    if agency and not errors:
        if (r := rule(kind, Key.EXEMPT_STAFF)) and owner.staff_count <= r.value:
            errors["kind"] = _(
                "%(agency)s có %(n)s người; theo %(article)s, cơ quan, đơn vị có không quá %(max)s người "
                "không tổ chức Ban Thanh tra nhân dân (Ban Chấp hành Công đoàn thực hiện nhiệm vụ của Ban, "
                "Điều 63 khoản 2)."
            ) % {"agency": owner.name, "n": owner.staff_count, "max": r.value, "article": r.article}
        if (r := rule(kind, Key.TERM_MONTHS)) and months_between(term_start, term_end) >= r.value:
            errors["term_end"] = _("Theo %(article)s, nhiệm kỳ của Ban là %(n)s tháng.") % {
                "article": r.article, "n": r.value,
            }  # fmt: skip
    notice_due = None
    if kind == BoardKind.INVESTMENT:
        if not project.strip():
            errors["project"] = _("Ban Giám sát đầu tư của cộng đồng được thành lập theo từng chương trình, dự án (Điều 41): hãy nhập tên dự án.")  # fmt: skip
        if not investor.strip():
            errors["investor"] = _("Hãy nhập chủ đầu tư.")
        if supervision_starts_on is None:
            errors["supervision_starts_on"] = _("Hãy nhập ngày dự kiến bắt đầu giám sát (Điều 45 khoản 1).")
        elif (r := rule(kind, Key.INVESTOR_NOTICE_DAYS)) is not None:
            notice_due = supervision_starts_on - dt.timedelta(days=r.value)
        if disclosure is not None and disclosure.unit_id != getattr(owner, "pk", None):
            errors["disclosure"] = _("Thông tin công khai phải là của chính xã này.")
    if errors:
        raise ValidationError(errors)
    board = Board.objects.create(
        **owner_fields(owner), kind=kind, name=name.strip(), term_start=term_start, term_end=term_end,
        project=project.strip(), investor=investor.strip(), disclosure=disclosure,
        supervision_starts_on=supervision_starts_on if kind == BoardKind.INVESTMENT else None,
        investor_notice_due=notice_due, created_by=by,
    )  # fmt: skip
    record(board, by=by, action=Action.CREATED, changes={"kind": kind, "name": board.name,
           "term_start": term_start, "term_end": term_end, "investor_notice_due": notice_due})  # fmt: skip
    return board


def _member_errors(board: Board, *, full_name: str, village, on: dt.date) -> dict:
    errors = {}
    if not full_name.strip():
        errors["full_name"] = _("Hãy nhập họ và tên.")
    if village is not None and (village.parent_id != board.unit_id or village.level != Level.VILLAGE):
        errors["village"] = _("Thôn, tổ dân phố phải thuộc %(unit)s.") % {"unit": board.owner}
    if board.kind == BoardKind.COMMUNE and village is None:
        errors["village"] = _("Thành viên Ban Thanh tra nhân dân xã được bầu từ một thôn, tổ dân phố (Điều 36 khoản 1).")  # fmt: skip
    if on > _today():
        errors["since"] = _("Ngày không được sau ngày hôm nay.")
    return errors


@transaction.atomic
def add_member(
    board: Board, *, by, full_name: str, role: str, since: dt.date, village=None, group: str = ""
) -> Member:
    """A member on the list being composed (before the election is recorded)."""
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.state != BoardState.COMPOSING:
        raise ValidationError(
            _("Ban đã bầu xong: thành viên mới chỉ vào Ban qua bầu bổ sung (Điều 36 khoản 2).")
        )
    errors = _member_errors(board, full_name=full_name, village=village, on=since)
    if errors:
        raise ValidationError(errors)
    member = Member.objects.create(
        board=board, full_name=full_name.strip(), role=role, village=village, group=group.strip(), since=since
    )
    record(
        board,
        by=by,
        action=Action.MEMBER_ADDED,
        changes={"member": str(member), "village": str(village or "")},
    )
    return member


@transaction.atomic
def remove_member(member: Member, *, by) -> None:
    """A name taken off the list while it is still being composed (nothing elected is deleted)."""
    board = Board.objects.select_for_update().get(pk=member.board_id)
    if board.state != BoardState.COMPOSING:
        raise ValidationError(
            _("Ban đã bầu xong: thành viên thôi làm nhiệm vụ được ghi ngày thôi, không bị xóa.")
        )
    record(board, by=by, action=Action.MEMBER_REMOVED, changes={"member": str(member)})
    member.delete()


@transaction.atomic
def record_election(
    board: Board, *, by, elected_on: dt.date, meeting=None, decision=None, note: str = "",
    recognition_due: dt.date | None = None,
) -> Board:  # fmt: skip
    """The election held: the list is checked against the law's size rules (refused with the article);
    the recognition's deadline is the rule's working days after the election where a rule sets it (an
    agency's union: Decree 59 Art. 20), else the date the Front gave."""
    board = Board.objects.select_for_update().get(pk=board.pk)
    errors = {}
    if elected_on > _today():
        errors["elected_on"] = _("Ngày bầu không được sau ngày hôm nay.")
    if meeting is None and decision is None and not note.strip():
        errors["note"] = _("Hãy chọn hội nghị, cuộc họp đã bầu hoặc ghi biên bản bầu.")
    for obj, field in ((meeting, "meeting"), (decision, "decision")):
        if (
            obj is not None
            and (obj.unit_id, obj.agency_id) != (board.unit_id, board.agency_id)
            and not (obj.unit_id and obj.unit.parent_id == board.unit_id)
        ):
            errors[field] = _("Phải là của chính %(owner)s hoặc một thôn của xã.") % {"owner": board.owner}
    problems = composition_errors(board)
    if problems:
        errors["__all__"] = problems
    if errors:
        raise ValidationError(errors)
    due, explanation = recognition_due, ""
    if (r := rule(board.kind, Key.RECOGNITION_WORKING_DAYS)) is not None:
        computed = add_working_days(elected_on, r.value, event="Ngày bầu", event_en="Election")
        due, explanation = computed.date, f"{computed.explanation} ({r.article})"
    if not move(
        board, from_states=[BoardState.COMPOSING], to_state=BoardState.ELECTED, elected_on=elected_on,
        elected_at_meeting=meeting, elected_by_decision=decision, election_note=note.strip(),
        recognition_due=due, recognition_due_explanation=explanation,
    ):  # fmt: skip
        raise ValidationError(_("Kết quả bầu đã được ghi."))
    record(board, by=by, action=Action.BOARD_ELECTED, changes={"elected_on": elected_on, "recognition_due": due,
           "members": board.members.filter(until__isnull=True).count()})  # fmt: skip
    return board


@transaction.atomic
def recognise_board(board: Board, *, by, on: dt.date, number: str = "") -> Board:
    """The Front (the union, for an agency) recognises the elected board (Art. 40(2), 45(1), 63(2))."""
    board = Board.objects.select_for_update().get(pk=board.pk)
    errors = {}
    if board.elected_on and on < board.elected_on:
        errors["on"] = _("Ngày công nhận không được trước ngày bầu (%(day)s).") % {
            "day": f"{board.elected_on:%d/%m/%Y}"
        }
    elif on > _today():
        errors["on"] = _("Ngày công nhận không được sau ngày hôm nay.")
    if problems := composition_errors(board):
        errors["__all__"] = problems
    if errors:
        raise ValidationError(errors)
    if not move(board, from_states=[BoardState.ELECTED], to_state=BoardState.RECOGNISED, recognised_on=on,
                recognition_number=number.strip(), recognised_by=by):  # fmt: skip
        raise ValidationError(_("Chỉ công nhận được Ban đã bầu, đang chờ công nhận."))
    late = board.recognition_due is not None and on > board.recognition_due
    record(
        board,
        by=by,
        action=Action.RECOGNISED,
        changes={"recognised_on": on, "number": number.strip(), "late": late},
    )
    return board


@transaction.atomic
def refuse_board(board: Board, *, by, reason: str) -> Board:
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy nêu lý do không công nhận.")})
    if not move(
        board, from_states=[BoardState.ELECTED], to_state=BoardState.REFUSED, refusal_reason=reason.strip()
    ):
        raise ValidationError(_("Chỉ không công nhận được Ban đã bầu, đang chờ công nhận."))
    record(board, by=by, action=Action.REFUSED, note=reason.strip())
    return board


@transaction.atomic
def member_leaves(member: Member, *, by, on: dt.date, reason: str) -> Member:
    """A member leaves (resigns, moves away, is relieved at the Front's proposal: Art. 36(2)): a vacancy."""
    member = Member.objects.select_for_update().select_related("board").get(pk=member.pk)
    errors = {}
    if member.until is not None:
        errors["__all__"] = _("Thành viên này đã thôi làm nhiệm vụ.")
    if not reason.strip():
        errors["reason"] = _("Hãy nêu lý do thôi làm nhiệm vụ.")
    if on < member.since:
        errors["on"] = _("Ngày thôi không được trước ngày vào Ban.")
    elif on > _today():
        errors["on"] = _("Ngày thôi không được sau ngày hôm nay.")
    if errors:
        raise ValidationError(errors)
    member.until, member.left_reason = on, reason.strip()
    member.save(update_fields=["until", "left_reason"])
    record(
        member.board,
        by=by,
        action=Action.MEMBER_LEFT,
        changes={"member": str(member), "until": on},
        note=reason.strip(),
    )
    return member


def by_election_refusal(board: Board, on: dt.date) -> str | None:
    """Why a by-election on `on` is not held (Art. 36(2): only with ≥ 6 months of the term left)."""
    if (r := rule(board.kind, Key.BY_ELECTION_MONTHS)) is None:
        return None
    left = months_between(on, board.term_end)
    if left < r.value:
        return _(
            "Nhiệm kỳ của Ban còn %(left)s tháng (đến %(end)s); theo %(article)s, chỉ bầu bổ sung khi nhiệm kỳ "
            "còn ít nhất %(n)s tháng."
        ) % {"left": max(left, 0), "end": f"{board.term_end:%d/%m/%Y}", "article": r.article, "n": r.value}
    return None


@transaction.atomic
def by_elect(
    board: Board, *, by, full_name: str, role: str, since: dt.date, village=None, group: str = ""
) -> Member:
    """A member elected to fill a vacancy of a recognised board."""
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.state != BoardState.RECOGNISED:
        raise ValidationError(_("Chỉ bầu bổ sung cho Ban đang hoạt động (đã được công nhận)."))
    errors = _member_errors(board, full_name=full_name, village=village, on=since)
    if since < board.term_start or since > board.term_end:
        errors["since"] = _("Ngày bầu bổ sung phải trong nhiệm kỳ của Ban.")
    elif refusal := by_election_refusal(board, since):
        errors["since"] = refusal
    if errors:
        raise ValidationError(errors)
    member = Member(board=board, full_name=full_name.strip(), role=role, village=village, group=group.strip(),
                    since=since, by_election=True)  # fmt: skip
    current = list(board.members.filter(until__isnull=True))
    # A by-election fills a vacancy: it may not break the size rules the board was recognised under.
    before = set(composition_errors(board, current))
    new = [e for e in composition_errors(board, [*current, member]) if e not in before]
    if new:
        raise ValidationError({"__all__": new})
    member.save()
    record(board, by=by, action=Action.BY_ELECTED, changes={"member": str(member), "since": since})
    return member


@transaction.atomic
def notify_investor(board: Board, *, by, on: dt.date) -> Board:
    """The Front's notice of the supervision plan and the board's members to the investor, due at least
    45 days before the supervision starts (Art. 45(1)). A notice sent later is recorded, and shown late."""
    board = Board.objects.select_for_update().get(pk=board.pk)
    if board.kind != BoardKind.INVESTMENT:
        raise ValidationError(_("Chỉ Ban Giám sát đầu tư của cộng đồng có thông báo cho chủ đầu tư."))
    if on > _today():
        raise ValidationError({"on": _("Ngày thông báo không được sau ngày hôm nay.")})
    if board.investor_notified_on:
        raise ValidationError(_("Thông báo cho chủ đầu tư đã được ghi ngày %(day)s.") % {
            "day": f"{board.investor_notified_on:%d/%m/%Y}"})  # fmt: skip
    board.investor_notified_on = on
    board.save(update_fields=["investor_notified_on"])
    record(board, by=by, action=Action.INVESTOR_NOTIFIED, changes={"on": on, "due": board.investor_notice_due,
           "late": board.investor_notice_late()})  # fmt: skip
    return board


# --- The board's work ----------------------------------------------------------------------------------


def _active(board: Board) -> None:
    if board.state != BoardState.RECOGNISED:
        raise ValidationError(_("Ban chưa được công nhận hoặc đã kết thúc hoạt động."))


@transaction.atomic
def file_plan(
    board: Board, *, by, period: str, year: int, number: int, content: str, filed_on: dt.date
) -> WorkPlan:
    """The board's plan for a quarter (number 1–4), a half-year (1–2), a year or its term (Art. 39(2))."""
    _active(board)
    errors = {}
    limits = {PlanPeriod.QUARTER: 4, PlanPeriod.HALF: 2}
    if period in limits and not 1 <= (number or 0) <= limits[period]:
        errors["number"] = _("Quý từ 1 đến 4, nửa năm 1 hoặc 2.")
    if period not in limits:
        number = 0
    if not content.strip():
        errors["content"] = _("Hãy nhập nội dung kế hoạch.")
    if filed_on > _today():
        errors["filed_on"] = _("Ngày lập không được sau ngày hôm nay.")
    if WorkPlan.objects.filter(board=board, period=period, year=year, number=number).exists():
        errors["__all__"] = _("Ban đã có kế hoạch cho kỳ này.")
    if errors:
        raise ValidationError(errors)
    plan = WorkPlan.objects.create(board=board, period=period, year=year, number=number, content=content.strip(),
                                   filed_on=filed_on, filed_by=by)  # fmt: skip
    record(board, by=by, action=Action.PLAN_FILED, changes={"plan": plan.period_label})
    return plan


def earliest_start(board: Board, plan_sent_on: dt.date):
    """The first day an inspection may start when its plan was sent on `plan_sent_on` (a ComputedDate),
    and the rule (None when no rule applies to the board's kind)."""
    r = rule(board.kind, Key.INSPECTION_NOTICE_WORKING_DAYS)
    if r is None:
        return None, None
    return add_working_days(plan_sent_on, r.value, event="Ngày gửi kế hoạch", event_en="Plan sent"), r


@transaction.atomic
def announce_inspection(
    board: Board, *, by, subject: str, inspected: str, sent_to: str, plan_sent_on: dt.date, starts_on: dt.date,
    raised_by: str = "", plan: WorkPlan | None = None,
) -> Inspection:  # fmt: skip
    """An inspection whose plan went to the Front, the commune chairman and the inspected party at least 5
    working days before it starts (Decree 59; working days of the portal's calendar)."""
    _active(board)
    errors = {}
    if not subject.strip():
        errors["subject"] = _("Hãy nhập nội dung kiểm tra.")
    if not inspected.strip():
        errors["inspected"] = _("Hãy nhập đối tượng được kiểm tra.")
    if not sent_to.strip():
        errors["sent_to"] = _("Hãy ghi nơi nhận kế hoạch kiểm tra.")
    if plan_sent_on > _today():
        errors["plan_sent_on"] = _("Ngày gửi kế hoạch không được sau ngày hôm nay.")
    if plan is not None and plan.board_id != board.pk:
        errors["plan"] = _("Kế hoạch phải là của chính Ban này.")
    computed, r = earliest_start(board, plan_sent_on)
    earliest = computed.date if computed else plan_sent_on
    if starts_on < earliest:
        errors["starts_on"] = _(
            "Theo %(article)s, kế hoạch kiểm tra phải gửi trước ít nhất %(n)s ngày làm việc: gửi ngày %(sent)s "
            "thì sớm nhất ngày %(earliest)s mới bắt đầu kiểm tra (%(why)s)."
        ) % {"article": r.article, "n": r.value, "sent": f"{plan_sent_on:%d/%m/%Y}",
             "earliest": f"{earliest:%d/%m/%Y}", "why": computed.explanation}  # fmt: skip
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(
        board=board, plan=plan, subject=subject.strip(), inspected=inspected.strip(), raised_by=raised_by.strip(),
        plan_sent_on=plan_sent_on, sent_to=sent_to.strip(), starts_on=starts_on, earliest_start=earliest,
        earliest_start_explanation=f"{computed.explanation} ({r.article})" if computed else "", created_by=by,
    )  # fmt: skip
    record(inspection, by=by, action=Action.INSPECTION_ANNOUNCED, changes={
        "subject": inspection.subject, "plan_sent_on": plan_sent_on, "starts_on": starts_on})  # fmt: skip
    return inspection


@transaction.atomic
def record_findings(inspection: Inspection, *, by, findings: str, concluded_on: dt.date,
                    notified_on: dt.date | None = None) -> Inspection:  # fmt: skip
    """The inspection's written findings; when someone raised the matter, the day they were notified in
    writing (Decree 59)."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    errors = {}
    if not findings.strip():
        errors["findings"] = _("Hãy nhập kết quả kiểm tra.")
    if concluded_on < inspection.starts_on:
        errors["concluded_on"] = _("Ngày kết luận không được trước ngày bắt đầu kiểm tra (%(day)s).") % {
            "day": f"{inspection.starts_on:%d/%m/%Y}"}  # fmt: skip
    elif concluded_on > _today():
        errors["concluded_on"] = _("Ngày kết luận không được sau ngày hôm nay.")
    if inspection.raised_by and notified_on is None:
        errors["notified_on"] = _(
            "Kết quả phải được thông báo bằng văn bản cho người nêu vụ việc (%(who)s): hãy nhập ngày thông báo."
        ) % {  # noqa: E501
            "who": inspection.raised_by
        }
    elif notified_on is not None and (notified_on < concluded_on or notified_on > _today()):
        errors["notified_on"] = _("Ngày thông báo phải từ ngày kết luận đến hôm nay.")
    if errors:
        raise ValidationError(errors)
    if not move(inspection, from_states=[InspectionState.ANNOUNCED], to_state=InspectionState.CONCLUDED,
                findings=findings.strip(), concluded_on=concluded_on, notified_on=notified_on):  # fmt: skip
        raise ValidationError(_("Kết quả kiểm tra đã được ghi."))
    record(inspection, by=by, action=Action.FINDINGS_RECORDED, changes={"concluded_on": concluded_on,
           "notified_on": notified_on})  # fmt: skip
    return inspection


def recommend(board: Board, *, by, inspection: Inspection | None = None, **fields):
    """A recommendation of the board (optionally out of one of its inspections), answered within 15 days
    counted from receipt (Art. 40(1), 45(2), 63(1)): `consultations.actions.make_recommendation`."""
    _active(board)
    if inspection is not None and inspection.board_id != board.pk:
        raise ValidationError({"inspection": _("Cuộc kiểm tra phải là của chính Ban này.")})
    return make_recommendation(owner=board.owner, by=by, board=board, inspection=inspection, **fields)


@transaction.atomic
def send_report(
    board: Board, *, by, kind: str, title: str, period_start: dt.date, period_end: dt.date, due_on: dt.date,
    text: str, sent_on: dt.date,
) -> BoardReport:  # fmt: skip
    """The board's report to the Front (the union): on time when sent no later than its due date."""
    if board.state not in (BoardState.RECOGNISED, BoardState.DISSOLVED):
        raise ValidationError(_("Ban chưa được công nhận."))
    errors = {}
    if not title.strip():
        errors["title"] = _("Hãy nhập tiêu đề báo cáo.")
    if not text.strip():
        errors["text"] = _("Hãy nhập nội dung báo cáo.")
    if period_end < period_start:
        errors["period_end"] = _("Cuối kỳ không được trước đầu kỳ.")
    if sent_on > _today():
        errors["sent_on"] = _("Ngày gửi không được sau ngày hôm nay.")
    if kind != ReportKind.AD_HOC and due_on < period_end:
        errors["due_on"] = _("Hạn gửi báo cáo định kỳ không được trước cuối kỳ báo cáo.")
    if errors:
        raise ValidationError(errors)
    report = BoardReport.objects.create(board=board, kind=kind, title=title.strip(), period_start=period_start,
        period_end=period_end, due_on=due_on, text=text.strip(), sent_on=sent_on, sent_by=by)  # fmt: skip
    record(report, by=by, action=Action.BOARD_REPORT_SENT, changes={"kind": kind, "due_on": due_on,
           "sent_on": sent_on, "on_time": report.on_time})  # fmt: skip
    return report


@transaction.atomic
def receive_report(report: BoardReport, *, by, on: dt.date) -> BoardReport:
    report = BoardReport.objects.select_for_update().get(pk=report.pk)
    if report.received_on:
        raise ValidationError(_("Báo cáo đã được tiếp nhận."))
    if on < report.sent_on or on > _today():
        raise ValidationError({"on": _("Ngày tiếp nhận phải từ ngày gửi đến hôm nay.")})
    report.received_on, report.received_by = on, by
    report.save(update_fields=["received_on", "received_by"])
    record(report, by=by, action=Action.BOARD_REPORT_RECEIVED, changes={"received_on": on})
    return report
