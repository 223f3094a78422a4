"""Consultations (lấy ý kiến) with their comments and responses, meetings and their minutes, community
and staff decisions with the law's thresholds, online votes, and inspection-board recommendations."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from democracy.calendar import closing_text
from democracy.i18n import Localized
from democracy.models import CatalogueItem, Recogniser, StoredFile
from democracy.revisions import Revision
from disclosures.models import Disclosure
from units.models import AdministrativeUnit, Owned, OwnedQuerySet, owner_constraint
from units.text import fold

# --- Consultations -----------------------------------------------------------------------------------


class CommuneCommentForm(models.TextChoices):
    """Art. 26(1): the forms of consultation at commune level."""

    DIALOGUE = "a", _("Hội nghị trao đổi, đối thoại giữa UBND xã và Nhân dân (Điều 26 khoản 1 điểm a)")
    COMMUNITY_MEETING = "b", _("Cuộc họp cộng đồng dân cư (điểm b)")
    QUESTIONNAIRE = "c", _("Phát phiếu lấy ý kiến hộ gia đình (điểm c)")
    BOX_HOTLINE = "d", _("Hòm thư góp ý, đường dây nóng (điểm d)")
    FRONT = "dd", _("Qua Ban công tác Mặt trận và tổ chức chính trị - xã hội (điểm đ)")
    PORTAL = "e", _("Qua cổng/trang thông tin điện tử của xã (điểm e)")
    NETWORKS = "g", _("Qua mạng viễn thông, mạng xã hội (điểm g)")
    DIRECT_DIALOGUE = "h", _("Đối thoại, lấy ý kiến công dân là đối tượng thi hành (điểm h)")
    # Not one of Art. 26(1)'s forms but how the draft is made available to comment on: posting it opens
    # a posting record and the period's end a closing record (regulations.postings).
    POSTING = "posting", _("Niêm yết dự thảo tại trụ sở, có biên bản niêm yết và kết thúc niêm yết")


class AgencyCommentForm(models.TextChoices):
    """Art. 54: the forms of consultation inside an agency."""

    DIRECT = "1", _("Trực tiếp với người đứng đầu hoặc qua người phụ trách bộ phận (Điều 54 khoản 1)")
    CONFERENCE = "2", _("Qua hội nghị cán bộ, công chức, viên chức, người lao động và các cuộc họp (khoản 2)")
    QUESTIONNAIRE = "3", _("Phiếu lấy ý kiến hoặc góp ý dự thảo văn bản (khoản 3)")
    BOX_SYSTEM = "4", _("Hòm thư góp ý, đường dây nóng, hệ thống thông tin nội bộ, cổng thông tin (khoản 4)")
    UNION = "5", _("Qua Công đoàn, đoàn thể (khoản 5)")
    OTHER = "6", _("Hình thức khác trong quy chế dân chủ (khoản 6)")
    POSTING = "posting", _("Niêm yết dự thảo tại trụ sở, có biên bản niêm yết và kết thúc niêm yết")


class CommentChannel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến trên cổng")
    CONFERENCE = "conference", _("Hội nghị")
    COMMUNITY_MEETING = "community_meeting", _("Cuộc họp cộng đồng dân cư")
    QUESTIONNAIRE = "questionnaire", _("Phiếu lấy ý kiến hộ gia đình")
    BOX = "box", _("Hòm thư góp ý")
    HOTLINE = "hotline", _("Đường dây nóng")
    FRONT = "front", _("Mặt trận, tổ chức chính trị - xã hội")
    SOCIAL = "social", _("Mạng xã hội")
    DIRECT = "direct", _("Trực tiếp")
    EMAIL = "email", _("Thư điện tử")
    ZALO = "zalo", _("Zalo")


class ConsultationState(models.TextChoices):
    DRAFT = "draft", _("Kế hoạch (chưa công bố)")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã hết thời gian lấy ý kiến")
    RESULTS_PUBLISHED = "results_published", _("Đã công khai kết quả")


# An agency's consultation is internal (Art. 53) unless its head decided to post it on the board of the
# commune where the agency sits too, so residents can comment (as Đông Sơn did in 2024), and has not
# withdrawn that posting.
ON_A_BOARD = Q(board__isnull=False, board_withdrawn_at__isnull=True)
PUBLICLY_SHOWN = Q(agency__isnull=True) | ON_A_BOARD


class ConsultationQuerySet(OwnedQuerySet):
    def public(self):
        """What a citizen sees: a commune's consultations once opened, and an agency's posted on its
        commune's board once opened."""
        return self.filter(PUBLICLY_SHOWN).exclude(state=ConsultationState.DRAFT)

    def on_board_of(self, commune):
        """The consultations a commune's public board lists: its own and its villages' (owned by the
        commune), and those of agencies posted on it."""
        return self.filter(Q(unit=commune) | Q(board=commune, board_withdrawn_at__isnull=True))

    def due_for_closing(self, moment=None):
        return self.filter(state=ConsultationState.OPEN, ends_at__lt=moment or timezone.now())


