"""Import and export of disclosures (CSV/XLSX): all or nothing, through the domain functions,
formula-safe output, and the admin around them."""

import csv
import datetime as dt
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from democracy.models import AuditEvent
from disclosures import actions
from disclosures.imports import DisclosureResource
from disclosures.models import Disclosure, Record, State
from units.imports import error_messages, read_dataset

from .conftest import HCM

COLUMNS = [
    "ma_don_vi", "ma_co_quan", "dieu", "khoan", "tieu_de", "tom_tat", "noi_dung", "so_van_ban",
    "ngay_ban_hanh", "co_quan_ban_hanh", "hinh_thuc", "ngay_niem_yet", "ly_do_muon",
]  # fmt: skip
FORMULA_TITLE = '=HYPERLINK("http://lua-dao.example","Bấm vào đây")'


def row(**values):
    defaults = {
        "ma_don_vi": "07288",
        "dieu": "11",
        "khoan": "2",
        "tieu_de": "Dự toán ngân sách xã năm 2024",
        "tom_tat": "Dự toán thu, chi ngân sách xã năm 2024.",
        "noi_dung": "Tổng thu 12,5 tỷ đồng;\ntổng chi 12,1 tỷ đồng.",
        "so_van_ban": "45/NQ-HĐND",
        "ngay_ban_hanh": "05/02/2024",
        "co_quan_ban_hanh": "Hội đồng nhân dân xã",
        "hinh_thuc": "a, b",
    }
    defaults.update(values)
    return defaults


def csv_bytes(*rows, columns=COLUMNS):
    out = StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def run(tmp_path, name, content, *args):
    """`import_disclosures` on a file: (stdout, stderr, the CommandError's message or None)."""
    path = tmp_path / name
    path.write_bytes(content)
    out, err = StringIO(), StringIO()
    try:
        call_command("import_disclosures", str(path), *args, stdout=out, stderr=err)
    except CommandError as e:
        return out.getvalue(), err.getvalue(), str(e)
    return out.getvalue(), err.getvalue(), None


def export(tmp_path, code, name, *args):
    path = tmp_path / name
    call_command("export_disclosures", code, str(path), *args, stdout=StringIO())
    return path.read_bytes()


def snapshot(owner):
    return sorted(
        Disclosure.objects.filter(unit=owner).values_list(
            "title", "state", "item__clause", "decision_number", "decision_date", "forms", "body",
            "published_at", "is_late", "late_reason", "posting_deadline", "window_end",
        )
    )  # fmt: skip


@pytest.fixture
def commune_a_history(cast, make_disclosure):
    """Commune A's record: a closed late posting, an open posting, a permanent item and a draft."""
    make_disclosure(state="closed", published_on=dt.date(2024, 3, 20), clause=12, title="Mức thu phí chợ")
    make_disclosure(state="published", published_on=dt.date(2024, 2, 8), forms=["a", "b", "dd"])
    make_disclosure(
        state="published", published_on=dt.date(2024, 1, 15), clause=13, title="Thủ tục hành chính",
        decision_date=dt.date(2024, 1, 10),
    )  # fmt: skip
    make_disclosure(state="draft", title="Kế hoạch chưa ban hành", body="")


# --- Round trip ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_an_export_imports_into_another_commune_after_a_dry_run_that_imports_nothing(
    cast, commune_a_history, tmp_path, suffix
):
    content = export(tmp_path, cast.a.code, f"xa-a.{suffix}")
    if suffix == "xlsx":
        book = load_workbook(BytesIO(content))
        sheet = book.active
        header = [cell.value for cell in sheet[1]]
        for cells in sheet.iter_rows(min_row=2):
            cells[header.index("ma_don_vi")].value = cast.b.code
        out = BytesIO()
        book.save(out)
        content = out.getvalue()
    else:
        content = content.replace(f"{cast.a.code},,".encode(), f"{cast.b.code},,".encode())

    out, err, failure = run(tmp_path, f"xa-b.{suffix}", content, "--dry-run")

    assert failure is None, err
    assert "Chạy thử: 4 dòng hợp lệ" in out
    assert not Disclosure.objects.filter(unit=cast.b).exists()

    out, err, failure = run(tmp_path, f"xa-b.{suffix}", content)

    assert failure is None, err
    assert "Đã nhập 4 thông tin công khai" in out
    actions.close_due_postings(now=dt.datetime(2024, 5, 1, tzinfo=HCM))
    copied = snapshot(cast.b)
    original = snapshot(cast.a)
    # Published at 08:00 on the posting day instead of the original hour; everything else is the same.
    assert [r[:7] + r[8:] for r in copied] == [r[:7] + r[8:] for r in original]
    assert [timezone.localdate(r[7]) if r[7] else None for r in copied] == [
        timezone.localdate(r[7]) if r[7] else None for r in original
    ]
    states = dict(Disclosure.objects.filter(unit=cast.b).values_list("title", "state"))
    assert states["Mức thu phí chợ"] == State.CLOSED
    assert states["Thủ tục hành chính"] == State.PUBLISHED  # permanent: never closes
    assert states["Kế hoạch chưa ban hành"] == State.DRAFT


