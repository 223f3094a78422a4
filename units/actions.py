"""Writes to villages and agencies made by a commune's staff, and to staff accounts' enrolment: one
function each, one audit row.

(Units, agencies and staff accounts are loaded by `load_units` and the admin's imports, which keep
their own log; the reporting regime's changes are audited by its admin page.)"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from democracy.audit import record, record_many
from democracy.models import Action

from .models import AdministrativeUnit, Agency, EnrolmentLink, Level


def _apply(obj, fields: dict) -> dict:
    """Set `fields` on `obj` and return what changed, compared with the row as stored (a ModelForm has
    already put the new values on the instance), under a row lock."""
    stored = type(obj).objects.select_for_update().filter(pk=obj.pk).values(*fields).get()
    changes = {}
    for name, value in fields.items():
        old = stored[name]
        if old != value:
            changes[name] = [old, value]
            setattr(obj, name, value)
    return changes


@transaction.atomic
def update_village(village: AdministrativeUnit, *, by, name: str, type: str, households: int) -> dict:
    """The village's name, type and number of households (the denominator of its decisions)."""
    if village.level != Level.VILLAGE:
        raise ValidationError(_("Chỉ sửa được thôn, tổ dân phố ở đây."))
    changes = _apply(village, {"name": name, "type": type, "households": households})
    if changes:
        village.save(update_fields=list(changes))
        record(village, by=by, action=Action.EDITED, changes=changes)
    return changes


@transaction.atomic
def update_agency(agency: Agency, *, by, name: str, kind: str, staff_count: int) -> dict:
    """The agency's name, kind and number of staff (the denominator of its staff decisions)."""
    changes = _apply(agency, {"name": name, "kind": kind, "staff_count": staff_count})
    if changes:
        agency.save(update_fields=list(changes))
        record(agency, by=by, action=Action.EDITED, changes=changes)
    return changes


@transaction.atomic
def deactivate_accounts(users, *, by) -> int:
    """Stop accounts from signing in. An account that has acted is never deleted (its audit rows name
    it): it is deactivated, and its memberships stay as the record of what it could do."""
    active = get_user_model().objects.filter(pk__in=[u.pk for u in users], is_active=True).exclude(pk=by.pk)
    users = list(active.select_for_update())
    active.filter(pk__in=[u.pk for u in users]).update(is_active=False)
    record_many(users, by=by, action=Action.ACCOUNT_DEACTIVATED)
    return len(users)


# --- Enrolment: a first password and the authenticator, through a link given out of band -----------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def issue_enrolment_link(user, *, by, now=None) -> str:
    """A new single-use enrolment link for `user`, valid for settings.ENROLMENT_LINK_HOURS. Returns its
    token, which is never stored (only its hash); the user's earlier unused links stop working."""
    if not user.is_active:
        raise ValidationError(_("Tài khoản đã bị khóa: không cấp được đường dẫn kích hoạt."))
    now = now or timezone.now()
    EnrolmentLink.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    link = EnrolmentLink.objects.create(
        user=user,
        token_hash=_token_hash(token),
        issued_by=by if by is not None and by.is_authenticated else None,
        issued_at=now,
        expires_at=now + timedelta(hours=settings.ENROLMENT_LINK_HOURS),
    )
    record(user, by=by, action=Action.ENROLMENT_LINK_ISSUED, changes={"expires_at": link.expires_at})
    return token


def usable_enrolment_link(token: str, now=None) -> EnrolmentLink | None:
    """The unused, unexpired link of an active account with this token, else None."""
    now = now or timezone.now()
    return (
        EnrolmentLink.objects.select_related("user")
        .filter(token_hash=_token_hash(token), used_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .first()
    )


@transaction.atomic
def enrol(link: EnrolmentLink, *, password: str, device: TOTPDevice, now=None) -> None:
    """Use up the link (compare-and-set: once), set the account's password and confirm the authenticator
    its holder has just proven with a code; any other authenticator of the account is removed (a lost
    phone is replaced by asking for a new link)."""
    now = now or timezone.now()
    used = EnrolmentLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now
    )
    if not used:
        raise ValidationError(_("Đường dẫn kích hoạt đã được dùng hoặc đã hết hạn."))
    user = link.user
    user.set_password(password)
    user.save(update_fields=["password"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record(user, by=user, action=Action.ENROLLED, changes={"link_issued_at": link.issued_at})
