"""python manage.py import_disclosures FILE [--dry-run] [--user USERNAME]

Runs the same import as the admin (disclosures/imports/, on the units' import machinery). All or
nothing: when any row is bad, every bad row is listed with its Vietnamese message, nothing is imported
and the command fails. Rows without `ngay_niem_yet` become drafts; rows with it become postings made on
that day, with their deadlines and windows computed by the portal's rules.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from disclosures.imports import DisclosureResource
from units.imports import ImportFileError, error_messages, read_dataset


class Command(BaseCommand):
    help = (
        "Nhập thông tin công khai của xã, phường, đặc khu hoặc cơ quan, đơn vị từ tệp .csv (UTF-8) hoặc "
        ".xlsx (các cột như tệp xuất bằng export_disclosures). Có dòng lỗi thì không nhập gì."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .csv hoặc .xlsx.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chạy thử: kiểm tra mọi dòng, không ghi gì vào cơ sở dữ liệu.",
        )
        parser.add_argument(
            "--user", help="Tên đăng nhập của người nhập, ghi vào nhật ký của từng thông tin công khai."
        )

    def handle(self, *args, file, dry_run, user, **options):
        path = Path(file)
        try:
            dataset = read_dataset(path.name, path.read_bytes())
        except FileNotFoundError:
            raise CommandError(f"Không tìm thấy tệp {file}.") from None
        except ImportFileError as e:
            raise CommandError(str(e)) from None
        by = None
        if user:
            by = get_user_model().objects.filter(username=user).first()
            if by is None:
                raise CommandError(f"Không có người dùng {user}.")

        result = DisclosureResource().import_data(dataset, dry_run=dry_run, user=by, file_name=path.name)

        problems = error_messages(result)
        if result.base_errors:
            raise CommandError(" ".join(problems))
        if problems:
            for message in problems:
                self.stderr.write(message)
            bad = len(result.invalid_rows) + len(result.row_errors())
            rows = result.total_rows - result.totals["skip"]
            raise CommandError(
                f"Không nhập dòng nào: {bad} trong {rows} dòng có lỗi. Sửa các dòng trên rồi chạy lại."
            )

        rows = result.totals["new"]
        skipped = f"; bỏ qua {result.totals['skip']} dòng trống" if result.totals["skip"] else ""
        if dry_run:
            self.stdout.write(f"Chạy thử: {rows} dòng hợp lệ{skipped}; chưa nhập gì vào cơ sở dữ liệu.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã nhập {rows} thông tin công khai{skipped}."))
