import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-nghiem"


def test_a_citizen_finds_a_commune_without_diacritics_and_sees_its_place(page, cast, screenshot):
    page.goto("/")
    page.get_by_label("Tên xã, phường, đặc khu hoặc tỉnh").fill("dong ky")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Xã Đồng Kỳ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xã Đồng Kỳ")
    expect(page.get_by_role("navigation", name="Vị trí trong cây đơn vị hành chính")).to_contain_text(
        "Tỉnh Bắc Ninh"
    )
    expect(page.get_by_role("link", name="Thôn Đồng Bông")).to_be_visible()
    screenshot("citizen-unit")


def test_a_clerk_logs_in_and_corrects_a_village_household_count(page, cast, screenshot):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("clerk_a")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Không gian làm việc")
    page.get_by_role("link", name="Xã Đồng Kỳ").click()
    page.get_by_role("link", name="Sửa Thôn Đồng Bông").click()
    page.get_by_label("Số hộ gia đình").fill("0")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert")).to_contain_text("Số hộ gia đình phải từ 1 trở lên.")
    page.get_by_label("Số hộ gia đình").fill("131")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu thôn, tổ dân phố Thôn Đồng Bông.")
    expect(page.get_by_role("row", name="Thôn Đồng Bông")).to_contain_text("131")
    screenshot("clerk-unit")


def test_the_language_switcher_turns_the_portal_to_english_and_back(page, cast):
    page.goto("/")
    page.get_by_role("link", name="EN").click()  # a link: no form, no CSRF cookie (democracy/middleware.py)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find your commune, ward or special zone")
    page.get_by_role("link", name="VI").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")


def test_an_outsider_sees_a_404_for_another_units_staff_page(page, cast):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("clerk_b")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    response = page.goto("/staff/units/07282/")
    assert response.status == 404
