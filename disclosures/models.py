"""Disclosures (công khai thông tin): one item of the legal catalogue made known by a commune or an
agency, posted for a legal window, with its documents, records, citizens' feedback and audit trail."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from democracy.calendar import closing_text
from democracy.i18n import Localized
from democracy.models import CatalogueItem
from democracy.revisions import Revision
from units.models import AdministrativeUnit, Owned, OwnedQuerySet, owner_constraint
from units.text import fold


class State(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ phê duyệt")
    PUBLISHED = "published", _("Đang công khai")
    CLOSED = "closed", _("Đã kết thúc niêm yết")
    WITHDRAWN = "withdrawn", _("Đã thu hồi")
    SUPERSEDED = "superseded", _("Đã được thay thế")


PUBLIC_STATES = (State.PUBLISHED, State.CLOSED, State.WITHDRAWN, State.SUPERSEDED)


class CommuneForm(models.TextChoices):
    """Art. 12(1) Law 10/2022/QH15: the forms of disclosure at commune level."""

    POSTING = "a", _("Niêm yết thông tin (Điều 12 khoản 1 điểm a)")
    PORTAL = "b", _("Đăng trên cổng/trang thông tin điện tử của xã (điểm b)")
    RADIO = "c", _("Phát trên hệ thống truyền thanh xã (điểm c)")
    VILLAGE_HEAD = "d", _("Qua Trưởng thôn, Tổ trưởng tổ dân phố thông báo đến Nhân dân (điểm d)")
    LETTER = "dd", _("Gửi văn bản đến công dân (điểm đ)")
    DIALOGUE = "e", _("Qua hội nghị trao đổi, đối thoại giữa UBND xã và Nhân dân (điểm e)")
    RECEPTION = (
        "g",
        _("Qua tiếp công dân, tiếp xúc cử tri, họp báo, thông cáo báo chí, người phát ngôn (điểm g)"),
    )
    ORGANISATIONS = "h", _("Thông báo đến tổ chức chính trị - xã hội, đoàn thể (điểm h)")
    NETWORKS = "i", _("Qua mạng viễn thông, mạng xã hội (điểm i)")
    OTHER = "k", _("Hình thức khác theo pháp luật, quy chế dân chủ (điểm k)")


class AgencyForm(models.TextChoices):
    """Art. 47(1) Law 10/2022/QH15: the forms of disclosure inside an agency."""

    POSTING = "a", _("Niêm yết (Điều 47 khoản 1 điểm a)")
    INTERNAL_SYSTEM = "b", _("Hệ thống thông tin nội bộ, cổng/trang thông tin điện tử (điểm b)")
    CONFERENCE = "c", _("Thông báo tại hội nghị cán bộ, công chức, viên chức, người lao động (điểm c)")
    LETTER = "d", _("Văn bản gửi toàn thể cán bộ, công chức, viên chức, người lao động (điểm d)")
    DEPARTMENT_HEADS = "dd", _("Qua người phụ trách bộ phận (điểm đ)")
    PARTY_UNION = "e", _("Văn bản đến tổ chức đảng, Ban Chấp hành Công đoàn (điểm e)")
    OTHER = "g", _("Hình thức khác (điểm g)")


class DisclosureQuerySet(OwnedQuerySet):
    def public(self):
        """What a citizen may see: commune disclosures once published (never agency ones, Art. 46)."""
        return self.filter(agency__isnull=True, state__in=PUBLIC_STATES)

    def for_unit(self, unit):
        return self.filter(unit=unit)

    def open_on(self, moment=None):
        """Posted and not yet past the end of the window (permanent items are always open)."""
        moment = moment or timezone.now()
        return self.filter(state=State.PUBLISHED).filter(
            Q(window_ends_at__isnull=True) | Q(window_ends_at__gte=moment)
        )

    def due_for_closing(self, moment=None):
        """Published, not permanent, and past the end of the window: what the closing job must close."""
        moment = moment or timezone.now()
        return self.filter(state=State.PUBLISHED, window_ends_at__lt=moment)

    def search(self, text):
        return self.filter(search_text__contains=fold(text))


class Disclosure(Owned):
    item = models.ForeignKey(
        CatalogueItem, verbose_name=_("nội dung phải công khai"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tiêu đề"), max_length=300)
    summary = models.TextField(_("tóm tắt"), max_length=2000)
    body = models.TextField(_("nội dung"), blank=True, max_length=50000)

    decision_number = models.CharField(_("số văn bản, quyết định"), max_length=100)
    decision_date = models.DateField(_("ngày ban hành"))
    decision_issuer = models.CharField(_("cơ quan ban hành"), max_length=255)

    forms = models.JSONField(_("hình thức công khai"), default=list)
    posted_at_office = models.BooleanField(_("niêm yết tại trụ sở"), default=True)
    posting_villages = models.ManyToManyField(
        AdministrativeUnit,
        verbose_name=_("niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng"),
        blank=True,
        related_name="+",
    )
    other_places = models.CharField(_("nơi niêm yết khác"), max_length=500, blank=True)
    # Why a form Art. 13 requires is not used: another law sets its own forms (Art. 13(6)), or the commune
    # has no radio system ("nếu có", Art. 13(3)). Recorded with the disclosure and shown on its record.
    forms_reason = models.CharField(_("lý do không dùng hình thức bắt buộc"), max_length=500, blank=True)
    window_days = models.PositiveSmallIntegerField(
        _("số ngày niêm yết"),
        null=True,
        blank=True,
        help_text=_(
            "Không ít hơn thời gian tối thiểu của nội dung; trống với nội dung niêm yết thường xuyên."
        ),
    )

    state = models.CharField(_("trạng thái"), max_length=12, choices=State.choices, default=State.DRAFT)
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("thay thế bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    correction_reason = models.TextField(_("lý do đính chính, thay thế"), blank=True)

    # Computed from the catalogue and the calendar when the decision date is set or the posting starts.
    posting_deadline = models.DateField(_("hạn công khai"), null=True, blank=True)
    posting_deadline_explanation = models.TextField(blank=True)
    posting_deadline_explanation_en = models.TextField(blank=True)  # the same in English
    posting_deadline_explanation_text = Localized("posting_deadline_explanation")
    published_at = models.DateTimeField(_("thời điểm niêm yết"), null=True, blank=True)
    is_late = models.BooleanField(_("công khai muộn"), default=False)
    late_reason = models.TextField(_("lý do công khai muộn"), blank=True)
    window_end = models.DateField(_("ngày kết thúc niêm yết"), null=True, blank=True)
    window_ends_at = models.DateTimeField(_("thời điểm kết thúc niêm yết"), null=True, blank=True)
    window_explanation = models.TextField(blank=True)
    window_explanation_en = models.TextField(blank=True)  # the same in English
    window_explanation_text = Localized("window_explanation")
    radio_days = models.PositiveSmallIntegerField(_("số ngày phát trên truyền thanh"), null=True, blank=True)

    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    withdrawn_reason = models.TextField(_("lý do thu hồi"), blank=True)
    # The closing job writes both: the legal end (window_ends_at) and when it actually ran.
    closed_at = models.DateTimeField(_("thời điểm đóng thực tế"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The token of the form that created it: a form sent twice finds the first one instead of making two.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("thông tin công khai")
        verbose_name_plural = _("thông tin công khai")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            owner_constraint("disclosure_unit_xor_agency"),
        ]
        indexes = [
            # The public board and the API: a unit's disclosures by state, newest first.
            models.Index(fields=["unit", "state", "-published_at"], name="disclosure_board"),
            models.Index(fields=["agency", "state", "-published_at"], name="disclosure_agency_board"),
            # The closing job: published postings whose window has ended.
            models.Index(fields=["state", "window_ends_at"], name="disclosure_due"),
            # The board's "posted now": a commune's open postings (bench: 2.8 → 0.2 ms at a million rows).
            models.Index(
                fields=["unit", "window_ends_at"],
                condition=Q(state="published"),
                name="disclosure_open_by_unit",
            ),
            # Reports and the compliance dashboard (reports/figures.py): a period's postings and the
            # windows that ended in it, counted from the index alone, and the owner of a disclosure
            # that received feedback (bench/reports.py: country 1.9 s → 0.6 s).
            models.Index(
                fields=["published_at", "unit", "agency", "is_late", "state", "version"],
                name="disclosure_posted",
            ),
            models.Index(
                fields=["window_ends_at", "unit", "agency", "state", "closed_at"],
                condition=Q(window_ends_at__isnull=False),
                name="disclosure_window",
            ),
            models.Index(fields=["id", "unit", "agency"], name="disclosure_owner"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.summary} {self.decision_number}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_permanent(self):
        return self.item.is_permanent

    def is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.state == State.PUBLISHED and (
            self.window_ends_at is None or moment <= self.window_ends_at
        )

    @property
    def window_closing_text(self) -> str:
        """ "24 giờ 00 ngày 11/03/2024": the end of the window in the words the site, the e-mails and the
        posting and closing records all print ("" when posted permanently)."""
        return closing_text(self.window_ends_at) if self.window_ends_at else ""

    def form_labels(self):
        choices = dict((AgencyForm if self.is_internal else CommuneForm).choices)
        return [choices.get(code, code) for code in self.forms]


def document_path(instance, filename):
    """Stored under a random name: the original name is kept in the row, never trusted as a path."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"disclosures/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Document(models.Model):
    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=document_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến trên cổng")
    IN_PERSON = "in_person", _("Trực tiếp tại trụ sở")
    EMAIL = "email", _("Thư điện tử")
    ZALO = "zalo", _("Zalo")
    HOTLINE = "hotline", _("Đường dây nóng")
    BOX = "box", _("Hòm thư góp ý")
    MEETING = "meeting", _("Tại cuộc họp, hội nghị")


