"""Every write function of checks and gradings leaves its audit rows, and none when it refuses."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from democracy.models import Action, AuditEvent
from reports.checks import actions
from reports.checks.models import CheckFix, CheckVisit

pytestmark = pytest.mark.django_db


def rows(action):
    return list(AuditEvent.objects.filter(action=action))


def test_plan_check_records_the_plan_and_each_visit(cast, plan):
    events = rows(Action.CHECK_PLANNED)
    assert len(events) == 3  # the plan, and the visits of A and B
    assert {e.actor for e in events} == {cast.reviewer_p}
    with pytest.raises(ValidationError):
        actions.plan_check(
            cast.province, by=cast.reviewer_p, title="X", subject="Y", team_lead="Z", units=[],
            starts_on=dt.date(2026, 1, 2), ends_on=dt.date(2026, 1, 1),
        )  # fmt: skip
    assert len(rows(Action.CHECK_PLANNED)) == 3


def test_conclude_visit_and_answer_fix_record_one_row_each(cast, visit_a, concluded_a, today):
    [event] = rows(Action.CHECK_CONCLUDED)
    assert (event.target_id, event.actor, len(event.changes["fixes"])) == (visit_a.pk, cast.reviewer_p, 2)
    fix = CheckFix.objects.get(visit=visit_a, position=2)
    actions.answer_fix(fix, by=cast.clerk_a, answer="Đã làm")
    with pytest.raises(ValidationError):
        actions.answer_fix(fix, by=cast.clerk_a, answer="Lần hai")
    [event] = rows(Action.FIX_ANSWERED)
    assert (event.target_id, event.actor, event.changes["late"]) == (fix.pk, cast.clerk_a, False)
    visit_b = CheckVisit.objects.get(plan=visit_a.plan, unit=cast.b)
    with pytest.raises(ValidationError):
        actions.conclude_visit(visit_b, by=cast.reviewer_p, visited_on=today, minutes="M", conclusions="K")
    assert len(rows(Action.CHECK_CONCLUDED)) == 1


def test_set_grading_records_the_weights_before_and_after(cast):
    weights = {"on_time": 60, "recommendations": 40}
    actions.set_grading(cast.province, 2025, by=cast.reviewer_p, weights=weights, commend_from=85)
    actions.set_grading(cast.province, 2025, by=cast.reviewer_p, weights={"on_time": 100}, commend_from=90)
    with pytest.raises(ValidationError):
        actions.set_grading(cast.province, 2025, by=cast.reviewer_p, weights={"on_time": 10}, commend_from=90)
    first, second = rows(Action.GRADING_SET)
    assert first.changes["weights"] == weights and second.changes["before"] == weights
