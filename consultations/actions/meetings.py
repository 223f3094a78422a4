"""Meetings and conferences of a consultation or a decision (Art. 26, 54; Decree 59 Art. 3–4)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from democracy.audit import record
from democracy.models import Action
from democracy.transitions import move
from democracy.uploads import store_all
from units.models import is_agency, owner_fields

from ..models import Meeting, MeetingAttachment, MeetingKindRule

REQUIRED_TEXT = {
    "title": gettext_lazy("Hãy nhập nội dung cuộc họp, hội nghị."),
    "place": gettext_lazy("Hãy nhập địa điểm."),
    "chair": gettext_lazy("Hãy nhập người chủ trì."),
    "secretary": gettext_lazy("Hãy nhập thư ký."),
}
FIELDS = {
    "title", "held_at", "place", "chair", "secretary", "expected", "present", "absent", "opinions",
    "conclusion", "minutes_number",
}  # fmt: skip


@transaction.atomic
def record_meeting(*, owner, by, kind, consultation=None, decision=None, **fields) -> Meeting:
    """Record a meeting with its attendance: present ≤ expected; absent = expected − present unless
    given (then present + absent ≤ expected); held_at not in the future. The audit row goes on the
    consultation or decision the meeting belongs to (its staff page shows the trail), else on the meeting."""
    errors = {}
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"Unknown meeting fields: {', '.join(sorted(unknown))}")
    if kind not in Meeting.Kind.values:
        errors["kind"] = _("Hãy chọn loại cuộc họp, hội nghị.")
    internal = is_agency(owner)
    if internal and kind == Meeting.Kind.COMMUNITY:
        errors["kind"] = _("Cơ quan, đơn vị không tổ chức cuộc họp cộng đồng dân cư.")
    if not internal and kind == Meeting.Kind.STAFF_CONFERENCE:
        errors["kind"] = _(
            "Hội nghị cán bộ, công chức, viên chức, người lao động chỉ dành cho cơ quan, đơn vị."
        )
    if consultation is not None and decision is not None:
        raise ValidationError(
            _("Cuộc họp thuộc một cuộc lấy ý kiến hoặc một nội dung biểu quyết, không cả hai.")
        )
    parent = consultation or decision
    if parent is not None and parent.owner != owner:
        raise ValidationError(_("Cuộc họp phải do chính đơn vị của nội dung này tổ chức."))
    for name, message in REQUIRED_TEXT.items():
        fields[name] = (fields.get(name) or "").strip()
        if not fields[name]:
            errors[name] = str(message)
    held_at = fields.get("held_at")
    if held_at is None:
        errors["held_at"] = _("Hãy nhập thời gian họp.")
    elif held_at > timezone.now():
        errors["held_at"] = _("Thời gian họp không được sau thời điểm hiện tại.")
    expected, present, absent = fields.get("expected"), fields.get("present"), fields.get("absent")
    if expected is None or expected < 0:
        errors["expected"] = _("Hãy nhập số người được triệu tập.")
    if present is None or present < 0:
        errors["present"] = _("Hãy nhập số người có mặt.")
    if "expected" not in errors and "present" not in errors:
        if present > expected:
            errors["present"] = _(
                "Số người có mặt (%(present)s) không được lớn hơn số được triệu tập (%(expected)s)."
            ) % {"present": present, "expected": expected}
        elif absent is None:
            fields["absent"] = expected - present
        elif absent < 0 or present + absent > expected:
            errors["absent"] = _(
                "Số có mặt (%(present)s) cộng số vắng mặt (%(absent)s) không được lớn hơn số được triệu tập "
                "(%(expected)s)."
            ) % {"present": present, "absent": absent, "expected": expected}
    if errors:
        raise ValidationError(errors)
    for name in ("opinions", "conclusion", "minutes_number"):
        fields[name] = (fields.get(name) or "").strip()
    meeting = Meeting.objects.create(
        **owner_fields(owner), kind=kind, consultation=consultation, decision=decision, **fields
    )
    record(
        parent or meeting,
        by=by,
        action=Action.MEETING_RECORDED,
        changes={"meeting": meeting.pk, "kind": kind, "held_at": meeting.held_at},
    )
    return meeting


# --- Stand-alone meetings: scheduled (notice, agenda), then held (minutes), then reported -----------

SCHEDULE_TEXT = {
    "title": gettext_lazy("Hãy nhập nội dung cuộc họp, hội nghị."),
    "place": gettext_lazy("Hãy nhập địa điểm."),
    "convened_by": gettext_lazy("Hãy nhập người triệu tập."),
}


def kind_rule(kind):
    """The law's rule for a kind of meeting (MeetingKindRule), or None when the table has no row for it."""
    return MeetingKindRule.objects.filter(kind=kind).first()


def kinds_for(owner) -> list[str]:
    """The kinds a unit or an agency may hold, from the rules table (all kinds when it is empty)."""
    field = "for_agencies" if is_agency(owner) else "for_units"
    allowed = set(MeetingKindRule.objects.filter(**{field: True}).values_list("kind", flat=True))
    consultation_kinds = {Meeting.Kind.CONFERENCE, Meeting.Kind.COMMUNITY}
    return [k for k in Meeting.Kind.values if (not allowed or k in allowed) and k not in consultation_kinds]


