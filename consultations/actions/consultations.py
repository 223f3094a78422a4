"""Consultations: the plan, its draft documents, opening, comments and responses, closing, results."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.audit import record, record_many
from democracy.calendar import period_end
from democracy.models import Action, CatalogueItem, Kind, Scope
from democracy.transitions import move
from democracy.uploads import CheckedFile, store_all
from disclosures import actions as disclosure_actions
from disclosures.models import Disclosure
from units.models import extends_to_working_day, owner_fields

from ..models import Comment, CommentChannel, Consultation, ConsultationState, DraftDocument
from ._common import check_item, scope_of


@transaction.atomic
def create_consultation(*, owner, by, form_token=None, **fields) -> Consultation:
    """A consultation plan (draft). The period may not be shorter than the item's minimum (Art. 28(2))."""
    if form_token and (existing := Consultation.objects.filter(form_token=form_token).first()):
        return existing  # the same form sent twice: nothing new happened, no audit row
    item = fields["item"]
    check_item(item, owner, Kind.COMMENT, _("Điều 53") if scope_of(owner) == Scope.AGENCY else _("Điều 25"))
    minimum = item.consultation_days or 1
    if (fields.get("period_days") or 0) < minimum:
        raise ValidationError(
            {
                "period_days": _("Thời gian lấy ý kiến không được ít hơn %(n)s ngày (%(basis)s).")
                % {"n": minimum, "basis": item.legal_basis}
            }
        )
    consultation = Consultation(**owner_fields(owner), created_by=by, form_token=form_token, **fields)
    try:
        with transaction.atomic():
            consultation.save()
    except IntegrityError:
        return Consultation.objects.get(form_token=form_token)
    record(consultation, by=by, action=Action.CREATED, changes={"title": consultation.title})
    return consultation


@transaction.atomic
def attach_documents(consultation: Consultation, files: list[CheckedFile], *, by) -> list[DraftDocument]:
    """Attach checked files (`democracy.uploads.check_upload`) to a plan not yet published: all or none."""
    if (
        not Consultation.objects.select_for_update()
        .filter(pk=consultation.pk, state=ConsultationState.DRAFT)
        .exists()
    ):
        raise ValidationError(_("Chỉ đính kèm được dự thảo khi kế hoạch chưa công bố."))
    documents = store_all(files, lambda checked: DraftDocument(consultation=consultation), stem="du-thao")
    record(
        consultation,
        by=by,
        action=Action.DOCUMENTS_ADDED,
        changes={"documents": [d.original_name for d in documents]},
    )
    return documents


@transaction.atomic
def open_consultation(consultation: Consultation, *, by, now: dt.datetime | None = None) -> bool:
    """Publish the content: the period runs from the next day (Civil Code), for `period_days` days."""
    now = now or timezone.now()
    computed = period_end(
        timezone.localdate(now), consultation.period_days,
        extend_to_working_day=extends_to_working_day(consultation.owner), label="Lấy ý kiến", label_en="Consultation",
    )  # fmt: skip
    updated = move(
        consultation, from_states=[ConsultationState.DRAFT], to_state=ConsultationState.OPEN, opened_at=now,
        ends_on=computed.date, ends_at=computed.ends_at, period_explanation=computed.explanation,
        period_explanation_en=computed.explanation_en,
    )  # fmt: skip
    if updated:
        record(consultation, by=by, action=Action.OPENED, changes={"ends_at": consultation.ends_at})
    return bool(updated)


@transaction.atomic
def add_comment(
    consultation: Consultation, *, text: str, section="", channel=CommentChannel.ONLINE, people_count=None,
    name="", contact="", author=None, by=None, received_at=None, form_token=None,
) -> Comment:  # fmt: skip
    """A comment, online while the period is open, or recorded by the clerk from another channel with
    the time it was received (and, for meetings, how many people took part). The audit row names the
    comment and its channel, never the citizen's name or contact."""
    if form_token and (existing := Comment.objects.filter(form_token=form_token).first()):
        return existing
    received_at = received_at or timezone.now()
    if channel == CommentChannel.ONLINE and not consultation.is_open(received_at):
        raise ValidationError(_("Thời gian lấy ý kiến đã kết thúc nên không nhận thêm ý kiến trực tuyến."))
    if (
        consultation.opened_at is None
        or received_at < consultation.opened_at
        or received_at > consultation.ends_at
    ):
        raise ValidationError({"received_at": _("Chỉ ghi nhận ý kiến nhận được trong thời gian lấy ý kiến.")})
    if channel in (CommentChannel.CONFERENCE, CommentChannel.COMMUNITY_MEETING) and not people_count:
        raise ValidationError({"people_count": _("Ý kiến tại hội nghị, cuộc họp cần ghi số người tham dự.")})
    if not text.strip():
        raise ValidationError({"text": _("Hãy nhập nội dung ý kiến.")})
    comment = Comment.objects.create(
        consultation=consultation, text=text.strip(), section=section.strip(), channel=channel,
        people_count=people_count, name=name.strip(), contact=contact.strip(), author=author, recorded_by=by,
        received_at=received_at, form_token=form_token,
    )  # fmt: skip
    record(
        consultation,
        by=by or author,
        action=Action.COMMENT_RECEIVED,
        changes={"comment": comment.pk, "channel": channel},
    )
    return comment


