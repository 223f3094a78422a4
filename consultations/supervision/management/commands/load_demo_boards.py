"""Demo boards (issue 12) for `make run`. Needs `load_demo`. Safe to run again (it adds nothing twice).

- Xã Đồng Kỳ (07282): its People's Inspection Board, elected from the four villages and recognised by the
  Front; a quarterly plan, an inspection announced 5 working days ahead with its findings, a recommendation
  the commune answered on day 16 after receipt (late), a quarterly report sent on time and received;
  a community investment supervision board for a village road, with the Front's notice to the investor.
- Văn phòng HĐND và UBND xã Đồng Kỳ: the agency's board, elected and waiting for the union's recognition.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from consultations.actions.recommendations import answer_recommendation
from democracy.calendar import add_working_days, is_working_day
from units.models import AdministrativeUnit, Agency, Level

from ... import actions
from ...models import Board, BoardKind, MemberRole, PlanPeriod, ReportKind

MEMBERS = [  # name, role, village number
    ("Nguyễn Văn Khoa", MemberRole.CHAIR, "01"),
    ("Trần Thị Lụa", MemberRole.VICE_CHAIR, "02"),
    ("Lê Văn Sơn", MemberRole.MEMBER, "03"),
    ("Phạm Thị Nga", MemberRole.MEMBER, "04"),
    ("Hoàng Văn Tâm", MemberRole.MEMBER, "01"),
]


class Command(BaseCommand):
    help = "Nạp Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng mẫu (sau load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        commune = AdministrativeUnit.objects.filter(code="07282").first()
        agency = Agency.objects.filter(code="UBND-07282").first()
        users = get_user_model().objects.in_bulk(
            ["clerk", "inspector", "front", "agency_clerk"], field_name="username"
        )
        if commune is None or agency is None or len(users) < 4:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `python manage.py load_demo` trước.")
        if Board.objects.filter(unit=commune).exists():
            self.stdout.write("Ban mẫu đã có.")
            return
        today = timezone.localdate()
        clerk, inspector, front = users["clerk"], users["inspector"], users["front"]
        villages = {
            v.code[-2:]: v for v in AdministrativeUnit.objects.filter(parent=commune, level=Level.VILLAGE)
        }
        start = today - dt.timedelta(days=300)
        board = actions.create_board(owner=commune, by=front, kind=BoardKind.COMMUNE,
                                     name="Ban Thanh tra nhân dân xã Đồng Kỳ", term_start=start,
                                     term_end=start + dt.timedelta(days=5 * 365 - 1))  # fmt: skip
        for name, role, village in MEMBERS:
            actions.add_member(
                board, by=front, full_name=name, role=role, village=villages.get(village), since=start
            )
        actions.record_election(board, by=front, elected_on=start,
                                note="Hội nghị Nhân dân ở các thôn; biên bản bầu lưu tại UBMTTQ xã")  # fmt: skip
        board = actions.recognise_board(board, by=front, on=start + dt.timedelta(days=4), number="15/QĐ-MTTQ")

        quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        actions.file_plan(board, by=inspector, period=PlanPeriod.QUARTER, year=today.year,
                          number=(today.month - 1) // 3 + 1, filed_on=quarter_start,
                          content="Kiểm tra việc thu, chi quỹ xây dựng đường giao thông nông thôn thôn Đồng Bông; "
                                  "giám sát việc công khai dự toán ngân sách xã.")  # fmt: skip
        sent = today - dt.timedelta(days=60)
        inspection = actions.announce_inspection(
            board, by=inspector, subject="Thu, chi quỹ xây dựng đường thôn Đồng Bông",
            inspected="Ban quản lý xây dựng thôn Đồng Bông", raised_by="Ông Nguyễn Văn Tư, thôn Đồng Bông",
            sent_to="Ban Thường trực UBMTTQ xã; Chủ tịch UBND xã; Ban quản lý xây dựng thôn Đồng Bông",
            plan_sent_on=sent, starts_on=add_working_days(sent, 5).date,
        )  # fmt: skip
        concluded = inspection.starts_on + dt.timedelta(days=3)
        actions.record_findings(inspection, by=inspector, concluded_on=concluded, notified_on=concluded + dt.timedelta(days=1),
                                findings="Các khoản thu đúng mức Nhân dân đã bàn và quyết định; hai khoản chi "
                                         "chưa có chứng từ đầy đủ.")  # fmt: skip
        received = concluded + dt.timedelta(days=2)
        while not is_working_day(received + dt.timedelta(days=15)):
            received += dt.timedelta(days=1)
        r = actions.recommend(board, by=inspector, inspection=inspection, subject="Bổ sung chứng từ hai khoản chi",
                              text="Đề nghị UBND xã chỉ đạo Ban quản lý bổ sung chứng từ và công khai lại.",
                              addressed_to="Ủy ban nhân dân xã Đồng Kỳ", made_on=received, received_on=received)  # fmt: skip
        answer_recommendation(r, by=clerk, on=received + dt.timedelta(days=16),
                              answer="UBND xã đã yêu cầu Ban quản lý bổ sung chứng từ; kết quả công khai tại nhà văn hóa thôn.")  # fmt: skip
        last_end = quarter_start - dt.timedelta(days=1)
        report = actions.send_report(board, by=inspector, kind=ReportKind.QUARTER,
                                     title=f"Báo cáo kết quả hoạt động quý {(last_end.month - 1) // 3 + 1}/{last_end.year}",
                                     period_start=dt.date(last_end.year, last_end.month - 2, 1), period_end=last_end,
                                     due_on=last_end + dt.timedelta(days=10), sent_on=last_end + dt.timedelta(days=8),
                                     text="Ban đã tổ chức một cuộc kiểm tra, gửi một kiến nghị; UBND xã đã trả lời.")  # fmt: skip
        actions.receive_report(report, by=front, on=min(last_end + dt.timedelta(days=9), today))

        road = actions.create_board(
            owner=commune, by=front, kind=BoardKind.INVESTMENT, name="Ban Giám sát đầu tư của cộng đồng – đường thôn Trại Nhất",
            term_start=today - dt.timedelta(days=10), term_end=today + dt.timedelta(days=365),
            project="Bê tông hóa đường trục thôn Trại Nhất", investor="UBND xã Đồng Kỳ",
            supervision_starts_on=today + dt.timedelta(days=50),
        )  # fmt: skip
        for name, role in [("Đinh Văn Quý", MemberRole.CHAIR), ("Lê Văn Sơn", MemberRole.VICE_CHAIR),
                           ("Mai Thị Hằng", MemberRole.MEMBER), ("Chu Văn Lợi", MemberRole.MEMBER),
                           ("Tạ Thị Yến", MemberRole.MEMBER)]:  # fmt: skip
            actions.add_member(road, by=front, full_name=name, role=role, since=road.term_start,
                               group="Người dân thôn Trại Nhất" if role == MemberRole.MEMBER else "")  # fmt: skip
        actions.record_election(road, by=front, elected_on=road.term_start, note="Hội nghị thôn Trại Nhất")
        road = actions.recognise_board(
            road, by=front, on=road.term_start + dt.timedelta(days=2), number="18/QĐ-MTTQ"
        )
        actions.notify_investor(road, by=front, on=today - dt.timedelta(days=1))

        if not Board.objects.filter(agency=agency).exists():
            elected = today - dt.timedelta(days=3)
            own = actions.create_board(owner=agency, by=users["agency_clerk"], kind=BoardKind.AGENCY,
                                       name="Ban Thanh tra nhân dân Văn phòng HĐND và UBND xã Đồng Kỳ",
                                       term_start=elected, term_end=elected + dt.timedelta(days=729))  # fmt: skip
            for name, role in [("Vũ Thị Hạnh", MemberRole.CHAIR), ("Kiều Văn Dũng", MemberRole.MEMBER),
                               ("Lã Thị Thu", MemberRole.MEMBER)]:  # fmt: skip
                actions.add_member(own, by=users["agency_clerk"], full_name=name, role=role, since=elected,
                                   group="Văn phòng")  # fmt: skip
            actions.record_election(
                own, by=users["agency_clerk"], elected_on=elected, note="Hội nghị CBCCVC năm"
            )
        self.stdout.write(
            self.style.SUCCESS(
                "Ban mẫu: Ban Thanh tra nhân dân xã Đồng Kỳ, một Ban giám sát đầu tư, một Ban của cơ quan."
            )
        )
