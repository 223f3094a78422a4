"""The boards through their pages: the Front officer sets up and recognises the commune's board, the
board member works, the commune answers, the Front receives the report; outsiders get 404, readers 403
on writes; the PDFs read back; the board page's queries do not grow with its records."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from consultations.models import Recommendation
from consultations.supervision import actions
from consultations.supervision.models import Board, BoardReport, BoardState, Inspection, ReportKind
from democracy.calendar import add_working_days

from .conftest import NAMES, commune_board, today, villages_of_a

pytestmark = pytest.mark.django_db


def d(day):
    return day.strftime("%d/%m/%Y")


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


def test_the_front_sets_up_the_board_and_refuses_four_members_with_the_article(client, cast, front_a):
    villages = villages_of_a(cast, 5)
    client.force_login(front_a)
    start = today() - dt.timedelta(days=30)
    response = client.post(reverse("supervision:board_create", args=[cast.a.code]), {
        "kind": "commune", "name": "Ban Thanh tra nhân dân xã Đồng Kỳ", "term_start": d(start),
        "term_end": d(start + dt.timedelta(days=5 * 365)),
    })  # fmt: skip
    board = Board.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "supervision:board", args=[board.pk]
    )
    add = reverse("supervision:member_add", args=[board.pk])
    for n, village in enumerate(villages[:4]):
        role = "chair" if n == 0 else "member"
        data = {"full_name": NAMES[n], "role": role, "village": village.pk, "since": d(start)}
        assert client.post(add, data).status_code == 302
    election = reverse("supervision:election", args=[board.pk])
    refused = client.post(election, {"elected_on": d(start), "note": "Biên bản hội nghị"})
    page = refused.content.decode()
    assert refused.status_code == 200 and "Điều 36 khoản 1 Luật Thực hiện dân chủ ở cơ sở" in page
    assert "Thôn số 5" in page
    board.refresh_from_db()
    assert board.state == BoardState.COMPOSING
    client.post(
        add, {"full_name": NAMES[4], "role": "vice_chair", "village": villages[4].pk, "since": d(start)}
    )
    assert client.post(election, {"elected_on": d(start), "note": "Biên bản hội nghị"}).status_code == 302
    recognition = reverse("supervision:recognition", args=[board.pk])
    assert client.post(recognition, {"decision": "recognise", "on": d(start + dt.timedelta(days=2)),
                                     "number": "07/QĐ-MTTQ"}).status_code == 302  # fmt: skip
    board.refresh_from_db()
    assert board.state == BoardState.RECOGNISED and board.recognised_by == front_a
    # The Front reads and recognises, but does not act as the board.
    assert client.get(reverse("supervision:plan_create", args=[board.pk])).status_code == 403


def test_the_board_works_and_the_front_receives_its_report(client, cast, front_a):
    board = commune_board(cast)
    client.force_login(cast.inspector_a)
    assert client.get(reverse("supervision:recognition", args=[board.pk])).status_code == 403
    assert client.get(reverse("supervision:board_create", args=[cast.a.code])).status_code == 403
    y = today().year
    plan = client.post(reverse("supervision:plan_create", args=[board.pk]),
                       {"period": "quarter", "year": y, "number": 1, "content": "Kiểm tra quỹ", "filed_on": d(today())})  # fmt: skip
    assert plan.status_code == 302
    sent = today() - dt.timedelta(days=20)
    earliest = add_working_days(sent, 5).date
    url = reverse("supervision:inspection_create", args=[board.pk])
    data = {"subject": "Thu chi quỹ đường", "inspected": "Ban quản lý", "raised_by": "Ông Nguyễn Văn Tư",
            "sent_to": "MTTQ xã; Chủ tịch UBND xã; Ban quản lý", "plan_sent_on": d(sent),
            "starts_on": d(earliest - dt.timedelta(days=1))}  # fmt: skip
    early = client.post(url, data)
    assert early.status_code == 200 and f"sớm nhất ngày {d(earliest)}" in early.content.decode()
    assert client.post(url, {**data, "starts_on": d(earliest)}).status_code == 302
    inspection = Inspection.objects.get()
    page = reverse("supervision:inspection", args=[inspection.pk])
    assert client.post(page, {"findings": "Thu chi đúng.", "concluded_on": d(earliest)}).status_code == 200
    assert client.post(page, {"findings": "Thu chi đúng.", "concluded_on": d(earliest),
                              "notified_on": d(today())}).status_code == 302  # fmt: skip
    made = client.post(f"{reverse('supervision:recommendation_create', args=[board.pk])}", {
        "subject": "Công khai quỹ đường", "text": "Đề nghị công khai", "addressed_to": "UBND xã",
        "made_on": d(today()), "inspection": inspection.pk,
    })  # fmt: skip
    r = Recommendation.objects.get()
    assert made["Location"] == reverse("consultations:recommendation_detail", args=[r.pk])
    assert (r.board, r.inspection, r.unit) == (board, inspection, cast.a)
    detail = client.get(made["Location"]).content.decode()
    assert board.name in detail
    text = pdf_text(client.get(reverse("supervision:inspection_pdf", args=[inspection.pk])))
    assert "KẾ HOẠCH KIỂM TRA" in text and "Thu chi đúng." in text and "Ông Nguyễn Văn Tư" in text
    report_url = reverse("supervision:report_create", args=[board.pk])
    q_end = today() - dt.timedelta(days=1)
    assert client.post(report_url, {"kind": "quarter", "title": "Báo cáo quý", "text": "Đã kiểm tra một vụ việc.",
                                    "period_start": d(q_end - dt.timedelta(days=89)), "period_end": d(q_end),
                                    "due_on": d(q_end), "sent_on": d(today())}).status_code == 302  # fmt: skip
    report = BoardReport.objects.get()
    assert not report.on_time
    text = pdf_text(client.get(reverse("supervision:report_pdf", args=[report.pk])))
    assert "BÁO CÁO" in text and "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Đồng Kỳ" in text
    assert "Đã kiểm tra một vụ việc." in text and "(quá hạn)" in text
    report_page = reverse("supervision:report", args=[report.pk])
    assert client.post(report_page, {"on": d(today())}).status_code == 403  # the board does not receive
    client.force_login(front_a)
    assert client.post(report_page, {"on": d(today())}).status_code == 302
    report.refresh_from_db()
    assert report.received_by == front_a


def test_outsiders_get_404_and_the_front_of_another_commune_too(client, cast, front_b):
    board = commune_board(cast)
    report = actions.send_report(board, by=cast.inspector_a, kind=ReportKind.AD_HOC, title="Đột xuất", text="x",
                                 period_start=today(), period_end=today(), due_on=today(), sent_on=today())  # fmt: skip
    for user in (front_b, cast.clerk_b, cast.reviewer_q, cast.nobody):
        client.force_login(user)
        for url in (reverse("supervision:board", args=[board.pk]), reverse("supervision:report", args=[report.pk]),
                    reverse("supervision:report_pdf", args=[report.pk]),
                    reverse("supervision:boards", args=[cast.a.code])):  # fmt: skip
            assert client.get(url).status_code == 404, (user, url)
    client.force_login(cast.reviewer_p)  # the province's reviewer reads, changes nothing
    assert client.get(reverse("supervision:board", args=[board.pk])).status_code == 200
    assert client.get(reverse("supervision:member_add", args=[board.pk])).status_code == 403


def test_the_board_page_does_not_grow_its_queries(client, cast, django_assert_max_num_queries):
    board = commune_board(cast)
    client.force_login(cast.inspector_a)
    url = reverse("supervision:board", args=[board.pk])
    client.get(url)

    def add(n):
        for i in range(n):
            actions.send_report(board, by=cast.inspector_a, kind=ReportKind.AD_HOC, title=f"Báo cáo {i}", text="x",
                                period_start=today(), period_end=today(), due_on=today(), sent_on=today())  # fmt: skip
            actions.recommend(board, by=cast.inspector_a, subject=f"Kiến nghị {i}", text="x", addressed_to="UBND",
                              made_on=today())  # fmt: skip

    add(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add(5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_front_officer_sees_what_waits_for_them(client, cast, front_a):
    board = commune_board(cast, recognise=False)
    client.force_login(front_a)
    page = client.get(reverse("units:workspace")).content.decode()
    assert "Ban chờ công nhận kết quả bầu (Xã Đồng Kỳ)" in page
    assert reverse("supervision:boards", args=[cast.a.code]) in page
    board = actions.recognise_board(board, by=front_a, on=today())
    actions.send_report(board, by=cast.inspector_a, kind=ReportKind.AD_HOC, title="Đột xuất", text="x",
                        period_start=today(), period_end=today(), due_on=today(), sent_on=today())  # fmt: skip
    page = client.get(reverse("units:workspace")).content.decode()
    assert "Ban chờ công nhận" not in page and "Báo cáo của Ban chờ tiếp nhận (Xã Đồng Kỳ)" in page
    client.force_login(cast.clerk_a)  # not the Front: none of these lines
    assert "Báo cáo của Ban chờ tiếp nhận" not in client.get(reverse("units:workspace")).content.decode()