@transaction.atomic
def respond(comment: Comment, *, by, kind: str, text: str) -> Comment:
    if not text.strip():
        raise ValidationError({"response": _("Hãy nhập nội dung giải trình, tiếp thu.")})
    previous = comment.response
    comment.response_kind, comment.response = kind, text.strip()
    comment.responded_at, comment.responded_by = timezone.now(), by
    comment.save(update_fields=["response_kind", "response", "responded_at", "responded_by"])
    changes = {"comment": comment.pk, "kind": kind}
    if previous:
        changes["previous_response"] = previous
    record(comment.consultation, by=by, action=Action.COMMENT_RESPONDED, changes=changes)
    return comment


@transaction.atomic
def hide_comment(comment: Comment, *, by, reason: str) -> Comment:
    """Moderation hides with a reason and never deletes."""
    if not reason.strip():
        raise ValidationError({"reason": _("Ẩn ý kiến phải ghi rõ lý do.")})
    comment.hidden_at, comment.hidden_by, comment.hidden_reason = timezone.now(), by, reason.strip()
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    record(
        comment.consultation,
        by=by,
        action=Action.COMMENT_HIDDEN,
        changes={"comment": comment.pk},
        note=reason.strip(),
    )
    return comment


@transaction.atomic
def close_due_consultations(*, now: dt.datetime | None = None) -> int:
    """Close every consultation whose period has ended (catching up after downtime); safe to run twice:
    the rows are locked (skipping those another run holds) and closed with one audit row each."""
    now = now or timezone.now()
    due = list(Consultation.objects.due_for_closing(now).select_for_update(skip_locked=True).only("pk"))
    if not due:
        return 0
    closed = Consultation.objects.filter(pk__in=[c.pk for c in due], state=ConsultationState.OPEN).update(
        state=ConsultationState.CLOSED, closed_at=now
    )
    record_many(due, by=None, action=Action.CLOSED, at=now)
    return closed


def unanswered(consultation: Consultation):
    return consultation.comments.filter(hidden_at__isnull=True, response="")


@transaction.atomic
def publish_results(
    consultation: Consultation, *, by, summary: str, result_number: str = "", now: dt.datetime | None = None
) -> Disclosure:
    """Publish the result report: every comment must have a response. The results become a disclosure
    of Art. 11 item 11 (communes) or Art. 46 item 10 (agencies), linked both ways, with its own window
    (and its own audit trail)."""
    now = now or timezone.now()
    if consultation.state != ConsultationState.CLOSED:
        raise ValidationError(_("Chỉ công khai kết quả sau khi hết thời gian lấy ý kiến."))
    if (missing := unanswered(consultation).count()) > 0:
        raise ValidationError(_("Còn %(n)s ý kiến chưa được giải trình, tiếp thu.") % {"n": missing})
    if not summary.strip():
        raise ValidationError({"summary": _("Hãy nhập nội dung tổng hợp kết quả.")})
    owner = consultation.owner
    article, clause = (46, 10) if consultation.is_internal else (11, 11)
    item = CatalogueItem.objects.get(scope=scope_of(owner), article=article, clause=clause)
    report_date = timezone.localdate(now)
    disclosure = disclosure_actions.create_draft(
        owner=owner, by=by, item=item, title=f"Kết quả lấy ý kiến: {consultation.title}",
        summary=summary.strip()[:2000], body=summary.strip(), decision_number=result_number or "—",
        decision_date=report_date, decision_issuer=str(owner), forms=["a", "b"],
    )  # fmt: skip
    disclosure_actions.submit(disclosure, by=by)
    disclosure_actions.publish(disclosure, by=by, now=now)
    updated = move(
        consultation, from_states=[ConsultationState.CLOSED], to_state=ConsultationState.RESULTS_PUBLISHED,
        result_summary=summary.strip(), result_number=result_number, results_published_at=now,
        result_disclosure=disclosure,
    )  # fmt: skip
    if not updated:
        raise ValidationError(_("Kết quả đã được công khai."))
    record(
        consultation,
        by=by,
        action=Action.RESULTS_PUBLISHED,
        changes={"result_number": result_number, "disclosure": disclosure.pk},
    )
    return disclosure
