"""A citizen's questions and comments on a posted disclosure, and the limits that keep the form usable."""

import datetime as dt
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from disclosures import actions
from disclosures.models import Feedback

QUESTION = "Khoản chi sửa đường thôn Đồng Bông năm nay là bao nhiêu?"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()  # the counters live in the cache, shared by every test in this process
    yield
    cache.clear()


@pytest.fixture
def posting(make_disclosure):
    day = timezone.localdate() - dt.timedelta(days=2)
    return make_disclosure(state="published", published_on=day, decision_date=day - dt.timedelta(days=1))


def ask(client, disclosure, **fields):
    data = {"kind": "question", "text": QUESTION, "form_token": str(uuid.uuid4()), "website": "", **fields}
    return client.post(reverse("disclosures:feedback", args=[disclosure.pk]), data)


def page(client, disclosure):
    return client.get(reverse("disclosures:detail", args=[disclosure.pk])).content.decode()


def test_a_citizen_asks_a_question_and_reads_it_with_the_answer_but_never_the_name(client, cast, posting):
    form = page(client, posting)
    assert f'action="/disclosures/{posting.pk}/feedback/"' in form
    assert "không bao giờ được đăng công khai" in form

    response = ask(client, posting, name="Nguyễn Văn Bình", contact="0912 345 678")
    assert response.status_code == 302 and response.url.endswith("#gui-thanh-cong")
    followed = client.get(response.url).content.decode()
    assert "Đã gửi câu hỏi. Câu trả lời sẽ được đăng dưới thông tin này." in followed
    feedback = Feedback.objects.get()
    assert (feedback.name, feedback.contact, feedback.channel) == (
        "Nguyễn Văn Bình",
        "0912 345 678",
        "online",
    )
    # Published with its answer, not before: others see only that one is waiting.
    other = page(Client(), posting)
    assert QUESTION not in other and "1 câu hỏi, ý kiến đang chờ trả lời" in other

    actions.answer_feedback(feedback, by=cast.clerk_a, text="Tổng chi sửa đường là 350 triệu đồng.")
    answered = page(client, posting)
    assert QUESTION in answered and "Tổng chi sửa đường là 350 triệu đồng." in answered
    assert "Nguyễn Văn Bình" not in answered and "0912 345 678" not in answered

    api = client.get(f"/api/v1/disclosures/{posting.pk}").content.decode()
    assert "350 triệu đồng" in api
    assert "Nguyễn Văn Bình" not in api and "0912" not in api


def test_hidden_feedback_shows_only_the_reason(client, cast, posting):
    feedback = actions.add_feedback(posting, text="Nội dung xúc phạm cá nhân")
    actions.hide_feedback(feedback, by=cast.clerk_a, reason="Có lời lẽ xúc phạm")
    shown = page(client, posting)
    assert "Ý kiến đã được ẩn: Có lời lẽ xúc phạm" in shown
    assert "xúc phạm cá nhân" not in shown


def test_a_comment_is_recorded_as_a_comment(client, posting):
    assert ask(client, posting, kind="comment", text="Đề nghị công khai thêm chi tiết.").status_code == 302
    assert Feedback.objects.get().kind == Feedback.Kind.COMMENT


def test_the_honeypot_pretends_success_and_stores_nothing(client, posting):
    response = ask(client, posting, website="http://quang-cao.example")
    assert response.status_code == 302
    assert "Đã gửi câu hỏi" in client.get(response.url).content.decode()
    assert Feedback.objects.count() == 0


def test_the_honeypot_is_labelled_for_screen_readers(client, posting):
    form = page(client, posting)
    assert "Xin để trống ô này" in form and 'name="website"' in form


def test_a_client_sending_too_much_gets_a_429_in_vietnamese(client, posting, settings):
    settings.FEEDBACK_PER_HOUR = 3
    for _ in range(3):
        assert ask(client, posting).status_code == 302
    response = ask(client, posting, text="Câu hỏi thứ tư")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "Bạn đã gửi quá nhiều câu hỏi, ý kiến trong một giờ" in body
    assert "Câu hỏi thứ tư" in body  # what the citizen typed is not lost
    assert Feedback.objects.count() == 3


