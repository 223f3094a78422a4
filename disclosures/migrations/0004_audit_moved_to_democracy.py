from django.db import migrations


def copy_audit(apps, schema_editor):
    """Every disclosure audit row into the shared trail (democracy.AuditEvent), same time, actor, act."""
    Old = apps.get_model("disclosures", "AuditEvent")
    New = apps.get_model("democracy", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    disclosure_type, _ = ContentType.objects.get_or_create(app_label="disclosures", model="disclosure")
    batch = []
    for row in Old.objects.order_by("pk").iterator(chunk_size=5000):
        batch.append(
            New(
                target_type_id=disclosure_type.pk,
                target_id=row.disclosure_id,
                actor_id=row.actor_id,
                action=row.action,
                at=row.at,
                changes=row.changes,
                note=row.note,
            )
        )
        if len(batch) >= 5000:
            New.objects.bulk_create(batch)
            batch = []
    New.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    Old = apps.get_model("disclosures", "AuditEvent")
    New = apps.get_model("democracy", "AuditEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    disclosure_type = ContentType.objects.filter(app_label="disclosures", model="disclosure").first()
    if disclosure_type is None:
        return
    Old.objects.bulk_create(
        Old(
            disclosure_id=row.target_id,
            actor_id=row.actor_id,
            action=row.action,
            at=row.at,
            changes=row.changes,
            note=row.note,
        )
        for row in New.objects.filter(target_type=disclosure_type).order_by("pk").iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("democracy", "0003_audit_and_notices"),
        ("disclosures", "0003_report_indexes"),
    ]

    operations = [
        migrations.RunPython(copy_audit, copy_back),
        migrations.DeleteModel(name="AuditEvent"),
    ]
