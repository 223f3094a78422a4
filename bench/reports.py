"""Benchmark the compliance dashboard and the reports on the national dataset of bench/generate.py (issue 5).

    .venv/bin/python bench/reports.py [--repeat 10] [--provinces 79,15] [--only dashboard,sql,compile,pdf]
                                      [--explain] [--database-url URL]

1. Dashboard, for the province with the most communes, a median one and the whole country, for the
   last half-year that ended: `reports.compliance.compliance(province, period)` (the country:
   `compliance.country_compliance`, every commune in force), then the page `reports:area` rendered through
   Django's test Client as a reviewer of that province (the country: as a national administrator).
   A few warm-up runs, then N timed ones (p50/p95 in ms, DEBUG off), then one more to count queries.
2. The best single SQL statement I could write for the same per-unit indicators, timed the same
   way, printed next to the dashboard with the ratio; the numbers are compared unit by unit (assert).
3. Compiling every unit report of that period over every current province (`compile_area`, figures
   only), fresh: inside a transaction that first deletes the period's reports and is rolled back at
   the end, so the generated reports stay as they were.
4. A unit report PDF (`reports.outputs.unit_report_pdf`) of a report just compiled (with breakdowns).
"""

import argparse
import math
import os
import platform
import statistics
import sys
import time

from common import check_bench_database, database_url, setup_django

TARGETS = {"province": 300, "country": 2000, "ratio": 2.0, "compile": 60.0, "pdf": 1000}
PASSWORD = "bench-matkhau-2026"


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def load():
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


# --- Measuring -----------------------------------------------------------------------------------


class Result:
    def __init__(self, label, timings, queries, target=None, note=""):
        self.label, self.timings, self.queries, self.target, self.note = label, timings, queries, target, note

    @property
    def p50(self):
        return statistics.median(self.timings)

    @property
    def p95(self):
        return percentile(self.timings, 0.95)

    @property
    def met(self):
        if self.target is None:
            return ""
        return "yes" if self.p95 < self.target else "NO"

    def line(self):
        target = f"< {self.target:,.0f} ms" if self.target else ""
        return (
            f"  {self.label:<44} p50 {self.p50:8.1f} ms  p95 {self.p95:8.1f} ms  {self.queries:>3} queries  "
            f"{target:>11} {self.met:>3} {self.note}"
        )


def measure(label, fn, *, repeat, warmup=2, target=None):
    return measure_together([(label, fn, target)], repeat=repeat, warmup=warmup)[0]


