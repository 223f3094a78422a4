"""The rules of each kind of meeting (minimum notice, fixed agenda, people counted, written report),
with their articles. Sources: Law 10/2022/QH15 Arts. 17, 26, 32, 33, 39, 51, 52, 54, 62; Decree 59/2023
Arts. 3, 10–11 (see shared/reference/legal-basis.md). Editable in the admin afterwards."""

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15"
DECREE = "Nghị định số 59/2023/NĐ-CP"

VILLAGE_AGENDA = """1. Khai mạc; cử thư ký hội nghị (ghi biên bản).
2. Trưởng thôn, tổ dân phố báo cáo tình hình, kết quả thực hiện các quyết định của cộng đồng dân cư trong năm.
3. Ban công tác Mặt trận báo cáo kết quả thực hiện dân chủ ở cơ sở.
4. Thành viên Ban Thanh tra nhân dân báo cáo kết quả kiểm tra, giám sát.
5. Thảo luận.
6. Giải đáp, tiếp thu ý kiến.
7. Biểu quyết thông qua.
8. Khen thưởng (nếu có).
9. Kết luận hội nghị."""

STAFF_AGENDA = """1. Người đứng đầu báo cáo kết quả thực hiện nhiệm vụ năm, kết quả thực hiện nghị quyết hội nghị năm trước; Công đoàn báo cáo.
2. Thảo luận.
3. Giải đáp ý kiến.
4. Báo cáo của Ban Thanh tra nhân dân.
5. Quyết định các nội dung tại Điều 49.
6. Khen thưởng.
7. Ký giao ước thi đua.
8. Thông qua nghị quyết hội nghị."""

COMMUNITY_AGENDA = """1. Khai mạc; cử thư ký.
2. Trình bày nội dung cần bàn, quyết định.
3. Thảo luận.
4. Tổng hợp, đề xuất phương án; biểu quyết (giơ tay hoặc bỏ phiếu kín, bầu Ban kiểm phiếu).
5. Công bố kết quả, kết luận."""

STAFF_GROUPS = "Cán bộ, công chức; Viên chức; Người lao động"

RULES = [
    {
        "kind": "village_conference",
        "article": f"Điều 33 {LAW}; Điều 10, 11 {DECREE}",
        "for_agencies": False,
        "min_notice_days": 5,
        "notice_article": f"Điều 11 {DECREE}: thông báo đến các hộ gia đình chậm nhất 05 ngày trước hội nghị",
        "agenda": VILLAGE_AGENDA,
        "agenda_article": f"Điều 33 khoản 3 {LAW}; Điều 11 {DECREE}",
        "people_word": "hộ",
        "report_required": True,
        "report_article": f"Điều 33 {LAW}; Điều 11 {DECREE}: báo cáo bằng văn bản gửi UBND xã, UBMTTQ xã",
        "public_default": True,
    },
    {
        "kind": "dialogue",
        "article": f"Điều 32 {LAW}: hằng năm ít nhất 01 lần, UBND xã phối hợp UBMTTQ xã",
        "for_agencies": False,
        "public_default": True,
    },
    {
        "kind": "community",
        "article": f"Điều 17 {LAW}; Điều 3 {DECREE}",
        "for_agencies": False,
        "min_notice_days": 2,
        "notice_article": f"Điều 3 {DECREE}: thông báo (Mẫu số 01) chậm nhất 02 ngày trước cuộc họp",
        "agenda": COMMUNITY_AGENDA,
        "agenda_article": f"Điều 18 khoản 4 {LAW}",
        "people_word": "hộ",
    },
    {"kind": "conference", "article": f"Điều 26, Điều 54 {LAW}"},
    {
        "kind": "staff_conference",
        "article": f"Điều 51 khoản 1, khoản 2 điểm a {LAW}",
        "for_units": False,
        "agenda": STAFF_AGENDA,
        "agenda_article": f"Điều 51 khoản 3, khoản 4 {LAW}",
        "groups": STAFF_GROUPS,
    },
    {
        "kind": "delegate_conference",
        "article": f"Điều 51 khoản 2 điểm b {LAW}",
        "for_units": False,
        "agenda": STAFF_AGENDA,
        "agenda_article": f"Điều 51 khoản 3, khoản 4 {LAW}",
        "people_word": "đại biểu",
        "groups": STAFF_GROUPS,
    },
    {
        "kind": "resolution_check",
        "article": f"Điều 52 khoản 3 {LAW}: định kỳ 06 tháng kiểm tra, đánh giá việc thực hiện nghị quyết",
        "for_units": False,
    },
    {"kind": "workplace_dialogue", "article": ""},
    {"kind": "briefing", "article": ""},
    {"kind": "training", "article": ""},
    {"kind": "review", "article": ""},
    {"kind": "inspection_board", "article": f"Điều 39, Điều 62 {LAW}"},
    {"kind": "other", "article": ""},
]


def load_rules(apps, schema_editor):
    Rule = apps.get_model("consultations", "MeetingKindRule")
    for rule in RULES:
        values = dict(rule)
        Rule.objects.update_or_create(kind=values.pop("kind"), defaults=values)


def unload(apps, schema_editor):
    apps.get_model("consultations", "MeetingKindRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("consultations", "0013_standalone_meetings")]
    operations = [migrations.RunPython(load_rules, unload)]
