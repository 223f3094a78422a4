"""Imports of villages, agencies and staff accounts: CSV and XLSX, all or nothing, Vietnamese messages."""

from datetime import date
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from units.imports import (
    AgencyResource,
    StaffResource,
    VillageResource,
    error_messages,
    read_dataset,
)
from units.models import AdministrativeUnit, Agency, Level, Membership, Role, UnitType

SAMPLES = Path(__file__).resolve().parents[2] / "units" / "samples"
VILLAGE_HEADER = "ma,ten,loai,ma_xa,so_ho\n"
STAFF_HEADER = "ten_dang_nhap,ho_ten,email,vai_tro,ma_don_vi,ma_co_quan\n"


def csv_dataset(text):
    return read_dataset("tep.csv", text.encode())


def xlsx_bytes(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def run(resource_class, text, *, dry_run=False):
    result = resource_class().import_data(csv_dataset(text), dry_run=dry_run)
    return result, error_messages(result)


def import_file(tmp_path, name, content, *args):
    """Run `import_records` on a file: (stdout, stderr, the CommandError's message or None)."""
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    out, err = StringIO(), StringIO()
    try:
        call_command("import_records", *args, str(path), stdout=out, stderr=err)
    except CommandError as e:
        return out.getvalue(), err.getvalue(), str(e)
    return out.getvalue(), err.getvalue(), None


def villages():
    return {
        u.code: u for u in AdministrativeUnit.objects.filter(level=Level.VILLAGE).select_related("parent")
    }


def snapshot():
    return (
        sorted(AdministrativeUnit.objects.values_list("code", "name", "households")),
        sorted(Agency.objects.values_list("code", "staff_count")),
        sorted(Membership.objects.values_list("user__username", "role", "unit__code", "agency__code")),
        get_user_model().objects.count(),
    )


# --- Villages ----------------------------------------------------------------------------------------


def test_a_csv_of_villages_creates_villages_with_their_households(cast, tmp_path):
    out, err, failure = import_file(tmp_path, "thon.csv", (SAMPLES / "villages.csv").read_bytes(), "villages")

    assert failure is None, err
    assert "Đã nhập 3 dòng: 3 mới, 0 cập nhật." in out
    found = villages()
    assert found["07282-05"].name == "Thôn Khánh Giàng"
    assert found["07282-05"].households == 215
    assert found["07282-05"].parent == cast.a
    assert found["07282-06"].type == UnitType.THON  # "Thôn"
    assert found["07288-04"].type == UnitType.TO_DAN_PHO  # "tổ dân phố"
    assert found["07288-04"].parent == cast.b
    assert found["07288-04"].search_name == "to dan pho pho moi"


def test_an_xlsx_of_villages_creates_villages_even_when_excel_turned_codes_into_numbers(cast, tmp_path):
    content = xlsx_bytes(
        [
            ["ma", "ten", "loai", "ma_xa", "so_ho"],
            ["07282-07", "Thôn Trại Mới", "THÔN", 7282, 96],  # 07282 typed into a number cell
            ["07288-07", "Tổ dân phố Số 7", "to dan pho", "07288", 1200.0],
            [None, None, None, None, None],  # a formatted but empty trailing row
        ]
    )

    out, err, failure = import_file(tmp_path, "thon.xlsx", content, "villages")

    assert failure is None, err
    assert "Đã nhập 2 dòng: 2 mới, 0 cập nhật, bỏ qua 1 dòng trống." in out
    found = villages()
    assert (found["07282-07"].parent, found["07282-07"].households) == (cast.a, 96)
    assert (found["07288-07"].type, found["07288-07"].households) == (UnitType.TO_DAN_PHO, 1200)


def test_importing_the_same_villages_again_updates_them_instead_of_duplicating(cast):
    text = VILLAGE_HEADER + "07282-02,Thôn Đồng Kỳ,thon,07282,215\n07282-01,Thôn Đồng Bông,thon,07282,130\n"
    run(VillageResource, text)
    count = AdministrativeUnit.objects.count()

    result, problems = run(VillageResource, text.replace("215", "220"))

    assert problems == []
    assert (result.totals["new"], result.totals["update"]) == (0, 2)
    assert AdministrativeUnit.objects.count() == count
    assert villages()["07282-02"].households == 220
    assert villages()["07282-01"].households == 130  # the cast's village, updated from 120


def test_a_file_with_two_good_rows_and_one_bad_row_imports_nothing(cast):
    before = snapshot()
    text = VILLAGE_HEADER + (
        "07282-02,Thôn Đồng Kỳ,thon,07282,215\n"
        "07282-03,Thôn Đồng Phúc,thon,99999,180\n"
        "07288-02,Tổ dân phố Phố Mới,to_dan_pho,07288,342\n"
    )

    result, problems = run(VillageResource, text)

    assert result.has_validation_errors()
    assert problems == ["Dòng 3, cột ma_xa: không có xã, phường, đặc khu mã 99999."]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("07282-02,Thôn A,thon,99999,10", "Dòng 2, cột ma_xa: không có xã, phường, đặc khu mã 99999."),
        (
            "07282-02,Thôn A,thon,24,10",
            "Dòng 2, cột ma_xa: mã 24 là tỉnh, thành phố «Tỉnh Bắc Ninh», không phải",
        ),
        (
            "07282-02,Thôn A,thon,07282,-5",
            "Dòng 2, cột so_ho: «-5» không hợp lệ; cần một số nguyên từ 1 trở lên.",
        ),
        ("07282-02,Thôn A,thon,07282,0", "Dòng 2, cột so_ho: «0» không hợp lệ"),
        ("07282-02,Thôn A,thon,07282,nhiều", "Dòng 2, cột so_ho: «nhiều» không hợp lệ"),
        ("07282-02,Thôn A,thon,07282,", "Dòng 2, cột so_ho: không được để trống"),
        ("07282-02,Thôn A,phường,07282,10", "Dòng 2, cột loai: «phường» không hợp lệ; dùng một trong: thon"),
        ("07282-02,,thon,07282,10", "Dòng 2, cột ten: không được để trống."),
        (
            "07282,Thôn A,thon,07282,10",
            "Dòng 2, cột ma: mã 07282 đã dùng cho xã, phường, đặc khu «Xã Đồng Kỳ»",
        ),
    ],
)
def test_a_bad_village_row_imports_nothing_and_the_message_names_its_line_and_column(cast, row, message):
    before = snapshot()

    result, problems = run(VillageResource, VILLAGE_HEADER + row + "\n")

    assert len(problems) == 1, problems
    assert problems[0].startswith(message)
    assert snapshot() == before