def measure_together(items, *, repeat, warmup=2):
    """Time several functions in turns (a, b, c, a, b, c, …) so that the load of the other processes on
    this shared machine weighs on each alike; DEBUG off. Then run each once more counting its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    # An item may have a fourth member: a function run before each call, outside the timing (the
    # dashboard's first visit: its stored figures deleted).
    items = [(*item, None) if len(item) == 3 else item for item in items]
    for _label, fn, _target, setup in items:
        for _ in range(warmup):
            if setup:
                setup()
            fn()
    timings = [[] for _ in items]
    with override_settings(DEBUG=False):
        for _ in range(repeat):
            for index, (_label, fn, _target, setup) in enumerate(items):
                if setup:
                    setup()
                start = time.perf_counter()
                fn()
                timings[index].append((time.perf_counter() - start) * 1000)
    results = []
    for (label, fn, target, setup), measured in zip(items, timings, strict=True):
        if setup:
            setup()
        with CaptureQueriesContext(connection) as captured:
            value = fn()
        result = Result(label, measured, len(captured.captured_queries), target)
        result.value, result.queries_sql = value, list(captured.captured_queries)
        results.append(result)
    return results


# --- Areas, users --------------------------------------------------------------------------------


def pick_provinces(codes):
    from django.db.models import Count, Q

    from units.models import AdministrativeUnit, Level

    provinces = list(
        AdministrativeUnit.objects.current()
        .filter(level=Level.PROVINCE)
        .annotate(communes=Count("children", filter=Q(children__level=Level.COMMUNE)))
        .order_by("-communes", "code")
    )
    if not provinces:
        sys.exit("bench: no provinces; run bench/generate.py first.")
    if codes:
        by_code = {p.code: p for p in provinces}
        missing = [c for c in codes if c not in by_code]
        if missing:
            sys.exit(f"bench: no current province {', '.join(missing)}.")
        return [(f"province {c}", by_code[c]) for c in codes]
    return [("largest province", provinces[0]), ("median province", provinces[len(provinces) // 2])]


def user_for(area):
    """A reviewer of `area` (a national administrator for the country), created once."""
    from django.contrib.auth import get_user_model

    from units.models import Membership, Role

    code = area.code if area is not None else "vn"
    user, created = get_user_model().objects.get_or_create(username=f"bench-reviewer-{code}")
    if created:
        user.set_password(PASSWORD)
        user.save()
    role = Role.REVIEWER if area is not None else Role.ADMINISTRATOR
    Membership.objects.get_or_create(user=user, role=role, unit=area)
    return user


def client_for(area):
    from django.test import Client

    client = Client(SERVER_NAME="localhost")
    client.force_login(user_for(area))
    return client


def page_url(code, period):
    from django.urls import NoReverseMatch, reverse

    try:
        return f"{reverse('reports:area', args=[code])}?period={period.key}"
    except NoReverseMatch:
        return None


def get_page(client, url):
    def fn():
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"bench: GET {url} answered {response.status_code}.")
        return response

    return fn


def forget_stored(period):
    """Deletes the period's stored dashboard figures (reports.stored), so the next page counts them all
    again: a first visit. None before the stored figures existed."""
    try:
        from reports.models import StoredFigures
    except ImportError:
        return None

    def forget():
        StoredFigures.objects.filter(period_start=period.start, period_end=period.end).delete()

    return forget


# --- The dashboard's numbers and the hand-written SQL ----------------------------------------------


def dashboard_numbers(area_result):
    """{'u12': (done, total, … for each indicator, report state, is_late)} from a compliance Area."""
    out = {}
    for row in area_result.rows:
        numbers = []
        for indicator in row.indicators:
            numbers += [indicator.done, indicator.total]
        report = row.report
        out[("a" if row.is_agency else "u") + str(row.owner.pk)] = (
            *numbers,
            report.state if report else None,
            bool(report.is_late) if report else None,
        )
    return out


# One statement for the indicators of every unit of an area: a key per owner (commune id, or minus
# the agency id); villages count for their commune; each family aggregated once over its period index.
BEST_SQL = """
WITH places AS MATERIALIZED (  -- commune or village -> the commune it counts for
    SELECT u AS unit_id, u AS commune_id FROM unnest(%(units)s::bigint[]) u
    UNION ALL
    SELECT v.id, v.parent_id FROM units_administrativeunit v
    WHERE v.parent_id = ANY(%(units)s::bigint[]) AND v.level = 'village'
),
counts (k, on_time, published, honoured, ended, answered, received, results_published, held,
        decisions_on_time, decisions_due, recommendations_on_time, recommendations_due) AS (
    SELECT coalesce(d.unit_id, -d.agency_id), count(*) FILTER (WHERE NOT d.is_late), count(*),
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM disclosures_disclosure d
    WHERE d.published_at >= %(start)s AND d.published_at < %(end)s
      AND (d.unit_id = ANY(%(units)s::bigint[]) OR d.agency_id = ANY(%(agencies)s::bigint[]))
    GROUP BY 1
    UNION ALL
    SELECT coalesce(d.unit_id, -d.agency_id), 0, 0,
           count(*) FILTER (WHERE NOT (d.state = 'withdrawn' AND d.closed_at < d.window_ends_at)), count(*),
           0, 0, 0, 0, 0, 0, 0, 0
    FROM disclosures_disclosure d
    WHERE d.window_ends_at >= %(start)s AND d.window_ends_at < %(end)s
      AND (d.unit_id = ANY(%(units)s::bigint[]) OR d.agency_id = ANY(%(agencies)s::bigint[]))
    GROUP BY 1
    UNION ALL
    SELECT d.unit_id, 0, 0, 0, 0,
           count(*) FILTER (WHERE f.answered_at IS NOT NULL), count(*), 0, 0, 0, 0, 0, 0
    FROM disclosures_feedback f JOIN disclosures_disclosure d ON d.id = f.disclosure_id
    WHERE f.received_at >= %(start)s AND f.received_at < %(end)s AND f.hidden_at IS NULL
      AND d.unit_id IN (SELECT unnest(%(units)s::bigint[]))
    GROUP BY 1
    UNION ALL
    SELECT -d.agency_id, 0, 0, 0, 0,
           count(*) FILTER (WHERE f.answered_at IS NOT NULL), count(*), 0, 0, 0, 0, 0, 0
    FROM disclosures_feedback f JOIN disclosures_disclosure d ON d.id = f.disclosure_id
    WHERE f.received_at >= %(start)s AND f.received_at < %(end)s AND f.hidden_at IS NULL
      AND d.agency_id IN (SELECT unnest(%(agencies)s::bigint[]))
    GROUP BY 1
    UNION ALL
    SELECT coalesce(p.commune_id, -c.agency_id), 0, 0, 0, 0, 0, 0,
           count(*) FILTER (WHERE c.results_published_at IS NOT NULL), count(*), 0, 0, 0, 0
    FROM consultations_consultation c LEFT JOIN places p ON p.unit_id = c.unit_id
    WHERE c.ends_on BETWEEN %(first)s AND %(last)s AND c.state IN ('closed', 'results_published')
      AND (p.commune_id IS NOT NULL OR c.agency_id = ANY(%(agencies)s::bigint[]))
    GROUP BY 1
    UNION ALL
    SELECT coalesce(p.commune_id, -x.agency_id), 0, 0, 0, 0, 0, 0, 0, 0,
           count(*) FILTER (WHERE due AND x.recognised_on <= x.recognition_deadline), count(*) FILTER (WHERE due),
           0, 0
    FROM (
        SELECT c.unit_id, c.agency_id, c.recognised_on, c.recognition_deadline,
               c.outcome = 'passed' AND c.unit_id IS NOT NULL AND c.recognised_by <> '' AND (
                   c.recognised_on IS NOT NULL OR c.recognition_deadline < %(today)s
                   OR (c.recognition_deadline IS NULL AND c.send_deadline < %(today)s)) AS due
        FROM consultations_decision c
        WHERE c.decided_on BETWEEN %(first)s AND %(last)s AND c.outcome <> ''
    ) x LEFT JOIN places p ON p.unit_id = x.unit_id
    WHERE p.commune_id IS NOT NULL OR x.agency_id = ANY(%(agencies)s::bigint[])
    GROUP BY 1
    UNION ALL
    SELECT coalesce(p.commune_id, -r.agency_id), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           count(*) FILTER (WHERE r.answered_on <= r.due_on),
           count(*) FILTER (WHERE r.answered_on IS NOT NULL OR r.due_on < %(today)s)
    FROM consultations_recommendation r LEFT JOIN places p ON p.unit_id = r.unit_id
    WHERE r.made_on BETWEEN %(first)s AND %(last)s
      AND (p.commune_id IS NOT NULL OR r.agency_id = ANY(%(agencies)s::bigint[]))
    GROUP BY 1
    UNION ALL
    SELECT k, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM unnest(%(units)s::bigint[]) k
    UNION ALL
    SELECT -a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM unnest(%(agencies)s::bigint[]) a
),
reports AS (
    SELECT coalesce(r.unit_id, -r.agency_id) AS k, r.state, r.is_late
    FROM reports_unitreport r
    WHERE r.year = %(year)s AND r.kind = %(kind)s
      AND (r.unit_id = ANY(%(units)s::bigint[]) OR r.agency_id = ANY(%(agencies)s::bigint[]))
)
SELECT totals.*, reports.state, reports.is_late
FROM (
    SELECT k, sum(on_time), sum(published), sum(honoured), sum(ended), sum(answered), sum(received),
           sum(results_published), sum(held), sum(decisions_on_time), sum(decisions_due),
           sum(recommendations_on_time), sum(recommendations_due)
    FROM counts GROUP BY k
) totals LEFT JOIN reports USING (k)
"""


def sql_params(period, unit_ids, agency_ids, today):
    start, end = period.bounds()
    return {
        "units": list(unit_ids),
        "agencies": list(agency_ids),
        "start": start,
        "end": end,
        "first": period.start,
        "last": period.end,
        "today": today,
        "year": period.year,
        "kind": period.kind,
    }


def best_sql(params):
    from django.db import connection

    def fn():
        with connection.cursor() as cursor:
            cursor.execute(BEST_SQL, params)
            rows = cursor.fetchall()
        return {(f"u{k}" if k > 0 else f"a{-k}"): tuple(rest) for k, *rest in rows}

    return fn


def compare(label, dashboard, sql):
    """Assert the dashboard and the SQL give every unit the same numbers."""
    # The SQL counts the first six indicators (the five core families): the dashboard's same numbers.
    dashboard = {key: (*numbers[:12], *numbers[-2:]) for key, numbers in dashboard.items()}
    assert set(dashboard) == set(sql), f"{label}: units differ ({len(dashboard)} vs {len(sql)})"
    differ = [key for key in dashboard if dashboard[key] != sql[key]]
    assert not differ, (
        f"{label}: {len(differ)} units differ, e.g. {differ[0]}: {dashboard[differ[0]]} vs {sql[differ[0]]}"
    )
    totals = [sum(v[i] for v in sql.values()) for i in range(12)]
    print(
        f"  numbers agree: {len(sql):,} units; on time {totals[0]:,}/{totals[1]:,}, windows {totals[2]:,}/"
        f"{totals[3]:,}, feedback {totals[4]:,}/{totals[5]:,}, consultations {totals[6]:,}/{totals[7]:,}, "
        f"decisions {totals[8]:,}/{totals[9]:,}, recommendations {totals[10]:,}/{totals[11]:,}"
    )


def explain(queries, top=10, sql_params_=None):
    from django.db import connection

    with connection.cursor() as cursor:
        for query in queries[:top]:
            if not query["sql"].lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"], sql_params_)
            plan = [row[0] for row in cursor.fetchall()]
            print(f"    --- {float(query['time']) * 1000:.1f} ms: {query['sql'][:160]}")
            for line in plan:
                print("    " + line[:200])


# --- Sections ------------------------------------------------------------------------------------


def dashboard_section(args, period, today, results):
    from django.db.models import Q

    from reports import compliance as comp
    from units.models import AdministrativeUnit, Level

    provinces = pick_provinces(args.provinces)
    print(
        f"\nDashboard, period {period.key} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}), today {today:%d/%m/%Y}"
    )
    areas = []
    for label, province in provinces:
        unit_ids = list(comp.area_units(province, period).values_list("pk", flat=True))
        agency_ids = list(comp.area_agencies(province).values_list("pk", flat=True))
        name = f"{label} {province.code} ({len(unit_ids)} communes + {len(agency_ids)} agencies)"
        areas.append((name, province, unit_ids, agency_ids))

    def country(period, today):
        return comp.country_compliance(comp.Country(), period, today=today)

    country_units = list(
        AdministrativeUnit.objects.filter(level=Level.COMMUNE)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.start))
        .values_list("pk", flat=True)
    )
    areas.append((f"country ({len(country_units)} communes)", None, country_units, []))

    for name, area, unit_ids, agency_ids in areas:
        print(f"\n{name}")
        target = TARGETS["province"] if area is not None else TARGETS["country"]
        if area is not None:
            fn = lambda area=area: comp.compliance(area, period, today=today)  # noqa: E731
        else:
            fn = lambda: country(period, today)  # noqa: E731
        params = sql_params(period, unit_ids, agency_ids, today)
        forget = forget_stored(period)
        items = [
            ("compliance() " + ("(province)" if area else "(country)"), fn, target),
            ("best single SQL statement", best_sql(params), None),
        ]
        url = page_url(area.code if area is not None else "VN", period)
        if url:
            items.append((f"page {url}", get_page(client_for(area), url), target))
        if forget:
            items.append(("compliance(), first visit (no stored figures)", fn, target, forget))
            if url:
                items.append(
                    ("page, first visit (no stored figures)", get_page(client_for(area), url), target, forget)
                )
        measured = measure_together(items, repeat=args.repeat)
        func, sql = measured[0], measured[1]
        for result in measured[2:]:
            if result.label.startswith("compliance()"):  # the first visit counts the same numbers
                assert dashboard_numbers(result.value) == dashboard_numbers(func.value), name
        for result in measured:
            if result.label.startswith("page"):
                result.note = f"{len(result.value.content) / 1024:,.0f} KiB"
                if url:  # as a browser gets it (the dashboard compresses its pages)
                    gz = client_for(area).get(url, headers={"accept-encoding": "gzip"})
                    if gz.get("Content-Encoding") == "gzip":
                        result.note += f", {len(gz.content) / 1024:,.0f} KiB gzip"
            print(result.line(), flush=True)
            results.append((name, result))
        compare(name, dashboard_numbers(func.value), sql.value)
        for result in measured:
            if result is not sql:
                print(
                    f"  ratio {result.label.split(' ')[0]} / SQL: p50 {result.p50 / sql.p50:.2f}, "
                    f"p95 {result.p95 / sql.p95:.2f} (target ≤ {TARGETS['ratio']:.0f})"
                )
                result.ratio = result.p50 / sql.p50
        if not url:
            print("  reports:area is not there yet: the page is not measured.")
        if args.explain:
            print("  EXPLAIN ANALYZE of the dashboard's queries:")
            explain(sorted(func.queries_sql, key=lambda q: -float(q["time"])))
            print("  EXPLAIN ANALYZE of the SQL statement:")
            explain([{"sql": BEST_SQL, "time": 0}], sql_params_=params)


class Rollback(Exception):
    pass


def compile_section(args, period, results):
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from reports import actions
    from reports.models import UnitReport
    from units.models import AdministrativeUnit, Level

    provinces = list(AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).order_by("code"))
    print(
        f"\nCompiling every unit report of {period.key} over {len(provinces)} provinces (figures, not PDFs)"
    )
    pdf_report = None
    try:
        with transaction.atomic():
            deleted, _ = UnitReport.objects.filter(year=period.year, kind=period.kind).delete()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                written = sum(actions.compile_area(p, period) for p in provinces)
                seconds = time.perf_counter() - start
            print(
                f"  compile_area × {len(provinces)}: {written:,} reports in {seconds:.1f} s "
                f"({written / seconds:,.0f}/s), {len(captured.captured_queries)} queries "
                f"(deleted {deleted:,} generated reports first)  target < {TARGETS['compile']:.0f} s "
                f"{'yes' if seconds < TARGETS['compile'] else 'NO'}"
            )
            result = Result(
                f"compile_area × {len(provinces)} ({written:,} reports)",
                [seconds * 1000],
                len(captured.captured_queries),
                TARGETS["compile"] * 1000,
            )
            result.seconds = seconds
            results.append(("compile", result))
            if "pdf" in args.only:
                pdf_report = (
                    UnitReport.objects.filter(year=period.year, kind=period.kind, unit__isnull=False)
                    .order_by("-figures__disclosures__published")
                    .first()
                )
                pdf_section(args, pdf_report, results)
            raise Rollback
    except Rollback:
        print("  (rolled back: the generated reports of the period are back)")
    return pdf_report


def pdf_section(args, report, results):
    try:
        from reports.outputs import unit_report_pdf
    except ImportError:
        print("\nreports.outputs.unit_report_pdf is not there yet: the PDF is not measured.")
        return
    if report is None:
        from reports.models import UnitReport

        report = (
            UnitReport.objects.filter(unit__isnull=False, state="submitted").order_by("-period_end").first()
        )
    published = report.figures.get("disclosures", {}).get("published")
    print(f"\nUnit report PDF: report {report.pk} of {report.owner} ({report.key}, {published} disclosures)")
    pdf = measure(
        "unit_report_pdf(report)", lambda: unit_report_pdf(report), repeat=max(3, args.repeat // 2),
        warmup=1, target=TARGETS["pdf"],
    )  # fmt: skip
    pdf.note = f"{len(pdf.value) / 1024:,.0f} KiB"
    print(f"  {len(pdf.value) / 1024:,.0f} KiB")
    results.append(("pdf", pdf))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per measurement")
    parser.add_argument("--provinces", type=lambda s: [c.strip() for c in s.split(",") if c.strip()])
    parser.add_argument(
        "--only", default="dashboard,compile,pdf", type=lambda s: set(s.split(",")),
        help="sections: dashboard (with the SQL), compile, pdf",
    )  # fmt: skip
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE of the queries")
    parser.add_argument("--database-url", help="default: $DATABASE_URL or the local portal_bench")
    args = parser.parse_args(argv)

    url = database_url(args.database_url)
    config = check_bench_database(url)
    setup_django(url)

    from django.db import connection
    from django.utils import timezone

    from reports import compliance as comp
    from units.models import AdministrativeUnit, Level

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM disclosures_disclosure")
        disclosures = cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    if not disclosures:
        sys.exit("bench: no disclosures in this database; run bench/generate.py first.")
    today = timezone.localdate()
    period = comp.period_for(AdministrativeUnit.objects.filter(level=Level.PROVINCE).first(), today=today)
    print(
        f"{config['NAME']}: {disclosures:,} disclosures · PostgreSQL {server} · Python {platform.python_version()}"
        f" · {os.cpu_count()} cores · load {load()} · {timezone.localtime():%d/%m/%Y %H:%M}"
    )
    results = []
    if "dashboard" in args.only:
        dashboard_section(args, period, today, results)
    if "compile" in args.only:
        compile_section(args, period, results)
    elif "pdf" in args.only:
        pdf_section(args, None, results)
    print(f"\nload after: {load()}")
    print("\n| measurement | p50 ms | p95 ms | queries | target | met |\n|---|---:|---:|---:|---|---|")
    for area, result in results:
        target = f"< {result.target:,.0f} ms" if result.target else ""
        ratio = f" ({result.ratio:.2f}× SQL)" if getattr(result, "ratio", None) else ""
        print(
            f"| {area} · {result.label}{ratio} | {result.p50:,.1f} | {result.p95:,.1f} | {result.queries} | "
            f"{target} | {result.met} |"
        )


if __name__ == "__main__":
    main()
