"""The plans' pages: the clerk drafts and adds tasks, the approver issues, a commune makes its plan from
the province's, its clerk reports progress; outsiders get 404, read-only roles 403; the PDF reads back."""

import datetime as dt
import io

from django.urls import reverse
from pypdf import PdfReader

from reports.plans import actions
from reports.plans.models import Plan, State, Status, Task


def login(client, user):
    client.force_login(user)
    return client


def test_clerk_drafts_adds_a_task_and_the_approver_issues(client, cast):
    login(client, cast.clerk_a)
    response = client.post(reverse("plans:create", args=[cast.a.code]), {
        "kind": "annual", "title": "Thực hiện dân chủ ở cơ sở năm 2026", "symbol": "KH-UBND",
        "date": "09/03/2026", "place": "Đồng Kỳ", "recipients": "- Sở Nội vụ;\n- Lưu: VT.",
        "signer_title": "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "signer_name": "Nguyễn Văn A",
    })  # fmt: skip
    plan = Plan.objects.get()
    assert response.status_code == 302 and plan.state == State.DRAFT
    bad = client.post(
        reverse("plans:task_create", args=[plan.pk]),
        {"code": "1", "heading": "X", "due_kind": "year", "due_year": "2026"},
    )
    assert bad.status_code == 400 and "cơ quan chủ trì" in bad.content.decode()
    response = client.post(reverse("plans:task_create", args=[plan.pk]), {
        "code": "II.1", "heading": "Tuyên truyền", "lead_text": "Phòng Văn hóa – Xã hội", "due_kind": "periodic",
        "periodic_days": "05/05, 05/11", "time_text": "Trước ngày 05/5 và 05/11",
    })  # fmt: skip
    assert response.status_code == 302
    assert plan.tasks.get().due_on == dt.date(2026, 5, 5)
    assert client.post(reverse("plans:issue", args=[plan.pk]), {"number": "363"}).status_code == 403
    login(client, cast.approver_a)
    response = client.post(reverse("plans:issue", args=[plan.pk]), {"number": "363"})
    plan.refresh_from_db()
    assert response.status_code == 302 and plan.state == State.ISSUED and plan.reference == "363/KH-UBND"
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "363/KH-UBND" in page and "05/05, 05/11" in page
    # Public: the commune's issued plan on its page, for anyone.
    client.logout()
    assert (
        "Thực hiện dân chủ" in client.get(reverse("plans:public_list", args=[cast.a.code])).content.decode()
    )
    assert client.get(reverse("plans:public_detail", args=[plan.pk])).status_code == 200
    pdf = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert pdf.status_code == 200  # a commune's issued plan is a public document
    login(client, cast.clerk_b)
    text = "".join(
        p.extract_text()
        for p in PdfReader(
            io.BytesIO(b"".join(client.get(reverse("plans:pdf", args=[plan.pk])).streaming_content))
        ).pages
    )
    assert "KẾ HOẠCH" in text and "363/KH-UBND" in text and "Phòng Văn hóa – Xã hội" in text
    assert "Trước ngày 05/5 và 05/11" in text and "Nguyễn Văn A" in text


def test_drafts_and_agency_plans_are_hidden(client, cast):
    draft = actions.create_plan(
        owner=cast.a, by=cast.clerk_a, title="Nháp", date=dt.date(2026, 3, 9), place="Đồng Kỳ"
    )
    internal = actions.create_plan(
        owner=cast.agency_a,
        by=cast.admin,
        title="Nội bộ",
        date=dt.date(2026, 3, 9),
        place="Đồng Kỳ",
        number=2,
    )
    actions.add_task(
        internal,
        by=cast.admin,
        code="1",
        heading="Hội nghị CBCCVC",
        lead_agency=cast.agency_a,
        due_kind="year",
        due_year=2026,
    )
    actions.issue(internal, by=cast.admin)
    login(client, cast.clerk_b)
    for plan in (draft, internal):
        assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
        assert client.get(reverse("plans:pdf", args=[plan.pk])).status_code == 404
        assert client.get(reverse("plans:public_detail", args=[plan.pk])).status_code == 404
    login(client, cast.inspector_a)
    assert client.get(reverse("plans:detail", args=[draft.pk])).status_code == 200
    assert client.get(reverse("plans:edit", args=[draft.pk])).status_code == 403
    login(client, cast.staff_agency_a)
    assert client.get(reverse("plans:detail", args=[internal.pk])).status_code == 200
    assert client.get(reverse("plans:xlsx", args=[internal.pk])).status_code == 200


