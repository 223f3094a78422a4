"""Following by e-mail without an account (issue 13 part B).

An address (`Subscriber`) follows things (`Subscription`, a generic reference: a commune's board, a
consultation, a decision, the follower's own question or comment, and any other model registered in
`targets.py`). Nothing is delivered before the owner of the address confirms (double opt-in).

What happens is written once as an `Event` (unique `key`), in the transaction of the act that caused
it; the fan-out job copies it into one `Delivery` per following address (unique per event and address:
the "already sent" marker), and the sending jobs claim deliveries before sending, so a job run twice or
a restarted worker sends each mail once. An address whose mails fail is retried with back-off and then
suspended, never retried forever.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import AdministrativeUnit


class Language(models.TextChoices):
    VI = "vi", "Tiếng Việt"
    EN = "en", "English"


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Ngay khi có tin")
    DAILY = "daily", _("Một thư tổng hợp mỗi ngày")


class Subscriber(models.Model):
    """One e-mail address. Never shown on any page; the admin shows it to administrators only."""

    email = models.EmailField(_("địa chỉ thư điện tử"), max_length=254, unique=True)
    language = models.CharField(_("ngôn ngữ"), max_length=2, choices=Language.choices, default=Language.VI)
    created_at = models.DateTimeField(auto_now_add=True)
    # Sending failures in a row; back-off until `retry_at`; suspended after too many.
    failures = models.PositiveSmallIntegerField(_("số lần gửi lỗi liên tiếp"), default=0)
    retry_at = models.DateTimeField(_("gửi lại sau"), null=True, blank=True)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=300, blank=True)
    suspended_at = models.DateTimeField(_("thời điểm tạm dừng gửi"), null=True, blank=True)

    class Meta:
        verbose_name = _("địa chỉ theo dõi")
        verbose_name_plural = _("địa chỉ theo dõi")

    def __str__(self):
        return _("Địa chỉ theo dõi #%(pk)s") % {"pk": self.pk}


class SubscriptionState(models.TextChoices):
    PENDING = "pending", _("Chờ xác nhận")
    ACTIVE = "active", _("Đang theo dõi")
    ENDED = "ended", _("Đã hủy theo dõi")


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField(_("nội dung theo dõi"), max_length=300)
    frequency = models.CharField(
        _("cách nhận thư"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    state = models.CharField(
        _("trạng thái"), max_length=8, choices=SubscriptionState.choices, default=SubscriptionState.PENDING
    )
    # The confirmation link names this nonce: a second click finds it gone (the link works once).
    nonce = models.CharField(max_length=32, blank=True)
    requested_at = models.DateTimeField(_("thời điểm đề nghị"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("thời điểm xác nhận"), null=True, blank=True)
    ended_at = models.DateTimeField(_("thời điểm hủy"), null=True, blank=True)

    class Meta:
        verbose_name = _("đăng ký theo dõi")
        verbose_name_plural = _("đăng ký theo dõi")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "target_type", "target_id"], name="follow_one_per_target"
            )
        ]
        indexes = [
            # The fan-out: the active followers of one target.
            models.Index(
                fields=["target_type", "target_id", "subscriber"],
                condition=Q(state="active"),
                name="follow_active_by_target",
            )
        ]

    def __str__(self):
        return _("Theo dõi #%(pk)s") % {"pk": self.pk}


class EventKind(models.TextChoices):
    POSTING_OPENED = "posting_opened", _("Thông tin mới được niêm yết")
    POSTING_CLOSING = "posting_closing", _("Thông tin sắp kết thúc niêm yết")
    CONSULTATION_OPENED = "consultation_opened", _("Bắt đầu lấy ý kiến")
    CONSULTATION_CLOSED = "consultation_closed", _("Kết thúc lấy ý kiến")
    CONSULTATION_RESULTS = "consultation_results", _("Công khai kết quả lấy ý kiến")
    DECISION_RESULT = "decision_result", _("Kết quả biểu quyết")
    DECISION_RECOGNITION = "decision_recognition", _("Công nhận hoặc không công nhận kết quả")
    ANSWERED = "answered", _("Câu trả lời cho câu hỏi, ý kiến của bạn")


class Event(models.Model):
    """Something followers are told, written once (`key`) with what the mail says about it."""

    kind = models.CharField(_("loại"), max_length=24, choices=EventKind.choices)
    key = models.CharField(max_length=120, unique=True)
    # The followed thing whose followers are told, and the commune's board (its followers too), if any.
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    board = models.ForeignKey(
        AdministrativeUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    unit_name = models.CharField(_("đơn vị"), max_length=255, blank=True)
    detail = models.TextField(_("nội dung"), blank=True, max_length=4000)
    path = models.CharField(_("đường dẫn"), max_length=300)
    closes_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    happened_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    # When it was written: only the addresses confirmed by then are told (not those who came later).
    created_at = models.DateTimeField(auto_now_add=True)
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sự kiện thông báo")
        verbose_name_plural = _("sự kiện thông báo")
        ordering = ["happened_at", "pk"]
        indexes = [
            models.Index(fields=["happened_at"], condition=Q(fanned_out_at=None), name="follow_event_todo")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    DROPPED = "dropped", _("Không gửi (địa chỉ bị tạm dừng hoặc đã hủy)")


class Delivery(models.Model):
    """One event for one address: the "already sent" marker (unique per event and address, so an address
    that follows both a commune and its consultation hears of the consultation once)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    state = models.CharField(max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thư thông báo")
        verbose_name_plural = _("thư thông báo")
        constraints = [
            models.UniqueConstraint(fields=["event", "subscriber"], name="follow_delivered_once"),
        ]
        indexes = [
            models.Index(
                fields=["frequency", "subscriber"], condition=Q(state="pending"), name="follow_delivery_todo"
            )
        ]

    def __str__(self):
        return f"{self.event_id} → {self.subscriber_id}"
