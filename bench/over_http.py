"""Server CPU per request over real HTTP, under concurrency, against reference views (issue 16).

Starts gunicorn (production settings: DEBUG off, 4 workers) on the bench database, with a URLconf that
adds two reference views that exist only in the bench (`bench/http_urls.py`): a bare Django view and the
public board read with one raw query and a minimal template. Drives every page with `wrk` (or a Python
keep-alive load generator when wrk is missing) at 8 and 32 connections, one page after the other in the
same run, and reads the CPU the gunicorn workers and their PostgreSQL backends spent from /proc
(utime + stime), divided by the requests served.

    .venv/bin/python bench/over_http.py                      # ~3 min with the defaults
    .venv/bin/python bench/over_http.py --duration 3 --connections 8
    .venv/bin/python bench/over_http.py --pages bare,dashboard   # the dashboards next to the bare view

It only reads the bench database (it adds one reviewer and one administrator with a TOTP device and a
session, as `bench/reports.py` does, to open the dashboards).
"""

import argparse
import http.client
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

from common import ROOT, check_bench_database, database_url, setup_django

APPLICATION_NAME = "bench_http"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SEARCH = "du toan"  # as bench/run.py: "dự toán" typed without diacritics

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), e.connect + e.read + e.write + e.status + e.timeout))
end
"""


# --- What to request ---------------------------------------------------------------------------------


def pick_communes():
    """The communes with the fewest, the median and the most public disclosures (as bench/run.py)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT u.code, count(*) FROM disclosures_disclosure d "
            "JOIN units_administrativeunit u ON u.id = d.unit_id "
            "WHERE d.state IN ('published', 'closed', 'withdrawn', 'superseded') AND d.agency_id IS NULL "
            "GROUP BY u.code HAVING bool_or(d.search_text LIKE %s) ORDER BY count(*), u.code",
            [f"%{SEARCH}%"],
        )
        rows = cursor.fetchall()
    if not rows:
        sys.exit("bench: no disclosures in this database; run bench/generate.py first.")
    return {"small": rows[0], "median": rows[len(rows) // 2], "large": rows[-1]}


def staff_cookie(area):
    """A session cookie for a reviewer of `area` (an administrator for the country) past the second factor.

    The session is written straight into the session store with a confirmed TOTP device, as
    django_otp's `login()` would after a correct code: the production settings require the second
    factor for reviewers and administrators, and the bench does not type codes.
    """
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from units.models import Membership, Role

    code = area.code if area is not None else "vn"
    user, _created = get_user_model().objects.get_or_create(username=f"bench-reviewer-{code}")
    role = Role.REVIEWER if area is not None else Role.ADMINISTRATOR
    Membership.objects.get_or_create(user=user, role=role, unit=area)
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]  # the model backend, as after a login
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def pages(skip_staff):
    """(label, path, cookie or None) in the order they run, and notes on what was left out."""
    from django.db.models import Count, Q
    from django.urls import reverse

    from disclosures.models import Disclosure
    from units.models import AdministrativeUnit, Level

    communes = pick_communes()
    median = communes["median"][0]
    result = [("bare view (no DB)", "/bench/bare/", None)]
    for size, (code, _count) in communes.items():
        result.append((f"reference board {size}", f"/bench/reference-board/{code}/", None))
    for size, (code, count) in communes.items():
        result.append(
            (f"board {size} ({code}, {count} public)", reverse("disclosures:board", args=[code]), None)
        )
    for size in ("small", "large"):
        code = communes[size][0]
        query = urlencode({"q": SEARCH})
        result.append(
            (f"archive search {size}", f"{reverse('disclosures:archive', args=[code])}?{query}", None)
        )
    detail = Disclosure.objects.public().filter(unit__code=median).order_by("-pk").first()
    result.append(("disclosure detail", reverse("disclosures:detail", args=[detail.pk]), None))
    result.append(("API list (large)", f"/api/v1/units/{communes['large'][0]}/disclosures?state=all", None))
    from reports.plans.models import Plan  # issue 10: a commune's issued plan, public

    plan = Plan.objects.public().filter(unit__code=median).order_by("-pk").first()
    notes = []
    if plan is not None:
        result.append(("commune plan page", reverse("plans:public_detail", args=[plan.pk]), None))
    else:
        notes.append(f"plan page skipped: commune {median} has no issued plan")
    if skip_staff:
        notes.append("dashboards skipped (--no-staff)")
        return result, notes
    provinces = list(
        AdministrativeUnit.objects.current()
        .filter(level=Level.PROVINCE)
        .annotate(communes=Count("children", filter=Q(children__level=Level.COMMUNE)))
        .order_by("-communes", "code")
    )
    if not provinces:
        notes.append("dashboards skipped: no province in the database")
        return result, notes
    for label, province in (("median", provinces[len(provinces) // 2]), ("largest", provinces[0])):
        url = reverse("reports:area", args=[province.code])
        result.append((f"dashboard province {label} ({province.code})", url, staff_cookie(province)))
    result.append(("dashboard whole country", reverse("reports:area", args=["VN"]), staff_cookie(None)))
    return result, notes


# --- The server --------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_application_name(url):
    """The database URL with `application_name`, so the workers' backends can be told apart."""
    parts = urlparse(url)
    query = "&".join(q for q in (parts.query, f"application_name={APPLICATION_NAME}") if q)
    return urlunparse(parts._replace(query=query))


def start_gunicorn(args, url, port):
    environment = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="bench.http_settings",
        DEBUG="False",
        SECRET_KEY=args.secret_key,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=with_application_name(url),
        # No TLS in front of the bench: the production redirect to https would answer every request 301.
        SECURE_SSL_REDIRECT="False",
        LOG_LEVEL="WARNING",
    )
    if args.public_cache == "off":
        # Nothing kept (democracy/publiccache.py): every request renders, as on a miss.
        environment["PUBLIC_CACHE_SECONDS"] = "0"
    if args.redis_url:
        environment["REDIS_URL"] = args.redis_url
    else:
        environment.pop("REDIS_URL", None)
    # With DEBUG off the pages name their static files through the manifest: collect them, as a deploy does.
    environment["STATIC_ROOT"] = args.static_root
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
        env=environment,
        check=True,
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "democracy.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(args.workers), "--worker-class", "sync", "--log-level", "warning"]
    command += ["--timeout", "120", "--chdir", str(ROOT)]
    process = subprocess.Popen(command, env=environment, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"bench: gunicorn exited with {process.returncode}.")
        try:
            status, _ = fetch(port, "/bench/bare/", None)
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    stop(process)
    sys.exit("bench: gunicorn did not answer within 60 s.")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def fetch(port, path, cookie):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        body = response.read()
        return response.status, body
    finally:
        connection.close()


# --- CPU from /proc ----------------------------------------------------------------------------------


def cpu_ticks(pid):
    """utime + stime of one process, in clock ticks; 0 if it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) ": state is field 3
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5)


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:
                continue
            if int(text[text.rindex(")") + 2 :].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def backends(database):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
            [database, APPLICATION_NAME],
        )
        return [row[0] for row in cursor.fetchall()]


class CpuMeter:
    """Ticks spent by the gunicorn workers and their PostgreSQL backends between start() and stop()."""

    def __init__(self, master, database):
        self.master, self.database = master, database

    def sample(self):
        workers = {("worker", pid): cpu_ticks(pid) for pid in children(self.master)}
        return workers | {("postgres", pid): cpu_ticks(pid) for pid in backends(self.database)}

    def start(self):
        self.before = self.sample()

    def settle(self, quiet=0.3, limit=30):
        """Wait until the workers stop using CPU: what the load generator left queued is served here."""
        deadline = time.monotonic() + limit
        last = sum(cpu_ticks(pid) for pid in children(self.master))
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = sum(cpu_ticks(pid) for pid in children(self.master))
            if now == last:
                return
            last = now

    def stop(self):
        after = self.sample()
        # A process that started during the run counts from zero; one that ended is lost (rare:
        # connections live CONN_MAX_AGE seconds and the pages are warmed first).
        spent = {"worker": 0, "postgres": 0}
        for key, now in after.items():
            spent[key[0]] += now - self.before.get(key, 0)
        return spent["worker"] * 1000 / CLOCK_TICKS, spent["postgres"] * 1000 / CLOCK_TICKS  # ms


# --- Load generators ---------------------------------------------------------------------------------


def run_wrk(port, path, cookie, connections, duration, script):
    command = ["wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{duration}s"]
    command += ["--timeout", "60s", "-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        command + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    requests, duration_us, p50, p95, errors = (int(x) for x in line.split()[1:])
    return requests, duration_us / 1e6, p50 / 1000, p95 / 1000, errors


def run_python(port, path, cookie, connections, duration, _script):
    """Threads, one keep-alive connection each, as many requests as they can until the deadline."""
    latencies, errors, lock = [], [0], threading.Lock()
    headers = {"Cookie": cookie} if cookie else {}
    start = time.monotonic()
    deadline = start + duration

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine, failed = [], 0
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                continue
            mine.append((time.perf_counter() - began) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    latencies.sort()
    if not latencies:
        return 0, elapsed, 0.0, 0.0, errors[0]
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    return len(latencies), elapsed, p50, p95, errors[0]


# --- The run -----------------------------------------------------------------------------------------


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(args, port, meter, page_list, drivers, script):
    results = {}
    for _round in range(args.rounds):
        for connections in args.connections:
            for label, path, cookie in page_list:
                meter.start()
                drive = drivers[label]
                requests, elapsed, p50, p95, errors = drive(
                    port, path, cookie, connections, args.duration, script
                )
                meter.settle()
                workers, postgres = meter.stop()
                row = results.setdefault(
                    (label, connections), {"requests": 0, "elapsed": 0, "cpu": 0, "postgres": 0, "p": []}
                )
                row["requests"] += requests
                row["elapsed"] += elapsed
                row["cpu"] += workers + postgres
                row["postgres"] += postgres
                row["p"].append((p50, p95))
                row["errors"] = row.get("errors", 0) + errors
                print(f"  {label:<40} c={connections:<3} {requests:>6} requests, {errors} errors", flush=True)
    return results


def table(results, page_list, connections_list):
    lines = [
        "| page | conns | requests | req/s | p50 ms | p95 ms | server CPU ms / request | of which PostgreSQL "
        "| × bare view | × reference |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for connections in connections_list:

        def per_request(label, connections=connections):
            row = results[(label, connections)]
            return row["cpu"] / row["requests"] if row["requests"] else float("nan")

        bare = per_request(page_list[0][0])
        references = {
            label.split()[-1]: per_request(label) for label, *_ in page_list if label.startswith("reference")
        }
        for index, (label, _path, _cookie) in enumerate(page_list):
            row = results[(label, connections)]
            cpu = per_request(label)
            p50 = statistics.mean(p[0] for p in row["p"])
            p95 = statistics.mean(p[1] for p in row["p"])
            rate = row["requests"] / row["elapsed"] if row["elapsed"] else 0
            ratio_bare = f"{cpu / bare:.1f}" if index else "1"
            ratio_reference = ""
            if label.startswith("board"):  # against the reference board of the same commune
                ratio_reference = f"{cpu / references[label.split()[1]]:.1f}"
            errors = f" ({row['errors']} errors)" if row["errors"] else ""
            lines.append(
                f"| {label}{errors} | {connections} | {row['requests']} | {rate:.0f} | {p50:.0f} | {p95:.0f} "
                f"| {cpu:.1f} | {row['postgres'] / max(row['requests'], 1):.1f} | {ratio_bare} | {ratio_reference} |"
            )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: $DATABASE_URL or the local portal_bench")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--connections", default="8,32", help="connection counts, comma-separated")
    parser.add_argument("--duration", type=int, default=5, help="seconds per page and connection count")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the whole interleaved sequence")
    parser.add_argument("--loadgen", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument(
        "--redis-url", default="", help="the cache for gunicorn (default: none, local memory)"
    )
    parser.add_argument("--slow-ms", type=int, default=100, help="pages slower: Python generator, not wrk")
    parser.add_argument("--no-staff", action="store_true", help="skip the dashboards")
    parser.add_argument(
        "--pages",
        type=lambda s: [p.strip() for p in s.split(",") if p.strip()],
        help="only the pages whose label contains one of these, comma-separated "
        "(e.g. 'bare,dashboard': the dashboards next to the bare view)",
    )
    parser.add_argument(
        "--public-cache",
        choices=["on", "off"],
        default="on",
        help="on: the public pages from the cache, as in production (wrk repeats one URL: hits); "
        "off: PUBLIC_CACHE_SECONDS=0, every request renders (the cost of a miss)",
    )
    args = parser.parse_args(argv)
    args.connections = [int(c) for c in args.connections.split(",")]

    url = database_url(args.database_url)
    config = check_bench_database(url)
    # One key for this run, shared with gunicorn: the dashboards' sessions are signed here.
    args.secret_key = secrets.token_urlsafe(64)
    setup_django(url, SECRET_KEY=args.secret_key)

    wrk = shutil.which("wrk")
    if args.loadgen == "wrk" and not wrk:
        sys.exit("bench: wrk is not installed (apt-get install wrk), or use --loadgen python.")
    use_wrk = bool(args.loadgen == "wrk" or (args.loadgen == "auto" and wrk))

    page_list, notes = pages(args.no_staff)
    if args.pages:
        page_list = [page for page in page_list if any(part in page[0] for part in args.pages)]
        if not page_list:
            sys.exit(f"bench: no page matches --pages {','.join(args.pages)}.")
    port = free_port()
    started = datetime.now(UTC)
    load_before = load_average()
    print(f"bench: {started:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load {load_before}", flush=True)
    print(f"bench: public page cache {args.public_cache}", flush=True)
    print(
        f"bench: gunicorn {args.workers} workers on 127.0.0.1:{port}, database {config['NAME']}", flush=True
    )
    static_root = tempfile.TemporaryDirectory(prefix="bench-http-static-")
    args.static_root = static_root.name
    process = start_gunicorn(args, url, port)
    drivers = {}
    try:
        for label, path, cookie in page_list:  # warm every worker and connection, check every page
            timings = []
            for _ in range(args.workers * 2):
                began = time.perf_counter()
                status, body = fetch(port, path, cookie)
                timings.append((time.perf_counter() - began) * 1000)
                if status != 200:
                    sys.exit(f"bench: GET {path} ({label}) answered {status}.")
            # wrk stops in the middle of requests it does not count, which the workers still serve: on a
            # page of a few requests a second that weighs; the Python generator finishes and counts all.
            slow = statistics.median(timings) > args.slow_ms
            drivers[label] = run_wrk if use_wrk and not slow else run_python
            generator = "wrk" if drivers[label] is run_wrk else "python"
            print(f"  {label:<40} {path} ({len(body) // 1024} KiB, {generator})", flush=True)
        meter = CpuMeter(process.pid, config["NAME"])
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            script.write(WRK_SCRIPT)
            script.flush()
            results = measure(args, port, meter, page_list, drivers, script.name)
    finally:
        stop(process)
        static_root.cleanup()
    load_after = load_average()

    print()
    print(
        f"{started:%d/%m/%Y %H:%M} UTC, {'wrk' if use_wrk else 'Python load generator'} "
        f"(Python for pages slower than {args.slow_ms} ms), "
        f"gunicorn {args.workers} workers, {args.duration} s per page and connection count, "
        f"{args.rounds} round(s)"
    )
    print(f"load average before {load_before}, after {load_after}")
    print()
    print(table(results, page_list, args.connections))
    for note in notes:
        print(f"\nNote: {note}")


if __name__ == "__main__":
    main()
