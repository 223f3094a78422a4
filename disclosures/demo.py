"""Helpers for the demo loaders only (`load_demo_disclosures`, `load_demo_reports`): the document a demo
disclosure publishes, printed at load time by the portal's own PDF renderer (issue 15: attachments a
viewer believes). Never used outside the demo."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

from democracy.pdf import render_pdf, split_type

# The signers the demo documents print, by issuer (names of the demo users where they are one).
COMMUNE_SIGNER = {"on_behalf": "TM. ỦY BAN NHÂN DÂN", "signer_role": "CHỦ TỊCH"}
COUNCIL_SIGNER = {
    "on_behalf": "TM. HỘI ĐỒNG NHÂN DÂN",
    "signer_role": "CHỦ TỊCH",
    "signer_name": "Nguyễn Văn Thắng",
}
OFFICE_SIGNER = {"on_behalf": "", "signer_role": "CHÁNH VĂN PHÒNG"}


def demo_document(disclosure, *, kind: str, paragraphs: list[str], signer: dict) -> SimpleUploadedFile:
    """The act a demo disclosure publishes, as a small PDF (templates/disclosures/pdf/demo_document.html)."""
    date = disclosure.decision_date
    place = split_type((disclosure.unit or disclosure.agency.unit).name)[1]
    pdf = render_pdf(
        "disclosures/pdf/demo_document.html",
        {
            "issuer": disclosure.decision_issuer, "number": disclosure.decision_number, "date": date,
            "place": place, "kind": kind, "title": disclosure.title, "paragraphs": paragraphs, **signer,
        },
    )  # fmt: skip
    stem = slugify(f"{kind} {disclosure.decision_number.split('/')[0]}".replace("Đ", "D"))  # "quyet-dinh-12"
    return SimpleUploadedFile(f"{stem}.pdf", pdf, content_type="application/pdf")


def decision_paragraphs(disclosure) -> list[str]:
    """A short decision's articles for a disclosure the demo story only names."""
    owner = disclosure.unit or disclosure.agency
    return [
        "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;",
        f"Điều 1. {disclosure.title} của {owner.name} (chi tiết tại phụ lục kèm theo).",
        "Điều 2. Quyết định có hiệu lực kể từ ngày ký và được công khai theo Điều 11 Luật Thực hiện dân chủ "
        "ở cơ sở.",
    ]
