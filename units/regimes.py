"""The reporting regime: the periods, cut-offs and deadlines a reviewing authority sets for the units
below it, and the Civil Code end-of-period rule they follow (used for posting windows, consultation
periods, answers to recommendations and report deadlines alike, so it lives with the units)."""

import calendar as pycalendar
import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from democracy import calendar as working_calendar
from democracy import periods

from .models import AdministrativeUnit, Level, is_agency


class Schedule(models.TextChoices):
    """Which periodic reports a regime asks for."""

    ANNUAL = "annual", _("Chỉ báo cáo năm")
    HALF_YEAR_AND_ANNUAL = "half_year", _("Báo cáo 6 tháng và báo cáo năm")
    HALF_YEARS_AND_ANNUAL = "half_years", _("Báo cáo 6 tháng đầu năm, 6 tháng cuối năm và báo cáo năm")
    QUARTERLY = "quarterly", _("Báo cáo quý")


SCHEDULE_KINDS = {
    Schedule.ANNUAL: (periods.YEAR,),
    Schedule.HALF_YEAR_AND_ANNUAL: (periods.H1, periods.YEAR),
    Schedule.HALF_YEARS_AND_ANNUAL: (periods.H1, periods.H2, periods.YEAR),
    Schedule.QUARTERLY: periods.QUARTERS,
}


class DueRule(models.TextChoices):
    AFTER_CUTOFF = "after_cutoff", _("Số ngày sau ngày chốt số liệu")
    FIXED_DATE = "fixed_date", _("Trước một ngày cố định (trước ngày D tháng M)")


class DayOff(models.TextChoices):
    """What happens when the last day before a fixed date ("trước ngày 01/12") is a day off. A setting of
    its own: the Civil Code rule for periods (`period_end_extends_to_working_day`) is about periods
    counted in days, not about a date the regime fixes."""

    KEEP = "keep", _("Giữ nguyên ngày đó (nộp trên cổng cả ngày nghỉ)")
    EARLIER = "earlier", _("Lùi về ngày làm việc liền trước")
    LATER = "later", _("Chuyển sang ngày làm việc tiếp theo")


#: A fixed date further than this after the period's end is a misconfigured period, not a deadline.
FIXED_DUE_MAX_DAYS_AFTER_END = 92
_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})$")


def parse_day_month(text: str) -> tuple[int, int]:
    """'05/11' → (5, 11); ValueError with a Vietnamese message for anything that is not a day of a year
    (29/02 is refused: it would not exist three years in four)."""
    match = _DAY_MONTH.match((text or "").strip())
    if not match:
        raise ValueError(f"«{text}» không phải ngày/tháng (dạng 05/11).")
    day, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12 or not 1 <= day <= pycalendar.monthrange(2023, month)[1]:
        raise ValueError(f"«{text}» không phải ngày/tháng có trong mọi năm.")
    return day, month


def validate_day_month(text: str) -> None:
    if text:
        try:
            parse_day_month(text)
        except ValueError as error:
            raise ValidationError(str(error)) from None


def fixed_date_due(before: dt.date, day_off: str) -> tuple[dt.date, str, str]:
    """The last day to send a report due "before `before`" and how it was found, in Vietnamese and in
    English (as every computed date, `democracy.calendar.ComputedDate`)."""
    last = before - dt.timedelta(days=1)
    text = f"Gửi trước ngày {before:%d/%m/%Y}: hạn cuối {last:%d/%m/%Y}"
    text_en = f"Due before {before:%d/%m/%Y}: last day {last:%d/%m/%Y}"
    calendar = working_calendar.WorkingCalendar(last - dt.timedelta(days=30), last + dt.timedelta(days=30))
    if calendar.is_working_day(last):
        return last, text, text_en
    reason, reason_en = calendar.day_off_reason(last), calendar.day_off_reason_en(last)
    if day_off == DayOff.KEEP:
        return last, f"{text} ({reason}, vẫn giữ hạn này)", f"{text_en} ({reason_en}, kept as the deadline)"
    step = dt.timedelta(days=-1 if day_off == DayOff.EARLIER else 1)
    due = last
    while not calendar.is_working_day(due):
        due += step
    if day_off == DayOff.EARLIER:
        moved, moved_en = "lùi về ngày làm việc liền trước", "moved back to the previous working day"
    else:
        moved, moved_en = "chuyển sang ngày làm việc tiếp theo", "moved to the next working day"
    return (
        due,
        f"{text} là ngày nghỉ ({reason}), {moved}: {due:%d/%m/%Y}",
        f"{text_en} is a day off ({reason_en}), {moved_en}: {due:%d/%m/%Y}",
    )


