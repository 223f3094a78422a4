"""What a first-time user tripped over (issue 15, items 1-3), in Chromium:

1. a citizen on a 390 px phone sends a question (and a comment) and sees the confirmation where the form
   was, focused, with its reference number, and finds their own pending question listed to them only;
2. a clerk cannot open a consultation without a draft, opens it after a confirmation step that says when
   comments end, and can still add a document (a new version, with a reason) while it is open;
3. a provincial reviewer's "only the units needing attention" link and name filter really filter, the
   XLSX link carries the filter, and the units with no activity are grouped after the others.

Screenshots of the phone's confirmation and of the dashboard's filter go to /work/shots (SHOTS_DIR)."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Consultation, ConsultationState
from disclosures.models import Feedback
from reports.compliance import period_for
from tests.conftest import make_unit
from tests.consultations import conftest as consultation_fixtures
from tests.consultations.conftest import DRAFT_PDF
from tests.disclosures import conftest as disclosure_fixtures
from units.models import Level, UnitType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
make_consultation = consultation_fixtures.make_consultation  # the fixtures
make_disclosure = disclosure_fixtures.make_disclosure

PASSWORD = "matkhau-thu-nghiem"
QUESTION = "Khoản chi sửa đường liên thôn Đồng Bông lấy từ nguồn nào?"
COMMENT = "Đề nghị bổ sung quy định về tiếp công dân vào Điều 5."


def shot(page, name, *, full_page=False):
    folder = Path(os.environ.get("SHOTS_DIR", "/work/shots"))
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


# --- 1. The citizen's confirmation ------------------------------------------------------------------


def test_a_citizen_on_a_phone_sees_the_confirmation_of_their_question_where_the_form_was(
    page, browser, live_server, make_disclosure
):
    today = timezone.localdate()
    posting = make_disclosure(state="published", published_on=today - dt.timedelta(days=1),
                              decision_date=today - dt.timedelta(days=2))  # fmt: skip
    page.goto(f"/disclosures/{posting.pk}/")
    page.get_by_role("link", name="Đặt câu hỏi hoặc góp ý").click()
    page.get_by_label("Nội dung").fill(QUESTION)
    page.get_by_role("button", name="Gửi", exact=True).click()

    feedback = Feedback.objects.get()
    assert page.url.endswith("#gui-thanh-cong")
    confirmation = page.locator("#gui-thanh-cong")
    expect(confirmation).to_be_focused()
    expect(confirmation).to_be_in_viewport()
    expect(confirmation).to_contain_text("Đã gửi câu hỏi")
    expect(confirmation).to_contain_text(f"CH-{feedback.pk}")
    expect(confirmation).to_contain_text("đang chờ trả lời")
    expect(confirmation).to_contain_text(QUESTION)
    expect(page.get_by_role("button", name="Gửi", exact=True)).to_have_count(0)  # where the form was
    shot(page, "citizen-question-confirmation-390")

    # Back later: the form again, and their own question listed to them as waiting for an answer.
    page.goto(f"/disclosures/{posting.pk}/")
    mine = page.locator(".mine")
    expect(mine).to_contain_text(QUESTION)
    expect(mine).to_contain_text(f"CH-{feedback.pk}")
    expect(page.get_by_role("button", name="Gửi", exact=True)).to_be_visible()
    shot(page, "citizen-question-pending-390", full_page=True)

    # Another citizen (another browser) sees only that one question is waiting.
    other = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    stranger = other.new_page()
    stranger.goto(f"/disclosures/{posting.pk}/")
    expect(stranger.locator("main")).to_contain_text("1 câu hỏi, ý kiến đang chờ trả lời")
    expect(stranger.get_by_text(QUESTION)).to_have_count(0)
    other.close()


def test_a_citizen_on_a_phone_sees_the_confirmation_of_their_comment(page, make_consultation):
    running = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=1))
    page.goto(f"/consultations/{running.pk}/")
    page.get_by_label("Nội dung góp ý").fill(COMMENT)
    page.get_by_role("button", name="Gửi ý kiến").click()
    comment = running.comments.get()
    confirmation = page.locator("#gui-thanh-cong")
    expect(confirmation).to_be_focused()
    expect(confirmation).to_be_in_viewport()
    expect(confirmation).to_contain_text(f"YK-{comment.pk}")
    expect(confirmation).to_contain_text("đang chờ trả lời")
    shot(page, "citizen-comment-confirmation-390")


# --- 2. Opening a consultation --------------------------------------------------------------------


def test_a_consultation_opens_only_with_a_draft_after_confirming_and_takes_documents_while_open(
    page, cast, make_consultation, tmp_path
):
    plan = make_consultation(title="Dự thảo Quy chế dân chủ xã Đồng Kỳ")
    log_in(page, "clerk_a")
    page.goto(f"/staff/consultations/{plan.pk}/")
    expect(page.get_by_text("Chưa có dự thảo").first).to_be_visible()
    expect(page.get_by_role("link", name="Công bố, bắt đầu lấy ý kiến…")).to_have_count(0)

    draft = tmp_path / "du-thao-quy-che.pdf"
    draft.write_bytes(DRAFT_PDF)
    page.get_by_label("Tệp đính kèm").set_input_files(str(draft))
    page.get_by_role("button", name="Đính kèm", exact=True).click()
    expect(page.get_by_role("link", name="du-thao-quy-che.pdf")).to_be_visible()

    page.get_by_role("link", name="Công bố, bắt đầu lấy ý kiến…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Công bố kế hoạch, bắt đầu lấy ý kiến?")
    main = page.locator("main")
    expect(main).to_contain_text("Nhận ý kiến đến")
    expect(main).to_contain_text("du-thao-quy-che.pdf")
    plan.refresh_from_db()
    assert plan.state == ConsultationState.DRAFT  # nothing happened yet
    page.get_by_role("button", name="Xác nhận công bố").click()
    plan.refresh_from_db()
    assert plan.state == ConsultationState.OPEN
    expect(page.locator(".messages")).to_contain_text(f"ngày {plan.ends_on:%d/%m/%Y}")

    # While open: the upload form is still there; a new version needs a reason.
    page.get_by_label("Tệp đính kèm").set_input_files(str(draft))
    page.get_by_role("button", name="Bổ sung tài liệu").click()
    expect(page.get_by_text("hãy ghi lý do bổ sung").first).to_be_visible()
    page.get_by_label("Tệp đính kèm").set_input_files(str(draft))
    page.get_by_label("Lý do bổ sung, thay thế").fill("Sửa Điều 3 theo góp ý của thôn Đồng Bông")
    page.get_by_role("button", name="Bổ sung tài liệu").click()
    expect(page.get_by_text("phiên bản 2").first).to_be_visible()
    assert Consultation.objects.get(pk=plan.pk).documents.count() == 2
    expect(page.locator("main")).to_contain_text(
        "Sửa Điều 3 theo góp ý của thôn Đồng Bông"
    )  # the audit trail


# --- 3. The dashboard's filters ---------------------------------------------------------------------


def test_the_dashboard_filters_really_filter_and_idle_units_come_last(page, cast, make_disclosure):
    period = period_for(cast.province)
    day = period.start + dt.timedelta(days=20)
    make_disclosure(cast.a, state="published", published_on=day, decision_date=day - dt.timedelta(days=1))
    make_disclosure(cast.b, state="published", published_on=day, decision_date=day - dt.timedelta(days=30))
    for n in range(30):
        make_unit(f"0749{n:02d}", f"Xã An Bình {n:02d}", Level.COMMUNE, UnitType.XA, cast.province)
    from consultations.duties.models import Duty

    # The yearly duties make every commune owe something (a missed one is a shortfall, not idleness): off
    # here, so the 30 new communes have nothing at all.
    Duty.objects.update(active=False)

    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "reviewer_p")
    page.goto("/staff/compliance/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(cast.province.name)
    # The units with data are the first rows of the table; the 30 with nothing yet are grouped after.
    first_table = page.locator("table.dash-table").first
    expect(first_table.locator("tbody tr")).to_have_count(2)
    expect(page.locator("#chua-co-hoat-dong summary")).to_contain_text("30 xã, phường")

    page.get_by_role("link", name="Chỉ hiện các đơn vị cần chú ý").click()
    assert "attention=1" in page.url
    expect(page.get_by_text("Đang chỉ hiện các đơn vị cần chú ý")).to_be_visible()
    assert "attention=1" in page.get_by_role("link", name="Tải bảng XLSX").get_attribute("href")

    page.get_by_label("Tìm theo tên đơn vị").fill("yen the")
    page.get_by_role("button", name="Lọc", exact=True).click()
    assert "q=yen+the" in page.url and "attention=1" in page.url
    expect(page.locator("table.dash-table tbody tr")).to_have_count(1)
    expect(page.locator("table.dash-table tbody")).to_contain_text("Xã Yên Thế")
    units = page.locator("section[aria-labelledby=units-title]")
    units.scroll_into_view_if_needed()
    shot(page, "dashboard-filter-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_label("Tìm theo tên đơn vị").scroll_into_view_if_needed()
    shot(page, "dashboard-filter-390")


# --- Layout -----------------------------------------------------------------------------------------


def test_the_header_fits_one_row_at_1280_px_and_the_trend_chart_fits_a_phone(page, cast):
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, "admin")  # the longest header: every link, a reviewer's included
    page.goto(f"/staff/compliance/{cast.province.code}/")
    brand = page.locator(".brand").bounding_box()
    switch = page.locator(".lang-switch").bounding_box()
    assert abs(switch["y"] - brand["y"]) < brand["height"], (brand, switch)  # the same row
    shot(page, "header-1280")

    page.set_viewport_size({"width": 390, "height": 844})
    chart = page.locator(".chart img")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "trend-chart-390")


def test_the_api_docs_work_without_internet(page, live_server):
    """Swagger UI came from a CDN: without internet /api/v1/docs was blank. Now every asset is the
    portal's own (any request elsewhere is refused here), under the site's content security policy
    (the page fixture fails on a refused script or style)."""
    elsewhere = []

    def only_the_portal(route):
        if route.request.url.startswith(live_server.url):
            return route.continue_()
        elsewhere.append(route.request.url)
        return route.abort()

    page.route("**/*", only_the_portal)
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    assert not elsewhere, elsewhere
