"""The citizen's side: a commune's consultations and decisions boards, a consultation's page with the
comment form and its documents, a decision's public page, and the household's online vote.

The online vote is secret: no page shows a household's name next to a choice. A comment's name and
contact are never on a page. Pages of things not public are never cached.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from democracy import publiccache, ratelimit, sent
from democracy.downloads import document_download
from democracy.forms import add_action_errors, item_reference
from democracy.origin import same_origin_post
from units.models import AdministrativeUnit, Level
from units.text import vi_sorted

from .. import actions
from ..access import (
    PUBLIC_DECISION_STATES,
    get_consultation_for_user,
    get_published_decision,
    is_public_consultation,
)
from ..forms.consultations import PublicCommentForm
from ..forms.decisions import ReceiptForm, VoteForm, rule_text
from ..models import (
    Consultation,
    ConsultationState,
    Decision,
    DecisionMethod,
    DecisionState,
    DraftDocument,
)

BOARD_PAGE_SIZE = 30
COMMENTS_PER_PAGE = 100
SENT = "consultations.comment"  # the citizen's own comments, remembered in their session (democracy.sent)


def decision_facts(decision):
    return {
        "reference": item_reference(decision.item),
        "rule": rule_text(decision.item, commune_wide=decision.is_commune_wide),
    }


# --- The citizen's side -----------------------------------------------------------------------


def board(request, code):
    """A commune's consultations: open ones first with days left and the exact end, then the rest."""
    unit = get_object_or_404(
        AdministrativeUnit.objects.select_related("parent__parent__parent"), code=code, level=Level.COMMUNE
    )
    now = timezone.now()
    public = (
        Consultation.objects.public()
        .on_board_of(unit)
        .select_related("item", "agency")
        .annotate(public_comments=Count("comments", filter=Q(comments__hidden_at__isnull=True)))
    )
    is_open = Q(state=ConsultationState.OPEN, ends_at__gte=now)
    current = list(public.filter(is_open).order_by("ends_at", "pk"))
    today = timezone.localdate(now)
    for c in current:
        c.days_left = c.days_left(today)
        publiccache.valid_until(request, c.ends_at)  # the board changes when the first period ends
    past = list(public.exclude(is_open).order_by("-ends_at", "-pk")[:100])
    return render(
        request,
        "consultations/board.html",
        {"unit": unit, "ancestors": unit.ancestors(), "current": current, "past": past},
    )


def _closed_reason(consultation) -> str:
    if consultation.state == ConsultationState.DRAFT:
        return _("Kế hoạch chưa được công bố nên chưa nhận ý kiến.")
    if consultation.ends_at:
        return _("Thời gian lấy ý kiến đã kết thúc lúc %(moment)s; không nhận thêm ý kiến trực tuyến.") % {
            "moment": consultation.closing_text
        }
    return ""


def detail(request, pk):
    return _render_detail(request, get_consultation_for_user(request, pk))


def _render_detail(request, allowed, *, form=None, refusal="", status=200):
    """The consultation's page. While open: the documents and the comment form. After the period: the
    results and every comment with its response. Names and contacts are never on the page."""
    consultation = allowed.obj
    is_open = consultation.is_open()
    can_comment = is_open and allowed.can_comment
    fresh = form is None  # not a form sent back with its errors
    if can_comment and form is None:
        form = (
            PublicCommentForm()
        )  # its form_token made in the browser (js/form-token.js): the page is cached
    ended = consultation.state != ConsultationState.DRAFT and not is_open
    comments = []
    if ended:
        # A page at a time: 5,000 comments on one page made 2.9 MB of HTML and 1.7 s (bench/consultation_page.py).
        comments = Paginator(
            consultation.comments.only(
                "consultation_id", "section", "text", "channel", "people_count", "received_at", "response_kind",
                "response", "responded_at", "hidden_at", "hidden_reason",
            ).prefetch_related("revisions"),
            COMMENTS_PER_PAGE,
        ).get_page(request.GET.get("page"))  # fmt: skip
    # The citizen's own comments, before they are published: shown to this session only.
    own_pks = sent.remembered(request, SENT)
    mine = []
    if own_pks and not ended:
        mine = list(
            consultation.comments.filter(pk__in=own_pks, hidden_at__isnull=True)
            .only("consultation_id", "section", "text", "received_at", "hidden_at")
            .order_by("received_at", "pk")
        )
    just_sent = sent.take_just_sent(request, SENT) if fresh else None
    just_sent = next((cm for cm in mine if cm.pk == just_sent), None)
    if is_open:
        publiccache.valid_until(request, consultation.ends_at)  # the form goes at the period's end
    unit = consultation.board_unit  # an agency's posted on its commune's board: that commune
    context = {
        "c": consultation,
        "unit": unit,
        "ancestors": unit.ancestors() if unit else [],
        "is_public": is_public_consultation(consultation),
        "on_board": consultation.is_on_board,
        "reference": item_reference(consultation.item),
        "documents": list(consultation.documents.all()),
        "is_open": is_open,
        "ended": ended,
        "days_left": consultation.days_left() if is_open else None,
        "comments": comments,
        "received": consultation.comments.filter(hidden_at__isnull=True).count() if is_open else None,
        "can_comment": can_comment,
        "closed_reason": "" if is_open else _closed_reason(consultation),
        "form": form,
        "refusal": refusal,
        "is_staff_here": allowed.can_edit,
        "mine": mine,
        "just_sent": just_sent,
        "sent_message": _sent_message() if just_sent else "",
    }
    response = render(request, "consultations/detail.html", context, status=status)
    if not context["is_public"]:
        add_never_cache_headers(response)
    if own_pks:
        sent.private_page(response)
    return response