def test_every_bad_cell_of_every_row_is_reported(cast):
    text = (
        VILLAGE_HEADER
        + "07282-02,Thôn A,thon,07282,10\n07282-03,Thôn B,lang xom,99999,-1\n07282-02,Thôn C,thon,07282,5\n"
    )

    _, problems = run(VillageResource, text)

    assert problems == [
        "Dòng 3, cột loai: «lang xom» không hợp lệ; dùng một trong: thon (Thôn, làng, ấp, bản, buôn); "
        "to_dan_pho (Tổ dân phố, khu phố).",
        "Dòng 3, cột ma_xa: không có xã, phường, đặc khu mã 99999.",
        "Dòng 3, cột so_ho: «-1» không hợp lệ; cần một số nguyên từ 1 trở lên.",
        "Dòng 4, cột ma: trùng với dòng 2.",
    ]


def test_a_village_cannot_be_placed_under_a_commune_that_no_longer_exists(cast):
    cast.b.valid_to = date(2025, 6, 30)
    cast.b.save()
    cast.b.successors.add(cast.a)

    _, problems = run(VillageResource, VILLAGE_HEADER + "07288-09,Thôn Mới,thon,07288,10\n")

    assert problems == [
        "Dòng 2, cột ma_xa: «Xã Yên Thế» (mã 07288) đã thôi tồn tại từ 01/07/2025; "
        "đơn vị kế thừa: Xã Đồng Kỳ (mã 07282)."
    ]


def test_a_dry_run_imports_nothing_even_when_every_row_is_good(cast, tmp_path):
    before = snapshot()

    out, err, failure = import_file(
        tmp_path, "thon.csv", (SAMPLES / "villages.csv").read_bytes(), "villages", "--dry-run"
    )

    assert failure is None, err
    assert "Chạy thử: 3 dòng hợp lệ (3 mới, 0 cập nhật); chưa nhập gì vào cơ sở dữ liệu." in out
    assert snapshot() == before


