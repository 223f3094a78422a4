"""A real Celery worker consumes the portal's periodic task through Redis.

Needs REDIS_URL and DATABASE_URL (PostgreSQL) in the environment: CI exports both before pytest.
Without them the test FAILS rather than skips, so that a missing service cannot go unnoticed.
The worker runs in a thread of this process and shares the test database, which is why it needs
PostgreSQL (an in-memory SQLite database is not shared between threads) and a transactional test.
"""

import os
import threading
import time
import uuid
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from celery.signals import task_postrun
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection, connections
from django.utils import timezone

from democracy import celery_app

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

TASK = "units.clear_expired_sessions"
TIMEOUT_SECONDS = 20


def require_redis():
    """The broker is the Redis that REDIS_URL names, and it answers."""
    import redis

    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.fail("This test needs Redis: export REDIS_URL (e.g. redis://127.0.0.1:6379/0) before pytest.")
    if settings.REDIS_URL != url:
        pytest.fail(f"settings.REDIS_URL is {settings.REDIS_URL!r}, not REDIS_URL={url!r} (read at import).")
    if celery_app.conf.broker_url != settings.REDIS_URL:
        pytest.fail(f"The Celery broker is {celery_app.conf.broker_url!r}, not settings.REDIS_URL.")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3).ping()
    except redis.RedisError as error:
        pytest.fail(f"Redis at {url} does not answer: {error}")


def require_shared_database():
    if connection.vendor == "sqlite":
        pytest.fail(
            "This test needs DATABASE_URL (PostgreSQL): the worker thread cannot see an in-memory SQLite "
            "test database. Export e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal."
        )


def close_worker_connections(**kwargs):
    """After each task, the worker thread closes its own database connections, so none is left
    open on the test database when it is flushed and dropped."""
    if threading.current_thread() is not threading.main_thread():
        connections.close_all()


def make_session(expire_date):
    return Session.objects.create(
        session_key=uuid.uuid4().hex, session_data="e30:test", expire_date=expire_date
    )


def test_worker_clears_expired_sessions_through_redis():
    require_redis()
    require_shared_database()

    now = timezone.now()
    expired = make_session(now - timedelta(days=1))
    fresh = make_session(now + timedelta(days=14))

    celery_app.loader.import_default_modules()  # autodiscovers units/tasks.py, as a worker does
    assert settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]["task"] == TASK
    task = celery_app.tasks[TASK]

    was_eager = celery_app.conf.task_always_eager  # settings_test turns it on
    celery_app.conf.task_always_eager = False
    task_postrun.connect(close_worker_connections, weak=False)
    try:
        with start_worker(
            celery_app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30
        ) as worker:
            result = task.delay()
            assert not isinstance(result, EagerResult), "the task ran eagerly, not through the broker"

            deadline = time.monotonic() + TIMEOUT_SECONDS
            while Session.objects.filter(pk=expired.pk).exists():
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"The worker {worker.hostname} did not run {TASK} within {TIMEOUT_SECONDS} s "
                        f"(broker {celery_app.conf.broker_url})."
                    )
                time.sleep(0.2)
    finally:
        task_postrun.disconnect(close_worker_connections)
        celery_app.conf.task_always_eager = was_eager

    assert Session.objects.filter(pk=fresh.pk).exists(), "the worker deleted a session that had not expired"
