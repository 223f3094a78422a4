"""The citizen's own link to a petition: signed, so it cannot be guessed from the reference number, and
expiring. It is shown once on the confirmation page (and can be written down); it leads to the answer and
to the rating form. No account, no e-mail needed."""

from django.core import signing
from django.urls import reverse

SALT = "petitions.track"
MAX_AGE = 400 * 24 * 3600  # over a year: an answer may take weeks, a rating may come later


def token_for(petition) -> str:
    return signing.dumps(petition.pk, salt=SALT)


def url_for(petition) -> str:
    return reverse("petitions:track", args=[token_for(petition)])


def pk_from(token: str) -> int | None:
    try:
        pk = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return pk if isinstance(pk, int) else None
