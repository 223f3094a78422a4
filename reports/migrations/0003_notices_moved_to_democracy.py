from django.db import migrations


def copy_notices(apps, schema_editor):
    """The reports' sent-markers into the shared table (democracy.Notice), so nothing is sent twice."""
    Old = apps.get_model("reports", "Notice")
    New = apps.get_model("democracy", "Notice")
    New.objects.bulk_create(
        (New(key=n.key, recipients=n.recipients, sent_at=n.sent_at) for n in Old.objects.iterator()),
        ignore_conflicts=True,
    )


def copy_back(apps, schema_editor):
    Old = apps.get_model("reports", "Notice")
    New = apps.get_model("democracy", "Notice")
    Old.objects.bulk_create(
        Old(key=n.key[:120], recipients=n.recipients, sent_at=n.sent_at)
        for n in New.objects.filter(key__startswith="report").iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("democracy", "0003_audit_and_notices"),
        ("reports", "0002_reporting_regime_moved_to_units"),
    ]

    operations = [
        migrations.RunPython(copy_notices, copy_back),
        migrations.DeleteModel(name="Notice"),
    ]
