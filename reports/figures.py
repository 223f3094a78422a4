"""The figures of a period for many units at once: one statement (a grouped part per family, joined by
UNION ALL), whatever the number of units (the dashboard, the scheduled compilation of every unit report, the roll-ups and the API all
count through here, so they cannot disagree).

What counts in a period [first day 00:00, last day 24:00) (Asia/Ho_Chi_Minh):

- disclosures: posted in the period (`published_at`); late when posted after the legal deadline
  (`is_late`); by catalogue item ("11.2" = Art. 11 item 2) and by form of disclosure.
- windows: postings whose legal window ended in the period (`window_ends_at`; permanent items have
  none); honoured unless the posting was withdrawn before its window ended. A corrected posting (a
  new version) keeps its window: the content stayed posted, corrected.
- feedback: citizens' questions and comments received in the period (hidden ones apart), answered
  at the time of counting.
- consultations: held = their comment period ended (and was closed) in the period; results published
  at the time of counting; comments (not hidden) by channel, and how many have a response.
- decisions: taken = tallied with a meeting / ballot end / vote end in the period; passed; for
  commune decisions that passed and are due (handled, or past the deadline to recognise them, or to
  send them when they were never sent), recognised or refused with reasons within 5 working days of
  receipt (Art. 21(2)) = handled on time.
- recommendations of the inspection board made in the period; due = answered or past the 15-day due
  date (Art. 40, 63); answered by the due date; overdue = unanswered and past due at counting.

Consultations, decisions and recommendations of a village count for its commune.
"""

import datetime as dt
from collections import defaultdict

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, F, IntegerField, Q, QuerySet, Value
from django.utils import timezone

from consultations.models import (
    Comment,
    Consultation,
    ConsultationState,
    Decision,
    DecisionState,
    Outcome,
    Recommendation,
)
from democracy.periods import Period
from disclosures.models import Disclosure, Feedback, State
from units.models import Level, key_of_ids

from .families import FAMILIES, Scope

EMPTY = {
    "disclosures": {
        "published": 0,
        "on_time": 0,
        "late": 0,
        "withdrawn": 0,
        "corrections": 0,
        "windows_ended": 0,
        "windows_honoured": 0,
        "by_item": {},
        "by_form": {},
    },
    "feedback": {"received": 0, "answered": 0, "hidden": 0},
    "consultations": {
        "held": 0,
        "results_published": 0,
        "comments": 0,
        "responded": 0,
        "by_channel": {},
    },
    "decisions": {
        "taken": 0,
        "passed": 0,
        "needs_recognition": 0,
        "recognised": 0,
        "refused": 0,
        "handled_on_time": 0,
    },
    "recommendations": {"received": 0, "due": 0, "answered": 0, "answered_on_time": 0, "overdue": 0},
    **{family.name: dict.fromkeys(family.counts, 0) for family in FAMILIES},
}


def empty() -> dict:
    # Written out rather than copied from EMPTY: the dashboard builds one per unit (3,321 for the country).
    return {
        "disclosures": {
            "published": 0, "on_time": 0, "late": 0, "withdrawn": 0, "corrections": 0, "windows_ended": 0,
            "windows_honoured": 0, "by_item": {}, "by_form": {},
        },
        "feedback": {"received": 0, "answered": 0, "hidden": 0},
        "consultations": {"held": 0, "results_published": 0, "comments": 0, "responded": 0, "by_channel": {}},
        "decisions": {
            "taken": 0, "passed": 0, "needs_recognition": 0, "recognised": 0, "refused": 0, "handled_on_time": 0,
        },
        "recommendations": {"received": 0, "due": 0, "answered": 0, "answered_on_time": 0, "overdue": 0},
        **{family.name: dict.fromkeys(family.counts, 0) for family in FAMILIES},
    }  # fmt: skip


def _ids(values) -> QuerySet | list:
    """A queryset of ids or a list: querysets stay subqueries (one round trip)."""
    if values is None:
        return []
    if isinstance(values, QuerySet):
        return values.values("pk")
    return list(values)


