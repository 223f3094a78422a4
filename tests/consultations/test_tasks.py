"""The scheduled jobs: closing, counting, reminders and overdue notices run safely twice."""

import datetime as dt

from django.core import mail
from django.utils import timezone

from consultations import actions, tasks
from consultations.models import ConsultationState
from democracy.models import Notice

from .conftest import HCM, publish_results


def with_email(*users):
    for user in users:
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])


def test_the_closing_job_is_idempotent(make_consultation):
    past = make_consultation(opened_on=dt.date(2020, 2, 5))
    current = make_consultation(opened_on=timezone.localdate())
    assert tasks.close_due_consultations.delay().get() == 1
    assert tasks.close_due_consultations() == 0
    past.refresh_from_db()
    current.refresh_from_db()
    assert past.state == ConsultationState.CLOSED and past.closed_at is not None
    assert current.state == ConsultationState.OPEN


def test_the_counting_job_runs(cast):
    assert tasks.count_online_votes() == 0


def test_the_reminder_is_sent_once(make_consultation, cast):
    with_email(cast.clerk_a, cast.approver_a, cast.clerk_b, cast.reviewer_p)
    c = make_consultation(opened_on=dt.date(2020, 2, 5))
    actions.add_comment(c, text="Góp ý", received_at=dt.datetime(2020, 2, 6, 9, tzinfo=HCM))
    make_consultation(opened_on=timezone.localdate())  # still open: no reminder
    tasks.close_due_consultations()
    assert tasks.remind_unfinished() == 1
    assert tasks.remind_unfinished() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["approver_a@example.vn", "clerk_a@example.vn"]
    assert "Còn 1 ý kiến chưa được giải trình, tiếp thu." in message.body
    assert "chưa được công khai" in message.body
    assert Notice.objects.filter(key=f"consultation-unfinished:{c.pk}", recipients=2).exists()


def test_no_reminder_for_finished_consultations(make_consultation, cast):
    with_email(cast.clerk_a)
    c = make_consultation(opened_on=dt.date(2020, 2, 5))
    tasks.close_due_consultations()
    c.refresh_from_db()
    publish_results(c, cast, summary="Không có ý kiến.")
    assert tasks.remind_unfinished() == 0 and mail.outbox == []


def test_an_overdue_recommendation_is_notified_once(cast):
    with_email(cast.inspector_a, cast.reviewer_p, cast.reviewer_q, cast.clerk_a)
    overdue = actions.make_recommendation(
        owner=cast.a, by=cast.inspector_a, subject="Công khai quỹ", text="Đề nghị công khai quỹ",
        addressed_to="UBND xã Đồng Kỳ", made_on=dt.date(2020, 3, 1),
    )  # fmt: skip
    answered = actions.make_recommendation(
        owner=cast.a, by=cast.inspector_a, subject="Sửa đường", text="Đề nghị sửa đường",
        addressed_to="UBND xã Đồng Kỳ", made_on=dt.date(2020, 3, 1),
    )  # fmt: skip
    actions.answer_recommendation(answered, by=cast.clerk_a, answer="Đã sửa.", on=dt.date(2020, 3, 10))
    actions.make_recommendation(
        owner=cast.a, by=cast.inspector_a, subject="Mới", text="Chưa đến hạn", addressed_to="UBND xã",
        made_on=timezone.localdate(),
    )  # fmt: skip
    assert tasks.notify_overdue_recommendations.delay().get() == 1
    assert tasks.notify_overdue_recommendations() == 0
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["inspector_a@example.vn", "reviewer_p@example.vn"]
    assert "Công khai quỹ" in mail.outbox[0].subject and "18/03/2020" not in mail.outbox[0].subject
    assert Notice.objects.filter(key=f"recommendation-overdue:{overdue.pk}").exists()


def test_a_reminder_sent_before_the_upgrade_is_not_sent_again(make_consultation, cast):
    """The old `reminded_at` markers became Notice keys (migration 0003): a key there means sent."""
    with_email(cast.clerk_a)
    c = make_consultation(opened_on=dt.date(2020, 2, 5))
    tasks.close_due_consultations()
    Notice.objects.create(key=f"consultation-unfinished:{c.pk}")
    assert tasks.remind_unfinished() == 0 and mail.outbox == []


def test_a_reminder_with_nobody_to_tell_waits_for_someone(make_consultation, cast):
    make_consultation(opened_on=dt.date(2020, 2, 5))
    tasks.close_due_consultations()
    assert tasks.remind_unfinished() == 0 and not Notice.objects.exists()
    with_email(cast.clerk_a)
    assert tasks.remind_unfinished() == 1