def test_the_command_lists_every_bad_row_and_fails(cast, tmp_path):
    before = snapshot()
    text = (
        VILLAGE_HEADER
        + "07282-02,Thôn A,thon,99999,10\n07282-03,Thôn B,thon,07282,10\n07282-04,Thôn C,xa,07282,x\n"
    )

    out, err, failure = import_file(tmp_path, "thon.csv", text, "villages", "--dry-run")

    assert "Dòng 2, cột ma_xa: không có xã, phường, đặc khu mã 99999." in err
    assert "Dòng 4, cột loai: «xa» không hợp lệ" in err
    assert "Dòng 4, cột so_ho: «x» không hợp lệ" in err
    assert failure == "Không nhập dòng nào: 2 trong 3 dòng có lỗi. Sửa các dòng trên rồi chạy lại."
    assert snapshot() == before


def test_a_csv_saved_by_excel_with_a_bom_and_semicolons_is_read(cast, tmp_path):
    text = "\ufeffma;ten;loai;ma_xa;so_ho\r\n07282-02;Thôn Đồng Kỳ;thôn;07282;1.215\r\n"

    out, err, failure = import_file(tmp_path, "thon.csv", text, "villages")

    assert failure is None, err
    assert villages()["07282-02"].households == 1215


def test_line_numbers_count_blank_lines_and_a_row_with_too_many_cells_is_refused(cast, tmp_path):
    _, problems = run(
        VillageResource, VILLAGE_HEADER + "\n07282-02,Thôn A,thon,07282,10\n\n07282-03,Thôn B,thon,99998,10\n"
    )
    assert problems == ["Dòng 5, cột ma_xa: không có xã, phường, đặc khu mã 99998."]

    _, _, failure = import_file(
        tmp_path, "thon.csv", VILLAGE_HEADER + "07282-02,Thôn A,thon,07282,10,thừa\n", "villages"
    )
    assert failure.startswith("Dòng 2: có 6 ô nhưng dòng tiêu đề chỉ có 5 cột")


def test_missing_columns_are_listed(cast):
    result, problems = run(VillageResource, "ma,ten,loai\n07282-02,Thôn A,thon\n")

    assert problems == [
        "Thiếu cột: ma_xa, so_ho. Dòng đầu tiên của tệp phải có các cột ma, ten, loai, ma_xa, so_ho."
    ]
    assert result.has_errors()


@pytest.mark.parametrize(
    "content", ["", "\ufeff", "ma,ten,loai,ma_xa,so_ho\n", "ma,ten,loai,ma_xa,so_ho\n,,,,\n"]
)
def test_an_empty_file_is_refused_with_a_message(cast, tmp_path, content):
    _, _, failure = import_file(tmp_path, "thon.csv", content, "villages")

    assert failure.startswith(("Tệp trống", "Tệp không có dòng dữ liệu nào"))


def test_an_empty_xlsx_is_refused_with_a_message(cast, tmp_path):
    _, _, failure = import_file(tmp_path, "thon.xlsx", xlsx_bytes([]), "villages")

    assert failure.startswith("Tệp trống")


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(cast, tmp_path):
    _, _, failure = import_file(tmp_path, "thon.xls", b"...", "villages")

    assert failure == "Tệp thon.xls: chỉ nhận tệp .csv hoặc .xlsx."


# --- Agencies ----------------------------------------------------------------------------------------


def test_agencies_are_imported_under_a_commune_or_a_province(cast, tmp_path):
    out, err, failure = import_file(
        tmp_path, "co_quan.csv", (SAMPLES / "agencies.csv").read_bytes(), "agencies"
    )

    assert failure is None, err
    school = Agency.objects.get(code="MN-07282")
    assert (school.kind, school.unit, school.staff_count) == (Agency.Kind.PUBLIC_SERVICE, cast.a, 32)
    department = Agency.objects.get(code="SNV-24")
    assert (department.kind, department.unit) == (Agency.Kind.STATE_AGENCY, cast.province)


