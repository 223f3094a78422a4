"""Two machines on one PostgreSQL, one Redis and one object store (issue 16, "more than one machine").

Two web processes (gunicorn, each with its own local disk) and two Celery workers (each with its own
local disk too) run the production settings on the test database; files go to the S3 server of
STORAGE_TEST_URL (.ci/run starts moto's), the cache and the broker are the Redis of REDIS_URL. Shown:

- no job done twice: the closing job sent four times at once closes each posting once (one closing
  record, one audit row each), and each record's PDF is rendered once (one object in the bucket);
- no file missing for the other machine: a PDF a worker rendered is downloaded from either web process;
- no stale page: both web processes cached a disclosure's page before the close; after it, both show
  the closing record, and the commune's board no longer lists the postings.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.request import urlopen

import boto3
import pytest
import redis
from django.conf import settings
from django.db import connection

from democracy import celery_app
from democracy.models import Action, AuditEvent
from democracy.settings import object_storage
from disclosures.models import Disclosure, Record, State
from disclosures.tasks import close_due_postings

from .conftest import require_redis, require_shared_database, wait_until
from .test_object_storage import storage_url

pytestmark = [
    pytest.mark.multiprocess,
    pytest.mark.redis,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

POSTINGS = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def shared(settings, tmp_path):
    """The bucket, an empty Redis, the test process's own storage pointing at the bucket too."""
    require_redis()
    require_shared_database()
    backend = object_storage(storage_url())
    bucket = f"portal-two-{uuid.uuid4().hex[:8]}"
    options = dict(backend["OPTIONS"], bucket_name=bucket)
    s3 = boto3.client(
        "s3", endpoint_url=options["endpoint_url"], region_name=options["region_name"] or "us-east-1",
        aws_access_key_id=options.get("access_key") or "test",
        aws_secret_access_key=options.get("secret_key") or "test",
    )  # fmt: skip
    s3.create_bucket(Bucket=bucket)
    settings.STORAGES = {**settings.STORAGES, "default": {**backend, "OPTIONS": options}}
    broker = redis.Redis.from_url(settings.REDIS_URL)
    broker.flushdb()
    url = storage_url()
    head, _, query = url.partition("?")
    scheme, _, rest = head.partition("://")
    credentials, _, _old_bucket = rest.rpartition("@")
    bucket_url = f"{scheme}://{credentials + '@' if credentials else ''}{bucket}?{query}"
    yield s3, bucket, bucket_url
    broker.flushdb()
    for entry in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
        s3.delete_object(Bucket=bucket, Key=entry["Key"])
    s3.delete_bucket(Bucket=bucket)


@pytest.fixture
def machines(shared, tmp_path):
    """Two gunicorn web processes and two Celery workers, each with a local disk of its own."""
    _, _, bucket_url = shared
    db = connection.settings_dict
    base = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "democracy.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "STORAGE_URL": bucket_url,
        "CONN_MAX_AGE": "0",
    }
    processes, ports = [], []
    for n in range(2):
        port = free_port()
        disk = tmp_path / f"web-{n}"
        command = [sys.executable, "-m", "gunicorn", "democracy.wsgi:application", "--bind", f"127.0.0.1:{port}",
                   "--workers", "1", "--timeout", "120"]  # fmt: skip
        processes.append(_start(command, {**base, "MEDIA_ROOT": str(disk)}, tmp_path / f"web-{n}.log"))
        ports.append(port)
    for n in range(2):
        command = [sys.executable, "-m", "celery", "-A", "democracy", "worker", "-Q", "celery,pdf",
                   "--pool", "solo", "-n", f"machine{n}@%h", "--loglevel", "INFO", "--without-heartbeat",
                   "--without-gossip", "--without-mingle"]  # fmt: skip
        processes.append(
            _start(
                command, {**base, "MEDIA_ROOT": str(tmp_path / f"worker-{n}")}, tmp_path / f"worker-{n}.log"
            )
        )
    for port in ports:
        wait_until(
            lambda port=port: _answers(port), f"gunicorn on port {port} (logs in {tmp_path})", timeout=90
        )
    for n in range(2):
        log = tmp_path / f"worker-{n}.log"
        wait_until(lambda log=log: "ready." in log.read_text(), f"worker {n} started (see {log})", timeout=90)
    yield [f"http://127.0.0.1:{port}" for port in ports]
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    connection.close()


def _start(command, env, log: Path):
    return subprocess.Popen(
        command, env=env, cwd=settings.BASE_DIR, start_new_session=True,
        stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def _answers(port) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def get(url) -> tuple[int, bytes, dict]:
    with urlopen(url, timeout=60) as response:  # noqa: S310 (our own test server)
        return response.status, response.read(), dict(response.headers)


def test_two_web_processes_and_two_workers_share_jobs_files_and_pages(
    shared, machines, make_disclosure, cast
):
    s3, bucket, _ = shared
    web_a, web_b = machines
    # Postings whose windows ended long ago: due for closing. Their posting records were rendered here.
    postings = [make_disclosure(state="published", title=f"Thông tin số {n}") for n in range(POSTINGS)]
    wait_until(
        lambda: not Record.objects.filter(rendered_at__isnull=True).exists(), "posting records rendered"
    )
    page = f"/disclosures/{postings[0].pk}/"
    for web in (web_a, web_b):  # both machines render and cache the page (one record: the posting's)
        status, body, headers = get(web + page)
        assert (
            status == 200 and body.count(b"/records/") == 1 and headers["Cache-Control"].startswith("public")
        )
        assert get(web + page)[1] == body  # from the shared cache

    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        for _ in range(4):  # beat on two machines, a manual run: the same job at once
            close_due_postings.delay()
    finally:
        celery_app.conf.task_always_eager = was_eager
    wait_until(
        lambda: (
            Disclosure.objects.filter(state=State.CLOSED).count() == POSTINGS
            and Record.objects.filter(kind=Record.Kind.CLOSING, rendered_at__isnull=False).count() == POSTINGS
        ),
        "the postings closed and their closing records rendered by the workers",
        timeout=120,
    )
    time.sleep(2)  # a job done twice would still be running: give it the time to show
    # No job done twice: one closing record and one audit row each; one PDF per record in the bucket.
    assert Record.objects.filter(kind=Record.Kind.CLOSING).count() == POSTINGS
    assert AuditEvent.objects.filter(action=Action.CLOSED).count() == POSTINGS
    pdfs = [
        e["Key"]
        for e in s3.list_objects_v2(Bucket=bucket).get("Contents", [])
        if e["Key"].startswith("records/")
    ]
    assert len(pdfs) == 2 * POSTINGS  # posting + closing records, each rendered once

    # No stale page, on either machine; and the closing record a worker rendered, from either machine.
    closing = Record.objects.get(disclosure=postings[0], kind=Record.Kind.CLOSING)
    for web in (web_a, web_b):
        status, body, _ = get(web + page)
        assert body.count(b"/records/") == 2, web
        status, pdf, _ = get(f"{web}/records/{closing.pk}/pdf/")
        assert status == 200 and pdf.startswith(b"%PDF")
        board = get(web + "/units/07282/board/")[1].decode()
        assert not any(p.title in board for p in postings)
