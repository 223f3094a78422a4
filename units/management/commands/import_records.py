"""python manage.py import_records {villages,agencies,staff} FILE [--dry-run]

Runs the same import as the admin (units/imports/). All or nothing: when any row is bad, every bad
row is listed with its Vietnamese message, nothing is imported and the command fails.
Samples of each file: units/samples/.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from units.imports import RESOURCES, ImportFileError, error_messages, read_dataset


class Command(BaseCommand):
    help = (
        "Nhập thôn, tổ dân phố (villages), cơ quan, đơn vị (agencies) hoặc tài khoản cán bộ (staff) từ tệp "
        ".csv (UTF-8) hoặc .xlsx. Có dòng lỗi thì không nhập gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(RESOURCES), help="Loại dữ liệu: villages, agencies, staff.")
        parser.add_argument("file", help="Tệp .csv hoặc .xlsx; mẫu ở units/samples/.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chạy thử: kiểm tra mọi dòng, không ghi gì vào cơ sở dữ liệu.",
        )

    def handle(self, *args, kind, file, dry_run, **options):
        path = Path(file)
        try:
            dataset = read_dataset(path.name, path.read_bytes())
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp {file}.") from None
        except ImportFileError as e:
            raise CommandError(str(e)) from None

        result = RESOURCES[kind]().import_data(dataset, dry_run=dry_run)

        problems = error_messages(result)
        if result.base_errors:
            raise CommandError(" ".join(problems))
        if problems:
            for message in problems:
                self.stderr.write(message)
            bad = len(result.invalid_rows) + len(result.row_errors())
            raise CommandError(
                f"Không nhập dòng nào: {bad} trong {self._rows(result)} dòng có lỗi. "
                "Sửa các dòng trên rồi chạy lại."
            )

        totals = result.totals
        counts = f"{totals['new']} mới, {totals['update']} cập nhật"
        if totals["skip"]:
            counts += f", bỏ qua {totals['skip']} dòng trống"
        rows = totals["new"] + totals["update"]
        if dry_run:
            self.stdout.write(f"Chạy thử: {rows} dòng hợp lệ ({counts}); chưa nhập gì vào cơ sở dữ liệu.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã nhập {rows} dòng: {counts}."))

    @staticmethod
    def _rows(result):
        return result.total_rows - result.totals["skip"]