def test_reimporting_an_agency_updates_its_staff_count(cast):
    header = "ma,ten,loai,ma_dia_ban,so_can_bo\n"

    result, problems = run(
        AgencyResource, header + "UBND-07282,Văn phòng UBND xã Đồng Kỳ,state_agency,07282,30\n"
    )

    assert problems == []
    assert result.totals["update"] == 1
    assert Agency.objects.get(code="UBND-07282").staff_count == 30


def test_an_agency_in_a_village_or_with_no_staff_is_refused(cast):
    header = "ma,ten,loai,ma_dia_ban,so_can_bo\n"
    before = snapshot()

    _, problems = run(AgencyResource, header + "THCS-X,Trường X,đơn vị sự nghiệp,07282-01,0\n")

    assert problems == [
        "Dòng 2, cột ma_dia_ban: mã 07282-01 là thôn, tổ dân phố «Thôn Đồng Bông», "
        "không phải tỉnh, thành phố hay xã, phường, đặc khu.",
        "Dòng 2, cột so_can_bo: «0» không hợp lệ; cần một số nguyên từ 1 trở lên.",
    ]
    assert snapshot() == before


# --- Staff accounts -----------------------------------------------------------------------------------


def test_staff_import_creates_accounts_without_a_password_and_their_roles(cast, tmp_path):
    out, err, failure = import_file(tmp_path, "can_bo.csv", (SAMPLES / "staff.csv").read_bytes(), "staff")

    assert failure is None, err
    assert "Đã nhập 4 dòng: 4 mới, 0 cập nhật." in out
    an = get_user_model().objects.get(username="nguyenvanan")
    assert (an.first_name, an.last_name, an.get_full_name()) == ("Nguyễn Văn An", "", "Nguyễn Văn An")
    assert an.email == "an.nv@dongky.example.vn"
    assert not an.has_usable_password()
    assert an.memberships.get().role == Role.CLERK
    assert Membership.objects.get(user__username="tranthibinh").role == Role.APPROVER  # "Người phê duyệt"
    assert Membership.objects.get(user__username="lethicuc").agency == cast.agency_a
    assert Membership.objects.get(user__username="phamvandung").unit == cast.province


def test_importing_staff_twice_does_not_duplicate_accounts_or_roles(cast):
    text = (SAMPLES / "staff.csv").read_text(encoding="utf-8")
    run(StaffResource, text)
    counts = (get_user_model().objects.count(), Membership.objects.count())

    result, problems = run(StaffResource, text.replace("Nguyễn Văn An", "Nguyễn Văn Ân"))

    assert problems == []
    assert (result.totals["new"], result.totals["update"]) == (0, 4)
    assert (get_user_model().objects.count(), Membership.objects.count()) == counts
    assert get_user_model().objects.get(username="nguyenvanan").first_name == "Nguyễn Văn Ân"


def test_a_second_role_for_an_existing_account_is_added(cast):
    result, problems = run(
        StaffResource, STAFF_HEADER + "clerk_a,Nguyễn Thị Hoa,hoa@example.vn,inspector,07282,\n"
    )

    assert problems == []
    assert sorted(cast.clerk_a.memberships.values_list("role", flat=True)) == [Role.CLERK, Role.INSPECTOR]
    cast.clerk_a.refresh_from_db()
    assert cast.clerk_a.check_password("matkhau-thu-nghiem")  # an existing password is left alone


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "moi,Người Mới,moi@example.vn,agency_staff,07282,",
            "Dòng 2, cột ma_co_quan: vai trò Cán bộ, công chức, viên chức (agency_staff) "
            "cần mã cơ quan, đơn vị.",
        ),
        (
            "moi,Người Mới,moi@example.vn,thủ quỹ,07282,",
            "Dòng 2, cột vai_tro: «thủ quỹ» không hợp lệ; dùng một trong: clerk (Công chức phụ trách)",
        ),
        (
            "moi,Người Mới,moi@example.vn,reviewer,07282,",
            "Dòng 2, cột ma_don_vi: vai trò Cơ quan theo dõi (Nội vụ) (reviewer) thuộc một tỉnh, thành phố",
        ),
        (
            "moi,Người Mới,moi@example.vn,clerk,24,",
            "Dòng 2, cột ma_don_vi: vai trò Công chức phụ trách (clerk) thuộc một xã, phường, đặc khu",
        ),
        (
            "moi,Người Mới,moi@example.vn,clerk,07282,UBND-07282",
            "Dòng 2, cột ma_co_quan: chỉ điền một trong hai cột ma_don_vi hoặc ma_co_quan.",
        ),
        (
            "moi,Người Mới,moi@example.vn,clerk,,KHONG-CO",
            "Dòng 2, cột ma_co_quan: không có cơ quan, đơn vị mã KHONG-CO.",
        ),
        (
            "moi,Người Mới,khong-phai-thu,clerk,07282,",
            "Dòng 2, cột email: «khong-phai-thu» không phải địa chỉ thư điện tử hợp lệ.",
        ),
        (
            "người mới,Người Mới,moi@example.vn,clerk,07282,",
            "Dòng 2, cột ten_dang_nhap: «người mới» không hợp lệ",
        ),
    ],
)
def test_a_bad_staff_row_creates_no_account_and_names_the_problem(cast, row, message):
    before = snapshot()

    _, problems = run(StaffResource, STAFF_HEADER + row + "\n")

    assert len(problems) == 1, problems
    assert problems[0].startswith(message)
    assert snapshot() == before


