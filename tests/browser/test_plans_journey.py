"""Issue 10's plans in Chromium: the province's clerk enters Sa Pa's implementation plan (seed 000) by
pasting its text into the import page, corrects a task so two communes carry it, the approver issues it;
each commune makes its own plan from it and issues it; commune A reports the task done with a published
disclosure as proof, commune B lets its deadline (Quý I năm 2024) pass; the reviewer sees both under the
parent task, and B's task among the overdue; the plan's PDF is read back."""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.plans import demo
from reports.plans.models import Plan, State, Task
from tests.conftest import make_user
from tests.disclosures import conftest as disclosure_fixtures
from units.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

make_disclosure = disclosure_fixtures.make_disclosure

PASSWORD = "matkhau-thu-nghiem"
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
# The seed's tasks and the time rule the portal must read from each "Thời gian thực hiện" line. II.3
# ("Định kỳ và khi có yêu cầu", read as every half-year) the clerk corrects to the yearly report before
# 20/11 that section III asks. "Năm 2024 và các năm tiếp theo" is a task of every year (periodic, 12 months).
EXPECTED_RULES = {
    "II.1.a": "ongoing",
    "II.1.b": "periodic",
    "II.1.c": "periodic",
    "II.2.a": "triggered",
    "II.2.b": "triggered",
    "II.2.c": "triggered",
    "II.2.d": "triggered",
    "II.2.e": "quarter",
}


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


def seed_text():
    found = sorted(SEEDS.glob("000_*.txt"))
    if not found:
        pytest.fail(f"Seed 000 (Sa Pa's plan) not found in {SEEDS}")
    return found[0].read_text(encoding="utf-8")


def make_commune_plan(page, plan_pk, commune, clerk, approver, number):
    """The commune's clerk makes its plan from the plan above (on its public page); its approver issues it."""
    log_in(page, clerk)
    page.goto(f"/plans/{plan_pk}/")
    cascade = page.locator("#cascade")
    cascade.get_by_label("Lập kế hoạch cho").select_option(label=commune.name)
    cascade.get_by_label("Ngày ban hành dự kiến").fill("20/03/2024")
    cascade.get_by_role("button", name="Lập kế hoạch").click()
    expect(page.locator("main")).to_contain_text("với 1 nhiệm vụ được giao")
    child_url = page.url
    log_in(page, approver)
    page.goto(child_url)
    page.get_by_label("Số kế hoạch").fill(str(number))
    page.get_by_role("button", name="Ban hành", exact=True).click()
    expect(page.locator("main")).to_contain_text(f"Đã ban hành kế hoạch số {number}/")
    return Plan.objects.get(made_from_id=plan_pk, unit=commune)


