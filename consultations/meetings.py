"""Meetings and conferences of a consultation or a decision (Art. 26, 54; Decree 59 Art. 3–4)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from units.models import Agency

from .models import Meeting

REQUIRED_TEXT = {
    "title": "Hãy nhập nội dung cuộc họp, hội nghị.",
    "place": "Hãy nhập địa điểm.",
    "chair": "Hãy nhập người chủ trì.",
    "secretary": "Hãy nhập thư ký.",
}
FIELDS = {
    "title", "held_at", "place", "chair", "secretary", "expected", "present", "absent", "opinions",
    "conclusion", "minutes_number",
}  # fmt: skip


@transaction.atomic
def record_meeting(*, owner, by, kind, consultation=None, decision=None, **fields) -> Meeting:
    """Record a meeting with its attendance: present ≤ expected; absent = expected − present unless
    given (then present + absent ≤ expected); held_at not in the future."""
    errors = {}
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"Unknown meeting fields: {', '.join(sorted(unknown))}")
    if kind not in Meeting.Kind.values:
        errors["kind"] = "Hãy chọn loại cuộc họp, hội nghị."
    internal = isinstance(owner, Agency)
    if internal and kind == Meeting.Kind.COMMUNITY:
        errors["kind"] = "Cơ quan, đơn vị không tổ chức cuộc họp cộng đồng dân cư."
    if not internal and kind == Meeting.Kind.STAFF_CONFERENCE:
        errors["kind"] = "Hội nghị cán bộ, công chức, viên chức, người lao động chỉ dành cho cơ quan, đơn vị."
    if consultation is not None and decision is not None:
        raise ValidationError(
            "Cuộc họp thuộc một cuộc lấy ý kiến hoặc một nội dung biểu quyết, không cả hai."
        )
    parent = consultation or decision
    if parent is not None and parent.owner != owner:
        raise ValidationError("Cuộc họp phải do chính đơn vị của nội dung này tổ chức.")
    for name, message in REQUIRED_TEXT.items():
        fields[name] = (fields.get(name) or "").strip()
        if not fields[name]:
            errors[name] = message
    held_at = fields.get("held_at")
    if held_at is None:
        errors["held_at"] = "Hãy nhập thời gian họp."
    elif held_at > timezone.now():
        errors["held_at"] = "Thời gian họp không được sau thời điểm hiện tại."
    expected, present, absent = fields.get("expected"), fields.get("present"), fields.get("absent")
    if expected is None or expected < 0:
        errors["expected"] = "Hãy nhập số người được triệu tập."
    if present is None or present < 0:
        errors["present"] = "Hãy nhập số người có mặt."
    if "expected" not in errors and "present" not in errors:
        if present > expected:
            errors["present"] = (
                f"Số người có mặt ({present}) không được lớn hơn số được triệu tập ({expected})."
            )
        elif absent is None:
            fields["absent"] = expected - present
        elif absent < 0 or present + absent > expected:
            errors["absent"] = (
                f"Số có mặt ({present}) cộng số vắng mặt ({absent}) không được lớn hơn số được triệu tập ({expected})."
            )
    if errors:
        raise ValidationError(errors)
    for name in ("opinions", "conclusion", "minutes_number"):
        fields[name] = (fields.get(name) or "").strip()
    owner_fields = {"agency": owner, "unit": None} if internal else {"unit": owner, "agency": None}
    return Meeting.objects.create(
        **owner_fields, kind=kind, consultation=consultation, decision=decision, **fields
    )
