"""Demo consultations, decisions and a recommendation for Xã Đồng Kỳ (after load_demo). Safe to run again."""

import datetime as dt
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from consultations import actions, outputs
from consultations.actions import record_meeting
from consultations.models import Consultation, Meeting
from consultations.regulations import actions as regulation_actions
from consultations.regulations.models import ComplianceDeadline, RegulationKind
from democracy.demo import backdate
from democracy.models import Action, CatalogueItem
from democracy.uploads import check_upload
from disclosures import actions as disclosure_actions
from disclosures.demo import COMMUNE_SIGNER, demo_document
from units.models import AdministrativeUnit, Agency


def item(article, clause):
    return CatalogueItem.objects.get(scope="commune", article=article, clause=clause)


def attach_draft(consultation, by):
    """Opening needs a draft document: the plan itself, printed as the portal prints it."""
    pdf = SimpleUploadedFile(f"du-thao-{consultation.pk}.pdf", outputs.plan_pdf(consultation))
    actions.attach_documents(consultation, [check_upload(pdf)], by=by)


def on(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def replay_dong_son(agency, clerk, head):
    """30/01 plan 127/KH-UBND → 05/02 staff conference of 28, unanimous, and the draft posted for 20 days
    (posting record) → 25/02 closing record, no comments → 26/02 regulation 156/QC-UBND, in the register
    and posted (Art. 46 item 9) → 27/02 result report 164/BC-UBND."""
    agency_item = CatalogueItem.objects.get(scope="agency", article=53, clause=8)
    planned, opened, last_day = dt.date(2024, 1, 30), on(dt.date(2024, 2, 5), 8), dt.date(2024, 2, 25)
    done = actions.create_consultation(
        owner=agency, by=clerk, item=agency_item, period_days=20, forms=["2", "posting"],
        title="Dự thảo Quy chế thực hiện dân chủ trong hoạt động của cơ quan hành chính xã Đồng Kỳ",
        content="Lấy ý kiến cán bộ, công chức, người lao động về dự thảo Quy chế thực hiện dân chủ trong hoạt "
        "động của cơ quan hành chính xã.", purpose="Phát huy quyền làm chủ của cán bộ, công chức.",
        responsible="Văn phòng - Thống kê chủ trì; Công đoàn cơ sở phối hợp.",
        plan_number="127/KH-UBND", plan_date=planned, conference_comments_until=dt.date(2024, 2, 5),
    )  # fmt: skip
    attach_draft(done, clerk)
    regulation_actions.enter_paper_cycle(
        done, by=head, opened_at=opened, last_day=last_day, closed_at=on(last_day, 16),
        reason="Cuộc lấy ý kiến năm 2024 làm trên giấy (Kế hoạch 127/KH-UBND ngày 30/01/2024), nhập lại từ hồ sơ "
        "lưu của Văn phòng.",
    )  # fmt: skip
    conference = record_meeting(
        owner=agency, by=clerk, kind=Meeting.Kind.STAFF_CONFERENCE, consultation=done,
        title="Hội nghị lấy ý kiến dự thảo Quy chế thực hiện dân chủ", held_at=on(dt.date(2024, 2, 5), 14),
        place="Hội trường UBND xã Đồng Kỳ", chair="Bùi Quang Huy, Chánh Văn phòng",
        secretary="Phạm Thu Trang, công chức Văn phòng - Thống kê", expected=28, present=28,
        conclusion="Hội nghị nhất trí 100% với dự thảo Quy chế; không có ý kiến khác.",
    )  # fmt: skip
    done.refresh_from_db()
    issued = dt.date(2024, 2, 26)
    paper = SimpleNamespace(
        decision_date=issued, unit=None, agency=agency, decision_issuer="Ủy ban nhân dân xã Đồng Kỳ",
        decision_number="156/QC-UBND", title="Quy chế thực hiện dân chủ trong hoạt động của cơ quan hành chính xã",
    )  # fmt: skip
    document = demo_document(
        paper, kind="Quy chế", signer=COMMUNE_SIGNER,
        paragraphs=[
            "(Ban hành kèm theo Quyết định của Ủy ban nhân dân xã Đồng Kỳ)",
            "Điều 1. Quy chế này quy định nội dung, hình thức, trách nhiệm thực hiện dân chủ trong hoạt động "
            "của cơ quan hành chính xã Đồng Kỳ.",
            "Điều 2. Cán bộ, công chức, người lao động được biết, tham gia ý kiến, quyết định và kiểm tra, "
            "giám sát theo Chương IV Luật Thực hiện dân chủ ở cơ sở.",
        ],
    )  # fmt: skip
    regulation = regulation_actions.issue_from_consultation(
        done, by=clerk, file=check_upload(document), title=paper.title.replace("xã", "xã Đồng Kỳ"),
        number="156/QC-UBND", issued_on=issued, effective_from=issued, issuer="Ủy ban nhân dân xã Đồng Kỳ",
        next_review_on=dt.date(2025, 2, 26),
    )  # fmt: skip
    posting = regulation.disclosure
    disclosure_actions.publish(posting, by=head, now=on(issued, 15))
    reported, approved = on(dt.date(2024, 2, 27), 9), on(dt.date(2024, 2, 27), 11)
    result = actions.submit_results(
        done, by=clerk, result_number="164/BC-UBND", now=reported,
        summary="Không có ý kiến khác; hội nghị 28/28 người nhất trí với dự thảo Quy chế.",
        body="Hội nghị cán bộ, công chức, người lao động ngày 05/02/2024 có 28/28 người dự, nhất trí 100% với dự "
        "thảo Quy chế. Dự thảo được niêm yết tại trụ sở 20 ngày (từ 05/02 đến hết 25/02/2024); trong thời gian "
        "niêm yết không nhận được câu hỏi, ý kiến phản ánh nào. Quy chế đã được ban hành ngày 26/02/2024 "
        "(số 156/QC-UBND).",
    )  # fmt: skip
    disclosure_actions.publish(result, by=head, now=approved)
    # Both postings ended in March 2024: closed when their windows ended, as the job would have.
    for disclosure in sorted((posting, result), key=lambda d: d.window_ends_at):
        disclosure_actions.close_due_postings(now=disclosure.window_ends_at + dt.timedelta(minutes=1))
    # The trail as it happened on paper; the paper entry itself stays at the moment it was made.
    backdate(done, on(planned, 8, 30), Action.CREATED)
    backdate(done, on(planned, 9), Action.DOCUMENTS_ADDED)
    backdate(conference, conference.held_at, Action.CREATED, Action.MEETING_RECORDED)
    backdate(done, conference.held_at, Action.MEETING_RECORDED)
    done.documents.update(uploaded_at=on(planned, 9))
    backdate(done, on(issued, 14), Action.REGULATION_ISSUED)
    backdate(regulation, on(issued, 14), Action.CREATED)
    backdate(posting, on(issued, 14), Action.CREATED, Action.DOCUMENTS_ADDED, Action.SUBMITTED)
    backdate(posting, posting.published_at, Action.PUBLISHED)
    backdate(done, reported, Action.RESULTS_SUBMITTED)
    backdate(done, approved, Action.RESULTS_PUBLISHED)
    backdate(result, reported, Action.CREATED, Action.SUBMITTED)
    backdate(result, approved, Action.PUBLISHED)
    return done


def register_rules(commune, village, clerk):
    """The commune's regulation and a village convention already in force (entered from the paper
    register), and the deadline the province set for the communes' and agencies' regulations."""
    regulation_actions.register_regulation(
        owner=commune, by=clerk, kind=RegulationKind.COMMUNE_DEMOCRACY, number="08/QC-UBND",
        title="Quy chế thực hiện dân chủ ở xã Đồng Kỳ", issued_on=dt.date(2023, 9, 15),
        effective_from=dt.date(2023, 9, 15), issuer="Ủy ban nhân dân xã Đồng Kỳ", next_review_on=dt.date(2026, 9, 15),
    )  # fmt: skip
    regulation_actions.register_regulation(
        owner=village, by=clerk, kind=RegulationKind.HUONG_UOC, number="45/QĐ-UBND",
        title=f"Hương ước {village.name}", issued_on=dt.date(2024, 3, 27), effective_from=dt.date(2024, 3, 27),
        issuer="Ủy ban nhân dân xã Đồng Kỳ", draft_posted_on=dt.date(2024, 2, 1), decided_on=dt.date(2024, 3, 15),
        dossier_sent_on=dt.date(2024, 3, 20),
        sent_on=dt.date(2024, 3, 29), note="Thông qua tại cuộc họp cộng đồng dân cư ngày 15/03/2024.",
    )  # fmt: skip
    for kind, due in ((RegulationKind.COMMUNE_DEMOCRACY, dt.date(2023, 12, 31)),
                      (RegulationKind.AGENCY_DEMOCRACY, dt.date(2024, 3, 31))):  # fmt: skip
        ComplianceDeadline.objects.get_or_create(
            kind=kind, defaults={"due_on": due, "article": "Kế hoạch triển khai Luật Thực hiện dân chủ ở cơ sở của "
                                 "UBND tỉnh Bắc Ninh (dữ liệu mẫu)"},
        )  # fmt: skip


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu lấy ý kiến, bàn và quyết định, kiến nghị cho Xã Đồng Kỳ (sau load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        commune = AdministrativeUnit.objects.filter(code="07282").first()
        village = AdministrativeUnit.objects.filter(code="07282-01").first()
        agency = Agency.objects.filter(code="UBND-07282").first()
        users = get_user_model().objects.in_bulk(
            ["clerk", "approver", "inspector", "agency_clerk", "agency_head"], field_name="username"
        )
        if commune is None or village is None or agency is None or len(users) < 5:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `python manage.py load_demo` trước.")
        if Consultation.objects.filter(Q(unit=commune) | Q(agency=agency)).exists():
            self.stdout.write("Dữ liệu mẫu lấy ý kiến đã có.")
            return
        clerk, approver, inspector = users["clerk"], users["approver"], users["inspector"]
        now = timezone.now()
        today = timezone.localdate()

        # Đông Sơn 2024 (seed 003, product.md §7) replayed with its real dates, under the right item: the
        # regulation of the commune's administrative agency is consulted on inside the agency (Art. 53
        # item 8), not with the residents (Art. 25). Held on paper before the portal, it is brought in by
        # the head of the agency with the real dates (`enter_paper_cycle`, reason in the trail).
        replay_dong_son(agency, users["agency_clerk"], users["agency_head"])
        register_rules(commune, village, clerk)

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