def test_the_export_has_the_import_columns_and_typed_dates(cast, commune_a_history, tmp_path):
    sheet = load_workbook(BytesIO(export(tmp_path, cast.a.code, "a.xlsx", "--year", "2024"))).active
    rows = list(sheet.iter_rows(values_only=True))

    assert list(rows[0]) == [
        "ma_don_vi", "ma_co_quan", "dieu", "khoan", "tieu_de", "tom_tat", "noi_dung", "so_van_ban",
        "ngay_ban_hanh", "co_quan_ban_hanh", "hinh_thuc", "so_ngay_niem_yet", "ngay_niem_yet",
        "ly_do_muon", "ngay_ket_thuc", "trang_thai",
    ]  # fmt: skip
    budget = next(r for r in rows if r[4] == "Dự toán ngân sách xã năm 2024")
    assert budget[0] == "07282" and budget[2] == 11 and budget[3] == 2
    assert budget[8].date() == dt.date(2024, 2, 7)
    assert budget[10] == "a, b, dd"
    assert budget[12].date() == dt.date(2024, 2, 8)
    assert budget[14].date() == dt.date(2024, 3, 11)
    assert budget[15] == "Đang công khai"
    assert sheet.freeze_panes == "A2"


def test_an_export_of_another_year_is_empty(cast, commune_a_history, tmp_path):
    rows = list(load_workbook(BytesIO(export(tmp_path, cast.a.code, "a.xlsx", "--year", "2023"))).active.rows)

    assert len(rows) == 1


def test_a_csv_export_writes_a_formula_title_as_text(cast, make_disclosure, tmp_path):
    make_disclosure(state="published", published_on=dt.date(2024, 2, 8), title=FORMULA_TITLE)

    content = export(tmp_path, cast.a.code, "a.csv").decode("utf-8-sig")

    rows = list(csv.DictReader(StringIO(content)))
    assert rows[0]["tieu_de"] == "'" + FORMULA_TITLE
    assert '"=HYPERLINK' not in content and ",=HYPERLINK" not in content


def test_an_exported_formula_title_imports_as_it_was(cast, make_disclosure, tmp_path):
    make_disclosure(state="published", published_on=dt.date(2024, 2, 8), title=FORMULA_TITLE)
    content = export(tmp_path, cast.a.code, "a.csv").replace(b"07282,,", b"07288,,")

    _out, err, failure = run(tmp_path, "b.csv", content)

    assert failure is None, err
    assert Disclosure.objects.get(unit=cast.b).title == FORMULA_TITLE


def test_an_agency_exports_its_internal_disclosures(cast, make_disclosure, tmp_path):
    make_disclosure(owner=cast.agency_a, state="published", published_on=dt.date(2024, 2, 8), title="Nội bộ")
    make_disclosure(state="published", published_on=dt.date(2024, 2, 8), title="Của xã")

    rows = list(csv.DictReader(StringIO(export(tmp_path, "UBND-07282", "cq.csv").decode("utf-8-sig"))))

    assert [(r["ma_co_quan"], r["dieu"], r["tieu_de"]) for r in rows] == [("UBND-07282", "46", "Nội bộ")]


# --- Historical postings -------------------------------------------------------------------------------


def test_a_historical_posting_gets_its_deadline_and_window_by_the_same_rules(cast, tmp_path):
    _out, err, failure = run(tmp_path, "b.csv", csv_bytes(row(ngay_niem_yet="08/02/2024")))

    assert failure is None, err
    disclosure = Disclosure.objects.get(unit=cast.b)
    assert disclosure.state == State.PUBLISHED
    assert disclosure.published_at == dt.datetime(2024, 2, 8, 8, 0, tzinfo=HCM)
    # 05/02 + 5 working days, skipping Tết 08/02–14/02 and the weekend.
    assert disclosure.posting_deadline == dt.date(2024, 2, 19)
    assert not disclosure.is_late
    # 30 days from 08/02 end on Saturday 09/03: moved to Monday 11/03/2024.
    assert disclosure.window_end == dt.date(2024, 3, 11)
    assert disclosure.body == "Tổng thu 12,5 tỷ đồng;\ntổng chi 12,1 tỷ đồng."
    assert Record.objects.filter(disclosure=disclosure, kind=Record.Kind.POSTING).exists()
    # One act, one audit row: nobody submitted or approved it on the portal.
    assert list(AuditEvent.objects.of(disclosure).values_list("action", "note")) == [
        ("imported", "Nhập từ b.csv, dòng 2."),
    ]

    actions.close_due_postings(now=dt.datetime(2024, 3, 12, tzinfo=HCM))
    disclosure.refresh_from_db()
    assert disclosure.state == State.CLOSED


