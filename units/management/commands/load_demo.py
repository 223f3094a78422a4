"""Demo data for local use: villages and agencies in three communes of Bắc Ninh, one user per role, and
the pre-2025 history of one commune. Needs `load_units` first. Safe to run again."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from units.models import AdministrativeUnit, Agency, Level, Membership, Role, UnitType

DEMO_PASSWORD = "demo-dan-chu-2026"  # local use only; listed in README.md
REFORM_EVE = dt.date(2025, 6, 30)

VILLAGES = {
    "07282": [  # Xã Đồng Kỳ
        ("01", "Thôn Đồng Bông", UnitType.THON, 186),
        ("02", "Thôn Trại Nhất", UnitType.THON, 142),
        ("03", "Thôn Đồng Lình", UnitType.THON, 205),
        ("04", "Thôn Hố Cả", UnitType.THON, 97),
    ],
    "07288": [  # Xã Yên Thế
        ("01", "Tổ dân phố Hoàng Hoa Thám", UnitType.TO_DAN_PHO, 233),
        ("02", "Tổ dân phố Đề Thám", UnitType.TO_DAN_PHO, 176),
        ("03", "Thôn Chàng Rè", UnitType.THON, 121),
    ],
    "07294": [  # Xã Bố Hạ
        ("01", "Thôn Đồng Bông Bố Hạ", UnitType.THON, 158),
        ("02", "Tổ dân phố Bố Hạ", UnitType.TO_DAN_PHO, 264),
    ],
}
AGENCIES = [
    ("UBND-07282", "Văn phòng HĐND và UBND xã Đồng Kỳ", Agency.Kind.STATE_AGENCY, "07282", 28),
    ("THCS-07282", "Trường Trung học cơ sở Đồng Kỳ", Agency.Kind.PUBLIC_SERVICE, "07282", 34),
    ("UBND-07288", "Văn phòng HĐND và UBND xã Yên Thế", Agency.Kind.STATE_AGENCY, "07288", 31),
]
# username, full name (whole, in first_name, as the PDFs print a signer), role, unit code or None,
# agency code or None
USERS = [
    ("clerk", "Nguyễn Thị Hoa", Role.CLERK, "07282", None),
    ("approver", "Trần Văn Minh", Role.APPROVER, "07282", None),
    ("inspector", "Lê Văn Sơn", Role.INSPECTOR, "07282", None),
    ("front", "Đặng Thị Mai (Ủy ban MTTQ xã Đồng Kỳ)", Role.FRONT_OFFICER, "07282", None),
    ("agency_clerk", "Phạm Thu Trang", Role.CLERK, None, "UBND-07282"),
    ("agency_head", "Bùi Quang Huy", Role.APPROVER, None, "UBND-07282"),
    ("agency_staff", "Hoàng Văn Nam", Role.AGENCY_STAFF, None, "UBND-07282"),
    ("clerk_yenthe", "Đỗ Thị Lan", Role.CLERK, "07288", None),
    ("approver_yenthe", "Lương Văn Hải", Role.APPROVER, "07288", None),
    ("reviewer", "Vũ Thị Thanh (Sở Nội vụ tỉnh Bắc Ninh)", Role.REVIEWER, "24", None),
    ("admin", "Ngô Thanh Tùng", Role.ADMINISTRATOR, None, None),
]


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (thôn, cơ quan, người dùng mỗi vai trò) để dùng thử trên máy."

    @transaction.atomic
    def handle(self, *args, **options):
        units = AdministrativeUnit.objects.in_bulk(["24", *VILLAGES], field_name="code")
        if len(units) != 1 + len(VILLAGES):
            raise CommandError("Chưa có đơn vị hành chính: chạy `python manage.py load_units` trước.")

        for commune_code, villages in VILLAGES.items():
            for number, name, type_, households in villages:
                AdministrativeUnit.objects.update_or_create(
                    code=f"{commune_code}-{number}",
                    defaults={
                        "name": name,
                        "level": Level.VILLAGE,
                        "type": type_,
                        "households": households,
                        "parent": units[commune_code],
                    },
                )
        agencies = {}
        for code, name, kind, unit_code, staff in AGENCIES:
            agencies[code], _ = Agency.objects.update_or_create(
                code=code,
                defaults={"name": name, "kind": kind, "unit": units[unit_code], "staff_count": staff},
            )
        self._history(units["24"], units["07282"])

        User = get_user_model()
        for username, full_name, role, unit_code, agency_code in USERS:
            user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
            if user.first_name != full_name:  # a demo loaded before the names were real ones
                User.objects.filter(pk=user.pk).update(first_name=full_name)
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
                user.save()
            Membership.objects.get_or_create(
                user=user,
                role=role,
                unit=units.get(unit_code) if unit_code else None,
                agency=agencies.get(agency_code) if agency_code else None,
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu: {sum(map(len, VILLAGES.values()))} thôn, tổ dân phố; {len(AGENCIES)} cơ quan; "
                f"{len(USERS)} người dùng (mật khẩu: {DEMO_PASSWORD})."
            )
        )

    def _history(self, province, commune):
        """Bắc Giang province, Yên Thế district and Đông Sơn commune as they were until 30/06/2025 (GSO codes
        24, 215, 07273). Bắc Giang's code 24 was taken over by the new Bắc Ninh, so the old province is
        stored under 24-20250630. The link Đông Sơn → Đồng Kỳ is illustrative demo data."""
        old_province, _ = AdministrativeUnit.objects.update_or_create(
            code="24-20250630",
            defaults={
                "gso_code": "24",
                "name": "Tỉnh Bắc Giang",
                "level": Level.PROVINCE,
                "type": UnitType.TINH,
                "valid_to": REFORM_EVE,
            },
        )
        old_province.successors.add(province)
        district, _ = AdministrativeUnit.objects.update_or_create(
            code="215",
            defaults={
                "gso_code": "215",
                "name": "Huyện Yên Thế",
                "level": Level.DISTRICT,
                "type": UnitType.HUYEN,
                "parent": old_province,
                "valid_to": REFORM_EVE,
            },
        )
        old_commune, _ = AdministrativeUnit.objects.update_or_create(
            code="07273",
            defaults={
                "gso_code": "07273",
                "name": "Xã Đông Sơn",
                "level": Level.COMMUNE,
                "type": UnitType.XA,
                "parent": district,
                "valid_to": REFORM_EVE,
            },
        )
        old_commune.successors.add(commune)
