"""The half-year and annual unit reports count the meetings by kind with the people reached, and the
yearly duties: on the report's page and in its PDF."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from consultations.models import Meeting
from reports.outputs import unit_report
from tests.reports.conftest import make_report  # noqa: F401 (fixture)

from .conftest import held

pytestmark = pytest.mark.django_db
K = Meeting.Kind


def test_the_half_year_report_counts_meetings_by_kind_and_people(cast, make_report, client):  # noqa: F811
    held(cast.a, K.DIALOGUE, dt.date(2026, 3, 10), present=130, expected=150)
    held(cast.village_a, K.BRIEFING, dt.date(2026, 4, 2), present=60, expected=70)
    held(cast.a, K.TRAINING, dt.date(2026, 5, 20), present=38, expected=40)
    held(cast.a, K.TRAINING, dt.date(2026, 7, 1), present=10, expected=10)  # after the half-year
    report = make_report(cast.a, "2026-H1")
    assert report.figures["meetings_law"]["dialogue"] == 1
    assert report.figures["meetings_law"]["people"] == 130
    assert report.figures["meetings_other"] == {
        "briefing": 1, "training": 1, "review": 0, "inspection_board": 0, "other": 0, "people": 98,
    }  # fmt: skip
    section = next(s for s in unit_report.report_sections(report) if "Hội nghị, cuộc họp" in s.title)
    lines = {line.label: line.value for line in section.lines}
    assert lines["Tập huấn, bồi dưỡng"] == 1
    assert lines["Số người dự các cuộc họp, hội nghị trên"] == 130

    client.force_login(cast.clerk_a)
    page = client.get(reverse("reports:detail", args=[report.pk]))
    assert "VIII. Hội nghị, cuộc họp và nhiệm vụ hằng năm" in page.text
    pdf = client.get(reverse("reports:pdf", args=[report.pk]))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.getvalue())).pages).split())
    assert (
        "Hội nghị quán triệt, phổ biến" in text
        and "Hội nghị, cuộc họp và nhiệm vụ hằng năm".upper() in text.upper()
    )
