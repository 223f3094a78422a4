"""The national default for answering a petition, until a province sets its own (one more row in the
admin, for that province)."""

from django.db import migrations

DEFAULT = {
    "days": 10,
    "legal_basis": (
        "Điều 28 Luật Tiếp công dân số 42/2013/QH13 (trả lời trong 10 ngày kể từ ngày nhận kiến nghị, "
        "phản ánh); Điều 35 khoản 2 điểm a Luật 10/2022/QH15"
    ),
    "note": (
        "Thời hạn chung khi tỉnh chưa quy định. Ủy ban nhân dân tỉnh quy định thời hạn riêng (quy chế tiếp "
        "nhận, xử lý phản ánh, kiến nghị) bằng cách thêm một dòng cho tỉnh, kèm căn cứ."
    ),
}


def load_default(apps, schema_editor):
    AnswerRule = apps.get_model("petitions", "AnswerRule")
    if not AnswerRule.objects.filter(province=None).exists():
        AnswerRule.objects.create(province=None, **DEFAULT)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(load_default, migrations.RunPython.noop)]
