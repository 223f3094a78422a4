"""Implementation plans (kế hoạch): a province's, a district's (history), a commune's or an agency's
numbered tasks, each with a lead body, coordinating bodies and a due rule, cascaded from the plan above
and tracked to done by the lead body's updates.

A plan is drafted by a clerk and issued by an approver; once issued it is never edited in place: an
amendment is a new version (with its reason) that replaces the issued one when it is issued in turn.
A task's due date is computed from its rule (`due.py`) and stored with its explanation; whether it is
overdue is computed from it and the task's last status, never typed."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from democracy.models import StoredFile
from units.models import AdministrativeUnit, Agency, Owned, OwnedQuerySet, owner_constraint


class Kind(models.TextChoices):
    IMPLEMENTATION = "implementation", _("Kế hoạch triển khai thi hành văn bản")
    ANNUAL = "annual", _("Kế hoạch năm")
    THEMATIC = "thematic", _("Kế hoạch chuyên đề")


class State(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    ISSUED = "issued", _("Đã ban hành")
    AMENDED = "amended", _("Đã được sửa đổi (thay bằng phiên bản mới)")
    CANCELLED = "cancelled", _("Đã hủy bỏ")


# Plans a reader outside the owner may see (a commune's; an agency's plans are internal).
PUBLIC_STATES = (State.ISSUED, State.AMENDED, State.CANCELLED)


class PlanQuerySet(OwnedQuerySet):
    def public(self):
        return self.filter(agency__isnull=True, state__in=PUBLIC_STATES)

    def in_force(self):
        return self.filter(state=State.ISSUED)


class Plan(Owned):
    kind = models.CharField(_("loại kế hoạch"), max_length=16, choices=Kind.choices, default=Kind.ANNUAL)
    number = models.PositiveIntegerField(
        _("số"), null=True, blank=True, help_text=_("Số trong sổ văn bản của năm; bắt buộc khi ban hành.")
    )
    symbol = models.CharField(_("ký hiệu"), max_length=40, default="KH-UBND")
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    date = models.DateField(_("ngày ban hành"))
    place = models.CharField(_("địa danh"), max_length=100, help_text=_("Ví dụ: Sa Pa, Bình Lư."))
    title = models.CharField(_("trích yếu"), max_length=300)
    bases = models.TextField(_("căn cứ"), blank=True, max_length=5000)
    based_on = models.ManyToManyField(
        "self", verbose_name=_("kế hoạch cấp trên làm căn cứ"), symmetrical=False, blank=True,
        related_name="basis_of",
    )  # fmt: skip
    made_from = models.ForeignKey(
        "self", verbose_name=_("lập từ kế hoạch"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="cascaded",
        help_text=_("Kế hoạch cấp trên mà kế hoạch này được lập từ (các nhiệm vụ được giao đã sao chép)."),
    )  # fmt: skip
    purpose = models.TextField(
        _("mục đích, yêu cầu"), blank=True, max_length=20000,
        help_text=_("Mỗi đoạn một dòng; dòng bắt đầu bằng “-” là một ý. Không nhận mã HTML."),
    )  # fmt: skip
    organisation = models.TextField(_("tổ chức thực hiện"), blank=True, max_length=20000)
    funding = models.TextField(_("kinh phí"), blank=True, max_length=5000)
    recipients = models.TextField(
        _("nơi nhận"), blank=True, max_length=2000, help_text=_("Mỗi nơi một dòng.")
    )
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(
        _("thẩm quyền ký"), max_length=200, blank=True,
        help_text=_("Ví dụ: “TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH” (dấu / xuống dòng)."),
    )  # fmt: skip
    child_plan_due = models.DateField(
        _("hạn cấp dưới ban hành kế hoạch"), null=True, blank=True,
        help_text=_("Ngày các xã, cơ quan được giao phải ban hành kế hoạch của mình (để theo dõi)."),
    )  # fmt: skip

    state = models.CharField(_("trạng thái"), max_length=12, choices=State.choices, default=State.DRAFT)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    previous = models.OneToOneField(
        "self", verbose_name=_("phiên bản trước"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="next_version",
    )  # fmt: skip
    amendment_reason = models.TextField(_("lý do sửa đổi"), blank=True, max_length=2000)
    cancel_reason = models.TextField(_("lý do hủy bỏ"), blank=True, max_length=2000)
    issued_at = models.DateTimeField(_("thời điểm ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-date", "-pk"]
        constraints = [
            owner_constraint("plan_owner_unit_xor_agency"),
            # One number per owner and year among the versions in force: the number is the document's.
            models.UniqueConstraint(
                fields=["unit", "agency", "year", "number", "symbol"],
                condition=Q(state="issued"),
                name="plan_number_once_per_owner_year",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "state"], name="plan_unit_state"),
            models.Index(fields=["agency", "state"], name="plan_agency_state"),
        ]

    def __str__(self):
        return f"{self.reference} – {self.title}" if self.number else self.title

    def save(self, *args, **kwargs):
        self.year = self.date.year
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        """ "363/KH-UBND" (empty for a draft without a number)."""
        return f"{self.number}/{self.symbol}" if self.number else ""

    @property
    def is_public(self) -> bool:
        return not self.is_internal and self.state in PUBLIC_STATES

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def signer_lines(self) -> list[str]:
        return [line.strip() for line in self.signer_title.split("/") if line.strip()]


class Section(models.Model):
    """A heading of section II (Nội dung): "1. Tổ chức quán triệt, tuyên truyền…"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("số mục"), max_length=20, help_text=_("Ví dụ: II.1"))
    heading = models.CharField(_("tiêu đề mục"), max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("mục của kế hoạch")
        verbose_name_plural = _("mục của kế hoạch")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.code}. {self.heading}"

    @property
    def title(self) -> str:
        """The heading, by the name the PDF templates use (they never name `.heading`: pdf/base.html's)."""
        return self.heading


