"""The figures of a period for many units at once: one grouped query per family, whatever the number of
units (the dashboard, the scheduled compilation of every unit report, the roll-ups and the API all
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

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, When
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
from disclosures.models import Disclosure, Feedback, State
from units.models import Level

from .periods import Period

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
}


def empty() -> dict:
    return {family: {k: (dict(v) if isinstance(v, dict) else v) for k, v in values.items()}
            for family, values in EMPTY.items()}  # fmt: skip


def key_for(owner) -> str:
    """'u<id>' for a unit, 'a<id>' for an agency: the keys of `compute`'s answer."""
    from units.models import Agency

    return f"a{owner.pk}" if isinstance(owner, Agency) else f"u{owner.pk}"


def _key(unit_id, agency_id) -> str:
    return f"a{agency_id}" if agency_id else f"u{unit_id}"


def _ids(values) -> QuerySet | list:
    """A queryset of ids or a list: querysets stay subqueries (one round trip)."""
    if values is None:
        return []
    if isinstance(values, QuerySet):
        return values.values("pk")
    return list(values)


def _commune_id():
    """The commune a village's row counts for."""
    return Case(
        When(unit__level=Level.VILLAGE, then=F("unit__parent_id")),
        default=F("unit_id"),
        output_field=IntegerField(),
    )


def _owned_by(communes, agencies, *, villages: bool) -> Q:
    q = Q(unit__in=communes) | Q(agency__in=agencies)
    if villages:
        q |= Q(unit__parent__in=communes, unit__level=Level.VILLAGE)
    return q


