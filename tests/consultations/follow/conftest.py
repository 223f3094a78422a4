import re

import pytest
from django.core import mail

from consultations.follow import actions
from consultations.follow.models import Subscription
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)

LINK = re.compile(r"https?://[^/\s]+(/follow/(confirm|unsubscribe)/[^/\s]+/)")


def links_in(message, kind: str) -> list[str]:
    """The paths of the `kind` links in a mail's plain text, in order."""
    return [m.group(1) for m in LINK.finditer(message.body) if m.group(2) == kind]


@pytest.fixture
def follow(django_capture_on_commit_callbacks):
    """follow(target, email, frequency="immediate", language="vi"): request and confirm through the
    confirmation mail's link, as the owner of the address does. Returns the active subscription."""

    def run(target, email="dan@example.vn", frequency="immediate", language="vi", client=None):
        from django.test import Client

        client = client or Client()
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            actions.request_follow(email=email, target=target, frequency=frequency, language=language)
        confirmation = mail.outbox[before]
        (path,) = links_in(confirmation, "confirm")
        response = client.post(path)
        assert response.status_code == 200, response.content[:500]
        subscription = Subscription.objects.get(subscriber__email=email, target_id=target.pk)
        assert subscription.state == "active"
        return subscription

    return run
