"""Every write to the register of rules in force and to a village convention's steps: one function
each, one transaction, one audit row per act (`democracy.audit`). Errors are ValidationErrors with
Vietnamese messages keyed by field; a refused write leaves nothing behind (files included)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.actions._common import scope_of
from consultations.actions.consultations import check_conference_deadline, opening_period
from consultations.models import Consultation, ConsultationState, Decision, DecisionState, Outcome
from democracy.audit import record
from democracy.calendar import closing_text
from democracy.models import Action, CatalogueItem
from democracy.transitions import move
from democracy.uploads import CheckedFile, check_upload, store_all
from disclosures import actions as disclosure_actions
from disclosures.models import Disclosure
from units.models import Level, is_agency, owner_fields

from .conventions import next_annual_review
from .models import CONVENTION_KINDS, DraftRecord, Regulation, RegulationKind
from .postings import _make, posts_draft

AGENCY_KINDS = {
    RegulationKind.AGENCY_DEMOCRACY, RegulationKind.INTERNAL_SPENDING, RegulationKind.WORKING_RULES,
    RegulationKind.CITIZEN_RECEPTION, RegulationKind.OTHER,
}  # fmt: skip
COMMUNE_KINDS = {
    RegulationKind.COMMUNE_DEMOCRACY, RegulationKind.CITIZEN_RECEPTION, RegulationKind.WORKING_RULES,
    RegulationKind.INTERNAL_SPENDING, RegulationKind.OTHER,
}  # fmt: skip


def kinds_for(owner) -> set[str]:
    """What each owner may register: an agency its own rules, a commune its rules, a village its
    hương ước and quy ước (Art. 15 item 3)."""
    if is_agency(owner):
        return {str(k) for k in AGENCY_KINDS}
    if owner.level == Level.VILLAGE:
        return {str(k) for k in CONVENTION_KINDS}
    return {str(k) for k in COMMUNE_KINDS}


def check_replacement(regulation: Regulation, replacement: Regulation | None) -> None:
    """A regulation is replaced by another of the same owner, effective on or after it, never by itself
    and never in a circle (A replaced by B replaced by A)."""
    if replacement is None:
        return
    if replacement.pk is not None and replacement.pk == regulation.pk:
        raise ValidationError({"replaced_by": _("Một văn bản không thể thay thế chính nó.")})
    if (replacement.unit_id, replacement.agency_id) != (regulation.unit_id, regulation.agency_id):
        raise ValidationError(
            {"replaced_by": _("Văn bản thay thế phải của cùng xã, thôn hoặc cơ quan, đơn vị.")}
        )
    if replacement.effective_from < regulation.effective_from:
        raise ValidationError(
            {"replaced_by": _("Văn bản thay thế phải có hiệu lực từ ngày %(day)s trở về sau.")
             % {"day": f"{regulation.effective_from:%d/%m/%Y}"}}
        )  # fmt: skip
    seen, step = {regulation.pk}, replacement
    while step is not None:
        if step.pk in seen:
            raise ValidationError(
                {"replaced_by": _("Không thể thay thế vòng tròn: văn bản %(n)s đã được thay thế (trực tiếp "
                                  "hoặc gián tiếp) bằng văn bản này.") % {"n": step.number}}
            )  # fmt: skip
        seen.add(step.pk)
        step = step.replaced_by


def _check_fields(owner, fields: dict) -> None:
    errors = {}
    if fields.get("kind") not in kinds_for(owner):
        errors["kind"] = _("Loại văn bản này không thuộc %(owner)s.") % {"owner": owner}
    for name, message in (
        ("title", _("Hãy nhập tên văn bản.")),
        ("number", _("Hãy nhập số, ký hiệu văn bản.")),
        ("issuer", _("Hãy nhập cơ quan ban hành, công nhận.")),
    ):
        if not str(fields.get(name) or "").strip():
            errors[name] = message
    issued, effective = fields.get("issued_on"), fields.get("effective_from")
    if issued is None:
        errors["issued_on"] = _("Hãy nhập ngày ban hành, công nhận.")
    elif issued > timezone.localdate():
        errors["issued_on"] = _("Ngày ban hành không được sau ngày hôm nay.")
    if effective is None:
        errors["effective_from"] = _("Hãy nhập ngày có hiệu lực.")
    elif issued and effective < issued:
        errors["effective_from"] = _("Ngày có hiệu lực không được trước ngày ban hành.")
    review = fields.get("next_review_on")
    if review and effective and review <= effective:
        errors["next_review_on"] = _("Ngày rà soát phải sau ngày có hiệu lực.")
    if errors:
        raise ValidationError(errors)


def _store_file(regulation: Regulation, file: CheckedFile | None) -> None:
    if file is None:
        return
    store_all([file], lambda checked: regulation, stem="quy-che")


@transaction.atomic
def register_regulation(
    *, owner, by, file: CheckedFile | None = None, replaces: Regulation | None = None, note: str = "",
    **fields,
) -> Regulation:  # fmt: skip
    """A rule already in force entered into the register (issued on paper, or before the portal), with
    the rule it replaces if any. One audit row on it, and one on the rule it replaces."""
    _check_fields(owner, fields)
    regulation = Regulation(**owner_fields(owner), created_by=by, note=note.strip(), **fields)
    if replaces is not None:
        replaces = Regulation.objects.select_for_update().get(pk=replaces.pk)
        if replaces.replaced_by_id is not None:
            raise ValidationError({"replaces": _("Văn bản %(n)s đã được thay thế.") % {"n": replaces.number}})
        check_replacement(replaces, regulation)
    if file is not None:
        _store_file(regulation, file)
    else:
        regulation.save()
    record(
        regulation,
        by=by,
        action=Action.CREATED,
        changes={"number": regulation.number, "kind": regulation.kind},
    )
    if replaces is not None:
        _replace(replaces, regulation, by=by)
    return regulation


def _replace(old: Regulation, new: Regulation, *, by) -> None:
    Regulation.objects.filter(pk=old.pk).update(replaced_by=new)
    old.replaced_by = new
    record(old, by=by, action=Action.REGULATION_REPLACED, changes={"replaced_by": new.number})


@transaction.atomic
def set_replacement(regulation: Regulation, *, by, replaced_by: Regulation) -> Regulation:
    """Record that `regulation` was replaced by another entry of the register. Once replaced it stays
    replaced: the link is history, never rewritten."""
    regulation = Regulation.objects.select_for_update().get(pk=regulation.pk)
    if regulation.replaced_by_id is not None:
        raise ValidationError(
            {
                "replaced_by": _("Văn bản đã được thay thế bằng văn bản %(n)s.")
                % {"n": regulation.replaced_by.number}
            }
        )
    replaced_by = Regulation.objects.select_related("replaced_by").get(pk=replaced_by.pk)
    check_replacement(regulation, replaced_by)
    _replace(regulation, replaced_by, by=by)
    return regulation


# --- Issued from a consultation or a village decision -------------------------------------------------


def _posting_item(owner) -> CatalogueItem:
    """Art. 11 item 4 (a commune's rules, posted permanently) or Art. 46 item 9 (an agency's)."""
    article, clause = (46, 9) if is_agency(owner) else (11, 4)
    return CatalogueItem.objects.get(scope=scope_of(owner), article=article, clause=clause)


def _disclose(regulation: Regulation, *, by, poster) -> Disclosure:
    """The disclosure of the rule, submitted for the approver to publish, with its file."""
    item = _posting_item(poster)
    body = _("%(title)s, số %(number)s ngày %(issued)s của %(issuer)s, có hiệu lực từ ngày %(effective)s.") % {
        "title": regulation.title, "number": regulation.number, "issued": f"{regulation.issued_on:%d/%m/%Y}",
        "issuer": regulation.issuer, "effective": f"{regulation.effective_from:%d/%m/%Y}",
    }  # fmt: skip
    summary = _("%(kind)s số %(number)s, có hiệu lực từ ngày %(effective)s.") % {
        "kind": regulation.get_kind_display(), "number": regulation.number,
        "effective": f"{regulation.effective_from:%d/%m/%Y}",
    }  # fmt: skip
    if regulation.consultation_id:
        body += " " + _("Văn bản được ban hành sau khi lấy ý kiến theo %(plan)s.") % {
            "plan": regulation.consultation.plan_number or regulation.consultation.title
        }
    placement = disclosure_actions.required_placement(poster, item)
    disclosure = disclosure_actions.create_draft(
        owner=poster, by=by, item=item, title=regulation.title[:300], summary=summary[:2000], body=body,
        decision_number=regulation.number, decision_date=regulation.issued_on, decision_issuer=regulation.issuer,
        window_days=None if item.is_permanent else item.posting_days, **placement,
    )  # fmt: skip
    if regulation.file:
        regulation.file.open("rb")
        try:
            upload = SimpleUploadedFile(regulation.original_name or "quy-che.pdf", regulation.file.read())
        finally:
            regulation.file.close()
        disclosure_actions.add_documents(disclosure, [check_upload(upload)], by=by)
    disclosure_actions.submit(disclosure, by=by)
    return disclosure


REGULATION_ITEMS = {("commune", 25, 7): RegulationKind.COMMUNE_DEMOCRACY,
                    ("agency", 53, 8): RegulationKind.AGENCY_DEMOCRACY,
                    ("agency", 53, 9): RegulationKind.INTERNAL_SPENDING,
                    ("agency", 53, 10): RegulationKind.OTHER}  # fmt: skip


def regulation_kind_of(consultation: Consultation) -> str | None:
    item = consultation.item
    kind = REGULATION_ITEMS.get((item.scope, item.article, item.clause))
    return str(kind) if kind else None


@transaction.atomic
def issue_from_consultation(
    consultation: Consultation, *, by, file: CheckedFile | None = None, replaces: Regulation | None = None,
    **fields,
) -> Regulation:  # fmt: skip
    """The outcome of a finished consultation on a draft regulation: the issued document (number, date,
    file) enters the register, and its posting (Art. 11 item 4 / Art. 46 item 9) is submitted for
    approval, linked both ways. Once per consultation."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.state not in (ConsultationState.CLOSED, ConsultationState.RESULTS_PUBLISHED):
        raise ValidationError(_("Chỉ ban hành văn bản sau khi kết thúc thời gian lấy ý kiến."))
    if consultation.regulations.exists():
        raise ValidationError(_("Văn bản ban hành sau cuộc lấy ý kiến này đã được ghi vào sổ."))
    fields.setdefault("kind", regulation_kind_of(consultation) or "")
    if (
        fields["issued_on"]
        and consultation.ends_on
        and fields["issued_on"] < timezone.localdate(consultation.opened_at)
    ):
        raise ValidationError({"issued_on": _("Ngày ban hành không được trước khi lấy ý kiến.")})
    regulation = register_regulation(
        owner=consultation.owner, by=by, file=file, replaces=replaces, consultation=consultation, **fields
    )
    disclosure = _disclose(regulation, by=by, poster=consultation.owner)
    Regulation.objects.filter(pk=regulation.pk).update(disclosure=disclosure)
    regulation.disclosure = disclosure
    record(
        consultation, by=by, action=Action.REGULATION_ISSUED,
        changes={"regulation": regulation.pk, "number": regulation.number, "disclosure": disclosure.pk},
    )  # fmt: skip
    return regulation


