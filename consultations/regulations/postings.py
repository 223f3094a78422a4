"""The posting record and the closing record of a consultation's draft (biên bản niêm yết / kết thúc
niêm yết dự thảo), made by the acts that need them: opening a consultation whose forms include posting
the draft, and closing it when its period ends. Numbered from the owner's counter of the year like a
disclosure's records (`disclosures.actions.take_record_numbers`), printed with the same templates."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from consultations.models import AgencyCommentForm, CommentChannel, Consultation, ConsultationState
from democracy.models import Action, AuditEvent
from democracy.pdf import clock, lower_first, place_date, render_pdf, split_type
from disclosures.actions import take_record_numbers
from disclosures.models import Record
from disclosures.outputs import RECORD_TEMPLATES
from units.letterhead import issuer

from .models import DraftRecord

POSTING_FORMS = {"posting", str(AgencyCommentForm.POSTING)}


def posts_draft(consultation: Consultation) -> bool:
    return bool(POSTING_FORMS & set(consultation.forms or []))


def _make(consultation: Consultation, kind: str, made_at: dt.datetime) -> DraftRecord | None:
    if DraftRecord.objects.filter(consultation=consultation, kind=kind).exists():
        return None
    number = take_record_numbers([consultation], made_at=made_at)[consultation.pk]
    return DraftRecord.objects.create(consultation=consultation, kind=kind, number=number, made_at=made_at)


def draft_posted(consultation: Consultation, *, made_at: dt.datetime) -> DraftRecord | None:
    """Inside the opening transaction: the posting record, if the draft is posted."""
    if not posts_draft(consultation):
        return None
    return _make(consultation, DraftRecord.Kind.POSTING, made_at)


def drafts_taken_down(consultations, *, made_at: dt.datetime) -> int:
    """Inside the closing transaction: the closing record of each posted draft among `consultations`."""
    made = 0
    rows = Consultation.objects.filter(pk__in=[c.pk for c in consultations]).only(
        "pk", "forms", "unit", "agency"
    )
    for consultation in rows.order_by("pk"):
        if posts_draft(consultation) and _make(consultation, DraftRecord.Kind.CLOSING, made_at):
            made += 1
    return made


def _people(consultation: Consultation) -> dict[str, str]:
    people = {"approver": "", "clerk": ""}
    roles = {Action.CREATED: "clerk", Action.DOCUMENTS_ADDED: "clerk", Action.OPENED: "approver",
             Action.IMPORTED: "approver"}  # fmt: skip
    for event in AuditEvent.objects.of(consultation).filter(action__in=roles).select_related("actor"):
        if event.actor is not None and (name := event.actor.get_full_name().strip()):
            people[roles[event.action]] = name
    return people


def _comments(consultation: Consultation) -> list[dict]:
    """The comments of the period for the closing record, without the citizen's name or contact."""
    return [
        {
            "kind": "Ý kiến",
            "received_at": timezone.localtime(c.received_at).strftime("%H:%M %d/%m/%Y"),
            "channel": c.get_channel_display(),
            "text": "" if c.is_hidden else c.text,
            "hidden_reason": c.hidden_reason if c.is_hidden else "",
            "answer": "" if c.is_hidden else c.response,
        }
        for c in consultation.comments.order_by("received_at", "pk")
    ]


def draft_record_pdf(record: DraftRecord) -> bytes:
    """The record in a disclosure record's layout: what is posted is the draft, for the period."""
    consultation = (
        Consultation.objects.select_related("item", "unit__parent", "agency__unit__parent")
        .prefetch_related("documents")
        .get(pk=record.consultation_id)
    )
    internal = consultation.is_internal
    owner_unit = consultation.agency.unit if internal else consultation.unit
    type_word, place = split_type(owner_unit.name)
    authority = consultation.agency.name if internal else f"Ủy ban nhân dân {lower_first(owner_unit.name)}"
    authority_short = consultation.agency.name if internal else f"UBND {lower_first(owner_unit.name)}"
    made_at = timezone.localtime(record.made_at)
    closed = consultation.state in (ConsultationState.CLOSED, ConsultationState.RESULTS_PUBLISHED)
    posted = SimpleNamespace(
        title=f"Dự thảo {lower_first(consultation.title)}"
        if not consultation.title.lower().startswith("dự thảo")
        else consultation.title,
        version=1,
        item=SimpleNamespace(
            legal_basis=consultation.item.legal_basis, posting_days=consultation.period_days
        ),
        decision_number=consultation.plan_number or "—",
        decision_date=consultation.plan_date or timezone.localdate(consultation.opened_at),
        decision_issuer=authority,
        summary=consultation.content,
        form_labels=consultation.form_labels(),
        documents=consultation.documents,
        window_ends_at=consultation.ends_at,
        window_days=consultation.period_days,
        published_at=consultation.opened_at,
        window_end=consultation.ends_on,
        window_explanation=consultation.period_explanation,
        radio_days=None,
        is_late=False,
    )
    conference = [c for c in consultation.comments.all() if c.channel == CommentChannel.CONFERENCE]
    context = {
        "disclosure": posted,
        "internal": internal,
        **issuer(consultation.owner),
        "number": record.number,
        "place_date": place_date(place, made_at.date()),
        "made_at": clock(made_at),
        "unit_word": type_word.lower(),
        "item_label": f"lấy ý kiến {lower_first(consultation.item.label_vi.rstrip('.'))}",
        "authority": authority,
        "authority_short": authority_short,
        "unit_name": lower_first(owner_unit.name),
        "people": _people(consultation),
        "places": [f"trụ sở {authority}"],
        "published_at": clock(timezone.localtime(consultation.opened_at)),
        "ends_at": clock(timezone.localtime(consultation.ends_at)),
        "closed_at": clock(timezone.localtime(consultation.closed_at))
        if closed and consultation.closed_at
        else "",
        "feedback": _comments(consultation) if record.kind == DraftRecord.Kind.CLOSING else [],
        "conference_comments": len(conference),
    }
    template = RECORD_TEMPLATES[
        Record.Kind.CLOSING if record.kind == DraftRecord.Kind.CLOSING else Record.Kind.POSTING
    ]
    return render_pdf(template, context)
