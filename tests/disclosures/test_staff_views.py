import datetime as dt
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from democracy.models import AuditEvent
from disclosures import actions
from disclosures.models import Channel, Disclosure, Document, Feedback, Record, State
from units.models import Membership, Role

from .conftest import HCM, PDF_BYTES, attach, item

OLD_DECISION = dt.date(2024, 2, 7)  # + 5 working days, skipping Tết → 21/02/2024


def form_data(cast, **overrides):
    data = {
        "item": item(11, 2).pk,
        "title": "Dự toán ngân sách xã năm 2024",
        "summary": "Dự toán thu, chi ngân sách xã năm 2024 đã được HĐND xã quyết định.",
        "body": "Tổng thu 12,5 tỷ đồng; tổng chi 12,1 tỷ đồng.",
        "decision_number": "45/NQ-HĐND",
        "decision_date": "07/02/2024",
        "decision_issuer": "Hội đồng nhân dân xã",
        "forms": ["a", "b"],
        "posted_at_office": "on",
        "villages": [cast.village_a.pk],
        "other_places": "",
        "window_days": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def page(response) -> str:
    return response.content.decode()


def recent_submission(make_disclosure, **fields):
    """Submitted today for a decision of today: publishing now is on time."""
    return make_disclosure(state="submitted", decision_date=timezone.localdate(), **fields)


def open_posting(make_disclosure):
    """Published yesterday, so its window is open now."""
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    return make_disclosure(
        state="published", decision_date=yesterday - dt.timedelta(days=1), published_on=yesterday
    )


# --- The form ----------------------------------------------------------------------------------


def test_a_clerk_creates_a_draft_through_the_form_and_sees_the_deadline_explanation(client, cast):
    client.force_login(cast.clerk_a)
    url = reverse("disclosures:create", args=[cast.a.code])
    response = client.post(url, form_data(cast))
    draft = Disclosure.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("disclosures:staff_detail", args=[draft.pk])
    # dd/mm/yyyy is read day-first.
    assert draft.decision_date == dt.date(2024, 2, 7)
    assert (draft.state, draft.unit, draft.created_by) == (State.DRAFT, cast.a, cast.clerk_a)
    assert draft.forms == ["a", "b"]
    assert list(draft.posting_villages.all()) == [cast.village_a]
    detail = page(client.get(response.url))
    assert "Đã lưu bản nháp “Dự toán ngân sách xã năm 2024”. Hạn công khai: 21/02/2024." in detail
    assert "Quyết định ngày 07/02/2024 + 5 ngày làm việc, bỏ qua Tết Nguyên Đán" in detail
    assert "Thôn Đồng Bông" in detail


def test_the_form_offers_only_the_items_of_article_11_with_their_rules(client, cast):
    client.force_login(cast.clerk_a)
    html = page(client.get(reverse("disclosures:create", args=[cast.a.code])))
    assert "Điều 11 khoản 2 – Dự toán" in html
    assert "Điều 46 khoản" not in html
    assert 'data-rules="Niêm yết tối thiểu 30 ngày liên tục; phát trên hệ thống truyền thanh 3 ngày' in html
    assert 'placeholder="Tối thiểu 30 ngày"' in html
    assert 'placeholder="nn/tt/nnnn"' in html
    assert 'name="form_token"' in html and 'name="preview"' in html
    # A checkbox group is a fieldset with a legend; the villages of the commune are offered.
    assert "<legend>Hình thức công khai</legend>" in html
    assert "Thôn Đồng Bông" in html and "Thôn Hố Cả" not in html


def test_the_same_form_sent_twice_creates_one_draft(client, cast):
    client.force_login(cast.clerk_a)
    url = reverse("disclosures:create", args=[cast.a.code])
    data = form_data(cast)
    first = client.post(url, data)
    second = client.post(url, data)
    assert Disclosure.objects.count() == 1
    assert first.url == second.url


def test_the_preview_button_shows_the_deadline_and_the_window_without_saving(client, cast):
    client.force_login(cast.clerk_a)
    url = reverse("disclosures:create", args=[cast.a.code])
    response = client.post(url, form_data(cast, preview="1", title="", item=item(11, 7).pk))
    html = page(response)
    assert response.status_code == 200
    assert not Disclosure.objects.exists()
    assert "Hạn công khai: 21/02/2024</strong> — Quyết định ngày 07/02/2024 + 5 ngày làm việc" in html
    assert "Đã quá hạn công khai: khi phê duyệt phải nêu lý do công khai muộn." in html
    today = timezone.localdate()
    window = actions.window(item(11, 7), today, None)
    assert f"Nếu công khai hôm nay ({today:%d/%m/%Y}), niêm yết đến hết ngày {window.date:%d/%m/%Y}" in html
    assert "Niêm yết tối thiểu 30 ngày liên tục; phát trên hệ thống truyền thanh 3 ngày" in html
    # The preview is about dates: the empty title is not reported yet, and nothing was saved.
    assert "Hãy nhập tiêu đề." not in html
    assert "chưa được lưu" in html


def test_a_permanent_item_shows_that_it_never_closes(client, cast):
    client.force_login(cast.clerk_a)
    url = reverse("disclosures:create", args=[cast.a.code])
    html = page(client.post(url, form_data(cast, preview="1", item=item(11, 4).pk)))
    assert "Niêm yết thường xuyên: không có ngày kết thúc" in html


def test_a_window_shorter_than_the_legal_minimum_is_refused_with_the_message(client, cast):
    client.force_login(cast.clerk_a)
    url = reverse("disclosures:create", args=[cast.a.code])
    response = client.post(url, form_data(cast, window_days="20"))
    html = page(response)
    assert response.status_code == 200
    assert "Thời gian niêm yết không được ít hơn 30 ngày liên tục" in html
    # The message is on its field and the field points at it.
    assert (
        'id="id_window_days_error"' in html
        and 'aria-describedby="id_window_days_helptext id_window_days_error"' in html
    )
    assert not Disclosure.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"decision_date": "31/02/2024"}, "Ngày ban hành phải có dạng ngày/tháng/năm, ví dụ 07/02/2024."),
        ({"decision_date": "01/01/2099"}, "Ngày ban hành không được sau ngày hôm nay."),
        ({"decision_date": "01/01/2999"}, "Ngày phải trong khoảng từ 01/01/1995 đến 31/12/2099."),
        ({"decision_date": "31/12/1994"}, "Ngày phải trong khoảng từ 01/01/1995 đến 31/12/2099."),
        ({"villages": [str(2**63)]}, f"«{2**63}» không phải một lựa chọn hợp lệ."),
        ({"villages": ["abc"]}, "«abc» không phải một lựa chọn hợp lệ."),
        ({"title": ""}, "Hãy nhập tiêu đề."),
        ({"forms": []}, "Hãy chọn ít nhất một hình thức công khai."),
        ({"item": item}, "Hãy chọn một nội dung trong danh sách."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_saved(client, cast, overrides, message):
    if overrides.get("item") is item:
        overrides = {"item": item(46, 3, "agency").pk}  # an agency item on a commune's form
    client.force_login(cast.clerk_a)
    response = client.post(reverse("disclosures:create", args=[cast.a.code]), form_data(cast, **overrides))
    assert response.status_code == 200
    assert message in page(response)
    assert not Disclosure.objects.exists()


def test_a_clerk_edits_a_draft_and_the_change_is_audited(client, cast, make_disclosure):
    draft = make_disclosure()
    client.force_login(cast.clerk_a)
    url = reverse("disclosures:edit", args=[draft.pk])
    form = page(client.get(url))
    assert 'value="07/02/2024"' in form and "Hạn công khai: 21/02/2024" in form
    response = client.post(url, form_data(cast, title="Dự toán ngân sách xã năm 2024 (bổ sung)", villages=[]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Dự toán ngân sách xã năm 2024 (bổ sung)"
    edited = AuditEvent.objects.of(draft).get(action="edited")
    assert "title" in edited.changes
    assert "tiêu đề" in page(client.get(reverse("disclosures:staff_detail", args=[draft.pk])))


def test_a_published_disclosure_cannot_be_edited_in_place(client, cast, make_disclosure):
    published = make_disclosure(state="published")
    client.force_login(cast.clerk_a)
    response = client.post(
        reverse("disclosures:edit", args=[published.pk]), form_data(cast, title="Khác"), follow=True
    )
    assert "Chỉ sửa được bản nháp" in page(response)
    published.refresh_from_db()
    assert published.title == "Dự toán ngân sách xã năm 2024"


def test_an_agency_clerk_creates_an_article_46_disclosure(client, cast):
    Membership.objects.create(user=cast.staff_agency_a, role=Role.CLERK, agency=cast.agency_a)
    client.force_login(cast.staff_agency_a)
    url = reverse("disclosures:create_for_agency", args=[cast.agency_a.code])
    html = page(client.get(url))
    assert "Điều 46 khoản 2 – " in html and "Điều 11 khoản" not in html
    assert "Hội nghị cán bộ" in html or "hội nghị cán bộ" in html
    assert "Thôn Đồng Bông" not in html
    data = form_data(
        cast, item=item(46, 2, "agency").pk, forms=["a", "c"], title="Kế hoạch công tác năm 2024"
    )
    del data["villages"]
    response = client.post(url, data)
    assert response.status_code == 302
    disclosure = Disclosure.objects.get()
    assert (disclosure.agency, disclosure.unit, disclosure.item.article) == (cast.agency_a, None, 46)
    assert disclosure.is_internal


def test_a_disclosure_cannot_be_created_for_a_province(client, cast):
    client.force_login(cast.admin)
    assert client.get(reverse("disclosures:create", args=[cast.province.code])).status_code == 404


# --- Documents -------------------------------------------------------------------------------


def test_a_clerk_uploads_a_pdf(client, cast, make_disclosure, pdf_upload):
    draft = make_disclosure()
    client.force_login(cast.clerk_a)
    response = client.post(
        reverse("disclosures:upload", args=[draft.pk]), {"files": [pdf_upload]}, follow=True
    )
    document = Document.objects.get(disclosure=draft)
    assert (document.original_name, document.content_type, document.size) == (
        "du-toan.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert document.uploaded_by == cast.clerk_a
    assert "Đã đính kèm 1 tệp." in page(response)
    assert reverse("disclosures:document", args=[document.pk]) in page(response)


def test_an_exe_renamed_pdf_is_refused(client, cast, make_disclosure):
    draft = make_disclosure()
    client.force_login(cast.clerk_a)
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 500, content_type="application/pdf")
    response = client.post(reverse("disclosures:upload", args=[draft.pk]), {"files": [fake]})
    assert response.status_code == 200
    assert "Tệp “bao-cao.pdf” không phải PDF, DOCX, XLSX, JPG hoặc PNG." in page(response)
    assert not Document.objects.exists()


def test_one_bad_file_among_several_saves_none(client, cast, make_disclosure, pdf_upload):
    draft = make_disclosure()
    client.force_login(cast.clerk_a)
    bad = SimpleUploadedFile("x.exe", b"MZ" + b"\x00" * 10)
    client.post(reverse("disclosures:upload", args=[draft.pk]), {"files": [pdf_upload, bad]})
    assert not Document.objects.exists()


@override_settings(DOCUMENT_MAX_BYTES=2 * 1024 * 1024)
def test_an_oversized_file_is_refused(client, cast, make_disclosure):
    draft = make_disclosure()
    client.force_login(cast.clerk_a)
    big = SimpleUploadedFile("quy-hoach.pdf", PDF_BYTES + b"0" * (2 * 1024 * 1024))
    response = client.post(reverse("disclosures:upload", args=[draft.pk]), {"files": [big]})
    assert "Tệp “quy-hoach.pdf” vượt quá 2 MB." in page(response)
    assert not Document.objects.exists()


def test_a_document_is_deleted_only_while_draft(client, cast, make_disclosure):
    draft = make_disclosure()
    document = attach(draft)
    client.force_login(cast.clerk_a)
    html = page(client.get(reverse("disclosures:staff_detail", args=[draft.pk])))
    assert reverse("disclosures:document_delete", args=[draft.pk, document.pk]) in html
    actions.submit(draft, by=cast.clerk_a)
    response = client.post(reverse("disclosures:document_delete", args=[draft.pk, document.pk]), follow=True)
    assert "Chỉ xóa được tài liệu khi thông tin còn là bản nháp." in page(response)
    assert Document.objects.filter(pk=document.pk).exists()
    # Nor can anything be attached any more.
    response = client.post(
        reverse("disclosures:upload", args=[draft.pk]),
        {"files": [SimpleUploadedFile("a.pdf", PDF_BYTES)]},
        follow=True,
    )
    assert "Chỉ đính kèm được tài liệu khi thông tin còn là bản nháp." in page(response)


def test_a_clerk_removes_a_document_from_a_draft(client, cast, make_disclosure):
    draft = make_disclosure()
    document = attach(draft)
    client.force_login(cast.clerk_a)
    response = client.post(reverse("disclosures:document_delete", args=[draft.pk, document.pk]), follow=True)
    assert "Đã xóa tệp “du-toan.pdf”." in page(response)
    assert not Document.objects.exists()


# --- Submit, approve, return, withdraw, correct ---------------------------------------------


def test_a_clerk_submits_a_draft_and_a_second_click_is_harmless(client, cast, make_disclosure):
    draft = make_disclosure()
    client.force_login(cast.clerk_a)
    url = reverse("disclosures:submit", args=[draft.pk])
    assert "Đã trình phê duyệt." in page(client.post(url, follow=True))
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    again = page(client.post(url, {"confirm": "1"}, follow=True))
    assert "Không có thay đổi: thông tin này đang ở trạng thái “Chờ phê duyệt”." in again
    assert AuditEvent.objects.of(draft).filter(action="submitted").count() == 1


def test_a_draft_without_body_or_documents_cannot_be_submitted(client, cast, make_disclosure):
    draft = make_disclosure(body="")
    client.force_login(cast.clerk_a)
    response = client.post(reverse("disclosures:submit", args=[draft.pk]), follow=True)
    assert "Hãy nhập nội dung hoặc đính kèm ít nhất một tài liệu trước khi trình duyệt." in page(response)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_only_an_approver_sees_the_approval_buttons(client, cast, make_disclosure):
    submitted = recent_submission(make_disclosure)
    url = reverse("disclosures:staff_detail", args=[submitted.pk])
    client.force_login(cast.clerk_a)
    assert reverse("disclosures:publish", args=[submitted.pk]) not in page(client.get(url))
    client.force_login(cast.approver_a)
    html = page(client.get(url))
    assert reverse("disclosures:publish", args=[submitted.pk]) in html
    assert reverse("disclosures:return", args=[submitted.pk]) in html
    # On time: no late reason asked.
    assert "late_reason" not in html


def test_the_approver_publishes_on_time(client, cast, make_disclosure):
    submitted = recent_submission(make_disclosure)
    client.force_login(cast.approver_a)
    url = reverse("disclosures:publish", args=[submitted.pk])
    # First the step that says what will happen: the end of the window and the record's number.
    step = client.post(url)
    expected = actions.publication_preview(submitted)
    assert step.status_code == 200 and 'name="confirm" value="1"' in page(step)
    assert f"ngày {expected['window_end']:%d/%m/%Y}" in page(
        step
    ) and "Biên bản niêm yết số 1/BB-UBND" in page(step)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    html = page(client.post(url, {"confirm": "1"}, follow=True))
    submitted.refresh_from_db()
    assert submitted.state == State.PUBLISHED and not submitted.is_late
    assert submitted.records.get().number == "1/BB-UBND"
    assert f"Đã phê duyệt và công khai. Niêm yết đến hết ngày {submitted.window_end:%d/%m/%Y}." in html
    assert submitted.window_explanation in html
    record = Record.objects.get(disclosure=submitted, kind=Record.Kind.POSTING)
    # Its PDF is made by a task after the commit: listed, without a link until the file exists.
    assert f"số {record.number}" in html and "tệp PDF đang được tạo" in html
    assert reverse("disclosures:record", args=[record.pk]) not in html
    again = page(client.post(url, {"confirm": "1"}, follow=True))
    assert "Không có thay đổi: thông tin này đang ở trạng thái “Đang công khai”." in again


def test_publishing_after_the_deadline_needs_a_late_reason(client, cast, make_disclosure):
    submitted = make_disclosure(state="submitted", decision_date=OLD_DECISION)
    client.force_login(cast.approver_a)
    detail = page(client.get(reverse("disclosures:staff_detail", args=[submitted.pk])))
    assert 'name="late_reason"' in detail
    url = reverse("disclosures:publish", args=[submitted.pk])
    step = page(client.post(url, {"late_reason": "  "}))
    assert "Đã quá hạn công khai (21/02/2024)" in step and 'name="late_reason"' in step
    response = client.post(url, {"late_reason": "  ", "confirm": "1"})
    assert response.status_code == 200
    assert "Đã quá hạn công khai (21/02/2024): hãy nêu lý do công khai muộn." in page(response)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    client.post(url, {"late_reason": "Chờ bản ký của Chủ tịch", "confirm": "1"})
    submitted.refresh_from_db()
    assert submitted.state == State.PUBLISHED and submitted.is_late
    assert submitted.late_reason == "Chờ bản ký của Chủ tịch"


def test_the_approver_returns_with_a_reason_and_the_clerk_sees_it(client, cast, make_disclosure):
    submitted = recent_submission(make_disclosure)
    client.force_login(cast.approver_a)
    url = reverse("disclosures:return", args=[submitted.pk])
    response = client.post(url, {"reason": ""})
    assert "Hãy nêu lý do trả lại để công chức biết cần sửa gì." in page(response)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    client.post(url, {"reason": "Thiếu phụ lục chi tiết các khoản chi"})
    submitted.refresh_from_db()
    assert submitted.state == State.DRAFT
    client.force_login(cast.clerk_a)
    detail = page(client.get(reverse("disclosures:staff_detail", args=[submitted.pk])))
    assert "Người phê duyệt đã trả lại bản nháp này." in detail
    assert "Thiếu phụ lục chi tiết các khoản chi" in detail
    assert "Bị trả lại" in page(client.get(reverse("disclosures:workspace")))


def test_withdrawing_needs_a_reason(client, cast, make_disclosure):
    published = open_posting(make_disclosure)
    client.force_login(cast.approver_a)
    url = reverse("disclosures:withdraw", args=[published.pk])
    response = client.post(url, {"reason": ""})
    assert "Thu hồi thông tin đã công khai phải ghi rõ lý do." in page(response)
    published.refresh_from_db()
    assert published.state == State.PUBLISHED
    html = page(client.post(url, {"reason": "Quyết định đã bị hủy bỏ"}, follow=True))
    published.refresh_from_db()
    assert published.state == State.WITHDRAWN and published.withdrawn_reason == "Quyết định đã bị hủy bỏ"
    assert "Đã thu hồi, lý do: Quyết định đã bị hủy bỏ" in html


def test_a_correction_creates_version_2_and_both_stay(client, cast, make_disclosure):
    published = make_disclosure(state="published")
    client.force_login(cast.clerk_a)
    url = reverse("disclosures:correct", args=[published.pk])
    assert "Hãy nêu lý do đính chính." in page(client.post(url, {"reason": ""}))
    response = client.post(url, {"reason": "Sai số liệu tổng chi"})
    new = Disclosure.objects.get(supersedes=published)
    assert response.url == reverse("disclosures:edit", args=[new.pk])
    assert (new.version, new.state, new.correction_reason) == (2, State.DRAFT, "Sai số liệu tổng chi")
    published.refresh_from_db()
    assert published.state == State.PUBLISHED
    old_page = page(client.get(reverse("disclosures:staff_detail", args=[published.pk])))
    assert "Được thay thế bằng phiên bản 2" in old_page
    new_page = page(client.get(reverse("disclosures:staff_detail", args=[new.pk])))
    assert "Thay thế phiên bản 1" in new_page and "Sai số liệu tổng chi" in new_page


# --- Feedback --------------------------------------------------------------------------------


def test_the_clerk_answers_feedback_and_hides_one_with_a_reason(client, cast, make_disclosure):
    published = open_posting(make_disclosure)
    question = actions.add_feedback(published, text="Khoản chi sửa đường thôn là bao nhiêu?")
    spam = actions.add_feedback(published, text="Quảng cáo vay tiền nhanh", kind=Feedback.Kind.COMMENT)
    client.force_login(cast.clerk_a)
    workspace = page(client.get(reverse("disclosures:workspace")))
    assert "2 câu hỏi chờ trả lời" in workspace

    url = reverse("disclosures:feedback_answer", args=[published.pk, question.pk])
    assert "Hãy nhập nội dung trả lời." in page(client.post(url, {"answer": " "}))
    response = client.post(url, {"answer": "Khoản chi sửa đường thôn là 850 triệu đồng."})
    assert response.url.endswith(f"#feedback-{question.pk}")
    question.refresh_from_db()
    assert (
        question.answer == "Khoản chi sửa đường thôn là 850 triệu đồng."
        and question.answered_by == cast.clerk_a
    )

    hide = reverse("disclosures:feedback_hide", args=[published.pk, spam.pk])
    assert "Ẩn câu hỏi, ý kiến phải ghi rõ lý do." in page(client.post(hide, {"reason": ""}))
    client.post(hide, {"reason": "Quảng cáo, không liên quan"})
    spam.refresh_from_db()
    assert spam.is_hidden and spam.hidden_reason == "Quảng cáo, không liên quan"
    # Never deleted: both are still there, and the staff page still shows the hidden one with its reason.
    assert Feedback.objects.filter(disclosure=published).count() == 2
    detail = page(client.get(reverse("disclosures:staff_detail", args=[published.pk])))
    assert "Quảng cáo vay tiền nhanh" in detail and "lý do: Quảng cáo, không liên quan" in detail
    assert "câu hỏi chờ trả lời" not in page(client.get(reverse("disclosures:workspace")))


def test_the_clerk_records_feedback_received_on_zalo_once(client, cast, make_disclosure):
    published = open_posting(make_disclosure)
    client.force_login(cast.clerk_a)
    html = page(client.get(reverse("disclosures:staff_detail", args=[published.pk])))
    assert 'value="online"' not in html and 'value="zalo"' in html
    received = timezone.localtime() - dt.timedelta(minutes=5)
    data = {
        "channel": "zalo",
        "kind": "question",
        "received_at": f"{received:%d/%m/%Y %H:%M}",
        "text": "Bao giờ làm đường thôn Đồng Bông?",
        "name": "Nguyễn Văn A",
        "contact": "0912 345 678",
        "form_token": str(uuid.uuid4()),
    }
    url = reverse("disclosures:feedback_record", args=[published.pk])
    client.post(url, data)
    client.post(url, data)
    feedback = Feedback.objects.get(disclosure=published)
    assert (feedback.channel, feedback.recorded_by, feedback.name) == (
        Channel.ZALO,
        cast.clerk_a,
        "Nguyễn Văn A",
    )
    assert timezone.localtime(feedback.received_at).strftime("%d/%m/%Y %H:%M") == data["received_at"]
    before = {**data, "received_at": "01/01/2020 08:00", "form_token": str(uuid.uuid4())}
    assert "Chỉ ghi nhận ý kiến nhận được trong thời gian niêm yết." in page(client.post(url, before))


# --- Who may do what ------------------------------------------------------------------------

OK, FORBIDDEN, NOT_FOUND, LOGIN = "ok", 403, 404, "login"
READ = ["staff_detail"]
WRITE = ["edit", "submit", "upload", "correct", "feedback_record"]
APPROVE = ["publish", "return", "withdraw"]
GET_URLS = {"staff_detail", "edit"}


def expect(read, write, approve):
    return {**dict.fromkeys(READ, read), **dict.fromkeys(WRITE, write), **dict.fromkeys(APPROVE, approve)}


ALL_OK = expect(OK, OK, OK)
CLERK = expect(OK, OK, FORBIDDEN)
READ_ONLY = expect(OK, FORBIDDEN, FORBIDDEN)
HIDDEN = expect(NOT_FOUND, NOT_FOUND, NOT_FOUND)
# Someone with no role on a public disclosure: the staff page is not for them (404), writes are 403.
OUTSIDER_ON_PUBLIC = expect(NOT_FOUND, FORBIDDEN, FORBIDDEN)
MATRIX = {
    # user: (draft of commune A, published of A, draft of agency A)
    "clerk_a": (CLERK, CLERK, HIDDEN),
    "approver_a": (ALL_OK, ALL_OK, HIDDEN),
    "inspector_a": (READ_ONLY, READ_ONLY, HIDDEN),
    "reviewer_p": (READ_ONLY, READ_ONLY, READ_ONLY),
    "clerk_b": (HIDDEN, OUTSIDER_ON_PUBLIC, HIDDEN),
    "staff_agency_a": (HIDDEN, OUTSIDER_ON_PUBLIC, READ_ONLY),
    "anonymous": (expect(LOGIN, LOGIN, LOGIN),) * 3,
}


def outcome(response):
    if response.status_code in (200, 302):
        if response.status_code == 302 and response.url.startswith(reverse("login")):
            return LOGIN
        return OK
    return response.status_code


@pytest.mark.parametrize("who", MATRIX)
def test_the_permission_matrix(client, cast, make_disclosure, who):
    objects = {
        "draft of A": make_disclosure(),
        "published of A": make_disclosure(state="published"),
        "agency draft": make_disclosure(cast.agency_a),
    }
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    failures = []
    for (label, disclosure), expected in zip(objects.items(), MATRIX[who], strict=True):
        for name, wanted in expected.items():
            url = reverse(f"disclosures:{name}", args=[disclosure.pk])
            response = client.get(url) if name in GET_URLS else client.post(url, {})
            if outcome(response) != wanted:
                failures.append(f"{who} {name} on {label}: got {outcome(response)}, expected {wanted}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "who, unit_url, agency_url",
    [
        ("clerk_a", OK, NOT_FOUND),
        ("approver_a", OK, NOT_FOUND),
        ("inspector_a", FORBIDDEN, NOT_FOUND),
        ("reviewer_p", FORBIDDEN, FORBIDDEN),
        ("clerk_b", NOT_FOUND, NOT_FOUND),
        ("staff_agency_a", NOT_FOUND, FORBIDDEN),
        ("anonymous", LOGIN, LOGIN),
    ],
)
def test_who_may_open_the_new_disclosure_form(client, cast, who, unit_url, agency_url):
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    assert outcome(client.get(reverse("disclosures:create", args=[cast.a.code]))) == unit_url
    assert (
        outcome(client.get(reverse("disclosures:create_for_agency", args=[cast.agency_a.code]))) == agency_url
    )


@pytest.mark.parametrize(
    "who, on_feedback, on_document",
    [
        ("clerk_a", OK, OK),
        ("approver_a", OK, OK),
        ("inspector_a", FORBIDDEN, FORBIDDEN),
        ("reviewer_p", FORBIDDEN, FORBIDDEN),
        ("clerk_b", FORBIDDEN, NOT_FOUND),  # the published one is public, the draft is not
        ("staff_agency_a", FORBIDDEN, NOT_FOUND),
        ("anonymous", LOGIN, LOGIN),
    ],
)
def test_who_may_answer_hide_feedback_and_delete_documents(
    client, cast, make_disclosure, who, on_feedback, on_document
):
    published = open_posting(make_disclosure)
    feedback = actions.add_feedback(published, text="Câu hỏi")
    draft = make_disclosure()
    document = attach(draft)
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    for name in ("feedback_answer", "feedback_hide"):
        response = client.post(reverse(f"disclosures:{name}", args=[published.pk, feedback.pk]), {})
        assert outcome(response) == on_feedback, name
    response = client.post(reverse("disclosures:document_delete", args=[draft.pk, document.pk]))
    assert outcome(response) == on_document
    feedback.refresh_from_db()
    assert not feedback.is_hidden and not feedback.answer
    assert Document.objects.filter(pk=document.pk).exists() == (on_document != OK)


def test_feedback_and_documents_of_another_disclosure_cannot_be_reached_through_mine(
    client, cast, make_disclosure
):
    mine = open_posting(make_disclosure)
    other = make_disclosure(cast.b, by=cast.clerk_b)
    document = attach(other)
    feedback = actions.add_feedback(mine, text="Câu hỏi")
    client.force_login(cast.clerk_b)
    assert client.post(reverse("disclosures:document_delete", args=[mine.pk, document.pk])).status_code == 403
    client.force_login(cast.clerk_a)
    assert client.post(reverse("disclosures:document_delete", args=[mine.pk, document.pk])).status_code == 404
    assert (
        client.post(reverse("disclosures:feedback_answer", args=[other.pk, feedback.pk])).status_code == 404
    )
    assert Document.objects.filter(pk=document.pk).exists()


# --- The workspace --------------------------------------------------------------------------


def test_the_workspace_groups_by_state_with_the_overdue_first(client, cast, make_disclosure):
    make_disclosure(title="Bản nháp mới", decision_date=timezone.localdate())
    make_disclosure(title="Bản nháp quá hạn", decision_date=OLD_DECISION)
    published = open_posting(make_disclosure)
    published.title = "Đang niêm yết"
    published.save(update_fields=["title"])
    make_disclosure(cast.agency_a, title="Nội bộ cơ quan")
    make_disclosure(cast.b, by=cast.clerk_b, title="Của xã khác")
    client.force_login(cast.clerk_a)
    html = page(client.get(reverse("disclosures:workspace")))
    order = [
        html.index(text)
        for text in (
            "Đến hạn hoặc quá hạn công khai",
            "Bản nháp quá hạn",
            'id="group-2">Bản nháp',
            "Bản nháp mới",
            "Đang niêm yết",
        )
    ]
    assert order == sorted(order)
    assert "Nội bộ cơ quan" not in html and "Của xã khác" not in html
    assert "1 thông tin đã quá hạn công khai" in html
    assert reverse("disclosures:create", args=[cast.a.code]) in html
    filtered = page(client.get(reverse("disclosures:workspace"), {"state": "published"}))
    assert "Đang niêm yết" in filtered and "Bản nháp mới" not in filtered


def test_the_workspace_of_an_inspector_has_no_create_button(client, cast, make_disclosure):
    make_disclosure()
    client.force_login(cast.inspector_a)
    html = page(client.get(reverse("disclosures:workspace")))
    assert "Dự toán ngân sách xã năm 2024" in html
    assert reverse("disclosures:create", args=[cast.a.code]) not in html


def test_the_unit_workspace_links_to_the_disclosures(client, cast):
    client.force_login(cast.clerk_a)
    html = page(client.get(reverse("units:workspace")))
    assert reverse("disclosures:workspace") in html
    assert reverse("disclosures:create", args=[cast.a.code]) in html


@pytest.mark.parametrize("count", [5, 30])
def test_the_workspace_does_a_constant_number_of_queries(
    client, cast, make_disclosure, count, django_assert_max_num_queries
):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    for i in range(count):
        if i % 3 == 0:
            d = make_disclosure(title=f"Thông tin {i}")
        else:
            d = make_disclosure(
                state="published", decision_date=yesterday, published_on=yesterday, title=f"Thông tin {i}"
            )
            actions.add_feedback(d, text="Câu hỏi", received_at=timezone.now())
    client.force_login(cast.clerk_a)
    url = reverse("disclosures:workspace")
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert page(response).count('class="row"') == count


def test_the_workspace_does_the_same_queries_for_5_and_30_rows(client, cast, make_disclosure):
    client.force_login(cast.reviewer_p)
    url = reverse("disclosures:workspace")
    counts = []
    for total in (5, 30):
        while Disclosure.objects.count() < total:
            make_disclosure()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_workspace_pages_by_50(client, cast, make_disclosure):
    first = make_disclosure()
    Disclosure.objects.bulk_create(
        [
            Disclosure(
                unit=cast.a, item=first.item, title=f"Thông tin {i}", summary="-", decision_number="1",
                decision_date=OLD_DECISION, decision_issuer="UBND", posting_deadline=dt.date(2024, 2, 21),
            )
            for i in range(55)
        ]
    )  # fmt: skip
    client.force_login(cast.clerk_a)
    html = page(client.get(reverse("disclosures:workspace")))
    assert html.count('class="row"') == 50 and "Trang 1/2" in html
    assert page(client.get(reverse("disclosures:workspace"), {"page": 2})).count('class="row"') == 6


def test_published_windows_show_their_exact_end(client, cast, make_disclosure):
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    client.force_login(cast.clerk_a)
    html = page(client.get(reverse("disclosures:staff_detail", args=[d.pk])))
    assert "24 giờ 00 ngày 11/03/2024" in html
    assert d.window_explanation in html
    assert d.published_at == dt.datetime(2024, 2, 8, 9, tzinfo=HCM)