def test_cascade_and_progress_by_the_lead_only(client, cast, plan):
    login(client, cast.clerk_a)
    page = client.get(reverse("plans:public_detail", args=[plan.pk]))
    assert page.status_code == 200
    # The commune's clerk has no role on the province: the staff page is hidden, the cascade is not.
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    response = client.post(
        reverse("plans:cascade", args=[plan.pk]), {"owner": f"u{cast.a.pk}", "date": "20/03/2024"}
    )
    child = Plan.objects.get(made_from=plan)
    assert response.status_code == 302 and child.unit == cast.a
    login(client, cast.approver_a)
    client.post(reverse("plans:issue", args=[child.pk]), {"number": "12"})
    child.refresh_from_db()
    assert child.state == State.ISSUED
    task = child.tasks.get(code="II.1.a")
    login(client, cast.clerk_b)
    assert client.post(reverse("plans:task_update", args=[task.pk]), {}).status_code == 404
    login(client, cast.inspector_a)
    assert client.post(reverse("plans:task_update", args=[task.pk]), {}).status_code == 403
    login(client, cast.clerk_a)
    response = client.post(
        reverse("plans:task_update", args=[task.pk]),
        {"status": "done", "on": "02/05/2024", "text": "Đã tuyên truyền", "people": "120"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == Status.DONE
    # The province sees the commune's status under its own task.
    login(client, cast.reviewer_p)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert cast.a.name in page and "Đã hoàn thành" in page
    assert cast.b.name in page  # B has not made its plan from the province's
    # The province's own department task: the coordinating commune adds a note, not a status.
    shared = plan.tasks.get(code="II.2")
    login(client, cast.clerk_b)
    assert (
        client.post(
            reverse("plans:task_update", args=[shared.pk]),
            {"status": "done", "on": "02/05/2024", "text": "x"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("plans:task_note", args=[shared.pk]),
            {"note-on": "02/05/2024", "note-text": "Đã gửi số liệu"},
        ).status_code
        == 302
    )
    assert Task.objects.get(pk=shared.pk).status == Status.NOT_STARTED


def test_plan_page_queries_do_not_grow_with_tasks(client, cast, plan):
    login(client, cast.reviewer_p)
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        actions_task = Task.objects.get(code="II.1.a", plan=plan)
        Task.objects.create(plan=plan, code=f"II.9.{n}", heading=f"Thêm {n}", lead_unit=cast.a, due_kind="year", due_year=2024,
                            parent=None, section=actions_task.section)  # fmt: skip
    for commune in (cast.a, cast.b):
        actions.cascade(plan, owner=commune, by=cast.admin, date=dt.date(2024, 3, 20))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_reviewer_drills_down_to_the_single_overdue_task(client, cast, plan):
    child = actions.cascade(plan, owner=cast.b, by=cast.clerk_b, date=dt.date(2024, 3, 20))
    actions.issue(child, by=cast.admin, number=4)
    overdue = child.tasks.get(code="II.1.b")
    login(client, cast.reviewer_p)
    page = client.get(reverse("plans:workspace")).content.decode()
    assert reverse("plans:task", args=[overdue.pk]) in page and "Nhiệm vụ quá hạn" in page
    login(client, cast.reviewer_q)
    assert (
        reverse("plans:task", args=[overdue.pk])
        not in client.get(reverse("plans:workspace")).content.decode()
    )
    login(client, cast.clerk_b)
    home = client.get(reverse("units:workspace")).content.decode()
    assert "Nhiệm vụ kế hoạch quá hạn chưa hoàn thành" in home


def test_plan_pages_queries_do_not_grow_with_the_units_given_tasks(client, cast, plan):
    """The province's page asks every lead and coordinating body for the reader's roles (may they make
    their plan from it?): with their ancestors loaded together, never a query per unit (the national bench
    found one per commune: 182 queries for a province of 168)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import make_unit
    from units.models import Level, UnitType

    urls = [reverse("plans:detail", args=[plan.pk]), reverse("plans:public_detail", args=[plan.pk])]
    login(client, cast.reviewer_p)

    def counted():
        out = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            out.append(len(queries))
        return out

    few = counted()
    for n in range(6):
        commune = make_unit(f"0799{n}", f"Xã Thêm {n}", Level.COMMUNE, UnitType.XA, cast.province)
        task = Task.objects.create(plan=plan, code=f"III.{n}", heading=f"Xã {n} lập kế hoạch", lead_unit=commune,
                                   due_kind="year", due_year=2024)  # fmt: skip
        task.coordinating_units.add(cast.a, commune)
    assert counted() == few


def test_public_plan_pages_come_from_the_cache_and_change_at_once_on_amendment_and_cancel(
    client, cast, plan, django_assert_num_queries
):
    detail = reverse("plans:public_detail", args=[plan.pk])
    listing = reverse("plans:public_list", args=[cast.province.code])
    first = client.get(detail)
    assert first["Cache-Control"].startswith("public") and client.get(listing).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(detail).content == first.content
    # A new version issued: the old page says so at once, the list shows the new one.
    new = actions.start_amendment(plan, by=cast.admin, reason="Bổ sung nhiệm vụ")
    assert client.get(detail).content == first.content  # a draft changes nothing public
    actions.issue(new, by=cast.admin)
    assert "xem phiên bản mới" in client.get(detail).content.decode()
    assert reverse("plans:public_detail", args=[new.pk]) in client.get(listing).content.decode()
    # Cancelled: its page says so at once.
    new_page = reverse("plans:public_detail", args=[new.pk])
    assert "Đã hủy bỏ" not in client.get(new_page).content.decode()
    actions.cancel(new, by=cast.admin, reason="Thay bằng kế hoạch khác")
    assert "Đã hủy bỏ, lý do: Thay bằng kế hoạch khác" in client.get(new_page).content.decode()
