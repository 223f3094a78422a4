"""The journey of issue 3 in Chromium: a clerk posts a budget disclosure with a PDF, the approver
publishes it, the posting record opens with correct Vietnamese text, a citizen asks a question on the
board, the clerk answers, the window closes by itself and the closing record lists the question."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from democracy.models import CatalogueItem
from disclosures import actions
from disclosures.models import Disclosure
from tests.disclosures.conftest import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-nghiem"
TITLE = "Dự toán thu, chi ngân sách xã Đồng Kỳ năm 2026"
QUESTION = "Khoản chi sửa đường liên thôn Đồng Bông lấy từ nguồn nào?"
ANSWER = "Từ nguồn vốn xây dựng nông thôn mới năm 2026."


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Không gian làm việc")


def log_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def pdf_text(page, link):
    response = page.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)


def test_a_budget_disclosure_from_draft_to_closing_record(page, cast, tmp_path, screenshot):
    budget = CatalogueItem.objects.get(scope="commune", article=11, clause=2)
    today = timezone.localdate()

    # The clerk fills in the form, attaches the PDF and submits.
    log_in(page, "clerk_a")
    page.goto("/staff/units/07282/disclosures/new/")
    page.get_by_label("Nội dung phải công khai").select_option(str(budget.pk))
    page.get_by_label("Tiêu đề").fill(TITLE)
    page.get_by_label("Tóm tắt").fill("Dự toán đã được Hội đồng nhân dân xã quyết định.")
    page.get_by_label("Số văn bản, quyết định").fill("45/NQ-HĐND")
    page.get_by_label("Ngày ban hành").fill(today.strftime("%d/%m/%Y"))
    page.get_by_label("Cơ quan ban hành").fill("Hội đồng nhân dân xã Đồng Kỳ")
    page.get_by_label("Niêm yết thông tin (Điều 12 khoản 1 điểm a)").check()
    page.get_by_label("Thôn Đồng Bông").check()  # Art. 13(2): the villages' community points too
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    pdf = tmp_path / "du-toan-2026.pdf"
    pdf.write_bytes(PDF_BYTES)
    page.get_by_label("Tệp đính kèm").set_input_files(str(pdf))
    page.get_by_role("button", name="Đính kèm", exact=True).click()
    expect(page.get_by_text("du-toan-2026.pdf").first).to_be_visible()
    page.get_by_role("button", name="Trình phê duyệt").click()
    expect(page.get_by_text("Chờ phê duyệt").first).to_be_visible()
    detail_url = page.url
    screenshot("journey-1-submitted")
    log_out(page)

    # The approver publishes; the posting record opens with correct Vietnamese text.
    log_in(page, "approver_a")
    page.goto(detail_url)
    page.get_by_role("button", name="Phê duyệt và công khai…").click()
    expect(page.get_by_text("Biên bản niêm yết số 1/BB-UBND")).to_be_visible()
    page.get_by_role("button", name="Xác nhận công khai").click()
    expect(page.get_by_text("Đang công khai").first).to_be_visible()
    text = pdf_text(page, page.get_by_role("link", name="Biên bản niêm yết số 1/BB-UBND"))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert TITLE in text.replace("\n", " ")
    log_out(page)

    # A citizen finds it on the board and asks a question.
    page.goto("/")
    page.get_by_label("Tên xã, phường, đặc khu hoặc tỉnh").fill("dong ky")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Xã Đồng Kỳ").click()
    page.get_by_role("link", name="Bảng tin công khai").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Nội dung").fill(QUESTION)
    page.get_by_role("button", name="Gửi").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi câu hỏi")
    screenshot("journey-2-question")

    # The clerk answers; the answer is published under the question.
    log_in(page, "clerk_a")
    page.goto(detail_url)
    page.get_by_role("textbox", name="Trả lời").fill(ANSWER)
    page.get_by_role("button", name="Lưu câu trả lời").click()
    log_out(page)
    disclosure = Disclosure.objects.get(title=TITLE)
    page.goto(f"/disclosures/{disclosure.pk}/")
    expect(page.get_by_text(QUESTION)).to_be_visible()
    expect(page.get_by_text(ANSWER)).to_be_visible()

    # The clock moves past the end of the window: the closing job closes it by itself.
    assert actions.close_due_postings(now=disclosure.window_ends_at + dt.timedelta(minutes=5)) == 1
    page.reload()
    expect(page.get_by_text("không nhận thêm câu hỏi").first).to_be_visible()
    # Numbered on in the commune's year: 2/BB-UBND, or 1/BB-UBND when the window ends in the next year.
    closing = disclosure.records.get(kind="closing")
    posted_year = timezone.localtime(disclosure.published_at).year
    assert closing.number == (
        "2/BB-UBND" if timezone.localtime(closing.made_at).year == posted_year else "1/BB-UBND"
    )
    text = pdf_text(page, page.get_by_role("link", name=f"Biên bản kết thúc niêm yết số {closing.number}"))
    assert QUESTION in text.replace("\n", " ") and ANSWER in text.replace("\n", " ")
    screenshot("journey-3-closed")
    assert Path(disclosure.records.get(kind="closing").pdf.path).exists()
