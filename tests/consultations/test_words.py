"""The words of the consultation and decision pages (issue 15): no clause said twice, no rule nested in
its own parentheses, the outcome said once, one date-time format, the placeholders in Vietnamese, and the
trail saying whether a row without a person was the system or a citizen."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from consultations import actions
from democracy.models import cited_articles

from .conftest import item


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _decision(client, cast, clause=1):
    client.force_login(cast.clerk_a)
    client.post(
        reverse("consultations:decision_create", args=[cast.village_a.code]),
        {
            "item": item(15, clause).pk,
            "title": "Làm đường bê tông thôn",
            "method": "meeting",
            "description": "",
        },
    )
    from consultations.models import Decision

    return Decision.objects.latest("pk")


def test_the_short_citation_leaves_out_the_rule_the_catalogue_restates_in_parentheses():
    assert (
        cited_articles(
            "Điều 15 khoản 1, Điều 21 khoản 1, khoản 2 Luật 10/2022/QH15 (từ 2/3 tổng số đại diện hộ gia đình; "
            "phạm vi toàn xã: từ 2/3 tổng số thôn, tổ dân phố)"
        )
        == "Điều 15 khoản 1, Điều 21 khoản 1, khoản 2 Luật 10/2022/QH15"
    )
    assert cited_articles("Điều 25 khoản 5, Điều 28 khoản 2 Luật 10/2022/QH15") == (
        "Điều 25 khoản 5, Điều 28 khoản 2 Luật 10/2022/QH15"
    )


def test_the_decision_page_says_the_rule_once_without_nested_parentheses(client, cast):
    d = _decision(client, cast, 1)
    page = client.get(reverse("consultations:decision_detail", args=[d.pk])).content.decode()
    assert (
        "Cần từ 2/3 tổng số hộ tán thành (Điều 15 khoản 1, Điều 21 khoản 1, khoản 2 Luật 10/2022/QH15)"
        in page
    )
    assert "((" not in page and "QH15 (từ 2/3" not in page


def test_the_outcome_is_said_once(client, cast):
    d = _decision(client, cast, 1)
    client.post(
        reverse("consultations:decision_tally", args=[d.pk]),
        {"decided_on": timezone.localdate().strftime("%d/%m/%Y"), "present": 100, "agree": 80, "disagree": 20,
         "other": 0},
    )  # fmt: skip
    d.refresh_from_db()
    assert d.outcome == "passed"
    assert d.outcome_explanation == (
        "Tán thành 80/120 hộ, cần từ 2/3 tổng số hộ (Điều 15 khoản 1, Điều 21 khoản 1, khoản 2 Luật 10/2022/QH15)."
    )
    page = client.get(reverse("consultations:decision_detail", args=[d.pk])).content.decode()
    assert page.lower().count("được thông qua") == 1 + page.lower().count("nếu được thông qua")


def test_the_tally_and_recognition_dates_show_the_vietnamese_placeholder(client, cast):
    d = _decision(client, cast, 1)
    page = client.get(reverse("consultations:decision_detail", args=[d.pk])).content.decode()
    assert 'placeholder="nn/tt/nnnn"' in page and "dd/mm/yyyy" not in page


def test_the_consultation_page_does_not_cite_its_clause_twice(client, make_consultation):
    c = make_consultation(item=item(25, 5), opened_on=timezone.localdate() - dt.timedelta(days=1))
    page = client.get(reverse("consultations:detail", args=[c.pk])).content.decode()
    assert "Điều 25 khoản 5, Điều 28 khoản 2" in page
    assert "Điều 25 khoản 5 – Điều 25 khoản 5" not in page


def test_the_trail_says_system_or_citizen_for_a_row_without_a_person(client, cast, make_consultation):
    c = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=1))
    actions.add_comment(c, text="Ý kiến của người dân", received_at=c.opened_at + dt.timedelta(hours=1))
    client.force_login(cast.clerk_a)
    page = client.get(reverse("consultations:staff_detail", args=[c.pk])).content.decode()
    assert "Hệ thống hoặc người dân" not in page
    assert re.search(r"<span>Người dân</span> –\s*<strong>Tiếp nhận ý kiến góp ý</strong>", page)


def test_html_pages_write_date_and_time_one_way():
    """The site's date-time is "H:i d/m/Y" (democracy/formats/vi); the printed PDFs keep their own forms."""
    root = Path(settings.BASE_DIR) / "templates"
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if "pdf" not in path.parts and re.search(r"date:[\"']d/m/Y H:i", path.read_text())
    ]
    assert offenders == []


def test_no_form_section_is_named_like_one_of_its_fields(client, cast):
    """The disclosure form's first part was "Nội dung", as is the body field inside it."""
    client.force_login(cast.clerk_a)
    page = client.get(reverse("disclosures:create", args=[cast.a.code])).content.decode()
    headings = {re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)}
    labels = {
        re.sub(r"<[^>]+>|\*", "", lab).strip() for lab in re.findall(r"<label[^>]*>(.*?)</label>", page, re.S)
    }
    assert "Nội dung" in labels and "Nội dung công khai" in headings
    assert headings.isdisjoint(labels)
