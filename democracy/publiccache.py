"""The public pages, served from a cache and reusable by browsers and proxies (issue 16).

A citizen's page (a commune's board, its archive, a disclosure, a consultation, a unit, the API lists)
is the same for every anonymous visitor in one language. It is rendered once and kept in the `public`
cache under a key made of its address, its language and the *versions* of what it shows:

- the version of its owner (a commune, `unit:<code>`; an agency, `agency:<code>`), which every write
  function changing what a public page shows bumps by calling `changed(owner)` in its transaction (at
  once and again on commit, so a page rendered from the old rows is never served after the commit);
- the global version (`changed(None)`), for changes seen everywhere (the catalogue, a unit renamed).

The admin and the imports write such data too: `democracy.admin.ShownToThePublic` (the catalogue, the
calendar, units and agencies) calls `changed()` when the admin saves or deletes, and
`units.imports.base.ImportResource.after_import` when an import commits (a village: its own page and
its commune's; never for a preview).

A page also stays only until the next moment its content changes by itself: the view says when
(`valid_until(request, moment)`: the end of the first window on the board), and every page is
renewed at local midnight (days left) and after `PUBLIC_CACHE_SECONDS` at most. So a window that
ends is never shown open after its end, even before the closing job has run.

Only a visitor with no session (no session or messages cookie) is served from the cache; a member of
staff, or a citizen whose session remembers what they sent (democracy.sent), always gets a fresh,
private page. A response that sets a cookie, is not a 200 or says `private`/`no-cache` is never stored.
Browsers and proxies get `Cache-Control: public, max-age=…` (`PUBLIC_MAX_AGE`, never past the page's
next change), an `ETag` and `Last-Modified`, and a 304 on a repeat.

Pages opt in by URL name: `register("disclosures:board", by_unit_code)` (each app in its AppConfig.ready);
`PublicCacheMiddleware` does the rest.
"""

import hashlib
import uuid
from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

VERSION = "pc:v:"
PAGE = "pc:p:"
OWNER = "pc:o:"
GLOBAL = "all"

_registry: dict = {}


def cache():
    return caches[getattr(settings, "PUBLIC_CACHE_ALIAS", "default")]


# --- Invalidation ---------------------------------------------------------------------------------


def owner_key(owner) -> str:
    """`unit:<code>`, `agency:<code>`, or the global key for None."""
    if owner is None:
        return GLOBAL
    if isinstance(owner, str):
        return owner
    return f"{owner._meta.model_name.replace('administrativeunit', 'unit')}:{owner.code}"


def changed(*owners) -> None:
    """What these owners show the public has changed (`changed(None)`: everything): their cached pages
    are rendered again. Every write function that changes a public page calls it inside its
    `transaction.atomic()`. An owner is a unit, an agency or a key (`"unit:<code>"`).

    The versions move twice: at once, and again when the transaction commits. A page another request
    renders in between (from the rows before the commit) is stored under the first new version and is
    never served after the commit; a write rolled back costs one needless rendering, nothing stale.
    More than `PUBLIC_CACHE_MAX_OWNERS` owners at once bump the global version instead."""
    if not owners:
        return
    keys = {VERSION + owner_key(owner) for owner in owners}
    if len(keys) > getattr(settings, "PUBLIC_CACHE_MAX_OWNERS", 100):
        keys = {VERSION + GLOBAL}  # a batch over many owners (a job): every page, one version to bump

    def bump():
        cache().set_many({key: uuid.uuid4().hex[:16] for key in keys}, None)

    bump()
    transaction.on_commit(bump)


def _versions(keys: list[str]) -> list[str]:
    store = cache()
    found = store.get_many([VERSION + k for k in keys])
    versions = []
    for k in keys:
        v = found.get(VERSION + k)
        if v is None:
            store.add(VERSION + k, uuid.uuid4().hex[:16], None)
            v = store.get(VERSION + k, "")
        versions.append(v)
    return versions


# --- What a page says of its own lifetime -----------------------------------------------------------


def valid_until(request, moment) -> None:
    """The page rendered for this request changes by itself at `moment` (a window's end): keep it no
    longer. Views call it for each such moment on the page; the earliest counts."""
    if moment is None:
        return
    current = getattr(request, "_public_until", None)
    if current is None or moment < current:
        request._public_until = moment


