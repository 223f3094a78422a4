"""Every write function of reports leaves exactly one audit row per act (the right action and actor), in
its own transaction: a refused act leaves none. The trail shows on the report's and the roll-up's page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from democracy.models import Action, AuditEvent
from reports import actions
from reports.models import AreaReport, UnitReport
from units.models import ReportingRegime

NARRATIVE = {"results": "Kết quả.", "shortcomings": "Hạn chế.", "proposals": "Đề xuất."}


def rows(obj) -> list[tuple[str, object]]:
    return [(e.action, e.actor) for e in AuditEvent.objects.of(obj)]


def period(owner, key="2026-H1"):
    return ReportingRegime.for_owner(owner).period_for_key(key)


@pytest.fixture
def report(cast):
    return actions.ensure_report(cast.a, period(cast.a), by=cast.clerk_a)


def written_now(report):
    """The report's rows written after this point."""
    first = AuditEvent.objects.of(report).count()
    return lambda: rows(report)[first:]


def test_compiling_an_area_writes_one_row_per_report_by_the_system(cast):
    count = actions.compile_area(cast.province, period(cast.province))
    reports = list(UnitReport.objects.all())
    assert count == len(reports) > 1
    assert all(rows(r) == [(Action.COMPILED, None)] for r in reports)
    # Compiled again (not submitted): one more row each.
    actions.compile_area(cast.province, period(cast.province))
    assert all(rows(r) == [(Action.COMPILED, None)] * 2 for r in reports)


def test_a_report_opened_by_the_clerk_is_compiled_in_their_name(cast, report):
    assert rows(report) == [(Action.COMPILED, cast.clerk_a)]
    actions.ensure_report(cast.a, period(cast.a), by=cast.clerk_a)  # already there: no act
    assert len(rows(report)) == 1


def test_each_act_of_the_workflow_writes_one_row(cast, report):
    new = written_now(report)
    actions.recompile(report, by=cast.clerk_a)
    assert new() == [(Action.RECOMPILED, cast.clerk_a)]

    new = written_now(report)
    actions.update_narrative(report, by=cast.clerk_a, **NARRATIVE)
    assert new() == [(Action.NARRATIVE_UPDATED, cast.clerk_a)]
    assert AuditEvent.objects.of(report).last().changes == {"fields": list(NARRATIVE)}
    actions.update_narrative(report, by=cast.clerk_a, **NARRATIVE)  # the same texts: no act
    assert new() == [(Action.NARRATIVE_UPDATED, cast.clerk_a)]

    report.refresh_from_db()
    new = written_now(report)
    assert actions.send_to_sign(report, by=cast.clerk_a)
    assert new() == [(Action.SENT_TO_SIGN, cast.clerk_a)]

    new = written_now(report)
    assert actions.return_report(report, by=cast.approver_a, reason="Bổ sung số liệu thôn")
    assert new() == [(Action.RETURNED, cast.approver_a)]
    assert AuditEvent.objects.of(report).last().note == "Bổ sung số liệu thôn"

    new = written_now(report)
    assert actions.send_to_sign(report, by=cast.clerk_a, texts={"results": "Kết quả mới."})
    assert new() == [(Action.SENT_TO_SIGN, cast.clerk_a)]  # the text saved with it: one act

    new = written_now(report)
    assert actions.sign_and_submit(report, by=cast.approver_a, signer_title="Chủ tịch")
    assert new() == [(Action.SIGNED, cast.approver_a)]
    assert set(AuditEvent.objects.of(report).last().changes) == {"number", "is_late"}


def test_a_refused_or_repeated_act_writes_nothing(cast, report):
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        actions.send_to_sign(report, by=cast.clerk_a)  # no narrative yet
    with pytest.raises(ValidationError):
        actions.send_to_sign(report, by=cast.clerk_a, texts={"results": "Chỉ một phần."})
    report.refresh_from_db()
    assert report.results == ""  # the texts of a refused sending are not kept either
    with pytest.raises(ValidationError):
        actions.return_report(report, by=cast.approver_a, reason=" ")
    assert not actions.return_report(report, by=cast.approver_a, reason="Sai")  # not waiting
    assert not actions.sign_and_submit(report, by=cast.approver_a)  # not waiting
    assert AuditEvent.objects.count() == count

    actions.update_narrative(report, by=cast.clerk_a, **NARRATIVE)
    report.refresh_from_db()
    actions.send_to_sign(report, by=cast.clerk_a)
    actions.sign_and_submit(report, by=cast.approver_a)
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        actions.recompile(report, by=cast.clerk_a)  # submitted: figures frozen
    with pytest.raises(ValidationError):
        actions.update_narrative(report, by=cast.clerk_a, results="Sửa sau khi gửi")
    assert not actions.send_to_sign(report, by=cast.clerk_a)
    assert AuditEvent.objects.count() == count