class DueKind(models.TextChoices):
    DATE = "date", _("Trước một ngày cụ thể")
    MONTH = "month", _("Trong tháng")
    QUARTER = "quarter", _("Trong quý")
    YEAR = "year", _("Trong năm")
    ONGOING = "ongoing", _("Thường xuyên (báo cáo tiến độ định kỳ)")
    TRIGGERED = "triggered", _("Khi có văn bản hướng dẫn (tính từ ngày có văn bản)")
    PERIODIC = "periodic", _("Định kỳ (các ngày trong năm, hoặc mỗi kỳ N tháng)")


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Không thực hiện (có lý do)")


OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS)


class TaskQuerySet(models.QuerySet):
    def overdue(self, today=None):
        """Not done, not cancelled, and past the computed due date (computed here, never stored)."""
        today = today or timezone.localdate()
        return self.filter(status__in=OPEN_STATUSES, due_on__lt=today)

    def led_by(self, owner):
        from units.models import is_agency

        if is_agency(owner):
            return self.filter(lead_agency=owner)
        return self.filter(lead_unit=owner)


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section, verbose_name=_("mục"), null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    code = models.CharField(_("số thứ tự"), max_length=20, help_text=_("Như văn bản đánh số: II.1.a"))
    heading = models.CharField(_("nhiệm vụ"), max_length=500)
    content = models.TextField(_("nội dung"), blank=True, max_length=10000)
    audience = models.CharField(_("hình thức, đối tượng"), max_length=500, blank=True)
    output = models.CharField(_("sản phẩm"), max_length=500, blank=True)

    lead_unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("chủ trì: đơn vị hành chính"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="led_plan_tasks",
    )  # fmt: skip
    lead_agency = models.ForeignKey(
        Agency, verbose_name=_("chủ trì: cơ quan, đơn vị"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="led_plan_tasks",
    )  # fmt: skip
    lead_text = models.CharField(
        _("chủ trì: bộ phận"), max_length=500, blank=True,
        help_text=_("Phòng, ban của cơ quan ban hành, ví dụ “Phòng Văn hóa – Xã hội”."),
    )  # fmt: skip
    coordinating_units = models.ManyToManyField(
        AdministrativeUnit, verbose_name=_("phối hợp: đơn vị hành chính"), blank=True, related_name="+"
    )
    coordinating_agencies = models.ManyToManyField(
        Agency, verbose_name=_("phối hợp: cơ quan, đơn vị"), blank=True, related_name="+"
    )
    coordinating_text = models.CharField(_("phối hợp: bộ phận, tổ chức khác"), max_length=1000, blank=True)

    time_text = models.CharField(
        _("thời gian thực hiện (như văn bản ghi)"), max_length=300, blank=True,
        help_text=_("Ví dụ: “Thường xuyên”, “Quý I năm 2024”."),
    )  # fmt: skip
    due_kind = models.CharField(_("cách tính hạn"), max_length=10, choices=DueKind.choices)
    due_date = models.DateField(_("ngày"), null=True, blank=True)
    due_year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    due_month = models.PositiveSmallIntegerField(_("tháng"), null=True, blank=True)
    due_quarter = models.PositiveSmallIntegerField(_("quý"), null=True, blank=True)
    every_months = models.PositiveSmallIntegerField(_("mỗi (tháng)"), null=True, blank=True)
    trigger_days = models.PositiveSmallIntegerField(_("số ngày kể từ khi có văn bản"), null=True, blank=True)
    trigger_date = models.DateField(_("ngày có văn bản hướng dẫn"), null=True, blank=True)
    trigger_text = models.CharField(_("văn bản hướng dẫn"), max_length=300, blank=True)
    periodic_days = models.CharField(
        _("các ngày trong năm"),
        max_length=100,
        blank=True,
        help_text=_("Dạng ngày/tháng, ví dụ: 05/05, 05/11"),
    )

    # Computed from the rule (due.py) by the write functions; the explanation says how.
    due_on = models.DateField(_("hạn"), null=True, blank=True, editable=False)
    due_explanation = models.CharField(max_length=500, blank=True, editable=False)
    # The last update's status and day (written only by actions.post_update).
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED, editable=False
    )
    status_on = models.DateField(null=True, blank=True, editable=False)
    done_on = models.DateField(null=True, blank=True, editable=False)

    parent = models.ForeignKey(
        "self", verbose_name=_("nhiệm vụ của kế hoạch cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(default=0)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["position", "pk"]
        indexes = [
            models.Index(fields=["lead_unit", "status", "due_on"], name="plantask_unit_due"),
            models.Index(fields=["lead_agency", "status", "due_on"], name="plantask_agency_due"),
        ]

    def __str__(self):
        return f"{self.code}. {self.heading}"

    @property
    def title(self) -> str:
        """The heading, by the name the PDF templates use (they never name `.heading`: pdf/base.html's)."""
        return self.heading

    @property
    def lead_owner(self):
        return self.lead_agency if self.lead_agency_id else self.lead_unit

    @property
    def lead_label(self) -> str:
        names = [str(o) for o in (self.lead_unit, self.lead_agency) if o is not None]
        if self.lead_text:
            names.append(self.lead_text)
        return "; ".join(names)

    def coordinating_label(self) -> str:
        names = [u.name for u in self.coordinating_units.all()] + [
            a.name for a in self.coordinating_agencies.all()
        ]
        if self.coordinating_text:
            names.append(self.coordinating_text)
        return "; ".join(names)

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status in OPEN_STATUSES and self.due_on is not None and self.due_on < today

    @property
    def done_on_time(self) -> bool | None:
        if self.status != Status.DONE or self.done_on is None:
            return None
        return self.due_on is None or self.done_on <= self.due_on


class TaskUpdate(models.Model):
    """A report of progress by the lead body (it sets the task's status), or a note by a coordinating
    body (no status). Never edited: a later update replaces it as the task's status."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="updates")
    status = models.CharField(_("tình trạng"), max_length=12, choices=Status.choices, blank=True)
    is_note = models.BooleanField(_("ghi chú của cơ quan phối hợp"), default=False)
    on = models.DateField(_("ngày"))
    text = models.TextField(_("kết quả thực hiện"), max_length=5000)
    reason = models.TextField(_("lý do không thực hiện"), blank=True, max_length=2000)
    conferences = models.PositiveIntegerField(_("số hội nghị, lớp tập huấn"), null=True, blank=True)
    people = models.PositiveIntegerField(_("số lượt người tham gia"), null=True, blank=True)
    documents_issued = models.PositiveIntegerField(_("số văn bản ban hành"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    by_owner = models.CharField(max_length=24, help_text="units.models.owner_key of the body that posted it")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.task.code} {self.on:%d/%m/%Y}: {self.get_status_display() or _('ghi chú')}"


class TaskAttachment(StoredFile):
    """A file posted with a progress update or a note (a list of attendees, a photo, the report): checked
    by `democracy.uploads.check_upload`, stored under a random name by the default storage (local disk or
    S3), downloaded only through `views.attachment_download` (the task's accessor). Never deleted or
    replaced: an update is never edited."""

    update = models.ForeignKey(TaskUpdate, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="plans/%Y/%m", max_length=200)

    class Meta(StoredFile.Meta):
        verbose_name = _("tệp kèm theo cập nhật tiến độ")
        verbose_name_plural = _("tệp kèm theo cập nhật tiến độ")


class Evidence(models.Model):
    """A portal object that proves an update (a disclosure, a consultation, a meeting, a decision, a
    unit report): a generic reference, so the apps below need not know plans."""

    update = models.ForeignKey(TaskUpdate, on_delete=models.PROTECT, related_name="evidence")
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    label = models.CharField(max_length=300)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")

    def __str__(self):
        return self.label
