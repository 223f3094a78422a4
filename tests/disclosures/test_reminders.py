import datetime as dt

from django.core import mail
from django.utils import timezone

from disclosures.notifications import send_due_reminders

from .conftest import HCM


def with_emails(cast):
    for user, email in [(cast.clerk_a, "clerk@dongky.gov.vn"), (cast.approver_a, "chutich@dongky.gov.vn")]:
        user.email = email
        user.save()


def test_the_clerk_and_approver_are_reminded_once_before_the_posting_deadline(cast, make_disclosure):
    with_emails(cast)
    today = timezone.localdate()
    draft = make_disclosure(decision_date=today - dt.timedelta(days=25), title="Danh sách hộ nghèo năm 2026")
    assert draft.posting_deadline <= today + dt.timedelta(days=1)
    assert send_due_reminders() == 1
    assert send_due_reminders() == 0, "a second run sends nothing"
    message = mail.outbox[0]
    assert sorted(message.to) == ["chutich@dongky.gov.vn", "clerk@dongky.gov.vn"]
    assert (
        "Danh sách hộ nghèo năm 2026" in message.subject
        and draft.posting_deadline.strftime("%d/%m/%Y") in message.body
    )


def test_a_window_closing_within_two_days_is_reminded_with_the_unanswered_count(cast, make_disclosure):
    with_emails(cast)
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    now = d.window_ends_at - dt.timedelta(days=1)
    from disclosures import actions

    actions.add_feedback(d, text="Hỏi về khoản chi", received_at=dt.datetime(2024, 2, 20, tzinfo=HCM))
    assert send_due_reminders(now) == 1
    assert "Câu hỏi, ý kiến chưa trả lời: 1." in mail.outbox[0].body
    assert send_due_reminders(now) == 0


def test_nobody_without_an_email_is_mailed_and_the_reminder_stays_due(cast, make_disclosure):
    today = timezone.localdate()
    make_disclosure(decision_date=today - dt.timedelta(days=25))
    assert send_due_reminders() == 0
    with_emails(cast)
    assert send_due_reminders() == 1


def test_a_reminder_sent_before_the_upgrade_is_not_sent_again(cast, make_disclosure):
    """Migration 0005 turned each Reminder row into the notice key the job claims."""
    from democracy.models import Notice

    with_emails(cast)
    today = timezone.localdate()
    draft = make_disclosure(decision_date=today - dt.timedelta(days=25))
    Notice.objects.create(key=f"disclosure-deadline:{draft.pk}", recipients=2)
    assert send_due_reminders() == 0
    assert mail.outbox == []


def test_the_mail_body_is_not_html_escaped(cast, make_disclosure):
    with_emails(cast)
    today = timezone.localdate()
    make_disclosure(decision_date=today - dt.timedelta(days=25), title="Chợ & bến xe 'Đồng Kỳ'")
    assert send_due_reminders() == 1
    assert "Chợ & bến xe 'Đồng Kỳ'" in mail.outbox[0].body
