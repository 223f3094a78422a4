import pytest

from democracy import uploads
from democracy.downloads import download_name


@pytest.mark.parametrize(
    "name, file_type, sent",
    [
        ("cap-nhat.exe", uploads.PDF, "cap-nhat.pdf"),
        ("Dự toán 2024.pdf", uploads.PDF, "Dự toán 2024.pdf"),
        ("BAO-CAO.PDF", uploads.PDF, "BAO-CAO.PDF"),
        ("ảnh chụp.PDF", uploads.PNG, "ảnh chụp.png"),
        ("anh.jpeg", uploads.JPEG, "anh.jpeg"),
        ("anh.html", uploads.JPEG, "anh.jpg"),
        ("bang-tinh.docx", uploads.XLSX, "bang-tinh.xlsx"),
        ("quyet-dinh", uploads.DOCX, "quyet-dinh.docx"),
        # A dot in the name that is no extension stays part of the name.
        ("Quyết định số 12.2024", uploads.PDF, "Quyết định số 12.2024.pdf"),
        ("ke-hoach.v2.final.exe", uploads.PDF, "ke-hoach.v2.final.pdf"),
    ],
)
def test_the_download_name_carries_the_extension_of_the_detected_type(name, file_type, sent):
    assert download_name(name, file_type.content_type) == sent


def test_a_type_that_was_never_checked_is_sent_as_an_opaque_file():
    assert download_name("cap-nhat.exe", "application/x-msdownload") == "cap-nhat.bin"
    assert download_name("cap-nhat.exe", "") == "cap-nhat.bin"
