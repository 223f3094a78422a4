"""The per-row e-mail markers become `democracy.Notice` keys (consultations.notifications), so nothing
already sent is sent again after the upgrade; the columns are dropped in 0004."""

from django.db import migrations


def markers_to_notices(apps, schema_editor):
    Consultation = apps.get_model("consultations", "Consultation")
    Recommendation = apps.get_model("consultations", "Recommendation")
    Notice = apps.get_model("democracy", "Notice")
    notices = [
        Notice(key=f"consultation-unfinished:{pk}", sent_at=at)
        for pk, at in Consultation.objects.filter(reminded_at__isnull=False).values_list("pk", "reminded_at")
    ] + [
        Notice(key=f"recommendation-overdue:{pk}", sent_at=at)
        for pk, at in Recommendation.objects.filter(overdue_notified_at__isnull=False).values_list(
            "pk", "overdue_notified_at"
        )
    ]
    Notice.objects.bulk_create(notices, batch_size=1000, ignore_conflicts=True)


def notices_to_markers(apps, schema_editor):
    Consultation = apps.get_model("consultations", "Consultation")
    Recommendation = apps.get_model("consultations", "Recommendation")
    Notice = apps.get_model("democracy", "Notice")
    for model, prefix, field in [
        (Consultation, "consultation-unfinished:", "reminded_at"),
        (Recommendation, "recommendation-overdue:", "overdue_notified_at"),
    ]:
        for key, at in Notice.objects.filter(key__startswith=prefix).values_list("key", "sent_at"):
            model.objects.filter(pk=int(key[len(prefix) :])).update(**{field: at})


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_report_indexes"),
        ("democracy", "0003_audit_and_notices"),
    ]

    operations = [migrations.RunPython(markers_to_notices, notices_to_markers)]
