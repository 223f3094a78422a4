"""The legal catalogue (what the law says a unit must disclose, decide, consult on and supervise) and
the administrators' changes to the working-day calendar.

Every number that drives behaviour lives here as data with its article reference, never as a literal
in a view: the catalogue is loaded by a migration and editable in the admin with a history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Scope(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    AGENCY = "agency", _("Cơ quan, đơn vị")


class Kind(models.TextChoices):
    DISCLOSE = "disclose", _("Công khai")
    DECIDE = "decide", _("Bàn và quyết định")
    COMMENT = "comment", _("Tham gia ý kiến")
    SUPERVISE = "supervise", _("Kiểm tra, giám sát")


class CatalogueItemQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_scope(self, scope):
        return self.filter(scope=scope)

    def of_kind(self, kind):
        return self.filter(kind=kind)


class CatalogueItem(models.Model):
    """One item of Art. 11, 15, 25, 30 (communes) or 46, 49, 53, 56 (agencies) with the rules it carries."""

    scope = models.CharField(_("phạm vi"), max_length=10, choices=Scope.choices)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    article = models.PositiveSmallIntegerField(_("điều"))
    clause = models.PositiveSmallIntegerField(_("khoản"))
    label_vi = models.TextField(_("nội dung (tiếng Việt)"))
    label_en = models.TextField(_("nội dung (tiếng Anh)"))
    legal_basis = models.CharField(
        _("căn cứ"),
        max_length=255,
        help_text=_("Điều, khoản của Luật 10/2022/QH15 và Nghị định 59/2023/NĐ-CP."),
    )

    # Disclosure rules (kind = disclose).
    disclosure_deadline_working_days = models.PositiveSmallIntegerField(
        _("hạn công khai (ngày làm việc)"),
        null=True,
        blank=True,
        help_text=_("Chậm nhất bao nhiêu ngày làm việc kể từ ngày có quyết định (Điều 12(3), 47(2))."),
    )
    posting_days = models.PositiveSmallIntegerField(
        _("thời gian niêm yết tối thiểu (ngày)"),
        null=True,
        blank=True,
        help_text=_(
            "Số ngày liên tục tối thiểu (Điều 13(2): 30 ngày; Điều 48: 20 ngày). Trống: luật không quy định."
        ),
    )
    is_permanent = models.BooleanField(
        _("niêm yết thường xuyên"), default=False, help_text=_("Điều 13(2): khoản 4 và 13 Điều 11.")
    )
    radio_days = models.PositiveSmallIntegerField(
        _("phát trên truyền thanh (ngày)"),
        null=True,
        blank=True,
        help_text=_("Điều 13(3): khoản 7–12 Điều 11."),
    )

    # Consultation rules (kind = comment).
    consultation_days = models.PositiveSmallIntegerField(
        _("thời gian lấy ý kiến tối thiểu (ngày)"), null=True, blank=True, help_text=_("Điều 28(2): 20 ngày.")
    )

    # Decision rules (kind = decide): passes when agreeing / base reaches numerator / denominator,
    # strictly above it unless threshold_inclusive. Agencies also need a quorum of present / all staff.
    threshold_numerator = models.PositiveSmallIntegerField(_("tỷ lệ thông qua: tử số"), null=True, blank=True)
    threshold_denominator = models.PositiveSmallIntegerField(
        _("tỷ lệ thông qua: mẫu số"), null=True, blank=True
    )
    threshold_inclusive = models.BooleanField(
        _("tính cả mức bằng"), default=False, help_text=_("Bật: “từ … trở lên” (≥); tắt: “trên …” (>).")
    )
    quorum_numerator = models.PositiveSmallIntegerField(
        _("số người dự tối thiểu: tử số"), null=True, blank=True
    )
    quorum_denominator = models.PositiveSmallIntegerField(
        _("số người dự tối thiểu: mẫu số"), null=True, blank=True
    )
    online_vote_allowed = models.BooleanField(
        _("cho phép biểu quyết trực tuyến"), default=False, help_text=_("Điều 17(2): chỉ khoản 6 Điều 15.")
    )
    recognition_working_days = models.PositiveSmallIntegerField(
        _("hạn công nhận (ngày làm việc)"), null=True, blank=True, help_text=_("Điều 21(2): 5 ngày làm việc.")
    )

    # Supervision rules (kind = supervise).
    answer_days = models.PositiveSmallIntegerField(
        _("hạn trả lời kiến nghị (ngày)"), null=True, blank=True, help_text=_("Điều 40(1), 63(1): 15 ngày.")
    )

    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    history = HistoricalRecords()

    objects = CatalogueItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục danh mục pháp lý")
        verbose_name_plural = _("danh mục pháp lý")
        ordering = ["scope", "article", "clause"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "article", "clause"], name="catalogue_item_unique_reference"
            ),
        ]

    def __str__(self):
        return f"{self.reference} – {self.label_vi}"

    @property
    def reference(self):
        return f"Điều {self.article} khoản {self.clause}"


class CalendarOverride(models.Model):
    """An administrator's one-off change to Vietnam's calendar, with its legal reference."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ thêm")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    reason = models.CharField(_("lý do"), max_length=255)
    legal_reference = models.CharField(
        _("căn cứ pháp lý"),
        max_length=255,
        help_text=_("Ví dụ: Thông báo số 6150/TB-LĐTBXH ngày 24/11/2023."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điều chỉnh lịch làm việc")
        verbose_name_plural = _("điều chỉnh lịch làm việc")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.get_kind_display()} ({self.reason})"
