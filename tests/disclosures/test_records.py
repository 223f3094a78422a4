"""The posting and closing records as a clerk checks them: open the PDF, read the text and the fonts."""

import datetime as dt
import io
import re
import unicodedata

import pytest
from django.urls import reverse
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from disclosures import actions
from disclosures.models import Record
from disclosures.records import render_record_pdf
from disclosures.tasks import render_record

from .conftest import HCM, attach


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def named(cast):
    """The approver and the clerk with the full names the audit trail gives the records."""
    cast.approver_a.first_name = "Đặng Quý Hưng"
    cast.approver_a.save(update_fields=["first_name"])
    cast.clerk_a.first_name = "Nguyễn Thị Thủy"
    cast.clerk_a.save(update_fields=["first_name"])
    return cast


def rendered(disclosure, kind) -> Record:
    return render_record_pdf(Record.objects.get(disclosure=disclosure, kind=kind))


def pdf_text(record) -> str:
    """The text of every page, with line breaks and justification spaces folded to single spaces."""
    with record.pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    text = " ".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFC", " ".join(text.split()))


def embedded_font_families(record) -> set[str]:
    """The family names inside the font programs embedded in the PDF (not the CSS alias)."""
    with record.pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    families = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_data()
            families.add(TTFont(io.BytesIO(program))["name"].getDebugName(1))
    return families


def test_the_posting_record_carries_the_heading_number_and_window(make_disclosure, named):
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    record = rendered(d, Record.Kind.POSTING)
    text = pdf_text(record)

    for expected in [
        "UBND TỈNH BẮC NINH",
        "ỦY BAN NHÂN DÂN XÃ ĐỒNG KỲ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 1/BB-UBND",
        "Đồng Kỳ, ngày 08 tháng 02 năm 2024",
        "BIÊN BẢN",
        "Niêm yết công khai “Dự toán ngân sách xã năm 2024”",
        "Tên thông tin: Dự toán ngân sách xã năm 2024",
        "Điều 11 khoản 2",
        "số 45/NQ-HĐND ngày 07/02/2024 của Hội đồng nhân dân xã",
        "Dự toán thu, chi ngân sách xã năm 2024 đã được HĐND xã quyết định.",
        "Niêm yết thông tin (Điều 12 khoản 1 điểm a)",
        "trụ sở Ủy ban nhân dân xã Đồng Kỳ",
        "30 ngày liên tục, từ ngày 08/02/2024 đến hết ngày 11/03/2024",
        "thời điểm kết thúc niêm yết: 24 giờ 00 ngày 11/03/2024",
        d.window_explanation,
        "NGƯỜI LẬP BIÊN BẢN",
        "ĐẠI DIỆN UBND XÃ",
        "(Ký, ghi rõ họ tên)",
    ]:
        assert expected in text, expected
    assert "công khai chậm" not in text
    assert record.pdf.name.endswith(f"bien-ban-niem-yet-{d.pk}.pdf")
    assert record.rendered_at is not None


def test_the_participants_come_from_the_audit_trail_with_dotted_lines_for_the_rest(make_disclosure, named):
    d = make_disclosure(state="published")
    text = pdf_text(rendered(d, Record.Kind.POSTING))
    assert "Ông/Bà Đặng Quý Hưng, đại diện Ủy ban nhân dân xã Đồng Kỳ" in text
    assert "Ông/Bà Nguyễn Thị Thủy, công chức phụ trách, người lập biên bản" in text
    assert "Ông/Bà ……………………………, đại diện Ủy ban Mặt trận Tổ quốc Việt Nam xã Đồng Kỳ" in text


def test_staff_without_a_full_name_leave_a_dotted_line_not_their_login(make_disclosure, cast):
    text = pdf_text(rendered(make_disclosure(state="published"), Record.Kind.POSTING))
    assert "approver_a" not in text and "clerk_a" not in text
    assert "Ông/Bà ……………………………, công chức phụ trách" in text


def test_the_village_points_and_the_documents_are_listed(make_disclosure, cast):
    d = make_disclosure(state="submitted")
    d.posting_villages.set([cast.village_a])
    attach(d, name="du-toan-2024.pdf")
    actions.publish(d, by=cast.approver_a, now=dt.datetime(2024, 2, 8, 9, tzinfo=HCM))
    text = pdf_text(rendered(d, Record.Kind.POSTING))
    assert "nhà văn hóa, điểm sinh hoạt cộng đồng thôn Đồng Bông" in text
    assert "du-toan-2024.pdf" in text


