"""A demo check by Bắc Ninh's Department of Home Affairs and the province's grading weights, so that
`make run` shows the checks and the annual grading. Needs `load_demo`. Safe to run again.

- Xã Đồng Kỳ (07282): concluded with two fixes, one answered on time, one overdue.
- Xã Yên Thế (07288): concluded with one fix due in three weeks.
- Xã Bố Hạ (07294): planned, not yet visited.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from reports.checks import actions
from reports.checks.models import CheckFix, CheckPlan, GradingScheme
from units.models import AdministrativeUnit

TITLE = "Kiểm tra việc thực hiện dân chủ ở cơ sở tại các xã năm {year}"


class Command(BaseCommand):
    help = "Nạp đợt kiểm tra mẫu của Sở Nội vụ và trọng số chấm điểm hằng năm (sau load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        province = AdministrativeUnit.objects.filter(code="24").first()
        communes = AdministrativeUnit.objects.in_bulk(["07282", "07288", "07294"], field_name="code")
        users = get_user_model().objects.in_bulk(["reviewer", "clerk"], field_name="username")
        if province is None or len(communes) < 3 or len(users) < 2:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `python manage.py load_demo` trước.")
        today = timezone.localdate()
        reviewer, clerk = users["reviewer"], users["clerk"]
        if not GradingScheme.objects.filter(province=province, year=today.year).exists():
            actions.set_grading(
                province, today.year, by=reviewer, commend_from=85,
                basis="Kế hoạch số 210/KH-UBND của Ủy ban nhân dân tỉnh Bắc Ninh (mẫu)",
                weights={"on_time": 25, "windows": 15, "feedback": 15, "consultations": 10, "decisions": 10,
                         "recommendations": 10, "check_fixes": 15},
            )  # fmt: skip
        title = TITLE.format(year=today.year)
        if CheckPlan.objects.filter(area=province, title=title).exists():
            self.stdout.write("Đợt kiểm tra mẫu đã có.")
            return
        day = lambda n: today + dt.timedelta(days=n)  # noqa: E731
        plan = actions.plan_check(
            province, by=reviewer, title=title, plan_number="145/KH-SNV",
            subject="Việc công khai thông tin (Điều 11), tổ chức để Nhân dân bàn và quyết định (Điều 15), "
            "lấy ý kiến (Điều 25) và trả lời kiến nghị của Ban Thanh tra nhân dân (Điều 40).",
            team_lead="Vũ Thị Thanh, Phó Giám đốc Sở Nội vụ",
            team="Nguyễn Văn Tùng, Trưởng phòng Xây dựng chính quyền\nHoàng Thị Mai, chuyên viên",
            starts_on=day(-45), ends_on=day(-15),
            units=[communes["07282"], communes["07288"], communes["07294"]],
        )  # fmt: skip
        visits = {v.unit.code: v for v in plan.visits.select_related("unit", "plan")}
        actions.conclude_visit(
            visits["07282"], by=reviewer, visited_on=day(-40), number="18/KL-ĐKT",
            minutes="Đoàn làm việc với Ủy ban nhân dân xã Đồng Kỳ; xem sổ theo dõi công khai, biên bản niêm yết, "
            "hồ sơ lấy ý kiến và sổ tiếp nhận kiến nghị.\nĐại diện Ủy ban nhân dân xã báo cáo và giải trình.",
            conclusions="Xã công khai đầy đủ các nội dung theo Điều 11, đúng thời hạn.\nCòn 02 kiến nghị của Ban "
            "Thanh tra nhân dân chưa được trả lời trong thời hạn 15 ngày (Điều 40).",
            fixes=[
                ("Niêm yết bổ sung kế hoạch sử dụng đất năm tại nhà văn hóa các thôn.", day(-20)),
                ("Trả lời 02 kiến nghị còn tồn của Ban Thanh tra nhân dân; báo cáo kết quả về Sở Nội vụ.", day(-10)),
            ],
        )  # fmt: skip
        first = CheckFix.objects.get(visit=visits["07282"], position=1)
        actions.answer_fix(
            first, by=clerk, answered_on=day(-25),
            answer="Đã niêm yết bổ sung tại nhà văn hóa 8 thôn ngày hôm nay; có biên bản niêm yết kèm theo.",
        )  # fmt: skip
        actions.conclude_visit(
            visits["07288"], by=reviewer, visited_on=day(-30), number="19/KL-ĐKT",
            minutes="Đoàn làm việc với Ủy ban nhân dân xã Yên Thế; xem hồ sơ công khai và lấy ý kiến.",
            conclusions="Xã thực hiện cơ bản đầy đủ; một số thông tin công khai muộn so với thời hạn 05 ngày làm việc.",
            fixes=[("Rà soát, công khai đúng hạn các quyết định của Ủy ban nhân dân xã.", day(21))],
        )  # fmt: skip
        self.stdout.write(self.style.SUCCESS(f"Đã nạp đợt kiểm tra mẫu “{title}”."))
