"""The printable documents (built on request by `consultations.outputs`) and the staff form that records
a meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from democracy.downloads import generated_download
from democracy.forms import add_action_errors

from .. import outputs
from ..access import get_consultation_for_user, get_decision_for_user, get_meeting_for_user
from ..actions import record_meeting
from ..forms.meetings import MeetingForm
from ..models import ConsultationState, Meeting

RESULT_STATES = (ConsultationState.RESULTS_PUBLISHED,)


def _pdf_response(pdf: bytes, filename: str):
    return generated_download(pdf, filename=filename, content_type="application/pdf", inline=True)


def plan_pdf(request, pk):
    consultation = get_consultation_for_user(request, pk).obj
    return _pdf_response(outputs.plan_pdf(consultation), f"ke-hoach-lay-y-kien-{consultation.pk}.pdf")


def result_pdf(request, pk):
    consultation = get_consultation_for_user(request, pk).obj
    if consultation.state not in RESULT_STATES:
        raise Http404
    return _pdf_response(
        outputs.result_pdf(consultation), f"bao-cao-ket-qua-lay-y-kien-{consultation.pk}.pdf"
    )


def minutes_pdf(request, pk):
    meeting = get_meeting_for_user(request, pk)
    if meeting.state != Meeting.State.HELD:
        raise Http404  # a scheduled or cancelled meeting has no minutes
    return _pdf_response(outputs.minutes_pdf(meeting), f"bien-ban-hop-{meeting.pk}.pdf")


def _not_yet(request, allowed):
    """Before the tally there is nothing to print: the unit's people are told why (409), anyone else
    learns nothing (404: an untallied decision is not public)."""
    if not allowed.is_staff:
        raise Http404
    response = render(request, "consultations/document_not_yet.html", {"d": allowed.obj}, status=409)
    add_never_cache_headers(response)
    return response


def decision_pdf(request, pk):
    allowed = get_decision_for_user(request, pk)
    decision = allowed.obj
    if not decision.outcome:
        return _not_yet(request, allowed)
    return _pdf_response(outputs.decision_pdf(decision), f"van-ban-quyet-dinh-{decision.pk}.pdf")


def tally_pdf(request, pk):
    allowed = get_decision_for_user(request, pk)
    decision = allowed.obj
    if not decision.outcome:
        return _not_yet(request, allowed)
    return _pdf_response(outputs.tally_pdf(decision), f"bien-ban-kiem-phieu-{decision.pk}.pdf")


def _kinds(owner_is_agency: bool, *, decision=False):
    if owner_is_agency:
        return [Meeting.Kind.STAFF_CONFERENCE]
    return [Meeting.Kind.COMMUNITY] if decision else [Meeting.Kind.CONFERENCE, Meeting.Kind.COMMUNITY]


def _meeting_form(request, parent, *, kinds, back_url, parent_field):
    form = MeetingForm(request.POST or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "kind"}
        try:
            meeting = record_meeting(
                owner=parent.owner,
                by=request.user,
                kind=form.cleaned_data["kind"],
                **{parent_field: parent},
                **data,
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ghi biên bản cuộc họp, hội nghị."))
            return redirect(f"{back_url}#meeting-{meeting.pk}")
    return render(
        request,
        "consultations/meeting_form.html",
        {"form": form, "parent": parent, "back_url": back_url, "owner": parent.owner},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def meeting_create(request, pk):
    consultation = get_consultation_for_user(request, pk, write=True).obj
    return _meeting_form(
        request, consultation, kinds=_kinds(consultation.is_internal), parent_field="consultation",
        back_url=reverse("consultations:staff_detail", args=[consultation.pk]),
    )  # fmt: skip


@login_required
def decision_meeting_create(request, pk):
    decision = get_decision_for_user(request, pk, write=True).obj
    return _meeting_form(
        request, decision, kinds=_kinds(decision.is_internal, decision=True), parent_field="decision",
        back_url=reverse("consultations:decision_detail", args=[decision.pk]),
    )  # fmt: skip
