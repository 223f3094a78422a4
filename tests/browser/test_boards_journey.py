"""Issue 12's boards in Chromium: commune A elects its People's Inspection Board (one member per village),
the Fatherland Front recognises it, the board files a quarterly plan, announces an inspection at least
5 working days ahead, records its findings and a recommendation; the commune answers on day 16 after
receipt and the dashboard shows the answer late; the board's report goes to the Front, which receives it;
the inspection's and the report's PDFs are read back."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from democracy import periods
from democracy.calendar import add_working_days, is_working_day
from tests.conftest import make_user
from tests.supervision.conftest import villages_of_a
from units.models import ReportingRegime, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-nghiem"
MEMBERS = [("Nguyễn Văn Khoa", "Trưởng ban"), ("Trần Thị Lụa", "Phó Trưởng ban"), ("Lê Văn Sơn", "Ủy viên"),
           ("Phạm Thị Nga", "Ủy viên"), ("Hoàng Văn Tâm", "Ủy viên")]  # fmt: skip


def d(day):
    return day.strftime("%d/%m/%Y")


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def pdf_text(page, url):
    response = page.request.get(url)
    assert response.ok and response.headers["content-type"] == "application/pdf", url
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).split())


def test_a_commune_board_from_election_to_report(page, cast, screenshot):
    today = timezone.localdate()
    villages = villages_of_a(cast, 5)
    make_user("front_a", Role.FRONT_OFFICER, unit=cast.a)
    start = today - dt.timedelta(days=120)

    # The Front records the board, its five members (one per village) and the election, then recognises it.
    log_in(page, "front_a")
    page.goto(f"/staff/units/{cast.a.code}/boards/new/")
    page.get_by_label("Loại ban").select_option("commune")
    page.get_by_label("Tên ban").fill("Ban Thanh tra nhân dân xã Đồng Kỳ")
    page.get_by_label("Nhiệm kỳ từ ngày").fill(d(start))
    page.get_by_label("Nhiệm kỳ đến ngày").fill(d(start + dt.timedelta(days=5 * 365)))
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ban Thanh tra nhân dân xã Đồng Kỳ")
    board_url = page.url
    for (name, role), village in zip(MEMBERS, villages, strict=True):
        page.get_by_role("link", name="Thêm thành viên").click()
        page.get_by_label("Họ và tên").fill(name)
        page.get_by_label("Chức danh").select_option(label=role)
        page.get_by_label("Thôn, tổ dân phố").select_option(label=village.name)
        page.get_by_label("Ngày bầu").fill(d(start))
        page.get_by_role("button", name="Lưu").click()
        expect(page.locator("main")).to_contain_text(name)
    page.get_by_role("link", name="Ghi kết quả bầu").click()
    page.get_by_label("Ngày bầu").fill(d(start))
    page.get_by_label("Biên bản bầu, ghi chú").fill("Hội nghị Nhân dân ở 5 thôn")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã bầu, chờ công nhận")
    page.get_by_role("link", name="Công nhận kết quả bầu").click()
    page.get_by_label("Công nhận", exact=True).check()
    page.get_by_label("Ngày văn bản").fill(d(start + dt.timedelta(days=3)))
    page.get_by_label("Số văn bản công nhận").fill("15/QĐ-MTTQ")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đã được công nhận")
    screenshot("boards-recognised")

    # The board: a quarterly plan, an inspection announced 5 working days ahead, findings, a recommendation.
    log_in(page, "inspector_a")
    page.goto(board_url)
    page.get_by_role("link", name="Lập kế hoạch").click()
    page.get_by_label("Kỳ kế hoạch").select_option("quarter")
    page.get_by_label("Năm", exact=True).fill(str(today.year))
    page.get_by_label("Quý (1–4) hoặc nửa năm (1–2)").fill(str((today.month - 1) // 3 + 1))
    page.get_by_label("Nội dung kế hoạch").fill("Kiểm tra thu, chi quỹ đường thôn.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text(f"Quý {(today.month - 1) // 3 + 1}/{today.year}")

    sent = today - dt.timedelta(days=60)
    earliest = add_working_days(sent, 5).date
    page.get_by_role("link", name="Gửi kế hoạch kiểm tra").click()
    page.get_by_label("Nội dung kiểm tra, giám sát").fill("Thu, chi quỹ đường thôn")
    page.get_by_label("Đối tượng được kiểm tra").fill("Ban quản lý xây dựng thôn")
    page.get_by_label("Người nêu vụ việc").fill("Ông Nguyễn Văn Tư")
    page.get_by_label("Ngày gửi kế hoạch kiểm tra").fill(d(sent))
    page.get_by_label("Ngày bắt đầu kiểm tra").fill(d(earliest - dt.timedelta(days=1)))
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text(f"sớm nhất ngày {d(earliest)}")
    page.get_by_label("Ngày bắt đầu kiểm tra").fill(d(earliest))
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thu, chi quỹ đường thôn")
    inspection_url = page.url
    page.get_by_label("Kết quả kiểm tra").fill("Hai khoản chi chưa có chứng từ.")
    page.get_by_label("Ngày kết luận", exact=True).fill(d(earliest + dt.timedelta(days=2)))
    page.get_by_label("Ngày thông báo bằng văn bản cho người nêu vụ việc").fill(
        d(earliest + dt.timedelta(days=3))
    )
    page.get_by_role("button", name="Lưu kết quả").click()
    expect(page.locator("main")).to_contain_text("Đã có kết quả kiểm tra")

    received = today - dt.timedelta(days=30)
    while not is_working_day(received + dt.timedelta(days=15)):
        received -= dt.timedelta(days=1)
    page.get_by_role("link", name="Ghi kiến nghị").click()
    page.get_by_label("Nội dung kiến nghị").fill("Bổ sung chứng từ hai khoản chi")
    page.get_by_label("Chi tiết").fill("Đề nghị UBND xã chỉ đạo bổ sung chứng từ.")
    page.get_by_label("Ngày kiến nghị").fill(d(received))
    page.get_by_label("Ngày UBND xã, cơ quan nhận được kiến nghị").fill(d(received))
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text(d(received + dt.timedelta(days=15)))
    recommendation_url = page.url

    # The commune answers on day 16 after receipt: late.
    log_in(page, "clerk_a")
    page.goto(recommendation_url)
    page.get_by_label("Nội dung trả lời").fill("Đã yêu cầu bổ sung chứng từ.")
    page.get_by_label("Ngày trả lời").fill(d(received + dt.timedelta(days=16)))
    page.get_by_role("button", name="Lưu câu trả lời").click()
    expect(page.locator("main")).to_contain_text("Trả lời muộn")

    # The dashboard shows it late: the commune's shortfalls for the half-year of the receipt.
    half = ReportingRegime.for_owner(cast.province).containing(received, "half")
    log_in(page, "reviewer_p")
    page.goto(f"/staff/compliance/{cast.a.code}/?period={periods.make_key(half.year, half.kind)}")
    shortfall = page.locator("#shortfall-recommendations")
    expect(shortfall).to_contain_text("Bổ sung chứng từ hai khoản chi")
    screenshot("boards-dashboard-late")

    # The board's quarterly report goes to the Front, which receives it.
    log_in(page, "inspector_a")
    page.goto(board_url)
    page.get_by_role("link", name="Gửi báo cáo").click()
    page.get_by_label("Loại báo cáo").select_option("quarter")
    page.get_by_label("Tiêu đề", exact=True).fill("Báo cáo kết quả hoạt động quý")
    page.get_by_label("Kỳ báo cáo từ ngày").fill(d(today - dt.timedelta(days=90)))
    page.get_by_label("Kỳ báo cáo đến ngày").fill(d(today - dt.timedelta(days=1)))
    page.get_by_label("Hạn gửi", exact=True).fill(d(today))
    page.get_by_label("Nội dung báo cáo").fill("Ban đã kiểm tra một vụ việc và gửi một kiến nghị.")
    page.get_by_label("Ngày gửi", exact=True).fill(d(today))
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("main")).to_contain_text("Đúng hạn")
    report_url = page.url
    log_in(page, "front_a")
    page.goto(report_url)
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.locator("main")).to_contain_text(f"{d(today)} (Ban Thường trực Ủy ban Mặt trận Tổ quốc)")
    screenshot("boards-report-received")

    report = pdf_text(page, page.get_by_role("link", name="Bản PDF").get_attribute("href"))
    assert "BÁO CÁO" in report and "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Đồng Kỳ" in report
    assert "Bổ sung chứng từ hai khoản chi" in report and "(quá hạn)" in report  # the late answer
    assert "Nguyễn Văn Khoa" in report  # the chair signs
    page.goto(inspection_url)
    plan = pdf_text(page, page.get_by_role("link", name="Bản PDF").get_attribute("href"))
    assert "KẾ HOẠCH KIỂM TRA" in plan and "Hai khoản chi chưa có chứng từ." in plan and d(earliest) in plan
