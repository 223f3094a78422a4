"""Demo plans: Thị xã Sa Pa's 2024 implementation plan (seed 000) cascaded to two of its communes of
the time (one reports a task done, the other lets one go overdue), and Xã Bình Lư's 2026 plan
363/KH-UBND (seed 004) with its 2027 draft made from it. Needs `load_units` and `load_demo`. Safe to
run again (it adds nothing twice).

Thị xã Sa Pa (GSO 082) and Tỉnh Lào Cai as they were until 30/06/2025 are stored as history, like
load_demo's Yên Thế; the two communes under it are demo rows (codes 082-SAPA, 082-TAVAN, no GSO code)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from reports.plans import actions
from reports.plans.demo import (
    BINHLU_BASES,
    BINHLU_ORGANISATION,
    BINHLU_PURPOSE,
    BINHLU_RECIPIENTS,
    BINHLU_SECTIONS,
    BINHLU_TASKS,
    BINHLU_TITLE,
    SAPA_BASES,
    SAPA_FUNDING,
    SAPA_ORGANISATION,
    SAPA_PURPOSE,
    SAPA_RECIPIENTS,
    SAPA_SECTIONS,
    SAPA_TASKS,
    SAPA_TITLE,
)
from reports.plans.models import Kind, Plan, Status
from units.management.commands.load_demo import DEMO_PASSWORD, REFORM_EVE
from units.models import AdministrativeUnit, Level, Membership, Role, UnitType

USERS = [
    ("clerk_sapa", "Nguyễn Văn Trình (Phòng Nội vụ thị xã Sa Pa)", Role.CLERK, "082"),
    ("approver_sapa", "Đỗ Văn Tân", Role.APPROVER, "082"),
    ("clerk_sapa_ward", "Vàng Thị Mai", Role.CLERK, "082-SAPA"),
    ("clerk_tavan", "Giàng A Lử", Role.CLERK, "082-TAVAN"),
    ("clerk_binhlu", "Lò Thị Hương", Role.CLERK, "03390"),
    ("approver_binhlu", "Nguyễn Thị Nhàn", Role.APPROVER, "03390"),
]


class Command(BaseCommand):
    help = "Nạp kế hoạch mẫu: kế hoạch của thị xã Sa Pa (2024) và xã Bình Lư (2026)."

    @transaction.atomic
    def handle(self, *args, **options):
        admin = get_user_model().objects.filter(username="admin").first()
        binhlu = AdministrativeUnit.objects.filter(code="03390").first()
        if admin is None or binhlu is None:
            raise CommandError(
                "Chưa có dữ liệu mẫu: chạy `python manage.py load_units` và `load_demo` trước."
            )
        if Plan.objects.filter(title=SAPA_TITLE, unit__code="082").exists():
            self.stdout.write("Kế hoạch mẫu đã có.")
            return
        district, communes = self._history()
        users = self._users()
        sapa = self._plan(district, users["clerk_sapa"], Kind.IMPLEMENTATION, 95, dt.date(2024, 3, 15), "Sa Pa",
                          SAPA_TITLE, SAPA_BASES, SAPA_PURPOSE, SAPA_ORGANISATION, SAPA_FUNDING, SAPA_RECIPIENTS,
                          "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "Đỗ Văn Tân", SAPA_SECTIONS,
                          SAPA_TASKS, communes, child_plan_due=dt.date(2024, 4, 15))  # fmt: skip
        actions.issue(sapa, by=users["approver_sapa"])
        ward, tavan = communes
        done_plan = actions.cascade(sapa, owner=ward, by=users["clerk_sapa_ward"], date=dt.date(2024, 4, 2))
        actions.issue(done_plan, by=admin, number=21)
        rule = done_plan.tasks.get(code="II.2.e")
        actions.post_update(rule, by=users["clerk_sapa_ward"], by_owner=ward, status=Status.DONE,
                            on=dt.date(2024, 4, 10),
                            text="UBND phường ban hành Quy chế thực hiện dân chủ ở cơ sở; niêm yết tại trụ sở.",
                            documents_issued=1)  # fmt: skip
        late_plan = actions.cascade(sapa, owner=tavan, by=users["clerk_tavan"], date=dt.date(2024, 5, 6))
        actions.issue(late_plan, by=admin, number=8)
        binh = self._plan(binhlu, users["clerk_binhlu"], Kind.ANNUAL, 363, dt.date(2026, 3, 9), "Bình Lư",
                          BINHLU_TITLE, BINHLU_BASES, BINHLU_PURPOSE, BINHLU_ORGANISATION, "", BINHLU_RECIPIENTS,
                          "TM. ỦY BAN NHÂN DÂN / Q. CHỦ TỊCH", "Nguyễn Thị Nhàn", BINHLU_SECTIONS, BINHLU_TASKS, [])  # fmt: skip
        actions.issue(binh, by=users["approver_binhlu"])
        actions.copy_to_next_year(binh, by=users["clerk_binhlu"])
        self.stdout.write(self.style.SUCCESS(f"Đã nạp kế hoạch mẫu (mật khẩu: {DEMO_PASSWORD})."))

    def _history(self):
        province, _ = AdministrativeUnit.objects.update_or_create(
            code="10-20250630",
            defaults={"gso_code": "10", "name": "Tỉnh Lào Cai", "level": Level.PROVINCE,
                      "type": UnitType.TINH, "valid_to": REFORM_EVE},
        )  # fmt: skip
        district, _ = AdministrativeUnit.objects.update_or_create(
            code="082",
            defaults={"gso_code": "082", "name": "Thị xã Sa Pa", "level": Level.DISTRICT, "type": UnitType.THI_XA,
                      "parent": province, "valid_to": REFORM_EVE},
        )  # fmt: skip
        communes = []
        for code, name, type_ in [
            ("082-SAPA", "Phường Sa Pả", UnitType.PHUONG),
            ("082-TAVAN", "Xã Tả Van", UnitType.XA),
        ]:
            unit, _ = AdministrativeUnit.objects.update_or_create(
                code=code, defaults={"name": name, "level": Level.COMMUNE, "type": type_, "parent": district,
                                     "valid_to": REFORM_EVE},
            )  # fmt: skip
            communes.append(unit)
        return district, communes

    def _users(self):
        User = get_user_model()
        found = {}
        for username, full_name, role, code in USERS:
            user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            Membership.objects.get_or_create(
                user=user, role=role, unit=AdministrativeUnit.objects.get(code=code)
            )
            found[username] = user
        return found

    def _plan(self, owner, clerk, kind, number, date, place, title, bases, purpose, organisation, funding,
              recipients, signer_title, signer_name, sections, tasks, communes, child_plan_due=None):  # fmt: skip
        plan = actions.create_plan(
            owner=owner, by=clerk, kind=kind, number=number, date=date, place=place, title=title, bases=bases,
            purpose=purpose, organisation=organisation, funding=funding, recipients=recipients,
            signer_title=signer_title, signer_name=signer_name, child_plan_due=child_plan_due,
        )  # fmt: skip
        by_code = {
            code: actions.add_section(plan, by=clerk, code=code, heading=heading)
            for code, heading in sections
        }
        for code, section, heading, lead, coordinating, to_communes, time_text, rule in tasks:
            actions.add_task(
                plan, by=clerk, section=by_code[section], code=code, heading=heading, lead_text=lead,
                coordinating_text=coordinating, coordinating_units=communes if to_communes else [],
                time_text=time_text, **rule,
            )  # fmt: skip
        return plan
