"""The citizen's side: a commune's petitions page (answered petitions, anonymised as the clerk confirmed,
and the counts), the form to send one, and the citizen's own page behind a signed link (the answer and
the rating form). Abuse limits as for disclosure feedback: a rate limit per client, a size limit, a
honeypot that makes a bot believe it succeeded while nothing is stored."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from democracy import ratelimit, sent
from units.access import roles_for_owned
from units.models import AdministrativeUnit, Level

from .. import actions, links
from ..forms import RateForm, SendForm, add_action_errors
from ..models import Channel, Kind, Petition, State, Topic

PAGE_SIZE = 20
SENT = "petitions.petition"  # the citizen's own petitions, remembered in their session (democracy.sent)


def _commune_or_404(code):
    return get_object_or_404(
        AdministrativeUnit.objects.select_related("parent__parent__parent"), code=code, level=Level.COMMUNE
    )


def _counts(unit) -> dict:
    """Counts of the commune's petitions (hidden ones excluded) by topic and by channel, with the answers
    and the ratings per channel: two queries whatever the number of petitions."""
    shown = Petition.objects.of(unit).exclude(state=State.HIDDEN)
    handled = Q(state__in=[State.ANSWERED, State.DECLINED, State.FORWARDED])
    by_topic = {
        row["topic"]: row
        for row in shown.values("topic").annotate(n=Count("pk"), handled=Count("pk", filter=handled))
    }
    by_channel = {
        row["channel"]: row
        for row in shown.values("channel").annotate(
            n=Count("pk"),
            handled=Count("pk", filter=handled),
            rated=Count("pk", filter=Q(rated_at__isnull=False)),
            satisfied=Count("pk", filter=Q(satisfied=True)),
        )
    }
    topics = [
        (label, by_topic[value]["n"], by_topic[value]["handled"])
        for value, label in [("", _("Chưa phân loại")), *Topic.choices]
        if value in by_topic
    ]
    channels = []
    for value, label in Channel.choices:
        if row := by_channel.get(value):
            percent = round(100 * row["satisfied"] / row["rated"]) if row["rated"] else None
            channels.append((label, row["n"], row["handled"], row["rated"], row["satisfied"], percent))
    total = sum(row["n"] for row in by_channel.values())
    rated = sum(row["rated"] for row in by_channel.values())
    satisfied = sum(row["satisfied"] for row in by_channel.values())
    return {
        "topics": topics,
        "channels": channels,
        "total": total,
        "handled": sum(row["handled"] for row in by_channel.values()),
        "rated": rated,
        "satisfied": satisfied,
        "percent": round(100 * satisfied / rated) if rated else None,
    }


def board(request, code):
    unit = _commune_or_404(code)
    published = Petition.objects.of(unit).published().order_by("-handled_at", "-pk")
    page = Paginator(
        published.only(
            "pk", "kind", "topic", "channel", "public_text", "answer", "received_at", "handled_at"
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "petitions/board.html",
        {"unit": unit, "ancestors": unit.ancestors(), "page": page, "stats": _counts(unit)},
    )


def _send_page(request, unit, form, *, refusal="", status=200):
    return render(
        request, "petitions/send.html", {"unit": unit, "form": form, "refusal": refusal}, status=status
    )


def send(request, code):
    """GET: the form; POST: the petition (PRG to the citizen's own page, which confirms it)."""
    unit = _commune_or_404(code)
    if request.method != "POST":
        return _send_page(
            request, unit, SendForm(initial={"form_token": uuid.uuid4(), "kind": Kind.PETITION})
        )
    form = SendForm(request.POST)
    if not ratelimit.hit(request, "petitions", limit=settings.FEEDBACK_PER_HOUR):
        response = _send_page(
            request,
            unit,
            form,
            status=429,
            refusal=_(
                "Bạn đã gửi quá nhiều phản ánh, kiến nghị trong một giờ. Xin thử lại sau; nội dung bạn vừa "
                "nhập vẫn còn trong ô dưới đây."
            ),
        )
        response["Retry-After"] = str(ratelimit.retry_after())
        return response
    if SendForm.is_robot(request.POST):
        messages.success(request, _("Đã gửi phản ánh, kiến nghị."))
        return redirect("petitions:board", code=unit.code)
    if form.is_valid():
        data = form.cleaned_data
        try:
            petition = actions.send_petition(
                unit, text=data["text"], kind=data["kind"], name=data["name"], contact=data["contact"],
                form_token=data["form_token"],
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            sent.remember(request, SENT, petition.pk)
            return redirect(links.url_for(petition))
    return _send_page(request, unit, form, status=400)


def _petition_from_token(request, token) -> Petition:
    """The petition of a signed link. An agency's petition is internal: its link opens only for the
    agency's people (and those overseeing it), signed in; anyone else gets 404 as for any internal object."""
    pk = links.pk_from(token)
    if pk is None:
        raise Http404
    petition = (
        Petition.objects.select_related("unit", "agency__unit__parent__parent__parent").filter(pk=pk).first()
    )
    if petition is None or (petition.is_internal and not roles_for_owned(request, petition)):
        raise Http404
    return petition


def _track_page(request, token, petition, *, form=None, status=200):
    just_sent = sent.take_just_sent(request, SENT) == petition.pk
    if form is None and petition.can_be_rated:
        form = RateForm()
    response = render(
        request,
        "petitions/track.html",
        {
            "p": petition,
            "token": token,
            "form": form,
            "just_sent": just_sent,
            "forward_only": petition.is_forward_only,
        },
        status=status,
    )
    # The page is the citizen's own: never in a shared cache, never indexed.
    response["X-Robots-Tag"] = "noindex"
    return sent.private_page(response)


def track(request, token):
    """The citizen's own page: the reference, the deadline, the answer and the rating form. Whoever holds
    the link sees it (like a receipt); the name and contact are never on it."""
    return _track_page(request, token, _petition_from_token(request, token))


@require_POST
def rate(request, token):
    petition = _petition_from_token(request, token)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            actions.rate_petition(
                petition, satisfied=form.cleaned_data["satisfied"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Cảm ơn bạn đã đánh giá câu trả lời."))
            return redirect("petitions:track", token=token)
    return _track_page(request, token, petition, form=form, status=400)
