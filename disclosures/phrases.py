"""The words of a public list's rows (board, archive), formatted once in Python (issue 16).

A board of 200 postings rendered with an `{% include %}` and a `{% blocktranslate %}` per row spent
most of its template time parsing contexts and looking up translations; the same sentences built here
cost a dict look-up and a `%` each. The message ids are the templates' own (`Điều %(a)s khoản %(c)s`,
`Còn %(n)s ngày`, …), so the catalogue's translations apply unchanged; the templates print these
strings with `{{ }}`, escaped as the variables of a `blocktranslate` were.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext


def day(moment) -> str:
    """`d/m/Y` in the portal's time zone, as the template filter `|date:"d/m/Y"` prints it."""
    return f"{timezone.localtime(moment):%d/%m/%Y}" if moment else ""


def item_tag(item) -> str:
    return gettext("Điều %(a)s khoản %(c)s") % {"a": item.article, "c": item.clause}


def days_left(n) -> str:
    """The days left of a window (`_days_left.html`)."""
    if n is None:
        return ""
    if n == 0:
        return gettext("Hôm nay là ngày niêm yết cuối cùng")
    return ngettext("Còn %(n)s ngày", "Còn %(n)s ngày", n) % {"n": n}


def closing(disclosure) -> str:
    """`_closing.html`: "Kết thúc niêm yết lúc 24 giờ 00 ngày 11/03/2024"."""
    return gettext("Kết thúc niêm yết lúc %(moment)s") % {"moment": disclosure.window_closing_text}


def posted_since(disclosure) -> str:
    return gettext("Niêm yết từ ngày %(day)s") % {"day": day(disclosure.published_at)}


def updated_on(disclosure) -> str:
    return gettext("Cập nhật ngày %(day)s") % {"day": day(disclosure.published_at)}


def version(disclosure) -> str:
    return gettext("phiên bản %(v)s") % {"v": disclosure.version}


def url_maker(name: str):
    """`reverse(name, args=[pk])` for a list's rows: reversed once, then formatted for each `pk` (an
    integer path converter turns a pk into its digits, nothing else)."""
    marker = 918273645
    prefix, found, suffix = reverse(name, args=[marker]).partition(str(marker))
    assert found, name
    return lambda pk: f"{prefix}{int(pk)}{suffix}"