def test_a_late_posting_states_the_deadline_and_the_reason(make_disclosure, cast):
    d = make_disclosure(state="submitted")
    actions.publish(
        d, by=cast.approver_a, now=dt.datetime(2024, 2, 22, 9, tzinfo=HCM), late_reason="Chờ bản ký"
    )
    text = pdf_text(rendered(d, Record.Kind.POSTING))
    assert "Việc công khai chậm so với thời hạn (chậm nhất ngày 21/02/2024). Lý do: Chờ bản ký" in text


def test_a_permanent_item_is_posted_without_an_end(make_disclosure):
    d = make_disclosure(state="published", clause=4, title="Quy chế thực hiện dân chủ ở xã")
    text = pdf_text(rendered(d, Record.Kind.POSTING))
    assert "niêm yết thường xuyên" in text
    assert "Niêm yết thường xuyên, cập nhật khi thay đổi" in text
    assert "đến hết ngày" not in text


def test_the_closing_record_lists_questions_and_answers_but_never_the_citizen(make_disclosure, named):
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    question = actions.add_feedback(
        d, text="Khoản chi sửa đường thôn Đồng Bông là bao nhiêu?", name="Trần Văn Dân",
        contact="0912345678", received_at=dt.datetime(2024, 2, 12, 10, 15, tzinfo=HCM),
    )  # fmt: skip
    actions.answer_feedback(question, by=named.clerk_a, text="Khoản chi là 850 triệu đồng.")
    rude = actions.add_feedback(
        d, text="Lời lẽ xúc phạm cán bộ", channel="zalo", by=named.clerk_a,
        received_at=dt.datetime(2024, 2, 13, 8, tzinfo=HCM),
    )  # fmt: skip
    actions.hide_feedback(rude, by=named.clerk_a, reason="Nội dung xúc phạm")
    actions.close_due_postings(now=dt.datetime(2024, 3, 12, 0, 5, tzinfo=HCM))

    record = rendered(d, Record.Kind.CLOSING)
    text = pdf_text(record)
    for expected in [
        "Số: 2/BB-UBND",
        "Đồng Kỳ, ngày 12 tháng 3 năm 2024",
        "Kết thúc niêm yết công khai “Dự toán ngân sách xã năm 2024”",
        "từ ngày 08/02/2024 đến hết ngày 11/03/2024",
        "vào hồi 00 giờ 05 phút ngày 12/03/2024, sau thời điểm kết thúc theo quy định (24 giờ 00 ngày 11/03/2024)",
        "đã nhận được 2 câu hỏi, ý kiến",
        "10:15 12/02/2024",
        "Trực tuyến trên cổng",
        "Khoản chi sửa đường thôn Đồng Bông là bao nhiêu?",
        "Khoản chi là 850 triệu đồng.",
        "đã ẩn: Nội dung xúc phạm",
    ]:
        assert expected in text, expected
    for secret in ["Trần Văn Dân", "0912345678", "Lời lẽ xúc phạm cán bộ", "không nhận được câu hỏi"]:
        assert secret not in text, secret
    assert record.pdf.name.endswith(f"bien-ban-ket-thuc-niem-yet-{d.pk}.pdf")


def test_a_closing_without_feedback_says_so(make_disclosure):
    d = make_disclosure(state="closed", published_on=dt.date(2024, 2, 8))
    text = pdf_text(rendered(d, Record.Kind.CLOSING))
    assert "Trong thời gian niêm yết không nhận được câu hỏi, ý kiến phản ánh nào." in text
    assert "từ ngày 08/02/2024 đến hết ngày 11/03/2024" in text


def test_an_agency_record_speaks_of_the_head_of_the_agency(make_disclosure, cast):
    d = make_disclosure(cast.agency_a, state="closed", published_on=dt.date(2024, 2, 5))
    text = pdf_text(rendered(d, Record.Kind.POSTING))
    assert "UBND XÃ ĐỒNG KỲ VĂN PHÒNG UBND XÃ ĐỒNG KỲ" in text
    assert "Thủ trưởng cơ quan, đơn vị" in text and "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" in text
    assert "20 ngày liên tục, từ ngày 05/02/2024 đến hết ngày 26/02/2024" in text
    assert "Mặt trận" not in text and "UBMTTQ" not in text