def latest_notice_day(held_at, rule) -> dt.date | None:
    """The last day the notice may go out for a meeting starting at `held_at` (None: no minimum)."""
    if rule is None or rule.min_notice_days is None:
        return None
    return timezone.localdate(held_at) - dt.timedelta(days=rule.min_notice_days)


@transaction.atomic
def schedule_meeting(
    *, owner, by, kind, title, held_at, place, convened_by, notice_on=None, ends_at=None, agenda="",
    public=None, chair="",
) -> Meeting:  # fmt: skip
    """Convene a stand-alone meeting of a commune, a village or an agency: the kind must be one its
    owner holds, the end after the start, the notice no later than the kind's minimum notice before
    the start (Decree 59 Art. 11 for a year-end village conference). An empty agenda takes the kind's
    fixed agenda. Public meetings (on the commune's calendar) are a unit's, never an agency's."""
    errors = {}
    if kind not in kinds_for(owner):
        errors["kind"] = _("Đơn vị này không tổ chức loại cuộc họp, hội nghị này.")
    rule = kind_rule(kind)
    values = {"title": title, "place": place, "convened_by": convened_by}
    for name, message in SCHEDULE_TEXT.items():
        values[name] = (values.get(name) or "").strip()
        if not values[name]:
            errors[name] = str(message)
    if held_at is None:
        errors["held_at"] = _("Hãy nhập thời gian bắt đầu.")
    elif ends_at is not None and ends_at <= held_at:
        errors["ends_at"] = _("Thời gian kết thúc phải sau thời gian bắt đầu.")
    if held_at is not None and notice_on is not None:
        latest = latest_notice_day(held_at, rule)
        if notice_on > timezone.localdate(held_at):
            errors["notice_on"] = _("Ngày thông báo không được sau ngày họp.")
        elif latest is not None and notice_on > latest:
            errors["notice_on"] = _(
                "Phải thông báo chậm nhất %(days)s ngày trước ngày họp, tức là không sau ngày %(latest)s "
                "(%(article)s)."
            ) % {"days": rule.min_notice_days, "latest": f"{latest:%d/%m/%Y}", "article": rule.notice_article}
    elif rule is not None and rule.min_notice_days is not None:
        errors["notice_on"] = _("Hãy nhập ngày thông báo (%(article)s).") % {"article": rule.notice_article}
    if public and is_agency(owner):
        errors["public"] = _("Cuộc họp của cơ quan, đơn vị là nội bộ, không đưa lên lịch công khai.")
    if errors:
        raise ValidationError(errors)
    agenda = (agenda or "").strip() or (rule.agenda if rule else "")
    if public is None:
        public = bool(rule and rule.public_default) and not is_agency(owner)
    meeting = Meeting.objects.create(
        **owner_fields(owner), kind=kind, state=Meeting.State.SCHEDULED, held_at=held_at, ends_at=ends_at,
        notice_on=notice_on, agenda=agenda, public=bool(public), chair=(chair or "").strip(), **values,
    )  # fmt: skip
    record(
        meeting, by=by, action=Action.CREATED,
        changes={"kind": kind, "held_at": held_at, "notice_on": notice_on, "public": meeting.public},
    )  # fmt: skip
    return meeting


def _check_attendance(expected, present, absent, errors) -> int | None:
    """present ≤ expected; absent = expected − present unless given (then present + absent ≤ expected)."""
    if expected is None or expected < 0:
        errors["expected"] = _("Hãy nhập số người được triệu tập.")
    if present is None or present < 0:
        errors["present"] = _("Hãy nhập số người có mặt.")
    if "expected" in errors or "present" in errors:
        return None
    if present > expected:
        errors["present"] = _(
            "Số người có mặt (%(present)s) không được lớn hơn số được triệu tập (%(expected)s)."
        ) % {"present": present, "expected": expected}
        return None
    if absent is None:
        return expected - present
    if absent < 0 or present + absent > expected:
        errors["absent"] = _(
            "Số có mặt (%(present)s) cộng số vắng mặt (%(absent)s) không được lớn hơn số được triệu tập "
            "(%(expected)s)."
        ) % {"present": present, "absent": absent, "expected": expected}
    return absent


def _check_groups(groups, expected, present, errors) -> list[dict]:
    """Attendance by group (where the law counts groups): each group's present ≤ its convened, and the
    groups add up to the totals."""
    rows = [g for g in (groups or []) if g.get("expected") is not None or g.get("present") is not None]
    if not rows:
        return []
    cleaned = []
    for g in rows:
        e, p = g.get("expected") or 0, g.get("present") or 0
        if p > e:
            errors["groups"] = _("%(group)s: số có mặt (%(present)s) lớn hơn số được triệu tập (%(expected)s).") % {
                "group": g["group"], "present": p, "expected": e,
            }  # fmt: skip
        cleaned.append({"group": g["group"], "expected": e, "present": p})
    if "groups" not in errors and expected is not None and present is not None:
        if sum(g["expected"] for g in cleaned) != expected or sum(g["present"] for g in cleaned) != present:
            errors["groups"] = _(
                "Số người theo thành phần phải cộng lại bằng tổng số được triệu tập và tổng số có mặt."
            )
    return cleaned


