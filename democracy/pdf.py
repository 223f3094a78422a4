"""PDF documents in the layout of Vietnamese administrative documents, rendered with WeasyPrint.

The font is Liberation Serif (metric-compatible with Times New Roman, which Decree 30/2020/NĐ-CP
asks for), shipped in static/fonts so every Vietnamese glyph renders on any machine.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
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
