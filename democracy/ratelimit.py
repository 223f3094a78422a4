"""Small per-client rate limits on the shared Django cache (Redis in production, so every web process
counts together), and the one way the portal tells a client's network address.

The client is its address (`client_address`), hashed with the secret key so no address is kept in the
cache. Behind a reverse proxy every request comes from the proxy: list the proxy's addresses in
settings.TRUSTED_PROXIES and the client is read from X-Forwarded-For — only the part those proxies
wrote, from the right, since any client can write the rest. django-axes uses the same function
(AXES_CLIENT_IP_CALLABLE).
"""

import hashlib
import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache


@lru_cache(maxsize=4)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _ip(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's network address: REMOTE_ADDR, unless that is a trusted proxy; then the right-most
    address in X-Forwarded-For that is not a trusted proxy (the one the outermost trusted proxy saw)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    remote_ip = _ip(remote)
    if not networks or remote_ip is None or not any(remote_ip in n for n in networks):
        return remote
    forwarded = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for entry in reversed(forwarded):
        ip = _ip(entry)
        if ip is None:
            return remote  # a malformed hop: fall back to the proxy rather than trust the text
        if not any(ip in n for n in networks):
            return str(ip)
    return str(_ip(forwarded[0])) if forwarded else remote


def client_key(request) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}|{client_address(request)}".encode()).hexdigest()[:32]


def _key(scope: str, who: str, period: int) -> str:
    return f"ratelimit:{scope}:{who}:{int(time.time() // period)}"


def hit(request, scope: str, *, limit: int, period: int = 3600) -> bool:
    """Count one attempt of this client in the current period; False once it is over `limit`.

    A fixed window (the counter starts again every `period` seconds): simple, one cache round trip
    or two, and good enough to stop a script from flooding a notice board.
    """
    key = _key(scope, client_key(request), period)
    # add() is a no-op if the key exists; incr() is atomic on Redis and on the local-memory cache.
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=period)
        count = 1
    return count <= limit


def exhausted(request, scope: str, *, limit: int, period: int = 3600) -> bool:
    """Whether this client has already used up `limit` attempts in the current period (counts nothing:
    for limits that count only failures, checked before the attempt)."""
    return (cache.get(_key(scope, client_key(request), period)) or 0) >= limit


def retry_after(period: int = 3600) -> int:
    """Seconds until the current window ends (the Retry-After of a 429)."""
    return max(1, int(period - time.time() % period))


def feedback_allowed(request) -> bool:
    return hit(request, "feedback", limit=settings.FEEDBACK_PER_HOUR)
