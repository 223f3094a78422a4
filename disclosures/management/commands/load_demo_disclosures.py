"""Demo disclosures for Xã Đồng Kỳ and its office, so the board, the workspace and the records have
something to show after `make run`. Needs `load_demo`. Safe to run again (it adds nothing twice).

Each disclosure reads as a real one would (issue 15): a summary and a longer body that differ, and the
document it publishes attached as a small PDF printed at load time by the portal's own renderer, with the
issuer's header, number, date and a named signer."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from democracy.demo import backdate
from democracy.models import Action, CatalogueItem
from democracy.uploads import check_upload
from disclosures import actions
from disclosures.demo import COMMUNE_SIGNER, COUNCIL_SIGNER, OFFICE_SIGNER, demo_document
from disclosures.models import Disclosure, Feedback
from units.models import AdministrativeUnit, Agency


class Command(BaseCommand):
    help = "Nạp thông tin công khai mẫu cho Xã Đồng Kỳ (sau load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        commune = AdministrativeUnit.objects.filter(code="07282").first()
        agency = Agency.objects.filter(code="UBND-07282").first()
        users = get_user_model().objects.in_bulk(
            ["clerk", "approver", "agency_clerk", "agency_head"], field_name="username"
        )
        if commune is None or agency is None or len(users) < 4:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `python manage.py load_demo` trước.")
        if Disclosure.objects.filter(unit=commune).exists():
            self.stdout.write("Thông tin công khai mẫu đã có.")
            return
        clerk, approver = users["clerk"], users["approver"]
        today = timezone.localdate()
        now = timezone.now()
        villages = list(commune.children.all())

        def item(article, clause, scope="commune"):
            return CatalogueItem.objects.get(scope=scope, article=article, clause=clause)

        def make(
            owner,
            author,
            publisher,
            clause,
            days_ago,
            title,
            summary,
            body,
            *,
            document,
            scope="commune",
            article=11,
            **extra,
        ):
            decided = today - dt.timedelta(days=(days_ago or 0) + 2)
            disclosure = actions.create_draft(
                owner=owner, by=author, item=item(article, clause, scope), title=title, summary=summary,
                body=body, decision_number=extra.pop("number", f"{clause}/QĐ-UBND"), decision_date=decided,
                decision_issuer=extra.pop("issuer", "Ủy ban nhân dân xã Đồng Kỳ"), forms=extra.pop("forms", ["a", "b"]),
                villages=villages if scope == "commune" else (), **extra,
            )  # fmt: skip
            signer = {"signer_name": publisher.get_full_name(), **document.pop("signer", COMMUNE_SIGNER)}
            pdf = demo_document(disclosure, signer=signer, **document)
            actions.add_documents(disclosure, [check_upload(pdf)], by=author)
            if days_ago is None:
                return disclosure
            actions.submit(disclosure, by=author)
            published = now - dt.timedelta(days=days_ago)
            actions.publish(disclosure, by=publisher, now=published, late_reason="Dữ liệu mẫu")
            # The trail as it happened: drafted the day before, submitted that morning, then published.
            Disclosure.objects.filter(pk=disclosure.pk).update(created_at=published - dt.timedelta(hours=26))
            backdate(disclosure, published - dt.timedelta(hours=26), Action.CREATED, Action.DOCUMENTS_ADDED)
            backdate(disclosure, published - dt.timedelta(hours=3), Action.SUBMITTED)
            backdate(disclosure, published, Action.PUBLISHED)
            return disclosure

        budget = make(
            commune, clerk, approver, 2, 3, "Dự toán thu, chi ngân sách xã năm 2026",
            "Dự toán thu, chi ngân sách xã Đồng Kỳ năm 2026 đã được Hội đồng nhân dân xã quyết định.",
            "Tổng thu ngân sách nhà nước trên địa bàn 18.450 triệu đồng; tổng chi ngân sách xã 17.920 triệu "
            "đồng, trong đó chi đầu tư phát triển 6.300 triệu đồng (đường liên thôn Đồng Bông – Trại Nhất, "
            "nhà văn hóa thôn Hố Cả) và chi thường xuyên 11.620 triệu đồng. Chi tiết từng khoản thu, chi "
            "theo biểu kèm theo Nghị quyết.",
            number="45/NQ-HĐND", issuer="Hội đồng nhân dân xã Đồng Kỳ",
            document={
                "kind": "NGHỊ QUYẾT", "signer": COUNCIL_SIGNER,
                "paragraphs": [
                    "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;",
                    "Điều 1. Tổng thu ngân sách nhà nước trên địa bàn xã năm 2026 là 18.450 triệu đồng; tổng "
                    "chi ngân sách xã là 17.920 triệu đồng.",
                    "Điều 2. Chi đầu tư phát triển 6.300 triệu đồng cho đường liên thôn Đồng Bông – Trại Nhất "
                    "và nhà văn hóa thôn Hố Cả; chi thường xuyên 11.620 triệu đồng.",
                    "Điều 3. Ủy ban nhân dân xã tổ chức thực hiện và công khai Nghị quyết này theo quy định.",
                ],
            },
        )  # fmt: skip
        actions.add_feedback(budget, text="Khoản chi sửa đường liên thôn Đồng Bông lấy từ nguồn nào?")
        make(
            commune, clerk, approver, 4, 40, "Quy chế thực hiện dân chủ ở xã Đồng Kỳ",
            "Quy chế thực hiện dân chủ ở xã, niêm yết thường xuyên tại trụ sở.",
            "Quy chế gồm 5 chương, 24 điều: những nội dung công khai để Nhân dân biết, Nhân dân bàn và "
            "quyết định, Nhân dân tham gia ý kiến, Nhân dân kiểm tra, giám sát; trách nhiệm của Ủy ban nhân "
            "dân xã, Ủy ban Mặt trận Tổ quốc xã và các thôn trong tổ chức thực hiện.",
            number="09/QĐ-UBND",
            document={
                "kind": "QUYẾT ĐỊNH",
                "paragraphs": [
                    "Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;",
                    "Điều 1. Ban hành kèm theo Quyết định này Quy chế thực hiện dân chủ ở xã Đồng Kỳ.",
                    "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Quy chế được niêm yết thường xuyên tại trụ "
                    "sở Ủy ban nhân dân xã và nhà văn hóa các thôn.",
                ],
            },
        )  # fmt: skip
        make(
            commune, clerk, approver, 7, 1, "Danh sách hộ nghèo, hộ cận nghèo năm 2026",
            "Kết quả bình xét hộ nghèo, hộ cận nghèo năm 2026.",
            "Qua rà soát, toàn xã có 112 hộ nghèo (2,8%) và 164 hộ cận nghèo (4,1%). Danh sách theo từng "
            "thôn được niêm yết tại nhà văn hóa thôn và phát trên đài truyền thanh xã; người dân có ý kiến "
            "về danh sách gửi Ủy ban nhân dân xã trong thời gian niêm yết.",
            forms=["a", "b", "c", "d"], number="88/QĐ-UBND",
            document={
                "kind": "QUYẾT ĐỊNH",
                "paragraphs": [
                    "Căn cứ kết quả rà soát hộ nghèo, hộ cận nghèo năm 2026 của các thôn;",
                    "Điều 1. Công nhận 112 hộ nghèo và 164 hộ cận nghèo trên địa bàn xã (danh sách kèm theo).",
                    "Điều 2. Các hộ có tên trong danh sách được hưởng chính sách hỗ trợ theo quy định.",
                ],
            },
        )  # fmt: skip
        old = make(
            commune, clerk, approver, 3, 45, "Kế hoạch thu hồi đất làm đường liên thôn",
            "Kế hoạch thu hồi đất, bồi thường, hỗ trợ để làm đường liên thôn Trại Nhất – Hố Cả.",
            "Thu hồi 1,2 ha đất của 37 hộ gia đình dọc tuyến đường liên thôn Trại Nhất – Hố Cả (dài 2,4 km). "
            "Tiến độ: kiểm đếm trong tháng thứ nhất, lập và niêm yết phương án bồi thường trong tháng thứ "
            "hai, chi trả trước khi bàn giao mặt bằng.",
            number="57/KH-UBND",
            document={
                "kind": "KẾ HOẠCH",
                "paragraphs": [
                    "1. Mục đích: thu hồi đất, bồi thường, hỗ trợ đúng quy định để làm đường liên thôn.",
                    "2. Phạm vi: 1,2 ha đất của 37 hộ gia đình thôn Trại Nhất và thôn Hố Cả.",
                    "3. Tiến độ: kiểm đếm, lập phương án bồi thường, niêm yết phương án, chi trả và bàn giao "
                    "mặt bằng.",
                ],
            },
        )  # fmt: skip
        question = actions.add_feedback(old, text="Mức bồi thường đất trồng cây lâu năm là bao nhiêu?",
                                        received_at=old.published_at + dt.timedelta(days=2))  # fmt: skip
        actions.answer_feedback(
            question, by=clerk, text="Theo Quyết định của UBND tỉnh về bảng giá đất năm 2026."
        )
        answered = question.received_at + dt.timedelta(days=3)
        Feedback.objects.filter(pk=question.pk).update(answered_at=answered)
        backdate(old, question.received_at, Action.FEEDBACK_RECEIVED)
        backdate(old, answered, Action.FEEDBACK_ANSWERED)
        make(
            commune, clerk, approver, 12, None, "Mức thu phí chợ năm 2026", "Dự kiến mức thu phí chợ Đồng Kỳ.",
            "Dự kiến thu 5.000 đồng mỗi lượt đối với hộ kinh doanh không cố định và 150.000 đồng mỗi tháng "
            "đối với ki-ốt cố định tại chợ Đồng Kỳ; số thu dùng cho vệ sinh, bảo vệ và sửa chữa chợ.",
            document={
                "kind": "DỰ THẢO",
                "paragraphs": [
                    "Mức thu: 5.000 đồng/lượt với hộ kinh doanh không cố định; 150.000 đồng/tháng với ki-ốt.",
                    "Số thu được dùng cho vệ sinh, bảo vệ và sửa chữa chợ Đồng Kỳ.",
                ],
            },
        )  # fmt: skip
        make(
            agency, users["agency_clerk"], users["agency_head"], 2, 2, "Kế hoạch công tác năm 2026 của Văn phòng",
            "Kế hoạch công tác năm 2026 (nội bộ cơ quan).",
            "Các nhiệm vụ trọng tâm năm 2026 của Văn phòng: số hóa hồ sơ một cửa, tổ chức tiếp công dân định "
            "kỳ, bảo đảm điều kiện các kỳ họp Hội đồng nhân dân xã; phân công cán bộ, công chức phụ trách.",
            scope="agency", article=46, number="03/KH-VP", issuer="Văn phòng HĐND và UBND xã Đồng Kỳ",
            forms=["a", "b"],
            document={
                "kind": "KẾ HOẠCH", "signer": OFFICE_SIGNER,
                "paragraphs": [
                    "1. Số hóa hồ sơ thủ tục hành chính tiếp nhận tại bộ phận một cửa.",
                    "2. Tổ chức tiếp công dân định kỳ vào thứ Năm hằng tuần.",
                    "3. Bảo đảm điều kiện tổ chức các kỳ họp Hội đồng nhân dân xã.",
                ],
            },
        )  # fmt: skip
        # Windows that ended before today closed when they ended (the job runs every 5 minutes).
        closed = 0
        for ends_at in sorted(
            Disclosure.objects.filter(unit=commune, window_ends_at__lt=now).values_list(
                "window_ends_at", flat=True
            )
        ):
            closed += actions.close_due_postings(now=ends_at + dt.timedelta(minutes=5))
        self.stdout.write(
            self.style.SUCCESS(f"Thông tin công khai mẫu: 6 mục ({closed} đã kết thúc niêm yết).")
        )
