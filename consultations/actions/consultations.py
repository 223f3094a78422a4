"""Consultations: the plan, its draft documents, opening, comments and responses, closing, results."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy import publiccache
from democracy.audit import record, record_many
from democracy.calendar import period_end
from democracy.models import Action, CatalogueItem, Kind, Scope
from democracy.transitions import move
from democracy.uploads import CheckedFile, store_all
from disclosures import actions as disclosure_actions
from disclosures.models import Disclosure
from units.models import Level, extends_to_working_day, owner_fields

from .. import signals
from ..models import Comment, CommentChannel, Consultation, ConsultationState, DraftDocument, ResponseRevision
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
def attach_documents(
    consultation: Consultation,
    files: list[CheckedFile],
    *,
    by,
    note: str = "",
    now: dt.datetime | None = None,
) -> list[DraftDocument]:
    """Attach checked files (`democracy.uploads.check_upload`) to the plan before it is published, or
    while comments are taken: all or none. Nothing is replaced in place: a file with the name of one
    already attached is its next version, and both stay listed. Added while open, the audit row says
    so and carries the reason (`note`), which is then required."""
    now = now or timezone.now()
    locked = Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
    is_draft = locked is not None and locked.state == ConsultationState.DRAFT
    while_open = (
        locked is not None
        and locked.state == ConsultationState.OPEN
        and locked.ends_at
        and now <= locked.ends_at
    )
    if not (is_draft or while_open):
        raise ValidationError(
            _("Chỉ đính kèm được dự thảo trước khi công bố hoặc trong thời gian lấy ý kiến.")
        )
    note = note.strip()
    if while_open and not note:
        raise ValidationError(
            {"note": _("Đang lấy ý kiến: hãy ghi lý do bổ sung, thay thế tài liệu (được ghi vào nhật ký).")}
        )
    taken: dict[str, int] = {}
    for name in consultation.documents.values_list("original_name", flat=True):
        taken[name] = taken.get(name, 0) + 1

    def make(checked):
        taken[checked.original_name] = taken.get(checked.original_name, 0) + 1
        return DraftDocument(consultation=consultation, version=taken[checked.original_name])

    documents = store_all(files, make, stem="du-thao")
    changes = {"documents": [d.original_name for d in documents]}
    if any(d.version > 1 for d in documents):
        changes["versions"] = {d.original_name: d.version for d in documents}
    if while_open:
        changes["while_open"] = True
    record(consultation, by=by, action=Action.DOCUMENTS_ADDED, changes=changes, note=note)
    if while_open:
        publiccache.changed(*consultation.public_owners)  # the documents listed on the public page
    return documents


def opening_period(consultation: Consultation, now: dt.datetime | None = None):
    """When comments would be taken if the plan were published at `now`: from the next day (Civil
    Code), for `period_days` days (`democracy.calendar.period_end`: date, ends_at, explanation)."""
    now = now or timezone.now()
    return period_end(
        timezone.localdate(now), consultation.period_days,
        extend_to_working_day=extends_to_working_day(consultation.owner), label="Lấy ý kiến", label_en="Consultation",
    )  # fmt: skip


def check_conference_deadline(consultation: Consultation, first: dt.date, last: dt.date) -> None:
    """The deadline for conference comments must fall inside the period it belongs to."""
    until = consultation.conference_comments_until
    if until and not first <= until <= last:
        raise ValidationError(
            {
                "conference_comments_until": _(
                    "Hạn nhận ý kiến tại hội nghị (%(day)s) phải nằm trong thời gian lấy ý kiến, từ ngày "
                    "%(first)s đến ngày %(last)s."
                )
                % {"day": f"{until:%d/%m/%Y}", "first": f"{first:%d/%m/%Y}", "last": f"{last:%d/%m/%Y}"}
            }
        )


@transaction.atomic
def open_consultation(consultation: Consultation, *, by, now: dt.datetime | None = None) -> bool:
    """Publish the content: the period runs from the next day (Civil Code), for `period_days` days.
    Not without a draft: people would be asked to comment on nothing."""
    now = now or timezone.now()
    if not DraftDocument.objects.filter(consultation_id=consultation.pk).exists():
        raise ValidationError(
            _("Chưa có dự thảo: hãy đính kèm ít nhất một tài liệu dự thảo trước khi công bố.")
        )
    computed = opening_period(consultation, now)
    check_conference_deadline(consultation, timezone.localdate(now), computed.date)
    updated = move(
        consultation, from_states=[ConsultationState.DRAFT], to_state=ConsultationState.OPEN, opened_at=now,
        ends_on=computed.date, ends_at=computed.ends_at, period_explanation=computed.explanation,
        period_explanation_en=computed.explanation_en,
    )  # fmt: skip
    if updated:
        record(consultation, by=by, action=Action.OPENED, changes={"ends_at": consultation.ends_at})
        publiccache.changed(*consultation.public_owners)
        _draft_posted(consultation, now)
        transaction.on_commit(
            lambda: signals.consultation_opened.send(sender=Consultation, consultation=consultation)
        )
    return bool(updated)


def _draft_posted(consultation: Consultation, now: dt.datetime) -> None:
    """A consultation whose forms include posting the draft gets its posting record as it opens."""
    from consultations.regulations.postings import draft_posted

    draft_posted(consultation, made_at=now)


def _drafts_taken_down(consultations, now: dt.datetime) -> None:
    from consultations.regulations.postings import drafts_taken_down

    drafts_taken_down(consultations, made_at=now)


# --- An agency's consultation posted on its commune's board ------------------------------------------


def board_commune_of(agency):
    """The commune whose board an agency's consultation can be posted on: the one the agency sits in."""
    unit = agency.unit
    return unit if unit.level == Level.COMMUNE else None


