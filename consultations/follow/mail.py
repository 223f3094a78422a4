"""The follow mails, plain text plus HTML, in the follower's language, through Django's mail framework.

Every mail to a follower carries a signed unsubscribe link in its body and in the List-Unsubscribe
header with List-Unsubscribe-Post (RFC 8058 one-click): a mail client's "unsubscribe" button posts to
the link and the subscription ends, without an account or a login.

Thousands of followers get the same mail but for their address and their own links (bench/follow.py):
each distinct mail is rendered and turned into MIME once (`Prepared`), with slots where the links go;
each follower's mail is those bytes with the slots filled and its own To, Date and Message-ID headers.
"""

import email.policy
import functools
import re
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import forbid_multi_line_headers
from django.core.mail.utils import DNS_NAME
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from democracy.calendar import closing_text
from democracy.notify import absolute

from . import links
from .models import EventKind

# What the generator of Django's messages writes, in each line ending (the SMTP backend sends CRLF).
_POLICIES = {linesep: email.policy.compat32.clone(linesep=linesep) for linesep in ("\n", "\r\n")}
_LONGEST_LINE = 998  # RFC 5322; Django quoted-printable-encodes a body with a longer line
_SLOT_ADDRESS = "follow-slot-address@follow.invalid"


def _headers(**extra) -> dict:
    headers = {"Auto-Submitted": "auto-generated"}
    headers.update(extra)
    return headers


def _message(*, to: str, subject: str, text: str, html: str, unsubscribe: str = ""):
    headers = _headers()
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        " ".join(str(subject).split()), text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


_UNFOLDED = re.compile(r"[!-~]*")  # printable ASCII without a space: nothing to fold or encode


@functools.lru_cache(maxsize=256)  # the Date of a second's mails folded once
def _fold(policy, name: str, value: str) -> bytes:
    """The header line Django's generator writes (`policy.fold_binary`): a short value of printable
    ASCII without a space (an address, a Message-ID) is written as it is, without the costly folding."""
    if len(name) + 2 + len(value) <= policy.max_line_length and _UNFOLDED.fullmatch(value):
        return f"{name}: {value}{policy.linesep}".encode()
    return policy.fold_binary(name, value)


class Serialised:
    """A message already in bytes, as the mail backends ask for it (`as_bytes`, `as_string`); anything
    else (a header, the parts) from the bytes parsed on demand."""

    def __init__(self, raw: dict):
        self._raw = raw  # linesep -> bytes builder
        self._parsed = None

    def as_bytes(self, unixfrom=False, linesep="\n"):
        return self._raw(linesep)

    def as_string(self, unixfrom=False, linesep="\n"):
        return self.as_bytes(linesep=linesep).decode("utf-8", "surrogateescape")

    def get_charset(self):
        return None

    def __bytes__(self):
        return self.as_bytes()

    def __str__(self):
        return self.as_string()

    def __getattr__(self, name):
        if self._parsed is None:
            import email

            self._parsed = email.message_from_bytes(self.as_bytes())
        return getattr(self._parsed, name)

    def __getitem__(self, name):
        return self.__getattr__("__getitem__")(name)


class FollowMail(EmailMultiAlternatives):
    """A follower's mail: an ordinary Django message (body, alternatives, headers as always), whose MIME
    form is its `Prepared` mail's bytes with this follower's links and headers put in."""

    def __init__(self, prepared, *, to: str, fills: dict, unsubscribe: str):
        text, html = prepared.text, prepared.html
        for slot, link in fills.items():
            text, html = text.replace(slot, link), html.replace(slot, link)
        super().__init__(
            prepared.subject, text, settings.DEFAULT_FROM_EMAIL, [to],
            headers=_headers(**prepared.unsubscribe_headers(unsubscribe)),
        )  # fmt: skip
        self.attach_alternative(html, "text/html")
        self.prepared, self.fills = prepared, fills

    def message(self):
        if not self.prepared.fits(self):
            return super().message()
        # The values Django's message() gives these headers (the Date and a fresh Message-ID, with the
        # cached DNS_NAME, as it does), folded as its generator folds them.
        own = {
            "To": ", ".join(str(a) for a in self.to),
            "Date": formatdate(localtime=settings.EMAIL_USE_LOCALTIME),
            "Message-ID": make_msgid(domain=DNS_NAME),
            "List-Unsubscribe": self.extra_headers["List-Unsubscribe"],
        }
        encoding = self.encoding or settings.DEFAULT_CHARSET
        own = dict(forbid_multi_line_headers(name, value, encoding) for name, value in own.items())
        return Serialised(lambda linesep: self.prepared.fill(own, self.fills, linesep))


