"""A small per-client rate limit on the shared Django cache (Redis in production, so every web process
counts together).

The client is its REMOTE_ADDR, hashed with the secret key so no address is kept in the cache. Behind
a reverse proxy, the proxy must set REMOTE_ADDR to the real client (e.g. nginx `real_ip`); we never
read X-Forwarded-For ourselves, since any client can write it.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_key(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}|{address}".encode()).hexdigest()[:32]


def hit(request, scope: str, *, limit: int, period: int = 3600) -> bool:
    """Count one attempt of this client in the current period; False once it is over `limit`.

    A fixed window (the counter starts again every `period` seconds): simple, one cache round trip
    or two, and good enough to stop a script from flooding a notice board.
    """
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{client_key(request)}:{window}"
    # add() is a no-op if the key exists; incr() is atomic on Redis and on the local-memory cache.
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=period)
        count = 1
    return count <= limit


def retry_after(period: int = 3600) -> int:
    """Seconds until the current window ends (the Retry-After of a 429)."""
    return max(1, int(period - time.time() % period))


def feedback_allowed(request) -> bool:
    return hit(request, "feedback", limit=settings.FEEDBACK_PER_HOUR)
