"""Helpers for the demo loaders only (`load_demo_*`): the loaders run every act through the domain
functions in one go, so each audit row would carry the moment of loading; `backdate` puts the rows of
the acts the demo story sets in the past at the time the story gives them, so a trail reads in the
order things happened (created, submitted, published, closed…). Never used outside the demo."""

import datetime as dt

from .models import AuditEvent


def backdate(obj, at: dt.datetime, *actions: str, index: int | None = None) -> int:
    """Move the audit rows of `actions` on `obj` to `at` (only the `index`-th of them, in the order they
    were written, when given). Returns how many rows moved."""
    rows = AuditEvent.objects.of(obj).filter(action__in=actions).order_by("pk")
    if index is not None:
        row = rows[index : index + 1].first()
        return AuditEvent.objects.filter(pk=row.pk).update(at=at) if row else 0
    return rows.update(at=at)