def test_a_late_historical_posting_with_a_reason_is_flagged_late(cast, tmp_path):
    content = csv_bytes(row(ngay_niem_yet="2024-03-01", ly_do_muon="Chờ HĐND gửi nghị quyết"))

    _out, err, failure = run(tmp_path, "b.csv", content)

    assert failure is None, err
    disclosure = Disclosure.objects.get(unit=cast.b)
    assert disclosure.is_late and disclosure.late_reason == "Chờ HĐND gửi nghị quyết"


def test_a_row_without_a_posting_date_becomes_a_draft(cast, tmp_path):
    _out, err, failure = run(tmp_path, "b.csv", csv_bytes(row(noi_dung="")))

    assert failure is None, err
    disclosure = Disclosure.objects.get(unit=cast.b)
    assert disclosure.state == State.DRAFT
    assert disclosure.posting_deadline == dt.date(2024, 2, 19)


def test_an_agency_row_becomes_an_internal_disclosure(cast, tmp_path):
    content = csv_bytes(
        row(ma_don_vi="", ma_co_quan="UBND-07282", dieu="46", khoan="2", hinh_thuc="a; đ",
            ngay_niem_yet="08/02/2024"),
    )  # fmt: skip

    _out, err, failure = run(tmp_path, "cq.csv", content)

    assert failure is None, err
    disclosure = Disclosure.objects.get(agency=cast.agency_a)
    assert disclosure.forms == ["a", "dd"]
    assert disclosure.window_end == dt.date(2024, 2, 28)  # 20 days (Art. 48)


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("a, b, c", ["a", "b", "c"]),
        ("đ; k", ["dd", "k"]),
        ("Niêm yết thông tin; Đăng trên cổng/trang thông tin điện tử của xã (điểm b)", ["a", "b"]),
        ("a) Niêm yết thông tin\nb) Đăng trên cổng/trang thông tin điện tử của xã", ["a", "b"]),
        ("NIEM YET THONG TIN", ["a"]),
    ],
)
def test_the_forms_are_read_from_their_letters_or_their_labels(cast, cell, codes):
    result = DisclosureResource().import_data(read_dataset("b.csv", csv_bytes(row(hinh_thuc=cell))))

    assert error_messages(result) == []
    assert Disclosure.objects.get(unit=cast.b).forms == codes


# --- Bad rows --------------------------------------------------------------------------------------------


