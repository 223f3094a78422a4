"""Notifications by e-mail, sent once each.

Every notification has a key naming what it is about ("report-soon:u12:2026-H1", "disclosure-deadline:
345"). `send_once` claims the key in `Notice` (unique) before sending, so a second run of a job, or two
workers at once, send nothing more; a job that missed a day sends on its next run (it selects "due and
not yet sent", never "due today"). Bodies are templates, rendered in the portal's language.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import Notice


def site_url() -> str:
    """The portal's address for links in e-mails (there is no request to build them from): SITE_URL if
    the settings have one, otherwise the first host of ALLOWED_HOSTS (https unless DEBUG)."""
    configured = getattr(settings, "SITE_URL", "")
    if configured:
        return configured.rstrip("/")
    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    host = hosts[0] if hosts else "localhost"
    return f"http://{host}:8000" if settings.DEBUG else f"https://{host}"


def absolute(path: str) -> str:
    return site_url() + path


def claim(key: str, *, recipients: int = 0) -> bool:
    """Takes the notice `key`; False if it was already taken (sent by an earlier or concurrent run)."""
    try:
        with transaction.atomic():
            Notice.objects.create(key=key, recipients=recipients)
        return True
    except IntegrityError:
        return False


def already_sent(keys) -> set[str]:
    """The keys among `keys` that were sent (one query, for jobs that look at many at once)."""
    keys = list(keys)
    if not keys:
        return set()
    return set(Notice.objects.filter(key__in=keys).values_list("key", flat=True))


def send(subject: str, template: str, context: dict, to: list[str]) -> None:
    """Render `template` in the portal's language and send it (no done-marker: see `send_once`)."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, context)
        subject = " ".join(str(subject).split())
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def send_once(key: str, subject: str, template: str, context: dict, to: list[str]) -> bool:
    """Send the notification `key` unless it was sent before; False if there was nobody to send it to
    or it had been sent. Claimed before sending: a failure to send is not retried (a lost e-mail is
    better than the same e-mail every night)."""
    to = sorted(set(to))
    if not to or not claim(key, recipients=len(to)):
        return False
    send(subject, template, context, to)
    return True
