"""Demo consultations, decisions and a recommendation for Xã Đồng Kỳ (after load_demo). Safe to run again."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from consultations import actions, outputs
from consultations.actions import record_meeting
from consultations.models import Comment, CommentChannel, Consultation, Meeting, ResponseKind
from democracy.demo import backdate
from democracy.models import Action, CatalogueItem
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

        # A finished cycle, as in Đông Sơn 2024: plan, conference of 28, 20 days, comments answered, results.
        planned = today - dt.timedelta(days=40)
        opened = now - dt.timedelta(days=35)
        done = actions.create_consultation(
            owner=commune, by=clerk, item=item(25, 7), period_days=20, forms=["a", "e"],
            title="Dự thảo Quy chế thực hiện dân chủ trong hoạt động của cơ quan hành chính xã Đồng Kỳ",
            content="Lấy ý kiến đóng góp dự thảo Quy chế.", plan_number="127/KH-UBND", plan_date=planned,
        )  # fmt: skip
        attach_draft(done, clerk)
        actions.open_consultation(done, by=approver, now=opened)
        conference = record_meeting(
            owner=commune, by=clerk, kind=Meeting.Kind.CONFERENCE, consultation=done,
            title="Hội nghị lấy ý kiến dự thảo Quy chế", held_at=opened + dt.timedelta(days=2),
            place="Hội trường UBND xã Đồng Kỳ", chair="Trần Văn Minh, Chủ tịch UBND xã",
            secretary="Nguyễn Thị Hoa, công chức Văn phòng - Thống kê", expected=28, present=28,
            conclusion="Hội nghị nhất trí với dự thảo, đề nghị bổ sung thời hạn trả lời kiến nghị.",
        )  # fmt: skip
        comments = [
            actions.add_comment(
                done, text="Đề nghị ghi rõ thời hạn trả lời kiến nghị của Ban Thanh tra nhân dân.", section="Điều 12",
                channel=CommentChannel.CONFERENCE, people_count=28, by=clerk, received_at=conference.held_at,
            ),
            actions.add_comment(
                done, text="Nên niêm yết dự thảo cả ở nhà văn hóa các thôn, không chỉ tại trụ sở UBND xã.",
                received_at=opened + dt.timedelta(days=9),
            ),
        ]  # fmt: skip
        actions.respond(comments[0], by=clerk, kind=ResponseKind.ACCEPTED,
                        text="Tiếp thu: bổ sung thời hạn 15 ngày tại Điều 12 (Điều 40 Luật 10/2022/QH15).")  # fmt: skip
        actions.respond(comments[1], by=clerk, kind=ResponseKind.EXPLAINED,
                        text="Dự thảo đã được niêm yết tại nhà văn hóa 4 thôn từ ngày đầu lấy ý kiến.")  # fmt: skip
        done.refresh_from_db()
        closing = done.ends_at + dt.timedelta(minutes=5)
        actions.close_due_consultations(now=closing)
        done.refresh_from_db()
        reported = dt.datetime.combine(
            timezone.localdate(closing) + dt.timedelta(days=3),
            dt.time(9),
            tzinfo=timezone.get_current_timezone(),
        )
        # The clerk submits the result report; the approver publishes it (issue 18: never the clerk alone).
        result = actions.submit_results(
            done,
            by=clerk,
            summary="2 ý kiến (1 tại hội nghị 28 người, 1 trực tuyến): tiếp thu 1, giải trình 1.",
            body="Trong 20 ngày lấy ý kiến, Ủy ban nhân dân xã nhận 2 ý kiến: 1 ý kiến tại hội nghị của 28 "
            "người đề nghị ghi rõ thời hạn trả lời kiến nghị của Ban Thanh tra nhân dân (tiếp thu: bổ sung "
            "thời hạn 15 ngày tại Điều 12); 1 ý kiến trực tuyến đề nghị niêm yết dự thảo ở nhà văn hóa các "
            "thôn (giải trình: dự thảo đã được niêm yết tại nhà văn hóa 4 thôn từ ngày đầu lấy ý kiến).",
            result_number="164/BC-UBND",
            now=reported,
        )
        approved = reported + dt.timedelta(hours=2)
        disclosure_actions.publish(result, by=approver, now=approved)
        # The trail as it happened (the loader runs every act now): planned, opened, conference, comments
        # answered a week after the period closed… (democracy.demo).
        backdate(done, dt.datetime.combine(planned, dt.time(8, 30), tzinfo=timezone.get_current_timezone()),
                 Action.CREATED)  # fmt: skip
        backdate(done, opened - dt.timedelta(hours=1), Action.DOCUMENTS_ADDED)
        backdate(done, opened, Action.OPENED)
        backdate(done, conference.held_at, Action.MEETING_RECORDED)
        for n, comment in enumerate(comments):
            backdate(done, comment.received_at, Action.COMMENT_RECEIVED, index=n)
        answered = done.ends_at - dt.timedelta(days=2, hours=8)
        Comment.objects.filter(pk__in=[c.pk for c in comments]).update(responded_at=answered)
        backdate(done, answered, Action.COMMENT_RESPONDED)
        backdate(conference, conference.held_at, Action.CREATED, Action.MEETING_RECORDED)
        backdate(done, reported, Action.RESULTS_SUBMITTED)
        backdate(done, approved, Action.RESULTS_PUBLISHED)
        backdate(result, reported, Action.CREATED, Action.SUBMITTED)
        backdate(result, approved, Action.PUBLISHED)

        # An open consultation citizens can comment on.
        open_one = actions.create_consultation(
            owner=commune, by=clerk, item=item(25, 5), period_days=20, forms=["b", "e"],
            title="Dự thảo quyết định về giữ gìn vệ sinh môi trường khu dân cư",
            content="Quy định thu gom rác thải sinh hoạt tại các thôn.", plan_number="201/KH-UBND",
            plan_date=today - dt.timedelta(days=6),
        )  # fmt: skip
        attach_draft(open_one, clerk)
        actions.open_consultation(open_one, by=approver, now=now - dt.timedelta(days=2))
        backdate(open_one, now - dt.timedelta(days=6), Action.CREATED)
        backdate(open_one, now - dt.timedelta(days=2, hours=1), Action.DOCUMENTS_ADDED)
        backdate(open_one, now - dt.timedelta(days=2), Action.OPENED)
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
        backdate(decision, now - dt.timedelta(days=10), Action.CREATED)
        backdate(decision, now - dt.timedelta(days=3), Action.TALLIED)
        actions.make_recommendation(
            owner=commune, by=inspector, subject="Công khai quỹ đóng góp làm đường",
            text="Đề nghị UBND xã công khai thu, chi quỹ đóng góp làm đường năm 2026.",
            addressed_to="Ủy ban nhân dân xã Đồng Kỳ", made_on=today - dt.timedelta(days=20),
        )  # fmt: skip
        self.stdout.write(
            self.style.SUCCESS("Dữ liệu mẫu: 2 cuộc lấy ý kiến, 1 quyết định của thôn, 1 kiến nghị.")
        )