def test_a_file_with_bad_rows_imports_nothing_and_names_each_row_and_column(cast, tmp_path):
    future = timezone.localdate() + dt.timedelta(days=30)
    content = csv_bytes(
        row(tieu_de="Dòng tốt"),
        row(tieu_de="Khoản không có", khoan="15"),
        row(tieu_de="Niêm yết muộn", ngay_niem_yet="01/03/2024"),
        row(tieu_de="Quyết định tương lai", ngay_ban_hanh=f"{future:%d/%m/%Y}"),
    )

    out, err, failure = run(tmp_path, "b.csv", content)

    assert failure == "Không nhập dòng nào: 3 trong 4 dòng có lỗi. Sửa các dòng trên rồi chạy lại."
    lines = err.splitlines()
    assert (
        lines[0]
        == "Dòng 3, cột khoan: không có nội dung phải công khai nào ở khoản 15 Điều 11; dùng khoản 1–14."
    )
    assert lines[1].startswith(
        "Dòng 4, cột ly_do_muon: niêm yết ngày 01/03/2024 là muộn: hạn công khai là 19/02/2024"
    )
    assert lines[2] == "Dòng 5, cột ngay_ban_hanh: ngày ban hành không được sau ngày hôm nay."
    assert not Disclosure.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"ma_don_vi": "99999"}, "Dòng 2, cột ma_don_vi: không có xã, phường, đặc khu mã 99999."),
        (
            {"ma_don_vi": "UBND-07282"},
            "Dòng 2, cột ma_don_vi: UBND-07282 là mã một cơ quan, đơn vị: ghi mã này vào cột ma_co_quan.",
        ),
        ({"ma_don_vi": ""}, "Dòng 2, cột ma_don_vi: cần mã xã, phường, đặc khu (cột ma_don_vi) hoặc mã cơ quan, đơn vị (cột ma_co_quan)."),
        ({"ma_co_quan": "UBND-07282", "ma_don_vi": ""}, "Dòng 2, cột dieu: nội dung công khai của cơ quan, đơn vị thuộc Điều 46 Luật 10/2022/QH15, không phải Điều 11."),
        ({"dieu": "15"}, "Dòng 2, cột dieu: nội dung công khai của xã, phường, đặc khu thuộc Điều 11 Luật 10/2022/QH15, không phải Điều 15."),
        ({"ngay_ban_hanh": "31/02/2024"}, "Dòng 2, cột ngay_ban_hanh: «31/02/2024» không phải một ngày có thật."),
        ({"ngay_ban_hanh": "Feb 5"}, "Dòng 2, cột ngay_ban_hanh: «Feb 5» không phải một ngày; ghi ngày dạng dd/mm/yyyy (ví dụ 08/02/2024) hoặc yyyy-mm-dd."),
        ({"ngay_niem_yet": "01/02/2024"}, "Dòng 2, cột ngay_niem_yet: ngày niêm yết 01/02/2024 trước ngày ban hành 05/02/2024."),
        ({"hinh_thuc": "a, z"}, "Dòng 2, cột hinh_thuc: «a, z» không phải hình thức công khai của khoản 1 Điều 12"),
        ({"ngay_niem_yet": "08/02/2024", "noi_dung": ""}, "Dòng 2, cột noi_dung: thông tin đã niêm yết cần nội dung"),
        ({"tieu_de": ""}, "Dòng 2, cột tieu_de: không được để trống."),
        ({"khoan": "14"}, "Dòng 2, cột so_ngay_niem_yet: nội dung này không có thời gian niêm yết tối thiểu: hãy nhập số ngày."),
    ],
)  # fmt: skip
def test_a_bad_row_is_explained_in_vietnamese(cast, values, message):
    result = DisclosureResource().import_data(read_dataset("b.csv", csv_bytes(row(**values))))

    problems = error_messages(result)
    assert any(p.startswith(message) for p in problems), problems
    assert not Disclosure.objects.exists()


def test_a_file_without_the_needed_columns_is_refused(cast, tmp_path):
    _out, _err, failure = run(tmp_path, "b.csv", b"tieu_de\nX\n")

    assert failure.startswith("Thiếu cột: dieu, khoan")


def test_importing_the_same_file_twice_adds_nothing_twice(cast, tmp_path):
    content = csv_bytes(row(ngay_niem_yet="08/02/2024"))
    assert run(tmp_path, "b.csv", content)[2] is None

    _out, err, failure = run(tmp_path, "b.csv", content)

    assert failure is not None
    assert "Dòng 2: đã có thông tin công khai «Dự toán ngân sách xã năm 2024»" in err
    assert Disclosure.objects.count() == 1


def test_a_withdrawn_disclosure_is_not_imported_again(cast, tmp_path):
    content = csv_bytes(
        {**row(ngay_niem_yet="08/02/2024"), "trang_thai": "Đã thu hồi"}, columns=[*COLUMNS, "trang_thai"]
    )

    _out, err, failure = run(tmp_path, "b.csv", content)

    assert failure is not None
    assert err.startswith("Dòng 2, cột trang_thai: thông tin «Đã thu hồi» không nhập lại được")


# --- Admin ---------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, cast):
    client.force_login(cast.admin)
    return client


def test_the_admin_lists_disclosures_and_shows_a_published_one_read_only(admin_client, make_disclosure):
    published = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))

    assert admin_client.get(reverse("admin:disclosures_disclosure_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:disclosures_disclosure_change", args=[published.pk]))

    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()
    response = admin_client.post(
        reverse("admin:disclosures_disclosure_change", args=[published.pk]), {"title": "Sửa lén"}
    )
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.title == "Dự toán ngân sách xã năm 2024"
    delete = admin_client.get(reverse("admin:disclosures_disclosure_delete", args=[published.pk]))
    assert delete.status_code == 403


