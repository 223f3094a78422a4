"""The catalogue of the law's recurring duties (data with their articles, editable in the admin)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from consultations.models import Meeting


class AppliesTo(models.TextChoices):
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    VILLAGE = "village", _("Thôn, tổ dân phố")
    AGENCY = "agency", _("Cơ quan, đơn vị")


class Frequency(models.TextChoices):
    YEARLY = "yearly", _("Mỗi năm một lần")
    HALF_YEARLY = "half_yearly", _("Mỗi 6 tháng một lần")


class Duty(models.Model):
    """A duty every unit of one kind owes each year (or each half-year): fulfilled by a held meeting of
    one of `kinds` inside the window. Yearly: the window runs from `opens` to `due` of the year (the
    staff conference: the first quarter, as the provinces' plans in the seeds set it; a province setting
    another date edits the row). Half-yearly: each half of the year, due on its last day."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên nhiệm vụ"), max_length=300)
    article = models.CharField(_("căn cứ"), max_length=300)
    applies_to = models.CharField(_("áp dụng với"), max_length=10, choices=AppliesTo.choices)
    kinds = models.CharField(
        _("loại cuộc họp hoàn thành nhiệm vụ"), max_length=200,
        help_text=_("Mã các loại cuộc họp, cách nhau bởi dấu phẩy (ví dụ: staff_conference,delegate_conference)."),
    )  # fmt: skip
    frequency = models.CharField(_("tần suất"), max_length=12, choices=Frequency.choices)
    opens_month = models.PositiveSmallIntegerField(_("bắt đầu từ tháng"), default=1)
    opens_day = models.PositiveSmallIntegerField(_("bắt đầu từ ngày"), default=1)
    due_month = models.PositiveSmallIntegerField(_("hạn: tháng"), default=12)
    due_day = models.PositiveSmallIntegerField(_("hạn: ngày"), default=31)
    remind_days = models.PositiveSmallIntegerField(
        _("nhắc trước hạn (ngày)"), default=15, help_text=_("Nhắc một lần trước hạn và một lần khi quá hạn.")
    )
    basis = models.CharField(
        _("căn cứ thời hạn"), max_length=300, blank=True,
        help_text=_("Văn bản quy định thời hạn (luật, kế hoạch của tỉnh…)."),
    )  # fmt: skip
    active = models.BooleanField(_("đang áp dụng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("nhiệm vụ hằng năm")
        verbose_name_plural = _("nhiệm vụ hằng năm")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    @property
    def kind_list(self) -> list[str]:
        return [k.strip() for k in self.kinds.split(",") if k.strip()]

    def clean(self):
        unknown = [k for k in self.kind_list if k not in Meeting.Kind.values]
        if not self.kind_list or unknown:
            raise ValidationError({"kinds": _("Mã loại cuộc họp không đúng: %(codes)s.") % {
                "codes": ", ".join(unknown) or "—"}})  # fmt: skip
        for month, day, field in (
            (self.opens_month, self.opens_day, "opens_day"),
            (self.due_month, self.due_day, "due_day"),
        ):
            try:
                dt.date(2025, month, day)  # not a leap year: 29/02 is refused
            except ValueError:
                raise ValidationError({field: _("Ngày, tháng không hợp lệ.")}) from None
        if (self.opens_month, self.opens_day) > (self.due_month, self.due_day):
            raise ValidationError({"due_day": _("Hạn phải sau ngày bắt đầu trong năm.")})

    def windows(self, year: int) -> list[tuple[str, dt.date, dt.date]]:
        """(period key, first day, due day) of each period of `year` the duty covers."""
        if self.frequency == Frequency.HALF_YEARLY:
            return [
                (f"{year}-H1", dt.date(year, 1, 1), dt.date(year, 6, 30)),
                (f"{year}-H2", dt.date(year, 7, 1), dt.date(year, 12, 31)),
            ]
        return [
            (
                str(year),
                dt.date(year, self.opens_month, self.opens_day),
                dt.date(year, self.due_month, self.due_day),
            )
        ]