class ReportingRegime(models.Model):
    """The periods, cut-offs and deadlines a reviewing body sets for the reports of the units below it:
    a province for its communes and agencies, a commune for its own agencies (and villages), a district
    for history. A body can set several (the democracy report and a statistical report); the rows
    without a body are the national default; without any row the defaults of the fields apply (the
    national convention: half-years and year, 5 working days after the cut-off on the 14th)."""

    authority = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("cơ quan theo dõi (tỉnh, xã; huyện với dữ liệu cũ)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reporting_regimes",
        limit_choices_to={"level__in": [Level.PROVINCE, Level.DISTRICT, Level.COMMUNE]},
        help_text=_("Để trống: chế độ mặc định toàn quốc."),
    )
    name = models.CharField(
        _("tên chế độ báo cáo"),
        max_length=200,
        default=_("Báo cáo kết quả thực hiện dân chủ ở cơ sở"),
        help_text=_(
            "Một cơ quan có thể đặt nhiều chế độ, ví dụ báo cáo thực hiện dân chủ và báo cáo thống kê."
        ),
    )
    for_units = models.BooleanField(
        _("áp dụng cho đơn vị hành chính cấp dưới"),
        default=True,
        help_text=_("Tỉnh: các xã, phường; xã: các thôn, tổ dân phố."),
    )
    for_agencies = models.BooleanField(
        _("áp dụng cho cơ quan, đơn vị"),
        default=True,
        help_text=_("Các cơ quan, đơn vị thuộc cơ quan theo dõi hoặc trên địa bàn của nó."),
    )
    schedule = models.CharField(
        _("các kỳ báo cáo"),
        max_length=12,
        choices=Schedule.choices,
        default=Schedule.HALF_YEARS_AND_ANNUAL,
    )
    ad_hoc = models.BooleanField(
        _("có báo cáo đột xuất khi được yêu cầu"),
        default=False,
        help_text=_("Văn bản ghi “hoặc đột xuất”: cơ quan theo dõi gửi yêu cầu báo cáo khi cần."),
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
    due_rule = models.CharField(
        _("cách tính hạn gửi"), max_length=12, choices=DueRule.choices, default=DueRule.AFTER_CUTOFF
    )
    quarter_due_days = models.PositiveSmallIntegerField(
        _("hạn gửi báo cáo quý (số ngày sau ngày chốt)"),
        default=5,
        validators=[MaxValueValidator(90)],
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
    half_year_due_before = models.CharField(
        _("báo cáo 6 tháng gửi trước ngày (ngày/tháng)"),
        max_length=5,
        blank=True,
        validators=[validate_day_month],
        help_text=_("Ví dụ 05/5 (“trước ngày 05/5”): hạn cuối là ngày liền trước, 04/5."),
    )
    annual_due_before = models.CharField(
        _("báo cáo năm gửi trước ngày (ngày/tháng)"),
        max_length=5,
        blank=True,
        validators=[validate_day_month],
        help_text=_("Ví dụ 05/11, 20/11, 01/12. Cũng là hạn của báo cáo 6 tháng cuối năm."),
    )
    quarter_due_before_day = models.PositiveSmallIntegerField(
        _("báo cáo quý gửi trước ngày … của tháng sau quý"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    due_on_day_off = models.CharField(
        _("khi hạn cuối (trước ngày cố định) rơi vào ngày nghỉ"),
        max_length=8,
        choices=DayOff.choices,
        default=DayOff.KEEP,
        help_text=_(
            "Riêng cho hạn theo ngày cố định; khác với quy tắc thời hạn của Bộ luật Dân sự bên dưới."
        ),
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
        ordering = ["authority_id", "pk"]
        constraints = [
            # Several regimes per body, each with its own name (NULL, the national default, never collides).
            models.UniqueConstraint(
                Coalesce("authority", Value(0)), "name", name="regime_name_per_authority"
            ),
        ]

    def __str__(self):
        body = str(self.authority) if self.authority_id else str(_("Mặc định toàn quốc"))
        return f"{body}: {self.name}"

    def clean(self):
        super().clean()
        if self.due_rule != DueRule.FIXED_DATE:
            return
        kinds = set(self.report_kinds)
        errors = {}
        if periods.H1 in kinds and not self.half_year_due_before:
            errors["half_year_due_before"] = _("Hãy ghi ngày gửi báo cáo 6 tháng (ví dụ 05/5).")
        if kinds & {periods.H2, periods.YEAR} and not self.annual_due_before:
            errors["annual_due_before"] = _("Hãy ghi ngày gửi báo cáo năm (ví dụ 05/11).")
        if kinds & set(periods.QUARTERS) and not self.quarter_due_before_day:
            errors["quarter_due_before_day"] = _("Hãy ghi ngày gửi báo cáo quý.")
        if errors:
            raise ValidationError(errors)
        for kind in self.report_kinds:
            try:
                p = self.period(timezone.localdate().year, kind)
            except ValueError as error:
                raise ValidationError(str(error)) from None
            if (p.due - p.end).days > FIXED_DUE_MAX_DAYS_AFTER_END:
                raise ValidationError(
                    _(
                        "Hạn gửi %(kind)s (%(due)s) cách ngày kết thúc kỳ (%(end)s) hơn %(days)d ngày: hãy kiểm "
                        "tra ngày chốt số liệu và tháng kết thúc năm báo cáo (kỳ phải kết thúc trước ngày gửi)."
                    )
                    % {
                        "kind": periods.KIND_LABELS[kind],
                        "due": f"{p.due:%d/%m/%Y}",
                        "end": f"{p.end:%d/%m/%Y}",
                        "days": FIXED_DUE_MAX_DAYS_AFTER_END,
                    }
                )

    @property
    def report_kinds(self) -> tuple[str, ...]:
        """The periodic reports the regime asks for, in order ('H1', 'Y' …)."""
        return SCHEDULE_KINDS[Schedule(self.schedule)]

    def covers(self, owner) -> bool:
        return self.for_agencies if is_agency(owner) else self.for_units

    # --- periods -------------------------------------------------------------------------------------

    def period(self, year: int, kind: str) -> periods.Period:
        start, end = periods.period_dates(
            year, kind, cutoff_day=self.cutoff_day, year_end_month=self.year_end_month
        )
        if self.due_rule == DueRule.FIXED_DATE:
            return periods.Period(year, kind, start, end, *self._fixed_due(kind, end))
        if kind == periods.YEAR:
            days = self.annual_due_days
        elif kind in periods.QUARTERS:
            days = self.quarter_due_days
        else:
            days = self.half_year_due_days
        due = periods.due_date(
            end, days, working_days=self.due_in_working_days, extend=self.period_end_extends_to_working_day
        )
        return periods.Period(year, kind, start, end, due.date, due.explanation, due.explanation_en)

    def _fixed_due(self, kind: str, end: dt.date) -> tuple[dt.date, str, str]:
        """'Before day D of month M': the first D/M after the period's last day; the last day to send is
        the day before it, moved as `due_on_day_off` says when it is a day off."""
        if kind in periods.QUARTERS:
            day = self.quarter_due_before_day
            if not day:
                raise ValueError("Chế độ báo cáo chưa ghi ngày gửi báo cáo quý.")
            before = dt.date(end.year, end.month, day)
            while before <= end:
                year, month = divmod(before.year * 12 + before.month, 12)
                before = dt.date(year, month + 1, day)
        else:
            text = self.half_year_due_before if kind == periods.H1 else self.annual_due_before
            day, month = parse_day_month(text)
            before = dt.date(end.year, month, day)
            if before <= end:
                before = dt.date(end.year + 1, month, day)
        return fixed_date_due(before, self.due_on_day_off)

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
            for kind in self.report_kinds:
                p = self.period(year, kind)
                if p.end < today and (today - p.end).days <= within_days:
                    found.append(p)
        return sorted(found, key=lambda p: (p.end, p.kind != periods.YEAR))

    # --- lookup --------------------------------------------------------------------------------------

    @classmethod
    def for_unit(cls, unit: AdministrativeUnit | None) -> "ReportingRegime":
        """The regime of `unit`'s area as a whole (dashboards, roll-ups, the scheduled job's provinces): the
        nearest province or district at or above it that set one, its first regime for units (a commune's
        own regimes are for its agencies and villages, not for the area); the national default otherwise."""
        chain = cls._area_chain(unit)
        return cls.area_regime(unit, cls._by_authority(chain), chain=chain)

    @staticmethod
    def _area_chain(unit) -> list:
        if unit is None:
            return []
        return [u for u in [unit, *reversed(unit.ancestors())] if u.level != Level.COMMUNE]

    @classmethod
    def area_regime(cls, unit, regimes: dict, *, chain=None) -> "ReportingRegime":
        """`for_unit` without a query, from `all_by_authority()` (for a loop over many areas; the parents
        must be loaded)."""
        for u in [*(cls._area_chain(unit) if chain is None else chain), None]:
            found = regimes.get(u.pk if u else None)
            if found:
                return next((r for r in found if r.for_units), found[0])
        return cls()

    @classmethod
    def applicable(cls, owner, regimes: dict | None = None) -> list["ReportingRegime"]:
        """Every regime the owner reports under: those the nearest body above it set for its kind (a
        commune's agencies: the commune's own regimes before the province's; a commune: its province's),
        several when that body set several; the national default otherwise. One query when the parents
        are loaded; none with `regimes` (`all_by_authority()`, for a loop over many owners)."""
        if is_agency(owner):
            chain = [owner.unit, *reversed(owner.unit.ancestors())]
        else:
            chain = list(reversed(owner.ancestors()))
        if regimes is None:
            regimes = cls._by_authority(chain)
        for u in [*chain, None]:
            found = [r for r in regimes.get(u.pk if u else None, ()) if u is None or r.covers(owner)]
            if found:
                return found
        return [cls()]

    @classmethod
    def all_by_authority(cls) -> dict:
        """Every regime by its body's id (None: the national default), in order, one query."""
        found: dict = {}
        for regime in cls.objects.order_by("pk"):
            found.setdefault(regime.authority_id, []).append(regime)
        return found

    @classmethod
    def _by_authority(cls, chain) -> dict:
        ids = [u.pk for u in chain]
        found: dict = {}
        for regime in cls.objects.filter(Q(authority__in=ids) | Q(authority__isnull=True)).order_by("pk"):
            found.setdefault(regime.authority_id, []).append(regime)
        return found

    @classmethod
    def for_owner(cls, owner) -> "ReportingRegime":
        """The owner's first applicable regime (the one its periodic democracy report follows)."""
        return cls.applicable(owner)[0]


def extends_to_working_day(owner) -> bool:
    """The Civil Code end-of-period rule as the owner's reviewing authority set it (on by default)."""
    if owner is None:
        return ReportingRegime.for_unit(None).period_end_extends_to_working_day
    return ReportingRegime.for_owner(owner).period_end_extends_to_working_day


class RegisterQuarters(models.Model):
    """The quarters of the quarterly register of disclosures (Law 10/2022/QH15 Art. 13(2)) a province
    chose for the register itself. The register is not a report: without a row its quarters are calendar
    quarters (01/01–31/03 …), whatever the reporting regime's cut-off, and a change of the reporting
    regime never moves them."""

    province = models.OneToOneField(
        AdministrativeUnit,
        verbose_name=_("tỉnh"),
        on_delete=models.CASCADE,
        related_name="register_quarters",
        limit_choices_to={"level": Level.PROVINCE},
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("ngày kết thúc quý"),
        default=31,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_(
            "Quý kết thúc vào ngày này của tháng cuối quý; 31 = ngày cuối tháng (quý theo năm dương lịch)."
        ),
    )
    year_end_month = models.PositiveSmallIntegerField(
        _("tháng kết thúc năm"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    basis = models.CharField(
        _("căn cứ"), max_length=300, help_text=_("Văn bản của tỉnh quy định cách chia quý của danh mục.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quý của danh mục nội dung đã công khai")
        verbose_name_plural = _("quý của danh mục nội dung đã công khai")

    def __str__(self):
        return str(self.province)

    @classmethod
    def for_owner(cls, owner) -> "RegisterQuarters":
        """The choice of the owner's province (an agency: its unit's); calendar quarters otherwise. One
        query when the owner's parents are loaded."""
        unit = owner.unit if is_agency(owner) else owner
        ids = [u.pk for u in [unit, *unit.ancestors()] if u.level == Level.PROVINCE]
        found = cls.objects.filter(province__in=ids).first() if ids else None
        return found or cls()
