"""What a PDF may read while it is made: the project's static assets, nothing else (issue 18 item 11)."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from democracy import pdf

FONT = Path(settings.BASE_DIR) / "static" / "fonts" / "liberation-serif" / "LiberationSerif-Regular.ttf"


def page_width_mm(html):
    return round(pdf.lay_out(html).pages[0].width * 25.4 / 96)


def test_a_stylesheet_outside_the_static_assets_is_never_read(tmp_path):
    outside = tmp_path / "page.css"
    outside.write_text("@page { size: 100mm 100mm; }")
    html = f'<html><head><link rel="stylesheet" href="{outside.as_uri()}"></head><body>x</body></html>'
    assert page_width_mm(html) == 210  # A4, the default: the outside file changed nothing


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:6379/",
        "https://example.org/logo.png",
        "data:text/css,@page{size:100mm 100mm}",
        (Path(settings.BASE_DIR) / "static").as_uri() + "/../pyproject.toml",
        (Path(settings.BASE_DIR) / "pyproject.toml").as_uri(),
    ],
)
def test_the_fetcher_refuses_anything_but_a_static_asset(url):
    with pytest.raises(ValueError):
        pdf.url_fetcher()(url)


def test_the_fonts_still_come_from_the_static_assets():
    response = pdf.url_fetcher()(FONT.as_uri())
    assert response is not None
    assert b"+Liberation-Serif" in pdf.lay_out(
        '<p style="font-family: Liberation Serif">Xã Đồng Kỳ</p>'
    ).write_pdf(uncompressed_pdf=True)


# --- The heading and the date line of every document (issue 15) ------------------------------------

PDF_TEMPLATES = sorted((Path(settings.BASE_DIR) / "templates").glob("*/pdf/*.html"))


@pytest.mark.parametrize(
    "day, expected",
    [
        (dt.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (dt.date(2024, 1, 31), "ngày 31 tháng 01 năm 2024"),
        (dt.date(2024, 3, 9), "ngày 09 tháng 3 năm 2024"),
        (dt.date(2024, 9, 15), "ngày 15 tháng 9 năm 2024"),
        (dt.date(2024, 12, 1), "ngày 01 tháng 12 năm 2024"),
    ],
)
def test_the_date_line_pads_days_below_ten_and_only_the_months_january_and_february(day, expected):
    assert pdf.issue_date(day) == expected
    assert pdf.place_date("Đồng Kỳ", day) == f"Đồng Kỳ, {expected}"


def test_a_date_line_without_a_date_leaves_blanks_for_the_hand_and_keeps_the_year():
    assert pdf.place_date("Đồng Kỳ", None, year=2026) == "Đồng Kỳ, ngày …… tháng …… năm 2026"


def test_every_document_type_takes_the_one_issuer_heading_of_the_base():
    base = (Path(settings.BASE_DIR) / "templates" / "pdf" / "base.html").read_text()
    assert '{% include "pdf/_heading.html" %}' in base
    assert PDF_TEMPLATES, "no PDF template found"
    for template in PDF_TEMPLATES:
        text = template.read_text()
        # No document rewrites the issuer, the number, the date line or their layout on its own.
        for own in ("{% block issuer", "{% block number", "{% block place_date", ".heading", ".number-line"):
            assert own not in text, (template.name, own)
        assert 'tháng {{ date|date:"m" }}' not in text, template.name


def test_a_window_that_ends_with_its_day_reads_24_giờ_00_never_23_59():
    end = dt.datetime(2024, 3, 11, 23, 59, 59, 999999, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert pdf.clock(end) == "24 giờ 00 ngày 11/03/2024"
    assert pdf.clock(end.replace(hour=9, minute=5)) == "09 giờ 05 phút ngày 11/03/2024"
