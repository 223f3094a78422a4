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
    item = old.get_model("democracy", "CatalogueItem").objects.filter(kind="comment", scope="commune").first()
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