def test_one_e_mail_address_cannot_open_two_accounts(cast):
    text = (
        STAFF_HEADER
        + "mot,Người Một,chung@example.vn,clerk,07282,\nhai,Người Hai,chung@example.vn,clerk,07288,\n"
    )

    _, problems = run(StaffResource, text)

    assert problems == ["Dòng 3, cột email: địa chỉ chung@example.vn đã dùng cho tài khoản mot."]
    assert not get_user_model().objects.filter(username="mot").exists()


def test_staff_file_needs_a_unit_or_an_agency_column(cast):
    _, problems = run(
        StaffResource, "ten_dang_nhap,ho_ten,email,vai_tro\nmoi,Người Mới,moi@example.vn,clerk\n"
    )

    assert problems[0].startswith("Thiếu cột: ma_don_vi hoặc ma_co_quan.")


# --- Admin -------------------------------------------------------------------------------------------


def test_the_admin_import_page_for_villages_responds_for_a_superuser(cast, client):
    client.force_login(cast.admin)

    response = client.get("/admin/units/administrativeunit/import/")

    assert response.status_code == 200
    assert "ma_xa" in response.content.decode()


@pytest.mark.parametrize("model", ["agency", "membership"])
def test_the_admin_import_pages_for_agencies_and_staff_respond(cast, client, model):
    client.force_login(cast.admin)

    assert client.get(f"/admin/units/{model}/import/").status_code == 200


def test_the_admin_imports_villages_after_its_preview(cast, client):
    client.force_login(cast.admin)
    upload = BytesIO((SAMPLES / "villages.csv").read_bytes())
    upload.name = "thon.csv"

    preview = client.post("/admin/units/administrativeunit/import/", {"import_file": upload, "format": 0})

    assert preview.status_code == 200
    assert "07282-05" not in villages()  # the preview is a dry run
    confirm = preview.context["confirm_form"]
    assert confirm is not None, error_messages(preview.context["result"])
    done = client.post("/admin/units/administrativeunit/process_import/", confirm.initial, follow=True)
    assert "Đã nhập 3 dòng: 3 mới, 0 cập nhật." in done.content.decode()
    assert villages()["07282-05"].households == 215


def test_the_admin_imports_nothing_when_the_data_changed_between_preview_and_confirmation(cast, client):
    client.force_login(cast.admin)
    upload = BytesIO((SAMPLES / "villages.csv").read_bytes())
    upload.name = "thon.csv"
    preview = client.post("/admin/units/administrativeunit/import/", {"import_file": upload, "format": 0})
    cast.b.valid_to = date(2025, 6, 30)  # Yên Thế merged away meanwhile
    cast.b.save()
    before = snapshot()

    done = client.post(
        "/admin/units/administrativeunit/process_import/",
        preview.context["confirm_form"].initial,
        follow=True,
    )

    page = done.content.decode()
    assert "Dòng 4, cột ma_xa: «Xã Yên Thế» (mã 07288) đã thôi tồn tại từ 01/07/2025." in page
    assert "Không nhập dòng nào" in page
    assert snapshot() == before