def _expires(request, now: datetime) -> datetime:
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    midnight = timezone.make_aware(datetime.combine(tomorrow, time.min))
    candidates = [now + timedelta(seconds=settings.PUBLIC_CACHE_SECONDS), midnight]
    if (until := getattr(request, "_public_until", None)) is not None:
        # A window "ends at" its last instant (is_open: moment <= end): the page changes just after it.
        candidates.append(max(until + timedelta(seconds=1), now))
    return min(candidates)


# --- Registry ----------------------------------------------------------------------------------------


def register(url_name: str, owner_of) -> None:
    """Serve the page named `url_name` from the cache; `owner_of(**url_kwargs)` tells the owner key of
    the page (`by_unit_code` for `units/<code>/…`), or None when the page is not to be cached."""
    _registry[url_name] = owner_of


def by_unit_code(code=None, **kwargs):
    return f"unit:{code}"


def by_object(model, unit_field="unit__code"):
    """The owner key of the object in the address (`pk`, or the first integer argument), remembered in
    the cache: an object never changes owner. None for an agency's (never public) or a missing one."""
    label = model._meta.label_lower

    def owner_of(**kwargs):
        pk = kwargs.get("pk") or next((v for v in kwargs.values() if isinstance(v, int)), None)
        if pk is None:
            return None
        key = f"{OWNER}{label}:{pk}"
        code = cache().get(key)
        if code is None:
            code = model.objects.filter(pk=pk).values_list(unit_field, flat=True).first() or ""
            if code:
                cache().set(key, code, None)
        return f"unit:{code}" if code else None

    return owner_of


def global_only(**kwargs):
    return GLOBAL


# --- The middleware ------------------------------------------------------------------------------------


def anonymous(request) -> bool:
    """No session, no pending message: the visitor sees what every anonymous visitor sees."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _public_headers(response, expires: datetime, now: datetime, etag: str, modified: float):
    max_age = max(0, min(settings.PUBLIC_MAX_AGE, int((expires - now).total_seconds())))
    response["Cache-Control"] = f"public, max-age={max_age}"
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    # The language comes from a cookie (democracy.middleware.LanguageMiddleware).
    patch_vary_headers(response, ("Cookie",))
    return response


class PublicCacheMiddleware:
    """Answers a registered public page from the cache (or 304), and stores what the view rendered.
    Placed after the language is chosen (LanguageMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        entry = getattr(request, "_public_entry", None)
        if entry is None or getattr(response, "_public_hit", False):
            return response
        key, now = entry
        if not self._storable(request, response):
            return response
        content = response.content
        etag = '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'
        expires = _expires(request, now)
        seconds = int((expires - now).total_seconds())
        if seconds > 0:
            cache().set(
                key,
                {
                    "content": content,
                    "type": response["Content-Type"],
                    "etag": etag,
                    "modified": now.timestamp(),
                    "expires": expires.timestamp(),
                },
                seconds,
            )
        _public_headers(response, expires, now, etag, now.timestamp())
        return get_conditional_response(request, etag=etag, response=response) or response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or not anonymous(request):
            return None
        match = request.resolver_match
        owner_of = _registry.get(match.view_name) if match else None
        if owner_of is None:
            return None
        owner = owner_of(**view_kwargs)
        if owner is None:
            return None
        keys = [GLOBAL] if owner == GLOBAL else [GLOBAL, owner]
        versions = _versions(keys)
        raw = "\n".join([translation.get_language(), request.get_full_path(), *keys, *versions])
        key = PAGE + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
        now = timezone.now()
        hit = cache().get(key)
        # Never older than PUBLIC_CACHE_SECONDS, even if the setting was lowered since it was stored.
        if (
            hit is None
            or min(hit["expires"], hit["modified"] + settings.PUBLIC_CACHE_SECONDS) <= now.timestamp()
        ):
            request._public_entry = (key, now)
            return None
        expires = datetime.fromtimestamp(hit["expires"], tz=UTC)
        response = HttpResponse(hit["content"], content_type=hit["type"])
        response._public_hit = True
        request._public_entry = (key, now)
        _public_headers(response, expires, now, hit["etag"], hit["modified"])
        return (
            get_conditional_response(
                request, etag=hit["etag"], last_modified=int(hit["modified"]), response=response
            )
            or response
        )

    @staticmethod
    def _storable(request, response) -> bool:
        if response.status_code != 200 or response.cookies or response.streaming:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page carries a CSRF token: it is this visitor's own
        control = response.get("Cache-Control", "")
        return not any(word in control for word in ("private", "no-cache", "no-store"))
