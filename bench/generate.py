"""Load a national dataset into PostgreSQL for the benchmarks: COPY streams, no ORM saves.

    .venv/bin/python bench/generate.py [--scale 0.01] [--reset] [--database-url URL]

1. Create the database if missing (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/portal_bench),
   migrate it, load the 34 provinces and 3,321 communes.
2. In one transaction: empty the generated tables, drop their secondary indexes and foreign keys, COPY
   villages, agencies, disclosures, documents, feedback, records, audit events and posting villages,
   then (issue 5) consultations, comments, decisions, recommendations and the unit reports of the
   periods that ended (with a `Compilation` marker per province and period), then recreate every
   dropped index and constraint from its own definition. A failure rolls it all back, so nothing
   stays dropped.
3. VACUUM ANALYZE the loaded tables, print the counts and the time taken.

The five years end today, so ~2% of the postings are open now, as on a real portal.
"""

import argparse
import sys
import time

from activity import (
    COMMENT_COLUMNS,
    CONSULTATION_COLUMNS,
    DECISION_COLUMNS,
    RECOMMENDATION_COLUMNS,
    REPORT_COLUMNS,
    Activity,
)
from common import check_bench_database, create_database_if_missing, database_url, setup_django, timed
from dataset import FULL_SIZE, Dataset
from plans import PLAN_COLUMNS, TASK_COLUMNS, PlanRows

# Tables the generator owns in the bench database: emptied, then filled by COPY.
EMPTIED = [
    "disclosures_disclosure_posting_villages", "disclosures_document", "disclosures_feedback",
    "disclosures_record", "democracy_auditevent", "democracy_notice", "disclosures_disclosure",
    "consultations_comment", "consultations_consultation", "consultations_decision",
    "consultations_recommendation", "reports_unitreport", "reports_compilation", "reports_areareport",
    "units_agency", "plans_task", "plans_plan",
]  # fmt: skip
# The big ones: loaded without secondary indexes and foreign keys, which are rebuilt once at the end.
BULK = [
    "disclosures_disclosure", "disclosures_document", "disclosures_feedback", "disclosures_record",
    "democracy_auditevent", "disclosures_disclosure_posting_villages", "consultations_consultation",
    "consultations_comment", "consultations_decision", "consultations_recommendation", "reports_unitreport",
]  # fmt: skip
DISCLOSURE_COLUMNS = [
    "id", "unit_id", "agency_id", "item_id", "title", "summary", "body", "decision_number",
    "decision_date", "decision_issuer", "forms", "posted_at_office", "other_places", "window_days",
    "state", "version", "supersedes_id", "correction_reason", "posting_deadline",
    "posting_deadline_explanation", "published_at", "is_late", "late_reason", "window_end",
    "window_ends_at", "window_explanation", "radio_days", "return_reason", "withdrawn_reason",
    "closed_at", "created_at", "updated_at", "search_text",
]  # fmt: skip
# A Compilation marker per province and reported period, counting its generated reports.
COMPILATIONS = """
INSERT INTO reports_compilation (authority_id, year, kind, compiled_at, reports)
SELECT p.id, r.year, r.kind, min(r.compiled_at), count(*)
FROM reports_unitreport r
LEFT JOIN units_agency a ON a.id = r.agency_id
JOIN units_administrativeunit u ON u.id = coalesce(r.unit_id, a.unit_id)
JOIN units_administrativeunit p ON p.id = CASE WHEN u.level = 'province' THEN u.id ELSE u.parent_id END
GROUP BY p.id, r.year, r.kind
"""


# --- Loading -----------------------------------------------------------------------------------------


