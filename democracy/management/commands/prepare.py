"""`make run`'s preparation in one process: migrate if a migration is unapplied, then run each loader
whose stamp is out of date (`SetupStamp`: the fingerprint of the loader's code, the files it reads and
the applied migrations). A second `make run` with nothing changed skips all of it in about a second.

The loaders are named, not imported (a lower app never imports a higher one); each is idempotent, so
`--force` (or an emptied database, whose stamps go with it) simply runs them again."""

import hashlib
import importlib.metadata
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from democracy.models import SetupStamp

# In order; each with the project files and installed packages whose change means "load again".
LOADERS = [
    ("load_units", ["units/loader.py"], ["vietnam-provinces"]),
    ("load_demo", [], []),
    ("load_demo_disclosures", [], []),
    ("load_demo_consultations", [], []),
    ("load_demo_meetings", [], []),
    ("load_demo_reports", [], []),
    ("load_demo_petitions", [], []),
    ("load_demo_boards", [], []),
    ("load_demo_checks", [], []),
    ("load_demo_plans", ["reports/plans/demo.py"], []),
    ("load_demo_follow", [], []),
]


def pending_migrations() -> list:
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def fingerprint(name: str, files: list[str], packages: list[str]) -> str:
    """What a loader's result depends on: its own source, the listed files and package versions, and
    the migrations applied to the database."""
    command = load_command_class(get_commands()[name], name)
    digest = hashlib.sha256()
    for path in [
        Path(sys.modules[type(command).__module__].__file__),
        *(settings.BASE_DIR / f for f in files),
    ]:
        digest.update(path.read_bytes())
    for package in packages:
        digest.update(importlib.metadata.version(package).encode())
    applied = sorted(
        f"{app}.{migration}" for app, migration in MigrationRecorder(connection).applied_migrations()
    )
    digest.update("\n".join(applied).encode())
    return digest.hexdigest()


class Command(BaseCommand):
    help = "Chuẩn bị cơ sở dữ liệu cho `make run`: migrate và nạp dữ liệu mẫu, bỏ qua phần đã làm."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Chạy lại mọi bước nạp dữ liệu.")

    def handle(self, *args, force=False, **options):
        started = time.monotonic()
        if pending_migrations():
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
        stamps = dict(SetupStamp.objects.values_list("name", "fingerprint"))
        skipped = []
        for name, files, packages in LOADERS:
            current = fingerprint(name, files, packages)
            if not force and stamps.get(name) == current:
                skipped.append(name)
                continue
            call_command(name, verbosity=options["verbosity"])
            SetupStamp.objects.update_or_create(
                name=name, defaults={"fingerprint": current, "loaded_at": timezone.now()}
            )
        if skipped:
            self.stdout.write(f"Đã nạp từ trước, bỏ qua: {', '.join(skipped)}.")
        self.stdout.write(
            self.style.SUCCESS(f"Cơ sở dữ liệu sẵn sàng ({time.monotonic() - started:.1f} giây).")
        )
