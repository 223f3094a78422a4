"""A citizen sends a petition, the clerk answers it, the citizen rates the answer through their own
signed link, and the commune's public page shows it anonymised with the time it took."""

import uuid

import pytest
from django.urls import reverse

from consultations.petitions import actions, links
from consultations.petitions.models import Channel, Petition, State
from consultations.petitions.signals import answered

pytestmark = pytest.mark.django_db

TEXT = "Đèn đường ngõ 5 thôn Đồng Bông bị hỏng hai tuần nay. Ông Nguyễn Văn An, 0912 345 678."
ANONYMISED = "Đèn đường ngõ 5 thôn Đồng Bông bị hỏng hai tuần nay."


def send(client, unit, **fields):
    data = {"kind": "report", "text": TEXT, "name": "Nguyễn Văn An", "contact": "0912345678",
            "form_token": str(uuid.uuid4()), "website": "", **fields}  # fmt: skip
    return client.post(reverse("petitions:send", args=[unit.code]), data)


def test_the_whole_journey_from_sending_to_rating(client, cast, django_capture_on_commit_callbacks):
    response = send(client, cast.a)
    petition = Petition.objects.get()
    assert response.status_code == 302 and response.url == links.url_for(petition)
    assert (petition.unit, petition.channel, petition.state) == (cast.a, Channel.ONLINE, State.RECEIVED)
    assert petition.due_on > petition.received_at.date()
    assert "Điều 28 Luật Tiếp công dân" in petition.due_explanation

    own = client.get(response.url).content.decode()
    assert "Đã gửi phản ánh, kiến nghị." in own and petition.reference in own
    assert "Nguyễn Văn An" in own  # their own text, as they wrote it
    assert "0912345678" not in own  # the contact is never on a page outside the staff's

    received = []
    answered.connect(
        lambda sender, petition, **kw: received.append(petition.pk), weak=False, dispatch_uid="t"
    )
    try:
        clerk = client.__class__()
        clerk.force_login(cast.clerk_a)
        with django_capture_on_commit_callbacks(execute=True):
            reply = clerk.post(
                reverse("petitions:answer", args=[petition.pk]),
                {"answer-outcome": "answered", "answer-answer": "Đã thay bóng đèn ngày 03/12."},
            )
        assert reply.status_code == 302
    finally:
        answered.disconnect(dispatch_uid="t")
    assert received == [petition.pk]
    petition.refresh_from_db()
    assert petition.state == State.ANSWERED and petition.on_time

    page = client.get(response.url).content.decode()
    assert "Đã thay bóng đèn" in page and "Đánh giá câu trả lời" in page
    rated = client.post(reverse("petitions:rate", args=[links.token_for(petition)]),
                        {"satisfied": "no", "reason": "Đèn lại hỏng sau hai ngày"})  # fmt: skip
    assert rated.status_code == 302
    petition.refresh_from_db()
    assert (petition.satisfied, petition.rating_reason) == (False, "Đèn lại hỏng sau hai ngày")
    assert "Bạn đã đánh giá: Không hài lòng." in client.get(response.url).content.decode()

    board = reverse("petitions:board", args=[cast.a.code])
    assert "Đã thay bóng đèn" not in client.get(board).content.decode()  # not until the clerk confirms
    published = clerk.post(
        reverse("petitions:publish", args=[petition.pk]), {"publish-public_text": ANONYMISED}
    )
    assert published.status_code == 302
    public = client.get(board).content.decode()
    assert ANONYMISED in public and "Đã thay bóng đèn" in public
    assert "Nguyễn Văn An" not in public and "0912" not in public
    assert "trả lời trong ngày" in public  # the time it took
    assert "Hài lòng / đánh giá" in public and "0/1 (0%)" in public  # the rating, by channel


def test_a_rating_is_given_once(cast):
    petition = actions.send_petition(cast.a, text=TEXT)
    actions.answer_petition(petition, by=cast.clerk_a, text="Đã sửa.")
    actions.rate_petition(petition, satisfied=True)
    with pytest.raises(Exception, match="đã được đánh giá"):
        actions.rate_petition(petition, satisfied=False)
    petition.refresh_from_db()
    assert petition.satisfied is True


def test_an_unanswered_petition_has_no_rating_form(client, cast):
    petition = actions.send_petition(cast.a, text=TEXT)
    token = links.token_for(petition)
    assert "Đánh giá câu trả lời" not in client.get(reverse("petitions:track", args=[token])).content.decode()
    response = client.post(reverse("petitions:rate", args=[token]), {"satisfied": "yes"})
    assert response.status_code == 400
    assert "Chỉ đánh giá được sau khi có câu trả lời." in response.content.decode()


def test_a_forged_or_altered_link_is_not_found(client, cast):
    petition = actions.send_petition(cast.a, text=TEXT)
    token = links.token_for(petition)
    assert client.get(reverse("petitions:track", args=[token[:-2] + "xx"])).status_code == 404
    assert client.get(reverse("petitions:track", args=[str(petition.pk)])).status_code == 404


def test_an_agency_petition_is_never_published(cast):
    petition = actions.send_petition(cast.agency_a, text=TEXT, by=cast.staff_agency_a)
    actions.answer_petition(petition, by=cast.admin, text="Đã xem xét.")
    with pytest.raises(Exception, match="nội bộ"):
        actions.publish_petition(petition, by=cast.admin, public_text=ANONYMISED)


def test_a_complaint_is_only_forwarded(client, cast):
    petition = actions.send_petition(cast.a, text="Tôi khiếu nại quyết định thu hồi đất.", kind="complaint")
    client.force_login(cast.clerk_a)
    response = client.post(reverse("petitions:answer", args=[petition.pk]),
                           {"answer-outcome": "answered", "answer-answer": "Trả lời"})  # fmt: skip
    assert response.status_code == 400
    assert "chỉ ghi nhận và chuyển" in response.content.decode()
    response = client.post(reverse("petitions:forward", args=[petition.pk]),
                           {"forward-to": "Chủ tịch UBND tỉnh", "forward-note": "Chuyển theo Luật Khiếu nại."})  # fmt: skip
    assert response.status_code == 302
    petition.refresh_from_db()
    assert (petition.state, petition.forwarded_to) == (State.FORWARDED, "Chủ tịch UBND tỉnh")
