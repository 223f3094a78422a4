"""The consultation pages: the clerk's plan, opening, comments and responses, results; the citizen's
board, page and comment form; the permissions; the XLSX export; constant queries."""

import datetime as dt
import io
import uuid

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consultations import actions
from consultations.models import Comment, CommentChannel, Consultation, ConsultationState
from disclosures.models import State

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CITIZEN_TEXT = "Đề nghị bổ sung quy định công khai chi tiêu của thôn tại nhà văn hóa."


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def url(name, *args):
    return reverse(f"consultations:{name}", args=args)


def text_of(response):
    return response.content.decode()


@pytest.fixture
def running(make_consultation):
    """Opened yesterday: the period is running."""
    return make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=1))


@pytest.fixture
def ended(make_consultation, cast):
    """Opened 40 days ago, two comments received during the period, then closed by the job."""
    c = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=40))
    during = c.opened_at + dt.timedelta(days=1)
    actions.add_comment(c, text="Ý kiến thứ nhất", received_at=during)
    actions.add_comment(
        c, text="Ý kiến tại hội nghị", channel=CommentChannel.CONFERENCE, people_count=28,
        received_at=during, by=cast.clerk_a,
    )  # fmt: skip
    actions.close_due_consultations()
    c.refresh_from_db()
    return c


# --- The clerk's cycle ----------------------------------------------------------------------------


def test_a_clerk_creates_a_plan_through_the_form_and_opens_it(client, cast):
    client.force_login(cast.clerk_a)
    form_page = client.get(url("create", cast.a.code))
    assert form_page.status_code == 200 and "Tối thiểu 20 ngày" in text_of(form_page)
    item = Consultation._meta.get_field("item").related_model.objects.get(
        scope="commune", article=25, clause=7
    )
    data = {
        "item": item.pk,
        "title": "Dự thảo Quy chế dân chủ xã Đồng Kỳ",
        "content": "Lấy ý kiến Nhân dân về dự thảo Quy chế.",
        "purpose": "Phát huy quyền làm chủ của Nhân dân.",
        "forms": ["a", "e"],
        "responsible": "Văn phòng HĐND và UBND xã",
        "plan_number": "127/KH-UBND",
        "plan_date": "30/01/2024",
        "period_days": "20",
        "form_token": str(uuid.uuid4()),
    }
    too_short = client.post(url("create", cast.a.code), {**data, "period_days": "10"})
    assert too_short.status_code == 200 and "không được ít hơn 20 ngày" in text_of(too_short)

    response = client.post(url("create", cast.a.code), data)
    c = Consultation.objects.get()
    assert response.status_code == 302 and response.url == url("staff_detail", c.pk)
    assert (c.unit, c.state, c.forms, c.plan_date) == (cast.a, "draft", ["a", "e"], dt.date(2024, 1, 30))
    # The same form sent twice makes one plan.
    client.post(url("create", cast.a.code), data)
    assert Consultation.objects.count() == 1

    upload = io.BytesIO(PDF_BYTES)
    upload.name = "du-thao-quy-che.pdf"
    assert client.post(url("upload", c.pk), {"files": upload}).status_code == 302
    assert c.documents.get().original_name == "du-thao-quy-che.pdf"

    staff = text_of(client.get(url("staff_detail", c.pk)))
    assert "Công bố, bắt đầu lấy ý kiến" in staff and "du-thao-quy-che.pdf" in staff
    # Without the confirmation, the step that says what will happen; nothing is opened yet.
    unconfirmed = client.post(url("open", c.pk))
    assert unconfirmed.status_code == 302 and unconfirmed.url == url("open_confirm", c.pk)
    c.refresh_from_db()
    assert c.state == ConsultationState.DRAFT
    confirm = client.post(url("open", c.pk), {"confirm": "1"})
    assert confirm.status_code == 302
    c.refresh_from_db()
    assert c.state == ConsultationState.OPEN
    staff = text_of(client.get(url("staff_detail", c.pk)))
    assert f"24 giờ 00 ngày {c.ends_on:%d/%m/%Y}" in staff and c.period_explanation in staff
    public = text_of(client.get(url("detail", c.pk)))
    assert f"ngày {timezone.localtime(c.ends_at):%d/%m/%Y}" in public and "Gửi ý kiến góp ý" in public
    board = text_of(client.get(url("board", cast.a.code)))
    assert c.title in board and "Đang lấy ý kiến" in board