def test_the_fonts_are_the_embedded_liberation_serif_so_vietnamese_round_trips(make_disclosure):
    record = rendered(make_disclosure(state="published"), Record.Kind.POSTING)
    assert embedded_font_families(record) == {"Liberation Serif"}
    text = pdf_text(record)
    assert "ỦY BAN NHÂN DÂN" in text and "Ủy ban nhân dân xã Đồng Kỳ" in text
    assert "Đồng Kỳ" in text and "Hạnh phúc" in text and "ngân sách" in text


def test_rendering_again_replaces_the_file(make_disclosure, media):
    d = make_disclosure(state="published")
    first = rendered(d, Record.Kind.POSTING)
    second = rendered(d, Record.Kind.POSTING)
    assert second.pdf.name == first.pdf.name
    assert [path.name for path in media.rglob("*.pdf")] == [f"bien-ban-niem-yet-{d.pk}.pdf"]


def test_publishing_renders_the_posting_record_through_the_task_once(
    make_disclosure, cast, media, django_capture_on_commit_callbacks
):
    d = make_disclosure(state="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(d, by=cast.approver_a, now=dt.datetime(2024, 2, 8, 9, tzinfo=HCM))
    record = Record.objects.get(disclosure=d)
    assert record.rendered_at is not None

    render_record.delay(record.pk)
    render_record(record.pk)
    assert Record.objects.get(disclosure=d).rendered_at == record.rendered_at
    assert Record.objects.filter(disclosure=d).count() == 1
    assert len(list(media.rglob("*.pdf"))) == 1


def test_the_task_renders_a_pending_record(make_disclosure):
    d = make_disclosure(state="published")
    record = Record.objects.get(disclosure=d)
    assert record.rendered_at is None and not record.pdf
    render_record.delay(record.pk)
    record.refresh_from_db()
    assert record.rendered_at is not None
    assert "Số: 1/BB-UBND" in pdf_text(record)


def test_the_posting_record_cites_the_laws_articles_on_disclosure_not_decree_59(cast, make_disclosure):
    """Decree 59/2023 details decisions, boards and conventions; disclosure is the Law's Arts. 11–13 (46–48)."""
    commune = pdf_text(rendered(make_disclosure(cast.a, state="published"), Record.Kind.POSTING))
    agency = pdf_text(rendered(make_disclosure(cast.agency_a, state="published"), Record.Kind.POSTING))
    assert "(Điều 11, Điều 12, Điều 13)" in commune and "59/2023" not in commune
    assert "(Điều 46, Điều 47, Điều 48)" in agency and "59/2023" not in agency


# --- Rendering on its own queue, in batches, surviving a killed worker (issue 18 item 12, 15 item 4) ---


def test_pdfs_are_rendered_on_their_own_queue_and_the_laws_clocks_on_the_default_one():
    from democracy import celery_app

    def queue(task):
        return celery_app.amqp.router.route({}, task)["queue"].name

    assert queue("disclosures.render_records") == queue("disclosures.render_record") == "pdf"
    for clock in ("disclosures.close_due_postings", "consultations.count_online_votes",
                  "consultations.close_due_consultations", "disclosures.send_reminders"):  # fmt: skip
        assert queue(clock) == "celery", clock


def test_every_worker_command_consumes_the_pdf_queue():
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    workers = [line for line in (root / "Procfile.dev").read_text().splitlines() if " worker" in line]
    assert workers and all("-Q celery,pdf" in line for line in workers)
    compose = (root / "docker-compose.yml").read_text()
    assert '"-Q", "celery"' in compose and '"-Q", "pdf"' in compose


def test_a_large_set_of_records_is_rendered_in_batches_of_the_setting(settings, monkeypatch):
    from disclosures import records, tasks

    settings.PDF_BATCH_SIZE = 3
    batches = []
    monkeypatch.setattr(records, "render_pending", lambda ids: batches.append(list(ids)))
    tasks.render_records.delay(list(range(1, 11)))  # eager in tests: each batch is a task of its own
    assert batches == [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10]]


def test_render_tasks_are_acknowledged_when_done_and_given_back_when_their_worker_dies():
    from disclosures import tasks

    for task in (tasks.render_record, tasks.render_records):
        assert task.acks_late and task.reject_on_worker_lost


