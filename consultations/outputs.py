"""The outputs of consultations and decisions, built on request: the printable documents (PDF, with
WeasyPrint) and the XLSX of a consultation's comments.

Each `*_context` gathers what a clerk would type into the paper form (in the layout of the Đông Sơn
commune documents of 2024 and the forms of Decree 59/2023/NĐ-CP); each `<thing>_pdf` returns PDF bytes.
Names the portal does not know are left as dotted lines to be filled in by hand. Citizens' names and
contacts never reach a template: comments are copied field by field.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.pdf import clock, lower_first, place_date, render_pdf, split_type
from democracy.xlsx import write_sheet
from units.letterhead import issuer
from units.models import Level
from units.text import fold, vi_sorted

from .actions import is_agency
from .models import (
    CommentChannel,
    Consultation,
    Decision,
    DecisionMethod,
    DecisionState,
    Meeting,
    MeetingKindRule,
    ResponseKind,
)

DOTS = "……………………"
NO_COMMENTS = "không có ý kiến"


# --- Shared pieces -----------------------------------------------------------------------------------


def _commune_of(unit):
    return unit.parent if unit.level == Level.VILLAGE and unit.parent_id else unit


def _owner_unit(obj):
    """The commune (or village) the document is about; for an agency, the unit it sits in."""
    return obj.agency.unit if obj.agency_id else obj.unit


def _authority(owner) -> str:
    """ "Ủy ban nhân dân xã Đồng Kỳ" for a commune; an agency or a village by its own name."""
    if is_agency(owner) or owner.level == Level.VILLAGE:
        return owner.name
    return f"Ủy ban nhân dân {lower_first(owner.name)}"


def _base(owner, unit, date, number="") -> dict:
    commune = _commune_of(unit)
    type_word, place = split_type(commune.name)
    return {
        **issuer(owner),
        "internal": is_agency(owner),
        "owner_name": owner.name,
        "owner_lower": lower_first(owner.name),
        "authority": _authority(owner),
        "unit_name": lower_first(commune.name),
        "unit_word": type_word.lower() or "xã",
        "place": place,
        "date": date,
        "place_date": place_date(place, date),
        "number": number or f"{DOTS}",
        "dots": DOTS,
    }


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def _first_day(consultation):
    """The period runs from the day after publication (Civil Code Art. 147)."""
    if consultation.opened_at is None:
        return None
    return timezone.localdate(consultation.opened_at) + dt.timedelta(days=1)


def _percent(part, whole) -> str:
    if not whole or part is None:
        return "—"
    return f"{part * 100 / whole:.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


# --- Consultation plan (kế hoạch lấy ý kiến) --------------------------------------------------------


def plan_context(consultation: Consultation) -> dict:
    owner = consultation.owner
    date = consultation.plan_date or _local_date(consultation.opened_at) or timezone.localdate()
    starts_on = _first_day(consultation)
    return {
        **_base(owner, _owner_unit(consultation), date, consultation.plan_number),
        "consultation": consultation,
        "form_labels": consultation.form_labels(),
        "starts_on": starts_on,
        "ends_on": consultation.ends_on,
        "ends_at": clock(consultation.ends_at),
        "documents": [d.original_name for d in consultation.documents.all()],
        "meetings": list(consultation.meetings.order_by("held_at", "pk")),
    }


def plan_pdf(consultation: Consultation) -> bytes:
    return render_pdf("consultations/pdf/plan.html", plan_context(consultation))


# --- Meeting minutes (biên bản hội nghị, cuộc họp) ---------------------------------------------------


def minutes_context(meeting: Meeting) -> dict:
    owner = meeting.owner
    held = timezone.localtime(meeting.held_at)
    ends = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
    parent = meeting.consultation or meeting.decision
    rule = MeetingKindRule.objects.filter(kind=meeting.kind).first()
    households = meeting.kind in (Meeting.Kind.COMMUNITY, Meeting.Kind.VILLAGE_CONFERENCE)
    return {
        **_base(owner, _owner_unit(meeting), held.date(), meeting.minutes_number),
        "meeting": meeting,
        "kind_label": meeting.get_kind_display(),
        "held_time": f"{held:%H} giờ {held:%M} phút, ngày {held:%d/%m/%Y}",
        "ends_time": f"{ends:%H} giờ {ends:%M} phút" if ends else "",
        "consultation": meeting.consultation,
        "decision": meeting.decision,
        "subject": parent.title if parent else "",
        "plan_number": meeting.consultation.plan_number if meeting.consultation_id else "",
        "plan_date": meeting.consultation.plan_date if meeting.consultation_id else None,
        "households": households,
        "people_word": (rule.people_word if rule else "") or ("hộ" if households else "người"),
        "rule": rule,
        "agenda_lines": [line.strip() for line in meeting.agenda.splitlines() if line.strip()],
        "groups": meeting.groups or [],
        "stands_alone": meeting.stands_alone,
        # The kind's legal basis without its gloss ("Điều 32 Luật …: hằng năm ít nhất 01 lần" → "Điều 32 Luật …").
        "basis": (rule.article.split(":")[0].strip() if rule and rule.article else ""),
    }


def minutes_pdf(meeting: Meeting) -> bytes:
    return render_pdf("consultations/pdf/minutes.html", minutes_context(meeting))


# --- Result report (báo cáo kết quả lấy ý kiến) -----------------------------------------------------


def result_context(consultation: Consultation) -> dict:
    owner = consultation.owner
    comments = list(consultation.comments.filter(hidden_at__isnull=True).order_by("received_at", "pk"))
    hidden = consultation.comments.filter(hidden_at__isnull=False).count()
    labels = dict(CommentChannel.choices)
    channels = {}
    for comment in comments:
        row = channels.setdefault(
            comment.channel, {"label": labels.get(comment.channel), "count": 0, "people": 0}
        )
        row["count"] += 1
        row["people"] += comment.people_count or 0
    groups = []
    for kind, label in ResponseKind.choices:
        items = [
            {"section": c.section, "text": c.text, "response": c.response, "channel": labels.get(c.channel)}
            for c in comments
            if c.response_kind == kind
        ]
        groups.append({"kind": kind, "label": label, "items": items})
    unanswered = [{"section": c.section, "text": c.text} for c in comments if not c.response_kind]
    date = _local_date(consultation.results_published_at) or timezone.localdate()
    return {
        **_base(owner, _owner_unit(consultation), date, consultation.result_number),
        "consultation": consultation,
        "form_labels": consultation.form_labels(),
        "starts_on": _first_day(consultation),
        "ends_on": consultation.ends_on,
        "total": len(comments),
        "hidden": hidden,
        "channels": [channels[code] for code in labels if code in channels],
        "groups": groups,
        "unanswered": unanswered,
        "no_comments": NO_COMMENTS,
        "meetings": list(consultation.meetings.order_by("held_at", "pk")),
    }


def result_pdf(consultation: Consultation) -> bytes:
    return render_pdf("consultations/pdf/result.html", result_context(consultation))


# --- Decisions (Decree 59 forms 02, 03, 04; staff conferences) --------------------------------------

TALLY_FORMS = {
    DecisionMethod.MEETING: "Mẫu số 02",
    DecisionMethod.ONLINE: "Mẫu số 03",
    DecisionMethod.BALLOT: "Mẫu số 04",
}


def decision_context(decision: Decision) -> dict:
    owner = decision.owner
    agency = decision.agency_id is not None
    commune_wide = not agency and decision.unit.level == Level.COMMUNE
    votes = [v for v in (decision.agree, decision.disagree, decision.other) if v is not None]
    present = decision.present if decision.present is not None else (sum(votes) if votes else None)
    absent = decision.electorate - present if present is not None else None
    if agency:
        word = "người"
    elif commune_wide:
        word = "thôn, tổ dân phố"
    else:
        word = "hộ"
    village_head = (
        "Tổ trưởng tổ dân phố"
        if fold(decision.unit.name if decision.unit_id else "").startswith("to dan pho")
        else "Trưởng thôn"
    )
    item = decision.item
    quorum = f"{item.quorum_numerator}/{item.quorum_denominator}" if item.quorum_denominator else ""
    quorum_needed = (  # at least qn/qd of all staff (Art. 51(2)(c)), rounded up
        -(-decision.electorate * item.quorum_numerator // item.quorum_denominator)
        if agency and item.quorum_denominator
        else None
    )
    online = decision.method == DecisionMethod.ONLINE
    counted = decision.state not in (DecisionState.DRAFT, DecisionState.VOTING)
    date = decision.decided_on or timezone.localdate()
    return {
        **_base(owner, _owner_unit(decision), date),
        "decision": decision,
        "agency": agency,
        "commune_wide": commune_wide,
        "method_label": decision.get_method_display(),
        "outcome_label": decision.get_outcome_display() if decision.outcome else "",
        "passed": decision.outcome == "passed",
        "word": word,
        "present": present,
        "absent": absent,
        "counted": sum(votes) if votes else None,
        "agree_pct": _percent(decision.agree, decision.electorate),
        "disagree_pct": _percent(decision.disagree, decision.electorate),
        "other_pct": _percent(decision.other, decision.electorate),
        "present_pct": _percent(present, decision.electorate),
        "agree_of_present_pct": _percent(decision.agree, present),
        "quorum_needed": quorum_needed,
        "quorum": quorum,
        "consent_rule": (
            f"{item.online_consent_numerator}/{item.online_consent_denominator}"
            if item.online_consent_denominator
            else ""
        ),
        # Decree 59 Art. 5: the minutes list the households that took part (never their choices), in
        # alphabetical order, which says nothing about when or how each voted.
        "participants": (
            sorted(decision.codes.filter(used=True).values_list("household", flat=True), key=fold)
            if online and counted
            else []
        ),
        "village_head": village_head,
        "village_results": vi_sorted(
            decision.village_results.select_related("village"), name=lambda r: r.village.name
        ),
        "tally_form": "" if agency else TALLY_FORMS.get(decision.method, ""),
        "opens_at": clock(decision.vote_opens_at),
        "closes_at": clock(decision.vote_closes_at),
        "other_texts": (
            list(decision.ballots.exclude(other_text="").values_list("other_text", flat=True))
            if decision.method == DecisionMethod.ONLINE
            else []
        ),
        "meetings": list(decision.meetings.order_by("held_at", "pk")),
    }


def decision_pdf(decision: Decision) -> bytes:
    return render_pdf("consultations/pdf/decision.html", decision_context(decision))


def tally_pdf(decision: Decision) -> bytes:
    return render_pdf("consultations/pdf/tally.html", decision_context(decision))


# --- The comments and their responses (XLSX) ----------------------------------------------------------


def comments_xlsx(consultation: Consultation) -> bytes:
    """Comments and responses for the result report. Names and contacts stay out of the file."""
    headers = [
        _("STT"),
        _("Thời điểm tiếp nhận"),
        _("Kênh tiếp nhận"),
        _("Số người tham dự"),
        _("Phần, điều của dự thảo"),
        _("Nội dung ý kiến"),
        _("Hình thức trả lời"),
        _("Nội dung giải trình, tiếp thu"),
        _("Thời điểm trả lời"),
        _("Ghi chú"),
    ]
    rows = (
        [
            n,
            c.received_at,
            c.get_channel_display(),
            c.people_count,
            c.section,
            c.text,
            c.get_response_kind_display() if c.response_kind else "",
            c.response,
            c.responded_at,
            _("Đã ẩn: %(reason)s") % {"reason": c.hidden_reason} if c.is_hidden else "",
        ]
        for n, c in enumerate(consultation.comments.all(), start=1)
    )
    return write_sheet(headers, rows, sheet_title=_("Ý kiến góp ý"))