def test_a_staff_user_without_the_model_permissions_cannot_import_or_export(cast, client):
    cast.clerk_a.is_staff = True
    cast.clerk_a.save()
    client.force_login(cast.clerk_a)

    assert client.get("/admin/units/membership/import/").status_code == 403
    assert client.get("/admin/units/administrativeunit/import/").status_code == 403
    assert client.get("/admin/units/agency/export/").status_code == 403


def test_the_admin_preview_shows_the_vietnamese_message_and_offers_no_confirmation(cast, client):
    client.force_login(cast.admin)
    upload = BytesIO((VILLAGE_HEADER + "07282-02,Thôn A,thon,99999,10\n").encode())
    upload.name = "thon.csv"

    preview = client.post("/admin/units/administrativeunit/import/", {"import_file": upload, "format": 0})

    assert "Dòng 2, cột ma_xa: không có xã, phường, đặc khu mã 99999." in preview.content.decode()
    assert "confirm_form" not in preview.context


def test_the_admin_refuses_a_membership_that_breaks_the_role_rules(cast, client):
    client.force_login(cast.admin)

    response = client.post(
        "/admin/units/membership/add/", {"user": cast.nobody.pk, "role": Role.AGENCY_STAFF, "unit": cast.a.pk}
    )

    assert response.status_code == 200
    assert "cần mã cơ quan, đơn vị" in response.content.decode()
    assert not cast.nobody.memberships.exists()


@pytest.mark.parametrize("model", ["administrativeunit", "agency", "membership"])
def test_the_admin_changelists_do_a_bounded_number_of_queries(
    cast, client, django_assert_max_num_queries, model
):
    for n in range(40):
        village = AdministrativeUnit.objects.create(
            code=f"07282-{n + 10}",
            name=f"Thôn {n}",
            level=Level.VILLAGE,
            type=UnitType.THON,
            parent=cast.a,
            households=50,
        )
        agency = Agency.objects.create(code=f"CQ-{n}", name=f"Cơ quan {n}", unit=cast.a, staff_count=5)
        user = get_user_model().objects.create_user(username=f"cb{n}")
        Membership.objects.create(user=user, role=Role.CLERK, unit=village.parent)
        Membership.objects.create(user=user, role=Role.AGENCY_STAFF, agency=agency)
    client.force_login(cast.admin)

    with django_assert_max_num_queries(10):
        response = client.get(f"/admin/units/{model}/")

    assert response.status_code == 200


def test_the_admin_finds_a_unit_without_diacritics(cast, client):
    client.force_login(cast.admin)

    response = client.get("/admin/units/administrativeunit/", {"q": "dong bong"})

    assert list(response.context["cl"].result_list) == [cast.village_a]


def test_the_admin_imports_staff_from_an_xlsx(cast, client):
    client.force_login(cast.admin)
    upload = BytesIO(
        xlsx_bytes(
            [
                ["ten_dang_nhap", "ho_ten", "email", "vai_tro", "ma_don_vi", "ma_co_quan"],
                [
                    "hoangvanem",
                    "Hoàng Văn Em",
                    "em.hv@example.vn",
                    "Thành viên Ban Thanh tra nhân dân",
                    "07282",
                    None,
                ],
                [None, None, None, None, None, None],
            ]
        )
    )
    upload.name = "can_bo.xlsx"

    preview = client.post("/admin/units/membership/import/", {"import_file": upload, "format": 1})
    client.post("/admin/units/membership/process_import/", preview.context["confirm_form"].initial)

    membership = Membership.objects.get(user__username="hoangvanem")
    assert (membership.role, membership.unit) == (Role.INSPECTOR, cast.a)


def test_the_admin_preview_lists_missing_columns(cast, client):
    client.force_login(cast.admin)
    upload = BytesIO(b"ma,ten\n07282-09,Thon\n")
    upload.name = "thon.csv"

    preview = client.post("/admin/units/administrativeunit/import/", {"import_file": upload, "format": 0})

    assert "Thiếu cột: loai, ma_xa, so_ho." in preview.content.decode()
    assert "confirm_form" not in preview.context


# --- Limits, control characters, every error of a row, no moves (issue 18 item 10) -------------------