def _in(field: str, ids) -> dict:
    """`field` among `ids`: a subquery for a queryset, one array parameter for a list (see
    democracy.lookups: binding hundreds of ids one by one, in every part, cost more than some parts)."""
    return {f"{field}__in": ids} if isinstance(ids, QuerySet) else {f"{field}__any": ids}


def _owned_by(communes, agencies, *, prefix: str = "") -> Q:
    return Q(**_in(f"{prefix}unit", communes)) | Q(**_in(f"{prefix}agency", agencies))


def _by_commune(queryset, communes, agencies, *, prefix: str = "", group=(), **counts) -> list:
    """`queryset` counted per (commune, agency, *group), a village's rows counting for its commune: the
    rows of the communes and agencies themselves, and those of the villages of the communes (the only
    part that joins the units). Two parts of the statement; a commune can come in both."""
    own = (
        queryset.filter(_owned_by(communes, agencies, prefix=prefix))
        .values_list(f"{prefix}unit_id", f"{prefix}agency_id", *group)
        .annotate(**counts)
        .order_by()
    )
    villages = (
        queryset.filter(**_in(f"{prefix}unit__parent", communes), **{f"{prefix}unit__level": Level.VILLAGE})
        .values_list(f"{prefix}unit__parent_id", f"{prefix}agency_id", *group)
        .annotate(**counts)
        .order_by()
    )
    return [own, villages]


def _rows(queryset) -> list[tuple]:
    """The rows of a `values_list()` query as the database cursor returns them. They are integers
    already; Django's per-value converters would cost more than the query itself for 3,321 units."""
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _count(column: str, condition: Q | None = None) -> Count:
    """Counts the rows (matching `condition`) by the period's column, never NULL in them: unlike the id,
    it is part of the period's index (disclosure_posted, disclosure_window, feedback_received,
    consultation_ended, comment_counts, decision_decided, recommendation_made), so PostgreSQL answers
    from the index alone."""
    return Count(column, filter=condition)


WIDTH = 6  # counts in each row of the combined statement (the widest family: disclosures, decisions)


def _tagged(family: str, queryset, counts: dict):
    """A part of the combined statement: (unit or commune, agency, family, n0 … n5)."""
    zero = Value(0, output_field=IntegerField())
    padded = {f"n{i}": value for i, value in enumerate(counts.values())}
    padded.update({f"n{i}": zero for i in range(len(counts), WIDTH)})
    return queryset.annotate(family=Value(family), **padded)


