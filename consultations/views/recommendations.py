"""The People's Inspection Board's recommendations (Art. 38–40, 61–63): the list of a commune or an
agency, the board member's form, and the recommendation's page where the unit answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from democracy.audit import trail
from democracy.forms import add_action_errors

from .. import actions
from ..access import get_owner_for_recommending, get_owner_for_user, get_recommendation_for_user
from ..forms.decisions import AnswerForm, RecommendationForm
from ..models import Recommendation


def _list(request, allowed):
    owner = allowed.obj
    rows = list(
        Recommendation.objects.of(owner)
        .defer("text", "answer", "due_explanation")
        .order_by("answered_on", "due_on", "-pk")
    )
    today = timezone.localdate()
    for r in rows:
        r.overdue = r.is_overdue(today)
    return render(
        request,
        "consultations/recommendation_list.html",
        {
            "owner": owner,
            "internal": actions.is_agency(owner),
            "rows": rows,
            "overdue": sum(1 for r in rows if r.overdue),
            "can_recommend": allowed.can_recommend,
        },
    )


@login_required
def recommendations(request, code):
    return _list(request, get_owner_for_user(request, code))


@login_required
def recommendations_for_agency(request, code):
    return _list(request, get_owner_for_user(request, code, agency=True))


def _create(request, owner):
    form = RecommendationForm(
        request.POST or None,
        initial={"made_on": timezone.localdate().strftime("%d/%m/%Y"), "addressed_to": str(owner)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            r = actions.make_recommendation(owner=owner, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request, _("Đã ghi kiến nghị; hạn trả lời: %(day)s.") % {"day": f"{r.due_on:%d/%m/%Y}"}
            )
            return redirect("consultations:recommendation_detail", pk=r.pk)
    return render(
        request,
        "consultations/recommendation_form.html",
        {
            "form": form,
            "owner": owner,
            "internal": actions.is_agency(owner),
            "answer_days": actions.answer_days(owner),
            "answer_basis": actions.answer_basis(owner),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request, code):
    return _create(request, get_owner_for_recommending(request, code).obj)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create_for_agency(request, code):
    return _create(request, get_owner_for_recommending(request, code, agency=True).obj)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_detail(request, pk):
    """The recommendation, and on POST its answer (the page's one form)."""
    allowed = get_recommendation_for_user(request, pk, answer=request.method == "POST")
    recommendation = allowed.obj
    form = AnswerForm(
        request.POST or None, initial={"answered_on": timezone.localdate().strftime("%d/%m/%Y")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_recommendation(
                recommendation, by=request.user, answer=form.cleaned_data["answer"],
                on=form.cleaned_data["answered_on"], reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu câu trả lời."))
            return redirect("consultations:recommendation_detail", pk=recommendation.pk)
    answered_late = (
        recommendation.answered_on is not None and recommendation.answered_on > recommendation.due_on
    )
    return render(
        request,
        "consultations/recommendation_detail.html",
        {
            "r": recommendation,
            "form": form,
            "can_answer": allowed.can_answer,
            "overdue": recommendation.is_overdue(timezone.localdate()),
            "answered_late": answered_late,
            "list_url_name": "consultations:recommendations_for_agency"
            if recommendation.agency_id
            else "consultations:recommendations",
            "owner_code": recommendation.owner.code,
            "revisions": list(recommendation.revisions.select_related("revised_by")),
            "audit": trail(recommendation),
        },
    )
