"""The public notice board of a commune, its archive and its feeds, as a citizen sees them."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from disclosures import actions
from disclosures.models import Record

from .conftest import HCM, PDF_BYTES, attach

TODAY = timezone.localdate


def recent(days=2):
    return TODAY() - dt.timedelta(days=days)


@pytest.fixture
def publish(make_disclosure):
    """A commune disclosure published `days` ago (its window still open)."""

    def make(days=2, **fields):
        fields.setdefault("decision_date", recent(days + 1))
        return make_disclosure(state="published", published_on=recent(days), **fields)

    return make


def board(client, code="07282"):
    return client.get(reverse("disclosures:board", args=[code])).content.decode()


def test_the_board_shows_an_open_posting_with_days_left_and_the_exact_closing_time(
    client, make_disclosure, monkeypatch
):
    make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    # The posting of 08/02/2024 runs 30 days and, 09/03 being a Saturday, ends at the end of 11/03.
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2024, 3, 9, 10, tzinfo=HCM))
    page = board(client)
    assert "Đang niêm yết" in page
    assert "Dự toán ngân sách xã năm 2024" in page
    assert "Điều 11 khoản 2" in page
    assert "Còn 2 ngày" in page
    assert "Kết thúc niêm yết lúc 24 giờ 00 ngày 11/03/2024" in page
    assert "Niêm yết từ ngày 08/02/2024" in page


def test_on_the_last_day_the_board_says_so(client, make_disclosure, monkeypatch):
    make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2024, 3, 11, 20, tzinfo=HCM))
    assert "Hôm nay là ngày niêm yết cuối cùng" in board(client)


def test_the_board_lists_permanent_items_apart(client, publish):
    publish(clause=4, title="Quy chế thực hiện dân chủ ở xã Đồng Kỳ")
    page = board(client)
    permanent = page.split("Niêm yết thường xuyên", 1)[1]
    assert "Quy chế thực hiện dân chủ ở xã Đồng Kỳ" in permanent
    assert "Điều 11 khoản 4" in permanent


def test_the_board_never_shows_drafts_submissions_closed_postings_or_agency_disclosures(
    client, cast, make_disclosure, publish
):
    make_disclosure(title="Bản nháp chưa duyệt")
    make_disclosure(state="submitted", title="Đang chờ phê duyệt")
    make_disclosure(state="closed", title="Đã hết hạn niêm yết")
    make_disclosure(
        cast.agency_a, state="published", published_on=recent(), decision_date=recent(3),
        title="Kế hoạch công tác nội bộ văn phòng",
    )  # fmt: skip
    publish(title="Thông tin đang niêm yết")
    page = board(client)
    assert "Thông tin đang niêm yết" in page
    for hidden in ["Bản nháp chưa duyệt", "Đang chờ phê duyệt", "Đã hết hạn niêm yết", "nội bộ văn phòng"]:
        assert hidden not in page


def test_the_board_offers_rss_and_atom_and_the_archive(client, cast):
    page = board(client)
    assert 'rel="alternate" type="application/rss+xml" href="/units/07282/board/feed.rss"' in page
    assert 'rel="alternate" type="application/atom+xml" href="/units/07282/board/feed.atom"' in page
    assert reverse("disclosures:archive", args=["07282"]) in page


def test_only_communes_have_a_board(client, cast):
    assert client.get(reverse("disclosures:board", args=["24"])).status_code == 404
    assert client.get(reverse("disclosures:board", args=["07282-01"])).status_code == 404
    assert client.get(reverse("disclosures:board", args=["99999"])).status_code == 404


def test_the_commune_page_links_to_its_board(client, cast):
    page = client.get(reverse("units:detail", args=["07282"])).content.decode()
    assert reverse("disclosures:board", args=["07282"]) in page
    province = client.get(reverse("units:detail", args=["24"])).content.decode()
    assert "/board/" not in province


# --- Archive -----------------------------------------------------------------------------------------


def archive(client, **params):
    """The results part of the archive page (the filter form's options name the catalogue items)."""
    page = client.get(reverse("disclosures:archive", args=["07282"]), params).content.decode()
    return page.split('id="results-title"', 1)[1]


@pytest.mark.parametrize("q", ["du toan", "DỰ TOÁN", "dự toán", "45/NQ"])
def test_the_archive_search_ignores_diacritics_and_case(client, publish, q):
    publish(title="Dự toán ngân sách xã năm 2024")
    publish(title="Kế hoạch sử dụng đất", summary="Quy hoạch.", decision_number="12/QĐ-UBND")
    page = archive(client, q=q)
    assert "Dự toán ngân sách xã năm 2024" in page
    assert "Kế hoạch sử dụng đất" not in page


def test_the_archive_holds_everything_public_but_nothing_else(client, cast, make_disclosure, publish):
    publish(title="Đang niêm yết")
    make_disclosure(state="closed", title="Đã kết thúc")
    make_disclosure(title="Bản nháp")
    make_disclosure(
        cast.agency_a, state="published", published_on=recent(), decision_date=recent(3), title="Nội bộ"
    )
    page = archive(client)
    assert "Đang niêm yết" in page and "Đã kết thúc" in page
    assert "Bản nháp" not in page and "Nội bộ" not in page
    assert "2 thông tin" in page


def test_the_archive_filters_by_item_year_and_state(client, make_disclosure, publish):
    publish(title="Dự toán năm nay")
    publish(clause=7, title="Danh sách hộ nghèo")
    make_disclosure(state="closed", title="Dự toán năm 2024")
    by_item = archive(client, item=7)
    assert "Danh sách hộ nghèo" in by_item and "Dự toán" not in by_item
    by_year = archive(client, year=2024)
    assert "Dự toán năm 2024" in by_year and "Dự toán năm nay" not in by_year
    closed = archive(client, state="closed")
    assert "Dự toán năm 2024" in closed and "Danh sách hộ nghèo" not in closed
    both = archive(client, q="du toan", state="published")
    assert "Dự toán năm nay" in both and "Dự toán năm 2024" not in both


def test_bad_filters_are_ignored_not_an_error(client, publish):
    publish(title="Dự toán năm nay")
    response = client.get(
        reverse("disclosures:archive", args=["07282"]), {"item": "abc", "year": "1800", "state": "draft"}
    )
    assert response.status_code == 200
    assert "Dự toán năm nay" in response.content.decode().split('id="results-title"', 1)[1]


def test_the_archive_pages_by_20_and_keeps_the_query_in_its_links(client, publish):
    for n in range(21):
        publish(title=f"Dự toán đợt {n}")
    page = archive(client, q="du toan", state="published")
    assert "21 thông tin" in page
    assert "Trang 1/2" in page
    assert 'href="?q=du+toan&amp;state=published&amp;page=2"' in page
    second = archive(client, q="du toan", state="published", page=2)
    assert second.count('class="notice-card"') == 1


# --- Feeds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["disclosures:feed_rss", "disclosures:feed_atom"])
def test_the_feeds_carry_public_items_only(client, cast, make_disclosure, publish, name):
    publish(title="Dự toán công khai")
    make_disclosure(state="closed", title="Quyết toán đã kết thúc")
    make_disclosure(title="Bản nháp chưa duyệt")
    make_disclosure(
        cast.agency_a, state="published", published_on=recent(), decision_date=recent(3), title="Nội bộ"
    )
    client.force_login(cast.staff_agency_a)  # even for someone who may read the internal one
    response = client.get(reverse(name, args=["07282"]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dự toán công khai" in body and "Quyết toán đã kết thúc" in body
    assert "Bản nháp" not in body and "Nội bộ" not in body
    assert "Điều 11 khoản 2" in body
    assert ("<rss" in body) == name.endswith("rss") and ("<feed" in body) == name.endswith("atom")


# --- Speed -------------------------------------------------------------------------------------------


def _count(client, url):
    caches["public"].clear()  # a rendering each time (democracy/publiccache.py), the owner looked up again
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_board_and_archive_run_the_same_queries_for_3_or_40_disclosures(
    client, publish, django_assert_max_num_queries
):
    urls = [
        reverse("disclosures:board", args=["07282"]),
        reverse("disclosures:archive", args=["07282"]) + "?q=du+toan&state=published",
    ]
    for _ in range(3):
        publish()
    publish(clause=4, title="Quy chế dân chủ")
    few = [_count(client, url) for url in urls]
    for n in range(37):
        publish(clause=[2, 4, 7][n % 3])
    many = [_count(client, url) for url in urls]
    assert few == many
    with django_assert_max_num_queries(4):
        client.get(urls[0])


# --- One disclosure ----------------------------------------------------------------------------------


def detail(client, d):
    return client.get(reverse("disclosures:detail", args=[d.pk])).content.decode()


def test_the_page_of_a_disclosure_shows_what_and_why_and_until_when(client, cast, publish):
    d = publish(forms=["a", "c"], other_places="Chợ xã")
    d.posting_villages.add(cast.village_a)
    doc = attach(d, name="Dự toán 2024 (bản ký).pdf")
    page = detail(client, d)
    for text in [
        d.title, d.summary, d.body, "Điều 11 khoản 2", d.item.label_vi[:40], d.item.legal_basis,
        "45/NQ-HĐND", "Hội đồng nhân dân xã", "Trụ sở Ủy ban nhân dân xã", "Thôn Đồng Bông", "Chợ xã",
        "Niêm yết thông tin (Điều 12 khoản 1 điểm a)", "Phát trên hệ thống truyền thanh xã",
        d.window_explanation, d.posting_deadline_explanation, "Còn ",
        f"Kết thúc niêm yết lúc 24 giờ 00 ngày {d.window_end:%d/%m/%Y}",
        "Dự toán 2024 (bản ký).pdf", reverse("disclosures:document", args=[doc.pk]),
    ]:  # fmt: skip
        assert str(text) in page, text


def test_a_correction_shows_both_versions_linked_with_the_reason(client, cast, publish):
    old = publish(title="Dự toán (bản đầu)")
    new = actions.start_correction(old, by=cast.clerk_a, reason="Sai số liệu tổng chi")
    assert "Phiên bản 2" not in detail(client, old)  # the correction is a draft: not public yet
    attach(new)
    actions.submit(new, by=cast.clerk_a)
    actions.publish(new, by=cast.approver_a, late_reason="Đính chính")
    for page in (detail(client, old), detail(client, new)):
        assert "Phiên bản 2 thay thế phiên bản 1, lý do: Sai số liệu tổng chi" in page
    assert reverse("disclosures:detail", args=[new.pk]) in detail(client, old)
    assert reverse("disclosures:detail", args=[old.pk]) in detail(client, new)


def test_a_withdrawn_disclosure_stays_readable_with_its_reason(client, cast, publish):
    d = publish()
    actions.withdraw(d, by=cast.approver_a, reason="Ban hành nhầm văn bản")
    page = detail(client, d)
    assert "Thông tin này đã bị thu hồi" in page and "Lý do: Ban hành nhầm văn bản" in page
    assert 'name="text"' not in page


def test_a_document_downloads_as_an_attachment_with_safe_headers(client, publish):
    d = publish()
    doc = attach(d, name='Dự toán "2024".pdf')
    response = client.get(reverse("disclosures:document", args=[doc.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''D%E1%BB%B1%20to%C3%A1n")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


def test_a_record_downloads_once_rendered(client, publish):
    d = publish()
    record = Record.objects.get(disclosure=d, kind=Record.Kind.POSTING)
    record.pdf = ""
    record.save(update_fields=["pdf"])
    url = reverse("disclosures:record", args=[record.pk])
    assert client.get(url).status_code == 404  # not rendered yet
    record.pdf.save("bb.pdf", ContentFile(PDF_BYTES))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="bien-ban-niem-yet-{d.pk}.pdf"'
    assert reverse("disclosures:record", args=[record.pk]) in detail(client, d)


def test_the_page_of_a_disclosure_runs_the_same_queries_whatever_it_holds(client, cast, publish):
    d = publish()
    url = reverse("disclosures:detail", args=[d.pk])
    few = _count(client, url)
    for n in range(10):
        attach(d, name=f"phu-luc-{n}.pdf")
        actions.answer_feedback(actions.add_feedback(d, text=f"Câu hỏi {n}"), by=cast.clerk_a, text="Đáp")
    d.posting_villages.add(cast.village_a)
    assert _count(client, url) == few


@pytest.mark.parametrize("name", ["disclosures:feed_rss", "disclosures:feed_atom"])
def test_the_feeds_never_carry_markup_a_reader_would_run(client, publish, name):
    """Readers render an item's description (and often its title) as HTML: what a clerk typed is text."""
    import xml.etree.ElementTree as ET

    publish(
        title="Dự toán <script>alert('tiêu đề')</script><b>đậm</b>",
        summary="Tóm tắt <script>alert(1)</script><img src=x onerror=alert(2)> & 5 < 6",
    )
    body = client.get(reverse(name, args=["07282"])).content.decode()
    texts = [el.text or "" for el in ET.fromstring(body).iter()]  # what a reader gets once XML is parsed
    assert texts and not any("<script" in t or "<img" in t or "<b>" in t for t in texts)
    assert any("Dự toán" in t and "đậm" in t for t in texts)
    assert any("&lt;script&gt;" in t for t in texts)  # the summary is shown as typed, as text