class Consultation(Owned):
    """A consultation plan (kế hoạch lấy ý kiến) and its period (Art. 25–28 communes, Art. 53–55 agencies)."""

    item = models.ForeignKey(
        CatalogueItem, verbose_name=_("nội dung lấy ý kiến"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tên dự thảo, nội dung"), max_length=300)
    content = models.TextField(_("nội dung lấy ý kiến"), max_length=20000)
    purpose = models.TextField(_("mục đích, yêu cầu"), blank=True, max_length=5000)
    forms = models.JSONField(_("hình thức lấy ý kiến"), default=list)
    responsible = models.TextField(_("trách nhiệm tổ chức"), blank=True, max_length=3000)
    plan_number = models.CharField(_("số kế hoạch"), max_length=50, blank=True)
    plan_date = models.DateField(_("ngày kế hoạch"), null=True, blank=True)
    period_days = models.PositiveSmallIntegerField(_("thời gian lấy ý kiến (ngày)"))
    # Comments at the conference may close before the period does (Đông Sơn 2024: the staff conference
    # on 05/02 inside a 20-day posting); None: until the end of the period.
    conference_comments_until = models.DateField(
        _("hạn nhận ý kiến tại hội nghị"), null=True, blank=True,
        help_text=_("Trống: nhận đến hết thời gian lấy ý kiến."),
    )  # fmt: skip

    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ConsultationState.choices, default=ConsultationState.DRAFT
    )
    opened_at = models.DateTimeField(_("thời điểm công khai"), null=True, blank=True)
    ends_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    ends_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    period_explanation = models.TextField(blank=True)
    period_explanation_en = models.TextField(blank=True)  # the same in English
    period_explanation_text = Localized("period_explanation")
    closed_at = models.DateTimeField(_("thời điểm đóng thực tế"), null=True, blank=True)

    # An agency's consultation also posted on its commune's public board (`actions.post_on_board`):
    # the commune, the head's decision (its number or the reason), when and by whom; a withdrawal is one
    # more act with its reason, the posting's fields are kept.
    board = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("niêm yết công khai trên bảng tin của xã"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="posted_consultations",
    )  # fmt: skip
    board_decision = models.CharField(
        _("văn bản, ý kiến quyết định niêm yết công khai"), max_length=300, blank=True
    )
    board_posted_at = models.DateTimeField(
        _("thời điểm quyết định niêm yết công khai"), null=True, blank=True
    )
    board_posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    board_withdrawn_at = models.DateTimeField(_("thời điểm thôi niêm yết công khai"), null=True, blank=True)
    board_withdrawal_reason = models.CharField(_("lý do thôi niêm yết công khai"), max_length=500, blank=True)

    result_number = models.CharField(_("số báo cáo kết quả"), max_length=50, blank=True)
    result_summary = models.TextField(_("tổng hợp kết quả"), blank=True, max_length=20000)
    results_published_at = models.DateTimeField(_("thời điểm công khai kết quả"), null=True, blank=True)
    result_disclosure = models.OneToOneField(
        Disclosure, verbose_name=_("thông tin công khai kết quả"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="consultation",
    )  # fmt: skip

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.TextField(editable=False, default="")

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc lấy ý kiến")
        verbose_name_plural = _("cuộc lấy ý kiến")
        ordering = ["-opened_at", "-created_at"]
        constraints = [
            owner_constraint("consultation_owner_xor"),
            # Only an agency's consultation is posted on a commune's board; a commune's is there already.
            models.CheckConstraint(
                name="consultation_board_only_for_agencies",
                condition=Q(board__isnull=True) | Q(agency__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "state", "-opened_at"], name="consultation_board"),
            # The closing job: open consultations whose period has ended.
            models.Index(fields=["state", "ends_at"], name="consultation_due"),
            # Reports (reports/figures.py): the consultations that ended in a period, from the index alone.
            models.Index(
                fields=["ends_on", "state", "unit", "agency", "results_published_at", "id"],
                name="consultation_ended",
            ),
        ]

    @property
    def closing_text(self) -> str:
        """ "24 giờ 00 ngày 11/03/2024": the end of the period as every page, e-mail and PDF prints it."""
        return closing_text(self.ends_at) if self.ends_at else ""

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.plan_number}")
        super().save(*args, **kwargs)

    @property
    def is_on_board(self) -> bool:
        """An agency's consultation posted on its commune's public board (and not withdrawn)."""
        return self.board_id is not None and self.board_withdrawn_at is None

    @property
    def is_shown_publicly(self) -> bool:
        """Whether a citizen may read it (once opened): a commune's, or an agency's posted on a board."""
        return (not self.is_internal or self.is_on_board) and self.state != ConsultationState.DRAFT

    @property
    def board_unit(self):
        """The unit whose public board lists it: its own unit, or the commune an agency posted it on."""
        if not self.is_internal:
            return self.unit
        return self.board if self.is_on_board else None

    @property
    def public_owners(self) -> tuple:
        """Whose public pages show it: the owner, and the commune an agency posted it on (for
        `democracy.publiccache.changed`)."""
        return (self.owner, self.board) if self.is_on_board else (self.owner,)

    def is_open(self, moment=None):
        moment = moment or timezone.now()
        return self.state == ConsultationState.OPEN and self.ends_at is not None and moment <= self.ends_at

    def days_left(self, today=None) -> int | None:
        """Whole days from `today` to the last day of the period (shown while it is open)."""
        return (self.ends_on - (today or timezone.localdate())).days if self.ends_on else None

    def form_labels(self):
        choices = dict((AgencyCommentForm if self.is_internal else CommuneCommentForm).choices)
        return [choices.get(code, code) for code in self.forms]


def draft_document_path(instance, filename):
    from disclosures.models import document_path

    return "consultations/" + document_path(instance, filename).split("/", 1)[1]


class DraftDocument(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=draft_document_path, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # A file attached again under the same name is its next version; earlier ones stay listed.
    version = models.PositiveSmallIntegerField(_("phiên bản"), default=1)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ResponseKind(models.TextChoices):
    ACCEPTED = "accepted", _("Tiếp thu")
    EXPLAINED = "explained", _("Giải trình")
    OUT_OF_SCOPE = "out_of_scope", _("Không thuộc phạm vi lấy ý kiến")


class CommentQuerySet(models.QuerySet):
    def unanswered(self):
        """Waiting for the owner's explanation (giải trình, tiếp thu): shown and without a response."""
        return self.filter(hidden_at__isnull=True, response="")


class Comment(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="comments")
    section = models.CharField(_("phần, điều của dự thảo"), max_length=100, blank=True)
    text = models.TextField(_("nội dung ý kiến"), max_length=8000)
    channel = models.CharField(
        _("kênh tiếp nhận"), max_length=20, choices=CommentChannel.choices, default=CommentChannel.ONLINE
    )
    people_count = models.PositiveIntegerField(_("số người tham dự"), null=True, blank=True)
    # Citizens may stay anonymous and are never shown publicly; staff comment under their account.
    name = models.CharField(_("họ tên"), max_length=150, blank=True)
    contact = models.CharField(_("liên hệ"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), default=timezone.now)
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    response_kind = models.CharField(
        _("hình thức trả lời"), max_length=14, choices=ResponseKind.choices, blank=True
    )
    response = models.TextField(_("nội dung giải trình, tiếp thu"), blank=True, max_length=8000)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("lý do ẩn"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = _("ý kiến góp ý")
        ordering = ["received_at", "pk"]
        indexes = [
            models.Index(fields=["consultation", "received_at"], name="comment_by_consultation"),
            # Reports: a consultation's comments and responses counted from the index alone.
            models.Index(
                fields=["consultation", "hidden_at", "response_kind", "channel"], name="comment_counts"
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    @property
    def reference(self) -> str:
        """The number a citizen is given when sending the comment, and the staff page shows."""
        return f"YK-{self.pk}"


class ResponseRevision(Revision):
    """A response as it was before a correction made after the results were published."""

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="revisions")
    kind = models.CharField(_("hình thức trả lời"), max_length=14, choices=ResponseKind.choices, blank=True)
    given_at = models.DateTimeField(_("thời điểm trả lời"), null=True)

    class Meta(Revision.Meta):
        verbose_name = _("nội dung giải trình, tiếp thu trước khi sửa")
        verbose_name_plural = _("nội dung giải trình, tiếp thu trước khi sửa")


# --- Meetings ----------------------------------------------------------------------------------------


class Meeting(Owned):
    """A conference or meeting, with its notice, agenda, attendance and minutes (biên bản): under a
    consultation or a decision (Art. 26, 54; Decree 59 Art. 3–4), or standing alone for a commune, a
    village or an agency (Art. 32 dialogue, Art. 33 year-end conference, Art. 51 staff conference…).
    A stand-alone meeting is first scheduled (its notice, place and agenda; shown on the commune's public
    calendar when public), then held (its minutes recorded). Rules of each kind: `MeetingKindRule`."""

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Hội nghị lấy ý kiến")
        COMMUNITY = "community", _("Cuộc họp cộng đồng dân cư")
        STAFF_CONFERENCE = "staff_conference", _("Hội nghị cán bộ, công chức, viên chức, người lao động")
        DIALOGUE = "dialogue", _("Hội nghị đối thoại giữa UBND xã với Nhân dân (Điều 32)")
        VILLAGE_CONFERENCE = (
            "village_conference",
            _("Hội nghị định kỳ cuối năm của thôn, tổ dân phố (Điều 33)"),
        )
        DELEGATE_CONFERENCE = (
            "delegate_conference",
            _("Hội nghị đại biểu cán bộ, công chức, viên chức, người lao động (Điều 51 khoản 2)"),
        )
        RESOLUTION_CHECK = (
            "resolution_check",
            _("Kiểm tra, đánh giá thực hiện nghị quyết hội nghị cán bộ (Điều 52 khoản 3)"),
        )
        WORKPLACE_DIALOGUE = "workplace_dialogue", _("Đối thoại tại nơi làm việc")
        BRIEFING = "briefing", _("Hội nghị quán triệt, phổ biến")
        TRAINING = "training", _("Tập huấn, bồi dưỡng")
        REVIEW = "review", _("Hội nghị sơ kết, tổng kết")
        INSPECTION_BOARD = "inspection_board", _("Họp Ban Thanh tra nhân dân")
        OTHER = "other", _("Cuộc họp khác")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Đã triệu tập, chưa họp")
        HELD = "held", _("Đã họp, có biên bản")
        CANCELLED = "cancelled", _("Đã hủy")

    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    state = models.CharField(_("trạng thái"), max_length=10, choices=State.choices, default=State.HELD)
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    decision = models.ForeignKey(
        "Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("nội dung cuộc họp"), max_length=300)
    held_at = models.DateTimeField(_("thời gian"))
    ends_at = models.DateTimeField(_("thời gian kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300)
    convened_by = models.CharField(_("người triệu tập"), max_length=200, blank=True)
    notice_on = models.DateField(_("ngày thông báo, gửi giấy mời"), null=True, blank=True)
    agenda = models.TextField(_("chương trình"), blank=True, max_length=10000)
    public = models.BooleanField(
        _("công khai trên lịch của xã"), default=False,
        help_text=_("Cuộc họp của xã, thôn mà Nhân dân được mời dự: hiện trên lịch họp công khai."),
    )  # fmt: skip
    chair = models.CharField(_("chủ trì"), max_length=200)
    secretary = models.CharField(_("thư ký"), max_length=200, blank=True)
    expected = models.PositiveIntegerField(_("số người được triệu tập"), default=0)
    present = models.PositiveIntegerField(_("số người có mặt"), default=0)
    absent = models.PositiveIntegerField(_("số người vắng mặt"), default=0)
    # [{"group": "Cán bộ, công chức", "expected": 20, "present": 18}, …] where the law counts groups.
    groups = models.JSONField(_("số người theo thành phần"), default=list, blank=True)
    opinions = models.TextField(_("ý kiến phát biểu"), blank=True, max_length=20000)
    conclusion = models.TextField(_("kết luận"), blank=True, max_length=10000)
    minutes_number = models.CharField(_("số biên bản"), max_length=50, blank=True)
    minutes_pdf = models.FileField(upload_to="minutes/%Y/%m", blank=True, max_length=200)
    minutes_rendered_at = models.DateTimeField(null=True, blank=True)
    report = models.TextField(_("báo cáo bằng văn bản sau hội nghị"), blank=True, max_length=20000)
    report_sent_on = models.DateField(_("ngày gửi báo cáo"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc họp, hội nghị")
        verbose_name_plural = _("cuộc họp, hội nghị")
        ordering = ["-held_at"]
        constraints = [
            owner_constraint("meeting_owner_xor"),
            models.CheckConstraint(
                name="meeting_present_le_expected", condition=Q(present__lte=models.F("expected"))
            ),
            models.CheckConstraint(
                name="meeting_ends_after_start",
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("held_at")),
            ),
        ]
        indexes = [models.Index(fields=["kind", "held_at"], name="meeting_kind_held")]

    def __str__(self):
        return f"{self.title} ({self.held_at:%d/%m/%Y})"

    @property
    def stands_alone(self) -> bool:
        return not (self.consultation_id or self.decision_id)

    @property
    def is_held(self) -> bool:
        return self.state == self.State.HELD


class MeetingAttachment(StoredFile):
    """A file kept with a meeting's minutes (attendance list, slides, the signed minutes): checked by
    `democracy.uploads.check_upload`, stored under a random name, never replaced in place."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to="meetings/%Y/%m", max_length=200)

    class Meta(StoredFile.Meta):
        verbose_name = _("tài liệu kèm theo cuộc họp")
        verbose_name_plural = _("tài liệu kèm theo cuộc họp")


class MeetingKindRule(models.Model):
    """What the law fixes for a kind of meeting: the minimum notice, the fixed agenda, the people counted
    (households or persons) and the article. Data (loaded by a migration, editable in the admin), never
    literals in a view."""

    kind = models.CharField(_("loại cuộc họp"), max_length=20, choices=Meeting.Kind.choices, unique=True)
    article = models.CharField(_("căn cứ"), max_length=200, blank=True)
    for_units = models.BooleanField(_("xã, thôn tổ chức"), default=True)
    for_agencies = models.BooleanField(_("cơ quan, đơn vị tổ chức"), default=True)
    min_notice_days = models.PositiveSmallIntegerField(
        _("thông báo trước ít nhất (ngày)"), null=True, blank=True,
        help_text=_("Trống: pháp luật không quy định thời hạn thông báo."),
    )  # fmt: skip
    notice_article = models.CharField(_("căn cứ thời hạn thông báo"), max_length=200, blank=True)
    agenda = models.TextField(_("chương trình cố định"), blank=True, max_length=5000)
    agenda_article = models.CharField(_("căn cứ chương trình"), max_length=200, blank=True)
    people_word = models.CharField(_("đơn vị đếm người dự"), max_length=20, default="người")
    groups = models.CharField(
        _("thành phần được đếm"), max_length=300, blank=True,
        help_text=_("Các thành phần, cách nhau bởi dấu chấm phẩy (;), khi pháp luật đếm theo thành phần."),
    )  # fmt: skip
    report_required = models.BooleanField(_("phải có báo cáo bằng văn bản sau hội nghị"), default=False)
    report_article = models.CharField(_("căn cứ báo cáo"), max_length=200, blank=True)
    public_default = models.BooleanField(_("mặc định công khai trên lịch"), default=False)

    class Meta:
        verbose_name = _("quy định theo loại cuộc họp")
        verbose_name_plural = _("quy định theo loại cuộc họp")
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()

    @property
    def group_names(self) -> list[str]:
        return [g.strip() for g in self.groups.split(";") if g.strip()]


# --- Decisions ---------------------------------------------------------------------------------------


class DecisionMethod(models.TextChoices):
    MEETING = "meeting", _("Cuộc họp cộng đồng dân cư (Điều 17 khoản 1 điểm a)")
    BALLOT = "ballot", _("Phát phiếu lấy ý kiến từng hộ gia đình (điểm b)")
    ONLINE = "online", _("Biểu quyết trực tuyến (điểm c)")
    STAFF_CONFERENCE = (
        "staff_conference",
        _("Hội nghị cán bộ, công chức, viên chức, người lao động (Điều 50 khoản 1)"),
    )
    STAFF_BALLOT = "staff_ballot", _("Phiếu lấy ý kiến toàn thể (Điều 50 khoản 2)")
    DELEGATE_CONFERENCE = "delegate_conference", _("Hội nghị đại biểu (Điều 51 khoản 2 điểm b)")


class DecisionState(models.TextChoices):
    DRAFT = "draft", _("Chuẩn bị")
    VOTING = "voting", _("Đang biểu quyết trực tuyến")
    TALLIED = "tallied", _("Đã có kết quả")
    SENT = "sent", _("Đã gửi UBND xã")
    RECOGNISED = "recognised", _("Đã được công nhận")
    REFUSED = "refused", _("Không được công nhận")


class Outcome(models.TextChoices):
    PASSED = "passed", _("Được thông qua")
    FAILED = "failed", _("Không được thông qua")
    NO_QUORUM = "no_quorum", _("Không đủ số người dự")


class Decision(Owned):
    """A community decision (Art. 15, for a village or the whole commune) or a staff decision (Art. 49).

    `unit` is the village for village matters and the commune for commune-wide ones.
    """

    item = models.ForeignKey(
        CatalogueItem,
        verbose_name=_("nội dung bàn và quyết định"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("nội dung"), max_length=300)
    description = models.TextField(_("nội dung chi tiết"), blank=True, max_length=20000)
    method = models.CharField(_("hình thức"), max_length=20, choices=DecisionMethod.choices)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=DecisionState.choices, default=DecisionState.DRAFT
    )

    # The electorate, taken from the village's household count (or the commune's villages, or the
    # agency's staff) when the decision is created: later edits to those counts do not change it.
    electorate = models.PositiveIntegerField(_("tổng số hộ (người, thôn) có quyền biểu quyết"))
    online_consent = models.PositiveIntegerField(
        _("số hộ đồng ý biểu quyết trực tuyến"), null=True, blank=True,
        help_text=_("Nghị định 59 Điều 5: chỉ biểu quyết trực tuyến khi trên 50% tổng số hộ đồng ý."),
    )  # fmt: skip
    present = models.PositiveIntegerField(_("số có mặt"), null=True, blank=True)
    agree = models.PositiveIntegerField(_("số tán thành"), null=True, blank=True)
    disagree = models.PositiveIntegerField(_("số không tán thành"), null=True, blank=True)
    other = models.PositiveIntegerField(_("ý kiến khác"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_explanation = models.TextField(blank=True)
    outcome_explanation_en = models.TextField(blank=True)  # the same in English
    outcome_explanation_text = Localized("outcome_explanation")

    vote_opens_at = models.DateTimeField(null=True, blank=True)
    vote_closes_at = models.DateTimeField(null=True, blank=True)
    decided_on = models.DateField(_("ngày họp, hết hạn phiếu, kết thúc biểu quyết"), null=True, blank=True)
    send_deadline = models.DateField(_("hạn gửi UBND xã"), null=True, blank=True)
    sent_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    # Taken from the catalogue item when the decision is created (Art. 21(2)): "" takes effect on the vote.
    recognised_by = models.CharField(
        _("cơ quan công nhận"), max_length=10, choices=Recogniser.choices, blank=True
    )
    # A household ballot on Art. 15 items 3–5 is only the fallback of a meeting that too few households
    # attended to reach the threshold (Art. 17(2), 19(1)(b)): that meeting's decision.
    follows = models.ForeignKey(
        "self", verbose_name=_("cuộc họp không đủ số hộ dự"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="fallbacks",
    )  # fmt: skip
    # A delegate conference (Art. 51(2)(b)): the electorate is the delegates convened, out of all the staff.
    staff_total = models.PositiveIntegerField(
        _("tổng số cán bộ, công chức, viên chức, người lao động"), null=True, blank=True
    )
    delegate_reason = models.CharField(_("lý do tổ chức hội nghị đại biểu"), max_length=300, blank=True)
    recognition_deadline = models.DateField(_("hạn công nhận"), null=True, blank=True)
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    refusal_reason = models.TextField(_("lý do không công nhận"), blank=True)
    published_at = models.DateTimeField(_("thời điểm công khai"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    document_pdf = models.FileField(upload_to="decisions/%Y/%m", blank=True, max_length=200)
    tally_pdf = models.FileField(upload_to="decisions/%Y/%m", blank=True, max_length=200)

    class Meta:
        verbose_name = _("quyết định của cộng đồng, tập thể")
        verbose_name_plural = _("quyết định của cộng đồng, tập thể")
        ordering = ["-decided_on", "-created_at"]
        constraints = [owner_constraint("decision_owner_xor")]
        indexes = [
            # Reports (reports/figures.py): the decisions taken in a period, from the index alone.
            models.Index(
                fields=[
                    "decided_on",
                    "unit",
                    "agency",
                    "outcome",
                    "state",
                    "recognised_on",
                    "recognition_deadline",
                    "send_deadline",
                ],
                name="decision_decided",
            ),  # fmt: skip
        ]

    def __str__(self):
        return self.title

    @property
    def is_commune_wide(self):
        return self.unit_id is not None and self.unit.level == "commune"

    @property
    def in_effect_on(self):
        """The day a passed decision took effect (Art. 21(2)): the vote, or its recognition."""
        if self.outcome != Outcome.PASSED:
            return None
        if not self.recognised_by:
            return self.decided_on
        return self.recognised_on if self.state == DecisionState.RECOGNISED else None


class VillageResult(models.Model):
    """For a commune-wide decision on Art. 15 items 1–2: whether each village approved (Art. 21(1)(b))."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="village_results")
    village = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    households = models.PositiveIntegerField()
    agree = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "village"], name="village_result_once")]

    def __str__(self):
        return f"{self.village}: {self.agree}/{self.households}"


class VoteCode(models.Model):
    """A household's one-time code for an online vote. Only its hash is kept; once used, it is marked
    `used` (no time: an exact time would order the codes as the ballots were cast), and the ballot it
    cast goes into the ballot box with no link back, so how a household voted is secret."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="codes")
    household = models.CharField(_("hộ gia đình"), max_length=200)
    code_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(_("đã dùng"), default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.household


class BallotChoice(models.TextChoices):
    AGREE = "agree", _("Tán thành")
    DISAGREE = "disagree", _("Không tán thành")
    OTHER = "other", _("Ý kiến khác")


class PendingBallot(models.Model):
    """A ballot in the box while the vote runs: a random id, no time, nothing tied to the code. At the
    count the box is emptied into `Ballot` rows in a shuffled order (`count_online_votes`)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="pending_ballots")
    choice = models.CharField(max_length=10, choices=BallotChoice.choices)
    other_text = models.CharField(max_length=1000, blank=True)
    receipt = models.CharField(max_length=16, unique=True)

    def __str__(self):
        return self.receipt


class Ballot(models.Model):
    """One counted online vote, written at the count in a shuffled order (so neither its id nor its place
    on disk says when it was cast). `receipt` lets the household check its vote was counted; nothing ties
    it to the code."""

    Choice = BallotChoice

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    other_text = models.CharField(max_length=1000, blank=True)
    receipt = models.CharField(max_length=16, unique=True)

    def __str__(self):
        return self.receipt


# --- Inspection-board recommendations ---------------------------------------------------------------


class Recommendation(Owned):
    """A People's Inspection Board recommendation (Art. 38, 61), to be answered within 15 days (Art. 40, 63)."""

    subject = models.CharField(_("nội dung kiến nghị"), max_length=300)
    text = models.TextField(_("chi tiết"), max_length=10000)
    addressed_to = models.CharField(_("gửi đến"), max_length=300)
    made_on = models.DateField(_("ngày kiến nghị"))
    # The answer is due 15 days from the day the commune or agency received it (Art. 40(1), 63(1)).
    received_on = models.DateField(_("ngày nhận kiến nghị"))
    due_on = models.DateField(_("hạn trả lời"))
    due_explanation = models.TextField(blank=True)
    due_explanation_en = models.TextField(blank=True)  # the same in English
    due_explanation_text = Localized("due_explanation")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("trả lời"), blank=True, max_length=10000)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The board that made it and, optionally, the inspection it came out of (issue 12). Empty on the
    # recommendations recorded before the boards were records.
    board = models.ForeignKey(
        "supervision.Board", verbose_name=_("Ban"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="recommendations",
    )  # fmt: skip
    inspection = models.ForeignKey(
        "supervision.Inspection", verbose_name=_("cuộc kiểm tra"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="recommendations",
    )  # fmt: skip

    class Meta:
        verbose_name = _("kiến nghị của Ban Thanh tra nhân dân")
        verbose_name_plural = _("kiến nghị của Ban Thanh tra nhân dân")
        ordering = ["-made_on", "-pk"]
        constraints = [owner_constraint("recommendation_owner_xor")]
        indexes = [
            models.Index(fields=["answered_on", "due_on"], name="recommendation_due"),
            # Reports: the recommendations made in a period, from the index alone.
            models.Index(
                fields=["made_on", "unit", "agency", "due_on", "answered_on"], name="recommendation_made"
            ),
        ]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        if self.received_on is None:  # received the day it was made unless the receipt says otherwise
            self.received_on = self.made_on
        super().save(*args, **kwargs)

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.answered_on is None and today > self.due_on


class AnswerRevision(Revision):
    """An answer to a recommendation as it was before a correction."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="revisions")
    given_on = models.DateField(_("ngày trả lời"))

    class Meta(Revision.Meta):
        verbose_name = _("câu trả lời kiến nghị trước khi sửa")
        verbose_name_plural = _("câu trả lời kiến nghị trước khi sửa")
