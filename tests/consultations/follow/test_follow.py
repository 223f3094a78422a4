"""Following by e-mail: double opt-in, the events, the mails (once each), unsubscribing, safety."""

import datetime as dt
import re
import smtplib

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from consultations import actions as consultation_actions
from consultations.follow import actions, dispatch, events, links
from consultations.follow.models import (
    Delivery,
    DeliveryState,
    Event,
    EventKind,
    Subscriber,
    Subscription,
)
from democracy.models import Action, AuditEvent
from disclosures import actions as disclosure_actions
from disclosures.models import Feedback

from .conftest import links_in

pytestmark = pytest.mark.django_db


def test_confirmation_link_works_once_and_nothing_is_sent_before(
    cast, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        actions.request_follow(email="dan@example.vn", target=cast.a)
    assert Subscription.objects.get().state == "pending"
    (confirmation,) = mail.outbox
    assert confirmation.to == ["dan@example.vn"]
    assert "Xã Đồng Kỳ" in confirmation.subject
    assert confirmation.alternatives[0][1] == "text/html"
    (path,) = links_in(confirmation, "confirm")
    # Opening the link (a mail scanner does) confirms nothing: it asks for a click.
    assert client.get(path).status_code == 200
    assert Subscription.objects.get().state == "pending"
    assert client.post(path).status_code == 200
    assert Subscription.objects.get().state == "active"
    second = client.post(path)
    assert second.status_code == 410
    assert "đã được dùng" in second.content.decode()
    assert list(AuditEvent.objects.filter(action__startswith="follow").values_list("action", flat=True)) == [
        Action.FOLLOW_REQUESTED,
        Action.FOLLOW_CONFIRMED,
    ]


def test_a_forged_or_expired_link_is_refused(cast, client, settings, follow):
    subscription = follow(cast.a)
    token = links.unsubscribe_token(subscription=subscription)
    assert client.get(reverse("follow:unsubscribe", args=[token + "x"])).status_code == 400
    forged = signing.dumps({"s": subscription.pk}, salt="another")
    assert client.post(reverse("follow:unsubscribe", args=[forged])).status_code == 400
    settings.FOLLOW_LINK_MAX_AGE = -1
    assert client.post(reverse("follow:unsubscribe", args=[token])).status_code == 400
    assert Subscription.objects.get().state == "active"


def test_the_page_answers_the_same_whoever_follows(cast, client, follow, django_capture_on_commit_callbacks):
    follow(cast.a, email="dang-theo-doi@example.vn")
    url = reverse("follow:board", args=[cast.a.code])
    answers = []
    for email in ["dang-theo-doi@example.vn", "moi@example.vn"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url, {"email": email, "frequency": "immediate", "language": "vi"}, follow=True
            )
        # The page differs only by the per-response CSP nonce and masked CSRF token.
        page = re.sub(rb'(nonce|value)="[A-Za-z0-9+/=_-]{20,}"', b"", response.content)
        answers.append((response.status_code, response.redirect_chain, page))
    assert answers[0] == answers[1]
    # The address that follows already is told so, in its own mailbox only; the new one must confirm.
    assert "đã đang theo dõi" in mail.outbox[-2].body and mail.outbox[-2].to == ["dang-theo-doi@example.vn"]
    assert links_in(mail.outbox[-1], "confirm")
    assert Subscription.objects.get(subscriber__email="moi@example.vn").state == "pending"


def test_bad_input_is_answered_in_vietnamese_and_nothing_is_saved(cast, client):
    url = reverse("follow:board", args=[cast.a.code])
    response = client.post(url, {"email": "khong-phai-dia-chi", "frequency": "weekly", "language": "fr"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Địa chỉ thư điện tử không hợp lệ." in text
    assert "Hãy chọn cách nhận thư." in text
    assert "Hãy chọn ngôn ngữ của thư." in text
    assert not Subscriber.objects.exists()
    assert client.get(reverse("follow:board", args=["99999"])).status_code == 404


def test_a_flood_of_requests_is_throttled(cast, client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.FOLLOW_PER_HOUR = 3
    url = reverse("follow:board", args=[cast.a.code])
    codes = [
        client.post(url, {"email": f"a{i}@example.vn", "frequency": "daily", "language": "vi"}).status_code
        for i in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    assert Subscriber.objects.count() == 3


def test_one_address_gets_few_confirmation_mails_whoever_asks(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.FOLLOW_MAILS_PER_ADDRESS_PER_DAY = 2
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            actions.request_follow(email="nan-nhan@example.vn", target=cast.a)
    assert len(mail.outbox) == 2


def test_an_own_question_is_followed_only_through_the_senders_link(cast, client, make_disclosure):
    disclosure = make_disclosure(state="published", published_on=timezone.localdate() - dt.timedelta(days=1))
    feedback = disclosure_actions.add_feedback(disclosure, text="Khi nào làm đường?")
    # No public URL names a question: only the signed link given to its sender.
    response = client.get(links.mine_url("feedback", feedback.pk))
    assert response.status_code == 200
    assert "Câu hỏi, ý kiến của bạn" in response.content.decode()
    forged = signing.dumps({"k": "feedback", "id": feedback.pk}, salt="follow.other")
    assert client.get(reverse("follow:mine", args=[forged])).status_code == 400
    board_token = links.mine_token("board", cast.a.pk)
    assert client.get(reverse("follow:mine", args=[board_token])).status_code == 400


def test_a_posting_opens_and_followers_get_one_mail_each(
    cast, follow, make_disclosure, django_capture_on_commit_callbacks
):
    follow(cast.a, email="a@example.vn")
    follow(cast.a, email="b@example.vn")
    follow(cast.b, email="c@example.vn")  # another commune's board
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        disclosure = make_disclosure(
            state="published", published_on=timezone.localdate() - dt.timedelta(days=1)
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.vn", "b@example.vn"]
    message = mail.outbox[0]
    assert disclosure.title in message.subject
    assert disclosure.window_closing_text in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    html = message.alternatives[0][0]
    assert disclosure.window_closing_text in html
    # Run again (a second worker, a beat tick): nothing more.
    assert dispatch.fan_out() == 0
    assert dispatch.send_immediate() == 0
    assert len(mail.outbox) == 2


def test_unsubscribing_in_one_click_without_logging_in(
    cast, client, follow, make_disclosure, django_capture_on_commit_callbacks
):
    follow(cast.a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_disclosure(state="published", published_on=timezone.localdate() - dt.timedelta(days=1))
    (message,) = mail.outbox
    header = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = "/" + header.split("://", 1)[1].split("/", 1)[1]
    assert path == links_in(message, "unsubscribe")[0]
    assert client.get(path).status_code == 200
    assert Subscription.objects.get().state == "active"
    # RFC 8058: the mail client posts "List-Unsubscribe=One-Click", with no CSRF token and no session.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscription.objects.get().state == "ended"
    assert strict.post(path).status_code == 200  # again: nothing left to end, the same calm page
    assert AuditEvent.objects.filter(action=Action.UNFOLLOWED).count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_disclosure(
            state="published", published_on=timezone.localdate() - dt.timedelta(days=1), title="Tin thứ hai"
        )
    assert mail.outbox == []


def test_a_daily_digest_holds_the_days_events_once(
    cast, follow, make_disclosure, make_consultation, django_capture_on_commit_callbacks
):
    follow(cast.a, email="ngay@example.vn", frequency="daily")
    mail.outbox.clear()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        first = make_disclosure(state="published", published_on=today, title="Kế hoạch sử dụng đất")
        second = make_disclosure(state="published", published_on=today, title="Dự toán ngân sách")
        consultation = make_consultation(opened_on=today)
    assert mail.outbox == []  # daily: nothing as it happens
    assert dispatch.send_digests() == 1
    (digest,) = mail.outbox
    for title in [first.title, second.title, consultation.title]:
        assert digest.body.count(title) == 1
    assert consultation.closing_text in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert len(links_in(digest, "unsubscribe")) == 4  # one per item, one for all
    assert dispatch.send_digests() == 0
    assert len(mail.outbox) == 1


def test_an_address_following_a_board_and_its_consultation_hears_once(
    cast, follow, make_consultation, django_capture_on_commit_callbacks
):
    consultation = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=1))
    follow(cast.a, email="ca-hai@example.vn")
    follow(consultation, email="ca-hai@example.vn")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        consultation_actions.close_due_consultations(now=consultation.ends_at + dt.timedelta(seconds=1))
    (closed,) = mail.outbox
    assert "Kết thúc lấy ý kiến" in closed.subject


def test_the_answer_to_ones_own_question(cast, client, make_disclosure, django_capture_on_commit_callbacks):
    disclosure = make_disclosure(state="published", published_on=timezone.localdate() - dt.timedelta(days=1))
    feedback = disclosure_actions.add_feedback(disclosure, text="Khi nào làm đường thôn?")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            links.mine_url("feedback", feedback.pk),
            {"email": "hoi@example.vn", "frequency": "immediate", "language": "vi"},
        )
    assert response.status_code == 302
    (confirmation,) = mail.outbox
    client.post(links_in(confirmation, "confirm")[0])
    with django_capture_on_commit_callbacks(execute=True):
        disclosure_actions.answer_feedback(feedback, by=cast.clerk_a, text="Quý III năm nay.")
    answer = mail.outbox[-1]
    assert answer.to == ["hoi@example.vn"] and "Quý III năm nay." in answer.body
    assert Event.objects.get(kind=EventKind.ANSWERED).target_id == feedback.pk


def test_decision_results_reach_the_decisions_followers(cast, follow, django_capture_on_commit_callbacks):
    from tests.consultations.conftest import item

    decision = consultation_actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 1), title="Làm đường bê tông thôn Đồng Bông",
        method="meeting",
    )  # fmt: skip
    follow(cast.a, email="thon@example.vn")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        consultation_actions.record_tally(
            decision, by=cast.clerk_a, decided_on=timezone.localdate(), agree=100
        )
    (message,) = mail.outbox
    assert "Kết quả biểu quyết" in message.subject and "100 tán thành" in message.body


def test_internal_records_never_reach_followers_but_tell_the_agency_staff(
    cast, follow, make_disclosure, django_capture_on_commit_callbacks
):
    cast.staff_agency_a.email = "canbo@example.vn"
    cast.staff_agency_a.save()
    follow(cast.a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_disclosure(
            cast.agency_a, state="published", published_on=timezone.localdate() - dt.timedelta(days=1)
        )
    assert not Event.objects.exists()
    (staff_mail,) = mail.outbox
    assert staff_mail.to == ["canbo@example.vn"]


def test_failing_addresses_back_off_then_are_suspended(
    cast, follow, settings, make_disclosure, monkeypatch, django_capture_on_commit_callbacks
):
    settings.FOLLOW_MAX_FAILURES = 2
    follow(cast.a, email="hong@example.vn")
    mail.outbox.clear()
    from django.core.mail.message import EmailMessage

    def refuse(self, fail_silently=False):  # a 4xx: the mailbox is full for now, try again later
        raise smtplib.SMTPRecipientsRefused({self.to[0]: (452, b"4.2.2 mailbox full")})

    monkeypatch.setattr(EmailMessage, "send", refuse)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        make_disclosure(state="published", published_on=timezone.localdate() - dt.timedelta(days=1))
    subscriber = Subscriber.objects.get()
    assert subscriber.failures == 1 and subscriber.retry_at > now
    assert Delivery.objects.get().state == DeliveryState.PENDING
    assert dispatch.send_immediate() == 0  # backing off: not tried again yet
    assert Subscriber.objects.get().failures == 1
    dispatch.send_immediate(now=subscriber.retry_at + dt.timedelta(seconds=1))
    subscriber.refresh_from_db()
    assert subscriber.suspended_at is not None
    assert Delivery.objects.get().state == DeliveryState.DROPPED
    assert AuditEvent.objects.filter(action=Action.FOLLOW_SUSPENDED).count() == 1
    # A new confirmation by the owner lifts the suspension.
    monkeypatch.undo()
    follow(cast.b, email="hong@example.vn")
    assert Subscriber.objects.get().suspended_at is None


def test_an_english_follower_gets_the_closing_time_in_english(
    cast, follow, make_disclosure, django_capture_on_commit_callbacks
):
    follow(cast.a, language="en")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_disclosure(state="published", published_on=timezone.localdate() - dt.timedelta(days=1))
    (message,) = mail.outbox
    assert "24:00 on" in message.body and "24 giờ 00" not in message.body


def test_closing_soon_is_noted_once(cast, follow, make_disclosure, django_capture_on_commit_callbacks):
    disclosure = make_disclosure(state="published", published_on=timezone.localdate() - dt.timedelta(days=1))
    follow(cast.a)
    mail.outbox.clear()
    almost = disclosure.window_ends_at - dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert events.note_closing_postings(now=almost) == 1
        assert events.note_closing_postings(now=almost) == 0
    (message,) = mail.outbox
    assert "sắp kết thúc" in message.subject.lower() and disclosure.window_closing_text in message.body


def test_feeds_of_consultations_and_decisions(cast, client, make_consultation):
    consultation = make_consultation(opened_on=timezone.localdate(), title="Dự thảo <b>quy chế</b>")
    make_consultation(cast.agency_a, opened_on=timezone.localdate(), title="Nội bộ cơ quan")
    for name in ["follow:consultations_rss", "follow:consultations_atom"]:
        response = client.get(reverse(name, args=[cast.a.code]))
        text = response.content.decode()
        assert response.status_code == 200 and "Dự thảo quy chế" in text and "Nội bộ" not in text
        assert consultation.closing_text in text
    for name in ["follow:decisions_rss", "follow:decisions_atom"]:
        assert client.get(reverse(name, args=[cast.a.code])).status_code == 200
    assert client.get(reverse("follow:decisions_rss", args=["nope"])).status_code == 404


def test_staff_see_their_deadlines_in_the_next_days(cast, client, make_consultation):
    consultation = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=17))
    client.force_login(cast.inspector_a)
    response = client.get(reverse("follow:deadlines"))
    assert response.status_code == 200 and consultation.title in response.content.decode()
    client.force_login(cast.clerk_b)
    assert consultation.title not in client.get(reverse("follow:deadlines")).content.decode()
    client.force_login(cast.clerk_a)
    lines = [
        w
        for w in client.get(reverse("units:workspace")).context["waiting"]
        if w.url == reverse("follow:deadlines")
    ]
    assert len(lines) == 1 and lines[0].count == 1
    client.force_login(cast.reviewer_p)  # the province's deadlines are not the reviewer's to-do
    assert not [
        w
        for w in client.get(reverse("units:workspace")).context["waiting"]
        if w.url == reverse("follow:deadlines")
    ]


def test_board_members_get_their_deadlines_once_a_day(cast, make_consultation):
    from consultations.follow import staff

    cast.inspector_a.email = "btt@example.vn"
    cast.inspector_a.save()
    consultation = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=17))
    assert staff.send_inspector_deadlines() == 1
    assert staff.send_inspector_deadlines() == 0
    (message,) = mail.outbox
    assert message.to == ["btt@example.vn"] and consultation.closing_text in message.body