def test_a_clerk_creates_an_agency_consultation_with_the_agency_forms(client, cast):
    client.force_login(cast.admin)
    page = text_of(client.get(url("create_for_agency", cast.agency_a.code)))
    assert "Điều 54 khoản 1" in page and "Điều 26 khoản 1" not in page


def test_a_citizen_comments_online_and_the_clerk_responds(client, cast, running):
    response = client.post(
        url("comment", running.pk),
        {"section": "Điều 5", "text": CITIZEN_TEXT, "name": "Nguyễn Văn Bình", "contact": "0912 345 678",
         "form_token": str(uuid.uuid4()), "website": ""},
    )  # fmt: skip
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.channel, comment.section, comment.name, comment.author) == (
        "online", "Điều 5", "Nguyễn Văn Bình", None,
    )  # fmt: skip
    # While the period runs the comment is counted, not shown (but to the citizen who sent it).
    public = text_of(Client().get(url("detail", running.pk)))
    assert "Đã nhận 1 ý kiến" in public and CITIZEN_TEXT not in public

    client.force_login(cast.clerk_a)
    staff = text_of(client.get(url("staff_detail", running.pk)))
    assert CITIZEN_TEXT in staff and "Nguyễn Văn Bình" in staff
    empty = client.post(url("comment_respond", running.pk, comment.pk), {"kind": "accepted", "response": ""})
    assert empty.status_code == 400 and "Hãy nhập nội dung giải trình, tiếp thu." in text_of(empty)
    done = client.post(
        url("comment_respond", running.pk, comment.pk), {"kind": "accepted", "response": "Xin tiếp thu."}
    )
    assert done.status_code == 302
    comment.refresh_from_db()
    assert (comment.response_kind, comment.response, comment.responded_by) == (
        "accepted", "Xin tiếp thu.", cast.clerk_a,
    )  # fmt: skip


def send_comment(client, consultation, text=CITIZEN_TEXT):
    data = {"section": "Điều 5", "text": text, "form_token": str(uuid.uuid4()), "website": ""}
    return client.post(url("comment", consultation.pk), data)


def test_the_citizen_sees_the_confirmation_of_their_comment_where_the_form_was(client, running):
    response = send_comment(client, running)
    assert response.status_code == 302 and response.url.endswith("#gui-thanh-cong")
    comment = Comment.objects.get()
    followed = client.get(response.url)
    body = text_of(followed)
    assert 'id="gui-thanh-cong"' in body and f"YK-{comment.pk}" in body and "đang chờ trả lời" in body
    assert CITIZEN_TEXT in body and 'id="gui-gop-y"' not in body and "js/sent-focus.js" in body
    assert "private" in followed["Cache-Control"]
    again = text_of(client.get(url("detail", running.pk)))
    assert 'id="gui-gop-y"' in again and 'id="gui-thanh-cong"' not in again
    assert CITIZEN_TEXT in again and f"YK-{comment.pk}" in again  # listed to them, waiting


def test_a_citizens_own_comments_are_listed_to_them_only(client, running):
    send_comment(client, running)
    other = Client()
    send_comment(other, running, text="Ý kiến của người khác")
    mine = text_of(client.get(url("detail", running.pk)))
    assert CITIZEN_TEXT in mine and "Ý kiến của người khác" not in mine
    assert CITIZEN_TEXT not in text_of(Client().get(url("detail", running.pk)))


