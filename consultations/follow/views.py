"""Following by e-mail: the follow form (a commune's board, a consultation, a decision, one's own
question or comment), the confirmation and the unsubscribe pages; and the staff's deadlines page.

No page tells who follows what: a request is answered with the same page whether the address follows
the thing already, has asked before or is new, and the mails go only to the address. The confirmation
and unsubscribe links are signed and expire; both ask for a click on a button (a POST), so a mail
scanner that opens links neither confirms nor unsubscribes. The unsubscribe POST is also the RFC 8058
one-click target of the List-Unsubscribe header, sent by a mail client without a CSRF token: the signed
link is its authority.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from democracy import ratelimit
from democracy.forms import add_action_errors

from . import actions, deadlines, links, targets
from .forms import FollowForm
from .models import Language, Subscription, SubscriptionState


def follow_board(request, code):
    return _follow(request, "board", code)


def follow_consultation(request, pk):
    return _follow(request, "consultation", pk)


def follow_decision(request, pk):
    return _follow(request, "decision", pk)


@never_cache
def follow_mine(request, token):
    """One's own question or comment, through the link on the page that confirmed it was sent."""
    payload = links.read_mine(token)
    target = targets.get(payload["k"]) if payload else None
    if target is None or not target.own:
        return _bad_link(request)
    return _follow(request, target.kind, payload["id"], own=True)


@require_http_methods(["GET", "POST"])
def _follow(request, kind, reference, *, own=False):
    target = targets.get(kind)
    if target is None or (target.own and not own):
        raise Http404
    obj = target.find(reference)
    if obj is None:
        raise Http404
    language = Language.EN if (get_language() or "").startswith("en") else Language.VI
    form = FollowForm(request.POST or None, initial={"language": language})
    context = {"form": form, "followed": target.title(obj), "path": target.path(obj), "kind": kind}
    if request.method == "POST":
        if not ratelimit.hit(request, "follow", limit=settings.FOLLOW_PER_HOUR):
            context["refusal"] = _(
                "Có quá nhiều đề nghị theo dõi từ mạng của bạn trong một giờ. Xin thử lại sau."
            )
            response = render(request, "follow/follow.html", context, status=429)
            response["Retry-After"] = str(ratelimit.retry_after())
            return response
        if form.is_valid():
            if form.is_robot(form.cleaned_data):
                return redirect("follow:requested")
            try:
                actions.request_follow(
                    email=form.cleaned_data["email"], target=obj, frequency=form.cleaned_data["frequency"],
                    language=form.cleaned_data["language"],
                )  # fmt: skip
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                return redirect("follow:requested")
        return render(request, "follow/follow.html", context, status=400)
    return render(request, "follow/follow.html", context)


def requested(request):
    """The same answer to every request (new, repeated, or for an address that already follows)."""
    return render(request, "follow/requested.html")


def _bad_link(request):
    return render(request, "follow/bad_link.html", status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    payload = links.read_confirm(token)
    if payload is None:
        return _bad_link(request)
    subscription = Subscription.objects.filter(pk=payload.get("s")).first()
    used = subscription is None or subscription.nonce != payload.get("n")
    context = {"subscription": subscription, "used": used}
    if request.method == "POST" and not used:
        try:
            subscription = actions.confirm(
                subscription_id=subscription.pk, nonce=payload.get("n", ""), language=payload.get("l", "vi"),
                frequency=payload.get("f", ""),
            )  # fmt: skip
        except ValidationError:
            context["used"] = True
        else:
            return render(request, "follow/confirmed.html", {"subscription": subscription})
    return render(request, "follow/confirm.html", context, status=410 if context["used"] else 200)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    payload = links.read_unsubscribe(token)
    if payload is None:
        return _bad_link(request)
    if "s" in payload:
        rows = Subscription.objects.filter(pk=payload["s"])
    else:
        rows = Subscription.objects.filter(subscriber_id=payload.get("a"))
    followed = [s.target_label for s in rows.filter(state=SubscriptionState.ACTIVE)]
    if request.method == "POST":
        actions.unsubscribe(subscription_id=payload.get("s"), subscriber_id=payload.get("a"))
        return render(request, "follow/unsubscribed.html", {"followed": followed})
    return render(request, "follow/unsubscribe.html", {"followed": followed, "all": "a" in payload})


@login_required
def deadlines_page(request):
    from units.access import access_for

    rows = deadlines.for_memberships(access_for(request).memberships)
    return render(request, "follow/deadlines.html", {"rows": rows, "days": settings.FOLLOW_DEADLINE_DAYS})
