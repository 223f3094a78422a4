"""Reminders before and after a task's due date go to the lead body's editors once each, and a run
after downtime catches up."""

import datetime as dt

from django.core import mail

from reports.plans import actions, notifications
from reports.plans.models import Status
from tests.conftest import make_user
from units.models import Role


def test_before_and_after_once_each_with_catch_up(cast, plan):
    cast.clerk_a.email = "clerk_a@example.vn"
    cast.clerk_a.save()
    make_user("approver_b", Role.APPROVER, unit=cast.b, email="approver_b@example.vn")
    # II.1.a (A, due 30/06/2024) and II.1.b (B, due 31/12/2024).
    assert notifications.send_due_reminders(dt.date(2024, 6, 25)) == 1
    assert mail.outbox[-1].to == ["clerk_a@example.vn"] and "Sắp đến hạn" in mail.outbox[-1].subject
    assert notifications.send_due_reminders(dt.date(2024, 6, 26)) == 0  # once
    # The worker was down from 28/06 to 05/07: the overdue reminder still goes out, once.
    assert notifications.send_due_reminders(dt.date(2024, 7, 5)) == 1
    assert "quá hạn" in mail.outbox[-1].subject and "II.1.a" in mail.outbox[-1].body
    assert notifications.send_due_reminders(dt.date(2024, 7, 6)) == 0
    # A task reported done is not reminded.
    task = plan.tasks.get(code="II.1.b")
    actions.post_update(
        task, by=cast.admin, by_owner=cast.b, status=Status.DONE, on=dt.date(2024, 5, 1), text="Xong"
    )
    assert notifications.send_due_reminders(dt.date(2024, 12, 28)) == 0
    assert len(mail.outbox) == 2