def test_a_honeypot_comment_is_not_stored_and_the_rate_limit_answers_429(client, running, settings):
    data = {"text": CITIZEN_TEXT, "website": "http://spam.example"}
    assert client.post(url("comment", running.pk), data).status_code == 302
    assert not Comment.objects.exists()
    settings.FEEDBACK_PER_HOUR = 1
    cache.clear()
    client.post(url("comment", running.pk), {"text": CITIZEN_TEXT})
    limited = client.post(url("comment", running.pk), {"text": CITIZEN_TEXT})
    assert limited.status_code == 429 and limited["Retry-After"]
    assert Comment.objects.count() == 1


def test_the_clerk_records_a_conference_comment_with_28_people(client, cast, running):
    client.force_login(cast.clerk_a)
    when = timezone.localtime(running.opened_at + dt.timedelta(hours=3))
    data = {
        "channel": "conference",
        "received_at": when.strftime("%d/%m/%Y %H:%M"),
        "section": "Chương II",
        "text": "Hội nghị thống nhất với dự thảo.",
        "people_count": "",
        "form_token": str(uuid.uuid4()),
    }
    missing = client.post(url("comment_record", running.pk), data)
    assert missing.status_code == 400 and "cần ghi số người tham dự" in text_of(missing)
    assert client.post(url("comment_record", running.pk), {**data, "people_count": "28"}).status_code == 302
    comment = Comment.objects.get()
    assert (comment.channel, comment.people_count, comment.recorded_by) == ("conference", 28, cast.clerk_a)
    assert "28 người tham dự" in text_of(client.get(url("staff_detail", running.pk)))


def test_hiding_a_comment_keeps_the_row_with_its_reason(client, cast, ended):
    client.force_login(cast.clerk_a)
    comment = ended.comments.first()
    no_reason = client.post(url("comment_hide", ended.pk, comment.pk), {"reason": ""})
    assert no_reason.status_code == 400 and "phải ghi rõ lý do" in text_of(no_reason)
    assert (
        client.post(url("comment_hide", ended.pk, comment.pk), {"reason": "Nội dung xúc phạm"}).status_code
        == 302
    )
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Nội dung xúc phạm" and comment.text
    client.logout()
    public = text_of(client.get(url("detail", ended.pk)))
    assert "Ý kiến đã được ẩn: Nội dung xúc phạm" in public and "Ý kiến thứ nhất" not in public


def test_publishing_results_creates_the_disclosure_and_the_page_lists_every_response(client, cast, ended):
    client.force_login(cast.clerk_a)
    staff = text_of(client.get(url("staff_detail", ended.pk)))
    assert "Còn 2 ý kiến chưa được giải trình, tiếp thu" in staff
    refused = client.post(url("publish_results", ended.pk), {"summary": "Tổng hợp", "result_number": "35/BC"})
    assert refused.status_code == 400 and "Còn 2 ý kiến chưa được giải trình" in text_of(refused)
    for n, comment in enumerate(ended.comments.all()):
        client.post(
            url("comment_respond", ended.pk, comment.pk), {"kind": "explained", "response": f"Trả lời số {n}"}
        )
    response = client.post(
        url("publish_results", ended.pk),
        {"summary": "Nhân dân thống nhất với dự thảo.", "result_number": "35/BC-UBND"},
    )
    assert response.status_code == 302
    ended.refresh_from_db()
    disclosure = ended.result_disclosure
    # The clerk submits; the results are published when the approver publishes the disclosure.
    assert ended.state == ConsultationState.CLOSED and ended.results_published_at is None
    assert (disclosure.item.article, disclosure.item.clause, disclosure.state) == (11, 11, State.SUBMITTED)
    staff = text_of(client.get(url("staff_detail", ended.pk)))
    assert f"/staff/disclosures/{disclosure.pk}/" in staff and "chờ lãnh đạo phê duyệt" in staff
    assert client.post(reverse("disclosures:publish", args=[disclosure.pk])).status_code == 403
    client.force_login(cast.approver_a)
    assert (
        client.post(reverse("disclosures:publish", args=[disclosure.pk]), {"confirm": "1"}).status_code == 302
    )
    ended.refresh_from_db()
    disclosure.refresh_from_db()
    assert ended.state == ConsultationState.RESULTS_PUBLISHED and disclosure.state == State.PUBLISHED
    assert ended.results_published_at == disclosure.published_at

    client.logout()
    public = text_of(client.get(url("detail", ended.pk)))
    for text in (
        "Ý kiến thứ nhất",
        "Ý kiến tại hội nghị",
        "Trả lời số 0",
        "Trả lời số 1",
        "Nhân dân thống nhất",
    ):
        assert text in public
    assert reverse("disclosures:detail", args=[disclosure.pk]) in public
    assert ended.title in text_of(client.get(url("board", cast.a.code)))


