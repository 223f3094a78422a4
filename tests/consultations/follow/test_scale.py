"""Notifying many followers costs a bounded number of queries: a fixed number per batch, whatever the
number of followers in it (bench/follow.py measures 100,000 on PostgreSQL)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.follow import dispatch
from consultations.follow.models import Event, EventKind, Subscriber, Subscription

pytestmark = pytest.mark.django_db


def followers(unit, n, start, frequency):
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"f{start + i}@example.vn") for i in range(n)
    )
    now = timezone.now()
    Subscription.objects.bulk_create(
        Subscription(
            subscriber=s,
            target_type=ContentType.objects.get_for_model(unit),
            target_id=unit.pk,
            target_label=unit.name,
            frequency=frequency,
            state="active",
            confirmed_at=now,
        )  # fmt: skip
        for s in subscribers
    )


def day_of_events(unit, n=3):
    for i in range(n):
        Event.objects.create(
            kind=EventKind.POSTING_OPENED, key=f"scale:{unit.pk}:{i}:{timezone.now().timestamp()}",
            target_type=ContentType.objects.get_for_model(unit), target_id=unit.pk, board=unit,
            title=f"Thông tin số {i}", path="/", unit_name=unit.name,
        )  # fmt: skip


def queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


@pytest.mark.parametrize("frequency", ["daily", "immediate"])
def test_queries_per_batch_do_not_grow_with_followers(cast, frequency):
    send = dispatch.send_digests if frequency == "daily" else dispatch.send_immediate
    counts = []
    for n, unit in [(5, cast.a), (60, cast.b)]:
        followers(unit, n, start=len(counts) * 1000, frequency=frequency)
        day_of_events(unit)
        fan = queries(lambda: dispatch.fan_out())
        mail.outbox.clear()
        sent = queries(lambda: send(batch_size=100 if frequency == "daily" else 1000))
        assert len(mail.outbox) == (n if frequency == "daily" else 3 * n)
        counts.append((fan, sent))
    assert counts[0] == counts[1], counts


def test_more_followers_than_a_batch_cost_a_fixed_number_per_batch(cast):
    followers(cast.a, 30, start=0, frequency="daily")
    day_of_events(cast.a)
    dispatch.fan_out()
    one_batch = queries(lambda: dispatch.send_digests(batch_size=30))
    followers(cast.b, 30, start=1000, frequency="daily")
    day_of_events(cast.b)
    dispatch.fan_out()
    three_batches = queries(lambda: dispatch.send_digests(batch_size=10))
    per_batch = (three_batches - one_batch) / 2
    assert per_batch == int(per_batch) and per_batch <= 12, (one_batch, three_batches)
    assert len(mail.outbox) == 60
