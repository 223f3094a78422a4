"""The printable documents (rendered on request) and the staff form that records a meeting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from units.access import roles_for_owned

from . import documents
from .access import get_consultation_for_user, get_decision_for_user
from .forms_meetings import MeetingForm
from .meetings import record_meeting
from .models import ConsultationState, Meeting

RESULT_STATES = (ConsultationState.RESULTS_PUBLISHED,)


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def plan_pdf(request, pk):
    consultation, _roles = get_consultation_for_user(request, pk)
    return _pdf_response(documents.render_plan(consultation), f"ke-hoach-lay-y-kien-{consultation.pk}.pdf")


def result_pdf(request, pk):
    consultation, _roles = get_consultation_for_user(request, pk)
    if consultation.state not in RESULT_STATES:
        raise Http404
    return _pdf_response(
        documents.render_result(consultation), f"bao-cao-ket-qua-lay-y-kien-{consultation.pk}.pdf"
    )


def _get_meeting_for_user(request, pk) -> Meeting:
    """A meeting is read by whoever may read its consultation or decision; a free-standing meeting by
    the people holding a role on its unit or agency."""
    meeting = (
        Meeting.objects.select_related(
            "unit__parent__parent", "agency__unit__parent", "consultation", "decision"
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    if meeting.consultation_id:
        get_consultation_for_user(request, meeting.consultation_id)
    elif meeting.decision_id:
        get_decision_for_user(request, meeting.decision_id)
    elif not roles_for_owned(request, meeting):
        raise Http404
    return meeting


def minutes_pdf(request, pk):
    meeting = _get_meeting_for_user(request, pk)
    return _pdf_response(documents.render_minutes(meeting), f"bien-ban-hop-{meeting.pk}.pdf")


def _tallied_decision(request, pk):
    decision, _roles = get_decision_for_user(request, pk)
    if not decision.outcome:  # nothing to print before the tally
        raise Http404
    return decision


def decision_pdf(request, pk):
    decision = _tallied_decision(request, pk)
    return _pdf_response(documents.render_decision(decision), f"van-ban-quyet-dinh-{decision.pk}.pdf")


def tally_pdf(request, pk):
    decision = _tallied_decision(request, pk)
    return _pdf_response(documents.render_tally(decision), f"bien-ban-kiem-phieu-{decision.pk}.pdf")


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
            if hasattr(error, "error_dict"):
                for field, errs in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, error)
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
    consultation, _roles = get_consultation_for_user(request, pk, write=True)
    return _meeting_form(
        request, consultation, kinds=_kinds(consultation.is_internal), parent_field="consultation",
        back_url=reverse("consultations:staff_detail", args=[consultation.pk]),
    )  # fmt: skip


@login_required
def decision_meeting_create(request, pk):
    decision, _roles = get_decision_for_user(request, pk, write=True)
    return _meeting_form(
        request, decision, kinds=_kinds(decision.is_internal, decision=True), parent_field="decision",
        back_url=reverse("consultations:decision_detail", args=[decision.pk]),
    )  # fmt: skip
