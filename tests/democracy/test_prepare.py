"""`manage.py prepare` (what `make run` does before serving) skips every step with nothing to do."""

import pytest
from django.core.management import call_command

from democracy.management.commands import prepare
from democracy.models import SetupStamp

LOADERS = [name for name, _, _ in prepare.LOADERS]


@pytest.fixture
def calls(monkeypatch):
    """The commands prepare runs, recorded instead of run (the real loaders take the whole country)."""
    ran = []
    monkeypatch.setattr(prepare, "call_command", lambda name, **options: ran.append(name))
    return ran


def test_a_new_database_gets_every_loader_in_order_and_a_stamp_for_each(db, calls):
    call_command("prepare")
    assert calls == LOADERS
    assert sorted(SetupStamp.objects.values_list("name", flat=True)) == sorted(LOADERS)


def test_a_second_run_with_nothing_changed_runs_nothing(db, calls):
    call_command("prepare")
    calls.clear()
    call_command("prepare")
    assert calls == []


def test_a_loader_whose_code_or_migrations_changed_runs_again_alone(db, calls):
    call_command("prepare")
    calls.clear()
    SetupStamp.objects.filter(name="load_demo_consultations").update(fingerprint="an older version")
    call_command("prepare")
    assert calls == ["load_demo_consultations"]


def test_the_fingerprint_follows_the_applied_migrations(db, calls):
    before = prepare.fingerprint("load_demo", [], [])
    from django.db.migrations.recorder import MigrationRecorder

    MigrationRecorder.Migration.objects.filter(app="reports").order_by("-id").first().delete()
    assert prepare.fingerprint("load_demo", [], []) != before


def test_an_unapplied_migration_is_applied_first(db, calls, monkeypatch):
    monkeypatch.setattr(prepare, "pending_migrations", lambda: ["reports.0005"])
    call_command("prepare")
    assert calls == ["migrate", *LOADERS]


def test_force_runs_every_loader_again(db, calls):
    call_command("prepare")
    calls.clear()
    call_command("prepare", force=True)
    assert calls == LOADERS
