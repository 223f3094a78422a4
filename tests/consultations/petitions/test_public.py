"""The citizen's form: clear Vietnamese messages for bad input, and the limits against abuse (a rate
limit per client, a size limit, a honeypot), as for disclosure feedback."""

import uuid

import pytest
from django.urls import reverse

from consultations.petitions import actions
from consultations.petitions.models import Petition

pytestmark = pytest.mark.django_db

TEXT = "Cống thoát nước trước chợ bị tắc."


def send(client, unit, **fields):
    data = {"kind": "petition", "text": TEXT, "form_token": str(uuid.uuid4()), "website": "", **fields}
    return client.post(reverse("petitions:send", args=[unit.code]), data, **fields.pop("extra", {}))


def test_the_form_has_a_labelled_honeypot_and_a_size_hint(client, cast):
    page = client.get(reverse("petitions:send", args=[cast.a.code])).content.decode()
    assert 'name="website"' in page and "Xin để trống ô này" in page
    assert 'maxlength="4000"' in page


def test_the_honeypot_pretends_success_and_stores_nothing(client, cast):
    response = send(client, cast.a, website="http://spam.example")
    assert response.status_code == 302
    assert Petition.objects.count() == 0
    assert "Đã gửi phản ánh, kiến nghị." in client.get(response.url).content.decode()


def test_a_client_sending_too_much_gets_a_429_in_vietnamese(client, cast, settings):
    settings.FEEDBACK_PER_HOUR = 2
    assert send(client, cast.a).status_code == 302
    assert send(client, cast.a).status_code == 302
    response = send(client, cast.a, text="Lần thứ ba")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "Bạn đã gửi quá nhiều phản ánh, kiến nghị trong một giờ" in body
    assert "Lần thứ ba" in body  # what was typed is not lost
    assert Petition.objects.count() == 2


def test_the_rate_limit_counts_each_client_apart(client, cast, settings):
    settings.FEEDBACK_PER_HOUR = 1
    assert send(client, cast.a).status_code == 302
    assert send(client, cast.a).status_code == 429
    other = client.post(
        reverse("petitions:send", args=[cast.a.code]),
        {"kind": "petition", "text": TEXT, "form_token": str(uuid.uuid4())},
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "Hãy nhập nội dung phản ánh, kiến nghị."),
        ({"text": "   "}, "Hãy nhập nội dung phản ánh, kiến nghị."),
        ({"text": "a" * 4001}, "Dài quá 4000 ký tự (hiện có 4001 ký tự)"),
        ({"kind": "bribe"}, "Hãy chọn loại."),
        ({"name": "n" * 151}, "Dài quá 150 ký tự."),
        ({"contact": "c" * 201}, "Dài quá 200 ký tự."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, cast, fields, message):
    response = send(client, cast.a, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Petition.objects.count() == 0


def test_only_a_commune_has_an_inbox(client, cast):
    assert client.get(reverse("petitions:send", args=[cast.province.code])).status_code == 404
    assert client.get(reverse("petitions:send", args=[cast.village_a.code])).status_code == 404
    assert client.get(reverse("petitions:board", args=["khong-co"])).status_code == 404


def test_a_hidden_petition_is_out_of_the_public_counts(client, cast):
    kept = actions.send_petition(cast.a, text=TEXT)
    spam = actions.send_petition(cast.a, text="Mua bán sim số đẹp")
    actions.hide_petition(spam, by=cast.clerk_a, reason="Quảng cáo")
    page = client.get(reverse("petitions:board", args=[cast.a.code])).content.decode()
    assert "Đã tiếp nhận 1, đã trả lời hoặc chuyển 0." in page
    assert "sim số đẹp" not in page and kept.text not in page


def test_the_public_page_runs_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    def publish(n):
        for i in range(n):
            p = actions.send_petition(cast.a, text=f"Kiến nghị số {i}")
            actions.answer_petition(p, by=cast.clerk_a, text="Đã xử lý")
            actions.publish_petition(p, by=cast.clerk_a, public_text=f"Kiến nghị số {i}")

    url = reverse("petitions:board", args=[cast.a.code])
    publish(1)
    client.get(url)  # warm the session and the caches
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    publish(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Kiến nghị số 5" in client.get(url).content.decode()
