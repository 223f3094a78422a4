"""Review-date reminders of the register (Decree 61/2023 Art. 15: a village convention is reviewed every
year): once before and once after the date, to the owner's clerks and approvers, the days from data,
caught up after downtime, never for a rule replaced; the job is scheduled."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail

from consultations.regulations import actions as reg_actions
from consultations.regulations import notifications, tasks
from consultations.regulations.models import RegulationKind, ReviewReminder
from democracy.models import Notice

pytestmark = pytest.mark.django_db

REVIEW = dt.date(2025, 11, 18)


def with_email(*users):
    for user in users:
        user.email = f"{user.username}@example.vn"
        user.save(update_fields=["email"])


def convention(cast, number="45/QĐ-UBND", **extra):
    return reg_actions.register_regulation(
        owner=cast.village_a, by=cast.clerk_a, kind=RegulationKind.HUONG_UOC, title="Hương ước thôn Đồng Bông",
        number=number, issued_on=dt.date(2024, 3, 28), effective_from=dt.date(2024, 3, 28), issuer="UBND xã Đồng Kỳ",
        next_review_on=REVIEW, **extra,
    )  # fmt: skip


def test_before_and_after_the_review_date_once_each(cast):
    with_email(cast.clerk_a, cast.approver_a, cast.clerk_b)
    regulation = convention(cast)
    rule = ReviewReminder.objects.get(applies_to="convention")
    assert "Điều 15 Nghị định 61/2023/NĐ-CP" in rule.article
    early = REVIEW - dt.timedelta(days=rule.days_before + 1)
    assert notifications.remind_reviews(early) == 0
    first = REVIEW - dt.timedelta(days=rule.days_before)
    assert notifications.remind_reviews(first) == 1
    assert notifications.remind_reviews(first + dt.timedelta(days=3)) == 0  # once
    (message,) = mail.outbox
    # The village's register is kept by its commune's clerks and approvers; never another commune's.
    assert sorted(message.to) == ["approver_a@example.vn", "clerk_a@example.vn"]
    assert "18/11/2025" in message.body and rule.article in message.body
    assert f"/regulations/{regulation.pk}/" in message.body
    # After: not on the day itself, once `days_after` have passed.
    assert notifications.remind_reviews(REVIEW + dt.timedelta(days=rule.days_after - 1)) == 0
    assert notifications.remind_reviews(REVIEW + dt.timedelta(days=rule.days_after)) == 1
    assert notifications.remind_reviews(REVIEW + dt.timedelta(days=rule.days_after + 1)) == 0
    assert len(mail.outbox) == 2 and "Quá ngày rà soát" in mail.outbox[1].subject
    assert set(Notice.objects.values_list("key", flat=True)) == {
        f"regulation-review-before:{regulation.pk}:20251118",
        f"regulation-review-after:{regulation.pk}:20251118",
    }


def test_a_job_that_was_down_catches_up_and_history_is_not_mailed(cast):
    with_email(cast.clerk_a)
    convention(cast)
    rule = ReviewReminder.objects.get(applies_to="convention")
    # Down from before the reminder day until after the review: the late reminder only, once.
    late_day = REVIEW + dt.timedelta(days=rule.days_after + 10)
    assert notifications.remind_reviews(late_day) == 1
    assert "Quá ngày rà soát" in mail.outbox[0].subject
    # A date long past (a first run on old data) sends nothing.
    assert notifications.remind_reviews(REVIEW + dt.timedelta(days=rule.days_after + 400)) == 0


def test_the_days_come_from_the_data_and_a_replaced_rule_is_not_reminded(cast):
    with_email(cast.clerk_a)
    ReviewReminder.objects.filter(applies_to="convention").update(days_before=5)
    old = convention(cast)
    assert notifications.remind_reviews(REVIEW - dt.timedelta(days=6)) == 0
    convention(cast, number="46/QĐ-UBND", replaces=old)  # the new text, same review date
    assert tasks.remind_reviews.delay().get() == 0  # today: far from 2025's review date
    assert notifications.remind_reviews(REVIEW - dt.timedelta(days=5)) == 1
    (message,) = mail.outbox
    assert "46/QĐ-UBND" in message.body and "45/QĐ-UBND" not in message.body


def test_an_agency_rule_reminds_the_agencys_own_editors(cast):
    from tests.conftest import make_user
    from units.models import Role

    head = make_user("head_agency_a", Role.APPROVER, agency=cast.agency_a)
    with_email(cast.clerk_a, head)
    reg_actions.register_regulation(
        owner=cast.agency_a, by=head, kind=RegulationKind.AGENCY_DEMOCRACY, title="Quy chế dân chủ",
        number="156/QC-UBND", issued_on=dt.date(2024, 2, 26), effective_from=dt.date(2024, 2, 26),
        issuer="UBND xã Đồng Kỳ", next_review_on=dt.date(2025, 2, 26),
    )  # fmt: skip
    assert notifications.remind_reviews(dt.date(2025, 2, 20)) == 1
    assert mail.outbox[0].to == ["head_agency_a@example.vn"]


def test_the_job_is_scheduled():
    entry = settings.CELERY_BEAT_SCHEDULE["remind-regulation-reviews"]
    assert entry["task"] == "regulations.remind_reviews"


def test_a_convention_entered_from_its_decision_gets_its_first_annual_review_date(cast):
    from consultations.models import Decision, Outcome
    from democracy.models import CatalogueItem

    decision = Decision.objects.create(
        unit=cast.village_a, item=CatalogueItem.objects.get(scope="commune", article=15, clause=3),
        title="Hương ước thôn Đồng Bông", method="meeting", electorate=120, present=100, agree=90,
        outcome=Outcome.PASSED, state="recognised", decided_on=dt.date(2024, 3, 15), recognised_by="commune",
        recognised_on=dt.date(2024, 11, 20),
    )  # fmt: skip
    regulation = reg_actions.issue_from_decision(
        decision, by=cast.clerk_a, kind=RegulationKind.HUONG_UOC, title="Hương ước thôn Đồng Bông",
        number="45/QĐ-UBND", issuer="UBND xã Đồng Kỳ", next_review_on=None,
    )  # fmt: skip
    assert regulation.next_review_on == dt.date(2025, 11, 18)  # 18/11 after 20/11/2024 (Decree 61 Art. 15)
