"""The dashboard's plan indicators equal an independent count: tasks of a unit's own plans done on
time and overdue, and plans issued by the superior's deadline."""

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
    tasks = [
        t
        for t in Task.objects.filter(plan__unit=unit, plan__state=State.ISSUED)
        if t.due_on and period.start <= t.due_on <= period.end
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
    assert [line.value for line in section.lines] == [0, 0, 0, 1, 0]  # the province asked A for a plan
