"""Checks by the level above and the annual grading.

- `CheckPlan`: a reviewing body (province, formerly district) plans a check of some units below it: the
  team, the subject, the dates. One `CheckVisit` per unit checked (owned by the unit or the agency, so
  its own people see it and nobody else does): planned → concluded, with the visit's minutes, the
  conclusions and the required fixes (`CheckFix`, each with a deadline after the visit), which the unit
  answers (open → answered). A fix not answered by its deadline is overdue (computed, never stored).
- `GradingScheme` / `GradingWeight`: how a province weighs the dashboard's indicators for a year's
  grading, and the score from which a unit is proposed for commendation. Data, not code: the province's
  reviewer edits it; a year without one uses the defaults (`grading.default_weights`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import AdministrativeUnit, Owned, owner_constraint


class CheckPlan(models.Model):
    """A check planned by a reviewing body over units below it (kế hoạch kiểm tra)."""

    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("cơ quan kiểm tra (địa bàn)"),
        on_delete=models.PROTECT,
        related_name="check_plans",
    )
    title = models.CharField(_("tên đợt kiểm tra"), max_length=300)
    subject = models.TextField(_("nội dung kiểm tra"), max_length=5000)
    plan_number = models.CharField(_("số kế hoạch"), max_length=50, blank=True)
    team_lead = models.CharField(_("trưởng đoàn kiểm tra"), max_length=200)
    team = models.TextField(_("thành viên đoàn kiểm tra"), max_length=3000, blank=True)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kế hoạch kiểm tra của cấp trên")
        verbose_name_plural = _("kế hoạch kiểm tra của cấp trên")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(name="checkplan_dates_in_order", condition=Q(ends_on__gte=F("starts_on")))
        ]

    def __str__(self):
        return self.title

    @property
    def team_members(self) -> list[str]:
        return [line.strip() for line in self.team.splitlines() if line.strip()]


class VisitState(models.TextChoices):
    PLANNED = "planned", _("Đã lên kế hoạch")
    CONCLUDED = "concluded", _("Đã có kết luận")


class CheckVisit(Owned):
    """The check of one unit (commune or agency) under a plan: the visit, its minutes and conclusions."""

    plan = models.ForeignKey(CheckPlan, on_delete=models.PROTECT, related_name="visits")
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=VisitState.choices, default=VisitState.PLANNED
    )
    visited_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    minutes = models.TextField(_("biên bản làm việc"), max_length=20000, blank=True)
    conclusions = models.TextField(_("kết luận kiểm tra"), max_length=20000, blank=True)
    number = models.CharField(_("số văn bản kết luận"), max_length=50, blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kiểm tra tại đơn vị")
        verbose_name_plural = _("kiểm tra tại đơn vị")
        ordering = ["plan", "pk"]
        constraints = [
            owner_constraint("checkvisit_owner_xor"),
            models.UniqueConstraint(fields=["plan", "unit"], name="checkvisit_unit_once"),
            models.UniqueConstraint(fields=["plan", "agency"], name="checkvisit_agency_once"),
        ]

    def __str__(self):
        return f"{self.plan.title} – {self.owner}"

    @property
    def is_concluded(self) -> bool:
        return self.state == VisitState.CONCLUDED


class FixState(models.TextChoices):
    OPEN = "open", _("Chưa trả lời")
    ANSWERED = "answered", _("Đã trả lời")


class CheckFix(models.Model):
    """A fix the conclusions require of the unit by a deadline, and the unit's answer."""

    visit = models.ForeignKey(CheckVisit, on_delete=models.PROTECT, related_name="fixes")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung yêu cầu khắc phục"), max_length=3000)
    due_on = models.DateField(_("hạn khắc phục"))
    state = models.CharField(_("trạng thái"), max_length=10, choices=FixState.choices, default=FixState.OPEN)
    answer = models.TextField(_("kết quả khắc phục"), max_length=10000, blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("yêu cầu khắc phục sau kiểm tra")
        verbose_name_plural = _("yêu cầu khắc phục sau kiểm tra")
        ordering = ["visit", "position"]
        constraints = [models.UniqueConstraint(fields=["visit", "position"], name="checkfix_position_once")]
        indexes = [
            # The dashboard's family (reports.checks.family): the fixes due in a period.
            models.Index(fields=["due_on", "visit", "answered_on"], name="checkfix_due"),
        ]

    def __str__(self):
        return self.text[:80]

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.answered_on is None and today > self.due_on

    @property
    def is_late(self) -> bool:
        """Answered, but after the deadline."""
        return self.answered_on is not None and self.answered_on > self.due_on


class GradingScheme(models.Model):
    """How a province weighs the indicators in a year's grading of its units (data its reviewer sets)."""

    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("tỉnh, thành phố"), on_delete=models.PROTECT,
        related_name="grading_schemes",
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    commend_from = models.PositiveSmallIntegerField(
        _("điểm đề nghị khen thưởng từ"),
        help_text=_("Đơn vị đạt từ số điểm này (trên thang 100) được đề nghị khen thưởng."),
    )
    basis = models.CharField(
        _("căn cứ"),
        max_length=300,
        blank=True,
        help_text=_("Văn bản của tỉnh quy định tiêu chí chấm điểm, thi đua (số, ngày, cơ quan ban hành)."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cách chấm điểm hằng năm")
        verbose_name_plural = _("cách chấm điểm hằng năm")
        ordering = ["province", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year"], name="gradingscheme_once_a_year"),
            models.CheckConstraint(name="gradingscheme_commend_in_scale", condition=Q(commend_from__lte=100)),
        ]

    def __str__(self):
        return f"{self.province} – {self.year}"


class GradingWeight(models.Model):
    scheme = models.ForeignKey(GradingScheme, on_delete=models.CASCADE, related_name="weights")
    indicator = models.CharField(_("chỉ số"), max_length=40)  # a key of reports.compliance.INDICATORS
    weight = models.PositiveSmallIntegerField(_("trọng số"))

    class Meta:
        verbose_name = _("trọng số chỉ số")
        verbose_name_plural = _("trọng số chỉ số")
        constraints = [models.UniqueConstraint(fields=["scheme", "indicator"], name="gradingweight_once")]

    def __str__(self):
        return f"{self.indicator}: {self.weight}"