def test_the_rate_limit_counts_each_client_apart(client, posting, settings):
    settings.FEEDBACK_PER_HOUR = 1
    assert ask(client, posting).status_code == 302
    assert ask(client, posting).status_code == 429
    other = client.post(
        reverse("disclosures:feedback", args=[posting.pk]),
        {"kind": "question", "text": QUESTION, "form_token": str(uuid.uuid4())},
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 302


def test_a_text_over_4000_characters_is_refused_with_a_vietnamese_message(client, posting):
    response = ask(client, posting, text="a" * 4001)
    assert response.status_code == 400
    assert "Nội dung dài quá 4000 ký tự (hiện có 4001 ký tự)" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_an_empty_question_is_refused(client, posting):
    response = ask(client, posting, text="   ")
    assert response.status_code == 400
    assert "Hãy nhập nội dung câu hỏi, ý kiến." in response.content.decode()
    assert Feedback.objects.count() == 0


def test_after_the_window_closes_the_form_is_gone_and_the_page_says_why(client, make_disclosure):
    closed = make_disclosure(state="closed")
    reason = "Thời gian niêm yết đã kết thúc ngày 11/03/2024; không nhận thêm câu hỏi, ý kiến trực tuyến."
    shown = page(client, closed)
    assert reason in shown
    assert 'name="text"' not in shown
    response = ask(client, closed)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_window_past_its_end_refuses_feedback_even_before_the_closing_job_runs(client, make_disclosure):
    overdue = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    assert overdue.state == "published"
    assert 'name="text"' not in page(client, overdue)
    assert ask(client, overdue).status_code == 400
    assert Feedback.objects.count() == 0


def test_a_withdrawn_disclosure_takes_no_more_feedback(client, cast, posting):
    actions.withdraw(posting, by=cast.approver_a, reason="Ban hành nhầm")
    response = ask(client, posting)
    assert response.status_code == 400
    assert "Thông tin đã bị thu hồi" in response.content.decode()


def test_sending_the_same_form_twice_records_one_question(client, posting):
    token = str(uuid.uuid4())
    assert ask(client, posting, form_token=token).status_code == 302
    assert ask(client, posting, form_token=token).status_code == 302
    assert Feedback.objects.count() == 1


def test_feedback_is_post_only(client, posting):
    assert client.get(reverse("disclosures:feedback", args=[posting.pk])).status_code == 405


def test_the_citizen_sees_the_confirmation_where_the_form_was_with_a_reference_number(client, posting):
    response = ask(client, posting)
    assert response.url.endswith("#gui-thanh-cong")
    feedback = Feedback.objects.get()
    followed = client.get(response.url)
    body = followed.content.decode()
    assert 'id="gui-thanh-cong"' in body and f"CH-{feedback.pk}" in body and "đang chờ trả lời" in body
    assert QUESTION in body and "js/sent-focus.js" in body
    assert 'id="gui-cau-hoi"' not in body  # the confirmation stands where the form was
    assert "private" in followed["Cache-Control"]  # the citizen's own question never sits in a shared cache
    # Once: the next visit shows the form again, and the question under "yours, waiting for an answer".
    again = page(client, posting)
    assert 'id="gui-thanh-cong"' not in again and 'id="gui-cau-hoi"' in again
    assert QUESTION in again and f"CH-{feedback.pk}" in again


def test_the_citizens_own_pending_question_is_listed_to_them_only(client, posting):
    ask(client, posting)
    ask(client, posting, text="Câu hỏi thứ hai về đường thôn")
    mine = page(client, posting)
    assert QUESTION in mine and "Câu hỏi thứ hai về đường thôn" in mine
    other = Client()
    ask(other, posting, text="Câu hỏi của người khác")
    assert "Câu hỏi của người khác" not in page(client, posting)
    assert QUESTION not in page(other, posting)
    assert "2 câu hỏi" not in page(Client(), posting) and "3 câu hỏi, ý kiến đang chờ trả lời" in page(
        Client(), posting
    )


def test_an_answered_question_leaves_the_pending_list_for_the_public_one(client, cast, posting):
    ask(client, posting)
    feedback = Feedback.objects.get()
    actions.answer_feedback(feedback, by=cast.clerk_a, text="Đã trả lời.")
    body = page(client, posting)
    assert body.count(QUESTION) == 1 and "Đã trả lời." in body