@transaction.atomic
def post_on_board(consultation: Consultation, *, by, decision: str, now: dt.datetime | None = None) -> bool:
    """The agency's head decides that its consultation is also posted on the public board of the commune
    where the agency sits, so residents can comment too (Đông Sơn 2024): before it opens or while it is
    open. `decision` names the head's document (number, date) or the reason. Compare-and-set: a second
    click, or another approver at the same time, acts once (False). One audit row; the commune's public
    pages are rendered again; if it is already open, the commune board's followers are told now (else
    when it opens)."""
    now = now or timezone.now()
    decision = " ".join(decision.split())
    if not decision:
        raise ValidationError(
            {
                "decision": _(
                    "Hãy ghi văn bản (số, ngày) hoặc ý kiến của người đứng đầu quyết định niêm yết công khai."
                )
            }
        )
    # Only the consultation's row: PostgreSQL cannot lock the nullable side of the join to the agency.
    locked = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("agency__unit")
        .get(pk=consultation.pk)
    )
    if not locked.is_internal:
        raise ValidationError(_("Cuộc lấy ý kiến của xã đã được công khai trên bảng tin của xã."))
    if locked.board_id is not None:
        if locked.board_withdrawn_at is not None:
            raise ValidationError(
                _(
                    "Việc niêm yết công khai đã được thôi ngày %(day)s; không niêm yết lại cuộc lấy ý kiến này."
                )
                % {"day": f"{timezone.localtime(locked.board_withdrawn_at):%d/%m/%Y}"}
            )
        return False  # posted already (another click, another approver)
    while_open = locked.state == ConsultationState.OPEN and locked.ends_at and now <= locked.ends_at
    if not (locked.state == ConsultationState.DRAFT or while_open):
        raise ValidationError(
            _("Chỉ quyết định niêm yết công khai trước khi bắt đầu hoặc trong thời gian lấy ý kiến.")
        )
    commune = board_commune_of(locked.agency)
    if commune is None:
        raise ValidationError(
            _("%(agency)s không đặt trụ sở tại một xã, phường nên không có bảng tin của xã để niêm yết.")
            % {"agency": locked.agency.name}
        )
    posted = Consultation.objects.filter(pk=locked.pk, board__isnull=True, state=locked.state).update(
        board=commune, board_decision=decision[:300], board_posted_at=now, board_posted_by=by
    )
    if not posted:
        return False
    consultation.board, consultation.board_decision = commune, decision[:300]
    consultation.board_posted_at, consultation.board_posted_by = now, by
    consultation.state = locked.state
    record(
        consultation, by=by, action=Action.POSTED_ON_BOARD, note=decision,
        changes={"board": commune.code, "while_open": bool(while_open)},
    )  # fmt: skip
    publiccache.changed(*consultation.public_owners)
    if while_open:  # already open: the board's followers hear now (else with the opening)
        transaction.on_commit(
            lambda: signals.consultation_posted_on_board.send(sender=Consultation, consultation=consultation)
        )
    return True


