"""Real mail over SMTP to a local sink (aiosmtpd), read back from the sink's maildir: the confirmation
link works once, the unsubscribe link works without logging in, a digest holds the day's events once.

`.ci/run` starts the sink as a process of its own (SMTP_SINK_PORT, SMTP_SINK_DIR); without those, the
test starts aiosmtpd's controller in this process: the mail still goes over a real SMTP connection."""

import email
import mailbox
import os
import re
import socket
from email import policy

import pytest
from django.test import Client
from django.utils import timezone

from consultations.follow import actions, dispatch
from consultations.follow.models import Subscription

pytestmark = [pytest.mark.smtp, pytest.mark.django_db]

LINK = re.compile(r"https?://[^/\s]+(/follow/(confirm|unsubscribe)/[^/\s]+/)")


@pytest.fixture
def sink(tmp_path):
    if os.environ.get("SMTP_SINK_PORT"):
        directory = os.environ["SMTP_SINK_DIR"]
        yield "127.0.0.1", int(os.environ["SMTP_SINK_PORT"]), directory
        return
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Mailbox

    directory = str(tmp_path / "maildir")
    with socket.socket() as probe:  # a free port (the controller checks its server by connecting to it)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Mailbox(directory), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield "127.0.0.1", port, directory
    finally:
        controller.stop()


class Inbox:
    """What the sink delivered to one address (the CI sink may hold other runs' mail)."""

    def __init__(self, directory, address):
        self.directory, self.address = directory, address

    def messages(self):
        box = mailbox.Maildir(self.directory, create=True)
        found = []
        for key in sorted(box.keys()):
            message = email.message_from_bytes(box.get_bytes(key), policy=policy.default)
            if self.address in str(message["To"]):
                found.append(message)
        return sorted(found, key=lambda m: m["Date"].datetime)

    @staticmethod
    def text(message) -> str:
        return message.get_body(preferencelist=("plain",)).get_content()

    @staticmethod
    def html(message) -> str:
        return message.get_body(preferencelist=("html",)).get_content()


def link(message, kind) -> str:
    return next(m.group(1) for m in LINK.finditer(Inbox.text(message)) if m.group(2) == kind)


def test_real_mail_confirm_once_digest_once_unsubscribe_without_login(
    cast, sink, settings, make_disclosure, django_capture_on_commit_callbacks
):
    host, port, directory = sink
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = host, port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    address = f"smtp-{timezone.now().timestamp():.6f}@example.vn"
    inbox = Inbox(directory, address)

    with django_capture_on_commit_callbacks(execute=True):
        actions.request_follow(email=address, target=cast.a, frequency="daily")
    (confirmation,) = inbox.messages()
    assert "Xã Đồng Kỳ" in confirmation["Subject"]
    assert "Xác nhận theo dõi" in Inbox.html(confirmation)
    browser = Client(enforce_csrf_checks=False)
    assert browser.post(link(confirmation, "confirm")).status_code == 200
    assert browser.post(link(confirmation, "confirm")).status_code == 410  # once
    assert Subscription.objects.get(subscriber__email=address).state == "active"

    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        first = make_disclosure(state="published", published_on=today, title="Kế hoạch sử dụng đất năm 2026")
        second = make_disclosure(state="published", published_on=today, title="Dự toán ngân sách năm 2026")
    assert len(inbox.messages()) == 1  # a daily follower: nothing as it happens
    assert dispatch.send_digests() == 1
    assert dispatch.send_digests() == 0  # the job again: no second digest
    confirmation, digest = inbox.messages()
    text = Inbox.text(digest)
    assert text.count(first.title) == 1 and text.count(second.title) == 1
    assert first.window_closing_text in text
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = str(digest["List-Unsubscribe"]).strip("<>")
    path = "/" + header.split("://", 1)[1].split("/", 1)[1]

    # The mail client's one-click unsubscribe: a POST, no session, no CSRF token.
    client = Client(enforce_csrf_checks=True)
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Subscription.objects.get(subscriber__email=address).state == "ended"
