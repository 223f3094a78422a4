"""The staff side of community and staff decisions (Art. 15–22, 49–52) and online votes (Decree 59
Art. 5): creating, the decision's page, one POST view per step (tally, send, recognise), opening a vote.

The online vote is secret: the printed list of codes is shown once and never stored."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from democracy.audit import trail
from democracy.forms import add_action_errors
from units.models import Level
from units.text import vi_sorted

from .. import actions
from ..access import get_decision_for_user, get_owner_for_user, is_public_decision
from ..forms.decisions import DecisionForm, RecogniseForm, SendForm, TallyForm, VoteOpenForm
from ..models import DecisionMethod, DecisionState
from .public import decision_facts


def _can_tally(allowed) -> bool:
    """The tally form is offered only where a tally by hand applies: a meeting or a ballot not yet tallied."""
    decision = allowed.obj
    return (
        allowed.can_edit
        and decision.method in actions.MANUAL_TALLY_METHODS
        and decision.state == DecisionState.DRAFT
    )


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
        {"form": form, "owner": owner, "internal": actions.is_agency(owner)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request, code):
    owner = get_owner_for_user(request, code, levels=(Level.VILLAGE, Level.COMMUNE), write=True).obj
    return _create(request, owner)


@login_required
@require_http_methods(["GET", "POST"])
def decision_create_for_agency(request, code):
    return _create(request, get_owner_for_user(request, code, agency=True, write=True).obj)


# --- One decision (staff) ---------------------------------------------------------------------------


def _villages(decision):
    """The villages tallied one by one: a commune-wide decision on items 1–2 (Art. 21(1)(b))."""
    if decision.is_commune_wide and decision.item.counts_villages:
        return vi_sorted(decision.unit.children.filter(level=Level.VILLAGE))
    return []


def _deadlines(decision, today):
    """The two deadlines and whether each was missed: by the actual date once done, else by today."""
    send_late = bool(decision.send_deadline) and (decision.sent_on or today) > decision.send_deadline
    recognise_late = (
        bool(decision.recognition_deadline)
        and (decision.recognised_on or today) > decision.recognition_deadline
    )
    return {"send_late": send_late, "recognise_late": recognise_late}


def _tally_form(decision, data=None, villages=None):
    return TallyForm(
        data,
        decision=decision,
        villages=_villages(decision) if villages is None else villages,
        initial={"decided_on": timezone.localdate().strftime("%d/%m/%Y")},
    )


def _send_form(data=None):
    return SendForm(data, initial={"sent_on": timezone.localdate().strftime("%d/%m/%Y")})


def _recognise_form(data=None):
    return RecogniseForm(data, initial={"on": timezone.localdate().strftime("%d/%m/%Y")})


def issuable_from_decision(decision) -> bool:
    from ..regulations.actions import issuable_from_decision as issuable

    return issuable(decision)


def _detail_page(request, allowed, **forms):
    """The decision's staff page; `forms` holds the bound form of a step that failed, if any."""
    decision = allowed.obj
    villages = _villages(decision)
    used = total = None
    if decision.method == DecisionMethod.ONLINE and decision.state != DecisionState.DRAFT:
        counts = decision.codes.aggregate(total=Count("pk"), used=Count("pk", filter=Q(used=True)))
        used, total = counts["used"], counts["total"]
    village_results = vi_sorted(
        decision.village_results.select_related("village"), name=lambda r: r.village.name
    )
    return render(
        request,
        "consultations/decision_detail.html",
        {
            "d": decision,
            **decision_facts(decision),
            **_deadlines(decision, timezone.localdate()),
            "can_edit": allowed.can_edit,
            "can_approve": allowed.can_approve,
            "can_tally": _can_tally(allowed),
            "tally_form": forms.get("tally_form") or _tally_form(decision, villages=villages),
            "send_form": forms.get("send_form") or _send_form(),
            "recognise_form": forms.get("recognise_form") or _recognise_form(),
            "codes_used": used,
            "codes_total": total,
            "village_results": village_results,
            "is_public": is_public_decision(decision),
            "audit": trail(decision),
            # A recognised village convention (Art. 15 item 3): its entry in the register, or the button.
            "regulations": list(decision.regulations.all()),
            "can_issue_regulation": allowed.can_edit and issuable_from_decision(decision),
        },
    )


@login_required
@require_GET
def decision_detail(request, pk):
    # A staff page: the public reads the public page.
    return _detail_page(request, get_decision_for_user(request, pk, staff=True))


def _step(request, allowed, form, name, write):
    """Run one step's write function with the form's data; on a refusal, the page with the form's errors
    (status 200, as the page always answered a step that failed)."""
    if form.is_valid():
        try:
            write(form)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("consultations:decision_detail", pk=allowed.obj.pk)
    return _detail_page(request, allowed, **{name: form})


@login_required
@require_POST
def decision_tally(request, pk):
    allowed = get_decision_for_user(request, pk, staff=True, write=True)
    if not _can_tally(allowed):
        # The form is not on the page: the refusal is shown as a message above it.
        try:
            actions.check_manual_tally(allowed.obj)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return _detail_page(request, allowed)
    form = _tally_form(allowed.obj, request.POST)
    return _step(
        request, allowed, form, "tally_form",
        lambda f: actions.record_tally(allowed.obj, by=request.user, **f.tally()),
    )  # fmt: skip


@login_required
@require_POST
def decision_send(request, pk):
    allowed = get_decision_for_user(request, pk, staff=True, write=True)
    return _step(
        request, allowed, _send_form(request.POST), "send_form",
        lambda f: actions.mark_sent(allowed.obj, by=request.user, **f.cleaned_data),
    )  # fmt: skip


@login_required
@require_POST
def decision_recognise(request, pk):
    allowed = get_decision_for_user(request, pk, staff=True, approve=True)
    return _step(
        request, allowed, _recognise_form(request.POST), "recognise_form",
        lambda f: actions.recognise(allowed.obj, by=request.user, **f.cleaned_data),
    )  # fmt: skip


# --- Opening an online vote -------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def vote_open(request, pk):
    decision = get_decision_for_user(request, pk, write=True).obj
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
            return render(request, "consultations/vote_codes.html", {"d": decision, "codes": codes})
    return render(
        request,
        "consultations/vote_open.html",
        {"d": decision, "form": form, "opened": decision.state != DecisionState.DRAFT},
    )
