"""The dashboard's plan indicators equal an independent count: tasks of a unit's own plans, and those it
leads in its superior's plan without having copied them into its own, done on time and overdue; and plans
issued by the superior's deadline."""

import datetime as dt

import pytest
from django.utils import timezone

from reports import compliance, figures
from reports.plans import actions
from reports.plans.models import OPEN_STATUSES, Plan, State, Status, Task
from tests.disclosures.conftest import HCM
from units.models import ReportingRegime

pytestmark = pytest.mark.django_db


def independent(unit, period, today):
    """The same figures counted in Python, row by row."""
    in_period = [
        t
        for t in Task.objects.filter(plan__state=State.ISSUED).select_related("plan")
        if t.due_on and period.start <= t.due_on <= period.end
    ]
    tasks = [t for t in in_period if t.plan.unit_id == unit.pk]
    # Led by the unit in another body's plan and not copied into an issued plan of its own.
    tasks += [
        t
        for t in in_period
        if t.lead_unit_id == unit.pk
        and t.plan.unit_id != unit.pk
        and not Task.objects.filter(parent=t, plan__unit=unit, plan__state=State.ISSUED).exists()
    ]
    asked = {
        t.plan for t in Task.objects.filter(lead_unit=unit).select_related("plan")
        if t.plan.child_plan_due and period.start <= t.plan.child_plan_due <= period.end and t.plan.state != State.CANCELLED
    }  # fmt: skip
    on_time = {
        p for p in asked
        if Plan.objects.filter(made_from=p, unit=unit, state__in=[State.ISSUED, State.AMENDED],
                               issued_at__lte=dt.datetime.combine(p.child_plan_due, dt.time.max, HCM)).exists()
    }  # fmt: skip
    return {
        "due": len(tasks),
        "done_on_time": sum(t.status == Status.DONE and t.done_on <= t.due_on for t in tasks),
        "overdue": sum(t.status in OPEN_STATUSES and t.due_on < today for t in tasks),
        "plans_expected": len(asked),
        "plans_on_time": len(on_time),
    }


def test_plan_indicators_equal_an_independent_count(cast, plan, django_assert_num_queries):
    period = ReportingRegime().period_for_key("2024")
    today = timezone.localdate()
    mine = actions.cascade(plan, owner=cast.a, by=cast.clerk_a, date=dt.date(2024, 3, 20))
    actions.issue(mine, by=cast.approver_a, number=12)
    Plan.objects.filter(pk=mine.pk).update(issued_at=dt.datetime(2024, 3, 25, 9, tzinfo=HCM))
    late = actions.cascade(plan, owner=cast.b, by=cast.clerk_b, date=dt.date(2024, 4, 20))
    actions.issue(late, by=cast.admin, number=3)  # issued now: after the province's 31/03/2024
    done = mine.tasks.get(code="II.1.a")
    actions.post_update(
        done, by=cast.clerk_a, by_owner=cast.a, status=Status.DONE, on=dt.date(2024, 5, 1), text="Xong"
    )
    with django_assert_num_queries(
        2
    ):  # one combined statement (the plans among its parts), the duties catalogue
        result = figures.compute(period, units=[cast.a.pk, cast.b.pk], agencies=[], breakdowns=False)
    for unit in (cast.a, cast.b):
        assert result[f"u{unit.pk}"]["plans"] == independent(unit, period, today)
    assert result[f"u{cast.a.pk}"]["plans"] == {
        "due": 2,
        "done_on_time": 1,
        "overdue": 1,
        "plans_expected": 1,
        "plans_on_time": 1,
    }
    assert result[f"u{cast.b.pk}"]["plans"]["plans_on_time"] == 0
    indicators = {i.key: i for i in compliance.indicators_of(result[f"u{cast.a.pk}"])}
    assert (indicators["plan_tasks"].done, indicators["plan_tasks"].total) == (1, 2)
    assert (indicators["plans_issued"].done, indicators["plans_issued"].total) == (1, 1)


def test_the_unit_report_has_a_section_for_the_plans(cast, plan):
    from reports import labels

    period = ReportingRegime().period_for_key("2024")
    result = figures.compute(period, units=[cast.a.pk], agencies=[], breakdowns=True)
    section = next(s for s in labels.sections(result[f"u{cast.a.pk}"]) if s.title.startswith("VI."))
    assert section.title == "VI. Kết quả thực hiện kế hoạch"
    # A has not made its plan: the province's task II.1.a (Quý II năm 2024) that A leads is due and
    # overdue for A; the province asked A for a plan, not issued.
    assert [line.value for line in section.lines] == [1, 0, 1, 1, 0]


def test_a_commune_answers_for_the_tasks_it_leads_in_the_provinces_plan(
    cast, plan, django_assert_num_queries
):
    """A has not issued its plan: the province's task II.1.a (Quý II năm 2024) that A leads is due and
    overdue for A. Once A issues its plan, the duty is A's own child task, counted once, never twice."""
    period = ReportingRegime().period_for_key("2024")
    today = timezone.localdate()
    theirs = actions.cascade(plan, owner=cast.b, by=cast.clerk_b, date=dt.date(2024, 3, 20))
    actions.issue(theirs, by=cast.admin, number=5)
    draft = actions.cascade(plan, owner=cast.a, by=cast.clerk_a, date=dt.date(2024, 3, 20))  # not issued yet
    with django_assert_num_queries(2):  # still one combined statement, the duties catalogue
        result = figures.compute(period, units=[cast.a.pk, cast.b.pk], agencies=[], breakdowns=False)
    for unit in (cast.a, cast.b):
        assert result[f"u{unit.pk}"]["plans"] == independent(unit, period, today)
    a = result[f"u{cast.a.pk}"]["plans"]
    assert (a["due"], a["done_on_time"], a["overdue"]) == (1, 0, 1)
    # A issues its plan and reports the task done: the province's task no longer counts for A, its own does.
    actions.issue(draft, by=cast.approver_a, number=12)
    mine = draft.tasks.get(code="II.1.a")
    actions.post_update(
        mine, by=cast.clerk_a, by_owner=cast.a, status=Status.DONE, on=dt.date(2024, 5, 1), text="Xong"
    )
    again = figures.compute(period, units=[cast.a.pk, cast.b.pk], agencies=[], breakdowns=False)
    for unit in (cast.a, cast.b):
        assert again[f"u{unit.pk}"]["plans"] == independent(unit, period, today)
    a = again[f"u{cast.a.pk}"]["plans"]
    in_period = [t for t in draft.tasks.all() if t.due_on and period.start <= t.due_on <= period.end]
    assert a["due"] == len(in_period) and a["done_on_time"] == 1
