"""Demo petitions for Xã Đồng Kỳ and its office (after load_demo): a suggestion-box opening with two
letters, petitions by every channel in every state (answered and published, rated, forwarded, outside
scope, overdue, hidden), and one internal petition of the office. Safe to run again."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from consultations.petitions import actions
from consultations.petitions.models import Channel, Petition
from democracy.demo import backdate
from democracy.models import Action
from units.models import AdministrativeUnit, Agency

# (days ago received, channel, kind, topic, text, public text, answer, days to answer, rating)
STORY = [
    (
        40,
        Channel.ONLINE,
        "report",
        "infrastructure",
        "Đèn đường ngõ 5 thôn Đồng Bông bị hỏng gần một tháng, buổi tối học sinh đi học về rất tối. Nhà tôi ở "
        "số 12 ngõ 5, điện thoại 0912 345 678.",
        "Đèn đường ngõ 5 thôn Đồng Bông bị hỏng gần một tháng, buổi tối học sinh đi học về rất tối.",
        "UBND xã đã phối hợp Điện lực thay 3 bóng đèn ngõ 5 ngày hôm sau khi nhận phản ánh. Cảm ơn ông/bà đã "
        "thông báo.",
        3,
        (True, ""),
    ),
    (
        33,
        Channel.BOX,
        "petition",
        "environment",
        "Đề nghị xã bố trí thêm thùng rác ở khu chợ Đồng Kỳ, hiện rác để tràn ra đường sau mỗi phiên chợ.",
        "Đề nghị xã bố trí thêm thùng rác ở khu chợ Đồng Kỳ, hiện rác để tràn ra đường sau mỗi phiên chợ.",
        "UBND xã đã bố trí thêm 4 thùng rác 240 lít và giao Ban quản lý chợ thu gom ngay sau mỗi phiên chợ.",
        8,
        (True, "Chợ sạch hơn hẳn"),
    ),
    (
        28,
        Channel.HOTLINE,
        "report",
        "land",
        "Hộ ông Lê Văn Tám xây tường rào lấn ra đường liên thôn đoạn gần cầu Máng.",
        "Một hộ gia đình xây tường rào lấn ra đường liên thôn đoạn gần cầu Máng.",
        "Công chức địa chính đã kiểm tra hiện trường, lập biên bản và yêu cầu hộ gia đình tháo dỡ phần tường lấn "
        "đường; hộ gia đình đã tháo dỡ ngày 20.",
        12,
        (False, "Trả lời chậm, phải gọi điện hỏi nhiều lần"),
    ),
    (
        21,
        Channel.RECEPTION,
        "petition",
        "social",
        "Đề nghị xem xét hỗ trợ tiền điện cho hộ cận nghèo ở thôn Hố Cả.",
        "Đề nghị xem xét hỗ trợ tiền điện cho hộ cận nghèo.",
        "Hộ cận nghèo không thuộc đối tượng hỗ trợ tiền điện theo quy định hiện hành; UBND xã đã hướng dẫn hộ "
        "gia đình làm hồ sơ vay vốn Ngân hàng Chính sách xã hội.",
        6,
        None,
    ),
    (
        12,
        Channel.ZALO,
        "report",
        "order",
        "Tối thứ Bảy có nhóm thanh niên đua xe trên đường đê, gây ồn ào và nguy hiểm.",
        "",
        "Công an xã đã tăng cường tuần tra đường đê vào tối thứ Sáu, thứ Bảy.",
        2,
        None,
    ),
]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu phản ánh, kiến nghị và hòm thư góp ý cho Xã Đồng Kỳ (sau load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        commune = AdministrativeUnit.objects.filter(code="07282").first()
        agency = Agency.objects.filter(code="UBND-07282").first()
        users = get_user_model().objects.in_bulk(["clerk", "agency_staff", "admin"], field_name="username")
        if commune is None or agency is None or len(users) < 3:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `python manage.py load_demo` trước.")
        if Petition.objects.filter(unit=commune).exists():
            self.stdout.write("Dữ liệu mẫu phản ánh, kiến nghị đã có.")
            return
        clerk = users["clerk"]
        now = timezone.now()
        today = timezone.localdate()

        opening = actions.record_box_opening(
            commune, opened_on=today - dt.timedelta(days=33), found=2, by=clerk,
            witnesses="Ông Hà Văn Tư, Chủ tịch UBMTTQ xã; Bà Vi Thị Lan, Trưởng Ban Thanh tra nhân dân",
            note="Hòm thư đặt tại bộ phận một cửa; mở định kỳ thứ Hai hằng tuần.",
        )  # fmt: skip
        backdate(opening, now - dt.timedelta(days=33), Action.BOX_OPENED)

        for ago, channel, kind, topic, text, public, answer, took, rating in STORY:
            received = now - dt.timedelta(days=ago)
            p = actions.send_petition(
                commune, text=text, kind=kind, channel=channel, received_at=received,
                by=None if channel == Channel.ONLINE else clerk,
                box_opening=opening if channel == Channel.BOX else None,
                name="Nguyễn Văn An" if channel == Channel.ONLINE else "", contact="0912345678",
            )  # fmt: skip
            actions.route_petition(p, by=clerk, topic=topic, kind=kind, assigned_to="Văn phòng – Thống kê")
            outside = rating is None and public  # explained as outside the commune's scope
            p = actions.answer_petition(p, by=clerk, text=answer, outside_scope=bool(outside))
            handled = received + dt.timedelta(days=took)
            Petition.objects.filter(pk=p.pk).update(
                handled_at=handled, handled_on=timezone.localdate(handled)
            )
            p.refresh_from_db()
            if public and not outside:
                actions.publish_petition(p, by=clerk, public_text=public)
            if rating:
                actions.rate_petition(p, satisfied=rating[0], reason=rating[1])
            backdate(p, received, Action.PETITION_RECEIVED)
            backdate(p, received + dt.timedelta(hours=3), Action.PETITION_ROUTED)
            backdate(
                p, handled, Action.PETITION_ANSWERED, Action.PETITION_DECLINED, Action.PETITION_PUBLISHED
            )

        complaint = actions.send_petition(
            commune, kind="complaint", channel=Channel.LETTER, received_at=now - dt.timedelta(days=9), by=clerk,
            text="Khiếu nại Quyết định thu hồi đất số 15/QĐ-UBND của UBND xã đối với thửa đất số 112.",
        )  # fmt: skip
        actions.forward_petition(
            complaint, by=clerk, to="Chủ tịch UBND xã (giải quyết khiếu nại lần đầu theo Luật Khiếu nại)",
            note="Đơn khiếu nại được chuyển để giải quyết theo Luật Khiếu nại; người khiếu nại nhận thông báo "
            "thụ lý trong 10 ngày.",
        )  # fmt: skip
        overdue = actions.send_petition(
            commune, channel=Channel.MEETING, received_at=now - dt.timedelta(days=20), by=clerk,
            text="Cử tri thôn Đồng Bông đề nghị nâng cấp nhà văn hóa thôn trước mùa mưa.",
        )  # fmt: skip
        actions.route_petition(
            overdue, by=clerk, topic="infrastructure", kind="petition", assigned_to="Địa chính"
        )
        actions.send_petition(
            commune, channel=Channel.ONLINE, received_at=now - dt.timedelta(days=8),
            text="Đường vào trường tiểu học ngập nước mỗi khi mưa to, đề nghị xã khơi thông cống.",
            name="Phạm Thị Thu", contact="thu.pham@example.vn",
        )  # fmt: skip
        actions.send_petition(
            commune, text="Rò rỉ nước ở trạm bơm thôn Hố Cả.", received_at=now - dt.timedelta(hours=5)
        )
        spam = actions.send_petition(commune, text="Vay tiền nhanh lãi suất thấp, gọi ngay!")
        actions.hide_petition(spam, by=clerk, reason="Quảng cáo, không phải phản ánh, kiến nghị")

        actions.send_petition(
            agency, by=users["agency_staff"], received_at=now - dt.timedelta(days=4), name="Hoàng Văn Nam",
            text="Đề nghị lãnh đạo cơ quan bố trí máy lấy số thứ tự ở bộ phận một cửa.",
        )  # fmt: skip
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu mẫu phản ánh, kiến nghị."))
