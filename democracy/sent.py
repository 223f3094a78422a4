"""What a citizen sent from this browser: questions and comments remembered in their session by pk, so
the page can confirm the one just sent (where the form was) and list their own pending ones to them —
and to nobody else. Nothing here is an account: a new browser, or a cleared session, forgets it all.

`kind` names a list ("disclosures.feedback", "consultations.comment"); each keeps the latest
`KEEP` pks. A page that shows a session's own items must not be cached for others (`private_page`)."""

from django.utils.cache import add_never_cache_headers

KEEP = 50


def _key(kind: str) -> str:
    return f"sent:{kind}"


def remember(request, kind: str, pk: int) -> None:
    """Remember `pk` as sent from this session, and as the one just sent (shown once)."""
    pks = [p for p in request.session.get(_key(kind), []) if p != pk]
    request.session[_key(kind)] = [*pks, pk][-KEEP:]
    request.session[f"{_key(kind)}:just"] = pk


def remembered(request, kind: str) -> list[int]:
    """The pks this session sent, oldest first (without creating a session for a mere reader)."""
    if not request.session.session_key and not request.session.modified:
        return []
    return [p for p in request.session.get(_key(kind), []) if isinstance(p, int)]


def take_just_sent(request, kind: str) -> int | None:
    """The pk just sent, once: the next visit shows the form again."""
    if not request.session.session_key:
        return None
    return request.session.pop(f"{_key(kind)}:just", None)


def private_page(response):
    """A page showing a session's own items is never stored by a shared cache (Django's never-cache
    headers include `private`)."""
    add_never_cache_headers(response)
    return response