def test_the_admin_edits_a_draft_through_the_domain_function(admin_client, make_disclosure):
    draft = make_disclosure(state="draft")
    url = reverse("admin:disclosures_disclosure_change", args=[draft.pk])
    form = {
        "item": draft.item_id, "title": "Dự toán đã sửa", "summary": draft.summary, "body": draft.body,
        "decision_number": draft.decision_number, "decision_date": "07/02/2024",
        "decision_issuer": draft.decision_issuer, "forms": ["a"], "posted_at_office": "on", "other_places": "",
        "window_days": "",
        **{f"{prefix}-{key}": value for prefix in ("documents", "feedback", "records", "democracy-auditevent-target_type-target_id")
           for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()},
    }  # fmt: skip

    response = admin_client.post(url, form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    draft.refresh_from_db()
    assert draft.title == "Dự toán đã sửa" and draft.forms == ["a"]
    assert AuditEvent.objects.of(draft).filter(action="edited").exists()
    short = admin_client.post(url, {**form, "window_days": "10"})
    assert "Thời gian niêm yết không được ít hơn 30 ngày" in short.content.decode()


def test_the_admin_cannot_add_or_bulk_delete_disclosures(admin_client):
    assert admin_client.get(reverse("admin:disclosures_disclosure_add")).status_code == 403
    changelist = admin_client.get(reverse("admin:disclosures_disclosure_changelist")).content.decode()
    assert "delete_selected" not in changelist
    assert "export_xlsx" in changelist


def test_the_admin_export_action_writes_a_formula_safe_xlsx(admin_client, make_disclosure):
    disclosure = make_disclosure(state="published", published_on=dt.date(2024, 2, 8), title=FORMULA_TITLE)

    response = admin_client.post(
        reverse("admin:disclosures_disclosure_changelist"),
        {"action": "export_xlsx", "_selected_action": [disclosure.pk]},
    )

    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["E2"].value == "'" + FORMULA_TITLE and sheet["E2"].data_type == "s"


def test_the_admin_import_previews_then_imports(admin_client, cast):
    content = csv_bytes(row(ngay_niem_yet="08/02/2024"))
    url = reverse("admin:disclosures_disclosure_import")
    upload = BytesIO(content)
    upload.name = "b.csv"

    preview = admin_client.post(url, {"resource": "0", "format": "0", "import_file": upload})

    assert preview.status_code == 200, preview.content.decode()[:2000]
    assert not Disclosure.objects.exists()
    confirm = preview.context["confirm_form"]
    response = admin_client.post(
        reverse("admin:disclosures_disclosure_process_import"),
        {name: confirm[name].value() for name in confirm.fields},
    )

    assert response.status_code == 302
    disclosure = Disclosure.objects.get(unit=cast.b)
    assert disclosure.window_end == dt.date(2024, 3, 11)
    assert AuditEvent.objects.of(disclosure).filter(action="imported", actor=cast.admin).exists()


def test_feedback_is_read_only_in_the_admin(admin_client, make_disclosure):
    disclosure = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    feedback = actions.add_feedback(
        disclosure, text="Khi nào làm đường?", received_at=dt.datetime(2024, 2, 9, 10, tzinfo=HCM)
    )

    assert admin_client.get(reverse("admin:disclosures_feedback_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:disclosures_feedback_change", args=[feedback.pk]))
    assert page.status_code == 200 and 'name="text"' not in page.content.decode()
    assert (
        admin_client.get(reverse("admin:disclosures_feedback_delete", args=[feedback.pk])).status_code == 403
    )


def test_a_control_character_is_refused_and_a_duplicated_row_keeps_its_other_errors(cast):
    """Issue 18 item 10: NUL bytes went into the database; a duplicate hid the rest of its row."""
    result = DisclosureResource().import_data(
        read_dataset(
            "b.csv",
            csv_bytes(
                row(tom_tat="Tóm tắt\x00có NUL"),
                row(tieu_de="Hai lần"),
                row(tieu_de="Hai lần", hinh_thuc="a, z"),
            ),
        )
    )

    problems = error_messages(result)
    assert problems[0] == "Dòng 2, cột tom_tat: có ký tự điều khiển U+0000, không được phép trong tệp nhập."
    assert "Dòng 4: trùng với dòng 3." in problems
    assert any(p.startswith("Dòng 4, cột hinh_thuc: «a, z» không phải hình thức công khai") for p in problems)
    assert not Disclosure.objects.exists()


def test_a_file_over_the_row_limit_is_refused_before_any_row(cast, tmp_path, monkeypatch):
    from units.imports import base

    monkeypatch.setattr(base, "MAX_ROWS", 2)
    _out, _err, failure = run(tmp_path, "b.csv", csv_bytes(*(row(tieu_de=f"Dòng {n}") for n in range(3))))

    assert (
        failure
        == "Tệp có 3 dòng dữ liệu, quá giới hạn 2 dòng mỗi lần nhập; hãy chia thành nhiều tệp nhỏ hơn."
    )
    assert not Disclosure.objects.exists()
