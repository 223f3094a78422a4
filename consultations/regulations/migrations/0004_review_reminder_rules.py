"""When the clerks are reminded of a rule's next review date.

The law sets the review, not the reminder: Decree 61/2023/NĐ-CP Art. 15 has every hương ước, quy ước
reviewed each year (on 18 November, the great-unity day, or another day the community agrees; see
0002_convention_steps); other rules are reviewed on the date their own text sets (the register's
"next review date"). The leads below (30 days before, 7 days after) are the portal's defaults, not the
law's: a province changes them in the admin.
"""

from django.db import migrations

RULES = [
    ("convention", 30, 7, "Điều 15 Nghị định 61/2023/NĐ-CP (rà soát, đánh giá việc thực hiện hương ước, quy ước hằng năm)"),
    ("other", 30, 7, "Ngày rà soát do chính quy chế, nội quy quy định (ghi trong sổ quy chế)"),
]  # fmt: skip


def load(apps, schema_editor):
    ReviewReminder = apps.get_model("regulations", "ReviewReminder")
    for applies_to, before, after, article in RULES:
        ReviewReminder.objects.update_or_create(
            applies_to=applies_to, defaults={"days_before": before, "days_after": after, "article": article}
        )


class Migration(migrations.Migration):
    dependencies = [("regulations", "0003_review_reminders")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
