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


def _message(*, to: str, subject: str, text: str, html: str, unsubscribe: str = ""):
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        " ".join(str(subject).split()), text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def _render(template: str, context: dict) -> tuple[str, str]:
    return (
        get_template(f"follow/email/{template}.txt").render(context),
        get_template(f"follow/email/{template}.html").render(context),
    )


def _slot(name) -> str:
    return f"follow-link-slot-{name}-end"


class Renderer:
    """Renders each distinct mail once per job run: the followers of a board get the same text but for
    their own unsubscribe links, which are put into slots afterwards (signed links are URL-safe text,
    the same in plain text and HTML). The render is what costs (bench/follow.py)."""

    def __init__(self):
        self._done = {}

    def _get(self, key, build):
        if key not in self._done:
            if len(self._done) > 10_000:
                self._done.clear()
            self._done[key] = build()
        return self._done[key]

    def event(self, subscriber, event, subscription):
        """One event, sent as it happens."""

        def build():
            with translation.override(subscriber.language):
                item = _item(event, subscription.target_label, _slot(0))
                text, html = _render("event", {"item": item, "unsubscribe": _slot(0)})
                return f"{item['kind']}: {event.title}", text, html

        subject, text, html = self._get(
            ("event", subscriber.language, event.pk, subscription.target_label), build
        )
        link = links.unsubscribe_url(subscription=subscription)
        return _message(
            to=subscriber.email, subject=subject, text=text.replace(_slot(0), link),
            html=html.replace(_slot(0), link), unsubscribe=link,
        )  # fmt: skip

    def digest(self, subscriber, pairs, *, now=None):
        """The day's events for one address, each once, in the order they happened; the header's link
        ends every subscription of the address, each item's link only its own."""
        day = f"{timezone.localdate(now or timezone.now()):%d/%m/%Y}"

        def build():
            with translation.override(subscriber.language):
                items = [_item(event, s.target_label, _slot(i)) for i, (event, s) in enumerate(pairs)]
                text, html = _render("digest", {"items": items, "day": day, "unsubscribe": _slot("all")})
                subject = _("Tin theo dõi ngày %(day)s: %(n)s tin mới") % {"day": day, "n": len(items)}
                return subject, text, html

        key = ("digest", subscriber.language, day, tuple((e.pk, s.target_label) for e, s in pairs))
        subject, text, html = self._get(key, build)
        fills = {_slot(i): links.unsubscribe_url(subscription=s) for i, (_e, s) in enumerate(pairs)}
        fills[_slot("all")] = links.unsubscribe_url(subscriber=subscriber)
        for slot, link in fills.items():
            text, html = text.replace(slot, link), html.replace(slot, link)
        return _message(
            to=subscriber.email, subject=subject, text=text, html=html, unsubscribe=fills[_slot("all")]
        )


def _item(event, followed: str, unsubscribe: str) -> dict:
    return {
        "kind": EventKind(event.kind).label,
        "title": event.title,
        "unit": event.unit_name,
        "detail": event.detail,
        "url": absolute(event.path),
        "closing": closing_text(event.closes_at) if event.closes_at else "",
        "closed": bool(event.closes_at and event.kind == EventKind.CONSULTATION_CLOSED),
        "followed": followed,
        "unsubscribe": unsubscribe,
    }


def event_message(subscriber, event, subscription):
    return Renderer().event(subscriber, event, subscription)


def digest_message(subscriber, pairs, *, now=None):
    return Renderer().digest(subscriber, pairs, now=now)


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
        text, html = _render("confirm", context)
        return _message(to=subscription.subscriber.email, subject=subject, text=text, html=html)


def already_message(subscription, *, language: str):
    """Someone asked to follow what this address already follows: its owner is told, nobody else."""
    unsubscribe = links.unsubscribe_url(subscription=subscription)
    with translation.override(language):
        context = {"followed": subscription.target_label, "unsubscribe": unsubscribe}
        subject = _("Bạn đang theo dõi: %(what)s") % {"what": subscription.target_label}
        text, html = _render("already", context)
        return _message(
            to=subscription.subscriber.email, subject=subject, text=text, html=html, unsubscribe=unsubscribe
        )
