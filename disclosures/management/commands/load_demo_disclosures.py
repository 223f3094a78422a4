"""Demo disclosures for Xã Đồng Kỳ and its office, so the board, the workspace and the records have
something to show after `make run`. Needs `load_demo`. Safe to run again (it adds nothing twice)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from democracy.demo import backdate
from democracy.models import Action, CatalogueItem
from disclosures import actions
from disclosures.models import Disclosure, Feedback
from units.models import AdministrativeUnit, Agency


class Command(BaseCommand):
    help = "Nạp thông tin công khai mẫu cho Xã Đồng Kỳ (sau load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        commune = AdministrativeUnit.objects.filter(code="07282").first()
        agency = Agency.objects.filter(code="UBND-07282").first()
        users = get_user_model().objects.in_bulk(
            ["clerk", "approver", "agency_clerk", "admin"], field_name="username"
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
            *,
            scope="commune",
            article=11,
            **extra,
        ):
            decided = today - dt.timedelta(days=(days_ago or 0) + 2)
            disclosure = actions.create_draft(
                owner=owner, by=author, item=item(article, clause, scope), title=title, summary=summary,
                body=summary, decision_number=extra.pop("number", f"{clause}/QĐ-UBND"), decision_date=decided,
                decision_issuer=extra.pop("issuer", "Ủy ban nhân dân xã Đồng Kỳ"), forms=extra.pop("forms", ["a", "b"]),
                villages=villages if scope == "commune" else (), **extra,
            )  # fmt: skip
            if days_ago is None:
                return disclosure
            actions.submit(disclosure, by=author)
            published = now - dt.timedelta(days=days_ago)
            actions.publish(disclosure, by=publisher, now=published, late_reason="Dữ liệu mẫu")
            # The trail as it happened: drafted the day before, submitted that morning, then published.
            Disclosure.objects.filter(pk=disclosure.pk).update(created_at=published - dt.timedelta(hours=26))
            backdate(disclosure, published - dt.timedelta(hours=26), Action.CREATED)
            backdate(disclosure, published - dt.timedelta(hours=3), Action.SUBMITTED)
            backdate(disclosure, published, Action.PUBLISHED)
            return disclosure

        budget = make(commune, clerk, approver, 2, 3, "Dự toán thu, chi ngân sách xã năm 2026",
                      "Dự toán thu, chi ngân sách xã Đồng Kỳ năm 2026 đã được Hội đồng nhân dân xã quyết định.",
                      number="45/NQ-HĐND", issuer="Hội đồng nhân dân xã Đồng Kỳ")  # fmt: skip
        actions.add_feedback(budget, text="Khoản chi sửa đường liên thôn Đồng Bông lấy từ nguồn nào?")
        make(commune, clerk, approver, 4, 40, "Quy chế thực hiện dân chủ ở xã Đồng Kỳ",
             "Quy chế thực hiện dân chủ ở xã, niêm yết thường xuyên tại trụ sở.")  # fmt: skip
        make(commune, clerk, approver, 7, 1, "Danh sách hộ nghèo, hộ cận nghèo năm 2026",
             "Kết quả bình xét hộ nghèo, hộ cận nghèo năm 2026.", forms=["a", "b", "c", "d"])  # fmt: skip
        old = make(commune, clerk, approver, 3, 45, "Kế hoạch thu hồi đất làm đường liên thôn",
                   "Kế hoạch thu hồi đất, bồi thường, hỗ trợ để làm đường liên thôn Trại Nhất – Hố Cả.")  # fmt: skip
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
            commune, clerk, approver, 12, None, "Mức thu phí chợ năm 2026", "Dự kiến mức thu phí chợ Đồng Kỳ."
        )
        make(agency, users["agency_clerk"], users["admin"], 2, 2, "Kế hoạch công tác năm 2026 của Văn phòng",
             "Kế hoạch công tác năm 2026 (nội bộ cơ quan).", scope="agency", article=46,
             issuer="Văn phòng HĐND và UBND xã Đồng Kỳ", forms=["a", "b"])  # fmt: skip
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
