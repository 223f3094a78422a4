"""Writes to villages and agencies made by a commune's staff: one function each, one audit row.

(Units, agencies and staff accounts are loaded by `load_units` and the admin's imports, which keep
their own log; the reporting regime's changes are audited by its admin page.)"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from democracy.audit import record
from democracy.models import Action

from .models import AdministrativeUnit, Agency, Level


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
    users = [u for u in users if u.is_active and u.pk != by.pk]
    for user in users:
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(user, by=by, action=Action.ACCOUNT_DEACTIVATED)
    return len(users)
