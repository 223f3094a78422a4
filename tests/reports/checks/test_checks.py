"""Checks by the level above: a reviewer plans, concludes with fixes; the unit answers; overdue fixes are
flagged on the pages and counted on the dashboard; bad input is refused with a clear message."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from democracy.models import Action, AuditEvent
from democracy.periods import Period
from reports import compliance, figures
from reports.checks import actions
from reports.checks.models import CheckFix, CheckVisit, FixState, VisitState

pytestmark = pytest.mark.django_db


def fixes_of(visit):
    return list(CheckFix.objects.filter(visit=visit).order_by("position"))


def around(today):
    return Period(today.year, "Y", today - dt.timedelta(days=60), today + dt.timedelta(days=60), today, "")


def test_a_reviewers_check_with_two_fixes_one_overdue(cast, plan, concluded_a, today):
    overdue, pending = fixes_of(concluded_a)
    assert concluded_a.state == VisitState.CONCLUDED
    assert (overdue.position, overdue.is_overdue(today)) == (1, True)
    assert (pending.position, pending.is_overdue(today)) == (2, False)
    assert CheckVisit.objects.get(plan=plan, unit=cast.b).state == VisitState.PLANNED

    # The dashboard's family: one fix due (the overdue one), none answered on time.
    result = figures.compute(around(today), units=[cast.a.pk, cast.b.pk], agencies=[], breakdowns=False)
    assert result[f"u{cast.a.pk}"]["check_fixes"] == {"due": 1, "answered_on_time": 0, "overdue": 1}
    indicator = next(i for i in compliance.indicators_of(result[f"u{cast.a.pk}"]) if i.key == "check_fixes")
    assert (indicator.done, indicator.total, indicator.status) == (0, 1, compliance.BAD)

    # The commune answers the pending one in time: 1 of 2 due answered on time.
    actions.answer_fix(pending, by=cast.clerk_a, answer="Đã niêm yết tại nhà văn hóa thôn Đồng Bông.")
    result = figures.compute(around(today), units=[cast.a.pk], agencies=[], breakdowns=False)
    assert result[f"u{cast.a.pk}"]["check_fixes"] == {"due": 2, "answered_on_time": 1, "overdue": 1}


def test_the_pages_flag_the_overdue_fix_for_the_reviewer_and_the_commune(client, cast, plan, concluded_a):
    client.force_login(cast.reviewer_p)
    page = client.get(reverse("checks:plan", args=[plan.pk])).content.decode()
    assert "1 quá hạn" in page and "2/2 chưa trả lời" in page
    listing = client.get(reverse("checks:list")).content.decode()
    assert plan.title in listing
    client.force_login(cast.clerk_a)
    page = client.get(reverse("checks:visit", args=[concluded_a.pk])).content.decode()
    assert "Quá hạn, chưa trả lời" in page and "1 yêu cầu quá hạn" in page
    assert page.count('action="/staff/checks/fixes/') == 2  # both may still be answered
    listing = client.get(reverse("checks:list")).content.decode()
    assert "1 quá hạn" in listing
    waiting = {w.label: w.count for w in client.get(reverse("units:workspace")).context["waiting"]}
    assert waiting["Yêu cầu khắc phục sau kiểm tra chờ trả lời"] == 2
    client.force_login(cast.inspector_a)  # the board reads, it does not answer
    waiting = {w.label: w.count for w in client.get(reverse("units:workspace")).context["waiting"]}
    assert "Yêu cầu khắc phục sau kiểm tra chờ trả lời" not in waiting


def test_the_commune_answers_a_fix_once_and_a_reviewer_or_the_board_cannot(client, cast, concluded_a):
    fix = fixes_of(concluded_a)[1]
    url = reverse("checks:answer", args=[fix.pk])
    data = {f"fix{fix.pk}-answer": "Đã niêm yết bổ sung."}
    for user in (cast.reviewer_p, cast.inspector_a):
        client.force_login(user)
        assert client.post(url, data).status_code == 403
    client.force_login(cast.clerk_b)
    assert client.post(url, data).status_code == 404
    client.force_login(cast.clerk_a)
    assert client.post(url, {f"fix{fix.pk}-answer": ""}).status_code == 400
    response = client.post(url, data)
    assert response.status_code == 302
    fix.refresh_from_db()
    assert (fix.state, fix.answer, fix.answered_by) == (
        FixState.ANSWERED,
        "Đã niêm yết bổ sung.",
        cast.clerk_a,
    )
    again = client.post(url, {f"fix{fix.pk}-answer": "Lần hai"}, follow=True)
    assert "đã được trả lời" in again.content.decode()
    fix.refresh_from_db()
    assert fix.answer == "Đã niêm yết bổ sung."


def test_nobody_else_sees_a_check(client, cast, plan, visit_a, concluded_a):
    visit_b = CheckVisit.objects.get(plan=plan, unit=cast.b)
    cases = [
        (cast.clerk_a, "checks:visit", visit_a.pk, 200),
        (cast.inspector_a, "checks:visit", visit_a.pk, 200),
        (cast.clerk_b, "checks:visit", visit_a.pk, 404),  # another commune of the same plan
        (cast.clerk_a, "checks:visit", visit_b.pk, 404),
        (cast.staff_agency_a, "checks:visit", visit_a.pk, 404),
        (cast.reviewer_q, "checks:visit", visit_a.pk, 404),
        (cast.nobody, "checks:visit", visit_a.pk, 404),
        (cast.clerk_a, "checks:plan", plan.pk, 404),  # the plan is the reviewers'
        (cast.reviewer_q, "checks:plan", plan.pk, 404),
        (cast.reviewer_p, "checks:plan", plan.pk, 200),
        (cast.admin, "checks:plan", plan.pk, 200),
        (cast.clerk_a, "checks:conclude", visit_b.pk, 404),
        (cast.clerk_b, "checks:conclude", visit_b.pk, 403),  # reads its own check, cannot conclude it
        (cast.reviewer_p, "checks:conclude", visit_b.pk, 200),
        (cast.clerk_b, "checks:visit_pdf", visit_a.pk, 404),
        (cast.reviewer_p, "checks:visit_pdf", visit_b.pk, 409),  # no conclusions yet
    ]
    for user, name, pk, status in cases:
        client.force_login(user)
        assert client.get(reverse(name, args=[pk])).status_code == status, (user.username, name, status)


def test_the_conclusions_pdf_reads_back(client, cast, concluded_a):
    client.force_login(cast.clerk_a)
    response = client.get(reverse("checks:visit_pdf", args=[concluded_a.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
    text = " ".join(text.split())
    for expected in [
        "ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/KL-ĐKT",
        "KẾT LUẬN KIỂM TRA", "xã Đồng Kỳ", "Kế hoạch số 45/KH-SNV", "Trả lời hai kiến nghị",
        fixes_of(concluded_a)[0].due_on.strftime("%d/%m/%Y"), "TRƯỞNG ĐOÀN KIỂM TRA",
    ]:  # fmt: skip
        assert expected in text, expected


def test_a_reviewer_plans_and_concludes_through_the_pages(client, cast, today):
    client.force_login(cast.reviewer_p)
    url = reverse("checks:plan_new", args=[cast.province.code])
    assert client.get(url).status_code == 200
    data = {
        "title": "Kiểm tra công khai", "subject": "Công khai thông tin", "team_lead": "Vũ Thị Thanh",
        "starts_on": (today - dt.timedelta(days=5)).strftime("%d/%m/%Y"), "ends_on": today.strftime("%d/%m/%Y"),
        "units": [cast.a.pk],
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    visit = CheckVisit.objects.get(unit=cast.a)
    url = reverse("checks:conclude", args=[visit.pk])
    bad = client.post(url, {
        "visited_on": today.strftime("%d/%m/%Y"), "minutes": "Biên bản", "conclusions": "Kết luận",
        "fix_1": "Bổ sung sổ theo dõi", "due_1": (today - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
    })  # fmt: skip
    assert bad.status_code == 400
    assert "Hạn khắc phục phải sau ngày kiểm tra" in bad.content.decode()
    response = client.post(url, {
        "visited_on": today.strftime("%d/%m/%Y"), "minutes": "Biên bản", "conclusions": "Kết luận",
        "fix_1": "Bổ sung sổ theo dõi", "due_1": (today + dt.timedelta(days=15)).strftime("%d/%m/%Y"),
    })  # fmt: skip
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.state == VisitState.CONCLUDED and visit.fixes.count() == 1


def test_bad_input_is_refused_with_a_clear_message(cast, plan, visit_a, today):
    with pytest.raises(ValidationError) as error:
        actions.plan_check(
            cast.province, by=cast.reviewer_p, title="X", subject="Y", team_lead="Z", units=[cast.a],
            starts_on=today, ends_on=today - dt.timedelta(days=1),
        )  # fmt: skip
    assert "phải từ ngày bắt đầu" in error.value.message_dict["ends_on"][0]
    with pytest.raises(ValidationError) as error:
        actions.plan_check(
            cast.province, by=cast.reviewer_p, title="X", subject="Y", team_lead="Z", units=[cast.c],
            starts_on=today, ends_on=today,
        )  # fmt: skip
    assert "Phường Hoàn Kiếm" in error.value.message_dict["units"][0]
    visited = today - dt.timedelta(days=30)
    with pytest.raises(ValidationError) as error:
        actions.conclude_visit(
            visit_a, by=cast.reviewer_p, visited_on=visited, minutes="M", conclusions="K",
            fixes=[("Sửa", visited - dt.timedelta(days=1))],
        )  # fmt: skip
    assert "Hạn khắc phục phải sau ngày kiểm tra" in error.value.message_dict["fixes"][0]
    with pytest.raises(ValidationError) as error:
        actions.conclude_visit(
            visit_a,
            by=cast.reviewer_p,
            visited_on=today - dt.timedelta(days=50),
            minutes="M",
            conclusions="K",
        )
    assert "trong thời gian của đợt kiểm tra" in error.value.message_dict["visited_on"][0]
    visit_a.refresh_from_db()
    assert visit_a.state == VisitState.PLANNED and not visit_a.fixes.exists()  # nothing half-saved


def test_a_visit_is_concluded_once(cast, visit_a, concluded_a, today):
    stale = CheckVisit.objects.get(pk=visit_a.pk)
    stale.state = VisitState.PLANNED  # as a second form, opened before the first was sent, sees it
    with pytest.raises(ValidationError, match="đã có kết luận"):
        actions.conclude_visit(
            stale, by=cast.reviewer_p, visited_on=today - dt.timedelta(days=30), minutes="M", conclusions="K",
            fixes=[("Khác", today)],
        )  # fmt: skip
    assert CheckFix.objects.filter(visit=visit_a).count() == 2
    assert AuditEvent.objects.filter(action=Action.CHECK_CONCLUDED).count() == 1


def test_the_conclusions_form_answers_boundary_values_with_a_form_error(client, cast, plan):
    visit = CheckVisit.objects.get(plan=plan, unit=cast.b)
    client.force_login(cast.reviewer_p)
    url = reverse("checks:conclude", args=[visit.pk])
    valid = {"visited_on": "", "minutes": "M", "conclusions": "K", "fix_1": "Sửa", "due_1": ""}
    for field in ("visited_on", "due_1", "number", "fix_1"):
        for value in ("01/01/0001", "31/12/9999", "2147483648", "x" * 5000):
            response = client.post(url, {**valid, field: value})
            assert response.status_code == 400, (field, value)
    visit.refresh_from_db()
    assert visit.state == VisitState.PLANNED
