"""Petitions and reports outside a posting (phản ánh, kiến nghị): each commune's inbox (and each agency's,
internally), the suggestion-box openings, the answer deadline the province sets, and the citizen's rating
of the answer (Law 10/2022/QH15 Art. 35(2)(a): a system to rate satisfaction and receive petitions).

A petition is received (online, or recorded by the clerk with its channel), routed (topic, the body
responsible), then closed once: answered, explained as outside the commune's scope, or forwarded to the
competent authority. Formal complaints and denunciations follow their own laws: they are only logged and
forwarded. Nothing is deleted: moderation hides with a reason."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from democracy.i18n import Localized
from units.models import AdministrativeUnit, Owned, OwnedQuerySet, is_agency, owner_constraint


class Kind(models.TextChoices):
    PETITION = "petition", _("Kiến nghị")
    REPORT = "report", _("Phản ánh")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")


# Handled under the Law on Complaints and the Law on Denunciations, never answered here.
FORWARD_ONLY = frozenset({Kind.COMPLAINT, Kind.DENUNCIATION})


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến trên cổng")
    BOX = "box", _("Hòm thư góp ý")
    HOTLINE = "hotline", _("Đường dây nóng")
    RECEPTION = "reception", _("Ngày tiếp công dân")
    ZALO = "zalo", _("Zalo")
    LETTER = "letter", _("Thư, đơn gửi qua bưu điện")
    MEETING = "meeting", _("Tại cuộc họp, hội nghị")


class Topic(models.TextChoices):
    LAND = "land", _("Đất đai, xây dựng")
    INFRASTRUCTURE = "infrastructure", _("Đường sá, điện, nước, hạ tầng")
    ENVIRONMENT = "environment", _("Môi trường, vệ sinh")
    SOCIAL = "social", _("Chính sách xã hội, y tế, giáo dục")
    ORDER = "order", _("An ninh, trật tự")
    PROCEDURES = "procedures", _("Thủ tục hành chính")
    CONDUCT = "conduct", _("Thái độ, trách nhiệm của cán bộ")
    OTHER = "other", _("Khác")


class State(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    ASSIGNED = "assigned", _("Đang giải quyết")
    ANSWERED = "answered", _("Đã trả lời")
    DECLINED = "declined", _("Không thuộc phạm vi giải quyết")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
    HIDDEN = "hidden", _("Đã ẩn (kèm lý do)")


OPEN_STATES = (State.RECEIVED, State.ASSIGNED)
# Closed by the commune itself: the petition's time to answer is counted (a hidden one never is).
HANDLED_STATES = (State.ANSWERED, State.DECLINED, State.FORWARDED)
# The answer the citizen may rate.
RATEABLE_STATES = (State.ANSWERED, State.DECLINED)


class AnswerRule(models.Model):
    """How many days a commune (or agency) has to answer a petition: the province's rule where it set one,
    the national default (no province) otherwise. Data with its legal basis, editable in the admin."""

    province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petition_rule",
        limit_choices_to={"level": "province"},
        help_text=_("Để trống: quy định chung áp dụng khi tỉnh chưa quy định riêng."),
    )
    days = models.PositiveSmallIntegerField(
        _("số ngày trả lời"),
        help_text=_("Tính từ ngày tiếp nhận; ngày cuối là ngày nghỉ thì lùi sang ngày làm việc."),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("thời hạn trả lời phản ánh, kiến nghị")
        verbose_name_plural = _("thời hạn trả lời phản ánh, kiến nghị")
        constraints = [
            # At most one national default (a NULL province is not unique in SQL by itself).
            # One rule per province and one national default (NULL is never equal to NULL in SQL).
            models.UniqueConstraint(Coalesce("province", Value(0)), name="petition_rule_one_per_province"),
            models.CheckConstraint(name="petition_rule_days", condition=Q(days__gte=1, days__lte=365)),
        ]

    def __str__(self):
        return f"{self.province or _('Quy định chung')}: {self.days} ({self.legal_basis})"

    @classmethod
    def for_owner(cls, owner) -> "AnswerRule":
        """The rule of the province the commune (or the agency's area) lies in, else the default."""
        unit = owner.unit if is_agency(owner) else owner
        lineage = [unit.pk, *(a.pk for a in unit.ancestors())]
        rules = {r.province_id: r for r in cls.objects.filter(Q(province__in=lineage) | Q(province=None))}
        return next((rules[pk] for pk in lineage if pk in rules), None) or rules[None]


class BoxOpening(Owned):
    """One opening of the suggestion box, with the day and the witnesses (the petitions found in it are
    recorded with `box_opening` set)."""

    opened_on = models.DateField(_("ngày mở hòm thư"))
    witnesses = models.TextField(
        _("người chứng kiến"), max_length=1000, help_text=_("Họ tên, chức vụ của những người chứng kiến.")
    )
    found = models.PositiveSmallIntegerField(_("số thư, đơn trong hòm"))
    note = models.TextField(_("ghi chú"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("thời điểm ghi"), default=timezone.now)

    class Meta:
        verbose_name = _("lần mở hòm thư góp ý")
        verbose_name_plural = _("lần mở hòm thư góp ý")
        ordering = ["-opened_on", "-pk"]
        constraints = [owner_constraint("box_opening_owner")]

    def __str__(self):
        return f"{self.owner} – {self.opened_on:%d/%m/%Y}"


class PetitionQuerySet(OwnedQuerySet):
    def open(self):
        return self.filter(state__in=OPEN_STATES)

    def published(self):
        """Shown on the commune's public page: answered, confirmed by the clerk, never an agency's."""
        return self.filter(agency__isnull=True, state=State.ANSWERED, published_at__isnull=False)


class Petition(Owned):
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices, default=Kind.PETITION)
    topic = models.CharField(_("lĩnh vực"), max_length=16, choices=Topic.choices, blank=True)
    channel = models.CharField(_("kênh tiếp nhận"), max_length=10, choices=Channel.choices)
    text = models.TextField(_("nội dung"), max_length=4000)
    # Never shown publicly; needed only to answer.
    name = models.CharField(_("họ tên"), max_length=150, blank=True)
    contact = models.CharField(_("liên hệ"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    box_opening = models.ForeignKey(
        BoxOpening,
        verbose_name=_("lần mở hòm thư"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions",
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.RECEIVED)
    due_on = models.DateField(_("hạn trả lời"))
    # How the deadline was counted, in both languages (democracy/i18n.py): computed once, on receipt.
    due_explanation = models.CharField(_("cách tính hạn"), max_length=500)
    due_explanation_en = models.CharField(max_length=500, blank=True, editable=False)
    assigned_to = models.CharField(_("bộ phận, người phụ trách"), max_length=255, blank=True)
    forwarded_to = models.CharField(_("chuyển đến"), max_length=255, blank=True)
    answer = models.TextField(_("trả lời"), max_length=8000, blank=True)
    handled_at = models.DateTimeField(_("thời điểm trả lời, chuyển"), null=True, blank=True)
    # The local day of `handled_at`: "answered on time" compares two dates in SQL on every database.
    handled_on = models.DateField(null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # The public page: the text the clerk confirmed (anonymised), shown with the answer.
    public_text = models.TextField(_("nội dung công khai (đã ẩn danh)"), max_length=4000, blank=True)
    published_at = models.DateTimeField(_("thời điểm công khai"), null=True, blank=True)

    hidden_at = models.DateTimeField(_("thời điểm ẩn"), null=True, blank=True)
    hidden_reason = models.CharField(_("lý do ẩn"), max_length=500, blank=True)

    satisfied = models.BooleanField(_("hài lòng"), null=True, blank=True)
    rating_reason = models.CharField(_("lý do đánh giá"), max_length=1000, blank=True)
    rated_at = models.DateTimeField(_("thời điểm đánh giá"), null=True, blank=True)

    objects = PetitionQuerySet.as_manager()
    due_explanation_text = Localized("due_explanation")

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_at", "-pk"]
        constraints = [
            owner_constraint("petition_owner"),
            models.CheckConstraint(
                name="petition_rating_needs_time",
                condition=Q(satisfied__isnull=True) | Q(rated_at__isnull=False),
            ),
        ]
        indexes = [
            # The inbox and the staff to-do: a unit's open petitions by deadline.
            models.Index(fields=["unit", "state", "due_on"], name="petition_unit_state"),
            models.Index(fields=["agency", "state", "due_on"], name="petition_agency_state"),
            # The dashboard family: the petitions received in a period.
            models.Index(fields=["received_at", "state"], name="petition_received"),
        ]

    def __str__(self):
        return f"{self.reference} – {self.text[:50]}"

    @property
    def reference(self) -> str:
        return f"PA-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_forward_only(self) -> bool:
        return self.kind in FORWARD_ONLY

    @property
    def days_taken(self) -> int | None:
        """Calendar days from receipt to the answer (the public page's "time it took")."""
        if self.handled_at is None:
            return None
        return (timezone.localdate(self.handled_at) - timezone.localdate(self.received_at)).days

    @property
    def on_time(self) -> bool | None:
        return None if self.handled_on is None else self.handled_on <= self.due_on

    def days_left(self, today: dt.date | None = None) -> int:
        return (self.due_on - (today or timezone.localdate())).days

    @property
    def can_be_rated(self) -> bool:
        return self.state in RATEABLE_STATES and self.rated_at is None
