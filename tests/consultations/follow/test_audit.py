"""Every write function of following by e-mail leaves one audit row per act, on the subscription (or the
address, when it is suspended), never naming the address; a refused write leaves none."""

import pytest
from django.core.exceptions import ValidationError

from consultations.follow import actions
from consultations.follow.models import Subscriber, Subscription
from democracy.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def rows_since(before):
    return list(AuditEvent.objects.order_by("pk")[before:])


def test_each_act_one_row_without_the_address(cast, settings):
    settings.FOLLOW_MAX_FAILURES = 1
    before = AuditEvent.objects.count()
    subscription = actions.request_follow(email="bi-mat@example.vn", target=cast.a)
    (row,) = rows_since(before)
    assert (row.action, row.target_id, row.actor) == (Action.FOLLOW_REQUESTED, subscription.pk, None)

    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        actions.confirm(subscription_id=subscription.pk, nonce="sai")
    assert rows_since(before) == []
    actions.confirm(subscription_id=subscription.pk, nonce=subscription.nonce)
    (row,) = rows_since(before)
    assert row.action == Action.FOLLOW_CONFIRMED

    before = AuditEvent.objects.count()
    assert actions.unsubscribe(subscription_id=subscription.pk) == 1
    assert actions.unsubscribe(subscription_id=subscription.pk) == 0  # nothing left: no second row
    (row,) = rows_since(before)
    assert row.action == Action.UNFOLLOWED and row.target_id == subscription.pk

    before = AuditEvent.objects.count()
    subscriber = Subscriber.objects.get()
    assert actions.mail_failed([subscriber.pk], error="550") == [subscriber.pk]
    (row,) = rows_since(before)
    assert row.action == Action.FOLLOW_SUSPENDED and row.target_id == subscriber.pk
    assert not any("bi-mat" in (r.target_label + r.note + str(r.changes)) for r in AuditEvent.objects.all())


def test_a_refused_request_writes_nothing(cast):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        actions.request_follow(email="x@example.vn", target=cast.a, frequency="weekly")
    assert rows_since(before) == [] and not Subscription.objects.exists()
