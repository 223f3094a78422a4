"""python manage.py export_disclosures CODE FILE.xlsx|FILE.csv [--year Y]

Writes the disclosures of a commune (its code) or of an agency (its code) with the columns the import
reads, formula-safe (disclosures/xlsx.py). With --year: those posted that year, and the drafts decided
that year.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosures.imports import export_file, export_queryset
from units.models import AdministrativeUnit, Agency, Level


class Command(BaseCommand):
    help = (
        "Xuất thông tin công khai của một xã, phường, đặc khu hoặc cơ quan, đơn vị (theo mã) ra tệp .xlsx "
        "hoặc .csv, cùng các cột với tệp nhập."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Mã xã, phường, đặc khu hoặc mã cơ quan, đơn vị.")
        parser.add_argument("file", help="Tệp ghi ra: .xlsx hoặc .csv.")
        parser.add_argument("--year", type=int, help="Chỉ xuất năm này (theo ngày niêm yết).")

    def handle(self, *args, code, file, year, **options):
        path = Path(file)
        file_format = path.suffix.lower().lstrip(".")
        if file_format not in ("xlsx", "csv"):
            raise CommandError(f"Tệp {path.name}: chỉ ghi được .xlsx hoặc .csv.")
        owner = (
            AdministrativeUnit.objects.filter(code=code, level=Level.COMMUNE).first()
            or Agency.objects.filter(code=code).first()
        )
        if owner is None:
            raise CommandError(f"Không có xã, phường, đặc khu hay cơ quan, đơn vị mã {code}.")
        if year is not None and not 1995 <= year <= 2099:
            raise CommandError(f"Năm {year} không hợp lệ.")
        queryset = export_queryset(owner, year=year)
        count = queryset.count()
        path.write_bytes(export_file(queryset, file_format))
        self.stdout.write(self.style.SUCCESS(f"Đã xuất {count} thông tin công khai của {owner} ra {path}."))
