"""Reminder done-markers move to the shared notice table (democracy.Notice), keyed
"disclosure-<kind>:<disclosure id>", so nothing already sent is sent again after the upgrade."""

from django.db import migrations


def to_notices(apps, schema_editor):
    Reminder = apps.get_model("disclosures", "Reminder")
    Notice = apps.get_model("democracy", "Notice")
    Notice.objects.bulk_create(
        (
            Notice(key=f"disclosure-{r.kind}:{r.disclosure_id}", sent_at=r.sent_at)
            for r in Reminder.objects.order_by("pk").iterator()
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )


def back_to_reminders(apps, schema_editor):
    Reminder = apps.get_model("disclosures", "Reminder")
    Notice = apps.get_model("democracy", "Notice")
    Disclosure = apps.get_model("disclosures", "Disclosure")
    rows = []
    for notice in Notice.objects.filter(key__startswith="disclosure-").iterator():
        kind, _colon, pk = notice.key.removeprefix("disclosure-").partition(":")
        if kind in ("deadline", "closing") and pk.isdigit() and Disclosure.objects.filter(pk=pk).exists():
            rows.append(Reminder(disclosure_id=int(pk), kind=kind, sent_at=notice.sent_at))
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("democracy", "0003_audit_and_notices"),
        ("disclosures", "0004_audit_moved_to_democracy"),
    ]

    operations = [
        migrations.RunPython(to_notices, back_to_reminders),
        migrations.DeleteModel(name="Reminder"),
    ]
