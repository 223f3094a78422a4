"""Demo consultations, decisions and a recommendation for Xã Đồng Kỳ (after load_demo). Safe to run again."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from consultations import actions, outputs
from consultations.actions import record_meeting
from consultations.models import Consultation, Meeting
from democracy.models import CatalogueItem
from democracy.uploads import check_upload
from disclosures import actions as disclosure_actions
from units.models import AdministrativeUnit


def item(article, clause):
    return CatalogueItem.objects.get(scope="commune", article=article, clause=clause)


def attach_draft(consultation, by):
    """Opening needs a draft document: the plan itself, printed as the portal prints it."""
    pdf = SimpleUploadedFile(f"du-thao-{consultation.pk}.pdf", outputs.plan_pdf(consultation))
    actions.attach_documents(consultation, [check_upload(pdf)], by=by)


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu lấy ý kiến, bàn và quyết định, kiến nghị cho Xã Đồng Kỳ (sau load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        commune = AdministrativeUnit.objects.filter(code="07282").first()
        village = AdministrativeUnit.objects.filter(code="07282-01").first()
        users = get_user_model().objects.in_bulk(["clerk", "approver", "inspector"], field_name="username")
        if commune is None or village is None or len(users) < 3:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `python manage.py load_demo` trước.")
        if Consultation.objects.filter(unit=commune).exists():
            self.stdout.write("Dữ liệu mẫu lấy ý kiến đã có.")
            return
        clerk, approver, inspector = users["clerk"], users["approver"], users["inspector"]
        now = timezone.now()
        today = timezone.localdate()

        # A finished cycle, as in Đông Sơn 2024: plan, conference of 28, 20 days, no comments, results.
        done = actions.create_consultation(
            owner=commune, by=clerk, item=item(25, 7), period_days=20, forms=["a", "e"],
            title="Dự thảo Quy chế thực hiện dân chủ trong hoạt động của cơ quan hành chính xã Đồng Kỳ",
            content="Lấy ý kiến đóng góp dự thảo Quy chế.", plan_number="127/KH-UBND", plan_date=today - dt.timedelta(days=40),
        )  # fmt: skip
        attach_draft(done, clerk)
        actions.open_consultation(done, by=approver, now=now - dt.timedelta(days=35))
        record_meeting(
            owner=commune, by=clerk, kind=Meeting.Kind.CONFERENCE, consultation=done,
            title="Hội nghị lấy ý kiến dự thảo Quy chế", held_at=now - dt.timedelta(days=35),
            place="Hội trường UBND xã Đồng Kỳ", chair="Trần Văn Minh, Chủ tịch UBND xã",
            secretary="Nguyễn Thị Hoa, công chức Văn phòng - Thống kê", expected=28, present=28,
            conclusion="Hội nghị nhất trí 100% với dự thảo.",
        )  # fmt: skip
        actions.close_due_consultations(now=now)
        done.refresh_from_db()
        result = actions.submit_results(
            done,
            by=clerk,
            summary="Không có ý kiến đóng góp; thống nhất 100%.",
            result_number="164/BC-UBND",
        )
        disclosure_actions.publish(result, by=approver)

        # An open consultation citizens can comment on.
        open_one = actions.create_consultation(
            owner=commune, by=clerk, item=item(25, 5), period_days=20, forms=["b", "e"],
            title="Dự thảo quyết định về giữ gìn vệ sinh môi trường khu dân cư",
            content="Quy định thu gom rác thải sinh hoạt tại các thôn.", plan_number="201/KH-UBND", plan_date=today,
        )  # fmt: skip
        attach_draft(open_one, clerk)
        actions.open_consultation(open_one, by=approver, now=now - dt.timedelta(days=2))
        actions.add_comment(
            open_one, text="Đề nghị bố trí thêm điểm tập kết rác ở thôn Trại Nhất.", section="Điều 4"
        )

        # A village decision with its tally, and a recommendation of the inspection board.
        decision = actions.create_decision(
            owner=village,
            by=clerk,
            item=item(15, 1),
            method="meeting",
            title="Mức đóng góp làm đường bê tông thôn Đồng Bông",
        )
        actions.record_tally(
            decision, by=clerk, decided_on=today - dt.timedelta(days=3), agree=130, disagree=20, present=150
        )
        actions.make_recommendation(
            owner=commune, by=inspector, subject="Công khai quỹ đóng góp làm đường",
            text="Đề nghị UBND xã công khai thu, chi quỹ đóng góp làm đường năm 2026.",
            addressed_to="Ủy ban nhân dân xã Đồng Kỳ", made_on=today - dt.timedelta(days=20),
        )  # fmt: skip
        self.stdout.write(
            self.style.SUCCESS("Dữ liệu mẫu: 2 cuộc lấy ý kiến, 1 quyết định của thôn, 1 kiến nghị.")
        )
