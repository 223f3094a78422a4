"""Every link in a follow mail is signed and expires (`django.core.signing`, each kind its own salt):

- confirm: the subscription and its nonce (a second click finds the nonce gone: the link works once);
- unsubscribe: one subscription, or (`all`) every subscription of an address, for a digest's header;
- mine: the right to follow one's own question or comment, given on the page that confirmed it.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from democracy.notify import absolute

CONFIRM_SALT = "follow.confirm"
UNSUBSCRIBE_SALT = "follow.unsubscribe"
MINE_SALT = "follow.mine"


def confirm_token(subscription, *, language: str, frequency: str) -> str:
    payload = {"s": subscription.pk, "n": subscription.nonce, "l": language, "f": frequency}
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirm(token: str) -> dict | None:
    return _loads(token, CONFIRM_SALT, settings.FOLLOW_CONFIRM_MAX_AGE)


def unsubscribe_token(*, subscription=None, subscriber=None) -> str:
    payload = {"s": subscription.pk} if subscription is not None else {"a": subscriber.pk}
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe(token: str) -> dict | None:
    return _loads(token, UNSUBSCRIBE_SALT, settings.FOLLOW_LINK_MAX_AGE)


def mine_token(kind: str, pk: int) -> str:
    return signing.dumps({"k": kind, "id": pk}, salt=MINE_SALT)


def read_mine(token: str) -> dict | None:
    return _loads(token, MINE_SALT, settings.FOLLOW_MINE_MAX_AGE)


def mine_url(kind: str, pk: int) -> str:
    return reverse("follow:mine", args=[mine_token(kind, pk)])


def confirm_url(subscription, *, language: str, frequency: str) -> str:
    token = confirm_token(subscription, language=language, frequency=frequency)
    return absolute(reverse("follow:confirm", args=[token]))


def unsubscribe_url(*, subscription=None, subscriber=None) -> str:
    token = unsubscribe_token(subscription=subscription, subscriber=subscriber)
    return absolute(reverse("follow:unsubscribe", args=[token]))


def unsubscribe_url_around() -> tuple[str, str]:
    """What comes before and after the token in `unsubscribe_url` (a signed token is URL-safe text:
    reversing it quotes nothing), to reverse the URL once for many links."""
    marker = "T0KEN"
    before, _marker, after = absolute(reverse("follow:unsubscribe", args=[marker])).rpartition(marker)
    return before, after


def _loads(token: str, salt: str, max_age: int) -> dict | None:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError):  # SignatureExpired is a BadSignature
        return None
    return value if isinstance(value, dict) else None
