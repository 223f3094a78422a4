"""A follower's mail built from its prepared copy (mail.Prepared, the slots filled in the bytes) is, byte
for byte, the message Django's own `EmailMultiAlternatives.message()` makes of the same mail: only the
Date, the Message-ID and the MIME boundary are each message's own."""

import datetime as dt
import email.policy
import re

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from consultations.follow import links, mail
from consultations.follow.models import Event, EventKind, Subscriber, Subscription

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"/follow/unsubscribe/([^/\s\"]+)/")


def normalised(raw: bytes) -> bytes:
    boundary = re.search(rb'boundary="([^"]+)"', raw).group(1)
    raw = raw.replace(boundary, b"BOUNDARY")
    raw = re.sub(rb"(?m)^Date: .*$", b"Date: D", raw)
    return re.sub(rb"(?m)^Message-ID: .*$", b"Message-ID: M", raw)


def as_django_builds_it(message) -> EmailMultiAlternatives:
    plain = EmailMultiAlternatives(
        message.subject, message.body, message.from_email, message.to, headers=message.extra_headers
    )
    for content, mimetype in message.alternatives:
        plain.attach_alternative(content, mimetype)
    return plain


@pytest.fixture
def day(cast):
    from django.contrib.contenttypes.models import ContentType

    unit_type = ContentType.objects.get_for_model(cast.a)
    subscriber = Subscriber.objects.create(email="Mai.Lan@Example.vn", language="vi")
    subscription = Subscription.objects.create(
        subscriber=subscriber, target_type=unit_type, target_id=cast.a.pk, target_label=cast.a.name,
        frequency="daily", state="active", confirmed_at=timezone.now(),
    )  # fmt: skip
    events = [
        Event.objects.create(
            kind=EventKind.POSTING_OPENED,
            key=f"mime:{i}",
            target_type=unit_type,
            target_id=cast.a.pk,
            board=cast.a,
            title=f"Kế hoạch sử dụng đất năm 2026 – thông báo số {i} " + "rất dài " * 12,
            detail="Dự toán thu, chi ngân sách xã đã được Hội đồng nhân dân xã quyết định.\r\n" * 4,
            path=f"/disclosures/{i}/",
            unit_name=cast.a.name,
            closes_at=timezone.now() + dt.timedelta(days=30),
        )  # fmt: skip
        for i in range(3)
    ]
    return subscriber, subscription, events


@pytest.mark.parametrize("linesep", ["\n", "\r\n"])
def test_a_prepared_digest_is_the_message_django_builds(day, linesep):
    subscriber, subscription, events = day
    message = mail.Renderer().digest(subscriber, [(e, subscription) for e in events])
    assert isinstance(message.message(), mail.Serialised)  # the prepared path, not Django's
    fast = message.message().as_bytes(linesep=linesep)
    slow = as_django_builds_it(message).message().as_bytes(linesep=linesep)
    assert normalised(fast) == normalised(slow)
    assert b"follow-link-slot" not in fast and b"follow-slot-address" not in fast
    # Each follower's copy has its own links, and the header's link ends every subscription.
    header = email.message_from_bytes(fast, policy=email.policy.default)["List-Unsubscribe"]
    assert header.strip() == message.extra_headers["List-Unsubscribe"]  # folded as Django folds it
    assert links.read_unsubscribe(TOKEN.search(header).group(1)) == {"a": subscriber.pk}
    tokens = TOKEN.findall(fast.decode())
    assert len(tokens) == 1 + 2 * 4  # the header; in text and HTML, 3 items and the "all" link
    assert sorted(str(links.read_unsubscribe(t)) for t in set(tokens)) == [
        str({"a": subscriber.pk}),
        str({"s": subscription.pk}),
    ]


def test_each_message_has_its_own_message_id_and_the_parsed_headers(day):
    subscriber, subscription, events = day
    renderer = mail.Renderer()
    first = renderer.event(subscriber, events[0], subscription).message()
    second = renderer.event(subscriber, events[0], subscription).message()
    assert first["Message-ID"] != second["Message-ID"]
    assert first["To"] == "Mai.Lan@Example.vn"
    fast = first.as_bytes(linesep="\r\n")
    slow = as_django_builds_it(renderer.event(subscriber, events[0], subscription)).message()
    assert normalised(fast) == normalised(slow.as_bytes(linesep="\r\n"))


def test_what_the_slots_cannot_hold_is_left_to_django(day):
    """A non-ASCII address (Django encodes it) or a body line longer than 998 bytes (Django
    quoted-printable-encodes it): the message is Django's own."""
    subscriber, subscription, events = day
    subscriber.email = "lan@xã.vn"
    message = mail.Renderer().event(subscriber, events[0], subscription)
    assert not isinstance(message.message(), mail.Serialised)
    subscriber.email = "lan@example.vn"
    Event.objects.filter(pk=events[1].pk).update(detail="x" * 1200)
    events[1].refresh_from_db()
    message = mail.Renderer().event(subscriber, events[1], subscription)
    built = message.message()
    assert not isinstance(built, mail.Serialised)
    assert "quoted-printable" in built.as_string()