# Columns the generated rows leave to their default: the English twin of each stored explanation (the
# bench's rows are Vietnamese only, as rows made before English was kept), no reason for a form Art. 13
# requires, no delegate conference; a recommendation was received the day it was made.
DEFAULTS = {
    "disclosures_disclosure": {
        "forms_reason": "", "posting_deadline_explanation_en": "", "window_explanation_en": "",
    },
    "consultations_consultation": {"period_explanation_en": ""},
    "consultations_decision": {"outcome_explanation_en": "", "delegate_reason": ""},
    "consultations_recommendation": {"due_explanation_en": "", "received_on": "made_on"},
    "reports_unitreport": {"due_explanation_en": ""},
    "democracy_auditevent": {"actor_name": "", "target_label": ""},
}  # fmt: skip
COPIED_FROM = {("consultations_recommendation", "received_on")}


def copy_rows(cursor, table: str, columns: list[str], rows, *, freeze: bool) -> int:
    """Stream rows into `table` with COPY; returns how many. The table's DEFAULTS are added to each row
    (a value, or the value of another column for the pairs in COPIED_FROM)."""
    options = " WITH (FREEZE)" if freeze else ""
    extra = {c: v for c, v in DEFAULTS.get(table, {}).items() if c not in columns}
    sources = [(columns.index(v) if (table, c) in COPIED_FROM else None, v) for c, v in extra.items()]
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join([*columns, *extra])}) FROM STDIN{options}") as copy:
        for row in rows:
            copy.write_row([*row, *(row[i] if i is not None else v for i, v in sources)])
            count += 1
    return count


