"""Owner-level change markers (`OwnerChange`): which commune or agency had something written, and when.

Every write function writes its audit row through `democracy.audit.record` / `record_many`, in its
transaction; they call `mark(objs)` here. An object's owner is found from its model alone: its own
`unit` / `agency` fields, or those of the object it points to (a feedback → its disclosure, a task →
its plan), at most two steps away; a unit marks itself and its parent (a village → its commune), an
agency itself. A marker is inserted at once (atomic with the write) and again when the transaction
commits (a reader that computed from the rows before the commit saw the first marker's time before its
own start, so the second, later one tells it its figures are stale). Markers are only inserted, so
writes to one owner never wait on each other's marker; `prune` drops those no reader needs.

This layer knows nothing of who reads the markers (reports' stored dashboard figures).
"""

from collections.abc import Iterable
from functools import cache

from django.db import transaction
from django.db.models import ForeignKey, OneToOneField
from django.utils import timezone

from .models import OwnerChange

SELF_UNIT = "units.administrativeunit"
SELF_AGENCY = "units.agency"


def _owner_fields(model) -> tuple[bool, bool]:
    names = {f.name for f in model._meta.concrete_fields}
    return "unit" in names, "agency" in names


@cache
def owner_path(model) -> tuple[str, bool, bool] | None:
    """(prefix, has unit, has agency) leading from `model` to the fields naming its owner, or None when
    no owner is within two steps (a user, a subscription)."""
    label = model._meta.label_lower
    if label in (SELF_UNIT, SELF_AGENCY):
        return "", label == SELF_UNIT, label == SELF_AGENCY
    frontier = [("", model)]
    for _depth in range(3):
        following = []
        for prefix, current in frontier:
            unit, agency = _owner_fields(current)
            if unit or agency:
                return prefix, unit, agency
            for field in current._meta.concrete_fields:
                if isinstance(field, ForeignKey | OneToOneField) and field.related_model is not current:
                    following.append((f"{prefix}{field.name}__", field.related_model))
        frontier = following
    return None


def owner_keys(objs: Iterable) -> set[str]:
    """The markers' keys of the owners of `objs` (saved objects of one model): one query."""
    objs = [obj for obj in objs if obj is not None and obj.pk is not None]
    if not objs:
        return set()
    model = type(objs[0])._meta.concrete_model
    path = owner_path(model)
    if path is None:
        return set()
    prefix, has_unit, has_agency = path
    label = model._meta.label_lower
    if label == SELF_UNIT:
        columns = ["pk", "parent_id"]
    elif label == SELF_AGENCY:
        columns = ["pk"]
    else:
        columns = []
        if has_unit:
            columns += [f"{prefix}unit_id", f"{prefix}unit__parent_id"]
        if has_agency:
            columns.append(f"{prefix}agency_id")
    rows = model._base_manager.filter(pk__in=[obj.pk for obj in objs]).values_list(*columns).distinct()
    keys = set()
    for row in rows:
        if label == SELF_AGENCY:
            keys.add(f"a{row[0]}")
            continue
        values = dict(zip(columns, row, strict=True))
        agency = values.get(f"{prefix}agency_id")
        if agency:
            keys.add(f"a{agency}")
        for column in columns:
            if column.endswith(("unit_id", "parent_id", "pk")) and "agency" not in column and values[column]:
                keys.add(f"u{values[column]}")
    return keys


def touch(keys: Iterable[str]) -> None:
    """Insert a marker for each of `keys` with the time now (one statement, no lock on a shared row)."""
    keys = sorted(set(keys))
    if not keys:
        return
    now = timezone.now()
    OwnerChange.objects.bulk_create([OwnerChange(key=key, changed_at=now) for key in keys])


def prune(before) -> int:
    """Drop the markers older than `before` (a reader keeps nothing computed before it); how many."""
    deleted, _ = OwnerChange.objects.filter(changed_at__lt=before).delete()
    return deleted


def mark(objs: Iterable) -> set[str]:
    """Mark the owners of `objs` as changed now, and again when the transaction commits."""
    keys = owner_keys(objs)
    if keys:
        touch(keys)
        transaction.on_commit(lambda: touch(keys))
    return keys
