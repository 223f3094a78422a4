"""Meetings and conferences of a consultation or a decision (Art. 26, 54; Decree 59 Art. 3–4)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from democracy.audit import record
from democracy.models import Action
from units.models import is_agency, owner_fields

from ..models import Meeting

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
