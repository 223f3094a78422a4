"""Demo meetings for Xã Đồng Kỳ (after load_demo): last year's dialogue and village year-end
conferences (one village missed its own), this year's staff conference of the commune's office (the
school missed its first quarter), the six-month check, a briefing and a training, and an upcoming public
year-end conference on the commune's calendar. Safe to run again."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from consultations import actions
from consultations.models import Meeting
from units.models import AdministrativeUnit, Agency

K = Meeting.Kind


def moment(day: dt.date, hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu hội nghị, cuộc họp và nhiệm vụ hằng năm cho Xã Đồng Kỳ (sau load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        commune = AdministrativeUnit.objects.filter(code="07282").first()
        villages = {v.code: v for v in AdministrativeUnit.objects.filter(parent=commune, level="village")}
        office = Agency.objects.filter(code="UBND-07282").first()
        users = get_user_model().objects.in_bulk(["clerk", "agency_clerk"], field_name="username")
        if commune is None or office is None or len(villages) < 4 or len(users) < 2:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `python manage.py load_demo` trước.")
        standalone = Meeting.objects.filter(consultation__isnull=True, decision__isnull=True)
        if standalone.filter(unit=commune).exists():
            self.stdout.write("Dữ liệu mẫu hội nghị, cuộc họp đã có.")
            return
        clerk, agency_clerk = users["clerk"], users["agency_clerk"]
        today = timezone.localdate()
        last = today.year - 1

        def held(owner, by, kind, day, title, place, convened_by, expected, present, *, chair, notice=None,
                 conclusion="", report="", hours=3):  # fmt: skip
            m = actions.schedule_meeting(
                owner=owner, by=by, kind=kind, title=title, held_at=moment(day), place=place,
                convened_by=convened_by, notice_on=notice or day - dt.timedelta(days=7),
                ends_at=moment(day, 8 + hours),
            )  # fmt: skip
            actions.record_minutes(
                m, by=by, chair=chair,
                secretary="Phạm Thu Trang, chuyên viên" if owner == office else "Nguyễn Thị Hoa, công chức Văn phòng - Thống kê",
                expected=expected, present=present, conclusion=conclusion,
                opinions="Các ý kiến thảo luận được ghi đầy đủ trong biên bản.",
            )  # fmt: skip
            if report:
                actions.record_report(
                    m, by=by, report=report, sent_on=day + dt.timedelta(days=3), today=today
                )
            return m

        held(
            commune, clerk, K.DIALOGUE, dt.date(last, 9, 18), f"Hội nghị đối thoại giữa UBND xã với Nhân dân năm {last}",
            "Hội trường UBND xã Đồng Kỳ", "Trần Văn Minh, Chủ tịch UBND xã", 150, 132,
            chair="Trần Văn Minh, Chủ tịch UBND xã",
            conclusion="UBND xã tiếp thu 14 ý kiến; giao các ngành trả lời bằng văn bản trong 15 ngày.",
        )  # fmt: skip
        for code, day, households, present in (
            ("07282-01", dt.date(last, 12, 14), 186, 158),
            ("07282-02", dt.date(last, 12, 20), 142, 121),
            ("07282-04", dt.date(last, 12, 27), 97, 90),
        ):  # Thôn Đồng Lình (07282-03) did not hold its conference.
            village = villages[code]
            head = f"Trưởng {village.name[0].lower()}{village.name[1:]}"  # "Trưởng thôn Đồng Bông"
            held(
                village, clerk, K.VILLAGE_CONFERENCE, day, f"Hội nghị cộng đồng dân cư cuối năm {last} – {village.name}",
                f"Nhà văn hóa {village.name[0].lower()}{village.name[1:]}", head, households, present, chair=head,
                conclusion="Hội nghị thông qua kết quả thực hiện các quyết định của cộng đồng năm qua.",
                report=(
                    f"Hội nghị có {present}/{households} hộ dự. Đã nghe báo cáo của Trưởng thôn, Ban công tác "
                    "Mặt trận và Ban Thanh tra nhân dân; thông qua 3 nội dung; khen thưởng 5 hộ tiêu biểu."
                ),
            )  # fmt: skip
        Meeting.objects.filter(unit__in=villages.values(), kind=K.VILLAGE_CONFERENCE).update(public=True)
        if today > dt.date(today.year, 2, 25):
            held(
                office, agency_clerk, K.STAFF_CONFERENCE, dt.date(today.year, 2, 25),
                f"Hội nghị cán bộ, công chức, viên chức, người lao động năm {today.year}",
                "Phòng họp UBND xã", "Bùi Quang Huy, Chánh Văn phòng", 28, 27, chair="Bùi Quang Huy, Chánh Văn phòng",
                conclusion="Thông qua nghị quyết hội nghị và quy chế chi tiêu nội bộ.",
            )  # fmt: skip
        if today > dt.date(today.year, 6, 20):
            held(
                office, agency_clerk, K.RESOLUTION_CHECK, dt.date(today.year, 6, 20),
                "Kiểm tra thực hiện nghị quyết hội nghị cán bộ 6 tháng đầu năm", "Phòng họp UBND xã",
                "Bùi Quang Huy, Chánh Văn phòng", 28, 25, chair="Bùi Quang Huy, Chánh Văn phòng", hours=2,
            )  # fmt: skip
        for kind, days_ago, title, expected, present in (
            (K.BRIEFING, 60, "Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở", 120, 114),
            (K.TRAINING, 25, "Tập huấn nghiệp vụ cho Trưởng thôn và Ban Thanh tra nhân dân", 40, 38),
        ):
            held(
                commune, clerk, kind, today - dt.timedelta(days=days_ago), title, "Hội trường UBND xã Đồng Kỳ",
                "Trần Văn Minh, Chủ tịch UBND xã", expected, present, chair="Trần Văn Minh, Chủ tịch UBND xã",
            )  # fmt: skip
        # This year's conference of Thôn Đồng Bông, on the public calendar.
        upcoming = max(today + dt.timedelta(days=7), dt.date(today.year, 12, 12))
        village = villages["07282-01"]
        actions.schedule_meeting(
            owner=village, by=clerk, kind=K.VILLAGE_CONFERENCE, title=f"Hội nghị cộng đồng dân cư cuối năm {upcoming.year}",
            held_at=moment(upcoming, 14), ends_at=moment(upcoming, 17), place="Nhà văn hóa thôn Đồng Bông",
            convened_by="Trưởng thôn Đồng Bông", notice_on=min(today, upcoming - dt.timedelta(days=5)),
        )  # fmt: skip
        self.stdout.write(self.style.SUCCESS("Đã nạp hội nghị, cuộc họp mẫu cho Xã Đồng Kỳ."))
