"""Every write on petitions and suggestion-box openings: one function per act, each in one transaction
with its audit row. State changes are compare-and-set (`democracy.transitions.move`), so two clerks
answering at once, or a form sent twice, act once."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.audit import record
from democracy.calendar import ComputedDate, period_end
from democracy.models import Action
from democracy.transitions import move
from units.models import owner_fields, owner_key

from .models import (
    FORWARD_ONLY,
    OPEN_STATES,
    RATEABLE_STATES,
    AnswerRule,
    BoxOpening,
    Channel,
    Kind,
    Petition,
    State,
    Topic,
)
from .signals import answered


def due_date(owner, received_on: dt.date) -> tuple[ComputedDate, AnswerRule]:
    """The day the answer is due: the province's number of days (or the default) from the day of receipt,
    moved to the next working day when it ends on a day off."""
    rule = AnswerRule.for_owner(owner)
    return period_end(received_on, rule.days, label="Hạn trả lời kiến nghị"), rule


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


@transaction.atomic
def send_petition(
    owner, *, text: str, kind=Kind.PETITION, name="", contact="", channel=Channel.ONLINE, by=None,
    received_at=None, form_token=None, box_opening: BoxOpening | None = None,
) -> Petition:  # fmt: skip
    """A petition or report to a commune's (or agency's) inbox: sent online by a citizen or staff member,
    or recorded by the clerk with the channel it came by. The same form token twice returns the first."""
    if form_token and (existing := Petition.objects.filter(form_token=form_token).first()):
        return existing
    text = _required(text, "text", _("Hãy nhập nội dung phản ánh, kiến nghị."))
    now = timezone.now()
    received_at = received_at or now
    if received_at > now:
        raise ValidationError({"received_at": _("Thời điểm tiếp nhận không được ở tương lai.")})
    if box_opening is not None:
        if channel != Channel.BOX:
            raise ValidationError(
                {"box_opening": _("Chỉ thư, đơn nhận qua hòm thư góp ý mới gắn với lần mở hòm thư.")}
            )
        if box_opening.owner_key != owner_key(owner):
            raise ValidationError({"box_opening": _("Lần mở hòm thư này không thuộc đơn vị đã chọn.")})
    due, rule = due_date(owner, timezone.localdate(received_at))
    petition = Petition.objects.create(
        **owner_fields(owner), kind=kind, channel=channel, text=text, name=(name or "").strip(),
        contact=(contact or "").strip(), received_at=received_at, recorded_by=by, form_token=form_token,
        box_opening=box_opening, due_on=due.date,
        due_explanation=f"{due.explanation} ({rule.legal_basis})"[:500],
        due_explanation_en=f"{due.explanation_en} ({rule.legal_basis})"[:500],
    )  # fmt: skip
    # Never the citizen's name or contact in the trail.
    record(petition, by=by, action=Action.PETITION_RECEIVED, changes={"channel": channel, "kind": kind})
    return petition


@transaction.atomic
def record_box_opening(
    owner, *, opened_on: dt.date, witnesses: str, found: int, note: str = "", by
) -> BoxOpening:
    """One opening of the suggestion box: the day, who witnessed it and how many letters it held."""
    witnesses = _required(witnesses, "witnesses", _("Hãy ghi họ tên những người chứng kiến mở hòm thư."))
    if opened_on > timezone.localdate():
        raise ValidationError({"opened_on": _("Ngày mở hòm thư không được ở tương lai.")})
    opening = BoxOpening.objects.create(
        **owner_fields(owner), opened_on=opened_on, witnesses=witnesses, found=found, note=note.strip(),
        recorded_by=by,
    )  # fmt: skip
    record(opening, by=by, action=Action.BOX_OPENED, changes={"opened_on": opened_on, "found": found})
    return opening


def _still_open(petition: Petition) -> None:
    if petition.state not in OPEN_STATES:
        raise ValidationError(
            _("Phản ánh, kiến nghị %(ref)s đã ở trạng thái “%(state)s”; không thay đổi được nữa.")
            % {"ref": petition.reference, "state": petition.get_state_display()}
        )


def _locked(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().get(pk=petition.pk)


@transaction.atomic
def route_petition(petition: Petition, *, by, topic: str, kind: str, assigned_to: str = "") -> Petition:
    """Classify (topic, kind) and assign to the body responsible inside the commune or agency."""
    petition = _locked(petition)
    _still_open(petition)
    if topic not in Topic.values:
        raise ValidationError({"topic": _("Hãy chọn lĩnh vực.")})
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Hãy chọn loại.")})
    before = {"topic": petition.topic, "kind": petition.kind, "assigned_to": petition.assigned_to}
    petition.topic, petition.kind, petition.assigned_to = topic, kind, assigned_to.strip()
    petition.state = State.ASSIGNED
    petition.save(update_fields=["topic", "kind", "assigned_to", "state"])
    after = {"topic": topic, "kind": kind, "assigned_to": petition.assigned_to}
    record(
        petition, by=by, action=Action.PETITION_ROUTED,
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )  # fmt: skip
    return petition


def _close(petition: Petition, *, by, state: str, **values) -> None:
    now = timezone.now()
    if not move(
        petition, from_states=OPEN_STATES, to_state=state, handled_at=now, handled_on=timezone.localdate(now),
        handled_by=by, **values,
    ):  # fmt: skip
        raise ValidationError(_("Phản ánh, kiến nghị đã được người khác xử lý trước."))


@transaction.atomic
def forward_petition(petition: Petition, *, by, to: str, note: str) -> Petition:
    """Forward to the competent authority with a note (the note is what the citizen is told). The only
    way a formal complaint or denunciation leaves the inbox."""
    petition = _locked(petition)
    _still_open(petition)
    to = _required(to, "to", _("Hãy ghi cơ quan, người có thẩm quyền được chuyển đến."))
    note = _required(note, "note", _("Hãy ghi nội dung thông báo cho người gửi về việc chuyển."))
    _close(petition, by=by, state=State.FORWARDED, forwarded_to=to, answer=note)
    record(petition, by=by, action=Action.PETITION_FORWARDED, changes={"to": to}, note=note)
    return petition


@transaction.atomic
def answer_petition(petition: Petition, *, by, text: str, outside_scope: bool = False) -> Petition:
    """The answer, or the explanation of why it is outside the commune's scope. Complaints and
    denunciations are never answered here (they are forwarded). Tells the follow-by-e-mail app after the
    transaction commits (`signals.answered`)."""
    petition = _locked(petition)
    _still_open(petition)
    if petition.kind in FORWARD_ONLY:
        raise ValidationError(
            _(
                "Khiếu nại, tố cáo được giải quyết theo Luật Khiếu nại, Luật Tố cáo: chỉ ghi nhận và chuyển "
                "đến cơ quan có thẩm quyền, không trả lời tại đây."
            )
        )
    text = _required(
        text,
        "answer",
        _("Hãy nêu lý do không thuộc phạm vi giải quyết.")
        if outside_scope
        else _("Hãy nhập nội dung trả lời."),
    )
    state = State.DECLINED if outside_scope else State.ANSWERED
    _close(petition, by=by, state=state, answer=text)
    record(
        petition, by=by, action=Action.PETITION_DECLINED if outside_scope else Action.PETITION_ANSWERED,
        changes={"on_time": petition.on_time, "due_on": petition.due_on},
    )  # fmt: skip
    transaction.on_commit(lambda: answered.send(sender=Petition, petition=petition))
    return petition


@transaction.atomic
def publish_petition(petition: Petition, *, by, public_text: str) -> Petition:
    """Show an answered petition on the commune's public page, with the text the clerk has confirmed
    (names, addresses and telephone numbers taken out). An agency's petitions are internal, never shown."""
    petition = _locked(petition)
    if petition.is_internal:
        raise ValidationError(
            _("Phản ánh, kiến nghị của cơ quan, đơn vị là thông tin nội bộ, không công khai.")
        )
    if petition.state != State.ANSWERED:
        raise ValidationError(_("Chỉ công khai phản ánh, kiến nghị đã được trả lời."))
    if petition.published_at is not None:
        raise ValidationError(_("Phản ánh, kiến nghị này đã được công khai."))
    public_text = _required(
        public_text, "public_text", _("Hãy nhập nội dung công khai đã bỏ họ tên, địa chỉ, số điện thoại.")
    )
    petition.public_text, petition.published_at = public_text, timezone.now()
    petition.save(update_fields=["public_text", "published_at"])
    record(petition, by=by, action=Action.PETITION_PUBLISHED, changes={"public_text": public_text})
    return petition