def test_sa_pa_plan_from_import_to_the_reviewer_and_the_pdf(page, cast, screenshot, make_disclosure):
    make_user("clerk_p", Role.CLERK, unit=cast.province)
    make_user("approver_p", Role.APPROVER, unit=cast.province)
    make_user("approver_b", Role.APPROVER, unit=cast.b)
    proof = make_disclosure(cast.a, state="published", title="Quy chế thực hiện dân chủ ở cơ sở của xã")

    # The clerk drafts the plan as Sa Pa printed it.
    log_in(page, "clerk_p")
    page.goto(f"/staff/units/{cast.province.code}/plans/new/")
    page.get_by_label("Loại kế hoạch").select_option("implementation")
    page.get_by_label("Trích yếu").fill(demo.SAPA_TITLE)
    page.get_by_label("Số", exact=True).fill("95")
    page.get_by_label("Ngày ban hành").fill("15/03/2024")
    page.get_by_label("Địa danh").fill("Sa Pa")
    page.get_by_label("Căn cứ", exact=True).fill(demo.SAPA_BASES)
    page.get_by_label("I. Mục đích, yêu cầu").fill(demo.SAPA_PURPOSE)
    page.get_by_label("III. Tổ chức thực hiện").fill(demo.SAPA_ORGANISATION)
    page.get_by_label("Kinh phí", exact=True).fill(demo.SAPA_FUNDING)
    page.get_by_label("Nơi nhận", exact=True).fill(demo.SAPA_RECIPIENTS)
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Văn Thiện")
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(demo.SAPA_TITLE)
    plan = Plan.objects.get(title=demo.SAPA_TITLE)

    # The import page: paste the seed, check the proposed tasks and their time rules, save all.
    page.get_by_role("link", name="Nhập nhiệm vụ từ văn bản (dán hoặc DOCX)").click()
    page.get_by_label("Dán nội dung kế hoạch").fill(seed_text())
    page.get_by_role("button", name="Đề xuất nhiệm vụ").click()
    rows = page.locator("fieldset.form-part")
    expect(rows.first).to_be_visible()
    proposed = {}
    for i in range(rows.count()):
        code = page.locator(f"#id_row-{i}-code").input_value()
        proposed[code] = (i, page.locator(f"#id_row-{i}-due_kind").input_value())
    assert len(proposed) >= 8, proposed
    for code, kind in EXPECTED_RULES.items():
        assert proposed[code][1] == kind, (code, proposed[code])
    i = proposed["II.3"][0]
    page.locator(f"#id_row-{i}-due_kind").select_option("periodic")
    page.locator(f"#id_row-{i}-every_months").fill("")
    page.locator(f"#id_row-{i}-periodic_days").fill("20/11")
    screenshot("plans-import-proposed")
    page.get_by_role("button", name="Lưu tất cả").click()
    expect(page.locator("main")).to_contain_text(f"Đã nhập {len(proposed)} nhiệm vụ")
    assert plan.tasks.count() == len(proposed) >= 8
    assert plan.tasks.get(code="II.3").due_kind == "periodic"

    # Correct one task: "Ban hành Quy chế" (Quý I năm 2024) is carried by the two communes.
    task = plan.tasks.get(code="II.2.e")
    page.goto(f"/staff/plan-tasks/{task.pk}/edit/")
    page.get_by_label("Phối hợp: đơn vị hành chính").select_option(label=[cast.a.name, cast.b.name])
    page.get_by_role("button", name="Lưu nhiệm vụ").click()
    expect(page.locator(f"#task-{task.pk}")).to_contain_text("31/03/2024")
    expect(page.locator(f"#task-{task.pk}")).to_contain_text(cast.a.name)

    # The approver issues it.
    log_in(page, "approver_p")
    page.goto(f"/staff/plans/{plan.pk}/")
    page.get_by_label("Số kế hoạch").fill("95")
    page.get_by_role("button", name="Ban hành", exact=True).click()
    expect(page.locator("main")).to_contain_text("Đã ban hành kế hoạch số 95/KH-UBND")
    plan.refresh_from_db()
    assert plan.state == State.ISSUED

    # Each commune makes its plan from it (the cascade) and issues it.
    plan_a = make_commune_plan(page, plan.pk, cast.a, "clerk_a", "approver_a", 12)
    plan_b = make_commune_plan(page, plan.pk, cast.b, "clerk_b", "approver_b", 7)
    child_a, child_b = plan_a.tasks.get(parent=task), plan_b.tasks.get(parent=task)

    # Commune A reports its task done, with the published disclosure as proof; B reports nothing.
    log_in(page, "clerk_a")
    page.goto(f"/staff/plan-tasks/{child_a.pk}/")
    page.get_by_label("Tình trạng").select_option("done")
    page.get_by_role("textbox", name="Kết quả thực hiện").fill(
        "UBND xã đã ban hành Quy chế thực hiện dân chủ ở cơ sở."
    )
    page.get_by_label("Số văn bản ban hành").fill("1")
    page.get_by_label(f"Công khai: {proof}").check()
    page.get_by_role("button", name="Cập nhật", exact=True).click()
    expect(page.locator("main")).to_contain_text("Đã cập nhật tiến độ nhiệm vụ")
    expect(page.get_by_role("link", name=str(proof))).to_be_visible()
    child_a.refresh_from_db()
    assert child_a.status == "done"

    # The reviewer: per parent task, A done and B overdue; B's task in the overdue list.
    log_in(page, "reviewer_p")
    page.goto(f"/staff/plans/{plan.pk}/")
    row = page.locator(f"#task-{task.pk}")
    row.locator("details.children summary").click()
    table = row.locator("table")
    expect(table.locator("tr", has_text=cast.a.name)).to_contain_text("Đã hoàn thành")
    expect(table.locator("tr", has_text=cast.a.name)).not_to_contain_text("Quá hạn")
    expect(table.locator("tr", has_text=cast.b.name)).to_contain_text("Chưa thực hiện")
    expect(table.locator("tr", has_text=cast.b.name)).to_contain_text("Quá hạn")
    screenshot("plans-reviewer-children")
    page.goto("/staff/plans/")
    overdue = page.locator("#overdue-title").locator("xpath=..")
    expect(overdue.locator(f'a[href="/staff/plan-tasks/{child_b.pk}/"]')).to_be_visible()
    expect(overdue.locator(f'a[href="/staff/plan-tasks/{child_a.pk}/"]')).to_have_count(0)
    assert Task.objects.get(pk=child_b.pk).status == "not_started"

    # The plan's PDF: its title, a task's lead body and time.
    text = pdf_text(page, f"/staff/plans/{plan.pk}/pdf/")
    assert "95/KH-UBND" in text
    assert "TRIỂN KHAI THI HÀNH LUẬT THỰC HIỆN DÂN CHỦ" in text.upper()
    assert "Cơ quan chủ trì: Phòng Nội vụ" in text
    assert "Quý I năm 2024" in text and "31/03/2024" in text
