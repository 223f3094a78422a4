"""Đông Sơn 2024 (seed 003, product.md §7) replayed in Chromium with its real dates, under the right item:
the commune's administrative agency consults its staff on its own democracy regulation (Art. 53 item 8).
30/01 plan 127/KH-UBND → 05/02 staff conference of 28 and the draft posted (posting record) → 25/02
closing record, no comments → 26/02 regulation 156/QC-UBND issued, in the register → 27/02 result
report 164/BC-UBND. The head brings the paper cycle in with its dates; every document comes out as a
PDF that is read back. A regulation replacing itself is refused with a clear message."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from consultations import actions
from consultations.models import Consultation
from consultations.regulations.models import DraftRecord, Regulation
from democracy.models import Action, AuditEvent, CatalogueItem
from disclosures import actions as disclosure_actions
from tests.conftest import make_user
from tests.consultations.conftest import DRAFT_PDF
from units.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-nghiem"
TITLE = "Dự thảo Quy chế thực hiện dân chủ trong hoạt động của cơ quan hành chính xã Đồng Kỳ"
REGULATION = "Quy chế thực hiện dân chủ trong hoạt động của cơ quan hành chính xã Đồng Kỳ"


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def pdf_text(page, url):
    response = page.request.get(url)
    assert response.ok and response.headers["content-type"] == "application/pdf", url
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    return text.replace("-\n", "-").replace("\n", " ")  # a number wrapped at its hyphen reads whole


def at(day, hour):
    return dt.datetime.combine(day, dt.time(hour), timezone.get_current_timezone())


def test_dong_son_2024_replayed_with_its_real_dates(page, cast, screenshot, tmp_path):
    clerk = make_user("vp_clerk", Role.CLERK, agency=cast.agency_a, first_name="Phạm Thu", last_name="Trang")
    head = make_user("vp_head", Role.APPROVER, agency=cast.agency_a, first_name="Bùi Quang", last_name="Huy")
    item = CatalogueItem.objects.get(scope="agency", article=53, clause=8)

    # 30/01: the clerk writes the plan; its forms include posting the draft.
    log_in(page, "vp_clerk")
    page.goto(f"/staff/agencies/{cast.agency_a.code}/consultations/new/")
    page.get_by_label("Thuộc nội dung nào của Luật").select_option(str(item.pk))
    page.get_by_label("Tên dự thảo, nội dung").fill(TITLE)
    page.get_by_role("textbox", name="Nội dung lấy ý kiến").fill(
        "Lấy ý kiến cán bộ, công chức về dự thảo Quy chế."
    )
    page.get_by_label(
        "Qua hội nghị cán bộ, công chức, viên chức, người lao động và các cuộc họp (khoản 2)"
    ).check()
    page.get_by_label("Niêm yết dự thảo tại trụ sở, có biên bản niêm yết và kết thúc niêm yết").check()
    page.get_by_label("Thời gian lấy ý kiến (ngày)").fill("20")
    page.get_by_label("Hạn nhận ý kiến tại hội nghị (không bắt buộc)").fill("05/02/2024")
    page.get_by_label("Số kế hoạch").fill("127/KH-UBND")
    page.get_by_label("Ngày kế hoạch").fill("30/01/2024")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    staff_url = page.url
    draft = tmp_path / "du-thao-quy-che.pdf"
    draft.write_bytes(DRAFT_PDF)
    page.get_by_label("Tệp đính kèm").set_input_files(str(draft))
    page.get_by_role("button", name="Đính kèm", exact=True).click()
    plan = pdf_text(page, page.get_by_role("link", name="In kế hoạch lấy ý kiến (PDF)").get_attribute("href"))
    assert "127/KH-UBND" in plan and "30" in plan
    consultation = Consultation.objects.get(title=TITLE)

    # The head enters the cycle held on paper: posted 05/02, comments to the end of 25/02, closed 25/02.
    log_in(page, "vp_head")
    page.goto(staff_url)
    page.get_by_role("link", name="Nhập lại cuộc lấy ý kiến đã làm trên giấy…").click()
    page.get_by_label("Ngày công bố, niêm yết dự thảo (theo hồ sơ giấy)").fill("05/02/2024")
    page.get_by_label("Ngày cuối nhận ý kiến").fill("25/02/2024")
    page.get_by_label("Ngày lập biên bản kết thúc niêm yết").fill("25/02/2024")
    page.get_by_role("button", name="Nhập lại").click()
    expect(page.get_by_text("Hãy nêu lý do nhập lại cuộc lấy ý kiến đã làm trên giấy.").first).to_be_visible()
    assert Consultation.objects.get(pk=consultation.pk).state == "draft"  # nothing half-saved
    page.get_by_label("Lý do nhập lại").fill("Cuộc lấy ý kiến năm 2024 làm trên giấy, nhập lại từ hồ sơ lưu.")
    page.get_by_role("button", name="Nhập lại").click()
    expect(page.get_by_text("Đã nhập lại cuộc lấy ý kiến theo hồ sơ giấy.")).to_be_visible()
    consultation.refresh_from_db()
    assert consultation.state == "closed" and consultation.ends_on == dt.date(2024, 2, 25)
    event = AuditEvent.objects.of(consultation).get(action=Action.PAPER_CYCLE_ENTERED)
    assert event.actor.username == "vp_head" and "hồ sơ lưu" in event.note

    # 05/02: the clerk records the staff conference of 28, unanimous.
    log_in(page, "vp_clerk")
    page.goto(staff_url)
    page.get_by_role("link", name="Ghi biên bản hội nghị, cuộc họp").click()
    page.get_by_label("Nội dung cuộc họp, hội nghị").fill("Hội nghị lấy ý kiến dự thảo Quy chế")
    page.get_by_label("Thời gian bắt đầu").fill("2024-02-05T14:00")
    page.get_by_label("Địa điểm").fill("Hội trường UBND xã Đồng Kỳ")
    page.get_by_label("Chủ trì (họ tên, chức vụ)").fill("Bùi Quang Huy, Chánh Văn phòng")
    page.get_by_label("Thư ký (họ tên, chức vụ)").fill("Phạm Thu Trang, công chức Văn phòng - Thống kê")
    page.get_by_label("Tổng số được triệu tập").fill("28")
    page.get_by_label("Số có mặt").fill("28")
    page.get_by_label("Kết luận").fill("Hội nghị nhất trí 100% với dự thảo.")
    page.get_by_role("button", name="Lưu biên bản").click()
    minutes = pdf_text(page, page.get_by_role("link", name="Biên bản (PDF)").get_attribute("href"))
    assert "có mặt: 28 người" in minutes and "05/02/2024" in minutes

    # The posting record of the draft (05/02) and its closing record (25/02): no comments.
    page.goto(staff_url)
    screenshot("regulation-cycle-staff")
    posting = pdf_text(
        page, page.get_by_role("link", name="Biên bản niêm yết dự thảo 1/BB-UBND (PDF)").get_attribute("href")
    )
    assert "Số: 1/BB-UBND" in posting and "05/02/2024" in posting and "Niêm yết công khai" in posting
    closing = pdf_text(
        page,
        page.get_by_role("link", name="Biên bản kết thúc niêm yết dự thảo 2/BB-UBND (PDF)").get_attribute(
            "href"
        ),
    )
    assert "Số: 2/BB-UBND" in closing and "25/02/2024" in closing
    assert "không nhận được câu hỏi, ý kiến phản ánh nào" in closing

    # 26/02: the regulation is issued; the outcome step feeds the register and its posting (Art. 46 item 9).
    page.get_by_role("link", name="Ban hành văn bản, ghi vào sổ quy chế…").click()
    page.get_by_label("Tên văn bản").fill(REGULATION)
    page.get_by_label("Số, ký hiệu").fill("156/QC-UBND")
    page.get_by_label("Ngày ban hành, công nhận").fill("26/02/2024")
    page.get_by_label("Ngày có hiệu lực").fill("26/02/2024")
    page.get_by_label("Tệp văn bản (PDF, DOCX)").set_input_files(str(draft))
    page.get_by_role("button", name="Ghi vào sổ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(REGULATION)
    expect(page.get_by_text("Đang có hiệu lực")).to_be_visible()
    screenshot("regulation-entry")
    regulation = Regulation.objects.get(number="156/QC-UBND")
    assert regulation.consultation == consultation and regulation.disclosure.item.clause == 9
    entry = pdf_text(page, page.get_by_role("link", name="Trích sổ quy chế (PDF)").get_attribute("href"))
    assert "156/QC-UBND" in entry, entry
    assert "26/02/2024" in entry and "127/KH-UBND" in entry, entry
    assert "Đang có hiệu lực" in entry

    # Bad input: the regulation replacing itself is refused, nothing saved.
    page.get_by_label("Được thay thế bằng").select_option(str(regulation.pk))
    page.get_by_role("button", name="Ghi nhận").click()
    expect(page.get_by_text("Một văn bản không thể thay thế chính nó.").first).to_be_visible()
    regulation.refresh_from_db()
    assert regulation.replaced_by_id is None
    assert not AuditEvent.objects.of(regulation).filter(action=Action.REGULATION_REPLACED).exists()

    # 27/02: the result report (number and date from the paper file), published by the head.
    result = actions.submit_results(
        consultation, by=clerk, summary="Hội nghị 28/28 người nhất trí; không có ý kiến khác.",
        result_number="164/BC-UBND", now=at(dt.date(2024, 2, 27), 9),
    )  # fmt: skip
    disclosure_actions.publish(result, by=head, now=at(dt.date(2024, 2, 27), 11))
    page.goto(staff_url)
    report = pdf_text(
        page, page.get_by_role("link", name="Báo cáo kết quả lấy ý kiến (PDF)").get_attribute("href")
    )
    assert "164/BC-UBND" in report and "05/02/2024" in report and "25/02/2024" in report
    assert DraftRecord.objects.filter(consultation=consultation).count() == 2

    # The agency's regulation is internal: not on the commune's public page.
    page.context.clear_cookies()
    page.goto("/units/07282/regulations/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Quy chế, hương ước, quy ước đang có hiệu lực"
    )
    expect(page.get_by_text("156/QC-UBND")).to_have_count(0)
    assert page.request.get(f"/regulations/{regulation.pk}/").status == 404


def test_the_agencys_draft_posted_on_the_commune_board_takes_a_residents_comment(page, cast, screenshot):
    """As Đông Sơn did, the head posts the agency's draft on the commune's public board too: before the
    decision a resident does not see it; after it, the resident finds it on the commune's board and
    comments there like on a commune's consultation."""
    from consultations.models import Comment
    from tests.consultations.conftest import attach_draft

    head = make_user("vp_head", Role.APPROVER, agency=cast.agency_a, first_name="Bùi Quang", last_name="Huy")
    consultation = actions.create_consultation(
        owner=cast.agency_a, by=head, item=CatalogueItem.objects.get(scope="agency", article=53, clause=8),
        title=TITLE, content="Lấy ý kiến về dự thảo Quy chế.", forms=["2", "posting"], period_days=20,
        plan_number="127/KH-UBND", plan_date=timezone.localdate(),
    )  # fmt: skip
    attach_draft(consultation)
    actions.open_consultation(consultation, by=head)

    # Not public before the decision (asked outside the browser's own cache, which keeps a public page
    # for its max-age).
    assert TITLE not in page.request.get("/units/07282/consultations/").text()
    assert page.request.get(f"/consultations/{consultation.pk}/").status == 404

    log_in(page, "vp_head")
    page.goto(f"/staff/consultations/{consultation.pk}/")
    page.get_by_role("link", name="Niêm yết công khai trên bảng tin của xã…").click()
    page.get_by_role("button", name="Quyết định niêm yết công khai").click()
    expect(
        page.get_by_text("Hãy ghi văn bản (số, ngày) hoặc ý kiến của người đứng đầu").first
    ).to_be_visible()
    page.get_by_label("Văn bản, ý kiến quyết định niêm yết công khai").fill(
        "Ý kiến chỉ đạo của Chánh Văn phòng"
    )
    page.get_by_role("button", name="Quyết định niêm yết công khai").click()
    expect(page.get_by_text("Đã quyết định niêm yết công khai trên bảng tin của Xã Đồng Kỳ")).to_be_visible()

    page.context.clear_cookies()
    page.goto("/units/07282/")
    page.get_by_role("link", name="Lấy ý kiến Nhân dân").click()
    expect(
        page.get_by_text("Của Văn phòng UBND xã Đồng Kỳ, niêm yết công khai để Nhân dân góp ý")
    ).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Nội dung góp ý").fill("Đề nghị niêm yết dự thảo cả tại nhà văn hóa các thôn.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_role("status")).to_be_visible()
    screenshot("agency-consultation-on-commune-board")
    comment = Comment.objects.get(consultation=consultation)
    assert comment.channel == "online" and comment.author is None
