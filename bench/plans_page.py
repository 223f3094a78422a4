"""Benchmark the plan pages and the plans part of the dashboard on the national dataset (issue 10).

    .venv/bin/python bench/plans_page.py [--repeat 10] [--provinces 79,15] [--database-url URL]

For the province with the most communes and a small one (or those of --provinces):
1. the province's plan page (`plans:detail`, as a reviewer of the province): its tasks and, per parent
   task, every unit's child task and status (the cascade), the units that have not made their plan;
2. a commune's plan page made from it, on the staff side (`plans:detail`, the same reviewer) and on
   the citizen's side (`plans:public_detail`, anonymous);
3. the plans part of the dashboard: the plans family's parts (reports/plans/family.py) run as the
   dashboard runs them (one UNION ALL statement, `figures.compute`'s helpers), for the province and
   for every commune of the country.
Each measured like bench/reports.py (warm-up, N timed runs in turns, p50/p95 in ms with DEBUG off,
one more run counting queries). A page's query count is then compared between the two provinces: it
must not grow with the number of units (the script says so when it does).
"""

import argparse
import importlib.util
import os
import platform
import sys
from pathlib import Path

from common import check_bench_database, database_url, setup_django

# bench/reports.py's measuring and users (imported by path: `reports` is the portal's package).
_spec = importlib.util.spec_from_file_location("bench_reports", Path(__file__).with_name("reports.py"))
bench_reports = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_reports)
client_for, load = bench_reports.client_for, bench_reports.load
measure_together, pick_provinces = bench_reports.measure_together, bench_reports.pick_provinces


def plans_family_statement(communes, agencies, period, today):
    """A function running the plans family's parts as `figures.compute` does (one statement), and
    returning {unit or agency key: {count: n}}."""
    from reports import figures
    from reports.families import Scope
    from reports.plans.family import PLANS

    def own(queryset, prefix=""):
        return queryset.filter(figures._owned_by(communes, agencies, prefix=prefix)).values_list(
            f"{prefix}unit_id", f"{prefix}agency_id"
        )

    def by_commune(queryset, prefix=""):
        return figures._by_commune(queryset, communes, agencies, prefix=prefix)

    def fn():
        scope = Scope(communes, agencies, period, today, own=own, by_commune=by_commune)
        parts = [figures._tagged(PLANS.name, qs, counts).order_by() for qs, counts in PLANS.parts(scope)]
        out = {}
        for unit_id, agency_id, _family, *n in figures._rows(parts[0].union(*parts[1:], all=True)):
            row = out.setdefault(figures.key_of_ids(unit_id, agency_id), dict.fromkeys(PLANS.counts, 0))
            for name, value in zip(PLANS.counts, n, strict=False):  # padded to figures.WIDTH
                row[name] += value
        return out

    return fn


def get(client, url):
    def fn():
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"bench: GET {url} answered {response.status_code}.")
        return response

    return fn


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per measurement")
    parser.add_argument("--provinces", type=lambda s: [c.strip() for c in s.split(",") if c.strip()])
    parser.add_argument("--database-url", help="default: $DATABASE_URL or the local portal_bench")
    args = parser.parse_args(argv)

    url = database_url(args.database_url)
    config = check_bench_database(url)
    setup_django(url)

    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from reports import compliance as comp
    from reports.plans.models import Plan, State, Task
    from units.models import AdministrativeUnit, Level

    today = timezone.localdate()
    period = comp.period_for(AdministrativeUnit.objects.filter(level=Level.PROVINCE).first(), today=today)
    print(
        f"{config['NAME']}: {Plan.objects.count():,} plans, {Task.objects.count():,} tasks · "
        f"Python {platform.python_version()} · {os.cpu_count()} cores · load {load()} · "
        f"{timezone.localtime():%d/%m/%Y %H:%M} · period {period.key}"
    )
    provinces = pick_provinces(args.provinces)
    if (
        not args.provinces
    ):  # the largest and the smallest: a page's queries must not grow from one to the other
        smallest = pick_provinces(None)  # ordered by communes, largest first
        from django.db.models import Q

        last = (
            AdministrativeUnit.objects.current()
            .filter(level=Level.PROVINCE)
            .annotate(communes=Count("children", filter=Q(children__level=Level.COMMUNE)))
            .order_by("communes", "code")
            .first()
        )
        provinces = [smallest[0], ("smallest province", last)]
    rows, counts = [], {}
    anonymous = Client(SERVER_NAME="localhost")
    for label, province in provinces:
        plan = (
            Plan.objects.filter(unit=province, state=State.ISSUED)
            .annotate(n=Count("tasks__children"))
            .order_by("-n", "-pk")
            .first()
        )
        if plan is None:
            sys.exit(f"bench: province {province.code} has no issued plan; run bench/generate.py first.")
        child = Plan.objects.filter(made_from=plan, state=State.ISSUED).order_by("pk").first()
        n_tasks = plan.tasks.count()
        n_children = Task.objects.filter(parent__plan=plan).count()
        communes = list(comp.area_units(province, period).values_list("pk", flat=True))
        agencies = list(comp.area_agencies(province).values_list("pk", flat=True))
        name = f"{label} {province.code} ({len(communes)} communes)"
        print(f"\n{name}: plan {plan.pk} with {n_tasks} tasks and {n_children} child tasks in the cascade")
        reviewer = client_for(province)
        items = [
            ("province plan page (cascade)", get(reviewer, reverse("plans:detail", args=[plan.pk])), None),
            ("commune plan page (staff)", get(reviewer, reverse("plans:detail", args=[child.pk])), None),
            (
                "commune plan page (public)",
                get(anonymous, reverse("plans:public_detail", args=[child.pk])),
                None,
            ),
            (
                "dashboard plans part (province)",
                plans_family_statement(communes, agencies, period, today),
                None,
            ),
        ]
        for result in measure_together(items, repeat=args.repeat):
            if hasattr(result.value, "content"):
                result.note = f"{len(result.value.content) / 1024:,.0f} KiB"
            else:
                result.note = f"{len(result.value)} units with figures"
            print(result.line(), flush=True)
            rows.append((name, result))
            counts.setdefault(result.label, []).append(result.queries)
    country = list(
        comp.in_force(AdministrativeUnit.objects.filter(level=Level.COMMUNE), period).values_list(
            "pk", flat=True
        )
    )
    name = f"country ({len(country)} communes)"
    print(f"\n{name}")
    items = [("dashboard plans part (country)", plans_family_statement(country, [], period, today), None)]
    for result in measure_together(items, repeat=args.repeat):
        result.note = f"{len(result.value)} units with figures"
        print(result.line(), flush=True)
        rows.append((name, result))
    print(f"\nload after: {load()}")
    grown = {label: n for label, n in counts.items() if len(set(n)) > 1}
    for label, n in grown.items():
        print(f"QUERIES GROW with units: {label}: {' → '.join(map(str, n))}")
    if not grown:
        print("Query counts are the same for both provinces: constant in the number of units.")
    print("\n| measurement | p50 ms | p95 ms | queries | note |\n|---|---:|---:|---:|---|")
    for area, result in rows:
        print(
            f"| {area} · {result.label} | {result.p50:,.1f} | {result.p95:,.1f} | {result.queries} | {result.note} |"
        )


if __name__ == "__main__":
    main()
