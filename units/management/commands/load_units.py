import time

from django.core.management.base import BaseCommand

from units.loader import load_units


class Command(BaseCommand):
    help = "Nạp 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu hiện hành từ gói vietnam-provinces."

    def handle(self, *args, **options):
        started = time.monotonic()
        result = load_units()
        self.stdout.write(
            self.style.SUCCESS(f"Đơn vị hành chính: {result} ({time.monotonic() - started:.1f} giây).")
        )
