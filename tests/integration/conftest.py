"""A real Celery worker consuming through Redis, for the tests that need one (marked `redis`).

Needs REDIS_URL and DATABASE_URL (PostgreSQL) in the environment: CI exports both before pytest.
Without them the tests FAIL rather than skip, so that a missing service cannot go unnoticed.
The worker runs in a thread of this process and shares the test database, which is why it needs
PostgreSQL (an in-memory SQLite database is not shared between threads) and a transactional test.
"""

import os
import threading
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.db import connection, connections

from democracy import celery_app
from tests.disclosures.conftest import make_disclosure  # noqa: F401  (the fixture, for the closing tests)

TIMEOUT_SECONDS = 30


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


@pytest.fixture
def redis_worker():
    """A worker thread consuming from the Redis broker; tasks sent with .delay() go through Redis."""
    require_redis()
    require_shared_database()
    celery_app.loader.import_default_modules()  # autodiscovers the apps' tasks, as a worker does
    was_eager = celery_app.conf.task_always_eager  # settings_test turns it on
    celery_app.conf.task_always_eager = False
    task_postrun.connect(close_worker_connections, weak=False)
    try:
        with start_worker(
            celery_app,
            pool="solo",
            concurrency=1,
            perform_ping_check=False,
            shutdown_timeout=30,
            queues=["celery", "pdf"],  # PDFs have a queue of their own (settings.CELERY_TASK_ROUTES)
        ) as worker:
            yield worker
    finally:
        task_postrun.disconnect(close_worker_connections)
        celery_app.conf.task_always_eager = was_eager


def wait_until(condition, what, timeout=TIMEOUT_SECONDS):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Not done within {timeout} s through {celery_app.conf.broker_url}: {what}")
        time.sleep(0.2)