@transaction.atomic
def hide_petition(petition: Petition, *, by, reason: str) -> Petition:
    """Moderation (abuse, spam, insults): hidden with a reason, never deleted, out of every count."""
    petition = _locked(petition)
    reason = _required(reason, "reason", _("Ẩn phản ánh, kiến nghị phải ghi rõ lý do."))
    _still_open(petition)
    if not move(
        petition,
        from_states=OPEN_STATES,
        to_state=State.HIDDEN,
        hidden_at=timezone.now(),
        hidden_reason=reason,
    ):
        raise ValidationError(_("Phản ánh, kiến nghị đã được người khác xử lý trước."))
    record(petition, by=by, action=Action.PETITION_HIDDEN, note=reason)
    return petition


@transaction.atomic
def rate_petition(petition: Petition, *, satisfied: bool, reason: str = "") -> Petition:
    """The citizen's rating of the answer, once (Art. 35(2)(a)). Through the signed link given when they
    sent it: no account, no name in the trail."""
    now = timezone.now()
    rated = Petition.objects.filter(pk=petition.pk, state__in=RATEABLE_STATES, rated_at__isnull=True).update(
        satisfied=satisfied, rating_reason=reason.strip(), rated_at=now
    )
    if not rated:
        petition.refresh_from_db()
        if petition.state not in RATEABLE_STATES:
            raise ValidationError(_("Chỉ đánh giá được sau khi có câu trả lời."))
        raise ValidationError(
            _("Câu trả lời này đã được đánh giá; mỗi phản ánh, kiến nghị chỉ đánh giá một lần.")
        )
    petition.satisfied, petition.rating_reason, petition.rated_at = satisfied, reason.strip(), now
    record(petition, by=None, action=Action.PETITION_RATED, changes={"satisfied": satisfied})
    return petition