def test_the_sweep_renders_records_left_without_a_pdf_and_leaves_fresh_ones_to_their_task(
    make_disclosure, settings
):
    from django.utils import timezone

    from disclosures.tasks import render_missing_records

    settings.PDF_SWEEP_AFTER_MINUTES = 10
    stuck = Record.objects.get(disclosure=make_disclosure(state="published"))  # its task never ran
    Record.objects.filter(pk=stuck.pk).update(made_at=timezone.now() - dt.timedelta(minutes=11))
    fresh = Record.objects.get(disclosure=make_disclosure(state="published", title="Mới"))
    Record.objects.filter(pk=fresh.pk).update(made_at=timezone.now() - dt.timedelta(minutes=2))

    assert render_missing_records() == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.pdf and stuck.rendered_at and "Số: 1/BB-UBND" in pdf_text(stuck)
    assert not fresh.pdf and fresh.rendered_at is None
    assert render_missing_records() == 0  # once rendered, never again
    assert "render-missing-records" in settings.CELERY_BEAT_SCHEDULE


def test_until_its_pdf_exists_a_record_is_listed_without_a_dead_link(client, cast, make_disclosure):
    from django.urls import reverse

    d = make_disclosure(state="published")
    record = Record.objects.get(disclosure=d)
    client.force_login(cast.clerk_a)
    link = reverse("disclosures:record", args=[record.pk])
    html = client.get(reverse("disclosures:staff_detail", args=[d.pk])).content.decode()
    assert "tệp PDF đang được tạo" in html and link not in html
    render_record_pdf(record)
    html = client.get(reverse("disclosures:staff_detail", args=[d.pk])).content.decode()
    assert link in html and "tệp PDF đang được tạo" not in html
    assert client.get(link).status_code == 200


# --- Issue 15: one heading, the date line, signatures kept with their paragraph, the site's words ----


def pages_of(record) -> list[str]:
    with record.pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return [unicodedata.normalize("NFC", " ".join(page.extract_text().split())) for page in reader.pages]


@pytest.mark.parametrize("questions", [3, 12])
def test_the_signatures_never_stand_alone_on_the_last_page_of_a_long_closing_record(
    make_disclosure, questions
):
    """With 3 or 12 questions the signatures used to move to a page of their own, leaving the closing
    paragraph ("Biên bản lập xong hồi …") behind on the page before."""
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    for n in range(1, questions + 1):
        actions.add_feedback(
            d, name="Trần Văn Dân", contact="0912345678",
            text=f"Câu hỏi số {n} về khoản chi sửa đường thôn Đồng Bông, đề nghị xã cho biết rõ dự toán chi "
            "tiết từng hạng mục và nguồn kinh phí.",
            received_at=dt.datetime(2024, 2, 12, 10, n, tzinfo=HCM),
        )  # fmt: skip
    actions.close_due_postings(now=dt.datetime(2024, 3, 12, 0, 5, tzinfo=HCM))

    pages = pages_of(rendered(d, Record.Kind.CLOSING))
    assert len(pages) > 2
    last = pages[-1]
    assert "NGƯỜI LẬP BIÊN BẢN" in last
    assert "Biên bản lập xong hồi" in last, "the signatures were left alone on the last page"


def test_the_record_prints_the_posting_day_and_the_closing_time_the_site_shows(make_disclosure, client):
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    text = pdf_text(rendered(d, Record.Kind.POSTING))
    page = " ".join(
        re.sub(
            r"<[^>]+>", " ", client.get(reverse("disclosures:detail", args=[d.pk])).content.decode()
        ).split()
    )

    posting_day = re.search(r"Ngày niêm yết (\d\d/\d\d/\d{4})", page)[1]
    closing = re.search(r"Kết thúc niêm yết lúc (.+? ngày \d\d/\d\d/\d{4})", page)[1]
    assert (posting_day, closing) == ("08/02/2024", "24 giờ 00 ngày 11/03/2024")
    assert f"từ ngày {posting_day} đến hết ngày 11/03/2024" in text
    assert f"thời điểm kết thúc niêm yết: {closing}." in text
    assert "23:59" not in page and "23 giờ 59" not in text


def test_the_closing_record_dates_itself_with_an_unpadded_march(make_disclosure):
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    actions.close_due_postings(now=dt.datetime(2024, 3, 12, 0, 5, tzinfo=HCM))
    text = pdf_text(rendered(d, Record.Kind.CLOSING))
    assert "Đồng Kỳ, ngày 12 tháng 3 năm 2024" in text
    assert "tháng 03" not in text
