"""The follow mails, plain text plus HTML, in the follower's language, through Django's mail framework.

Every mail to a follower carries a signed unsubscribe link in its body and in the List-Unsubscribe
header with List-Unsubscribe-Post (RFC 8058 one-click): a mail client's "unsubscribe" button posts to
the link and the subscription ends, without an account or a login.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from democracy.calendar import closing_text
from democracy.notify import absolute

from . import links
from .models import EventKind


def _message(*, to: str, subject: str, template: str, context: dict, unsubscribe: str = ""):
    text = get_template(f"follow/email/{template}.txt").render(context)
    html = get_template(f"follow/email/{template}.html").render(context)
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        " ".join(str(subject).split()), text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def _item(event, subscription) -> dict:
    return {
        "kind": EventKind(event.kind).label,
        "title": event.title,
        "unit": event.unit_name,
        "detail": event.detail,
        "url": absolute(event.path),
        "closing": closing_text(event.closes_at) if event.closes_at else "",
        "closed": bool(event.closes_at and event.kind == EventKind.CONSULTATION_CLOSED),
        "followed": subscription.target_label,
        "unsubscribe": links.unsubscribe_url(subscription=subscription),
    }


def event_message(subscriber, event, subscription):
    """One event, sent as it happens."""
    with translation.override(subscriber.language):
        item = _item(event, subscription)
        subject = f"{item['kind']}: {event.title}"
        return _message(
            to=subscriber.email, subject=subject, template="event",
            context={"item": item, "unsubscribe": item["unsubscribe"]}, unsubscribe=item["unsubscribe"],
        )  # fmt: skip


def digest_message(subscriber, pairs, *, now=None):
    """The day's events for one address, each once, in the order they happened; the header's link ends
    every subscription of the address, each item's link only its own."""
    with translation.override(subscriber.language):
        items = [_item(event, subscription) for event, subscription in pairs]
        unsubscribe_all = links.unsubscribe_url(subscriber=subscriber)
        day = f"{timezone.localdate(now or timezone.now()):%d/%m/%Y}"
        subject = _("Tin theo dõi ngày %(day)s: %(n)s tin mới") % {"day": day, "n": len(items)}
        return _message(
            to=subscriber.email, subject=subject, template="digest",
            context={"items": items, "day": day, "unsubscribe": unsubscribe_all}, unsubscribe=unsubscribe_all,
        )  # fmt: skip


def confirmation_message(subscription, *, language: str, frequency: str):
    """The double opt-in: the link that makes the subscription active (works once, expires)."""
    from .models import Frequency

    url = links.confirm_url(subscription, language=language, frequency=frequency)
    with translation.override(language):
        context = {
            "followed": subscription.target_label,
            "url": url,
            "frequency": Frequency(frequency).label,
            "hours": settings.FOLLOW_CONFIRM_MAX_AGE // 3600,
        }
        subject = _("Xác nhận theo dõi: %(what)s") % {"what": subscription.target_label}
        return _message(
            to=subscription.subscriber.email, subject=subject, template="confirm", context=context
        )


def already_message(subscription, *, language: str):
    """Someone asked to follow what this address already follows: its owner is told, nobody else."""
    unsubscribe = links.unsubscribe_url(subscription=subscription)
    with translation.override(language):
        context = {"followed": subscription.target_label, "unsubscribe": unsubscribe}
        subject = _("Bạn đang theo dõi: %(what)s") % {"what": subscription.target_label}
        return _message(
            to=subscription.subscriber.email, subject=subject, template="already", context=context,
            unsubscribe=unsubscribe,
        )  # fmt: skip