def is_convention_decision(decision: Decision) -> bool:
    """A village's decision on its hương ước, quy ước (Art. 15 item 3)."""
    item = decision.item
    return (item.scope, item.article, item.clause) == ("commune", 15, 3) and (
        decision.unit_id is not None and decision.unit.level == Level.VILLAGE
    )


def issuable_from_decision(decision: Decision) -> bool:
    """Whether the decision's convention can be entered now: passed, recognised, not entered yet."""
    return (
        is_convention_decision(decision)
        and decision.outcome == Outcome.PASSED
        and decision.state == DecisionState.RECOGNISED
        and not decision.regulations.exists()
    )


@transaction.atomic
def issue_from_decision(
    decision: Decision, *, by, file: CheckedFile | None = None, replaces: Regulation | None = None, **fields
) -> Regulation:
    """A village convention (Art. 15 item 3) adopted and recognised by the commune: its register entry
    (the village's, effective from the recognition, Art. 21(2)) and the commune's posting."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("item", "unit__parent")
        .get(pk=decision.pk)
    )
    if not is_convention_decision(decision):
        raise ValidationError(
            _("Chỉ quyết định của thôn về hương ước, quy ước (Điều 15 khoản 3) được ghi vào sổ.")
        )
    if decision.outcome != Outcome.PASSED or decision.state != DecisionState.RECOGNISED:
        raise ValidationError(
            _("Hương ước, quy ước chỉ có hiệu lực khi đã được Ủy ban nhân dân xã công nhận.")
        )
    if decision.regulations.exists():
        raise ValidationError(_("Hương ước, quy ước này đã được ghi vào sổ."))
    fields.setdefault("issued_on", decision.recognised_on)
    fields["decided_on"] = decision.decided_on
    fields.setdefault("effective_from", decision.recognised_on)
    if not fields.get("next_review_on") and fields["effective_from"]:
        # Reviewed every year (Decree 61 Art. 15): the first review day after it takes effect.
        fields["next_review_on"] = next_annual_review(fields["effective_from"])
    regulation = register_regulation(
        owner=decision.unit, by=by, file=file, replaces=replaces, decision=decision, **fields
    )
    disclosure = _disclose(regulation, by=by, poster=decision.unit.parent)
    Regulation.objects.filter(pk=regulation.pk).update(disclosure=disclosure)
    regulation.disclosure = disclosure
    record(
        decision, by=by, action=Action.REGULATION_ISSUED,
        changes={"regulation": regulation.pk, "number": regulation.number, "disclosure": disclosure.pk},
    )  # fmt: skip
    return regulation


# --- A cycle that happened on paper -----------------------------------------------------------------


@transaction.atomic
def enter_paper_cycle(
    consultation: Consultation, *, by, reason: str, opened_at: dt.datetime, last_day: dt.date | None = None,
    closed_at: dt.datetime | None = None, now: dt.datetime | None = None,
) -> Consultation:  # fmt: skip
    """An approver brings in a consultation held on paper with its real dates: opened (and posted) at
    `opened_at`, comments until the end of `last_day` (the plan's period unless the paper says
    otherwise), closed at `closed_at`. One audit row with the reason; the posting and closing records are
    made at those moments, numbered in their year."""
    now = now or timezone.now()
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy nêu lý do nhập lại cuộc lấy ý kiến đã làm trên giấy.")})
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.state != ConsultationState.DRAFT:
        raise ValidationError(_("Chỉ nhập lại được kế hoạch chưa công bố trên cổng."))
    if opened_at > now:
        raise ValidationError({"opened_at": _("Ngày công bố trên giấy không được sau hôm nay.")})
    if not consultation.documents.exists():
        raise ValidationError(_("Chưa có dự thảo: hãy đính kèm dự thảo đã lấy ý kiến trước khi nhập lại."))
    computed = opening_period(consultation, opened_at)
    first = timezone.localdate(opened_at)
    last_day = last_day or computed.date
    if last_day <= first:
        raise ValidationError({"last_day": _("Ngày kết thúc phải sau ngày công bố.")})
    ends_at = dt.datetime.combine(last_day, dt.time.max, tzinfo=timezone.get_current_timezone())
    explanation = computed.explanation
    if last_day != computed.date:
        explanation = _("Theo hồ sơ giấy: đến hết ngày %(day)s (theo cách tính của cổng: %(computed)s)") % {
            "day": f"{last_day:%d/%m/%Y}", "computed": computed.explanation,
        }  # fmt: skip
    check_conference_deadline(consultation, first, last_day)
    closed_at = closed_at or (ends_at if ends_at < now else None)
    if closed_at is not None and (closed_at < opened_at or closed_at > now):
        raise ValidationError(
            {"closed_at": _("Ngày kết thúc trên giấy phải sau ngày công bố và không sau hôm nay.")}
        )
    values = {"opened_at": opened_at, "ends_on": last_day, "ends_at": ends_at, "period_explanation": explanation,
              "period_explanation_en": computed.explanation_en}  # fmt: skip
    state = ConsultationState.OPEN
    if closed_at is not None:
        state, values["closed_at"] = ConsultationState.CLOSED, closed_at
    move(consultation, from_states=[ConsultationState.DRAFT], to_state=state, **values)
    record(
        consultation, by=by, action=Action.PAPER_CYCLE_ENTERED, note=reason.strip(),
        changes={"opened_at": opened_at, "ends_at": closing_text(ends_at), "closed_at": closed_at},
    )  # fmt: skip
    if posts_draft(consultation):
        _make(consultation, DraftRecord.Kind.POSTING, opened_at)
        if closed_at is not None:
            _make(consultation, DraftRecord.Kind.CLOSING, closed_at)
    return consultation