def test_hidden_feedback_cannot_be_followed(cast, make_disclosure):
    disclosure = make_disclosure(state="published", published_on=timezone.localdate() - dt.timedelta(days=1))
    feedback = disclosure_actions.add_feedback(disclosure, text="Nội dung vi phạm")
    disclosure_actions.hide_feedback(feedback, by=cast.clerk_a, reason="Xúc phạm")
    from consultations.follow import targets

    assert targets.get("feedback").find(str(feedback.pk)) is None
    assert Feedback.objects.filter(pk=feedback.pk).exists()


def test_a_robot_filling_the_hidden_field_is_answered_the_same_and_dropped(cast, client):
    url = reverse("follow:board", args=[cast.a.code])
    response = client.post(
        url, {"email": "robot@example.vn", "frequency": "daily", "language": "vi", "website": "http://spam"}
    )
    assert response.status_code == 302 and response.url == reverse("follow:requested")
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_the_answer_to_ones_own_petition_and_never_an_agencys(
    cast, client, django_capture_on_commit_callbacks
):
    from consultations.petitions import actions as petition_actions

    petition = petition_actions.send_petition(cast.a, text="Đèn đường thôn Đồng Bông hỏng đã hai tuần.")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            links.mine_url("petition", petition.pk),
            {"email": "kien@example.vn", "frequency": "immediate", "language": "vi"},
        )
    assert response.status_code == 302
    (confirmation,) = mail.outbox
    client.post(links_in(confirmation, "confirm")[0])
    with django_capture_on_commit_callbacks(execute=True):
        petition_actions.answer_petition(petition, by=cast.clerk_a, text="Đã thay bóng đèn ngày 02/12.")
    answer = mail.outbox[-1]
    assert answer.to == ["kien@example.vn"] and "Đã thay bóng đèn ngày 02/12." in answer.body
    assert Event.objects.get(kind=EventKind.ANSWERED).target_id == petition.pk
    # An agency's petition is internal: no link to follow it opens.
    internal = petition_actions.send_petition(cast.agency_a, text="Máy in hỏng", by=cast.staff_agency_a)
    assert client.get(links.mine_url("petition", internal.pk)).status_code in (400, 404)


