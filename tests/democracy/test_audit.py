"""The one audit trail every app writes: a row per act, in the act's transaction, read per object."""

import datetime as dt

import pytest
from django.db import transaction

from democracy.audit import record, record_many, trail
from democracy.models import Action, AuditEvent
from units import actions


def test_a_row_names_the_object_the_actor_the_act_and_plain_changes(cast):
    event = record(
        cast.village_a, by=cast.clerk_a, action=Action.EDITED, changes={"on": dt.date(2026, 1, 2)}, note="x"
    )
    assert event.target == cast.village_a
    assert (event.actor, event.action, event.changes, event.note) == (
        cast.clerk_a, "edited", {"on": "2026-01-02"}, "x",
    )  # fmt: skip
    assert event.label == "Sửa"


def test_an_anonymous_citizen_or_the_system_is_recorded_without_an_actor(cast, rf):
    from django.contrib.auth.models import AnonymousUser

    assert record(cast.a, by=AnonymousUser(), action=Action.EDITED).actor is None
    assert record(cast.a, by=None, action=Action.EDITED).actor is None


def test_an_unknown_act_is_refused(cast):
    with pytest.raises(ValueError):
        record(cast.a, by=None, action="renamed_by_magic")


def test_a_batch_writes_one_row_per_object_with_its_own_changes(cast):
    assert (
        record_many([cast.a, cast.b], by=None, action=Action.CLOSED, changes=lambda unit: {"code": unit.code})
        == 2
    )
    assert [e.changes for e in AuditEvent.objects.of(cast.b)] == [{"code": cast.b.code}]


def test_the_trail_is_one_objects_rows_oldest_first_and_says_what_an_edit_changed(cast):
    actions.update_village(cast.village_a, by=cast.clerk_a, name="Thôn Mới", type="thon", households=130)
    record(cast.village_b, by=cast.clerk_b, action=Action.EDITED)
    (event,) = trail(cast.village_a)
    assert event.fields == "tên, số hộ gia đình"


def test_a_write_that_fails_leaves_no_row(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        record(cast.a, by=cast.clerk_a, action=Action.EDITED)
        raise RuntimeError
    assert not AuditEvent.objects.exists()


def test_rows_survive_in_the_admin_as_read_only(cast, admin_client):
    event = record(cast.a, by=cast.clerk_a, action=Action.EDITED)
    assert admin_client.get("/admin/democracy/auditevent/").status_code == 200
    assert admin_client.get(f"/admin/democracy/auditevent/{event.pk}/change/").status_code == 200
    assert admin_client.post(f"/admin/democracy/auditevent/{event.pk}/delete/").status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


# --- The trail survives what it describes (issue 18, item 6) --------------------------------------


def test_an_account_that_has_acted_cannot_be_deleted_and_its_rows_keep_its_name(cast):
    from django.db.models import ProtectedError

    event = record(cast.village_a, by=cast.clerk_a, action=Action.EDITED)
    name = cast.clerk_a.get_full_name() or cast.clerk_a.username
    with pytest.raises(ProtectedError), transaction.atomic():
        cast.clerk_a.delete()
    cast.clerk_a.first_name, cast.clerk_a.last_name = "Tên", "Mới"
    cast.clerk_a.save()
    event.refresh_from_db()
    assert (event.actor, event.actor_name) == (cast.clerk_a, name)


def test_the_admin_deactivates_an_account_that_has_acted_instead_of_deleting_it(cast, client):
    record(cast.village_a, by=cast.clerk_a, action=Action.EDITED)
    client.force_login(cast.admin)
    delete_url = f"/admin/auth/user/{cast.clerk_a.pk}/delete/"
    assert client.get(delete_url).status_code == 403
    assert (
        "delete_selected"
        not in client.get("/admin/auth/user/").context["action_form"].fields["action"].choices.__str__()
    )
    response = client.post(
        "/admin/auth/user/", {"action": "deactivate", "_selected_action": [cast.clerk_a.pk, cast.admin.pk]}
    )
    assert response.status_code == 302
    cast.clerk_a.refresh_from_db()
    cast.admin.refresh_from_db()
    assert (cast.clerk_a.is_active, cast.admin.is_active) == (False, True)  # never oneself
    assert [e.action for e in AuditEvent.objects.of(cast.clerk_a)] == [Action.ACCOUNT_DEACTIVATED]


def test_an_account_that_never_acted_can_still_be_deleted(cast, client):
    client.force_login(cast.admin)
    assert client.get(f"/admin/auth/user/{cast.nobody.pk}/delete/").status_code == 200


def test_sign_in_logs_cannot_be_deleted_from_the_admin(cast, client):
    from axes.models import AccessLog

    log = AccessLog.objects.create(username="x", ip_address="10.0.0.1", user_agent="t")
    client.force_login(cast.admin)
    assert client.get(f"/admin/axes/accesslog/{log.pk}/delete/").status_code == 403
    client.post("/admin/axes/accesslog/", {"action": "delete_selected", "_selected_action": [log.pk]})
    assert AccessLog.objects.filter(pk=log.pk).exists()
