import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook

from democracy import uploads
from democracy.models import AuditEvent
from disclosures import actions
from disclosures.actions import add_documents, delete_document
from disclosures.models import Document

from .conftest import PDF_BYTES

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00" + b"\x00" * 200


def office_zip(content_type: str, members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/main" ContentType="{content_type}"/></Types>',
        )
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_BYTES = office_zip(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    {"word/document.xml": b"<w:document/>"},
)


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active["A1"] = "Dự toán"
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("du-toan.pdf", PDF_BYTES, uploads.PDF),
        ("anh.png", PNG_BYTES, uploads.PNG),
        ("anh.jpeg", JPEG_BYTES, uploads.JPEG),
        ("quyet-dinh.docx", DOCX_BYTES, uploads.DOCX),
        ("bang.xlsx", None, uploads.XLSX),
        # The name and the browser's content type do not matter; the bytes do.
        ("khong-co-duoi", PDF_BYTES, uploads.PDF),
        ("anh-chup.pdf", PNG_BYTES, uploads.PNG),
    ],
)
def test_each_allowed_type_is_recognised_by_its_content(name, content, expected):
    content = xlsx_bytes() if content is None else content
    checked = uploads.check_upload(upload(name, content, "text/plain"))
    assert checked.type == expected
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    "name, content",
    [
        ("x.exe", EXE_BYTES),
        ("setup.pdf", EXE_BYTES),  # an .exe renamed .pdf
        ("trang.html", b"<html><script>alert(1)</script></html>"),
        ("nen.zip", office_zip("application/zip", {"a.txt": b"x"})),
        ("vo.docx", b"PK\x03\x04 not really a zip"),
        # Macro-enabled Word: the same layout as a DOCX, plus a VBA project.
        (
            "macro.docx",
            office_zip(
                "application/vnd.ms-word.document.macroEnabled.main+xml",
                {"word/document.xml": b"<w:document/>", "word/vbaProject.bin": b"\x00"},
            ),
        ),
        # Claims to be a Word file but has no document part.
        (
            "rong.docx",
            office_zip(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", {}
            ),
        ),
    ],
)
def test_other_content_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(upload(name, content, "application/pdf"))
    assert error.value.messages == [f"Tệp “{name}” không phải PDF, DOCX, XLSX, JPG hoặc PNG."]


@override_settings(DOCUMENT_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read():
    with pytest.raises(ValidationError, match="“lon.pdf” vượt quá 1 MB"):
        uploads.check_upload(upload("lon.pdf", PDF_BYTES + b"0" * (1024 * 1024)))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="không có nội dung"):
        uploads.check_upload(upload("rong.pdf", b""))


@pytest.mark.parametrize(
    "given, kept",
    [
        ("du-toan.pdf", "du-toan.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\Văn thư\\Dự toán 2024.pdf", "Dự toán 2024.pdf"),
        ("bao\x00cao\r\n.pdf", "baocao.pdf"),
        ("  \u202eexe.pdf ", "exe.pdf"),
        ("...", "tai-lieu"),
        ("a" * 300 + ".docx", "a" * 195 + ".docx"),
    ],
)
def test_the_original_name_is_kept_but_made_safe(given, kept):
    assert uploads.clean_name(given) == kept
    assert len(uploads.clean_name(given)) <= 200


def test_documents_are_stored_under_a_random_name_with_the_real_extension(make_disclosure, cast):
    draft = make_disclosure()
    checked = [
        uploads.check_upload(upload("Dự toán 2024.pdf", PDF_BYTES)),
        uploads.check_upload(upload("ảnh chụp.PDF", PNG_BYTES)),
    ]
    documents = add_documents(draft, checked, by=cast.clerk_a)
    pdf, png = documents
    assert (pdf.original_name, pdf.content_type, pdf.size) == (
        "Dự toán 2024.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert pdf.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert pdf.file.name.startswith("disclosures/") and pdf.file.name.endswith(".pdf")
    assert "Dự" not in pdf.file.name
    assert png.file.name.endswith(".png") and png.content_type == "image/png"
    with pdf.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    event = AuditEvent.objects.of(draft).get(action="documents_added")
    assert event.actor == cast.clerk_a
    assert event.changes == {"documents": ["Dự toán 2024.pdf", "ảnh chụp.PDF"]}


def test_documents_are_only_added_or_removed_while_draft(make_disclosure, cast):
    submitted = make_disclosure(state="submitted")
    with pytest.raises(ValidationError, match="còn là bản nháp"):
        add_documents(submitted, [uploads.check_upload(upload("a.pdf", PDF_BYTES))], by=cast.clerk_a)
    assert not submitted.documents.exists()

    draft = make_disclosure()
    (document,) = add_documents(draft, [uploads.check_upload(upload("a.pdf", PDF_BYTES))], by=cast.clerk_a)
    actions.submit(draft, by=cast.clerk_a)
    with pytest.raises(ValidationError, match="còn là bản nháp"):
        delete_document(document, by=cast.clerk_a)
    assert Document.objects.filter(pk=document.pk).exists()


def test_removing_a_document_from_a_draft_is_audited(make_disclosure, cast):
    draft = make_disclosure()
    (document,) = add_documents(draft, [uploads.check_upload(upload("a.pdf", PDF_BYTES))], by=cast.clerk_a)
    delete_document(document, by=cast.clerk_a)
    assert not draft.documents.exists()
    assert (
        AuditEvent.objects.of(draft).filter(action="document_removed", changes={"document": "a.pdf"}).exists()
    )


def test_a_pdf_uploaded_under_an_exe_name_downloads_as_a_pdf(client, make_disclosure, cast):
    draft = make_disclosure()
    (document,) = add_documents(
        draft, [uploads.check_upload(upload("cap-nhat.exe", PDF_BYTES))], by=cast.clerk_a
    )
    assert document.original_name == "cap-nhat.exe"  # shown as the clerk named it
    client.force_login(cast.clerk_a)
    response = client.get(reverse("disclosures:document", args=[document.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cap-nhat.pdf"'
    assert b"".join(response.streaming_content) == PDF_BYTES
