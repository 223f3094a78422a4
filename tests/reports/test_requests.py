"""Report requests (yêu cầu báo cáo đột xuất, issue 14): a reviewing body asks the units below it for a
report on a subject by a date, with an outline; each report follows compile → sign → send, on time when
sent by the date."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from democracy.models import AuditEvent
from reports import actions
from reports.models import ReportRequest, ReportStatus, UnitReport

pytestmark = pytest.mark.django_db

NARRATIVE = {"results": "Kết quả.", "shortcomings": "Hạn chế.", "proposals": "Đề xuất."}
d = dt.date


def at(day, hour=9):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_default_timezone())


def ask(cast, *, due_on=None, now=None, **extra):
    values = {
        "by": cast.reviewer_p,
        "subject": "Kết quả tiếp công dân 5 tháng đầu năm",
        "outline": "1. Tình hình\n2. Kết quả\n3. Kiến nghị",
        "number": "215/UBND-NV",
        "period_start": d(2026, 1, 1),
        "period_end": d(2026, 5, 31),
        "due_on": due_on or d(2026, 6, 10),
        "now": now or at(d(2026, 6, 1)),
        **extra,
    }
    return actions.request_reports(cast.province, **values)


def test_each_commune_and_agency_below_the_reviewer_gets_a_report_with_the_request(cast):
    request = ask(cast)

    reports = list(request.reports.order_by(F("agency").asc(nulls_first=True), "unit__code"))
    assert [r.owner for r in reports] == [cast.a, cast.b, cast.agency_a]  # not commune C, not agency C
    first = reports[0]
    assert (first.kind, first.period_start, first.period_end, first.due_on) == (
        "AH",
        d(2026, 1, 1),
        d(2026, 5, 31),
        d(2026, 6, 10),
    )
    assert first.period_label == "đột xuất: Kết quả tiếp công dân 5 tháng đầu năm"
    assert first.state == "draft" and first.figures


def test_the_request_can_be_for_the_agencies_only(cast):
    request = ask(cast, for_units=False)

    assert [r.owner for r in request.reports.all()] == [cast.agency_a]


def _send(report, cast, day):
    actions.update_narrative(report, by=cast.clerk_a, **NARRATIVE)
    actions.send_to_sign(report, by=cast.clerk_a)
    actions.sign_and_submit(report, by=cast.approver_a, signer_title="Chủ tịch", now=at(day, 16))
    report.refresh_from_db()
    return report


def test_a_report_sent_on_the_due_date_is_on_time(cast):
    report = ask(cast).reports.get(unit=cast.a)

    assert report.status(d(2026, 6, 10)) == ReportStatus.IN_PROGRESS
    report = _send(report, cast, d(2026, 6, 10))

    assert report.status() == ReportStatus.ON_TIME and report.number == "1/BC-UBND"


def test_a_report_sent_the_day_after_is_late_and_an_unsent_one_missing(cast):
    request = ask(cast)
    report = _send(request.reports.get(unit=cast.a), cast, d(2026, 6, 11))

    assert report.is_late and report.status() == ReportStatus.LATE
    assert request.reports.get(unit=cast.b).status(d(2026, 6, 11)) == ReportStatus.MISSING


def test_a_request_and_a_periodic_report_of_the_same_year_live_side_by_side(cast, make_report):
    periodic = make_report(cast.a, "2026-H1")
    ask(cast)
    ask(cast, subject="Lần hai")

    assert UnitReport.objects.filter(unit=cast.a).count() == 3
    assert actions.ensure_report(cast.a, periodic_period(periodic)) == periodic


def periodic_period(report):
    from democracy.periods import Period

    return Period(report.year, report.kind, report.period_start, report.period_end, report.due_on, "")


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"subject": "  "}, "subject", "Hãy ghi nội dung yêu cầu báo cáo."),
        ({"outline": ""}, "outline", "Hãy ghi đề cương báo cáo."),
        ({"period_end": d(2025, 12, 31)}, "period_end", "Ngày cuối của số liệu phải từ ngày đầu trở đi."),
        ({"due_on": d(2026, 5, 31)}, "due_on", "Hạn gửi đã qua: hãy chọn từ hôm nay trở đi."),
        ({"due_on": d(2026, 6, 1), "period_end": d(2026, 6, 5)}, "due_on", "Hạn gửi phải từ ngày cuối"),
        ({"for_units": False, "for_agencies": False}, "for_units", "Hãy chọn các xã, phường"),
    ],
)
def test_a_request_that_cannot_be_met_is_refused_and_nothing_is_written(cast, extra, field, message):
    with pytest.raises(ValidationError) as refusal:
        ask(cast, **extra)

    assert message in " ".join(refusal.value.message_dict[field])
    assert not ReportRequest.objects.exists() and not UnitReport.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_due_date_may_be_today(cast):
    assert ask(cast, due_on=d(2026, 6, 1), period_end=d(2026, 5, 31)).due_on == d(2026, 6, 1)


# --- The pages --------------------------------------------------------------------------------------------


def form(today, **extra):
    return {
        "subject": "Báo cáo nhanh về hòa giải ở cơ sở",
        "outline": "1. Số vụ\n2. Kết quả",
        "number": "9/UBND",
        "period_start": f"{today - dt.timedelta(days=60):%d/%m/%Y}",
        "period_end": f"{today - dt.timedelta(days=1):%d/%m/%Y}",
        "due_on": f"{today + dt.timedelta(days=10):%d/%m/%Y}",
        "for_units": "on",
        "for_agencies": "on",
        **extra,
    }


def test_a_reviewer_sends_a_request_and_follows_who_has_sent(client, cast):
    today = timezone.localdate()
    client.force_login(cast.reviewer_p)

    response = client.post(reverse("reports:requests", args=[cast.province.code]), form(today))

    request = ReportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:request_detail", args=[request.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert (
        "Báo cáo nhanh về hòa giải ở cơ sở" in page
        and "Xã Đồng Kỳ" in page
        and "Văn phòng UBND xã Đồng Kỳ" in page
    )
    assert "Đang soạn, chưa đến hạn" in page
    listing = client.get(reverse("reports:requests", args=[cast.province.code])).content.decode()
    assert reverse("reports:request_detail", args=[request.pk]) in listing
    # The clerk finds it among the reports, with the outline.
    client.force_login(cast.clerk_a)
    report = request.reports.get(unit=cast.a)
    assert "2. Kết quả" in client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    listed = client.get(reverse("reports:list"), {"period": "dot-xuat"}).content.decode()
    assert "đột xuất: Báo cáo nhanh về hòa giải ở cơ sở" in listed.replace("Đột xuất", "đột xuất")


def test_a_refused_request_shows_the_reason_on_the_form(client, cast):
    today = timezone.localdate()
    client.force_login(cast.reviewer_p)

    response = client.post(
        reverse("reports:requests", args=[cast.province.code]),
        form(today, due_on=f"{today - dt.timedelta(days=1):%d/%m/%Y}"),
    )

    assert response.status_code == 400
    assert "Hạn gửi đã qua: hãy chọn từ hôm nay trở đi." in response.content.decode()
    assert not ReportRequest.objects.exists()


def test_only_the_reviewers_of_the_area_see_its_requests(client, cast):
    request = ask(cast, due_on=timezone.localdate() + dt.timedelta(days=5), now=timezone.now(),
                  period_start=timezone.localdate() - dt.timedelta(days=5), period_end=timezone.localdate())  # fmt: skip
    for user in (cast.clerk_a, cast.approver_a, cast.reviewer_q, cast.nobody):
        client.force_login(user)
        assert client.get(reverse("reports:requests", args=[cast.province.code])).status_code == 404, user
        assert client.get(reverse("reports:request_detail", args=[request.pk])).status_code == 404, user


def test_the_clerks_and_approvers_asked_are_told_once_with_the_outline(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    from reports.notifications import notify_report_request

    for user, email in ((cast.clerk_a, "vanthu@dongky.example"), (cast.approver_a, "chutich@dongky.example")):
        user.email = email
        user.save()

    with django_capture_on_commit_callbacks(execute=True):
        request = ask(cast)

    (mail,) = mailoutbox  # commune B and the agency have nobody with an e-mail yet
    assert sorted(mail.to) == ["chutich@dongky.example", "vanthu@dongky.example"]
    assert mail.subject == "Yêu cầu báo cáo đột xuất: Kết quả tiếp công dân 5 tháng đầu năm (hạn 10/06/2026)"
    assert "Tỉnh Bắc Ninh yêu cầu Xã Đồng Kỳ báo cáo đột xuất" in mail.body and "3. Kiến nghị" in mail.body
    assert "(văn bản số 215/UBND-NV)" in mail.body
    assert notify_report_request(request.pk) == 0  # once


def test_a_report_asked_for_and_not_sent_is_reminded_before_its_due_date_and_once_overdue(cast, mailoutbox):
    from reports.notifications import send_report_reminders

    cast.clerk_a.email = "vanthu@dongky.example"
    cast.clerk_a.save()
    request = ask(cast)  # due Wednesday 10/06/2026; 3 working days of reminder by default

    assert send_report_reminders(d(2026, 6, 4)) == 0  # 10/06 is the 4th working day after 04/06
    assert send_report_reminders(d(2026, 6, 5)) == 1  # the 3rd after Friday 05/06
    assert (
        mailoutbox[-1].subject
        == "Sắp đến hạn gửi báo cáo đột xuất: Kết quả tiếp công dân 5 tháng đầu năm – Xã Đồng Kỳ"
    )
    assert send_report_reminders(d(2026, 6, 8)) == 0  # once
    assert send_report_reminders(d(2026, 6, 11)) == 1
    assert "đã quá hạn (10/06/2026)" in mailoutbox[-1].body
    assert request.reports.get(unit=cast.a).state == "draft"


def test_a_report_asked_for_and_sent_is_not_reminded(cast, mailoutbox):
    from reports.notifications import send_report_reminders

    cast.clerk_a.email = "vanthu@dongky.example"
    cast.clerk_a.save()
    request = ask(cast)
    _send(request.reports.get(unit=cast.a), cast, d(2026, 6, 3))

    assert send_report_reminders(d(2026, 6, 5)) == 0 and send_report_reminders(d(2026, 6, 11)) == 0
