"""The law's yearly duties with their articles (legal-basis.md: Arts. 32, 33, 51, 52; Decree 59
Arts. 10–11). The staff conference's window is the first quarter: Art. 51(1) says "not later than 3
months into the next year", and the provinces' plans in the seeds use the first quarter. The village
conference's window ("cuối năm", Art. 33(1)) is November–December by default; a province or commune
that sets other dates edits the row in the admin."""

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"

DUTIES = [
    {
        "code": "dialogue",
        "order": 1,
        "name": "Hội nghị đối thoại giữa UBND xã với Nhân dân",
        "article": f"Điều 32 khoản 1 {LAW}: hằng năm ít nhất 01 lần",
        "applies_to": "commune",
        "kinds": "dialogue",
        "frequency": "yearly",
        "opens_month": 1, "opens_day": 1, "due_month": 12, "due_day": 31,
        "basis": "Điều 32 khoản 1: trong năm",
        "remind_days": 60,
    },
    {
        "code": "village_conference",
        "order": 2,
        "name": "Hội nghị định kỳ cuối năm của cộng đồng dân cư",
        "article": f"Điều 33 {LAW}; Điều 10, 11 Nghị định số 59/2023/NĐ-CP",
        "applies_to": "village",
        "kinds": "village_conference",
        "frequency": "yearly",
        "opens_month": 11, "opens_day": 1, "due_month": 12, "due_day": 31,
        "basis": "Điều 33 khoản 1: mỗi năm 01 lần, vào cuối năm (mặc định tháng 11–12)",
        "remind_days": 30,
    },
    {
        "code": "staff_conference",
        "order": 3,
        "name": "Hội nghị cán bộ, công chức, viên chức, người lao động hằng năm",
        "article": f"Điều 51 khoản 1 {LAW}: mỗi năm 01 lần, không chậm hơn 03 tháng của năm tiếp theo",
        "applies_to": "agency",
        "kinds": "staff_conference,delegate_conference",
        "frequency": "yearly",
        "opens_month": 1, "opens_day": 1, "due_month": 3, "due_day": 31,
        "basis": "Kế hoạch của tỉnh: trong quý I (có thể sửa theo ngày tỉnh quy định)",
        "remind_days": 30,
    },
    {
        "code": "resolution_check",
        "order": 4,
        "name": "Kiểm tra, đánh giá việc thực hiện nghị quyết hội nghị cán bộ, công chức",
        "article": f"Điều 52 khoản 3 {LAW}: định kỳ 06 tháng",
        "applies_to": "agency",
        "kinds": "resolution_check",
        "frequency": "half_yearly",
        "basis": "Điều 52 khoản 3: mỗi 6 tháng",
        "remind_days": 30,
    },
]


def load_duties(apps, schema_editor):
    Duty = apps.get_model("duties", "Duty")
    for duty in DUTIES:
        values = dict(duty)
        Duty.objects.update_or_create(code=values.pop("code"), defaults=values)


def unload(apps, schema_editor):
    apps.get_model("duties", "Duty").objects.filter(code__in=[d["code"] for d in DUTIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("duties", "0001_initial")]
    operations = [migrations.RunPython(load_duties, unload)]
