"""Small things of the layout every page shares: the favicon, the Vietnamese date placeholder."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_names_its_favicon_and_the_file_exists(client):
    html = client.get(reverse("home")).content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in html
    assert finders.find("img/favicon.svg")


def test_date_fields_show_a_vietnamese_placeholder(client, cast):
    client.force_login(cast.clerk_a)
    html = client.get(reverse("consultations:create", args=[cast.a.code])).content.decode()
    assert 'placeholder="nn/tt/nnnn"' in html and "dd/mm/yyyy" not in html


def test_the_registers_year_picker_starts_at_the_laws_year(client, cast):
    from django.utils import timezone

    response = client.get(reverse("disclosures:register_pick", args=[cast.a.code]), follow=True)
    years = response.context["years"]
    assert min(years) == 2023 and max(years) >= timezone.localdate().year


def test_a_quarter_inside_a_sentence_keeps_its_roman_numeral_in_capitals():
    from disclosures.register import Quarter
    from units.models import ReportingRegime

    quarter = Quarter.of(2026, 4, ReportingRegime())
    assert quarter.sentence_label == "quý IV năm 2026" and quarter.label == "Quý IV năm 2026"


def test_the_register_page_keeps_the_quarters_numeral_in_capitals(client, cast):
    html = client.get(reverse("disclosures:register", args=[cast.a.code, 2025, 4])).content.decode()
    assert "quý IV năm 2025" in html and "quý iv" not in html
