"""A real Celery worker consumes the portal's periodic task through Redis."""

import uuid
from datetime import timedelta

import pytest
from celery.result import EagerResult
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from democracy import celery_app

from .conftest import wait_until

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

TASK = "units.clear_expired_sessions"


def make_session(expire_date):
    return Session.objects.create(
        session_key=uuid.uuid4().hex, session_data="e30:test", expire_date=expire_date
    )


def test_worker_clears_expired_sessions_through_redis(redis_worker):
    now = timezone.now()
    expired = make_session(now - timedelta(days=1))
    fresh = make_session(now + timedelta(days=14))
    assert settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]["task"] == TASK

    result = celery_app.tasks[TASK].delay()
    assert not isinstance(result, EagerResult), "the task ran eagerly, not through the broker"
    wait_until(lambda: not Session.objects.filter(pk=expired.pk).exists(), f"{TASK} did not run")

    assert Session.objects.filter(pk=fresh.pk).exists(), "the worker deleted a session that had not expired"