def test_after_the_period_the_comment_form_is_gone_and_a_post_is_refused(client, make_consultation):
    c = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=40))  # job not run yet
    page = text_of(client.get(url("detail", c.pk)))
    assert 'id="gui-gop-y"' not in page and "Thời gian lấy ý kiến đã kết thúc" in page
    response = client.post(url("comment", c.pk), {"text": CITIZEN_TEXT, "form_token": str(uuid.uuid4())})
    assert response.status_code == 400 and not Comment.objects.exists()


# --- Permissions ----------------------------------------------------------------------------------


def test_an_outsider_gets_404_on_an_agency_consultation_and_its_documents(client, cast, make_consultation):
    c = make_consultation(cast.agency_a, opened_on=timezone.localdate() - dt.timedelta(days=1))
    from consultations.models import DraftDocument

    doc = DraftDocument.objects.create(
        consultation=c, file="consultations/x.pdf", original_name="x.pdf", content_type="application/pdf",
        size=1, sha256="0" * 64,
    )  # fmt: skip
    public_paths = (url("detail", c.pk), url("document", doc.pk))
    for path in public_paths:
        assert client.get(path).status_code == 404
    assert client.post(url("comment", c.pk), {"text": "x"}).status_code == 404
    for user in (cast.nobody, cast.clerk_b, cast.reviewer_q):
        client.force_login(user)
        for path in (*public_paths, url("staff_detail", c.pk), url("comments_xlsx", c.pk)):
            assert client.get(path).status_code == 404, (user, path)
        assert client.post(url("comment", c.pk), {"text": "x"}).status_code == 404
        assert client.post(url("open", c.pk)).status_code == 404
    client.force_login(cast.staff_agency_a)
    assert client.get(url("detail", c.pk)).status_code == 200


def test_inspectors_and_reviewers_get_403_on_writes(client, cast, running):
    for user in (cast.inspector_a, cast.reviewer_p):
        client.force_login(user)
        assert client.get(url("staff_detail", running.pk)).status_code == 200
        assert client.post(url("open", running.pk)).status_code == 403
        assert client.post(url("publish_results", running.pk), {"summary": "x"}).status_code == 403
        assert client.get(url("create", cast.a.code)).status_code == 403


def test_clerk_b_gets_404_on_commune_a_drafts(client, cast, make_consultation):
    draft = make_consultation()
    client.force_login(cast.clerk_b)
    for path in (url("detail", draft.pk), url("staff_detail", draft.pk), url("create", cast.a.code)):
        assert client.get(path).status_code == 404
    assert client.post(url("open", draft.pk)).status_code == 404
    client.logout()
    assert client.get(url("detail", draft.pk)).status_code == 404
    assert draft.title not in text_of(client.get(url("board", cast.a.code)))


# --- Export and queries ---------------------------------------------------------------------------


def test_the_xlsx_opens_and_a_comment_starting_with_equals_stays_text(client, cast, ended):
    c = ended
    actions.add_comment(
        c, text='=HYPERLINK("http://evil.example","x")', channel=CommentChannel.BOX,
        received_at=c.opened_at + dt.timedelta(days=2), by=cast.clerk_a, name="Người gửi",
    )  # fmt: skip
    client.force_login(cast.clerk_a)
    response = client.get(url("comments_xlsx", c.pk))
    assert response.status_code == 200 and "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][5] == "Nội dung ý kiến" and len(rows) == 4
    assert rows[2][2] == "Hội nghị" and rows[2][3] == 28
    cell = sheet.cell(row=4, column=6)
    assert cell.data_type == "s" and not str(cell.value).startswith("=")
    assert all("Người gửi" not in str(v) for row in rows for v in row)


