import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from consultations import actions
from consultations.models import DraftDocument
from democracy.models import CatalogueItem

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
DRAFT_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attach_draft(consultation, name="du-thao.pdf"):
    """A draft document, as the clerk attaches before publishing (opening needs one)."""
    return DraftDocument.objects.create(
        consultation=consultation, original_name=name, file=ContentFile(DRAFT_PDF, name=name),
        content_type="application/pdf", size=len(DRAFT_PDF), sha256="0" * 64,
    )  # fmt: skip


def item(article, clause, scope="commune"):
    return CatalogueItem.objects.get(scope=scope, article=article, clause=clause)


@pytest.fixture
def make_consultation(cast):
    """make_consultation(owner=cast.a, opened_on=date(...) or None, **fields)"""

    def make(owner=None, *, opened_on=None, by=None, **fields):
        owner = owner or cast.a
        internal = owner == cast.agency_a
        defaults = {
            "item": item(53, 8, "agency") if internal else item(25, 7),
            "title": "Dự thảo Quy chế thực hiện dân chủ trong hoạt động của cơ quan hành chính xã",
            "content": "Lấy ý kiến đóng góp dự thảo Quy chế.",
            "forms": ["2", "3"] if internal else ["a", "e"],
            "plan_number": "127/KH-UBND",
            "plan_date": dt.date(2024, 1, 30),
            "period_days": 20,
        }
        defaults.update(fields)
        consultation = actions.create_consultation(owner=owner, by=by or cast.clerk_a, **defaults)
        if opened_on:
            attach_draft(consultation)
            actions.open_consultation(
                consultation, by=cast.approver_a, now=dt.datetime.combine(opened_on, dt.time(8), HCM)
            )
        return consultation

    return make


def publish_results(consultation, cast, *, summary, result_number="", now=None, approver=None):
    """The results as the law has them published: the clerk submits the report, the approver publishes the
    result disclosure (issue 18 item 5). Returns the disclosure."""
    from disclosures import actions as disclosure_actions

    disclosure = actions.submit_results(
        consultation, by=cast.clerk_a, summary=summary, result_number=result_number, now=now
    )
    assert disclosure_actions.publish(disclosure, by=approver or cast.approver_a, now=now)
    consultation.refresh_from_db()
    return disclosure
