"""A roll-up gets a number, a signer, recipients and a due date, and is sent to the level above, where it
counts as that body's report (issue 14)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from democracy.models import Action, AuditEvent
from reports import actions
from reports.compliance import rows_for
from reports.models import AreaReport, ReportState, ReportStatus, UnitReport
from reports.rollup import received_by
from units.models import ReportingRegime

pytestmark = pytest.mark.django_db

KEY = "2026-H1"  # 15/12/2025 – 14/06/2026, due 19/06/2026 (14/06 a Sunday; 15–19/06)
DUE = dt.date(2026, 6, 19)
RECIPIENTS = "UBND tỉnh Bắc Ninh\nSở Nội vụ\nLưu: VT"


def at(day, hour=15):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_default_timezone())


def rollup_of(area, by):
    period = ReportingRegime.for_unit(area).period_for_key(KEY)
    job = actions.request_rollup(area, period, by=by)
    return actions.compile_rollup(AreaReport.objects.get(pk=job.params["area_report"]))


def send(area_report, by, day=DUE, **extra):
    values = {"signer_title": "Chủ tịch", "recipients": RECIPIENTS, "now": at(day), **extra}
    return actions.sign_and_send_rollup(area_report, by=by, **values)


def test_a_communes_roll_up_is_numbered_signed_and_sent_to_its_province_as_the_communes_report(cast):
    area_report = rollup_of(cast.a, cast.reviewer_p)
    assert area_report.due_on == DUE

    assert send(area_report, cast.reviewer_p) is True

    area_report.refresh_from_db()
    assert (area_report.state, area_report.number, area_report.is_late) == (
        ReportState.SUBMITTED,
        "1/BC-UBND",
        False,
    )
    assert area_report.sent_to == cast.province and area_report.signed_by == cast.reviewer_p
    assert area_report.recipient_lines == ["UBND tỉnh Bắc Ninh", "Sở Nội vụ", "Lưu: VT"]
    report = UnitReport.objects.get(unit=cast.a, year=2026, kind="H1", regime=None, request=None)
    assert (report.state, report.number, report.sent_as, report.is_late) == (
        ReportState.SUBMITTED,
        "1/BC-UBND",
        area_report,
        False,
    )
    assert [e.action for e in AuditEvent.objects.of(report)][-1] == Action.SIGNED
    # The province sees it received, and counts it as the commune's report, on time.
    assert list(received_by(cast.province)) == [area_report]
    period = ReportingRegime.for_unit(cast.province).period_for_key(KEY)
    (row,) = rows_for(period, units=[cast.a], today=dt.date(2026, 6, 25))
    assert row.report_status == ReportStatus.ON_TIME


def test_sent_the_day_after_its_due_date_it_is_late_and_so_is_the_communes_report(cast):
    area_report = rollup_of(cast.a, cast.reviewer_p)

    send(area_report, cast.reviewer_p, day=DUE + dt.timedelta(days=1))

    area_report.refresh_from_db()
    assert area_report.is_late
    assert UnitReport.objects.get(unit=cast.a, kind="H1").is_late


def test_a_commune_that_sent_its_own_report_keeps_it(cast, make_report):
    own = make_report(cast.a, KEY)
    UnitReport.objects.filter(pk=own.pk).update(state=ReportState.SUBMITTED, number="7/BC-UBND")

    send(rollup_of(cast.a, cast.reviewer_p), cast.reviewer_p)

    own.refresh_from_db()
    assert own.number == "7/BC-UBND" and own.sent_as is None


def test_a_provinces_roll_up_goes_to_the_ministry_in_the_provinces_own_sequence(cast):
    first, second = rollup_of(cast.province, cast.reviewer_p), rollup_of(cast.province, cast.reviewer_p)

    send(first, cast.reviewer_p)
    send(second, cast.reviewer_p)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.sent_to, first.number, second.number) == (None, "1/BC-SNV", "2/BC-SNV")


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"signer_title": " "}, "signer_title", "Hãy ghi chức vụ người ký."),
        ({"recipients": "\n  \n"}, "recipients", "Hãy ghi nơi nhận, mỗi nơi một dòng."),
    ],
)
def test_without_a_signer_or_recipients_it_is_refused_and_nothing_written(cast, extra, field, message):
    area_report = rollup_of(cast.a, cast.reviewer_p)
    before = AuditEvent.objects.count()

    with pytest.raises(ValidationError) as refusal:
        send(area_report, cast.reviewer_p, **extra)

    assert refusal.value.message_dict[field] == [message]
    area_report.refresh_from_db()
    assert area_report.state == ReportState.DRAFT and not area_report.number
    assert AuditEvent.objects.count() == before


def test_a_roll_up_not_compiled_yet_cannot_be_sent(cast):
    period = ReportingRegime.for_unit(cast.a).period_for_key(KEY)
    job = actions.request_rollup(cast.a, period, by=cast.reviewer_p)

    with pytest.raises(ValidationError, match="chưa lập xong"):
        send(AreaReport.objects.get(pk=job.params["area_report"]), cast.reviewer_p)


def test_a_second_send_changes_nothing(cast):
    area_report = rollup_of(cast.a, cast.reviewer_p)
    send(area_report, cast.reviewer_p)
    rows = AuditEvent.objects.count()

    assert send(area_report, cast.reviewer_p) is False
    assert AuditEvent.objects.count() == rows


# --- The pages --------------------------------------------------------------------------------------------


def test_the_reviewer_signs_and_sends_from_the_roll_ups_page(client, cast):
    area_report = rollup_of(cast.a, cast.reviewer_p)
    client.force_login(cast.reviewer_p)
    url = reverse("reports:rollup_send", args=[area_report.pk])

    refused = client.post(url, {"signer_title": "Chủ tịch", "recipients": ""})
    assert refused.status_code == 400 and "Hãy ghi nơi nhận, mỗi nơi một dòng." in refused.content.decode()

    response = client.post(url, {"signer_title": "Chủ tịch", "recipients": RECIPIENTS})
    assert response.status_code == 302
    page = client.get(reverse("reports:rollup_detail", args=[area_report.pk])).content.decode()
    assert "1/BC-UBND" in page and "Sở Nội vụ" in page and "Tỉnh Bắc Ninh" in page
    province_page = client.get(reverse("reports:rollup_start", args=[cast.province.code])).content.decode()
    assert "Báo cáo tổng hợp cấp dưới đã gửi" in province_page and "Xã Đồng Kỳ" in province_page


def test_outsiders_cannot_send_a_roll_up(client, cast):
    area_report = rollup_of(cast.a, cast.reviewer_p)
    url = reverse("reports:rollup_send", args=[area_report.pk])
    for user in (cast.reviewer_q, cast.clerk_a, cast.approver_a):
        client.force_login(user)
        assert client.post(url, {"signer_title": "Chủ tịch", "recipients": RECIPIENTS}).status_code == 404
    area_report.refresh_from_db()
    assert area_report.state == ReportState.DRAFT


def test_once_sent_its_pdf_carries_its_number_signer_and_recipients(cast, django_capture_on_commit_callbacks):
    from io import BytesIO

    from pypdf import PdfReader

    area_report = rollup_of(cast.province, cast.reviewer_p)
    before = area_report.pdf.name

    with django_capture_on_commit_callbacks(execute=True):
        send(area_report, cast.reviewer_p, signer_title="Giám đốc Sở Nội vụ")

    area_report.refresh_from_db()
    assert area_report.pdf.name != before and not area_report.pdf.storage.exists(before)
    with area_report.pdf.open("rb") as stored:
        text = " ".join(
            " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(stored.read())).pages
        )
    assert "1/BC-SNV" in text and "19/06/2026" in text
    assert "- UBND tỉnh Bắc Ninh;" in text and "- Lưu: VT." in text and "GIÁM ĐỐC SỞ NỘI VỤ" in text.upper()
    assert area_report.figures["units"]  # the same snapshot, not compiled again
