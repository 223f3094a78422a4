"""What a PDF may read while it is made: the project's static assets, nothing else (issue 18 item 11)."""

from pathlib import Path

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