def compute(
    period: Period,
    *,
    units=None,
    agencies=None,
    breakdowns: bool = True,
    today: dt.date | None = None,
) -> dict[str, dict]:
    """Figures for each of the commune-level `units` and `agencies` (querysets or id lists), keyed
    'u<id>' / 'a<id>'. One statement for every family (the parts joined by UNION ALL, each read from
    its own index). `breakdowns=False` counts only what the indicators need (the dashboard, the API):
    no comments and no counts by item, form or channel, which `breakdowns=True` adds for reports.
    Whatever the number of units."""
    today = today or timezone.localdate()
    start, end = period.bounds()
    communes, agency_ids = _ids(units), _ids(agencies)
    result: dict[str, dict] = defaultdict(empty)
    parts = []

    def own(queryset, prefix=""):
        return queryset.filter(_owned_by(communes, agency_ids, prefix=prefix)).values_list(
            f"{prefix}unit_id", f"{prefix}agency_id"
        )

    # Disclosures posted in the period, and postings whose window ended in it: two parts, each read from
    # its own index (one query with `posted OR window` read the whole table: 0.5 s for the country).
    posted = Q(published_at__gte=start, published_at__lt=end)
    window = Q(window_ends_at__gte=start, window_ends_at__lt=end)
    withdrawn = Q(state=State.WITHDRAWN)
    parts.append(_tagged("posted", own(Disclosure.objects.filter(posted)), {
        "published": _count("published_at"),
        "late": _count("published_at", Q(is_late=True)),
        "withdrawn": _count("published_at", withdrawn),
        "corrections": _count("published_at", Q(version__gt=1)),
    }))  # fmt: skip
    parts.append(_tagged("window", own(Disclosure.objects.filter(window)), {
        "ended": _count("window_ends_at"),
        "broken": _count("window_ends_at", withdrawn & Q(closed_at__lt=F("window_ends_at"))),
    }))  # fmt: skip

    # Citizens' feedback on disclosures: the communes' and the agencies' as two parts (an OR of the two
    # made PostgreSQL read every disclosure's owner for a province).
    shown = Q(hidden_at__isnull=True)
    feedback_counts = {
        "received": _count("received_at", shown),
        "answered": _count("received_at", shown & Q(answered_at__isnull=False)),
        "hidden": _count("received_at", ~shown),
    }
    feedback = Feedback.objects.filter(received_at__gte=start, received_at__lt=end)
    for field, ids in (("disclosure__unit", communes), ("disclosure__agency", agency_ids)):
        rows = feedback.filter(**_in(field, ids)).values_list("disclosure__unit_id", "disclosure__agency_id")
        parts.append(_tagged("feedback", rows, feedback_counts))

    # Consultations whose comment period ended in the period, and their comments (one join, not an IN).
    closed = [ConsultationState.CLOSED, ConsultationState.RESULTS_PUBLISHED]
    held = Consultation.objects.filter(ends_on__gte=period.start, ends_on__lte=period.end, state__in=closed)
    for rows in _by_commune(held, communes, agency_ids):
        parts.append(_tagged("consultations", rows, {
            "held": _count("ends_on"),
            "results_published": _count("ends_on", Q(results_published_at__isnull=False)),
        }))  # fmt: skip
    comments = Comment.objects.filter(
        consultation__ends_on__gte=period.start,
        consultation__ends_on__lte=period.end,
        consultation__state__in=closed,
        hidden_at__isnull=True,
    )
    if breakdowns:
        comment_counts = {
            "n": _count("consultation_id"),
            "responded": _count("consultation_id", ~Q(response_kind="")),
        }
        for rows in _by_commune(comments, communes, agency_ids, prefix="consultation__"):
            parts.append(_tagged("comments", rows, comment_counts))

    # Community and staff decisions taken in the period.
    passed = Q(outcome=Outcome.PASSED)
    # Due: handled, or its deadline (to recognise, or to send when it was never sent) has passed. Only
    # Art. 15 items 3–5 wait for recognition (Art. 21(2)); the others take effect on the vote.
    needs_recognition = (
        passed
        & Q(unit__isnull=False)
        & ~Q(recognised_by="")
        & (
            Q(recognised_on__isnull=False)
            | Q(recognition_deadline__lt=today)
            | Q(recognition_deadline__isnull=True, send_deadline__lt=today)
        )
    )
    decisions = Decision.objects.filter(decided_on__gte=period.start, decided_on__lte=period.end).exclude(
        outcome=""
    )
    for rows in _by_commune(decisions, communes, agency_ids):
        parts.append(_tagged("decisions", rows, {
            "taken": _count("decided_on"),
            "passed": _count("decided_on", passed),
            "needs_recognition": _count("decided_on", needs_recognition),
            "recognised": _count("decided_on", Q(state=DecisionState.RECOGNISED)),
            "refused": _count("decided_on", Q(state=DecisionState.REFUSED)),
            "handled_on_time": _count(
                "decided_on",
                needs_recognition & Q(recognised_on__isnull=False, recognised_on__lte=F("recognition_deadline")),
            ),
        }))  # fmt: skip

    # Inspection-board recommendations made in the period.
    answered = Q(answered_on__isnull=False)
    recommendations = Recommendation.objects.filter(made_on__gte=period.start, made_on__lte=period.end)
    for rows in _by_commune(recommendations, communes, agency_ids):
        parts.append(_tagged("recommendations", rows, {
            "received": _count("made_on"),
            "due": _count("made_on", answered | Q(due_on__lt=today)),
            "answered": _count("made_on", answered),
            "answered_on_time": _count("made_on", answered & Q(answered_on__lte=F("due_on"))),
            "overdue": _count("made_on", Q(answered_on__isnull=True, due_on__lt=today)),
        }))  # fmt: skip

    # The registered families (reports.families), each in its own parts of the same statement.
    scope = Scope(
        communes,
        agency_ids,
        period,
        today,
        own=own,
        by_commune=lambda queryset, prefix="": _by_commune(queryset, communes, agency_ids, prefix=prefix),
    )
    for family in FAMILIES:
        for queryset, counts in family.parts(scope):
            parts.append(_tagged(family.name, queryset, counts))
    registered = {family.name: family.counts for family in FAMILIES}

    parts = [part.order_by() for part in parts]
    decision_keys, recommendation_keys = list(EMPTY["decisions"]), list(EMPTY["recommendations"])
    for unit_id, agency_id, family, *n in _rows(parts[0].union(*parts[1:], all=True)):
        figures = result[key_of_ids(unit_id, agency_id)]
        if family == "posted":
            d = figures["disclosures"]
            d["published"] += n[0]
            d["late"] += n[1]
            d["on_time"] += n[0] - n[1]
            d["withdrawn"] += n[2]
            d["corrections"] += n[3]
        elif family == "window":
            d = figures["disclosures"]
            d["windows_ended"] += n[0]
            d["windows_honoured"] += n[0] - n[1]
        elif family == "feedback":
            f = figures["feedback"]
            f["received"] += n[0]
            f["answered"] += n[1]
            f["hidden"] += n[2]
        elif family == "consultations":
            c = figures["consultations"]
            c["held"] += n[0]
            c["results_published"] += n[1]
        elif family == "comments":
            c = figures["consultations"]
            c["comments"] += n[0]
            c["responded"] += n[1]
        elif family == "decisions":
            d = figures["decisions"]
            for name, value in zip(decision_keys, n, strict=True):
                d[name] += value
        elif family == "recommendations":
            r = figures["recommendations"]
            for name, value in zip(recommendation_keys, n, strict=False):
                r[name] += value
        else:
            counts = figures[family]
            for name, value in zip(registered[family], n, strict=False):
                counts[name] += value

    if breakdowns:
        in_period = Disclosure.objects.filter(_owned_by(communes, agency_ids), posted)
        for unit_id, agency_id, article, clause, n in _rows(
            in_period.values_list("unit_id", "agency_id", "item__article", "item__clause")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            result[key_of_ids(unit_id, agency_id)]["disclosures"]["by_item"][f"{article}.{clause}"] = n
        for unit_id, agency_id, forms in in_period.values_list("unit_id", "agency_id", "forms").iterator(
            chunk_size=5000
        ):
            by_form = result[key_of_ids(unit_id, agency_id)]["disclosures"]["by_form"]
            for form in forms or ():
                by_form[form] = by_form.get(form, 0) + 1
        channel_parts = [
            rows.annotate(n=_count("consultation_id")).order_by()
            for rows in _by_commune(
                comments, communes, agency_ids, prefix="consultation__", group=["channel"]
            )
        ]
        for commune, agency_id, channel, n in _rows(channel_parts[0].union(channel_parts[1], all=True)):
            by_channel = result[key_of_ids(commune, agency_id)]["consultations"]["by_channel"]
            by_channel[channel] = by_channel.get(channel, 0) + n

    return dict(result)


def add(total: dict, figures: dict) -> dict:
    """Adds one unit's figures into `total` (the roll-up), breakdowns included."""
    for family, values in figures.items():
        into = total.get(family)
        if into is None:
            into = total[family] = {}
        for name, value in values.items():
            if value.__class__ is dict:
                bucket = into.get(name)
                if bucket is None:
                    bucket = into[name] = {}
                for k, n in value.items():
                    bucket[k] = bucket.get(k, 0) + n
            elif value or name not in into:  # most counts of most units are 0
                into[name] = into.get(name, 0) + value
    return total


def total_of(many) -> dict:
    total = empty()
    for figures in many:
        add(total, figures)
    return total
