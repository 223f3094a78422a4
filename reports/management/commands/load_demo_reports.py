"""Demo figures and reports for the last half-year that ended, so that the reviewer's dashboard of
Bắc Ninh shows communes on time, late and missing after `make run`. Needs `load_demo`. Safe to run
again (it adds nothing twice).

- Xã Đồng Kỳ (07282): every posting on time, report signed and sent before the deadline.
- Xã Yên Thế (07288): two postings late, report sent after the deadline.
- Xã Bố Hạ (07294): one posting late, one withdrawn before its window ended, no report sent.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from democracy.demo import backdate
from democracy.models import Action, CatalogueItem
from democracy.uploads import check_upload
from disclosures import actions as disclosure_actions
from disclosures.demo import COMMUNE_SIGNER, decision_paragraphs, demo_document
from disclosures.models import Disclosure
from reports import actions
from reports.compliance import period_for
from reports.models import UnitReport
from units.models import AdministrativeUnit, Agency, owner_fields

HCM = timezone.get_default_timezone()


class Command(BaseCommand):
    help = "Nạp báo cáo và số liệu mẫu của kỳ 6 tháng vừa qua (sau load_demo)."

    @transaction.atomic
    def handle(self, *args, **options):
        province = AdministrativeUnit.objects.filter(code="24").first()
        communes = AdministrativeUnit.objects.in_bulk(["07282", "07288", "07294"], field_name="code")
        users = get_user_model().objects.in_bulk(
            ["clerk", "approver", "clerk_yenthe", "approver_yenthe", "agency_head", "agency_clerk", "admin"],
            field_name="username",
        )
        if province is None or len(communes) < 3 or len(users) < 7:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `python manage.py load_demo` trước.")
        period = period_for(province)
        if UnitReport.objects.filter(unit=communes["07282"], year=period.year, kind=period.kind).exists():
            self.stdout.write("Báo cáo mẫu đã có.")
            return
        admin = users["admin"]

        def item(clause):
            return CatalogueItem.objects.get(scope="commune", article=11, clause=clause)

        def post(commune, author, clause, title, *, day, late_days=0, withdraw_after=None, publisher=None):
            publisher = publisher or admin
            posted = period.start + dt.timedelta(days=day)
            decided = posted - dt.timedelta(days=2 + late_days * 7 // 5)
            disclosure = disclosure_actions.create_draft(
                owner=commune, by=author, item=item(clause), title=title,
                summary=f"{title} của {commune.name}.",
                body=f"{title} của {commune.name}, theo văn bản số {clause}{day}/QĐ-UBND; chi tiết trong văn "
                "bản kèm theo, niêm yết tại trụ sở Ủy ban nhân dân xã và nhà văn hóa các thôn, tổ dân phố.",
                decision_number=f"{clause}{day}/QĐ-UBND", decision_date=decided,
                decision_issuer=f"Ủy ban nhân dân {commune.name}",
                **disclosure_actions.required_placement(commune, item(clause)),
            )  # fmt: skip
            signer = {**COMMUNE_SIGNER, "signer_name": publisher.get_full_name()}
            pdf = demo_document(
                disclosure, kind="QUYẾT ĐỊNH", paragraphs=decision_paragraphs(disclosure), signer=signer
            )
            disclosure_actions.add_documents(disclosure, [check_upload(pdf)], by=author)
            disclosure_actions.submit(disclosure, by=author)
            published = dt.datetime.combine(posted, dt.time(9), HCM)
            disclosure_actions.publish(
                disclosure, by=publisher, now=published, late_reason="Chờ ký văn bản gốc" if late_days else "",
            )  # fmt: skip
            # The trail as it happened (democracy.demo): drafted the day before, submitted, published.
            Disclosure.objects.filter(pk=disclosure.pk).update(created_at=published - dt.timedelta(hours=20))
            backdate(disclosure, published - dt.timedelta(hours=20), Action.CREATED, Action.DOCUMENTS_ADDED)
            backdate(disclosure, published - dt.timedelta(hours=1), Action.SUBMITTED)
            backdate(disclosure, published, Action.PUBLISHED)
            if withdraw_after is not None:
                disclosure_actions.withdraw(
                    disclosure, by=admin, reason="Văn bản bị thay thế, thu hồi để sửa"
                )
                withdrawn = dt.datetime.combine(posted + dt.timedelta(days=withdraw_after), dt.time(15), HCM)
                Disclosure.objects.filter(pk=disclosure.pk).update(closed_at=withdrawn)
                backdate(disclosure, withdrawn, Action.WITHDRAWN)
            return disclosure

        dong_ky, yen_the, bo_ha = communes["07282"], communes["07288"], communes["07294"]
        clerk, clerk_yenthe = users["clerk"], users["clerk_yenthe"]
        approver, approver_yenthe = users["approver"], users["approver_yenthe"]
        post(dong_ky, clerk, 2, "Dự toán ngân sách xã điều chỉnh", day=20, publisher=approver)
        post(dong_ky, clerk, 7, "Danh sách hộ được hỗ trợ nhà ở", day=60, publisher=approver)
        post(dong_ky, clerk, 10, "Kết quả thanh tra việc quản lý đất công", day=100, publisher=approver)
        post(yen_the, clerk_yenthe, 2, "Quyết toán ngân sách xã năm trước", day=15, late_days=9,
             publisher=approver_yenthe)  # fmt: skip
        post(yen_the, clerk_yenthe, 3, "Kế hoạch sử dụng đất năm nay", day=45, publisher=approver_yenthe)
        post(yen_the, clerk_yenthe, 6, "Kế hoạch làm đường giao thông nông thôn", day=80, late_days=6,
             publisher=approver_yenthe)  # fmt: skip
        post(bo_ha, admin, 2, "Dự toán thu, chi ngân sách xã", day=30, late_days=12)
        post(bo_ha, admin, 8, "Danh sách đối tượng nhận trợ cấp xã hội", day=70, withdraw_after=10)
        # Windows closed when they ended (the job runs every 5 minutes), not when the demo was loaded.
        now = timezone.now()
        for ends_at in sorted(
            Disclosure.objects.filter(window_ends_at__lt=now, state="published").values_list(
                "window_ends_at", flat=True
            )
        ):
            disclosure_actions.close_due_postings(now=ends_at + dt.timedelta(minutes=5))

        # As the scheduled job would have: the night after the period ended.
        compiled = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(2, 30), HCM)
        actions.compile_area(province, period, now=compiled)
        narrative = {
            "results": "Ủy ban nhân dân xã đã công khai đầy đủ các nội dung theo Điều 11 Luật Thực hiện dân chủ ở "
            "cơ sở, niêm yết tại trụ sở và nhà văn hóa các thôn, đăng trên trang thông tin điện tử của xã.",
            "shortcomings": "Một số nội dung công khai chậm do văn bản gốc ký muộn; việc trả lời ý kiến của "
            "Nhân dân có lúc chưa kịp thời.",
            "proposals": "Đề nghị Sở Nội vụ tổ chức tập huấn nghiệp vụ cho công chức phụ trách công khai.",
        }

        def submit(owner, signer, on, approver, title="Chủ tịch"):
            report = UnitReport.objects.get(**owner_fields(owner),
                                            year=period.year, kind=period.kind)  # fmt: skip
            actions.update_narrative(report, by=signer, **narrative)
            report.refresh_from_db()
            actions.send_to_sign(report, by=signer)
            signed = dt.datetime.combine(on, dt.time(10), HCM)
            actions.sign_and_submit(report, by=approver, signer_title=title, now=signed)
            backdate(report, signed - dt.timedelta(days=1, hours=2), Action.NARRATIVE_UPDATED)
            backdate(report, signed - dt.timedelta(days=1), Action.SENT_TO_SIGN)
            backdate(report, signed, Action.SIGNED)

        submit(dong_ky, clerk, period.due - dt.timedelta(days=2), users["approver"])
        submit(yen_the, clerk_yenthe, period.due + dt.timedelta(days=6), approver_yenthe)
        office = Agency.objects.filter(code="UBND-07282").first()
        if office:
            submit(office, users["agency_clerk"], period.due, users["agency_head"], title="Chánh Văn phòng")
        self.stdout.write(
            self.style.SUCCESS(
                f"Báo cáo mẫu {period.label}: Đồng Kỳ gửi đúng hạn, Yên Thế gửi muộn, Bố Hạ chưa gửi."
            )
        )
