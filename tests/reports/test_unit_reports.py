"""The unit report pages: the clerk writes the narrative and sends the report to sign, the approver signs
and submits it (numbered, on time or late), figures frozen afterwards; who may read and write; the
list of my reports and the form that opens the report of a period that has ended."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from reports import actions
from reports.models import ReportState, UnitReport

NARRATIVE = {
    "results": "Niêm yết đầy đủ, đúng hạn các nội dung phải công khai.",
    "shortcomings": "Một số thôn chưa tổ chức hội nghị đúng thời gian.",
    "proposals": "Đề nghị Sở Nội vụ tập huấn cho công chức phụ trách.",
}


def detail(report):
    return reverse("reports:detail", args=[report.pk])


def url(name, report):
    return reverse(f"reports:{name}", args=[report.pk])


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def as_user(client, user):
    client.force_login(user)
    return client


def due_on(report, day):
    UnitReport.objects.filter(pk=report.pk).update(due_on=day)
    report.refresh_from_db()


@pytest.fixture
def report(make_report):
    return make_report()


def to_sign(report, cast):
    actions.update_narrative(report, by=cast.clerk_a, **NARRATIVE)
    report.refresh_from_db()
    assert actions.send_to_sign(report, by=cast.clerk_a)
    return report


# --- The workflow through the pages ------------------------------------------------------------------


def test_the_clerk_writes_and_sends_and_the_approver_signs_and_submits_it_late(client, cast, report):
    due_on(report, timezone.localdate() - dt.timedelta(days=3))
    clerk = as_user(client, cast.clerk_a)
    page = clerk.get(detail(report))
    assert page.status_code == 200
    assert "Tổng hợp lại số liệu" in page.content.decode()
    assert "Đã quá hạn gửi báo cáo" in page.content.decode()

    response = clerk.post(detail(report), NARRATIVE)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.results == NARRATIVE["results"] and report.state == ReportState.DRAFT
    assert "Đã lưu phần đánh giá, đề xuất của báo cáo." in texts(response)

    response = clerk.post(url("send", report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.TO_SIGN
    waiting = clerk.get(detail(report)).content.decode()
    assert "Báo cáo đang chờ người phê duyệt ký và gửi." in waiting
    assert 'name="results"' not in waiting  # the narrative is read-only while it waits

    approver = as_user(client, cast.approver_a)
    assert "Ký và gửi" in approver.get(detail(report)).content.decode()
    response = approver.post(url("submit", report), {"signer_title": "Chủ tịch"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert report.number == "1/BC-UBND"
    assert report.is_late and report.signed_by == cast.approver_a and report.signer_title == "Chủ tịch"
    assert any("muộn so với hạn" in m and "1/BC-UBND" in m for m in texts(response))

    page = approver.get(detail(report)).content.decode()
    assert "muộn 3 ngày so với hạn" in page
    assert "Báo cáo đã gửi không sửa được nữa." in page
    assert 'name="results"' not in page and url("recompile", report) not in page
    assert "Gửi muộn" in page


def test_a_report_submitted_before_its_deadline_is_on_time(client, cast, report):
    due_on(report, timezone.localdate() + dt.timedelta(days=5))
    clerk = as_user(client, cast.clerk_a)
    # "Lưu và trình ký": the narrative and the sending in one click.
    response = clerk.post(url("send", report), NARRATIVE)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.TO_SIGN and report.proposals == NARRATIVE["proposals"]

    response = as_user(client, cast.approver_a).post(url("submit", report), {"signer_title": "Phó Chủ tịch"})
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and not report.is_late
    assert "Đã ký và gửi báo cáo số 1/BC-UBND, đúng hạn." in texts(response)
    assert "đúng hạn" in client.get(detail(report)).content.decode()


def test_sending_without_every_narrative_section_is_refused_and_nothing_is_saved(client, cast, report):
    clerk = as_user(client, cast.clerk_a)
    response = clerk.post(
        url("send", report), {"results": "Chỉ có phần kết quả.", "shortcomings": "", "proposals": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hãy viết các phần: Tồn tại, hạn chế và nguyên nhân, Phương hướng, đề xuất, kiến nghị" in page
    assert "Chỉ có phần kết quả." in page  # the form comes back with what was typed
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.results == ""


def test_a_second_click_on_send_or_submit_changes_nothing(client, cast, report):
    clerk = as_user(client, cast.clerk_a)
    clerk.post(url("send", report), NARRATIVE)
    again = clerk.post(url("send", report), NARRATIVE)
    assert any(m.startswith("Không có thay đổi") for m in texts(again))

    approver = as_user(client, cast.approver_a)
    approver.post(url("submit", report), {"signer_title": "Chủ tịch"})
    again = approver.post(url("submit", report), {"signer_title": "Chủ tịch"})
    assert again.status_code == 302
    assert any(m.startswith("Không có thay đổi") for m in texts(again))
    report.refresh_from_db()
    assert report.number == "1/BC-UBND"
    # The next report of the commune that year takes the next number: the second click took none.
    other = actions.ensure_report(cast.a, actions.ReportingRegime.for_owner(cast.a).period_for_key("2026"))
    to_sign(other, cast)
    actions.sign_and_submit(other, by=cast.approver_a)
    assert other.number == "2/BC-UBND"


def test_the_approver_returns_a_report_with_a_reason(client, cast, report):
    to_sign(report, cast)
    approver = as_user(client, cast.approver_a)
    response = approver.post(url("return", report), {"reason": "  "})
    assert response.status_code == 200
    assert "Hãy ghi lý do trả lại." in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.TO_SIGN

    response = approver.post(url("return", report), {"reason": "Bổ sung số liệu hội nghị thôn."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    page = as_user(client, cast.clerk_a).get(detail(report)).content.decode()
    assert "Người phê duyệt đã trả lại báo cáo." in page and "Bổ sung số liệu hội nghị thôn." in page


def test_the_signer_title_is_required(client, cast, report):
    to_sign(report, cast)
    response = as_user(client, cast.approver_a).post(url("submit", report), {"signer_title": ""})
    assert response.status_code == 200
    assert "Hãy ghi chức vụ người ký." in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.TO_SIGN and report.number == ""


def test_recompiling_refreshes_a_draft_and_sends_a_waiting_report_back_to_the_clerk(client, cast, report):
    figures = report.figures
    figures["disclosures"]["published"] = 99
    UnitReport.objects.filter(pk=report.pk).update(figures=figures)
    to_sign(report, cast)
    response = as_user(client, cast.clerk_a).post(url("recompile", report))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.figures["disclosures"]["published"] == 0
    assert report.state == ReportState.DRAFT and report.compiled_by == cast.clerk_a
    assert any("trình ký lại" in m for m in texts(response))


def test_recompiling_a_submitted_report_is_refused_with_the_reason(client, cast, report):
    to_sign(report, cast)
    actions.sign_and_submit(report, by=cast.approver_a, signer_title="Chủ tịch")
    before = UnitReport.objects.get(pk=report.pk)
    response = as_user(client, cast.clerk_a).post(url("recompile", report))
    assert response.status_code == 302
    assert "Báo cáo đã gửi: số liệu đã chốt, không tổng hợp lại được." in texts(response)
    after = UnitReport.objects.get(pk=report.pk)
    assert after.compiled_at == before.compiled_at and after.figures == before.figures
    # Nor can the narrative be changed afterwards.
    response = client.post(detail(report), {**NARRATIVE, "results": "Sửa sau khi gửi"})
    assert response.status_code == 200
    assert "Chỉ sửa được báo cáo đang soạn" in response.content.decode()
    assert UnitReport.objects.get(pk=report.pk).results == NARRATIVE["results"]


def test_user_text_is_escaped_on_the_page(client, cast, report):
    clerk = as_user(client, cast.clerk_a)
    clerk.post(detail(report), {**NARRATIVE, "results": "<script>alert(1)</script>"})
    page = clerk.get(detail(report)).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


# --- Who may do what ---------------------------------------------------------------------------------

WRITES = [
    ("detail", NARRATIVE),
    ("send", {}),
    ("recompile", {}),
]
APPROVALS = [("submit", {"signer_title": "Chủ tịch"}), ("return", {"reason": "Lý do"})]


@pytest.mark.parametrize(
    "who, read, write, approve",
    [
        ("clerk_a", 200, "ok", 403),
        ("approver_a", 200, "ok", "ok"),
        ("admin", 200, "ok", "ok"),
        ("inspector_a", 200, 403, 403),
        ("reviewer_p", 200, 403, 403),
        ("clerk_b", 404, 404, 404),
        ("reviewer_q", 404, 404, 404),
        ("staff_agency_a", 404, 404, 404),
        ("nobody", 404, 404, 404),
    ],
)
def test_who_may_read_and_write_a_commune_report(client, cast, report, who, read, write, approve):
    client.force_login(getattr(cast, who))
    for name in ("detail", "pdf", "xlsx"):
        assert client.get(url(name, report)).status_code == read, name
    for name, data in WRITES:
        status = client.post(url(name, report), data).status_code
        assert (status in (200, 302)) if write == "ok" else status == write, (name, status)
    report.refresh_from_db()
    if report.state == ReportState.DRAFT:
        to_sign(report, cast)
    for name, data in APPROVALS:
        status = client.post(url(name, report), data).status_code
        assert (status in (200, 302)) if approve == "ok" else status == approve, (name, status)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, report):
    for name in ("detail", "pdf", "xlsx"):
        response = client.get(url(name, report))
        assert response.status_code == 302 and "/login" in response["Location"]
    assert client.get(reverse("reports:list")).status_code == 302


def test_an_agency_report_is_for_the_agency_and_its_reviewers_not_the_commune_clerks(
    client, cast, make_report
):
    report = make_report(cast.agency_a)
    assert as_user(client, cast.staff_agency_a).get(detail(report)).status_code == 200
    assert client.post(detail(report), NARRATIVE).status_code == 403  # agency staff read, they do not write
    assert as_user(client, cast.clerk_a).get(detail(report)).status_code == 404
    assert as_user(client, cast.reviewer_p).get(detail(report)).status_code == 200
    assert as_user(client, cast.reviewer_q).get(detail(report)).status_code == 404


def test_pages_that_change_things_refuse_get(client, cast, report):
    client.force_login(cast.clerk_a)
    for name in ("send", "recompile", "submit", "return"):
        assert client.get(url(name, report)).status_code == 405
    assert client.get(reverse("reports:open")).status_code == 405


# --- The list and the open form ----------------------------------------------------------------------


def listed(response) -> set[str]:
    return {row["report"].owner.code for row in response.context["rows"]}


def test_each_user_lists_the_reports_of_their_own_units_and_area(client, cast, make_report):
    for owner in (cast.a, cast.b, cast.c, cast.agency_a, cast.agency_c):
        make_report(owner)
    lists = reverse("reports:list")
    assert listed(as_user(client, cast.clerk_a).get(lists)) == {"07282"}
    assert listed(as_user(client, cast.inspector_a).get(lists)) == {"07282"}
    assert listed(as_user(client, cast.clerk_b).get(lists)) == {"07288"}
    assert listed(as_user(client, cast.staff_agency_a).get(lists)) == {"UBND-07282"}
    assert listed(as_user(client, cast.reviewer_p).get(lists)) == {"07282", "07288", "UBND-07282"}
    assert listed(as_user(client, cast.reviewer_q).get(lists)) == {"00070", "UBND-00070"}
    assert listed(as_user(client, cast.nobody).get(lists)) == set()


def test_the_list_shows_newest_periods_first_with_coloured_statuses(client, cast, make_report):
    older = make_report(cast.a, "2025-H2")
    newer = make_report(cast.a, "2026-H1")
    to_sign(older, cast)
    actions.sign_and_submit(older, by=cast.approver_a, signer_title="Chủ tịch")
    response = as_user(client, cast.clerk_a).get(reverse("reports:list"))
    assert [row["report"].pk for row in response.context["rows"]] == [newer.pk, older.pk]
    page = response.content.decode()
    assert "6 tháng đầu năm 2026" in page and "6 tháng cuối năm 2025" in page
    assert "status-bad" in page and "Chưa gửi (quá hạn)" in page  # 2026-H1 was due in June
    assert "status-warn" in page and "Gửi muộn" in page
    assert "1/BC-UBND" in page


def test_a_reviewer_filters_the_list_by_period_and_status(client, cast, make_report):
    a_h1 = make_report(cast.a, "2026-H1")
    make_report(cast.b, "2026-H1")
    make_report(cast.a, "2025-H2")
    to_sign(a_h1, cast)
    actions.sign_and_submit(a_h1, by=cast.approver_a, signer_title="Chủ tịch")
    reviewer = as_user(client, cast.reviewer_p)
    lists = reverse("reports:list")
    response = reviewer.get(lists, {"period": "2026-H1"})
    assert {(r["report"].owner.code, r["report"].key) for r in response.context["rows"]} == {
        ("07282", "2026-H1"),
        ("07288", "2026-H1"),
    }
    response = reviewer.get(lists, {"period": "2026-H1", "status": "missing"})
    assert [r["report"].owner.code for r in response.context["rows"]] == ["07288"]
    response = reviewer.get(lists, {"status": "late"})
    assert [r["report"].pk for r in response.context["rows"]] == [a_h1.pk]
    assert [key for key, _label in response.context["period_options"]] == ["2026-H1", "2025-H2"]
    response = reviewer.get(lists, {"q": "yen the", "period": "2026-H1"})
    assert [r["report"].owner.code for r in response.context["rows"]] == ["07288"]
    response = reviewer.get(lists, {"period": "2026-X9"})
    assert response.status_code == 200
    assert any("không hợp lệ" in m for m in texts(response))


def test_the_list_takes_a_constant_number_of_queries(
    client, cast, make_report, django_assert_max_num_queries
):
    reviewer = as_user(client, cast.reviewer_p)
    make_report(cast.a, "2026-H1")
    with django_assert_max_num_queries(8) as few:
        reviewer.get(reverse("reports:list"))
    for owner in (cast.a, cast.b, cast.agency_a):
        for key in ("2024-H1", "2024-H2", "2024", "2025-H1", "2025-H2", "2025"):
            make_report(owner, key)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = reviewer.get(reverse("reports:list"))
    assert len(response.context["rows"]) == 19


def test_a_clerk_opens_the_report_of_a_period_that_has_ended(client, cast):
    clerk = as_user(client, cast.clerk_a)
    page = clerk.get(reverse("reports:list")).content.decode()
    assert 'action="/staff/reports/open/"' in page and "Xã Đồng Kỳ" in page
    response = clerk.post(reverse("reports:open"), {"owner": "07282", "period": "2025-H2"})
    report = UnitReport.objects.get(unit=cast.a, year=2025, kind="H2")
    assert response.status_code == 302 and response["Location"] == detail(report)
    assert report.period_start == dt.date(2025, 6, 15) and report.period_end == dt.date(2025, 12, 14)
    assert report.compiled_by == cast.clerk_a
    # Opening it again opens the same report.
    again = clerk.post(reverse("reports:open"), {"owner": "07282", "period": "2025-H2"})
    assert again["Location"] == detail(report)
    assert UnitReport.objects.filter(unit=cast.a).count() == 1


def test_a_period_that_has_not_ended_cannot_be_opened(client, cast):
    clerk = as_user(client, cast.clerk_a)
    next_year = timezone.localdate().year + 1
    response = clerk.post(reverse("reports:open"), {"owner": "07282", "period": f"{next_year}-H1"})
    assert response.status_code == 302 and response["Location"] == reverse("reports:list")
    assert any("chưa kết thúc" in m for m in texts(response))
    response = clerk.post(reverse("reports:open"), {"owner": "07282", "period": "hôm qua"})
    assert any("không hợp lệ" in m for m in texts(response))
    assert not UnitReport.objects.exists()


def test_only_the_units_own_clerks_and_approvers_open_its_reports(client, cast):
    data = {"owner": "07282", "period": "2025-H2"}
    assert as_user(client, cast.clerk_b).post(reverse("reports:open"), data).status_code == 404
    assert as_user(client, cast.reviewer_q).post(reverse("reports:open"), data).status_code == 404
    assert as_user(client, cast.inspector_a).post(reverse("reports:open"), data).status_code == 403
    assert as_user(client, cast.reviewer_p).post(reverse("reports:open"), data).status_code == 403
    agency = {"owner": "UBND-07282", "period": "2025-H2"}
    assert as_user(client, cast.clerk_a).post(reverse("reports:open"), agency).status_code == 404
    assert as_user(client, cast.staff_agency_a).post(reverse("reports:open"), agency).status_code == 403
    assert not UnitReport.objects.exists()
    assert as_user(client, cast.approver_a).post(reverse("reports:open"), data).status_code == 302
