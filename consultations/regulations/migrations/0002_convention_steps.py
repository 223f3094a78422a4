"""The steps of a village convention and their time limits, from Decree 61/2023/NĐ-CP of 16/8/2023.

Where each number was read (public copies of the decree and of official answers quoting it):
- Art. 9(1): the draft is posted at least 30 days before the community decides (qdnd.vn, "Việc lấy ý kiến
  dự thảo hương ước, quy ước được quy định thế nào", quoting Art. 9; thuvienphapluat.vn Q&A on Art. 9).
- Art. 11(3)(a): the village head sends the dossier to the commune at the latest 5 working days after the
  meeting (or the end of the ballot) (baodaknong.vn "Trình tự, thủ tục công nhận hương ước, quy ước";
  thuvienphapluat.vn Q&A quoting Art. 11(3)(a)).
- Art. 11(3)(b): the commune decides at the latest 5 working days after the complete dossier (same sources).
- Art. 11(3)(c): the recognised text is sent to the village and the Front work group within 2 working
  days (shared/reference/legal-basis.md §7.4; not re-read in the decree's text here: check it).
- Art. 15: the annual review on 18 November, the great-unity day, or another day the community agrees
  (sovhttdl.tayninh.gov.vn summary of the decree; the article number from legal-basis.md §7.4).
"""

from django.db import migrations

STEPS = [
    ("draft_posted", 1, "Niêm yết công khai dự thảo", "Niêm yết ít nhất 30 ngày trước khi cộng đồng dân cư bàn, biểu quyết", 30, "days", None, None, "Điều 9 khoản 1 Nghị định 61/2023/NĐ-CP"),
    ("community_decision", 2, "Cộng đồng dân cư bàn, biểu quyết thông qua (trên 50% đại diện hộ gia đình tán thành)", "Niêm yết dự thảo", 30, "days", None, None, "Điều 9 khoản 1, Điều 10 Nghị định 61/2023/NĐ-CP; Điều 15 khoản 3 Luật 10/2022/QH15"),
    ("dossier_sent", 3, "Trưởng thôn gửi hồ sơ đề nghị công nhận tới UBND xã", "Ngày họp, hết hạn phiếu", 5, "working_days", None, None, "Điều 11 khoản 3 điểm a Nghị định 61/2023/NĐ-CP"),
    ("recognition", 4, "UBND xã ban hành quyết định công nhận", "Ngày nhận đủ hồ sơ", 5, "working_days", None, None, "Điều 11 khoản 3 điểm b Nghị định 61/2023/NĐ-CP"),
    ("sending", 5, "Gửi hương ước, quy ước đã công nhận tới Trưởng thôn, Ban công tác Mặt trận", "Ngày công nhận", 2, "working_days", None, None, "Điều 11 khoản 3 điểm c Nghị định 61/2023/NĐ-CP"),
    ("annual_review", 6, "Rà soát, đánh giá việc thực hiện hằng năm", "Ngày hội đại đoàn kết toàn dân tộc", None, "yearly", 18, 11, "Điều 15 Nghị định 61/2023/NĐ-CP"),
]  # fmt: skip


def load(apps, schema_editor):
    ConventionStep = apps.get_model("regulations", "ConventionStep")
    for code, order, label, after, count, unit, day, month, article in STEPS:
        ConventionStep.objects.update_or_create(
            code=code,
            defaults={"order": order, "label": label, "after": after, "count": count, "unit": unit,
                      "day": day, "month": month, "article": article},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("regulations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
