"""Disclosures for tests, made through the domain functions so they carry real deadlines and windows."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from democracy.models import CatalogueItem
from disclosures import actions
from disclosures.models import Document

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# A minimal valid PDF, enough for content checks on uploads.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def item(article, clause, scope="commune"):
    return CatalogueItem.objects.get(scope=scope, article=article, clause=clause)


@pytest.fixture
def make_disclosure(cast):
    """make_disclosure(owner=cast.a, state="published", published_on=date(...), **fields)"""

    def make(owner=None, *, state="draft", by=None, published_on=None, clause=2, **fields):
        owner = owner or cast.a
        internal = owner == cast.agency_a or owner == cast.agency_c
        by = by or (cast.staff_agency_a if internal else cast.clerk_a)
        catalogue_item = item(46 if internal else 11, clause, "agency" if internal else "commune")
        defaults = {
            "item": catalogue_item,
            "title": "Dự toán ngân sách xã năm 2024",
            "summary": "Dự toán thu, chi ngân sách xã năm 2024 đã được HĐND xã quyết định.",
            "body": "Tổng thu 12,5 tỷ đồng; tổng chi 12,1 tỷ đồng.",
            "decision_number": "45/NQ-HĐND",
            "decision_date": dt.date(2024, 2, 7),
            "decision_issuer": "Hội đồng nhân dân xã",
            # The forms Art. 13 requires for the item: posted at the office and the villages, broadcast
            # and passed to the village heads for items 7–12.
            "forms": ["a", "b", "c", "d"] if catalogue_item.radio_days else ["a", "b"],
        }
        if not internal and "villages" not in fields and not catalogue_item.is_permanent:
            defaults["villages"] = list(owner.children.filter(level="village"))
        defaults.update(fields)
        disclosure = actions.create_draft(owner=owner, by=by, **defaults)
        if state == "draft":
            return disclosure
        actions.submit(disclosure, by=by)
        if state == "submitted":
            return disclosure
        approver = cast.admin if internal else cast.approver_a
        when = dt.datetime.combine(published_on or dt.date(2024, 2, 8), dt.time(9, 0), HCM)
        actions.publish(disclosure, by=approver, now=when, late_reason="Thử nghiệm")
        if state == "closed":
            actions.close_due_postings(now=disclosure.window_ends_at + dt.timedelta(seconds=1))
            disclosure.refresh_from_db()
        return disclosure

    return make


@pytest.fixture
def pdf_upload():
    return SimpleUploadedFile("du-toan.pdf", PDF_BYTES, content_type="application/pdf")


def attach(disclosure, name="du-toan.pdf", content=PDF_BYTES, content_type="application/pdf"):
    return Document.objects.create(
        disclosure=disclosure, file=SimpleUploadedFile(name, content), original_name=name,
        content_type=content_type, size=len(content), sha256="0" * 64,
    )  # fmt: skip