def test_a_file_with_more_rows_than_the_limit_is_refused_as_a_whole(cast, monkeypatch):
    from units.imports import base

    monkeypatch.setattr(base, "MAX_ROWS", 3)
    text = VILLAGE_HEADER + "".join(f"07282-{n:02d},Thôn {n},thon,07282,10\n" for n in range(10, 14))

    result, problems = run(VillageResource, text, dry_run=True)

    assert problems == [
        "Tệp có 4 dòng dữ liệu, quá giới hạn 3 dòng mỗi lần nhập; hãy chia thành nhiều tệp nhỏ hơn."
    ]
    assert not result.rows  # refused before any row is read


def test_a_file_over_the_size_limit_is_refused_by_the_command_and_the_admin(
    cast, client, tmp_path, monkeypatch
):
    from units.imports import base

    monkeypatch.setattr(base, "MAX_FILE_BYTES", 1024 * 1024)
    content = (VILLAGE_HEADER + "07282-10,Thôn A,thon,07282,10\n" * 40_000).encode()  # 1.2 MB
    before = snapshot()

    _, _, failure = import_file(tmp_path, "thon.csv", content, "villages")
    assert failure == (
        "Tệp thon.csv nặng 1,2 MB, quá giới hạn 1 MB mỗi lần nhập; hãy chia thành nhiều tệp nhỏ hơn."
    )

    client.force_login(cast.admin)
    upload = BytesIO(content)
    upload.name = "thon.csv"
    page = client.post("/admin/units/administrativeunit/import/", {"import_file": upload, "format": 0})
    assert page.status_code == 200 and page.context.get("confirm_form") is None
    assert "quá giới hạn 1 MB mỗi lần nhập" in page.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x07"])
def test_a_control_character_in_a_cell_is_refused_with_its_line_and_column(cast, character):
    text = VILLAGE_HEADER + f"07282-10,Thôn{character}A,thon,07282,10\n"

    _, problems = run(VillageResource, text)

    code = f"U+{ord(character):04X}"
    assert problems == [f"Dòng 2, cột ten: có ký tự điều khiển {code}, không được phép trong tệp nhập."]
    assert "07282-10" not in villages()


def test_a_duplicated_row_still_gets_every_other_error_of_its_own(cast):
    text = VILLAGE_HEADER + "07282-10,Thôn A,thon,07282,10\n07282-10,Thôn B,lang xom,99999,-1\n"

    _, problems = run(VillageResource, text)

    assert problems == [
        "Dòng 3, cột ma: trùng với dòng 2.",
        "Dòng 3, cột loai: «lang xom» không hợp lệ; dùng một trong: thon (Thôn, làng, ấp, bản, buôn); "
        "to_dan_pho (Tổ dân phố, khu phố).",
        "Dòng 3, cột ma_xa: không có xã, phường, đặc khu mã 99999.",
        "Dòng 3, cột so_ho: «-1» không hợp lệ; cần một số nguyên từ 1 trở lên.",
    ]


def test_an_import_never_moves_an_existing_agency_to_another_commune_or_province(cast):
    header = "ma,ten,loai,ma_dia_ban,so_can_bo\n"
    before = snapshot()

    _, problems = run(AgencyResource, header + "UBND-07282,Văn phòng UBND xã Đồng Kỳ,state_agency,01,30\n")

    assert problems == [
        "Dòng 2, cột ma_dia_ban: cơ quan, đơn vị mã UBND-07282 thuộc «Xã Đồng Kỳ» (mã 07282); "
        "tệp nhập không chuyển cơ quan, đơn vị sang địa bàn khác."
    ]
    assert snapshot() == before
    assert Agency.objects.get(code="UBND-07282").unit == cast.a


def test_an_import_never_moves_an_existing_village_to_another_commune(cast):
    before = snapshot()

    _, problems = run(VillageResource, VILLAGE_HEADER + "07282-01,Thôn Đồng Bông,thon,07288,120\n")

    assert problems == [
        "Dòng 2, cột ma_xa: thôn, tổ dân phố mã 07282-01 thuộc «Xã Đồng Kỳ» (mã 07282); "
        "tệp nhập không chuyển thôn, tổ dân phố sang xã khác."
    ]
    assert snapshot() == before
