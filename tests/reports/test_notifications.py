"""Reminders to the clerks and approvers of a report due or overdue, and the reviewer's digest of the
units late or missing: each sent once, to the right people only, caught up after a missed run."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from democracy.models import Notice
from democracy.notify import site_url
from reports import actions
from reports.notifications import send_report_reminders, send_reviewer_digests
from reports.tasks import send_report_reminders as reminders_task
from reports.tasks import send_reviewer_digest as digest_task
from tests.conftest import make_unit, make_user
from tests.disclosures.conftest import HCM
from units.models import Level, ReportingRegime, Role, UnitType

pytestmark = pytest.mark.django_db

d = dt.date
SITE = "https://danchu.example.gov.vn"
# 2026-H1 under the national convention: 15/12/2025 → 14/06/2026 (a Sunday), due Friday 19/06/2026.
DUE = d(2026, 6, 19)
EMAILS = {
    "clerk_a": "vanthu@dongky.gov.vn",
    "approver_a": "chutich@dongky.gov.vn",
    "inspector_a": "bantt@dongky.gov.vn",
    "staff_agency_a": "canbo@dongky.gov.vn",
    "clerk_b": "vanthu@yenthe.gov.vn",
    "reviewer_p": "noivu@bacninh.gov.vn",
    "reviewer_q": "noivu@hanoi.gov.vn",
}


@pytest.fixture
def people(cast, settings):
    settings.SITE_URL = SITE
    for name, email in EMAILS.items():
        user = getattr(cast, name)
        user.email = email
        user.save()
    return cast


def h1(owner):
    return ReportingRegime.for_owner(owner).period_for_key("2026-H1")


def submit(report, by, when):
    report = actions.update_narrative(
        report, by=by, results="Kết quả.", shortcomings="Không.", proposals="Không."
    )
    actions.send_to_sign(report, by=by)
    assert actions.sign_and_submit(report, by=by, signer_title="Chủ tịch", now=when)
    report.refresh_from_db()
    return report


def by_recipients(mailoutbox):
    return {tuple(sorted(m.to)): m for m in mailoutbox}


# --- reminders --------------------------------------------------------------------------------------


def test_the_clerk_and_approver_are_reminded_once_within_three_working_days_of_the_deadline(
    people, mailoutbox
):
    report = actions.ensure_report(people.a, h1(people.a))
    # Monday 15/06: the deadline is four working days away.
    assert send_report_reminders(d(2026, 6, 15)) == 0
    # Tuesday 16/06: three working days away (17, 18, 19).
    assert send_report_reminders(d(2026, 6, 16)) == 2
    assert send_report_reminders(d(2026, 6, 16)) == 0, "a second run sends nothing"
    assert send_report_reminders(d(2026, 6, 17)) == 0, "nor does the next day's"
    mails = by_recipients(mailoutbox)
    assert set(mails) == {("chutich@dongky.gov.vn", "vanthu@dongky.gov.vn"), ("vanthu@yenthe.gov.vn",)}
    assert len(mailoutbox) == 2, "nobody else: not the board, the agency's staff, the reviewers"

    a = mails[("chutich@dongky.gov.vn", "vanthu@dongky.gov.vn")]
    assert a.subject == "Sắp đến hạn gửi báo cáo 6 tháng đầu năm 2026: Xã Đồng Kỳ"
    assert "Kính gửi: Xã Đồng Kỳ." in a.body
    assert "6 tháng đầu năm 2026 (từ ngày 15/12/2025 đến ngày 14/06/2026)" in a.body
    assert "Hạn gửi báo cáo: 19/06/2026." in a.body
    assert f"Cách tính hạn: {report.due_explanation}." in a.body
    assert "Trạng thái hiện tại: Đang soạn." in a.body
    assert f"{SITE}/staff/reports/{report.pk}/" in a.body
    assert "&" not in a.body and "&#" not in a.body, "plain text, not HTML-escaped"
    # Commune b's report was never compiled: the link is the list of reports.
    b = mails[("vanthu@yenthe.gov.vn",)]
    assert "Xã Yên Thế" in b.subject and f"{SITE}/staff/reports/\n" in b.body
    assert "Chưa tổng hợp số liệu" in b.body
    assert "Hoàn Kiếm" not in a.body + b.body


def test_a_submitted_report_is_not_reminded_and_an_overdue_one_is(people, mailoutbox):
    submit(
        actions.ensure_report(people.a, h1(people.a)),
        people.approver_a,
        dt.datetime(2026, 6, 15, 9, tzinfo=HCM),
    )
    # Nothing ran before the deadline (the worker was down): the next run sends the overdue reminder
    # only, not the one before the deadline.
    assert send_report_reminders(DUE) == 1
    assert send_report_reminders(d(2026, 6, 22)) == 1
    assert send_report_reminders(d(2026, 6, 23)) == 0
    soon, overdue = mailoutbox
    assert soon.to == overdue.to == ["vanthu@yenthe.gov.vn"]
    assert soon.subject.startswith("Sắp đến hạn")
    assert overdue.subject == "Quá hạn gửi báo cáo 6 tháng đầu năm 2026: Xã Yên Thế"
    assert "đã quá hạn gửi" in overdue.body and "Hạn gửi báo cáo: 19/06/2026." in overdue.body
    assert Notice.objects.filter(key__startswith="report-reminder:").count() == 2


def test_a_missed_run_catches_up_but_not_months_later(people, mailoutbox):
    assert send_report_reminders(d(2026, 8, 1)) == 0, "more than 30 days after the deadline"
    assert reminders_task.apply(kwargs={"today": "2026-06-24"}).get() == 2
    assert all(m.subject.startswith("Quá hạn") for m in mailoutbox)


def test_nobody_with_an_email_means_nothing_is_claimed_yet(cast, mailoutbox, settings):
    settings.SITE_URL = SITE
    assert send_report_reminders(d(2026, 6, 16)) == 0
    assert not Notice.objects.exists()
    cast.clerk_b.email = "vanthu@yenthe.gov.vn"
    cast.clerk_b.save()
    assert send_report_reminders(d(2026, 6, 17)) == 1


def test_an_agencys_clerk_is_reminded_of_the_agencys_report(people, mailoutbox):
    make_user("vanthu_vp", Role.CLERK, agency=people.agency_a, email="vanthu@vp.dongky.gov.vn")
    send_report_reminders(d(2026, 6, 16))
    mail = by_recipients(mailoutbox)[("vanthu@vp.dongky.gov.vn",)]
    assert mail.subject.endswith(": Văn phòng UBND xã Đồng Kỳ")


def test_the_reminders_queries_do_not_grow_with_the_units(people, mailoutbox):
    def second_run_queries():
        with CaptureQueriesContext(connection) as queries:
            assert send_report_reminders(d(2026, 6, 16)) == 0
        return len(queries)

    send_report_reminders(d(2026, 6, 16))
    before = second_run_queries()
    for n in range(5):
        unit = make_unit(f"0730{n}", f"Xã Thử {n}", Level.COMMUNE, UnitType.XA, people.province)
        make_user(f"vanthu{n}", Role.CLERK, unit=unit, email=f"vanthu{n}@example.gov.vn")
        make_user(f"chutich{n}", Role.APPROVER, unit=unit, email=f"chutich{n}@example.gov.vn")
    assert send_report_reminders(d(2026, 6, 16)) == 5
    assert second_run_queries() == before


# --- digest -----------------------------------------------------------------------------------------


@pytest.fixture
def late_and_missing(people):
    """Province 24: commune a submitted late (25/06), commune b and agency a never did. Province 01:
    commune c and agency c submitted on time."""
    submit(
        actions.ensure_report(people.a, h1(people.a)),
        people.approver_a,
        dt.datetime(2026, 6, 25, 10, tzinfo=HCM),
    )
    for owner in (people.c, people.agency_c):
        submit(
            actions.ensure_report(owner, h1(owner)), people.admin, dt.datetime(2026, 6, 18, 10, tzinfo=HCM)
        )
    return people


def test_the_reviewer_gets_the_late_and_missing_units_of_the_province_once(late_and_missing, mailoutbox):
    assert send_reviewer_digests(DUE) == 0, "not before the deadline has passed"
    assert send_reviewer_digests(d(2026, 6, 26)) == 1, "province 01 was on time: nothing to tell"
    assert send_reviewer_digests(d(2026, 6, 26)) == 0, "a second run sends nothing"
    assert send_reviewer_digests(d(2026, 6, 27)) == 0
    (mail,) = mailoutbox
    assert mail.to == ["noivu@bacninh.gov.vn"]
    assert mail.subject == "Đơn vị gửi muộn, chưa gửi báo cáo 6 tháng đầu năm 2026: Tỉnh Bắc Ninh"
    body = mail.body
    assert "Kính gửi: reviewer_p." in body
    assert "đã hết hạn gửi báo cáo ngày 19/06/2026" in body
    assert "Tỉnh Bắc Ninh: 3 đơn vị; đã gửi đúng hạn: 0; gửi muộn: 1; chưa gửi (quá hạn): 2." in body, body
    assert (
        "Chưa gửi (quá hạn) – 2 đơn vị:\n- Xã Yên Thế (07288)\n- Văn phòng UBND xã Đồng Kỳ (UBND-07282)\n"
        in body
    )
    assert "Gửi muộn – 1 đơn vị:\n- Xã Đồng Kỳ (07282), gửi ngày 25/06/2026\n" in body
    assert f"{SITE}/staff/compliance/24/?period=2026-H1" in body
    assert "Hoàn Kiếm" not in body


def test_each_reviewer_gets_the_digest_of_their_own_province(late_and_missing, mailoutbox):
    make_user("reviewer_q2", Role.REVIEWER, unit=late_and_missing.other_province, email="tk@hanoi.gov.vn")
    make_user("reviewer_p2", Role.REVIEWER, unit=late_and_missing.province, email="tk@bacninh.gov.vn")
    make_user("reviewer_no_email", Role.REVIEWER, unit=late_and_missing.province)
    actions.ensure_report(late_and_missing.c, h1(late_and_missing.c))
    # A commune of province 01 that never submitted.
    make_unit("00071", "Phường Ba Đình", Level.COMMUNE, UnitType.PHUONG, late_and_missing.other_province)
    assert digest_task.apply(kwargs={"today": "2026-06-26"}).get() == 4
    mails = {m.to[0]: m for m in mailoutbox}
    assert set(mails) == {
        "noivu@bacninh.gov.vn",
        "tk@bacninh.gov.vn",
        "noivu@hanoi.gov.vn",
        "tk@hanoi.gov.vn",
    }
    hanoi = mails["noivu@hanoi.gov.vn"].body
    assert "Phường Ba Đình (00071)" in hanoi and "Đồng Kỳ" not in hanoi and "Yên Thế" not in hanoi
    assert "Gửi muộn" not in hanoi.replace("gửi muộn: 0", "")
    assert "Yên Thế" in mails["tk@bacninh.gov.vn"].body and "Ba Đình" not in mails["tk@bacninh.gov.vn"].body


def test_nothing_is_sent_when_every_unit_submitted_on_time(people, mailoutbox):
    for owner in (people.a, people.b, people.agency_a, people.c, people.agency_c):
        submit(
            actions.ensure_report(owner, h1(owner)), people.admin, dt.datetime(2026, 6, 19, 16, tzinfo=HCM)
        )
    assert send_reviewer_digests(d(2026, 6, 22)) == 0
    assert mailoutbox == []


def test_links_without_a_site_url_use_the_first_allowed_host(settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = [".example.gov.vn", "danchu.example.gov.vn"]
    settings.DEBUG = False
    assert site_url() == "https://danchu.example.gov.vn"
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    assert site_url() == "http://127.0.0.1:8000"
