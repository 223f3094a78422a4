"""Issue a single-use enrolment link (first password and authenticator) to staff accounts, e.g. the
first administrator: `manage.py issue_enrolment_link admin`. Prints each link once; hand it over out
of band."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from units import actions


class Command(BaseCommand):
    help = "Cấp đường dẫn kích hoạt (đặt mật khẩu, gắn ứng dụng xác thực) cho các tài khoản đã nêu."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+")

    def handle(self, *args, usernames, **options):
        User = get_user_model()
        users = {u.get_username(): u for u in User.objects.filter(username__in=usernames)}
        missing = [name for name in usernames if name not in users]
        if missing:
            raise CommandError(f"Không có tài khoản: {', '.join(missing)}")
        for name in usernames:
            try:
                token = actions.issue_enrolment_link(users[name], by=None)
            except ValidationError as error:
                raise CommandError(f"{name}: {' '.join(error.messages)}") from error
            url = settings.SITE_URL.rstrip("/") + reverse("enrol", args=[token])
            self.stdout.write(f"{name}\t{url}")
        self.stdout.write(f"Mỗi đường dẫn dùng được một lần, trong {settings.ENROLMENT_LINK_HOURS} giờ.")
