"""The reporting regime, unit reports (half-year / annual), area roll-ups, and background jobs.

A unit report belongs to one commune-level unit or one agency and one period. Its figures are a
snapshot taken when it is compiled (by the scheduled job when the period ends, or again by the clerk
until it is submitted); the clerk writes the narrative, the approver signs it off and submits it.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from democracy import periods
from democracy.i18n import Localized
from units.models import AdministrativeUnit, Owned, ReportingRegime, owner_constraint


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    TO_SIGN = "to_sign", _("Chờ ký duyệt")
    SUBMITTED = "submitted", _("Đã gửi")


class ReportStatus(models.TextChoices):
    """What a reviewer sees of a unit's report for a period (derived, not stored)."""

    NOT_DUE = "not_due", _("Chưa đến kỳ")
    IN_PROGRESS = "in_progress", _("Đang soạn, chưa đến hạn")
    ON_TIME = "on_time", _("Đã gửi đúng hạn")
    LATE = "late", _("Gửi muộn")
    MISSING = "missing", _("Chưa gửi (quá hạn)")


AD_HOC = "AH"
AD_HOC_LABEL = _("đột xuất")


class ReportRequest(models.Model):
    """A reviewing body's request for a report on a subject by a date (yêu cầu báo cáo đột xuất): the
    communes and agencies below it each get a report (`UnitReport.request`) that follows the periodic
    report's compile → sign → send flow, on time when sent by `due_on`."""

    area = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("cơ quan yêu cầu"),
        on_delete=models.PROTECT,
        related_name="report_requests",
    )
    number = models.CharField(_("số văn bản yêu cầu"), max_length=50, blank=True)
    subject = models.CharField(_("nội dung yêu cầu báo cáo"), max_length=300)
    outline = models.TextField(_("đề cương báo cáo"), max_length=20000)
    period_start = models.DateField(_("số liệu từ ngày"))
    period_end = models.DateField(_("số liệu đến ngày"))
    due_on = models.DateField(_("hạn gửi"))
    for_units = models.BooleanField(_("các xã, phường"), default=True)
    for_agencies = models.BooleanField(_("các cơ quan, đơn vị"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("yêu cầu báo cáo đột xuất")
        verbose_name_plural = _("yêu cầu báo cáo đột xuất")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} – {self.area}"


class UnitReport(Owned):
    """`regime` empty: the owner's periodic report under its first regime (the one the dashboards follow);
    set: a report under another regime that also applies to it (a statistical report, issue 14)."""

    regime = models.ForeignKey(
        ReportingRegime,
        verbose_name=_("chế độ báo cáo khác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    request = models.ForeignKey(
        ReportRequest,
        verbose_name=_("yêu cầu báo cáo đột xuất"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(
        _("kỳ"),
        max_length=2,
        choices=[
            *((k, periods.KIND_LABELS[k]) for k in (*periods.REPORT_KINDS, *periods.QUARTERS)),
            (AD_HOC, AD_HOC_LABEL),
        ],
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    due_on = models.DateField(_("hạn gửi"))
    due_explanation = models.TextField(blank=True)
    due_explanation_en = models.TextField(blank=True)  # the same in English
    due_explanation_text = Localized("due_explanation")

    state = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    figures = models.JSONField(_("số liệu"), default=dict)
    compiled_at = models.DateTimeField(_("thời điểm tổng hợp số liệu"))
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    results = models.TextField(_("kết quả đạt được"), blank=True, max_length=20000)
    shortcomings = models.TextField(_("tồn tại, hạn chế và nguyên nhân"), blank=True, max_length=20000)
    proposals = models.TextField(_("phương hướng, đề xuất, kiến nghị"), blank=True, max_length=20000)

    number = models.CharField(_("số báo cáo"), max_length=50, blank=True)
    sent_as = models.ForeignKey(
        "AreaReport",
        verbose_name=_("gửi bằng báo cáo tổng hợp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    is_late = models.BooleanField(_("gửi muộn"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["-period_end", "unit__name"]
        constraints = [
            owner_constraint("unit_report_unit_xor_agency"),
            models.UniqueConstraint(
                F("unit"),
                Coalesce("regime", Value(0)),
                Coalesce("request", Value(0)),
                F("year"),
                F("kind"),
                condition=Q(unit__isnull=False),
                name="unit_report_once",
            ),
            models.UniqueConstraint(
                F("agency"),
                Coalesce("regime", Value(0)),
                Coalesce("request", Value(0)),
                F("year"),
                F("kind"),
                condition=Q(agency__isnull=False),
                name="agency_report_once",
            ),
        ]
        indexes = [models.Index(fields=["year", "kind"], name="unit_report_period")]

    def __str__(self):
        return f"{self.period_label} – {self.owner}"

    @property
    def key(self) -> str:
        if self.request_id:
            return f"{self.year}-dot-xuat-{self.request_id}"
        return periods.make_key(self.year, self.kind)

    @property
    def period_label(self) -> str:
        if self.request_id:
            return f"{AD_HOC_LABEL}: {self.request.subject}"
        label = f"{periods.KIND_LABELS[self.kind]} {self.year}"
        return f"{label} ({self.regime.name})" if self.regime_id else label

    def status(self, today: dt.date | None = None) -> str:
        return report_status(self, self.due_on, self.period_end, today)


def report_status(report, due_on: dt.date, period_end: dt.date, today: dt.date | None = None) -> str:
    """The reviewer's view of a report (or of its absence when `report` is None)."""
    today = today or timezone.localdate()
    if report is not None and report.state == ReportState.SUBMITTED:
        return ReportStatus.LATE if report.is_late else ReportStatus.ON_TIME
    if today > due_on:
        return ReportStatus.MISSING
    if today > period_end:
        return ReportStatus.IN_PROGRESS
    return ReportStatus.NOT_DUE


class Compilation(models.Model):
    """Marks that the scheduled job compiled the reports of an authority's area for a period, so that
    it catches up after downtime and never compiles the same period twice."""

    authority = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")
    # The regime compiled (empty: the unsaved national convention); one marker per regime and period.
    regime = models.ForeignKey(
        ReportingRegime, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=2)
    compiled_at = models.DateTimeField(default=timezone.now)
    reports = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("lần tổng hợp theo lịch")
        verbose_name_plural = _("lần tổng hợp theo lịch")
        constraints = [
            models.UniqueConstraint(
                F("authority"), Coalesce("regime", Value(0)), F("year"), F("kind"), name="compilation_once"
            ),
        ]

    def __str__(self):
        return f"{self.authority_id} {periods.make_key(self.year, self.kind)}"


class AreaReport(models.Model):
    """A reviewer's roll-up of every unit of an area for a period, compiled by a task."""

    area = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="area_reports")
    year = models.PositiveSmallIntegerField(_("năm"))
    kind = models.CharField(_("kỳ"), max_length=2)
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField()
    figures = models.JSONField(default=dict)
    compiled_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.FileField(upload_to="reports/%Y/%m", blank=True, max_length=200)
    xlsx = models.FileField(upload_to="reports/%Y/%m", blank=True, max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    # Signed and sent to the level above (issue 14): numbered, with its signer and its recipients.
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    number = models.CharField(_("số báo cáo"), max_length=50, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    recipients = models.TextField(_("nơi nhận"), blank=True, max_length=2000)
    sent_to = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("gửi cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_rollups",
        help_text=_("Trống: gửi Bộ Nội vụ (cấp trên của tỉnh)."),
    )
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    is_late = models.BooleanField(_("gửi muộn"), default=False)

    class Meta:
        verbose_name = _("báo cáo tổng hợp")
        verbose_name_plural = _("báo cáo tổng hợp")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.period_label} – {self.area}"

    @property
    def key(self) -> str:
        return periods.make_key(self.year, self.kind)

    @property
    def period_label(self) -> str:
        return f"{periods.KIND_LABELS[self.kind]} {self.year}"

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class Job(models.Model):
    """A long task started from the browser; the page polls its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=30)
    title = models.CharField(max_length=300)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    params = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}


class StoredFigures(models.Model):
    """The dashboard's figures of one owner (a commune-level unit "u<id>" or an agency "a<id>") for one
    period, as `figures.compute(breakdowns=False)` counted them at `computed_at` for the day `valid_on`
    (some counts depend on the day: overdue, deadlines passed). Kept up to date incrementally
    (`reports.stored`): a row is used only for its day, in the layout `version` of the figures, and while
    no write to its owner came after it (`democracy.OwnerChange`); otherwise it is counted again."""

    key = models.CharField(max_length=24)
    period_start = models.DateField()
    period_end = models.DateField()
    # The counts in the order of `reports.stored.LAYOUT`, comma-separated ("3,0,12,…": quicker to read
    # back than JSON, 3,321 rows for the country).
    counts = models.TextField()
    version = models.CharField(max_length=16)
    valid_on = models.DateField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("số liệu bảng theo dõi")
        verbose_name_plural = _("số liệu bảng theo dõi")
        constraints = [
            models.UniqueConstraint(fields=["period_start", "period_end", "key"], name="stored_figures_once"),
        ]
        indexes = [models.Index(fields=["period_end", "valid_on"], name="stored_figures_day")]

    def __str__(self):
        return f"{self.key} {self.period_start}–{self.period_end}"