def _sent_message():
    return _(
        "Đã gửi ý kiến. Ý kiến và nội dung giải trình, tiếp thu được công khai sau khi kết thúc lấy ý kiến."
    )


@same_origin_post
@require_POST
def comment(request, pk):
    """A comment (PRG), identity optional for citizens and never public; staff under their account.
    Limits: a rate limit per client, size limits, and a honeypot that stores nothing."""
    allowed = get_consultation_for_user(request, pk)
    if not allowed.can_comment:
        raise PermissionDenied
    consultation = allowed.obj
    form = PublicCommentForm(request.POST)
    if not ratelimit.feedback_allowed(request):
        response = _render_detail(
            request,
            allowed,
            form=form,
            status=429,
            refusal=_(
                "Bạn đã gửi quá nhiều ý kiến trong một giờ. Xin thử lại sau; "
                "nội dung bạn vừa nhập vẫn còn trong ô dưới đây."
            ),
        )
        response["Retry-After"] = str(ratelimit.retry_after())
        return response
    # Back to the page, where the form was: the confirmation, its reference number, focus moved to it.
    done = redirect(reverse("consultations:detail", args=[consultation.pk]) + "#gui-thanh-cong")
    if PublicCommentForm.is_robot(request.POST):
        messages.success(request, _sent_message())
        return done
    if not consultation.is_open():
        return _render_detail(request, allowed, refusal=_closed_reason(consultation), status=400)
    if form.is_valid():
        data = form.cleaned_data
        try:
            sent_comment = actions.add_comment(
                consultation,
                text=data["text"],
                section=data["section"],
                name=data["name"],
                contact=data["contact"],
                author=request.user if request.user.is_authenticated else None,
                form_token=data["form_token"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            sent.remember(request, SENT, sent_comment.pk)
            return done
    return _render_detail(request, allowed, form=form, status=400)


def document(request, pk):
    doc = get_object_or_404(DraftDocument, pk=pk)
    consultation = get_consultation_for_user(request, doc.consultation_id).obj
    return document_download(doc, public=is_public_consultation(consultation))


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


@never_cache
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
        # Only wrong codes count (a household's valid vote never uses up its neighbours' allowance).
        if ratelimit.exhausted(request, "vote", limit=settings.VOTES_PER_HOUR):
            response = render(
                request,
                "consultations/vote.html",
                {"d": decision, "form": form, "is_open": is_open, "limited": True},
                status=429,
            )
            response["Retry-After"] = str(ratelimit.retry_after())
            return response
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
                return render(request, "consultations/vote_done.html", {"d": decision, "receipt": receipt})
        if "code" in form.errors:
            ratelimit.hit(request, "vote", limit=settings.VOTES_PER_HOUR)
        status = 400
    return render(
        request,
        "consultations/vote.html",
        {"d": decision, "form": form, "is_open": is_open, **decision_facts(decision)},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def vote_receipt(request, pk):
    decision = _online_decision(pk)
    form = ReceiptForm(request.POST or None)
    found = None
    status = 200
    if request.method == "POST":
        if ratelimit.exhausted(request, "vote_receipt", limit=settings.VOTES_PER_HOUR):
            response = render(
                request,
                "consultations/vote_receipt.html",
                {"d": decision, "form": form, "limited": True},
                status=429,
            )
            response["Retry-After"] = str(ratelimit.retry_after())
            return response
        if form.is_valid():
            found = actions.receipt_recorded(decision, form.cleaned_data["receipt"])
            if not found:
                status = 404
        if not found:  # only receipts not found count
            ratelimit.hit(request, "vote_receipt", limit=settings.VOTES_PER_HOUR)
    counted = decision.state in PUBLIC_DECISION_STATES
    return render(
        request,
        "consultations/vote_receipt.html",
        {"d": decision, "form": form, "found": found, "counted": counted},
        status=status,
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
    allowed = get_published_decision(request, pk)
    decision = allowed.obj
    village_results = vi_sorted(
        decision.village_results.select_related("village"), name=lambda r: r.village.name
    )
    return render(
        request,
        "consultations/decision_public.html",
        {
            "d": decision,
            **decision_facts(decision),
            "village_results": village_results,
            "staff": allowed.is_staff,
            "tallied": decision.state in PUBLIC_DECISION_STATES,
        },
    )
