"""A unit report as PDF and XLSX, opened and read as the reviewer would: the administrative heading,
the number, the figures of the snapshot, the narrative, the signature; no formula from user text."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from democracy.xlsx import XLSX_TYPE
from reports import actions, outputs
from reports.models import UnitReport

NARRATIVE = {
    "results": "Công khai đầy đủ dự toán ngân sách xã.",
    "shortcomings": "Hội nghị thôn Đồng Bông chưa đủ số hộ tham dự.",
    "proposals": "=cmd|' /C calc'!A0",
}


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def with_figures(report, **disclosures):
    figures = report.figures
    figures["disclosures"].update(disclosures)
    figures["disclosures"]["by_item"] = {"11.2": 5}
    figures["disclosures"]["by_form"] = {"a": 4, "b": 1}
    figures["consultations"]["by_channel"] = {"conference": 6}
    figures["feedback"].update(received=9, answered=7)
    figures["recommendations"].update(received=4, answered=3, answered_on_time=2)
    UnitReport.objects.filter(pk=report.pk).update(figures=figures)
    report.refresh_from_db()
    return report


def submitted(report, by, signer_title="Chủ tịch"):
    actions.update_narrative(report, by=by, **NARRATIVE)
    report.refresh_from_db()
    actions.send_to_sign(report, by=by)
    actions.sign_and_submit(report, by=by, signer_title=signer_title)
    report.refresh_from_db()
    return report


@pytest.fixture
def report(cast, make_report):
    cast.approver_a.first_name = "Nguyễn Thị Hoa"  # the full name goes whole into first_name
    cast.approver_a.save()
    return with_figures(make_report(cast.a, "2026-H1"), published=17, on_time=15, late=2)


def test_the_pdf_reads_as_a_commune_report_in_the_administrative_layout(cast, report):
    report = submitted(report, cast.approver_a)
    text = pdf_text(outputs.unit_report_pdf(report))
    assert "ỦY BAN NHÂN DÂN XÃ ĐỒNG KỲ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 1/BC-UBND" in text
    day = timezone.localdate(report.submitted_at)
    assert f"Đồng Kỳ, ngày {day:%d} tháng {day:%m} năm {day:%Y}" in text
    assert "BÁO CÁO Kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026" in text
    assert "(Số liệu từ ngày 15/12/2025 đến ngày 14/06/2026)" in text
    for heading in (
        "I. CÔNG KHAI THÔNG TIN",
        "II. Ý KIẾN, CÂU HỎI CỦA NHÂN DÂN",
        "III. NHÂN DÂN, CÁN BỘ THAM GIA Ý KIẾN",
        "IV. NHÂN DÂN, CÁN BỘ BÀN VÀ QUYẾT ĐỊNH",
        "V. KIẾN NGHỊ CỦA BAN THANH TRA NHÂN DÂN",
    ):
        assert heading in text
    assert "1 Số nội dung đã công khai (niêm yết) trong kỳ 17" in text
    assert "- Công khai đúng hạn (theo hạn của từng nội dung trong danh mục) 15" in text
    assert "- Công khai muộn 2" in text
    assert "Điều 11 khoản 2" in text
    assert "- Niêm yết thông tin (Điều 12 khoản 1 điểm a) 4" in text
    assert "- Qua kênh: Hội nghị 6" in text
    assert "1 Số ý kiến, câu hỏi tiếp nhận 9" in text and "- Chưa trả lời 2" in text
    assert "- Trả lời đúng hạn (Điều 40 khoản 1, Điều 63 khoản 1) 2" in text
    assert NARRATIVE["results"] in text and NARRATIVE["shortcomings"] in text
    assert "Nơi nhận: - Sở Nội vụ tỉnh Bắc Ninh; - TT Đảng ủy, HĐND xã; - Lưu: VT." in text
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Thị Hoa" in text
    assert "DỰ THẢO" not in text


def test_a_draft_pdf_leaves_the_number_and_date_to_be_filled_in(cast, report):
    text = pdf_text(outputs.unit_report_pdf(report))
    assert "Số: ……/BC-UBND" in text
    assert "Đồng Kỳ, ngày …… tháng …… năm" in text
    assert "DỰ THẢO" in text
    assert "1 Số nội dung đã công khai (niêm yết) trong kỳ 17" in text


def test_a_deputy_signs_on_behalf_of_the_chairman(cast, report):
    report = submitted(report, cast.approver_a, signer_title="Phó Chủ tịch")
    text = pdf_text(outputs.unit_report_pdf(report))
    assert "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Thị Hoa" in text


def test_an_agency_report_is_issued_by_the_agency_to_its_commune(cast, make_report):
    report = make_report(cast.agency_a, "2026-H1")
    report = submitted(report, cast.admin, signer_title="")
    text = pdf_text(outputs.unit_report_pdf(report))
    assert "VĂN PHÒNG UBND XÃ ĐỒNG KỲ" in text
    assert "Số: 1/BC " in text and "BC-UBND" not in text
    assert "Văn phòng UBND xã Đồng Kỳ báo cáo kết quả thực hiện dân chủ ở cơ sở" in text
    assert "Nơi nhận: - Ủy ban nhân dân xã Đồng Kỳ; - Lưu: VT." in text
    assert "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" in text


def test_the_xlsx_has_the_figures_and_no_formula_from_the_narrative(cast, report):
    report = submitted(report, cast.approver_a)
    book = load_workbook(io.BytesIO(outputs.unit_report_xlsx(report)))
    assert book.sheetnames == ["Số liệu", "Thông tin, đánh giá"]
    figures = [tuple(c.value for c in row) for row in book["Số liệu"].iter_rows(min_row=2)]
    assert ("I. Công khai thông tin", "Số nội dung đã công khai (niêm yết) trong kỳ", 17) in figures
    assert ("I. Công khai thông tin", "Công khai muộn", 2) in figures
    assert ("II. Ý kiến, câu hỏi của Nhân dân về thông tin công khai", "Chưa trả lời", 2) in figures
    assert (
        "V. Kiến nghị của Ban Thanh tra nhân dân",
        "Trả lời đúng hạn (Điều 40 khoản 1, Điều 63 khoản 1)",
        2,
    ) in figures
    assert ("Theo hình thức công khai", "Niêm yết thông tin (Điều 12 khoản 1 điểm a)", 4) in figures
    info = {row[0].value: row[1] for row in book["Thông tin, đánh giá"].iter_rows(min_row=2)}
    assert info["Số báo cáo"].value == "1/BC-UBND"
    assert info["Kỳ báo cáo"].value == "6 tháng đầu năm 2026"
    assert info["Người ký"].value == "Nguyễn Thị Hoa"
    assert info["Đến ngày"].value.date().isoformat() == "2026-06-14"
    assert info["Kết quả đạt được"].value == NARRATIVE["results"]
    proposal = info["Phương hướng, đề xuất, kiến nghị"]
    assert proposal.data_type == "s" and proposal.value == "'" + NARRATIVE["proposals"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                assert not (isinstance(cell.value, str) and cell.value.startswith("=")), cell.coordinate


def test_the_downloads_are_attachments_that_never_run_in_the_browser(client, cast, report):
    client.force_login(cast.reviewer_p)
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "bao-cao-dan-chu-co-so-07282-2026-H1.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert "1 Số nội dung đã công khai (niêm yết) trong kỳ 17" in pdf_text(body)

    response = client.get(reverse("reports:xlsx", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == XLSX_TYPE
    assert "bao-cao-dan-chu-co-so-07282-2026-H1.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book["Số liệu"]["C2"].value == 17


def test_a_report_compiled_by_an_older_version_still_prints_every_section(cast, report):
    UnitReport.objects.filter(pk=report.pk).update(figures={"disclosures": {"published": 3}})
    report.refresh_from_db()
    text = pdf_text(outputs.unit_report_pdf(report))
    assert "1 Số nội dung đã công khai (niêm yết) trong kỳ 3" in text
    assert "V. KIẾN NGHỊ CỦA BAN THANH TRA NHÂN DÂN" in text