@transaction.atomic
def withdraw_from_board(
    consultation: Consultation, *, by, reason: str, now: dt.datetime | None = None
) -> bool:
    """The head stops posting the consultation on the commune's board: an act of its own, with its
    reason, never a silent change. Allowed before it opens, and while it is open only until the first
    online comment arrives after the posting: a resident who commented is owed the response and the
    results on the page they commented on, so from then on the posting stays to the end and after."""
    now = now or timezone.now()
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do thôi niêm yết công khai (được ghi vào nhật ký).")})
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not locked.is_on_board:
        return False
    while_open = locked.state == ConsultationState.OPEN and locked.ends_at and now <= locked.ends_at
    if not (locked.state == ConsultationState.DRAFT or while_open):
        raise ValidationError(
            _(
                "Thời gian lấy ý kiến đã kết thúc: kết quả phải được công khai trên trang đã niêm yết, không thôi niêm yết được."
            )
        )
    # Online comments after the posting: from the public page (the staff's own are not told apart).
    if locked.comments.filter(
        channel=CommentChannel.ONLINE, received_at__gte=locked.board_posted_at
    ).exists():
        raise ValidationError(
            _("Đã có ý kiến gửi trực tuyến sau khi niêm yết công khai: việc niêm yết giữ đến hết thời gian "
              "lấy ý kiến để ý kiến được giải trình, tiếp thu công khai.")
        )  # fmt: skip
    withdrawn = Consultation.objects.filter(pk=locked.pk, board_withdrawn_at__isnull=True).update(
        board_withdrawn_at=now, board_withdrawal_reason=reason[:500]
    )
    if not withdrawn:
        return False
    board = locked.board
    consultation.board_withdrawn_at, consultation.board_withdrawal_reason = now, reason[:500]
    record(
        consultation, by=by, action=Action.BOARD_POSTING_WITHDRAWN, note=reason, changes={"board": board.code}
    )
    publiccache.changed(consultation.owner, board)
    return True


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
    until = consultation.conference_comments_until
    if channel == CommentChannel.CONFERENCE and until and timezone.localdate(received_at) > until:
        raise ValidationError(
            {
                "received_at": _("Hạn nhận ý kiến tại hội nghị là hết ngày %(day)s.")
                % {"day": f"{until:%d/%m/%Y}"}
            }
        )
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
    publiccache.changed(*consultation.public_owners)  # the count of comments received
    return comment


def results_made_public(consultation: Consultation) -> bool:
    """Whether the results were submitted or published: from then on the responses are part of a public
    report, and a response is corrected only with a reason, the earlier one kept."""
    return (
        consultation.result_disclosure_id is not None
        or consultation.state == ConsultationState.RESULTS_PUBLISHED
    )


@transaction.atomic
def respond(comment: Comment, *, by, kind: str, text: str, reason: str = "") -> Comment:
    """The response to a comment (giải trình, tiếp thu). Until the results are submitted it may be
    reworded freely (each wording audited); afterwards a change is a correction: it needs a reason, the
    earlier response is kept (`ResponseRevision`) and the public page shows both."""
    comment = (
        Comment.objects.select_for_update(of=("self",)).select_related("consultation").get(pk=comment.pk)
    )
    consultation = comment.consultation
    if comment.is_hidden:
        raise ValidationError(_("Ý kiến đã được ẩn nên không giải trình, tiếp thu."))
    if not text.strip():
        raise ValidationError({"response": _("Hãy nhập nội dung giải trình, tiếp thu.")})
    correcting = bool(comment.response) and results_made_public(consultation)
    if correcting and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Kết quả lấy ý kiến đã được trình, công khai: sửa nội dung giải trình, tiếp thu phải nêu "
                    "lý do; nội dung cũ vẫn được lưu và hiển thị."
                )
            }
        )
    previous_kind, previous, previous_at = comment.response_kind, comment.response, comment.responded_at
    if correcting:
        ResponseRevision.objects.create(
            comment=comment, kind=previous_kind, text=previous, given_at=previous_at, reason=reason.strip(),
            revised_at=timezone.now(), revised_by=by,
        )  # fmt: skip
    comment.response_kind, comment.response = kind, text.strip()
    comment.responded_at, comment.responded_by = timezone.now(), by
    comment.save(update_fields=["response_kind", "response", "responded_at", "responded_by"])
    changes = {"comment": comment.pk, "kind": kind}
    if previous:
        changes["previous_response"] = previous
    record(
        consultation,
        by=by,
        action=Action.RESPONSE_CORRECTED if correcting else Action.COMMENT_RESPONDED,
        changes=changes,
        note=reason.strip() if correcting else "",
    )
    publiccache.changed(*consultation.public_owners)
    transaction.on_commit(lambda: signals.comment_responded.send(sender=Comment, comment=comment))
    return comment