def compute(
    period: Period,
    *,
    units=None,
    agencies=None,
    breakdowns: bool = True,
    today: dt.date | None = None,
) -> dict[str, dict]:
    """Figures for each of the commune-level `units` and `agencies` (querysets or id lists), keyed
    'u<id>' / 'a<id>'. `breakdowns=False` leaves out the counts by item, form and channel (the
    dashboard does not show them). Five to eight queries, whatever the number of units."""
    today = today or timezone.localdate()
    start, end = period.bounds()
    communes, agency_ids = _ids(units), _ids(agencies)
    result: dict[str, dict] = defaultdict(empty)

    # Disclosures and windows.
    posted = Q(published_at__gte=start, published_at__lt=end)
    window = Q(window_ends_at__gte=start, window_ends_at__lt=end)
    rows = (
        Disclosure.objects.filter(_owned_by(communes, agency_ids, villages=False))
        .filter(posted | window)
        .values("unit_id", "agency_id")
        .annotate(
            published=Count("pk", filter=posted),
            late=Count("pk", filter=posted & Q(is_late=True)),
            withdrawn=Count("pk", filter=posted & Q(state=State.WITHDRAWN)),
            corrections=Count("pk", filter=posted & Q(version__gt=1)),
            windows_ended=Count("pk", filter=window),
            windows_broken=Count(
                "pk", filter=window & Q(state=State.WITHDRAWN, closed_at__lt=F("window_ends_at"))
            ),
        )
        .order_by()
    )
    for row in rows:
        d = result[_key(row["unit_id"], row["agency_id"])]["disclosures"]
        d["published"] = row["published"]
        d["late"] = row["late"]
        d["on_time"] = row["published"] - row["late"]
        d["withdrawn"] = row["withdrawn"]
        d["corrections"] = row["corrections"]
        d["windows_ended"] = row["windows_ended"]
        d["windows_honoured"] = row["windows_ended"] - row["windows_broken"]

    if breakdowns:
        in_period = Disclosure.objects.filter(_owned_by(communes, agency_ids, villages=False)).filter(posted)
        for row in (
            in_period.values("unit_id", "agency_id", "item__article", "item__clause")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            by_item = result[_key(row["unit_id"], row["agency_id"])]["disclosures"]["by_item"]
            by_item[f"{row['item__article']}.{row['item__clause']}"] = row["n"]
        for unit_id, agency_id, forms in in_period.values_list("unit_id", "agency_id", "forms").iterator(
            chunk_size=5000
        ):
            by_form = result[_key(unit_id, agency_id)]["disclosures"]["by_form"]
            for form in forms or ():
                by_form[form] = by_form.get(form, 0) + 1

    # Citizens' feedback on disclosures.
    for row in (
        Feedback.objects.filter(
            Q(disclosure__unit__in=communes) | Q(disclosure__agency__in=agency_ids),
            received_at__gte=start,
            received_at__lt=end,
        )
        .values("disclosure__unit_id", "disclosure__agency_id")
        .annotate(
            received=Count("pk", filter=Q(hidden_at__isnull=True)),
            answered=Count("pk", filter=Q(hidden_at__isnull=True, answered_at__isnull=False)),
            hidden=Count("pk", filter=Q(hidden_at__isnull=False)),
        )
        .order_by()
    ):
        f = result[_key(row["disclosure__unit_id"], row["disclosure__agency_id"])]["feedback"]
        f.update(received=row["received"], answered=row["answered"], hidden=row["hidden"])

    # Consultations whose comment period ended in the period, and their comments.
    held = Consultation.objects.filter(
        _owned_by(communes, agency_ids, villages=True),
        ends_on__gte=period.start,
        ends_on__lte=period.end,
        state__in=[ConsultationState.CLOSED, ConsultationState.RESULTS_PUBLISHED],
    )
    for row in (
        held.annotate(commune=_commune_id())
        .values("commune", "agency_id")
        .annotate(
            held=Count("pk"),
            results_published=Count("pk", filter=Q(results_published_at__isnull=False)),
        )
        .order_by()
    ):
        c = result[_key(row["commune"], row["agency_id"])]["consultations"]
        c.update(held=row["held"], results_published=row["results_published"])
    comments = Comment.objects.filter(consultation__in=held.values("pk"), hidden_at__isnull=True).annotate(
        commune=Case(
            When(consultation__unit__level=Level.VILLAGE, then=F("consultation__unit__parent_id")),
            default=F("consultation__unit_id"),
            output_field=IntegerField(),
        )
    )
    group = ["commune", "consultation__agency_id"] + (["channel"] if breakdowns else [])
    for row in (
        comments.values(*group)
        .annotate(n=Count("pk"), responded=Count("pk", filter=~Q(response_kind="")))
        .order_by()
    ):
        c = result[_key(row["commune"], row["consultation__agency_id"])]["consultations"]
        c["comments"] += row["n"]
        c["responded"] += row["responded"]
        if breakdowns:
            c["by_channel"][row["channel"]] = c["by_channel"].get(row["channel"], 0) + row["n"]

    # Community and staff decisions taken in the period.
    passed = Q(outcome=Outcome.PASSED)
    # Due: handled, or its deadline (to recognise, or to send when it was never sent) has passed.
    needs_recognition = (
        passed
        & Q(unit__isnull=False)
        & (
            Q(recognised_on__isnull=False)
            | Q(recognition_deadline__lt=today)
            | Q(recognition_deadline__isnull=True, send_deadline__lt=today)
        )
    )
    for row in (
        Decision.objects.filter(
            _owned_by(communes, agency_ids, villages=True),
            decided_on__gte=period.start,
            decided_on__lte=period.end,
        )
        .exclude(outcome="")
        .annotate(commune=_commune_id())
        .values("commune", "agency_id")
        .annotate(
            taken=Count("pk"),
            passed=Count("pk", filter=passed),
            needs_recognition=Count("pk", filter=needs_recognition),
            recognised=Count("pk", filter=Q(state=DecisionState.RECOGNISED)),
            refused=Count("pk", filter=Q(state=DecisionState.REFUSED)),
            handled_on_time=Count(
                "pk",
                filter=needs_recognition
                & Q(recognised_on__isnull=False, recognised_on__lte=F("recognition_deadline")),
            ),
        )
        .order_by()
    ):
        result[_key(row["commune"], row["agency_id"])]["decisions"].update(
            {k: row[k] for k in EMPTY["decisions"]}
        )

    # Inspection-board recommendations made in the period.
    for row in (
        Recommendation.objects.filter(
            _owned_by(communes, agency_ids, villages=True),
            made_on__gte=period.start,
            made_on__lte=period.end,
        )
        .annotate(commune=_commune_id())
        .values("commune", "agency_id")
        .annotate(
            received=Count("pk"),
            due=Count("pk", filter=Q(answered_on__isnull=False) | Q(due_on__lt=today)),
            answered=Count("pk", filter=Q(answered_on__isnull=False)),
            answered_on_time=Count("pk", filter=Q(answered_on__isnull=False, answered_on__lte=F("due_on"))),
            overdue=Count("pk", filter=Q(answered_on__isnull=True, due_on__lt=today)),
        )
        .order_by()
    ):
        result[_key(row["commune"], row["agency_id"])]["recommendations"].update(
            {k: row[k] for k in EMPTY["recommendations"]}
        )

    return dict(result)


def add(total: dict, figures: dict) -> dict:
    """Adds one unit's figures into `total` (the roll-up), breakdowns included."""
    for family, values in figures.items():
        into = total.setdefault(family, {})
        for name, value in values.items():
            if isinstance(value, dict):
                bucket = into.setdefault(name, {})
                for k, n in value.items():
                    bucket[k] = bucket.get(k, 0) + n
            else:
                into[name] = into.get(name, 0) + value
    return total


def total_of(many) -> dict:
    total = empty()
    for figures in many:
        add(total, figures)
    return total
