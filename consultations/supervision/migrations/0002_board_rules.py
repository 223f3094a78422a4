from django.db import migrations

# A frozen copy: the rules as the law reads today (later changes go through the admin or a new migration).
RULES = [
    ("commune", "min_members", 5, "Điều 36 khoản 1 Luật Thực hiện dân chủ ở cơ sở"),
    ("commune", "one_per_village", 1, "Điều 36 khoản 1 Luật Thực hiện dân chủ ở cơ sở"),
    ("commune", "max_vice_chairs", 2, "Nghị định số 59/2023/NĐ-CP (Điều 12–15)"),
    ("commune", "by_election_months", 6, "Điều 36 khoản 2 Luật Thực hiện dân chủ ở cơ sở"),
    ("commune", "inspection_notice", 5, "Nghị định số 59/2023/NĐ-CP (Điều 12–15)"),
    ("agency", "min_members", 3, "Điều 60 khoản 1 Luật Thực hiện dân chủ ở cơ sở"),
    ("agency", "max_members", 9, "Điều 60 khoản 1 Luật Thực hiện dân chủ ở cơ sở"),
    ("agency", "exempt_staff", 7, "Điều 60 khoản 1 Luật Thực hiện dân chủ ở cơ sở"),
    ("agency", "term_months", 24, "Điều 60 khoản 3 Luật Thực hiện dân chủ ở cơ sở"),
    ("agency", "max_vice_chairs", 2, "Nghị định số 59/2023/NĐ-CP (Điều 20–23)"),
    ("agency", "recognition_days", 5, "Nghị định số 59/2023/NĐ-CP (Điều 20–23)"),
    ("agency", "inspection_notice", 5, "Nghị định số 59/2023/NĐ-CP (Điều 20–23)"),
    ("investment", "min_members", 5, "Điều 41 khoản 1 Luật Thực hiện dân chủ ở cơ sở"),
    ("investment", "max_vice_chairs", 2, "Nghị định số 59/2023/NĐ-CP (Điều 16–19)"),
    ("investment", "investor_notice", 45, "Điều 45 khoản 1 Luật Thực hiện dân chủ ở cơ sở"),
]


def load_rules(apps, schema_editor):
    BoardRule = apps.get_model("supervision", "BoardRule")
    for kind, key, value, article in RULES:
        BoardRule.objects.update_or_create(kind=kind, key=key, defaults={"value": value, "article": article})


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]
    operations = [migrations.RunPython(load_rules, migrations.RunPython.noop)]