@transaction.atomic
def record_minutes(
    meeting, *, by, chair, secretary, expected, present, absent=None, groups=None, opinions="",
    conclusion="", minutes_number="", ends_at=None, now=None,
) -> Meeting:  # fmt: skip
    """The minutes of a scheduled stand-alone meeting, once it has started: attendance (present ≤
    convened, by group where the rules count groups), the discussion and the conclusion. Scheduled →
    held, once (compare-and-set)."""
    now = now or timezone.now()
    errors = {}
    values = {"chair": chair, "secretary": secretary}
    for name in ("chair", "secretary"):
        values[name] = (values[name] or "").strip()
        if not values[name]:
            errors[name] = str(REQUIRED_TEXT[name])
    if meeting.held_at > now:
        errors["__all__"] = _("Cuộc họp chưa diễn ra: chỉ ghi biên bản sau khi cuộc họp bắt đầu.")
    ends_at = ends_at or meeting.ends_at
    if ends_at is not None and ends_at <= meeting.held_at:
        errors["ends_at"] = _("Thời gian kết thúc phải sau thời gian bắt đầu.")
    absent = _check_attendance(expected, present, absent, errors)
    groups = _check_groups(groups, expected, present, errors)
    if errors:
        raise ValidationError(errors)
    moved = move(
        meeting, from_states=[Meeting.State.SCHEDULED], to_state=Meeting.State.HELD, expected=expected,
        present=present, absent=absent, groups=groups, ends_at=ends_at, opinions=(opinions or "").strip(),
        conclusion=(conclusion or "").strip(), minutes_number=(minutes_number or "").strip(), **values,
    )  # fmt: skip
    if not moved:
        raise ValidationError(_("Cuộc họp này đã có biên bản hoặc đã bị hủy."))
    record(
        meeting, by=by, action=Action.MEETING_RECORDED,
        changes={"expected": expected, "present": present, "absent": absent, "groups": groups},
    )  # fmt: skip
    return meeting


@transaction.atomic
def cancel_meeting(meeting, *, by, reason) -> Meeting:
    """A scheduled meeting called off (it leaves the public calendar), with the reason in the audit."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do hủy cuộc họp.")})
    if not move(meeting, from_states=[Meeting.State.SCHEDULED], to_state=Meeting.State.CANCELLED):
        raise ValidationError(_("Chỉ hủy được cuộc họp chưa diễn ra, chưa có biên bản."))
    record(meeting, by=by, action=Action.WITHDRAWN, note=reason)
    return meeting


@transaction.atomic
def record_report(meeting, *, by, report, sent_on, today=None) -> Meeting:
    """The written report after a held meeting (Art. 33; Decree 59 Art. 11: to UBND xã and UBMTTQ xã).
    Recorded once: a report sent is not edited in place."""
    today = today or timezone.localdate()
    errors = {}
    report = (report or "").strip()
    if not report:
        errors["report"] = _("Hãy nhập nội dung báo cáo.")
    if sent_on is None:
        errors["sent_on"] = _("Hãy nhập ngày gửi báo cáo.")
    elif sent_on > today:
        errors["sent_on"] = _("Ngày gửi báo cáo không được sau hôm nay.")
    elif sent_on < timezone.localdate(meeting.held_at):
        errors["sent_on"] = _("Báo cáo được gửi sau hội nghị, không trước ngày họp.")
    if errors:
        raise ValidationError(errors)
    updated = Meeting.objects.filter(pk=meeting.pk, state=Meeting.State.HELD, report="").update(
        report=report, report_sent_on=sent_on
    )
    if not updated:
        raise ValidationError(_("Chỉ ghi báo cáo một lần, sau khi cuộc họp đã có biên bản."))
    meeting.report, meeting.report_sent_on = report, sent_on
    record(meeting, by=by, action=Action.SENT, changes={"report_sent_on": sent_on})
    return meeting


@transaction.atomic
def attach_meeting_files(meeting, files: list, *, by) -> list:
    """Checked files (democracy.uploads.check_upload) kept with the meeting: all or none."""
    if meeting.state == Meeting.State.CANCELLED:
        raise ValidationError(_("Cuộc họp đã hủy: không đính kèm tài liệu."))
    if not files:
        raise ValidationError({"files": _("Hãy chọn ít nhất một tệp.")})
    rows = store_all(files, lambda checked: MeetingAttachment(meeting=meeting), stem="tai-lieu-hop")
    record(
        meeting, by=by, action=Action.DOCUMENTS_ADDED, changes={"documents": [r.original_name for r in rows]}
    )
    return rows