def test_an_address_refused_for_good_is_suspended_at_once(
    cast, follow, make_disclosure, monkeypatch, django_capture_on_commit_callbacks
):
    follow(cast.a, email="khong-co@example.vn")
    follow(cast.a, email="co-that@example.vn")
    mail.outbox.clear()
    from django.core.mail.message import EmailMessage

    send = EmailMessage.send

    def refuse_one(self, fail_silently=False):  # a 5xx: no such mailbox
        if self.to == ["khong-co@example.vn"]:
            raise smtplib.SMTPRecipientsRefused({self.to[0]: (550, b"5.1.1 no such user")})
        return send(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", refuse_one)
    with django_capture_on_commit_callbacks(execute=True):
        make_disclosure(state="published", published_on=timezone.localdate() - dt.timedelta(days=1))
    refused = Subscriber.objects.get(email="khong-co@example.vn")
    assert refused.suspended_at is not None and refused.failures == 1 and "550" in refused.last_error
    assert Delivery.objects.get(subscriber=refused).state == DeliveryState.DROPPED
    assert Delivery.objects.get(subscriber__email="co-that@example.vn").state == DeliveryState.SENT
    assert [m.to for m in mail.outbox] == [["co-that@example.vn"]]
    assert AuditEvent.objects.filter(action=Action.FOLLOW_SUSPENDED).count() == 1


def test_a_server_in_trouble_blames_no_address_and_the_mails_wait(
    cast, follow, settings, make_disclosure, monkeypatch, django_capture_on_commit_callbacks
):
    """The connection drops after the first mail: that one is sent, the others go back to pending with
    no failure counted against their addresses, and the next run sends them, each once."""
    settings.FOLLOW_RETRY_MINUTES = 30
    for n in range(3):
        follow(cast.a, email=f"ban{n}@example.vn", frequency="daily")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_disclosure(state="published", published_on=timezone.localdate())
    from django.core.mail.message import EmailMessage

    send = EmailMessage.send

    def drop_after_one(self, fail_silently=False):
        if mail.outbox:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return send(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", drop_after_one)
    with pytest.raises(dispatch.ServerTrouble):
        dispatch.send_digests()
    assert len(mail.outbox) == 1
    states = sorted(Delivery.objects.values_list("state", flat=True))
    assert states == [DeliveryState.PENDING, DeliveryState.PENDING, DeliveryState.SENT]
    assert not Subscriber.objects.filter(failures__gt=0).exists()
    monkeypatch.undo()
    assert dispatch.send_digests() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ban0@example.vn", "ban1@example.vn", "ban2@example.vn"]
    assert dispatch.send_digests() == 0


def test_the_back_off_comes_from_the_settings(settings):
    settings.FOLLOW_RETRY_MINUTES = 15
    assert [actions.backoff(n) for n in (1, 2, 3)] == [dt.timedelta(minutes=m) for m in (15, 30, 60)]


def test_an_agency_consultation_posted_on_the_board_reaches_the_boards_followers(
    cast, follow, make_consultation, django_capture_on_commit_callbacks
):
    """Posted while open: the commune board's followers hear at the decision; posted before it opens:
    at the opening (once each), as for a commune's consultation."""
    from tests.conftest import make_user
    from units.models import Role

    head = make_user("head_agency_a", Role.APPROVER, agency=cast.agency_a)
    follow(cast.a, email="dan@example.vn")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        running = make_consultation(cast.agency_a, opened_on=timezone.localdate() - dt.timedelta(days=1))
    assert not Event.objects.exists()  # internal so far: its staff only
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        consultation_actions.post_on_board(running, by=head, decision="Ý kiến của Chánh Văn phòng")
    (message,) = mail.outbox
    assert message.to == ["dan@example.vn"] and running.title in message.subject
    assert Event.objects.get(kind=EventKind.CONSULTATION_OPENED).board == cast.a

    draft = make_consultation(cast.agency_a, title="Dự thảo Nội quy cơ quan")
    with django_capture_on_commit_callbacks(execute=True):
        consultation_actions.post_on_board(draft, by=head, decision="Ý kiến của Chánh Văn phòng")
    assert Event.objects.count() == 1  # not open yet: nothing to tell
    mail.outbox.clear()
    from tests.consultations.conftest import attach_draft

    attach_draft(draft)
    with django_capture_on_commit_callbacks(execute=True):
        consultation_actions.open_consultation(draft, by=head)
    assert "dan@example.vn" in [m.to[0] for m in mail.outbox]
    assert Event.objects.filter(kind=EventKind.CONSULTATION_OPENED).count() == 2
