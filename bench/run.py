"""Benchmark the public pages and the closing job against the dataset of bench/generate.py.

    .venv/bin/python bench/run.py [--requests 50] [--units CODE,CODE,CODE] [--explain] [--broker redis|none]

1. Pages: for a small, a median and a large commune (by public disclosures), the board, the archive
   search and the API list, each requested in-process with Django's test Client: a few warm-up
   requests, then N timed ones (p50/p95 in ms), then one more inside CaptureQueriesContext to count
   the queries. Timing runs with DEBUG off (no query log), counting with the capture on.
2. Closing: close postings that came due since the data was generated (what the beat would have
   done), then add a dedicated batch of exactly 10,000 published postings whose window ended
   yesterday (with their posting records), run `close_due_postings()`, report seconds and rate, and
   delete the batch. Records are not rendered inline: CELERY_TASK_ALWAYS_EAGER is off and
   `render_records.delay` (one message per batch of records) goes to a real Redis broker on a database of its own (--broker redis, the
   default; the queued messages are counted, then deleted), or to a counter (--broker none).
"""

import argparse
import datetime as dt
import math
import os
import platform
import statistics
import sys
import time
from urllib.parse import urlparse

from common import check_bench_database, database_url, setup_django

TARGET_BOARD_P95_MS = 80
TARGET_CLOSE_SECONDS = 10
BATCH_MARK = "BENCH-CLOSE"  # decision_number of the closing batch, to find and delete it
DEFAULT_BROKER = "redis://127.0.0.1:6379/15"
SEARCH = "du toan"  # "dự toán" (budget estimate), typed without diacritics


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


# --- Pages -------------------------------------------------------------------------------------------


