"""Benchmark the annual grading of a province (issue 12) on the dataset of bench/generate.py.

    .venv/bin/python bench/grading.py [--repeat 5] [--year 2026] [--database-url URL]

For the province with the most communes and the one with the fewest: `reports.checks.grading.grade`
(the year's figures of every commune and agency in the one combined statement, the scheme, the scores),
timed (p50 and max in ms, after a warm-up) and its queries counted. The query count must be the same for
both provinces: the grading costs a constant number of queries whatever the number of units.

Run as the other bench scripts are: `.venv/bin/python bench/grading.py --year 2025`.

03/12/2026, scale 0.02 (all 3,321 communes), year 2025, load average 24 on 2 CPUs (seven test suites
running beside it): Hồ Chí Minh 325 units p50 561 ms, Lai Châu 84 units p50 422 ms; 7 queries both.
"""

import argparse
import statistics
import sys
import time

from common import check_bench_database, database_url, setup_django


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = database_url(args.database_url)
    check_bench_database(url)
    setup_django(url)

    from django.db import connection
    from django.db.models import Count, Q
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from reports.checks import grading
    from units.models import AdministrativeUnit, Level

    year = args.year or timezone.localdate().year
    provinces = list(
        AdministrativeUnit.objects.current()
        .filter(level=Level.PROVINCE)
        .annotate(n=Count("children", filter=Q(children__level=Level.COMMUNE)))
        .order_by("-n")
    )
    if not provinces:
        sys.exit("bench: no provinces: run bench/generate.py first.")
    counts = {}
    for province in (provinces[0], provinces[-1]):
        grading.grade(province, year)  # warm-up
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = grading.grade(province, year)
            timings.append(1000 * (time.perf_counter() - start))
        with CaptureQueriesContext(connection) as queries:
            grading.grade(province, year)
        counts[province.code] = len(queries)
        print(
            f"{province.name}: {len(result.grades)} units, {len(result.proposed)} proposed; "
            f"p50 {statistics.median(timings):.0f} ms, max {max(timings):.0f} ms; {len(queries)} queries"
        )
    if len(set(counts.values())) != 1:
        sys.exit(f"bench: the number of queries depends on the province: {counts}")


if __name__ == "__main__":
    main()