class FeedbackQuerySet(models.QuerySet):
    def unanswered(self):
        """Waiting for an answer: shown (a hidden one needs none) and not answered yet."""
        return self.filter(hidden_at__isnull=True, answered_at__isnull=True)


class Feedback(models.Model):
    """A citizen's (or staff member's) question or comment on a disclosure, and the published answer."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Câu hỏi")
        COMMENT = "comment", _("Ý kiến")

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="feedback")
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    text = models.TextField(_("nội dung"), max_length=4000)
    channel = models.CharField(
        _("kênh tiếp nhận"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    # Never shown publicly.
    name = models.CharField(_("họ tên"), max_length=150, blank=True)
    contact = models.CharField(_("liên hệ"), max_length=200, blank=True)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    answer = models.TextField(_("trả lời"), blank=True, max_length=8000)
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(_("thời điểm ẩn"), null=True, blank=True)
    hidden_reason = models.CharField(_("lý do ẩn"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu hỏi, ý kiến")
        verbose_name_plural = _("câu hỏi, ý kiến")
        ordering = ["received_at", "pk"]
        indexes = [
            models.Index(fields=["disclosure", "received_at"], name="feedback_by_disclosure"),
            # Reports: the feedback received in a period, counted from the index alone.
            models.Index(
                fields=["received_at", "disclosure", "hidden_at", "answered_at"], name="feedback_received"
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def reference(self) -> str:
        """The number a citizen is given when sending the question or comment, and the staff page shows."""
        return f"CH-{self.pk}"


class FeedbackRevision(Revision):
    """A published answer to a question, as it was before a correction."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="revisions")
    given_at = models.DateTimeField(_("thời điểm trả lời"), null=True)

    class Meta(Revision.Meta):
        verbose_name = _("câu trả lời trước khi sửa")
        verbose_name_plural = _("câu trả lời trước khi sửa")


class Record(models.Model):
    """The posting record and the closing record (biên bản niêm yết / kết thúc niêm yết) as PDF."""

    class Kind(models.TextChoices):
        POSTING = "posting", _("Biên bản niêm yết")
        CLOSING = "closing", _("Biên bản kết thúc niêm yết")

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="records")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    number = models.CharField(_("số"), max_length=50)
    made_at = models.DateTimeField(_("thời điểm lập"), default=timezone.now)
    pdf = models.FileField(upload_to="records/%Y/%m", blank=True, max_length=200)
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("biên bản")
        verbose_name_plural = _("biên bản")
        constraints = [
            # One posting record and one closing record per disclosure, however often a job runs.
            models.UniqueConstraint(fields=["disclosure", "kind"], name="record_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class RecordSequence(models.Model):
    """The last record number (Số: n/BB-UBND) a commune or an agency used in a year. Numbers are taken
    under a row lock, so two jobs running at once never hand out the same number."""

    owner = models.CharField(max_length=24, help_text="u<unit id> or a<agency id>")  # units.models.owner_key
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "year"], name="record_sequence_one_per_owner_year")
        ]

    def __str__(self):
        return f"{self.owner} {self.year}: {self.last}"