class Prepared:
    """One distinct mail: subject, text and HTML with slots for the links, and its MIME form built once
    by Django (`EmailMultiAlternatives.message()`) then kept as bytes per line ending."""

    def __init__(self, subject: str, text: str, html: str, slots: list[str]):
        self.subject, self.text, self.html = " ".join(str(subject).split()), text, html
        self.slots = slots
        self._head, self._body = {}, {}
        self._longest_slot_line = max(
            (
                len(line.encode())
                for line in (text + "\n" + html).splitlines()
                if any(s in line for s in slots)
            ),
            default=0,
        )

    @staticmethod
    def unsubscribe_headers(unsubscribe: str) -> dict:
        if not unsubscribe:
            return {}
        return {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}

    def fits(self, mail) -> bool:
        """Whether filling the slots keeps the bodies as Django would encode them (8 bit, no line over
        998 bytes); an address needing encoding (non-ASCII) is also left to Django."""
        longest = max((len(link) for link in mail.fills.values()), default=0)
        return (
            self._longest_slot_line + longest <= _LONGEST_LINE
            and mail.to[0].isascii()
            and self._skeleton("\n") is not None
        )

    def _skeleton(self, linesep: str):
        if linesep not in self._body:
            skeleton = EmailMultiAlternatives(
                self.subject, self.text, settings.DEFAULT_FROM_EMAIL, [_SLOT_ADDRESS],
                headers=_headers(**self.unsubscribe_headers(_SLOT_ADDRESS)),
            )  # fmt: skip
            skeleton.attach_alternative(self.html, "text/html")
            raw = skeleton.message().as_bytes(linesep=linesep)
            head, _blank, body = raw.partition((linesep * 2).encode())
            if b"Content-Transfer-Encoding: 8bit" not in body or b"quoted-printable" in body:
                self._body[linesep] = None  # not what the slots assume: Django builds each message
                return None
            # The top-level headers, each with its folded continuation lines.
            self._head[linesep] = re.split(rb"(?m)^(?=\S)", head + linesep.encode())[1:]
            self._body[linesep] = body
        return self._body[linesep]

    def fill(self, own: dict, fills: dict, linesep: str) -> bytes:
        body = self._skeleton(linesep)
        policy = _POLICIES[linesep]
        head = []
        for line in self._head[linesep]:
            name = line.split(b":", 1)[0].decode()
            head.append(_fold(policy, name, own[name]) if name in own else line)
        for slot, link in fills.items():
            body = body.replace(slot.encode(), link.encode())
        return b"".join(head) + linesep.encode() + body


def _render(template: str, context: dict) -> tuple[str, str]:
    return (
        get_template(f"follow/email/{template}.txt").render(context),
        get_template(f"follow/email/{template}.html").render(context),
    )


def _slot(name) -> str:
    return f"follow-link-slot-{name}-end"


class Renderer:
    """Renders each distinct mail once per job run (`Prepared`): the followers of a board get the same
    text but for their own unsubscribe links, which fill the slots of each follower's copy (signed links
    are URL-safe text, the same in plain text and HTML). Rendering and MIME are what cost
    (bench/follow.py)."""

    def __init__(self):
        self._done = {}
        self._url = None

    def _get(self, key, build):
        if key not in self._done:
            if len(self._done) > 10_000:
                self._done.clear()
            self._done[key] = build()
        return self._done[key]

    def unsubscribe_url(self, *, subscription=None, subscriber=None) -> str:
        """`links.unsubscribe_url`, with the URL around the token reversed once per run."""
        if self._url is None:
            self._url = links.unsubscribe_url_around()
        before, after = self._url
        return before + links.unsubscribe_token(subscription=subscription, subscriber=subscriber) + after

    def event(self, subscriber, event, subscription):
        """One event, sent as it happens."""

        def build():
            with translation.override(subscriber.language):
                item = _item(event, subscription.target_label, _slot(0))
                text, html = _render("event", {"item": item, "unsubscribe": _slot(0)})
                return Prepared(f"{item['kind']}: {event.title}", text, html, [_slot(0)])

        prepared = self._get(("event", subscriber.language, event.pk, subscription.target_label), build)
        link = self.unsubscribe_url(subscription=subscription)
        return FollowMail(prepared, to=subscriber.email, fills={_slot(0): link}, unsubscribe=link)

    def digest(self, subscriber, pairs, *, now=None):
        """The day's events for one address, each once, in the order they happened; the header's link
        ends every subscription of the address, each item's link only its own."""
        day = f"{timezone.localdate(now or timezone.now()):%d/%m/%Y}"

        def build():
            with translation.override(subscriber.language):
                items = [_item(event, s.target_label, _slot(i)) for i, (event, s) in enumerate(pairs)]
                text, html = _render("digest", {"items": items, "day": day, "unsubscribe": _slot("all")})
                subject = _("Tin theo dõi ngày %(day)s: %(n)s tin mới") % {"day": day, "n": len(items)}
                return Prepared(subject, text, html, [_slot(i) for i in range(len(items))] + [_slot("all")])

        key = ("digest", subscriber.language, day, tuple((e.pk, s.target_label) for e, s in pairs))
        prepared = self._get(key, build)
        own = {}  # a subscription's link once, however many of the day's events came through it
        for _e, s in pairs:
            if s.pk not in own:
                own[s.pk] = self.unsubscribe_url(subscription=s)
        fills = {_slot(i): own[s.pk] for i, (_e, s) in enumerate(pairs)}
        fills[_slot("all")] = self.unsubscribe_url(subscriber=subscriber)
        return FollowMail(prepared, to=subscriber.email, fills=fills, unsubscribe=fills[_slot("all")])


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
