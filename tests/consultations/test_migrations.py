"""The e-mail markers of the rows that existed before the upgrade become Notice keys (0003), so the
jobs send nothing twice, and the columns are then dropped (0004)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("consultations", "0002_report_indexes"), ("democracy", "0003_audit_and_notices")]
AFTER = [("consultations", "0004_drop_email_markers")]


@pytest.mark.django_db(transaction=True)
def test_the_markers_become_notice_keys():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    unit = old.get_model("units", "AdministrativeUnit").objects.create(
        code="99999", name="Xã Thử", level="commune", type="xa"
    )
    items = old.get_model("democracy", "CatalogueItem").objects
    # An earlier transactional test may have flushed the catalogue the data migration loaded.
    item = items.filter(kind="comment", scope="commune").first() or items.create(
        scope="commune", kind="comment", article=25, clause=1, label_vi="…", label_en="…"
    )
    at = dt.datetime(2024, 3, 1, 2, tzinfo=dt.UTC)
    Consultation = old.get_model("consultations", "Consultation")
    reminded = Consultation.objects.create(
        unit=unit, item=item, title="Đã nhắc", content="…", period_days=20, state="closed", reminded_at=at
    )
    Consultation.objects.create(unit=unit, item=item, title="Chưa nhắc", content="…", period_days=20)
    notified = old.get_model("consultations", "Recommendation").objects.create(
        unit=unit, subject="Quá hạn", text="…", addressed_to="UBND", made_on=dt.date(2024, 1, 1),
        due_on=dt.date(2024, 1, 16), overdue_notified_at=at,
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    notices = dict(new.get_model("democracy", "Notice").objects.values_list("key", "sent_at"))
    assert notices == {
        f"consultation-unfinished:{reminded.pk}": at,
        f"recommendation-overdue:{notified.pk}": at,
    }


@pytest.mark.django_db(transaction=True)
def test_vote_codes_forget_when_they_were_used_and_old_ballots_are_shuffled():
    """0006: `used_at` becomes `used`; the ballots cast before keep their choices and receipts, with new
    ids in a random order (their old ids followed the codes' `used_at`)."""
    before, after = (
        [("consultations", "0005_owned_reverse_names")],
        [("consultations", "0006_secret_ballot_box")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    unit = old.get_model("units", "AdministrativeUnit").objects.create(
        code="99998", name="Thôn Thử", level="village", type="thon", households=40
    )
    items = old.get_model("democracy", "CatalogueItem").objects
    item = items.filter(kind="decide", scope="commune").first() or items.create(
        scope="commune", kind="decide", article=15, clause=6, label_vi="…", label_en="…"
    )
    decision = old.get_model("consultations", "Decision").objects.create(
        unit=unit, item=item, title="Đèn", method="online", state="tallied", electorate=40,
        vote_opens_at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC), vote_closes_at=dt.datetime(2024, 3, 3, tzinfo=dt.UTC),
    )  # fmt: skip
    VoteCode, Ballot = old.get_model("consultations", "VoteCode"), old.get_model("consultations", "Ballot")
    at = dt.datetime(2024, 3, 1, 2, tzinfo=dt.UTC)
    for n in range(40):
        VoteCode.objects.create(
            decision=decision, household=f"Hộ {n}", code_hash=f"{n:064}",
            used_at=at + dt.timedelta(minutes=n) if n < 30 else None,
        )  # fmt: skip
    for n in range(30):
        Ballot.objects.create(decision=decision, choice="agree" if n % 3 else "other", receipt=f"R{n:03}")

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    codes = new.get_model("consultations", "VoteCode").objects.filter(decision_id=decision.pk)
    assert codes.filter(used=True).count() == 30 and codes.filter(used=False).count() == 10
    ballots = list(
        new.get_model("consultations", "Ballot").objects.order_by("pk").values_list("receipt", "choice")
    )
    assert sorted(ballots) == [(f"R{n:03}", "agree" if n % 3 else "other") for n in range(30)]
    assert [r for r, _c in ballots] != sorted(r for r, _c in ballots)  # 1 chance in 30! to fail

    executor = MigrationExecutor(connection)
    executor.migrate(before)  # back: a used code stays used
    back = executor.loader.project_state(before).apps
    assert back.get_model("consultations", "VoteCode").objects.filter(used_at__isnull=False).count() == 30
    # A fresh executor: this one's loader still counts 0006 as applied and would skip it.
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_recommendations_were_received_the_day_they_were_made():
    """0009: the receipt date of the rows already there is the day they were made, so no due date moves."""
    before, after = (
        [("consultations", "0008_delegate_conferences")],
        [("consultations", "0009_receipt_and_revisions")],
    )
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    unit = old.get_model("units", "AdministrativeUnit").objects.create(
        code="99997", name="Xã Thử", level="commune", type="xa"
    )
    made = old.get_model("consultations", "Recommendation").objects.create(
        unit=unit, subject="Công khai quỹ", text="…", addressed_to="UBND", made_on=dt.date(2024, 12, 2),
        due_on=dt.date(2024, 12, 17),
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    row = new.get_model("consultations", "Recommendation").objects.get(pk=made.pk)
    assert (row.received_on, row.due_on) == (dt.date(2024, 12, 2), dt.date(2024, 12, 17))
    MigrationExecutor(connection).migrate(latest)


@pytest.mark.django_db(transaction=True)
def test_explanations_stored_in_vietnamese_only_get_their_english_where_the_count_agrees():
    """0011: a recommendation's due date explained before English was kept gets the English of the same
    count; one whose count the calendar no longer gives stays Vietnamese only."""
    from democracy.calendar import period_end

    before, after = (
        [("consultations", "0010_draft_document_version")],
        [("consultations", "0011_explanations_in_english")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    unit = old.get_model("units", "AdministrativeUnit").objects.create(
        code="99997", name="Xã Thử", level="commune", type="xa"
    )
    due = period_end(dt.date(2026, 12, 3), 15, label="Hạn trả lời kiến nghị", label_en="Answer due")
    Recommendation = old.get_model("consultations", "Recommendation")
    counted = Recommendation.objects.create(
        unit=unit, subject="Đèn", text="…", addressed_to="UBND", made_on=dt.date(2026, 12, 3),
        received_on=dt.date(2026, 12, 3), due_on=due.date, due_explanation=due.explanation,
    )  # fmt: skip
    stale = Recommendation.objects.create(
        unit=unit, subject="Đường", text="…", addressed_to="UBND", made_on=dt.date(2026, 12, 3),
        received_on=dt.date(2026, 12, 3), due_on=due.date,
        due_explanation=due.explanation.replace("18/12/2026", "17/12/2026"),
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("consultations", "Recommendation").objects
    assert new.get(pk=counted.pk).due_explanation_en == due.explanation_en
    assert new.get(pk=stale.pk).due_explanation_en == ""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
