"""Community and staff decisions (Art. 15–22, 49–52), online votes (Decree 59 Art. 5) and the inspection
board's recommendations (Art. 38–40, 61–63): the staff pages, the household's voting pages and the
public board.

Every view loads through `consultations.access` or `units.access` (404 to outsiders, 403 on writes
without the role) and writes only through `actions`. The online vote is secret: the printed list of
codes is shown once and never stored, and no page shows a household's name next to a choice."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from democracy import ratelimit
from units.access import get_agency_for_user, get_unit_for_user
from units.models import AdministrativeUnit, Agency, Level

from . import actions
from .access import PUBLIC_DECISION_STATES, can_recommend, get_decision_for_user, get_recommendation_for_user
from .forms_decisions import (
    AnswerForm,
    DecisionForm,
    ReceiptForm,
    RecogniseForm,
    RecommendationForm,
    SendForm,
    TallyForm,
    VoteForm,
    VoteOpenForm,
    add_action_errors,
    item_reference,
    rule_text,
)
from .models import Ballot, Decision, DecisionMethod, DecisionState, Recommendation

BOARD_PAGE_SIZE = 30
TALLY_STATES = (DecisionState.DRAFT, DecisionState.VOTING, DecisionState.TALLIED)


def _never_cache(response):
    add_never_cache_headers(response)
    return response


# --- Creating a decision ----------------------------------------------------------------------------


def _create(request, owner):
    form = DecisionForm(request.POST or None, owner=owner)
    if request.method == "POST" and form.is_valid():
        try:
            decision = actions.create_decision(owner=owner, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã tạo nội dung “%(title)s”; tổng số có quyền biểu quyết: %(n)s.")
                % {"title": decision.title, "n": decision.electorate},
            )
            return redirect("consultations:decision_detail", pk=decision.pk)
    return render(
        request,
        "consultations/decision_form.html",
        {"form": form, "owner": owner, "internal": isinstance(owner, Agency)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request, code):
    unit, _roles = get_unit_for_user(request, code, write=True)
    if unit.level not in (Level.VILLAGE, Level.COMMUNE):
        raise Http404
    return _create(request, unit)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create_for_agency(request, code):
    agency, _roles = get_agency_for_user(request, code, write=True)
    return _create(request, agency)


# --- One decision (staff) ---------------------------------------------------------------------------


def _villages(decision):
    """The villages tallied one by one: a commune-wide decision on items 1–2 (Art. 21(1)(b))."""
    if decision.is_commune_wide and decision.item.threshold_inclusive:
        return list(decision.unit.children.filter(level=Level.VILLAGE).order_by("code"))
    return []


def _deadlines(decision, today):
    """The two deadlines and whether each was missed: by the actual date once done, else by today."""
    send_late = bool(decision.send_deadline) and (decision.sent_on or today) > decision.send_deadline
    recognise_late = (
        bool(decision.recognition_deadline)
        and (decision.recognised_on or today) > decision.recognition_deadline
    )
    return {"send_late": send_late, "recognise_late": recognise_late}


def decision_facts(decision):
    return {
        "reference": item_reference(decision.item),
        "rule": rule_text(decision.item, commune_wide=decision.is_commune_wide),
    }


@login_required
@require_http_methods(["GET", "POST"])
def decision_detail(request, pk):
    decision, roles = get_decision_for_user(request, pk)
    if not roles:  # the public reads the public page
        raise Http404
    can_edit = any(r.can_edit for r in roles)
    can_approve = any(r.can_approve for r in roles)
    villages = _villages(decision)
    today = timezone.localdate()
    action = request.POST.get("action") if request.method == "POST" else None
    if action and not (can_approve if action == "recognise" else can_edit):
        raise PermissionDenied

    tally_form = TallyForm(
        request.POST if action == "tally" else None,
        decision=decision,
        villages=villages,
        initial={"decided_on": today.strftime("%d/%m/%Y")},
    )
    send_form = SendForm(
        request.POST if action == "send" else None, initial={"sent_on": today.strftime("%d/%m/%Y")}
    )
    recognise_form = RecogniseForm(
        request.POST if action == "recognise" else None, initial={"on": today.strftime("%d/%m/%Y")}
    )
    form, call = {
        "tally": (tally_form, lambda f: actions.record_tally(decision, by=request.user, **f.tally())),
        "send": (send_form, lambda f: actions.mark_sent(decision, by=request.user, **f.cleaned_data)),
        "recognise": (
            recognise_form,
            lambda f: actions.recognise(decision, by=request.user, **f.cleaned_data),
        ),
    }.get(action, (None, None))
    if form is not None and form.is_valid():
        try:
            call(form)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("consultations:decision_detail", pk=decision.pk)

    used = total = None
    if decision.method == DecisionMethod.ONLINE and decision.state != DecisionState.DRAFT:
        counts = decision.codes.aggregate(
            total=Count("pk"), used=Count("pk", filter=Q(used_at__isnull=False))
        )
        used, total = counts["used"], counts["total"]
    village_results = list(decision.village_results.select_related("village").order_by("village__code"))
    return render(
        request,
        "consultations/decision_detail.html",
        {
            "d": decision,
            **decision_facts(decision),
            **_deadlines(decision, today),
            "can_edit": can_edit,
            "can_approve": can_approve,
            "can_tally": can_edit
            and decision.method != DecisionMethod.ONLINE
            and decision.state in TALLY_STATES,
            "tally_form": tally_form,
            "send_form": send_form,
            "recognise_form": recognise_form,
            "codes_used": used,
            "codes_total": total,
            "village_results": village_results,
            "is_public": decision.agency_id is None and decision.state in PUBLIC_DECISION_STATES,
        },
    )


# --- Opening an online vote -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def vote_open(request, pk):
    decision, _roles = get_decision_for_user(request, pk, write=True)
    if decision.method != DecisionMethod.ONLINE:
        raise Http404
    form = VoteOpenForm(request.POST or None)
    if decision.state == DecisionState.DRAFT and request.method == "POST" and form.is_valid():
        try:
            codes = actions.open_online_vote(decision, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            # Shown once, from memory: only the codes' hashes are kept, so this page cannot be shown again.
            response = render(request, "consultations/vote_codes.html", {"d": decision, "codes": codes})
            return _never_cache(response)
    return _never_cache(
        render(
            request,
            "consultations/vote_open.html",
            {"d": decision, "form": form, "opened": decision.state != DecisionState.DRAFT},
        )
    )


# --- The household's side ---------------------------------------------------------------------------


def _online_decision(pk):
    decision = get_object_or_404(
        Decision.objects.select_related("unit", "item"),
        pk=pk,
        method=DecisionMethod.ONLINE,
        agency__isnull=True,
    )
    if decision.state == DecisionState.DRAFT:
        raise Http404
    return decision


@require_http_methods(["GET", "POST"])
def vote(request, pk):
    decision = _online_decision(pk)
    now = timezone.now()
    is_open = (
        decision.state == DecisionState.VOTING and decision.vote_opens_at <= now <= decision.vote_closes_at
    )
    form = VoteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not ratelimit.hit(request, "vote", limit=settings.VOTES_PER_HOUR):
            response = render(
                request,
                "consultations/vote.html",
                {"d": decision, "form": form, "is_open": is_open, "limited": True},
                status=429,
            )
            response["Retry-After"] = str(ratelimit.retry_after())
            return _never_cache(response)
        if form.is_valid():
            try:
                receipt = actions.cast_vote(
                    decision,
                    code=form.cleaned_data["code"],
                    choice=form.cleaned_data["choice"],
                    other_text=form.cleaned_data["other_text"],
                )
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                return _never_cache(
                    render(request, "consultations/vote_done.html", {"d": decision, "receipt": receipt})
                )
        status = 400
    return _never_cache(
        render(
            request,
            "consultations/vote.html",
            {"d": decision, "form": form, "is_open": is_open, **decision_facts(decision)},
            status=status,
        )
    )


@require_http_methods(["GET", "POST"])
def vote_receipt(request, pk):
    decision = _online_decision(pk)
    form = ReceiptForm(request.POST or None)
    found = None
    status = 200
    if request.method == "POST":
        if not ratelimit.hit(request, "vote_receipt", limit=settings.VOTES_PER_HOUR):
            response = render(
                request,
                "consultations/vote_receipt.html",
                {"d": decision, "form": form, "limited": True},
                status=429,
            )
            response["Retry-After"] = str(ratelimit.retry_after())
            return _never_cache(response)
        if form.is_valid():
            found = Ballot.objects.filter(decision=decision, receipt=form.cleaned_data["receipt"]).exists()
            if not found:
                status = 404
    counted = decision.state in PUBLIC_DECISION_STATES
    return _never_cache(
        render(
            request,
            "consultations/vote_receipt.html",
            {"d": decision, "form": form, "found": found, "counted": counted},
            status=status,
        )
    )


# --- The public board -------------------------------------------------------------------------------


def decisions_board(request, code):
    commune = get_object_or_404(
        AdministrativeUnit.objects.select_related("parent"), code=code, level=Level.COMMUNE
    )
    rows = (
        Decision.objects.filter(agency__isnull=True, state__in=PUBLIC_DECISION_STATES)
        .filter(Q(unit=commune) | Q(unit__parent=commune))
        .select_related("unit", "item")
        .defer("description", "outcome_explanation", "refusal_reason")
        .order_by("-decided_on", "-pk")
    )
    page = Paginator(rows, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "consultations/decision_board.html", {"unit": commune, "page": page})


def decision_public(request, pk):
    decision, roles = get_decision_for_user(request, pk)
    if decision.state not in PUBLIC_DECISION_STATES and not roles:
        raise Http404
    village_results = list(decision.village_results.select_related("village").order_by("village__code"))
    return render(
        request,
        "consultations/decision_public.html",
        {
            "d": decision,
            **decision_facts(decision),
            "village_results": village_results,
            "staff": bool(roles),
            "tallied": decision.state in PUBLIC_DECISION_STATES,
        },
    )


# --- Recommendations --------------------------------------------------------------------------------


def _recommendation_list(request, owner, roles):
    owner_q = {"agency": owner} if isinstance(owner, Agency) else {"unit": owner}
    rows = list(
        Recommendation.objects.filter(**owner_q)
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
            "internal": isinstance(owner, Agency),
            "rows": rows,
            "overdue": sum(1 for r in rows if r.overdue),
            "can_recommend": can_recommend(roles),
        },
    )


def _commune_for_user(request, code):
    unit, roles = get_unit_for_user(request, code)
    if unit.level != Level.COMMUNE:
        raise Http404
    return unit, roles


@login_required
def recommendations(request, code):
    unit, roles = _commune_for_user(request, code)
    return _recommendation_list(request, unit, roles)


@login_required
def recommendations_for_agency(request, code):
    agency, roles = get_agency_for_user(request, code)
    return _recommendation_list(request, agency, roles)


def _recommendation_create(request, owner, roles):
    if not can_recommend(roles):
        raise PermissionDenied
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
        {"form": form, "owner": owner, "internal": isinstance(owner, Agency)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request, code):
    unit, roles = _commune_for_user(request, code)
    return _recommendation_create(request, unit, roles)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create_for_agency(request, code):
    agency, roles = get_agency_for_user(request, code)
    return _recommendation_create(request, agency, roles)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_detail(request, pk):
    recommendation, roles = get_recommendation_for_user(request, pk, answer=request.method == "POST")
    can_answer = any(r.can_edit for r in roles)
    form = AnswerForm(
        request.POST or None, initial={"answered_on": timezone.localdate().strftime("%d/%m/%Y")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_recommendation(
                recommendation, by=request.user, answer=form.cleaned_data["answer"],
                on=form.cleaned_data["answered_on"],
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu câu trả lời."))
            return redirect("consultations:recommendation_detail", pk=recommendation.pk)
    today = timezone.localdate()
    answered_late = (
        recommendation.answered_on is not None and recommendation.answered_on > recommendation.due_on
    )
    return render(
        request,
        "consultations/recommendation_detail.html",
        {
            "r": recommendation,
            "form": form,
            "can_answer": can_answer,
            "overdue": recommendation.is_overdue(today),
            "answered_late": answered_late,
            "list_url_name": "consultations:recommendations_for_agency"
            if recommendation.agency_id
            else "consultations:recommendations",
            "owner_code": recommendation.owner.code,
        },
    )