def drop_secondary_indexes(cursor, tables: list[str]) -> list[str]:
    """Drop the foreign keys, unique constraints and plain indexes of `tables` (not the primary keys);
    return the statements that recreate them, in an order that works."""
    recreate, drops = [], []
    for table in tables:
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype DESC",
            [table],
        )
        for name, kind, definition in cursor.fetchall():
            drops.append(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            recreate.append(
                (0 if kind == "u" else 2, f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            )
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
            [table],
        )
        for name, definition in cursor.fetchall():
            drops.append(f'DROP INDEX "{name}"')
            recreate.append((1, definition))
    for statement in drops:
        cursor.execute(statement)
    return [statement for _order, statement in sorted(recreate, key=lambda pair: pair[0])]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = one million disclosures")
    parser.add_argument("--reset", action="store_true", help="empty the generated tables first")
    parser.add_argument("--seed", type=int, default=20260701)
    parser.add_argument("--database-url", help="default: $DATABASE_URL or the local portal_bench")
    args = parser.parse_args(argv)

    url = database_url(args.database_url)
    config = check_bench_database(url)
    started = time.perf_counter()
    if create_database_if_missing(config):
        print(f"Created database {config['NAME']}.")
    setup_django(url)

    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from democracy.models import CatalogueItem
    from disclosures.models import Disclosure
    from units.loader import load_units
    from units.models import AdministrativeUnit, Agency

    with timed("migrate and load the 3,321 communes"):
        call_command("migrate", verbosity=0)
        load_units()
    existing = Disclosure.objects.count() + Agency.objects.count()
    existing += AdministrativeUnit.objects.filter(level="village").count()
    if existing and not args.reset:
        sys.exit(
            f"bench: {config['NAME']} already holds generated rows; run again with --reset to replace them."
        )

    data = Dataset(scale=args.scale, seed=args.seed, now=timezone.now())
    total = int(FULL_SIZE * args.scale)
    counts = {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        # Check foreign keys at each statement: a deferred check still queued would forbid the ALTER TABLEs.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        with timed("empty the generated tables"):
            cursor.execute(f"TRUNCATE {', '.join(EMPTIED)} RESTART IDENTITY CASCADE")
            cursor.execute("DELETE FROM units_administrativeunit WHERE level = 'village'")
            recreate = drop_secondary_indexes(cursor, BULK)

        communes = list(
            AdministrativeUnit.objects.filter(level="commune")
            .order_by("code")
            .values("id", "code", "name", "type", "parent_id")
        )
        for commune in communes:
            commune["province_id"] = commune["parent_id"]
        provinces = list(
            AdministrativeUnit.objects.filter(level="province").order_by("code").values("id", "code", "name")
        )
        with timed("villages and agencies"):
            counts["villages"] = copy_rows(
                cursor, "units_administrativeunit",
                ["code", "gso_code", "name", "level", "type", "parent_id", "households", "search_name"],
                data.village_rows(communes), freeze=False,
            )  # fmt: skip
            counts["agencies"] = copy_rows(
                cursor, "units_agency", ["code", "name", "kind", "staff_count", "search_name", "unit_id"],
                data.agency_rows(provinces, communes), freeze=True,
            )  # fmt: skip
            villages = {}
            for pk, parent, households in (
                AdministrativeUnit.objects.filter(level="village")
                .order_by("code")
                .values_list("id", "parent_id", "households")
            ):
                villages.setdefault(parent, []).append((pk, households))
            for commune in communes:
                commune["villages"] = [pk for pk, _ in villages[commune["id"]]]
                commune["households"] = [h for _, h in villages[commune["id"]]]
            province_ids = {p["id"] for p in provinces}
            agencies = [
                {"id": pk, "name": name, "abbr": code.split("-")[0], "province_level": unit in province_ids}
                for pk, name, code, unit in Agency.objects.order_by("code").values_list(
                    "id", "name", "code", "unit_id"
                )
            ]
            items = {
                (item.scope, item.clause): {
                    "id": item.pk, "posting_days": item.posting_days, "radio_days": item.radio_days,
                }
                for item in CatalogueItem.objects.filter(kind="disclose")
            }  # fmt: skip
            data.prepare(communes, agencies, items)
            catalogue = {}
            for pk, scope, kind in (
                CatalogueItem.objects.filter(kind__in=["comment", "decide"])
                .order_by("scope", "kind", "article", "clause")
                .values_list("pk", "scope", "kind")
            ):
                catalogue.setdefault((scope, kind), []).append(pk)
            # Who recognises each Art. 15 item's decisions ("" = in effect from the vote, Art. 21(2)).
            catalogue["recognised_by"] = dict(
                CatalogueItem.objects.filter(kind="decide").values_list("pk", "recognised_by")
            )

        with timed("disclosures"):
            rows = ([row[c] for c in DISCLOSURE_COLUMNS] for row in data.disclosure_rows(total))
            counts["disclosures"] = copy_rows(
                cursor, "disclosures_disclosure", DISCLOSURE_COLUMNS, rows, freeze=True
            )
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('disclosures_disclosure', 'id'), %s)",
                [data.next_id - 1],
            )
        disclosure_type = ContentType.objects.get_for_model(Disclosure).pk

        def audit_rows():  # the shared trail: each row names its disclosure by content type and id
            return (row + (disclosure_type,) for row in data.audit_rows())

        children = [
            ("documents", "disclosures_document",
             ["file", "original_name", "content_type", "size", "sha256", "uploaded_at", "disclosure_id"],
             data.document_rows),
            ("feedback", "disclosures_feedback",
             ["kind", "text", "channel", "name", "contact", "received_at", "answer", "answered_at", "hidden_at",
              "hidden_reason", "disclosure_id"], data.feedback_rows),
            ("records", "disclosures_record", ["kind", "number", "made_at", "pdf", "rendered_at", "disclosure_id"],
             data.record_rows),
            ("audit events", "democracy_auditevent",
             ["action", "at", "changes", "note", "target_id", "target_type_id"], audit_rows),
            ("posting villages", "disclosures_disclosure_posting_villages",
             ["disclosure_id", "administrativeunit_id"], data.posting_village_rows),
        ]  # fmt: skip
        for label, table, columns, rows in children:
            with timed(label):
                counts[label] = copy_rows(cursor, table, columns, rows(), freeze=True)
        activity = Activity(data, catalogue)
        with timed("consultations"):
            counts["consultations"] = copy_rows(
                cursor,
                "consultations_consultation",
                CONSULTATION_COLUMNS,
                activity.consultation_rows(),
                freeze=True,
            )
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('consultations_consultation', 'id'), %s)",
                [max(activity.next_consultation - 1, 1)],
            )
        with timed("comments"):
            counts["comments"] = copy_rows(
                cursor, "consultations_comment", COMMENT_COLUMNS, activity.comment_rows(), freeze=True
            )
        with timed("decisions"):
            counts["decisions"] = copy_rows(
                cursor, "consultations_decision", DECISION_COLUMNS, activity.decision_rows(), freeze=True
            )
        with timed("recommendations"):
            counts["recommendations"] = copy_rows(
                cursor, "consultations_recommendation", RECOMMENDATION_COLUMNS,
                activity.recommendation_rows(), freeze=True,
            )  # fmt: skip
        with timed("unit reports"):
            owners = [(c["id"], None) for c in communes] + [(None, a["id"]) for a in agencies]
            counts["unit reports"] = copy_rows(
                cursor, "reports_unitreport", REPORT_COLUMNS, activity.report_rows(owners), freeze=True
            )
            # The scheduled job's markers: those periods are compiled, compile_due does not redo them.
            cursor.execute(COMPILATIONS)
        with timed("plans and tasks"):  # issue 10: a plan per province and per commune, their tasks
            plan_rows = PlanRows(
                seed=args.seed, today=data.today, provinces=provinces,
                communes=[{"id": c["id"], "name": c["name"], "province_id": c["province_id"]} for c in communes],
            )  # fmt: skip
            counts["plans"] = copy_rows(cursor, "plans_plan", PLAN_COLUMNS, plan_rows.plans, freeze=True)
            counts["plan tasks"] = copy_rows(cursor, "plans_task", TASK_COLUMNS, plan_rows.tasks, freeze=True)
            for table, next_id in (("plans_plan", plan_rows.next_plan), ("plans_task", plan_rows.next_task)):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)", [next_id])
        with timed(f"rebuild {len(recreate)} indexes and constraints"):
            for statement in recreate:
                cursor.execute(statement)

    with timed("vacuum analyze"), connection.cursor() as cursor:
        for table in [
            *BULK,
            "units_agency",
            "units_administrativeunit",
            "reports_compilation",
            "plans_plan",
            "plans_task",
        ]:
            cursor.execute(f"VACUUM (ANALYZE) {table}")

    check_search_text(data)
    elapsed = time.perf_counter() - started
    print()
    print(
        f"Dataset in {config['NAME']} ({data.first_day:%d/%m/%Y} – {data.today:%d/%m/%Y}, scale {args.scale}):"
    )
    for label, count in counts.items():
        print(f"  {label:<18} {count:>10,}")
    for state, count in sorted(data.counts.items(), key=lambda pair: -pair[1]):
        print(f"    {state:<16} {count:>10,}  ({count / counts['disclosures']:.1%})")
    print("  other states:")
    for state, count in sorted(activity.counts.items()):
        print(f"    {state:<28} {count:>10,}")
    print(f"Total time: {elapsed:.0f} s ({elapsed / 60:.1f} min)")


def check_search_text(data, sample=300):
    """The composed search_text must equal what Disclosure.save() would store."""
    from disclosures.models import Disclosure
    from units.text import fold

    ids = [data.rng.randint(1, data.next_id - 1) for _ in range(sample)]
    for pk, title, summary, number, search in Disclosure.objects.filter(pk__in=ids).values_list(
        "pk", "title", "summary", "decision_number", "search_text"
    ):
        expected = fold(f"{title} {summary} {number}")
        if search != expected:
            sys.exit(f"bench: search_text of disclosure {pk} is {search!r}, fold() gives {expected!r}")


if __name__ == "__main__":
    main()
