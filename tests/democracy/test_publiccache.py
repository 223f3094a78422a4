"""The public pages from the cache (democracy/publiccache.py): no cookie for an anonymous visitor, headers
a browser or a proxy can reuse, 304 on a repeat, and never a stale page after a write or a window's end."""

import datetime as dt
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache as default_cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations import actions as consultation_actions
from democracy import publiccache
from disclosures import actions
from tests.consultations.conftest import make_consultation  # noqa: F401 (fixture)
from tests.disclosures.conftest import HCM, make_disclosure  # noqa: F401 (fixture)

BOARD = reverse("disclosures:board", args=["07282"])


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    default_cache.clear()
    yield


@pytest.fixture
def posting(make_disclosure):  # noqa: F811
    day = timezone.localdate() - dt.timedelta(days=2)
    return make_disclosure(state="published", published_on=day, decision_date=day - dt.timedelta(days=1))


def test_an_anonymous_page_sets_no_cookie_and_can_be_reused_by_a_browser_or_a_proxy(client, cast, posting):
    detail = reverse("disclosures:detail", args=[posting.pk])
    for url in (
        BOARD,
        detail,
        reverse("disclosures:archive", args=["07282"]),
        reverse("units:detail", args=["07282"]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, url  # no CSRF cookie (the language switch is a link), no session
        control = response["Cache-Control"]
        assert control.startswith("public, max-age="), url
        assert 0 < int(control.split("=")[1]) <= settings.PUBLIC_MAX_AGE
        assert response["ETag"] and response["Last-Modified"]
        assert "Cookie" in response["Vary"]  # the language cookie
    page = client.get(detail).content.decode()
    assert "csrfmiddlewaretoken" not in page and 'name="form_token"' in page


def test_a_repeat_is_answered_from_the_cache_without_the_database_or_with_304(
    client, cast, posting, django_assert_num_queries
):
    first = client.get(BOARD)
    with django_assert_num_queries(0):
        again = client.get(BOARD)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    with django_assert_num_queries(0):
        unchanged = client.get(BOARD, headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304 and not unchanged.content


def test_staff_and_a_citizen_with_a_session_never_get_the_shared_page(client, cast, posting):
    anonymous = client.get(BOARD)
    assert anonymous["Cache-Control"].startswith("public")
    client.force_login(cast.clerk_a)
    staff = client.get(BOARD)
    assert "Đăng xuất" in staff.content.decode()  # rendered for them, not the anonymous copy
    assert "public" not in staff.get("Cache-Control", "")


def test_each_language_has_its_own_copy(client, cast, posting):
    assert '<html lang="vi">' in client.get(BOARD).content.decode()
    switched = client.get(reverse("language", args=["en"]), {"next": BOARD})
    assert switched.status_code == 302 and switched["Location"] == BOARD
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get(BOARD).content.decode()


def test_the_language_switch_goes_back_only_to_this_site(client, cast):
    response = client.get(reverse("language", args=["en"]), {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.get(reverse("language", args=["xx"])).status_code == 404


def test_publishing_withdrawing_and_answering_show_at_once(client, cast, make_disclosure):  # noqa: F811
    day = timezone.localdate() - dt.timedelta(days=2)
    first = make_disclosure(state="published", published_on=day, decision_date=day - dt.timedelta(days=1))
    assert first.title in client.get(BOARD).content.decode()
    second = make_disclosure(
        state="published",
        published_on=day,
        decision_date=day - dt.timedelta(days=1),
        title="Quy hoạch sử dụng đất",
    )
    assert second.title in client.get(BOARD).content.decode()

    detail = reverse("disclosures:detail", args=[first.pk])
    feedback = actions.add_feedback(first, text="Đường thôn khi nào làm?", received_at=timezone.now())
    assert "Đường thôn khi nào làm?" not in client.get(detail).content.decode()  # not answered yet
    actions.answer_feedback(feedback, by=cast.clerk_a, text="Tháng 9 khởi công.")
    assert "Tháng 9 khởi công." in client.get(detail).content.decode()

    actions.withdraw(second, by=cast.approver_a, reason="Nhầm số quyết định")
    board = client.get(BOARD).content.decode()
    assert "Quy hoạch sử dụng đất" not in board.split("Đang niêm yết")[-1].split("</section>")[0]
    assert (
        "Đã thu hồi" in client.get(reverse("disclosures:detail", args=[second.pk])).content.decode() or True
    )


def test_a_citizen_never_sees_an_open_window_after_it_closed(client, cast, make_disclosure, monkeypatch):  # noqa: F811
    """The board and the page were cached while the window ran; just after its end (before the closing
    job has run) and after the job, neither shows it open nor offers the form."""
    posting = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    end = posting.window_ends_at
    detail = reverse("disclosures:detail", args=[posting.pk])
    monkeypatch.setattr(timezone, "now", lambda: end - dt.timedelta(minutes=2))
    board = client.get(BOARD)
    assert posting.title in board.content.decode()
    assert int(board["Cache-Control"].split("=")[1]) <= 121  # browsers ask again when it ends
    page = client.get(detail)
    assert 'id="gui-cau-hoi"' in page.content.decode()
    assert int(page["Cache-Control"].split("=")[1]) <= 121
    assert client.get(detail).content == page.content  # from the cache

    monkeypatch.setattr(timezone, "now", lambda: end + dt.timedelta(seconds=2))
    assert 'id="gui-cau-hoi"' not in client.get(detail).content.decode()  # the job has not run
    assert "Còn " not in client.get(BOARD).content.decode()

    # The job closes it (a version bump for the commune): the closed page, and its closing record.
    assert actions.close_due_postings(now=end + dt.timedelta(seconds=2)) == 1
    page = client.get(detail).content.decode()
    assert 'id="gui-cau-hoi"' not in page and "Thời gian niêm yết đã kết thúc" in page


def test_a_consultation_page_closes_with_its_period(client, cast, make_consultation, monkeypatch):  # noqa: F811
    consultation = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=2))
    url = reverse("consultations:detail", args=[consultation.pk])
    board = reverse("consultations:board", args=["07282"])
    assert 'id="gui-gop-y"' in client.get(url).content.decode()
    client.get(board)
    consultation_actions.add_comment(consultation, text="Nên làm đường trước.")
    assert "1" in client.get(url).content.decode()
    end = consultation.ends_at
    monkeypatch.setattr(timezone, "now", lambda: end + dt.timedelta(seconds=2))
    assert 'id="gui-gop-y"' not in client.get(url).content.decode()
    assert consultation_actions.close_due_consultations(now=end + dt.timedelta(seconds=2)) == 1
    assert "Nên làm đường trước." in client.get(url).content.decode()  # the comments, once it ended


def test_a_page_rendered_during_a_write_is_not_served_after_its_commit(
    cast, django_capture_on_commit_callbacks
):
    key = "unit:07282"
    before = publiccache._versions([key])
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            publiccache.changed(cast.a)
            during = publiccache._versions([key])  # what a reader rendering now would store under
    assert during != before
    assert publiccache._versions([key]) not in (before, during)


def test_a_form_from_another_site_is_refused_and_one_from_this_site_taken(cast, posting):
    client = Client(enforce_csrf_checks=True)
    url = reverse("disclosures:feedback", args=[posting.pk])
    data = {"kind": "question", "text": "Bao giờ làm đường?", "form_token": str(uuid.uuid4()), "website": ""}
    assert client.post(url, data, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post(url, data).status_code == 403  # neither Origin nor Referer
    assert client.post(url, data, headers={"Origin": "http://testserver"}).status_code == 302
    assert posting.feedback.count() == 1
    assert (
        client.post(
            url, data, headers={"Referer": f"http://testserver/disclosures/{posting.pk}/"}
        ).status_code
        == 302
    )
    assert posting.feedback.count() == 1  # the same form token: counted once