def test_a_rollup_is_requested_by_the_reviewer_and_compiled_by_the_system(cast):
    job = actions.request_rollup(cast.province, period(cast.province), by=cast.reviewer_p)
    area_report = AreaReport.objects.get(pk=job.params["area_report"])
    assert rows(area_report) == [(Action.ROLLUP_REQUESTED, cast.reviewer_p)]
    actions.compile_rollup(area_report)
    assert rows(area_report) == [(Action.ROLLUP_REQUESTED, cast.reviewer_p), (Action.COMPILED, None)]


def test_the_trail_shows_on_the_report_page_and_the_rollup_page(client, cast, report):
    actions.update_narrative(report, by=cast.clerk_a, **NARRATIVE)
    client.force_login(cast.clerk_a)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Nhật ký" in page and "Sửa nội dung báo cáo" in page and "Tổng hợp số liệu" in page

    job = actions.request_rollup(cast.province, period(cast.province), by=cast.reviewer_p)
    area_report = AreaReport.objects.get(pk=job.params["area_report"])
    client.force_login(cast.reviewer_p)
    page = client.get(reverse("reports:rollup_detail", args=[area_report.pk])).content.decode()
    assert "Yêu cầu lập báo cáo tổng hợp" in page


def test_the_admin_shows_the_trail(client, cast, report, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "x"))
    page = client.get(reverse("admin:reports_unitreport_change", args=[report.pk])).content.decode()
    assert "auditevent" in page.lower() and "compiled" in page


def test_the_scheduled_job_compiles_an_ended_period_once_with_one_row_per_report(cast):
    import datetime as dt

    today = dt.date(2026, 6, 20)  # 2026-H1 ended on 14/06
    written = actions.compile_due(today)
    reports = list(UnitReport.objects.filter(year=2026, kind="H1"))
    assert written == len(reports) > 1
    assert all(rows(r) == [(Action.COMPILED, None)] for r in reports)
    assert actions.compile_due(today) == 0
    assert all(len(rows(r)) == 1 for r in reports), "a second run writes nothing"


def test_a_report_request_writes_one_row_for_itself_and_one_per_report_and_none_when_refused(cast):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    request = actions.request_reports(
        cast.province, by=cast.reviewer_p, subject="Tình hình tiếp công dân", outline="1. Kết quả",
        period_start=today - dt.timedelta(days=30), period_end=today, due_on=today + dt.timedelta(days=7),
    )  # fmt: skip

    assert rows(request) == [(Action.REPORT_REQUESTED, cast.reviewer_p)]
    assert all(rows(r) == [(Action.COMPILED, cast.reviewer_p)] for r in request.reports.all())
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        actions.request_reports(
            cast.province, by=cast.reviewer_p, subject="", outline="x",
            period_start=today, period_end=today, due_on=today,
        )  # fmt: skip
    assert AuditEvent.objects.count() == before


def test_signing_and_sending_a_roll_up_writes_one_row_and_none_when_refused(cast):
    job = actions.request_rollup(cast.province, period(cast.province), by=cast.reviewer_p)
    area_report = actions.compile_rollup(AreaReport.objects.get(pk=job.params["area_report"]))
    first = AuditEvent.objects.of(area_report).count()

    with pytest.raises(ValidationError):
        actions.sign_and_send_rollup(area_report, by=cast.reviewer_p, signer_title="", recipients="")
    assert AuditEvent.objects.of(area_report).count() == first
    assert actions.sign_and_send_rollup(
        area_report, by=cast.reviewer_p, signer_title="Chủ tịch", recipients="Bộ Nội vụ"
    )
    assert rows(area_report)[first:] == [(Action.SIGNED, cast.reviewer_p)]
