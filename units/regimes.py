"""The reporting regime: the periods, cut-offs and deadlines a reviewing authority sets for the units
below it, and the Civil Code end-of-period rule they follow (used for posting windows, consultation
periods, answers to recommendations and report deadlines alike, so it lives with the units)."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from democracy import periods

from .models import AdministrativeUnit, Level, is_agency


class ReportingRegime(models.Model):
    """The periods, cut-offs and deadlines a reviewing authority (a province; a district for history)
    sets for the reports of the units below it. The row without an authority is the national default;
    without any row the defaults of the fields apply (the national convention)."""

    authority = models.OneToOneField(
        AdministrativeUnit,
        verbose_name=_("cơ quan theo dõi (tỉnh, huyện)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reporting_regime",
        limit_choices_to={"level__in": [Level.PROVINCE, Level.DISTRICT]},
        help_text=_("Để trống: chế độ mặc định toàn quốc."),
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("ngày chốt số liệu"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_(
            "Kỳ báo cáo kết thúc vào ngày này của tháng cuối kỳ (quy ước chung: ngày 14, kỳ bắt đầu ngày 15 "
            "của tháng cuối kỳ trước). 31 = ngày cuối tháng."
        ),
    )
    year_end_month = models.PositiveSmallIntegerField(
        _("tháng kết thúc năm báo cáo"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Quy ước chung: tháng 12 (kỳ 6 tháng kết thúc tháng 6)."),
    )
    half_year_due_days = models.PositiveSmallIntegerField(
        _("hạn gửi báo cáo 6 tháng (số ngày sau ngày chốt)"),
        default=5,
        validators=[MaxValueValidator(90)],
    )
    annual_due_days = models.PositiveSmallIntegerField(
        _("hạn gửi báo cáo năm (số ngày sau ngày chốt)"),
        default=5,
        validators=[MaxValueValidator(90)],
    )
    due_in_working_days = models.BooleanField(
        _("hạn tính theo ngày làm việc"),
        default=True,
        help_text=_("Bỏ chọn để tính theo ngày lịch (Bộ luật Dân sự, Điều 147–148)."),
    )
    reminder_working_days = models.PositiveSmallIntegerField(
        _("nhắc trước hạn (ngày làm việc)"),
        default=3,
        validators=[MaxValueValidator(30)],
    )
    period_end_extends_to_working_day = models.BooleanField(
        _("thời hạn kết thúc vào ngày nghỉ được lùi sang ngày làm việc tiếp theo"),
        default=True,
        help_text=_(
            "Bộ luật Dân sự 2015, Điều 148: khi ngày cuối cùng của thời hạn là ngày nghỉ thì thời hạn kết "
            "thúc vào cuối ngày làm việc tiếp theo. Áp dụng cho thời gian niêm yết, lấy ý kiến, trả lời "
            "kiến nghị và hạn báo cáo tính theo ngày lịch."
        ),
    )
    basis = models.CharField(
        _("căn cứ"), max_length=300, blank=True, help_text=_("Văn bản quy định chế độ báo cáo này.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chế độ báo cáo")
        verbose_name_plural = _("chế độ báo cáo")
        constraints = [
            # One row per authority (the one-to-one) and one national default (NULL never collides).
            models.UniqueConstraint(Coalesce("authority", Value(0)), name="regime_one_per_authority"),
        ]

    def __str__(self):
        return str(self.authority) if self.authority_id else str(_("Mặc định toàn quốc"))

    # --- periods -------------------------------------------------------------------------------------

    def period(self, year: int, kind: str) -> periods.Period:
        start, end = periods.period_dates(
            year, kind, cutoff_day=self.cutoff_day, year_end_month=self.year_end_month
        )
        days = self.annual_due_days if kind == periods.YEAR else self.half_year_due_days
        due = periods.due_date(
            end, days, working_days=self.due_in_working_days, extend=self.period_end_extends_to_working_day
        )
        return periods.Period(year, kind, start, end, due.date, due.explanation, due.explanation_en)

    def period_for_key(self, key: str) -> periods.Period:
        return self.period(*periods.parse_key(key))

    def containing(self, day: dt.date, kind: str) -> periods.Period:
        """The period of `kind` that contains `day`."""
        for year in (day.year, day.year + 1, day.year - 1):
            candidates = (periods.H1, periods.H2) if kind == "half" else (kind,)
            for k in candidates:
                p = self.period(year, k)
                if p.start <= day <= p.end:
                    return p
        raise ValueError(day)

    def recent_periods(self, today: dt.date | None = None, *, count: int = 6) -> list[periods.Period]:
        """The half-years up to the one containing `today`, oldest first (the trend chart's axis)."""
        today = today or timezone.localdate()
        current = self.containing(today, "half")
        found = [current]
        year, kind = current.year, current.kind
        while len(found) < count:
            year, kind = (year, periods.H1) if kind == periods.H2 else (year - 1, periods.H2)
            found.append(self.period(year, kind))
        return list(reversed(found))

    def ended_periods(self, today: dt.date | None = None, *, within_days: int = 60) -> list[periods.Period]:
        """Report periods (half-years and years) that ended before `today` and within `within_days`: the
        scheduled job catches up after downtime but does not compile periods from before the portal ran."""
        today = today or timezone.localdate()
        found = []
        for year in (today.year - 1, today.year, today.year + 1):
            for kind in periods.REPORT_KINDS:
                p = self.period(year, kind)
                if p.end < today and (today - p.end).days <= within_days:
                    found.append(p)
        return sorted(found, key=lambda p: (p.end, p.kind != periods.YEAR))

    # --- lookup --------------------------------------------------------------------------------------

    @classmethod
    def for_unit(cls, unit: AdministrativeUnit | None) -> "ReportingRegime":
        """The regime of the nearest authority above (or at) `unit`; the national default otherwise."""
        chain = []
        if unit is not None:
            chain = [unit, *reversed(unit.ancestors())]  # nearest first
        ids = [u.pk for u in chain]
        found = {
            r.authority_id: r for r in cls.objects.filter(Q(authority__in=ids) | Q(authority__isnull=True))
        }
        for u in chain:
            if u.pk in found:
                return found[u.pk]
        return found.get(None) or cls()

    @classmethod
    def for_owner(cls, owner) -> "ReportingRegime":
        """For a unit or an agency (an agency follows the regime of its unit)."""
        if is_agency(owner):
            return cls.for_unit(owner.unit)
        return cls.for_unit(owner)


def extends_to_working_day(owner) -> bool:
    """The Civil Code end-of-period rule as the owner's reviewing authority set it (on by default)."""
    if owner is None:
        return ReportingRegime.for_unit(None).period_end_extends_to_working_day
    return ReportingRegime.for_owner(owner).period_end_extends_to_working_day
