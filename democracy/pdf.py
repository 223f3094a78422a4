"""PDF documents in the layout of Vietnamese administrative documents, rendered with WeasyPrint.

The font is Liberation Serif (metric-compatible with Times New Roman, which Decree 30/2020/NĐ-CP
asks for), shipped in static/fonts so every Vietnamese glyph renders on any machine.
"""

import datetime as dt
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .calendar import closing_text

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


def asset_roots() -> list[Path]:
    """The only places a PDF may read from: the project's static assets (and their collected copy)."""
    roots = [Path(d) for d in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def is_static_asset(url: str) -> bool:
    """True for a `file:` URL of a file inside `asset_roots()` (after resolving `..` and links)."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(unquote(parts.path))).resolve()
    return path.is_file() and any(path.is_relative_to(root) for root in asset_roots())


class StaticAssetFetcher(URLFetcher):
    """WeasyPrint's fetcher limited to the project's static assets (issue 18 item 11).

    The default one follows `file://` anywhere on the server, `http(s)://` anywhere on its network and
    `data:`: text a clerk typed into a document must never make the server read or request anything.
    A refused URL raises ValueError, which WeasyPrint logs and skips (the PDF is made without it)."""

    def fetch(self, url, headers=None):
        if not is_static_asset(url):
            raise ValueError(f"PDF: không được tải tài nguyên ngoài thư mục static: {url[:200]}")
        return super().fetch(url, headers)


def url_fetcher() -> StaticAssetFetcher:
    """The fetcher every HTML(...) and CSS(...) of a PDF is given."""
    return StaticAssetFetcher(allowed_protocols={"file"}, allow_redirects=False)


def lay_out(html: str):
    """The laid-out WeasyPrint document of an HTML string (the long part of making a PDF)."""
    fonts = FontConfiguration()
    fetcher = url_fetcher()
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).render(
        stylesheets=[CSS(string=FONT_FACES, font_config=fonts, url_fetcher=fetcher)], font_config=fonts
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


def issue_date(date: dt.date | None, *, year: int | None = None, blank: str = "……") -> str:
    """ "ngày 05 tháng 02 năm 2024", "ngày 15 tháng 3 năm 2024": the date of a document's date line.

    Decree 30/2020/NĐ-CP, Phụ lục I, Phần I, Mục II (địa danh và thời gian ban hành văn bản): "các số thể
    hiện ngày, tháng, năm dùng chữ số Ả Rập; đối với những số thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải
    ghi thêm số 0 phía trước" — so days 01–09 and months 01–02 are padded, months 3 to 12 are not.
    Without a date (a draft), blanks to be filled in by hand and the year (`year`, else this year)."""
    if date is None:
        return f"ngày {blank} tháng {blank} năm {year or timezone.localdate().year}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def place_date(place: str, date: dt.date | None, *, year: int | None = None) -> str:
    """ "Đồng Kỳ, ngày 05 tháng 02 năm 2024": the place-and-date line of the issuer heading."""
    return f"{place}, {issue_date(date, year=year)}"


def clock(moment: dt.datetime | None) -> str:
    """ "09 giờ 00 phút ngày 08/02/2024"; the end of a day reads "24 giờ 00 ngày …" as the Civil Code says
    (`calendar.closing_text`, the same words the site shows)."""
    if moment is None:
        return ""
    with translation.override("vi"):
        return closing_text(moment)
