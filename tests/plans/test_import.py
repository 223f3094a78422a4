"""The import proposes Sa Pa's tasks from the seed's text, reads a DOCX, refuses a file that is not one,
and saves the corrected proposal all or nothing."""

import datetime as dt
import io
from pathlib import Path

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from democracy.models import Action, AuditEvent
from reports.plans import actions, parse
from reports.plans.models import DueKind, Plan

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_a76dc94acb5bac09.txt"
SAPA = """II. Nội dung:
1. Tổ chức quán triệt, tuyên truyền, phổ biến và tập huấn Luật
a, Tổ chức tuyên truyền Luật trên các phương tiện thông tin đại chúng
- Cơ quan thực hiện: Phòng Văn hóa và Thông tin
- Cơ quan phối hợp: Phòng Nội vụ, Ủy ban nhân dân các xã, phường.
- Thời gian thực hiện: Thường xuyên.
b, Tổ chức tập huấn chuyên sâu về Luật
- Đơn vị chủ trì:
+ Phòng Nội vụ lập danh sách CBCCVC tham gia tập huấn.
- Cơ quan phối hợp: Phòng Tư pháp.
- Thời gian thực hiện: Năm 2024 và các năm tiếp theo.
2. Xây dựng văn bản triển khai
e. Ban hành Quy chế thực hiện dân chủ ở cơ sở
- Cơ quan chủ trì: Ủy ban nhân dân cấp xã.
- Thời gian hoàn thành: Quý I năm 2024.
3. Tổ chức theo dõi, kiểm tra và báo cáo kết quả thi hành Luật.
- Cơ quan chủ trì: Phòng Nội vụ.
- Thời gian thực hiện: Định kỳ và khi có yêu cầu.
III. Tổ chức thực hiện
1. Các cơ quan, đơn vị thuộc UBND xã
- Cơ quan chủ trì: Phòng Văn hóa – Xã hội
- Thời gian thực hiện: báo cáo 06 tháng (trước ngày 05/5), 01 năm (trước ngày 05/11)
"""


def test_the_seed_gives_every_task_with_its_time_rule():
    lines = SEED.read_text(encoding="utf-8").splitlines() if SEED.exists() else SAPA.splitlines()
    found = {p.code: p for p in parse.propose(lines, 2024)}
    assert {"II.1.a", "II.1.b", "II.2.a", "II.2.e", "II.3"} <= set(found)
    assert found["II.1.a"].rule == {"due_kind": DueKind.ONGOING, "every_months": 6}
    assert found["II.2.e"].rule == {"due_kind": DueKind.QUARTER, "due_quarter": 1, "due_year": 2024}
    assert found["II.3"].lead_text == "Phòng Nội vụ"
    assert found["II.1.b"].lead_text.startswith("Phòng Nội vụ")


def test_periodic_days_and_triggered():
    found = {p.code: p for p in parse.propose(SAPA.splitlines(), 2026)}
    assert found["III.1"].rule == {"due_kind": DueKind.PERIODIC, "periodic_days": "05/05, 05/11"}
    rule, note = parse.read_rule("Khi có văn bản hướng dẫn của cấp có thẩm quyền", 2024)
    assert rule["due_kind"] == DueKind.TRIGGERED and "kiểm tra" in note


def _docx(text):
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_upload_a_docx_correct_and_save_all(client, cast):
    plan = actions.create_plan(
        owner=cast.a, by=cast.clerk_a, title="KH", date=dt.date(2024, 3, 9), place="Đồng Kỳ"
    )
    client.force_login(cast.clerk_a)
    url = reverse("plans:import", args=[plan.pk])
    bad = client.post(
        url,
        {"file": SimpleUploadedFile("ke-hoach.docx", b"not a zip at all", content_type="application/msword")},
    )
    assert bad.status_code == 400 and "không phải" in bad.content.decode()
    empty = client.post(url, {"text": ""})
    assert empty.status_code == 400 and "Hãy dán nội dung" in empty.content.decode()
    page = client.post(url, {"file": SimpleUploadedFile("ke-hoach.docx", _docx(SAPA))})
    assert page.status_code == 200
    rows = page.context["formset"].initial
    assert len(rows) == 5
    data = {"row-TOTAL_FORMS": str(len(rows)), "row-INITIAL_FORMS": str(len(rows)), "save": "1"}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"row-{i}-{key}"] = value
    data["row-4-lead_text"] = ""  # a row without a lead: nothing is saved
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Nhiệm vụ thứ 5" in refused.content.decode()
    assert not plan.tasks.exists() and not plan.sections.exists()
    data["row-4-lead_text"] = "Phòng Văn hóa – Xã hội"
    assert client.post(url, data).status_code == 302
    assert plan.tasks.count() == 5 and plan.sections.count() == 4
    assert AuditEvent.objects.of(Plan.objects.get(pk=plan.pk)).filter(action=Action.IMPORTED).count() == 1


def test_import_tasks_is_all_or_nothing(cast):
    plan = actions.create_plan(
        owner=cast.a, by=cast.clerk_a, title="KH", date=dt.date(2024, 3, 9), place="Đồng Kỳ"
    )
    rows = [{"section_code": "II.1", "section_heading": "Tuyên truyền", "code": "II.1.a", "heading": "A",
             "lead_text": "VP", "due_kind": "year", "due_year": 2024}]  # fmt: skip
    actions.import_tasks(plan, by=cast.clerk_a, rows=rows)
    assert plan.tasks.get().section.code == "II.1"
