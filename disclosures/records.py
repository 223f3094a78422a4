"""The posting record and the closing record (biên bản niêm yết / kết thúc niêm yết) as PDF.

`render_record_pdf` gathers what a clerk would type into the paper template (issuer, number, place and
date, participants, what is posted, the window, the feedback received) and renders it with WeasyPrint.
Citizens' names and contacts never reach the template: feedback is copied field by field.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from democracy.models import Action, AuditEvent
from democracy.pdf import clock, lower_first, render_pdf, split_type
from units.text import fold

from .models import Disclosure, Record

TEMPLATES = {
    Record.Kind.POSTING: ("disclosures/pdf/posting_record.html", "bien-ban-niem-yet"),
    Record.Kind.CLOSING: ("disclosures/pdf/closing_record.html", "bien-ban-ket-thuc-niem-yet"),
}


# Longest first, so "Thành phố Hà Nội" loses "Thành phố" and not a shorter prefix.
def render_record_pdf(record: Record) -> Record:
    """Render the record to PDF and store it; rendering again replaces the file (same name)."""
    disclosure = (
        Disclosure.objects.select_related("item", "unit__parent", "agency__unit__parent")
        .prefetch_related("posting_villages")
        .get(pk=record.disclosure_id)
    )
    template, stem = TEMPLATES[record.kind]
    owner_unit = disclosure.agency.unit if disclosure.is_internal else disclosure.unit
    type_word, place = split_type(owner_unit.name)
    made_at = timezone.localtime(record.made_at)
    context = {
        "disclosure": disclosure,
        "internal": disclosure.is_internal,
        **_issuer(disclosure),
        "number": record.number,
        "place": place,
        "date": made_at.date(),
        "made_at": clock(made_at),
        "unit_word": type_word.lower(),
        "item_label": lower_first(disclosure.item.label_vi.rstrip(".")),
        "authority": _authority(disclosure, owner_unit),
        "authority_short": _authority(disclosure, owner_unit, short=True),
        "unit_name": lower_first(owner_unit.name),
        "people": _people(disclosure),
        "places": _places(disclosure, owner_unit),
        "published_at": clock(disclosure.published_at),
        "ends_at": clock(disclosure.window_ends_at),
        "closed_at": clock(disclosure.closed_at),
        "feedback": _feedback(disclosure) if record.kind == Record.Kind.CLOSING else [],
    }
    pdf = render_pdf(template, context)
    if record.pdf:
        record.pdf.delete(save=False)
    record.pdf.save(f"{stem}-{disclosure.pk}.pdf", ContentFile(pdf), save=False)
    record.rendered_at = timezone.now()
    record.save(update_fields=["pdf", "rendered_at"])
    return record


def _authority(disclosure: Disclosure, unit, *, short=False) -> str:
    if disclosure.is_internal:
        return disclosure.agency.name
    return f"{'UBND' if short else 'Ủy ban nhân dân'} {lower_first(unit.name)}"


def _issuer(disclosure: Disclosure) -> dict:
    """The issuer block: the authority above on line 1, the issuer itself (bold) below it."""
    if disclosure.is_internal:
        agency = disclosure.agency
        # An agency that is itself a People's Committee is governed by the one above its unit.
        above = (
            agency.unit.parent if fold(agency.name).startswith(("uy ban nhan dan", "ubnd")) else agency.unit
        )
        lines = [agency.name.upper()]
        # "Văn phòng UBND xã Đồng Kỳ" breaks before its unit: "VĂN PHÒNG UBND" / "XÃ ĐỒNG KỲ".
        head, unit_name = agency.name[: -len(agency.unit.name)].strip(), agency.unit.name
        if head and agency.name.casefold().endswith(unit_name.casefold()):
            lines = [head.upper(), unit_name.upper()]
    else:
        above = disclosure.unit.parent
        lines = ["ỦY BAN NHÂN DÂN", disclosure.unit.name.upper()]
    return {"parent_issuer": f"UBND {above.name.upper()}" if above else "", "issuer_lines": lines}


def _people(disclosure: Disclosure) -> dict[str, str]:
    """The approver and the clerk by their full names from the audit trail ("" when unknown)."""
    people = {"approver": "", "clerk": ""}
    # An imported posting was made and posted by whoever imported it (one act, one audit row).
    roles = {
        Action.CREATED: ["clerk"],
        Action.SUBMITTED: ["clerk"],
        Action.PUBLISHED: ["approver"],
        Action.IMPORTED: ["clerk", "approver"],
    }
    for event in AuditEvent.objects.of(disclosure).filter(action__in=roles).select_related("actor"):
        if event.actor is not None and (name := event.actor.get_full_name().strip()):
            for role in roles[event.action]:
                people[role] = name
    return people


def _places(disclosure: Disclosure, unit) -> list[str]:
    places = []
    if disclosure.posted_at_office:
        places.append(f"trụ sở {_authority(disclosure, unit)}")
    places += [
        f"nhà văn hóa, điểm sinh hoạt cộng đồng {lower_first(village.name)}"
        for village in disclosure.posting_villages.all()
    ]
    if disclosure.other_places.strip():
        places.append(disclosure.other_places.strip())
    return places


def _feedback(disclosure: Disclosure) -> list[dict]:
    """Questions and comments for the closing record, without the citizen's name or contact."""
    return [
        {
            "kind": item.get_kind_display(),
            "received_at": timezone.localtime(item.received_at).strftime("%H:%M %d/%m/%Y"),
            "channel": item.get_channel_display(),
            "text": "" if item.is_hidden else item.text,
            "hidden_reason": item.hidden_reason if item.is_hidden else "",
            "answer": "" if item.is_hidden else item.answer,
        }
        for item in disclosure.feedback.order_by("received_at", "pk")
    ]
