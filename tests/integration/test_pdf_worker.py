"""A record PDF survives a worker killed while rendering it (issue 15 item 4).

A real worker process (`celery -A democracy worker -Q celery,pdf`, the command of Procfile.dev, with the
prefork pool) consumes through Redis and works on the test database (PostgreSQL, a transactional test).
The record's summary is long, so that rendering takes seconds and the kill lands in the middle of it.

- The pool process rendering it is killed (out of memory, `kill -9`): the task goes back to the queue
  (`reject_on_worker_lost`) and the next pool process renders the PDF.
- The whole worker is killed (the machine stops, `make run` interrupted): the message stays unacknowledged
  in Redis until its visibility timeout (an hour); the periodic sweep queues the record again and the
  next worker renders it.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from democracy import celery_app
from disclosures.models import Record
from disclosures.tasks import render_missing_records

from .conftest import require_redis, require_shared_database, wait_until

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

LONG_SUMMARY = "Nội dung tóm tắt của quyết định, dài để việc tạo tệp PDF kéo dài vài giây. " * 5000


@pytest.fixture
def broker():
    """Redis as the broker, emptied before and after; .delay() goes to it (eagerness off)."""
    require_redis()
    require_shared_database()
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.flushdb()
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield client
    celery_app.conf.task_always_eager = was_eager
    client.flushdb()


@pytest.fixture
def start_worker(tmp_path, settings):
    """start_worker() → a real worker process on both queues, sharing the test database and media."""
    settings.MEDIA_ROOT = tmp_path
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "democracy.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(tmp_path),
    }
    workers = []

    def start():
        command = [sys.executable, "-m", "celery", "-A", "democracy", "worker", "-Q", "celery,pdf",
                   "--pool", "prefork", "--concurrency", "1", "--loglevel", "INFO", "--without-heartbeat",
                   "--without-gossip", "--without-mingle"]  # fmt: skip
        log = tmp_path / f"worker-{len(workers)}.log"
        process = subprocess.Popen(
            command, env=env, cwd=settings.BASE_DIR, start_new_session=True,
            stdout=log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        process.args_log = log
        workers.append(process)
        return process

    yield start
    for process in workers:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    connection.close()  # the worker's connections are gone; the test database can be dropped


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def pool_process(worker) -> int:
    """The worker's one pool process, once the worker is ready (it says so in its log)."""
    log = Path(worker.args_log)
    wait_until(lambda: "ready." in log.read_text(), f"the worker started (see {log})", timeout=90)
    (child,) = children(worker.pid)
    return child


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def rendering_now(broker, pid: int) -> bool:
    """The render task is taken (unacknowledged in Redis) and the pool process is busy on it."""
    if not broker.hlen("unacked"):
        return False
    before = cpu_ticks(pid)
    time.sleep(0.5)
    return cpu_ticks(pid) - before > 20  # more than 0.2 s of CPU in 0.5 s: WeasyPrint at work


def a_record_being_rendered(make_disclosure):
    disclosure = make_disclosure(state="published", summary=LONG_SUMMARY)  # queues render_record on commit
    record = Record.objects.get(disclosure=disclosure)
    assert record.rendered_at is None
    return record


def rendered(record):
    record.refresh_from_db()
    return record.rendered_at is not None and bool(record.pdf)


def test_a_pool_process_killed_mid_render_leaves_the_task_to_the_next_one(
    broker, start_worker, make_disclosure
):
    record = a_record_being_rendered(make_disclosure)
    worker = start_worker()
    child = pool_process(worker)
    wait_until(lambda: rendering_now(broker, child), "the worker took the render task", timeout=60)
    assert not rendered(record)
    os.kill(child, signal.SIGKILL)

    wait_until(lambda: rendered(record), "the PDF rendered again after the kill", timeout=120)
    assert record.pdf.storage.exists(record.pdf.name)
    assert record.pdf.open("rb").read(5) == b"%PDF-"


def test_a_whole_worker_killed_mid_render_is_caught_up_by_the_sweep(
    broker, start_worker, make_disclosure, settings
):
    record = a_record_being_rendered(make_disclosure)
    worker = start_worker()
    child = pool_process(worker)
    wait_until(lambda: rendering_now(broker, child), "the worker took the render task", timeout=60)
    os.killpg(worker.pid, signal.SIGKILL)  # the worker and its pool, without a word
    worker.wait()
    assert not rendered(record)
    assert broker.hlen("unacked") == 1  # not acknowledged: Redis would give it back after its timeout

    start_worker()
    settings.PDF_SWEEP_AFTER_MINUTES = 0  # beat runs the sweep every few minutes; here at once
    assert render_missing_records() == 1
    wait_until(lambda: rendered(record), "the sweep's task rendered the PDF", timeout=120)
    assert record.pdf.open("rb").read(5) == b"%PDF-"