@transaction.atomic
def hide_comment(comment: Comment, *, by, reason: str) -> Comment:
    """Moderation hides with a reason and never deletes. A hide is one act (never rewritten), and a
    comment published with the results is not hidden afterwards: the published report stays whole."""
    comment = (
        Comment.objects.select_for_update(of=("self",)).select_related("consultation").get(pk=comment.pk)
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Ẩn ý kiến phải ghi rõ lý do.")})
    if comment.is_hidden:
        raise ValidationError(
            _("Ý kiến đã được ẩn ngày %(day)s; lý do ẩn không sửa được.")
            % {"day": f"{timezone.localtime(comment.hidden_at):%d/%m/%Y}"}
        )
    if results_made_public(comment.consultation):
        raise ValidationError(
            _(
                "Kết quả lấy ý kiến đã được trình, công khai cùng ý kiến này nên không ẩn được nữa. Nếu cần, "
                "hãy đính chính thông tin công khai kết quả."
            )
        )
    comment.hidden_at, comment.hidden_by, comment.hidden_reason = timezone.now(), by, reason.strip()
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    record(
        comment.consultation,
        by=by,
        action=Action.COMMENT_HIDDEN,
        changes={"comment": comment.pk},
        note=reason.strip(),
    )
    publiccache.changed(*comment.consultation.public_owners)
    return comment


@transaction.atomic
def close_due_consultations(*, now: dt.datetime | None = None) -> int:
    """Close every consultation whose period has ended (catching up after downtime); safe to run twice:
    the rows are locked (skipping those another run holds) and closed with one audit row each."""
    now = now or timezone.now()
    due = list(
        Consultation.objects.due_for_closing(now)
        .select_for_update(skip_locked=True)
        .only("pk", "unit_id", "board_id", "board_withdrawn_at")
    )
    if not due:
        return 0
    closed = Consultation.objects.filter(pk__in=[c.pk for c in due], state=ConsultationState.OPEN).update(
        state=ConsultationState.CLOSED, closed_at=now
    )
    record_many(due, by=None, action=Action.CLOSED, at=now)
    # The commune's boards, and those an agency's consultation was posted on.
    publiccache.changed(
        *disclosure_actions.unit_keys(c.unit_id or (c.board_id if c.is_on_board else None) for c in due)
    )
    _drafts_taken_down(due, now)
    ids = [c.pk for c in due]
    transaction.on_commit(lambda: signals.consultation_closed.send(sender=Consultation, consultation_ids=ids))
    return closed


def unanswered(consultation: Consultation):
    return consultation.comments.unanswered()


@transaction.atomic
def submit_results(
    consultation: Consultation,
    *,
    by,
    summary: str,
    result_number: str = "",
    now: dt.datetime | None = None,
    body: str = "",
) -> Disclosure:
    """The clerk prepares the result report and submits it for approval: every comment must have a
    response. The results become a disclosure of Art. 11 item 11 (communes) or Art. 46 item 10
    (agencies), linked both ways, which follows every disclosure's flow: the approver publishes it (or
    returns it), and only then does the consultation count as "results published" (`results_approved`).
    `body`, the full report, defaults to the summary."""
    now = now or timezone.now()
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.state != ConsultationState.CLOSED:
        if consultation.state == ConsultationState.RESULTS_PUBLISHED:
            raise ValidationError(_("Kết quả đã được công khai."))
        raise ValidationError(_("Chỉ công khai kết quả sau khi hết thời gian lấy ý kiến."))
    if consultation.result_disclosure_id is not None:
        raise ValidationError(
            _("Kết quả đã được trình phê duyệt (thông tin công khai số %(n)s).")
            % {"n": consultation.result_disclosure_id}
        )
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
        summary=summary.strip()[:2000], body=(body or summary).strip(), decision_number=result_number or "—",
        decision_date=report_date, decision_issuer=str(owner),
        **disclosure_actions.required_placement(owner, item),
    )  # fmt: skip
    disclosure_actions.submit(disclosure, by=by)
    # Only the link: the report's text and number come onto the consultation when they are approved.
    Consultation.objects.filter(pk=consultation.pk).update(result_disclosure=disclosure)
    consultation.result_disclosure = disclosure
    record(
        consultation,
        by=by,
        action=Action.RESULTS_SUBMITTED,
        changes={"result_number": result_number, "disclosure": disclosure.pk},
    )
    return disclosure


def results_approved(sender, *, disclosure: Disclosure, by, **kwargs) -> None:
    """On `disclosures.signals.published`: when the approver publishes a consultation's result
    disclosure, the consultation's results are published, at the moment and by the approver, with the
    report as published (the clerk may have reworded it after a return). Inside the publishing
    transaction; one audit row on the consultation."""
    consultation = Consultation.objects.filter(result_disclosure=disclosure).first()
    if consultation is None:
        return
    if move(
        consultation, from_states=[ConsultationState.CLOSED], to_state=ConsultationState.RESULTS_PUBLISHED,
        results_published_at=disclosure.published_at, result_summary=disclosure.body.strip(),
        result_number="" if disclosure.decision_number == "—" else disclosure.decision_number,
    ):  # fmt: skip
        record(
            consultation,
            by=by,
            action=Action.RESULTS_PUBLISHED,
            changes={"result_number": consultation.result_number, "disclosure": disclosure.pk},
        )
        publiccache.changed(*consultation.public_owners)
        transaction.on_commit(
            lambda: signals.results_published.send(sender=Consultation, consultation=consultation)
        )
