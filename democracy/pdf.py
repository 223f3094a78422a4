"""PDF documents in the layout of Vietnamese administrative documents, rendered with WeasyPrint.

The font is Liberation Serif (metric-compatible with Times New Roman, which Decree 30/2020/NĐ-CP
asks for), shipped in static/fonts so every Vietnamese glyph renders on any machine.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

FONT_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "liberation-serif"

FONT_FACES = "\n".join(
    f"@font-face {{ font-family: 'Liberation Serif'; src: url('{(FONT_DIR / f'LiberationSerif-{style}.ttf').as_uri()}');"
    f" font-weight: {weight}; font-style: {italic}; }}"
    for style, weight, italic in [
        ("Regular", "normal", "normal"),
        ("Bold", "bold", "normal"),
        ("Italic", "normal", "italic"),
        ("BoldItalic", "bold", "italic"),
    ]
)


def lay_out(html: str):
    """The laid-out WeasyPrint document of an HTML string (the long part of making a PDF)."""
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[CSS(string=FONT_FACES, font_config=fonts)], font_config=fonts
    )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template (extending `pdf/base.html`) to PDF bytes."""
    return lay_out(render_to_string(template_name, context)).write_pdf()


# --- Wording shared by every document ---------------------------------------------------------------

UNIT_TYPE_WORDS = ("Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Phường", "Huyện", "Quận", "Tỉnh", "Xã")


def split_type(name: str) -> tuple[str, str]:
    """ "Xã Đồng Kỳ" → ("Xã", "Đồng Kỳ"): the unit's type word and its short name (the place line)."""
    for word in UNIT_TYPE_WORDS:
        if name.startswith(f"{word} "):
            return word, name[len(word) + 1 :]
    return "", name


def lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def clock(moment: dt.datetime | None) -> str:
    """ "09 giờ 00 phút ngày 08/02/2024"; the end of a day reads "24 giờ 00 ngày …" as the Civil Code says."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    if local.time() >= dt.time(23, 59, 59):
        return f"24 giờ 00 ngày {local:%d/%m/%Y}"
    return f"{local:%H} giờ {local:%M} phút ngày {local:%d/%m/%Y}"