def _with_comments(make_consultation, n):
    c = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=40))
    Comment.objects.bulk_create(
        Comment(consultation=c, text=f"Ý kiến {i}", received_at=c.opened_at, response="Tiếp thu",
                response_kind="accepted", responded_at=c.opened_at)
        for i in range(n)
    )  # fmt: skip
    actions.close_due_consultations()
    return c


def test_the_public_page_runs_the_same_queries_with_5_or_40_comments(client, make_consultation):
    counts = []
    for n in (5, 40):
        c = _with_comments(make_consultation, n)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url("detail", c.pk))
        assert page.status_code == 200 and f"Ý kiến {n - 1}" in text_of(page)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_draft_document_downloads_under_the_extension_of_its_real_type(client, cast, make_consultation):
    from consultations.actions import attach_documents
    from democracy.uploads import check_upload

    c = make_consultation()
    upload = SimpleUploadedFile("du-thao.exe", PDF_BYTES, content_type="application/octet-stream")
    (doc,) = attach_documents(c, [check_upload(upload)], by=cast.clerk_a)
    client.force_login(cast.clerk_a)
    response = client.get(url("document", doc.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="du-thao.pdf"'
    assert response["Content-Security-Policy"] == "sandbox"


def test_a_plan_without_a_draft_cannot_be_opened_and_says_why(client, cast, make_consultation):
    plan = make_consultation()
    client.force_login(cast.approver_a)
    staff = text_of(client.get(url("staff_detail", plan.pk)))
    assert "Chưa có dự thảo" in staff and url("open_confirm", plan.pk) not in staff
    step = client.get(url("open_confirm", plan.pk))
    assert (
        step.status_code == 409
        and "Chưa có dự thảo" in text_of(step)
        and 'name="confirm"' not in text_of(step)
    )
    forced = client.post(url("open", plan.pk), {"confirm": "1"})
    assert forced.status_code == 302
    plan.refresh_from_db()
    assert plan.state == ConsultationState.DRAFT
    assert "Chưa có dự thảo" in text_of(client.get(forced.url))


def test_the_confirmation_step_says_when_comments_end_and_what_is_made_public(
    client, cast, make_consultation
):
    plan = make_consultation()
    upload = io.BytesIO(PDF_BYTES)
    upload.name = "du-thao-quy-che.pdf"
    client.force_login(cast.clerk_a)
    client.post(url("upload", plan.pk), {"files": upload})
    step = client.get(url("open_confirm", plan.pk))
    page = text_of(step)
    expected = actions.opening_period(plan)
    assert step.status_code == 200
    assert f"ngày {expected.date:%d/%m/%Y}" in page and "du-thao-quy-che.pdf" in page
    assert "20 ngày" in page and 'name="confirm" value="1"' in page
    plan.refresh_from_db()
    assert plan.state == ConsultationState.DRAFT  # looking at the step changes nothing


def test_documents_are_added_while_open_as_new_versions_with_a_reason(client, cast, running):
    client.force_login(cast.clerk_a)
    staff = text_of(client.get(url("staff_detail", running.pk)))
    assert url("upload", running.pk) in staff and "Lý do bổ sung, thay thế" in staff

    def send(note=""):
        upload = io.BytesIO(PDF_BYTES)
        upload.name = "du-thao.pdf"
        return client.post(url("upload", running.pk), {"files": upload, "note": note})

    missing = send()
    assert missing.status_code == 400 and "hãy ghi lý do bổ sung" in text_of(missing)
    assert running.documents.count() == 1
    assert send("Sửa Điều 3 theo góp ý của thôn").status_code == 302
    newest = running.documents.order_by("-pk").first()
    assert newest.version == 2 and running.documents.count() == 2
    public = text_of(Client().get(url("detail", running.pk)))
    assert "phiên bản 2" in public and "bổ sung ngày" in public