def pick_communes(codes):
    """The given codes, or the communes with the fewest, the median and the most public disclosures."""
    from django.db import connection

    with connection.cursor() as cursor:
        # Only communes where the archive search finds something: with no result the paginator skips
        # the page query, one query fewer (the bound stays the same).
        cursor.execute(
            "SELECT u.code, u.name, count(*) FROM disclosures_disclosure d "
            "JOIN units_administrativeunit u ON u.id = d.unit_id "
            "WHERE d.state IN ('published', 'closed', 'withdrawn', 'superseded') AND d.agency_id IS NULL "
            "GROUP BY u.code, u.name HAVING bool_or(d.search_text LIKE %s) ORDER BY count(*), u.code",
            [f"%{SEARCH}%"],
        )
        rows = cursor.fetchall()
    if not rows:
        sys.exit("bench: no disclosures in this database; run bench/generate.py first.")
    if codes:
        found = {code: (code, name, count) for code, name, count in rows}
        missing = [code for code in codes if code not in found]
        if missing:
            sys.exit(f"bench: no public disclosures for unit(s) {', '.join(missing)}.")
        return [(f"unit {code}", found[code]) for code in codes]
    return [("small", rows[0]), ("median", rows[len(rows) // 2]), ("large", rows[-1])]


PAGES = [
    ("board", "/units/{code}/board/"),
    ("archive search", "/units/{code}/board/archive/?q=" + SEARCH.replace(" ", "+")),
    ("API list", "/api/v1/units/{code}/disclosures?state=all"),
]


def check_urls_exist(code):
    from django.urls import Resolver404, resolve

    missing = []
    for name, pattern in PAGES:
        try:
            resolve(urlparse(pattern.format(code=code)).path)
        except Resolver404:
            missing.append(f"{name} ({pattern})")
    return missing


def measure_page(client, url, *, requests, warmup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"bench: GET {url} answered {response.status_code}.")
    timings = []
    with override_settings(DEBUG=False):
        for _ in range(requests):
            start = time.perf_counter()
            response = client.get(url)
            if getattr(response, "streaming", False):
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return timings, list(captured.captured_queries), len(response.content)


def explain(queries, top=2):
    """EXPLAIN ANALYZE of the slowest SELECTs of one request."""
    from django.db import connection

    slowest = sorted(
        (q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")),
        key=lambda q: -float(q["time"]),
    )[:top]
    for query in slowest:
        print(f"    {float(query['time']) * 1000:.1f} ms: {query['sql'][:400]}")
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            for (line,) in cursor.fetchall():
                print(f"      {line}")


def bench_pages(args):
    from django.test import Client

    communes = pick_communes(args.units)
    missing = check_urls_exist(communes[0][1][0])
    if missing:
        sys.exit("bench: these pages do not exist yet: " + "; ".join(missing))
    client = Client(SERVER_NAME="localhost")
    results = []
    print(f"\nPages: {args.warmup} warm-up + {args.requests} timed requests each, in-process (test Client)")
    print(
        f"{'page':<15} {'commune':<34} {'public':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}"
    )
    for name, pattern in PAGES:
        if args.pages and name.split()[0].lower() not in args.pages:
            continue
        for size, (code, unit_name, count) in communes:
            url = pattern.format(code=code)
            timings, queries, _length = measure_page(client, url, requests=args.requests, warmup=args.warmup)
            p50, p95 = statistics.median(timings), percentile(timings, 0.95)
            results.append(
                {"page": name, "size": size, "code": code, "p50": p50, "p95": p95, "queries": len(queries)}
            )
            label = f"{unit_name} ({code}, {size})"
            print(
                f"{name:<15} {label[:34]:<34} {count:>6} {p50:>8.1f} {p95:>8.1f} {max(timings):>8.1f} {len(queries):>8}"
            )
            if args.explain:
                explain(queries)
    return results


# --- Closing -----------------------------------------------------------------------------------------


class Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def delete_batch():
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from disclosures.models import Disclosure

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM disclosures_disclosure WHERE decision_number = %s", [BATCH_MARK])
        ids = [pk for (pk,) in cursor.fetchall()]
        if not ids:
            return 0
        cursor.execute(
            "DELETE FROM democracy_auditevent WHERE target_type_id = %s AND target_id = ANY(%s)",
            [ContentType.objects.get_for_model(Disclosure).pk, ids],
        )
        for table in (
            "disclosures_record",
            "disclosures_feedback",
            "disclosures_document",
        ):
            cursor.execute(f"DELETE FROM {table} WHERE disclosure_id = ANY(%s)", [ids])
        cursor.execute("DELETE FROM disclosures_disclosure WHERE id = ANY(%s)", [ids])
    return len(ids)


def make_batch(size, now):
    """`size` published postings, spread over communes, whose 30-day window ended yesterday."""
    import random

    from django.utils import timezone

    from democracy.models import CatalogueItem
    from disclosures.models import Disclosure, Record
    from units.models import AdministrativeUnit

    rng = random.Random(size)
    item = CatalogueItem.objects.get(scope="commune", kind="disclose", clause=2)
    units = list(AdministrativeUnit.objects.filter(level="commune").values_list("pk", flat=True))
    yesterday = timezone.localdate(now) - dt.timedelta(days=1)
    ends_at = timezone.make_aware(dt.datetime.combine(yesterday, dt.time(23, 59, 59, 999999)))
    posted = ends_at - dt.timedelta(days=30, hours=14)
    disclosures = Disclosure.objects.bulk_create(
        [
            Disclosure(
                unit_id=rng.choice(units),
                item=item,
                title=f"Dự toán ngân sách năm {yesterday.year} (bench)",
                summary="Lô kiểm thử của bench/run.py.",
                decision_number=BATCH_MARK,
                decision_date=posted.date() - dt.timedelta(days=2),
                decision_issuer="Ủy ban nhân dân",
                forms=["a", "b"],
                window_days=30,
                state="published",
                published_at=posted,
                posting_deadline=posted.date() + dt.timedelta(days=5),
                window_end=yesterday,
                window_ends_at=ends_at,
                search_text=f"du toan ngan sach nam {yesterday.year} (bench)",
            )  # fmt: skip
            for _ in range(size)
        ],
        batch_size=2000,
    )
    Record.objects.bulk_create(
        [Record(disclosure=d, kind="posting", number="1/BB-UBND", made_at=posted) for d in disclosures],
        batch_size=2000,
    )
    return [d.pk for d in disclosures]


def bench_closing(args):
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from disclosures import tasks
    from disclosures.actions import close_due_postings
    from disclosures.models import Disclosure, Record

    broker = None
    if args.broker == "redis":
        import redis

        broker = redis.Redis.from_url(os.environ["REDIS_URL"])
        if broker.exists("celery"):
            sys.exit(
                f"bench: the Celery queue in {os.environ['REDIS_URL']} is not empty; use another database."
            )
        kombu_keys = set(broker.keys("_kombu.binding*"))  # kombu adds its bindings; ours go afterwards
    enqueued = {"count": 0}
    original_delay = tasks.render_records.delay

    def counted_delay(*a, **kw):
        enqueued["count"] += 1
        if args.broker == "redis":
            return original_delay(*a, **kw)

    tasks.render_records.delay = counted_delay
    print(f"\nClosing job: {args.close:,} due postings, render_records.delay (one per batch) → ", end="")
    print(f"Redis broker {os.environ['REDIS_URL']} (queued, no worker)" if broker else "a counter (not sent)")
    try:
        left = delete_batch()
        if left:
            print(f"  removed {left:,} postings left by an interrupted run")
        now = timezone.now()
        with override_settings(DEBUG=False):
            caught_up = close_due_postings(now=now)
        if caught_up:
            print(f"  first closed {caught_up:,} postings that came due since the data was generated")
        enqueued["count"] = 0
        if broker:
            broker.delete("celery")
        start = time.perf_counter()
        ids = make_batch(args.close, now)
        print(f"  prepared {len(ids):,} due postings in {time.perf_counter() - start:.1f} s")
        due = Disclosure.objects.due_for_closing(now).count()
        assert due == args.close, f"{due} due postings, expected {args.close}"

        counter = Counter()
        with override_settings(DEBUG=False), connection.execute_wrapper(counter):
            start = time.perf_counter()
            closed = close_due_postings(now=now)
            elapsed = time.perf_counter() - start
        queued = broker.llen("celery") if broker else None
        closing_records = Record.objects.filter(disclosure_id__in=ids, kind="closing").count()
        still_open = Disclosure.objects.filter(pk__in=ids).exclude(state="closed").count()
        print(
            f"  closed {closed:,} in {elapsed:.2f} s = {closed / elapsed:,.0f} postings/s "
            f"({counter.count:,} queries; target < {TARGET_CLOSE_SECONDS} s for 10,000: "
            f"{'PASS' if elapsed < TARGET_CLOSE_SECONDS * args.close / 10_000 else 'FAIL'})"
        )
        print(
            f"  closing records made: {closing_records:,}; render_records.delay calls: {enqueued['count']:,}"
            + (f" (messages in the queue: {queued:,})" if broker else "")
            + f"; not closed: {still_open}"
        )
        return {"closed": closed, "seconds": elapsed, "queries": counter.count, "enqueued": enqueued["count"]}
    finally:
        tasks.render_records.delay = original_delay
        deleted = delete_batch()
        if broker:
            broker.delete("celery", *(set(broker.keys("_kombu.binding*")) - kombu_keys))
        print(f"  deleted the batch ({deleted:,} postings, their records and audit rows)")


# --- Main --------------------------------------------------------------------------------------------


def describe_machine():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone()
        cursor.execute(
            "SELECT (SELECT count(*) FROM disclosures_disclosure), (SELECT count(*) FROM disclosures_document), "
            "(SELECT count(*) FROM disclosures_feedback), "
            "(SELECT count(*) FROM units_administrativeunit WHERE level = 'village')"
        )
        disclosures, documents, feedback, villages = cursor.fetchone()
    print(
        f"{dt.datetime.now().astimezone():%Y-%m-%d %H:%M %z} · {os.cpu_count()} CPU cores "
        f"(load average {os.getloadavg()[0]:.2f}) · "
        f"Python {platform.python_version()} · PostgreSQL {version} · {connection.settings_dict['NAME']}"
    )
    print(
        f"Dataset: {disclosures:,} disclosures, {documents:,} documents, {feedback:,} feedback, "
        f"{villages:,} villages"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page and commune")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--units", type=lambda s: s.split(","), help="commune codes (default: small, median, large)"
    )
    parser.add_argument("--close", type=int, default=10_000, help="postings in the closing batch (0: skip)")
    parser.add_argument("--skip-pages", action="store_true")
    parser.add_argument(
        "--pages", type=lambda s: s.split(","), help="only these pages: board,archive,api (default: all)"
    )
    parser.add_argument(
        "--explain", action="store_true", help="EXPLAIN ANALYZE the slowest queries of each page"
    )
    parser.add_argument("--broker", choices=["redis", "none"], default="redis")
    parser.add_argument("--redis-url", default=DEFAULT_BROKER, help="the broker for --broker redis")
    parser.add_argument("--database-url", help="default: $DATABASE_URL or the local portal_bench")
    args = parser.parse_args(argv)

    url = database_url(args.database_url)
    check_bench_database(url)
    environment = {"CELERY_TASK_ALWAYS_EAGER": "false"}
    if args.broker == "redis":
        environment["REDIS_URL"] = args.redis_url
    setup_django(url, **environment)
    from django.conf import settings

    assert not settings.CELERY_TASK_ALWAYS_EAGER
    describe_machine()

    pages = [] if args.skip_pages else bench_pages(args)
    closing = bench_closing(args) if args.close else None

    print(
        f"\nTargets (load average now {os.getloadavg()[0]:.2f}: other work on the machine inflates the times)"
    )
    for result in pages:
        if result["page"] == "board":
            ok = result["p95"] < TARGET_BOARD_P95_MS
            print(
                f"  board p95 < {TARGET_BOARD_P95_MS} ms ({result['size']} commune {result['code']}): "
                f"{result['p95']:.1f} ms {'PASS' if ok else 'FAIL'}"
            )
    for name, _pattern in PAGES:
        counts = {r["queries"] for r in pages if r["page"] == name}
        if counts:
            verdict = "PASS" if len(counts) == 1 else "FAIL"
            print(f"  {name}: queries constant across communes: {sorted(counts)} {verdict}")
    if closing:
        ok = closing["seconds"] < TARGET_CLOSE_SECONDS * args.close / 10_000
        print(
            f"  closing {args.close:,} < {TARGET_CLOSE_SECONDS * args.close / 10_000:g} s: "
            f"{closing['seconds']:.2f} s {'PASS' if ok else 'FAIL'}"
        )


if __name__ == "__main__":
    main()
