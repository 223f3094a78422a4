"""Demo followers for Xã Đồng Kỳ (after load_demo_disclosures and load_demo_consultations): three
addresses already confirmed (one immediate, one daily digest, one in English on the open consultation),
and the board's past postings as events already delivered, so `make run` starts without a burst of mail
and the next posting published reaches them. Safe to run again."""

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from consultations.follow import targets
from consultations.follow.models import Event, EventKind, Subscriber, Subscription
from consultations.models import Consultation
from democracy.audit import record
from democracy.models import Action
from disclosures.models import Disclosure, State
from units.models import AdministrativeUnit

FOLLOWERS = [
    # (address, language, frequency, what)
    ("nguoi.dan.dongky@example.vn", "vi", "immediate", "board"),
    ("hoi.phu.nu.dongbong@example.vn", "vi", "daily", "board"),
    ("reader@example.org", "en", "immediate", "consultation"),
]


class Command(BaseCommand):
    help = "Nạp người theo dõi mẫu qua thư điện tử cho Xã Đồng Kỳ (sau load_demo_consultations)."

    @transaction.atomic
    def handle(self, *args, **options):
        commune = AdministrativeUnit.objects.filter(code="07282").first()
        if commune is None:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `python manage.py load_demo` trước.")
        consultation = Consultation.objects.public().filter(unit=commune).order_by("-opened_at").first()
        now = timezone.now()
        made = 0
        for email, language, frequency, what in FOLLOWERS:
            target = commune if what == "board" or consultation is None else consultation
            subscriber, _ = Subscriber.objects.get_or_create(email=email, defaults={"language": language})
            subscription, created = Subscription.objects.get_or_create(
                subscriber=subscriber,
                target_type=ContentType.objects.get_for_model(target),
                target_id=target.pk,
                defaults={
                    "target_label": str(targets.for_object(target).title(target)),
                    "frequency": frequency,
                    "state": "active",
                    "confirmed_at": now,
                },
            )
            if created:
                record(
                    subscription, by=None, action=Action.FOLLOW_CONFIRMED, changes={"frequency": frequency}
                )
                made += 1
        # What happened before they followed: events already delivered (no mail now).
        unit_type = ContentType.objects.get_for_model(AdministrativeUnit)
        for d in Disclosure.objects.public().filter(unit=commune, state=State.PUBLISHED):
            Event.objects.get_or_create(
                key=f"posting_opened:{d.pk}",
                defaults={
                    "kind": EventKind.POSTING_OPENED, "target_type": unit_type, "target_id": commune.pk,
                    "board": commune, "title": d.title, "detail": d.summary[:600], "unit_name": commune.name,
                    "path": f"/disclosures/{d.pk}/", "closes_at": d.window_ends_at,
                    "happened_at": d.published_at or now, "fanned_out_at": now,
                },
            )  # fmt: skip
        self.stdout.write(f"Người theo dõi mẫu: {made} mới, {len(FOLLOWERS)} tất cả.")
