"""The audit trail: one row per act, written by the act's write function inside its transaction.

    record(disclosure, by=request.user, action=Action.PUBLISHED, changes={...}, note=reason)

Nothing here commits on its own: a write that fails rolls its audit row back with it. Ballot choices,
passwords and codes are never written into `changes`.
"""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist

from . import changes as changes_module
from .models import Action, AuditEvent


def plain(value):
    """A JSON-safe value for `changes` (dates as ISO strings, model instances as their text)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _actor(by):
    return by if by is not None and by.is_authenticated else None


def actor_name(user) -> str:
    """The name an audit row keeps of its actor, as it was at the time of the act."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _label(obj) -> str:
    return str(obj)[:300]


def record(obj, *, by, action: Action | str, changes: dict | None = None, note: str = "") -> AuditEvent:
    """One audit row for one act on `obj` by `by` (None: the system, or an anonymous citizen). The
    owner of `obj` is marked as changed (`democracy.changes`): the one place every write goes through."""
    changes_module.mark([obj])
    return AuditEvent.objects.create(
        target_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        target_id=obj.pk,
        target_label=_label(obj),
        actor=_actor(by),
        actor_name=actor_name(_actor(by)),
        action=Action(action),
        changes=plain(changes or {}),
        note=note,
    )


def record_many(objs: Iterable, *, by, action: Action | str, changes=None, note: str = "", at=None) -> int:
    """One row per object for the same act (a job closing a batch), in one statement. `changes` is a
    dict for all of them or a function of the object. No `target_label`: the batches act on published
    objects, which are never deleted, and naming each would cost a query per row."""
    objs = list(objs)
    if not objs:
        return 0
    changes_module.mark(objs)
    extra = {"at": at} if at is not None else {}
    content_type = ContentType.objects.get_for_model(objs[0], for_concrete_model=False)
    actor, name = _actor(by), actor_name(_actor(by))
    rows = [
        AuditEvent(
            target_type=content_type,
            target_id=obj.pk,
            actor=actor,
            actor_name=name,
            action=Action(action),
            changes=plain((changes(obj) if callable(changes) else changes) or {}),
            note=note,
            **extra,
        )
        for obj in objs
    ]
    return len(AuditEvent.objects.bulk_create(rows))


def trail(obj) -> list[AuditEvent]:
    """The object's trail, oldest first, each row with `fields` (what changed, in words)
    for the staff page's `democracy/_audit.html`."""
    events = list(AuditEvent.objects.of(obj))
    for event in events:
        event.fields = describe_changes(type(obj), event)
    return events


def describe_changes(model, event) -> str:
    """What an audit row changed, in words: the fields of an edit, the names of documents."""
    if event.action == Action.DOCUMENTS_ADDED:
        return ", ".join(event.changes.get("documents", []))
    if event.action == Action.DOCUMENT_REMOVED:
        return event.changes.get("document", "")
    if event.action != Action.EDITED:
        return ""
    names = []
    for name in event.changes:
        try:
            names.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:  # a field renamed since the event was written
            names.append(name)
    return ", ".join(names)
