"""Moving a row from one state to the next, once: compare-and-set on its `state`.

    if not move(disclosure, from_states=[State.SUBMITTED], to_state=State.PUBLISHED, published_at=now):
        return False  # someone else (another click, another job) moved it first

`UPDATE … WHERE pk = … AND state IN (…)` changes at most one row, and only if the row is still in one of
`from_states`, so a form sent twice, two approvers at once or two jobs running together act once.
The instance is updated to match when the move happened.
"""

from django.utils import timezone


def move(obj, *, from_states, to_state, **values) -> bool:
    model = type(obj)
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values.setdefault("updated_at", timezone.now())
    moved = model._default_manager.filter(pk=obj.pk, state__in=list(from_states)).update(
        state=to_state, **values
    )
    if moved:
        obj.state = to_state
        for name, value in values.items():
            setattr(obj, name, value)
    return bool(moved)
