"""The legal catalogue (what the law says a unit must disclose, decide, consult on and supervise) and
the administrators' changes to the working-day calendar.

Every number that drives behaviour lives here as data with its article reference, never as a literal
in a view: the catalogue is loaded by a migration and editable in the admin with a history.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .i18n import in_reader_language


class StoredFile(models.Model):
    """A file kept with a record (a meeting's minutes, a task's progress update): checked by
    `democracy.uploads.check_upload`, stored under a random name by the default storage (local disk or
    S3), never replaced in place. The concrete model adds its record and `file` with its folder."""

    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self):
        return self.original_name


class Scope(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã")
    AGENCY = "agency", _("Cơ quan, đơn vị")


class Recogniser(models.TextChoices):
    """Who must recognise a community decision before it takes effect (Art. 21(2))."""

    NONE = "", _("Không cần công nhận: có hiệu lực từ ngày biểu quyết")
    COMMITTEE = "committee", _("Ủy ban nhân dân cấp xã")
    FRONT = "front", _("Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã")


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


def cited_articles(legal_basis: str) -> str:
    """The articles to cite inside a sentence: a catalogue row's `legal_basis` without its remarks in
    parentheses, which restate the rule ("Điều 15 khoản 1, Điều 21 khoản 1, khoản 2 Luật 10/2022/QH15 (từ
    2/3 …)" becomes "Điều 15 khoản 1, Điều 21 khoản 1, khoản 2 Luật 10/2022/QH15"). The whole basis stays
    for the "Căn cứ pháp lý" lines that show it on its own (issue 15). A function, so that migrations,
    whose models have no properties, can use it too."""
    text, depth = [], 0
    for char in legal_basis:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            text.append(char)
    return " ".join("".join(text).split()).strip(" ;,")


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
    recognised_by = models.CharField(
        _("cơ quan công nhận"), max_length=10, choices=Recogniser.choices, blank=True,
        help_text=_("Điều 21(2): khoản 3–4 Điều 15 do UBND xã, khoản 5 do Ủy ban MTTQ xã công nhận; "
                    "khoản 1, 2, 6 có hiệu lực từ ngày biểu quyết."),
    )  # fmt: skip
    send_working_days = models.PositiveSmallIntegerField(
        _("hạn gửi quyết định (ngày làm việc)"), null=True, blank=True,
        help_text=_("Điều 20(3): gửi UBND xã, Ủy ban MTTQ xã chậm nhất 05 ngày làm việc kể từ ngày họp, "
                    "hết hạn phát phiếu hoặc kết thúc biểu quyết trực tuyến."),
    )  # fmt: skip
    meeting_required = models.BooleanField(
        _("bắt buộc họp"), default=False,
        help_text=_("Điều 17(2): khoản 3, 4, 5 Điều 15 phải quyết định tại cuộc họp; chỉ phát phiếu khi cuộc "
                    "họp không đủ số hộ dự (Điều 19(1)(b))."),
    )  # fmt: skip
    counts_villages = models.BooleanField(
        _("toàn xã: tính theo số thôn"), default=False,
        help_text=_("Điều 21(1)(b): nội dung toàn xã của khoản 1, 2 Điều 15 được thông qua theo số thôn, "
                    "tổ dân phố tán thành; các khoản khác tính trên tổng số đại diện hộ."),
    )  # fmt: skip
    delegate_min_staff = models.PositiveSmallIntegerField(
        _("hội nghị đại biểu: từ bao nhiêu người"), null=True, blank=True,
        help_text=_("Điều 51(2)(b): cơ quan từ 100 người trở lên (hoặc phân tán, không thể rời vị trí) được tổ "
                    "chức hội nghị đại biểu; số người dự tối thiểu tính trên số đại biểu được triệu tập."),
    )  # fmt: skip
    online_consent_numerator = models.PositiveSmallIntegerField(
        _("đồng ý biểu quyết trực tuyến: tử số"), null=True, blank=True,
        help_text=_("Nghị định 59 Điều 5: chỉ biểu quyết trực tuyến khi trên 50% tổng số hộ đồng ý."),
    )  # fmt: skip
    online_consent_denominator = models.PositiveSmallIntegerField(
        _("đồng ý biểu quyết trực tuyến: mẫu số"), null=True, blank=True
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

    @property
    def articles(self):
        """The articles to cite inside a sentence (see `cited_articles`)."""
        return cited_articles(self.legal_basis)

    @property
    def label(self):
        """The item's words in the reader's language: the English summary for a reader in English."""
        return in_reader_language(self.label_vi, self.label_en)


class CalendarOverride(models.Model):
    """A change to Vietnam's calendar that the `holidays` package does not know, with its legal reference.

    Two sources: the Government's swaps of working days the package lacks, shipped with the portal as data
    (`shipped`, written by a migration, read-only in the admin; tests/democracy/test_calendar_swaps.py
    fails when a newer `holidays` disagrees with one), and an administrator's one-off changes."""

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
    shipped = models.BooleanField(
        _("có sẵn theo văn bản của Chính phủ"),
        default=False,
        editable=False,
        help_text=_(
            "Ngày hoán đổi do Chính phủ quyết định, được cài sẵn cùng phần mềm; không sửa, không xoá."
        ),
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


# --- The audit trail and the done-markers of notifications, shared by every app ------------------------


class Action(models.TextChoices):
    """Every act the audit trail records, in every app. A new write function adds its act here, so the
    trail reads the same on every staff page and in the admin."""

    # Any object with a lifecycle
    CREATED = "created", _("Tạo mới")
    EDITED = "edited", _("Sửa")
    IMPORTED = "imported", _("Nhập từ tệp")
    SUBMITTED = "submitted", _("Trình phê duyệt")
    RETURNED = "returned", _("Trả lại để sửa")
    PUBLISHED = "published", _("Phê duyệt và công khai")
    WITHDRAWN = "withdrawn", _("Thu hồi")
    SUPERSEDED = "superseded", _("Được thay thế bằng phiên bản mới")
    CORRECTION_STARTED = "correction_started", _("Bắt đầu đính chính (phiên bản mới)")
    CLOSED = "closed", _("Kết thúc thời hạn")
    DOCUMENTS_ADDED = "documents_added", _("Đính kèm tài liệu")
    DOCUMENT_REMOVED = "document_removed", _("Xóa tài liệu")
    DRAFT_DELETED = "draft_deleted", _("Xóa bản nháp")
    # Disclosures: citizens' questions and opinions
    FEEDBACK_RECEIVED = "feedback_received", _("Tiếp nhận câu hỏi, ý kiến")
    FEEDBACK_ANSWERED = "feedback_answered", _("Trả lời câu hỏi, ý kiến")
    FEEDBACK_HIDDEN = "feedback_hidden", _("Ẩn câu hỏi, ý kiến")
    FEEDBACK_ANSWER_CORRECTED = (
        "feedback_answer_corrected",
        _("Sửa câu trả lời đã công khai (lưu bản cũ, có lý do)"),
    )
    # Consultations
    OPENED = "opened", _("Bắt đầu lấy ý kiến")
    COMMENT_RECEIVED = "comment_received", _("Tiếp nhận ý kiến góp ý")
    COMMENT_RESPONDED = "comment_responded", _("Giải trình, tiếp thu ý kiến")
    COMMENT_HIDDEN = "comment_hidden", _("Ẩn ý kiến góp ý")
    RESPONSE_CORRECTED = (
        "response_corrected",
        _("Sửa nội dung giải trình, tiếp thu đã công khai (lưu bản cũ, có lý do)"),
    )
    RESULTS_SUBMITTED = "results_submitted", _("Trình công khai kết quả lấy ý kiến")
    RESULTS_PUBLISHED = "results_published", _("Công khai kết quả lấy ý kiến")
    MEETING_RECORDED = "meeting_recorded", _("Ghi nhận hội nghị, cuộc họp")
    # Decisions and votes. A cast vote writes no row: a timed row per ballot would be one more sequence
    # to match against the ballots (a code only says whether it was used, never when).
    TALLIED = "tallied", _("Ghi nhận kết quả biểu quyết")
    VOTE_OPENED = "vote_opened", _("Mở biểu quyết trực tuyến")
    VOTES_COUNTED = "votes_counted", _("Kiểm phiếu biểu quyết trực tuyến")
    SENT = "sent", _("Gửi cấp có thẩm quyền")
    RECOGNISED = "recognised", _("Công nhận")
    REFUSED = "refused", _("Không công nhận")
    # Recommendations of the inspection board
    RECOMMENDED = "recommended", _("Gửi kiến nghị")
    ANSWERED = "answered", _("Trả lời")
    ANSWER_CORRECTED = "answer_corrected", _("Sửa câu trả lời (lưu bản cũ, có lý do)")
    # Supervision boards (issue 12)
    MEMBER_ADDED = "member_added", _("Ghi thành viên Ban")
    MEMBER_REMOVED = "member_removed", _("Bỏ thành viên khỏi danh sách dự kiến")
    MEMBER_LEFT = "member_left", _("Thành viên thôi làm nhiệm vụ")
    BY_ELECTED = "by_elected", _("Bầu bổ sung thành viên")
    BOARD_ELECTED = "board_elected", _("Ghi kết quả bầu Ban")
    INVESTOR_NOTIFIED = "investor_notified", _("Thông báo cho chủ đầu tư")
    PLAN_FILED = "plan_filed", _("Lập kế hoạch hoạt động")
    INSPECTION_ANNOUNCED = "inspection_announced", _("Gửi kế hoạch kiểm tra")
    FINDINGS_RECORDED = "findings_recorded", _("Ghi kết quả kiểm tra")
    BOARD_REPORT_SENT = "board_report_sent", _("Gửi báo cáo của Ban")
    BOARD_REPORT_RECEIVED = "board_report_received", _("Tiếp nhận báo cáo của Ban")
    # Reports
    COMPILED = "compiled", _("Tổng hợp số liệu")
    RECOMPILED = "recompiled", _("Tổng hợp lại số liệu")
    NARRATIVE_UPDATED = "narrative_updated", _("Sửa nội dung báo cáo")
    SENT_TO_SIGN = "sent_to_sign", _("Trình ký")
    SIGNED = "signed", _("Ký và gửi")
    ROLLUP_REQUESTED = "rollup_requested", _("Yêu cầu lập báo cáo tổng hợp")
    REGIME_CHANGED = "regime_changed", _("Thay đổi chế độ báo cáo")
    ACCOUNT_DEACTIVATED = "account_deactivated", _("Ngừng hoạt động tài khoản")
    # Staff accounts
    ENROLMENT_LINK_ISSUED = "enrolment_link_issued", _("Cấp đường dẫn kích hoạt tài khoản")
    ENROLLED = "enrolled", _("Đặt mật khẩu và bật xác thực hai lớp")
    REPORT_REQUESTED = "report_requested", _("Yêu cầu báo cáo đột xuất")
    # Petitions and reports (phản ánh, kiến nghị) and the suggestion box
    PETITION_RECEIVED = "petition_received", _("Tiếp nhận phản ánh, kiến nghị")
    PETITION_ROUTED = "petition_routed", _("Phân loại, giao xử lý phản ánh, kiến nghị")
    PETITION_FORWARDED = "petition_forwarded", _("Chuyển cơ quan có thẩm quyền")
    PETITION_ANSWERED = "petition_answered", _("Trả lời phản ánh, kiến nghị")
    PETITION_DECLINED = "petition_declined", _("Trả lời: không thuộc phạm vi giải quyết")
    PETITION_PUBLISHED = "petition_published", _("Công khai phản ánh, kiến nghị đã trả lời (ẩn danh)")
    PETITION_HIDDEN = "petition_hidden", _("Ẩn phản ánh, kiến nghị")
    PETITION_RATED = "petition_rated", _("Người dân đánh giá câu trả lời")
    BOX_OPENED = "box_opened", _("Mở hòm thư góp ý")
    # Checks by the level above and the annual grading (reports.checks)
    CHECK_PLANNED = "check_planned", _("Lập kế hoạch kiểm tra")
    CHECK_CONCLUDED = "check_concluded", _("Ghi biên bản và kết luận kiểm tra")
    FIX_ANSWERED = "fix_answered", _("Trả lời yêu cầu khắc phục")
    GRADING_SET = "grading_set", _("Đặt cách chấm điểm hằng năm")
    # Implementation plans (reports/plans)
    PLAN_ISSUED = "plan_issued", _("Ban hành kế hoạch")
    AMENDMENT_STARTED = "amendment_started", _("Bắt đầu sửa đổi kế hoạch (phiên bản mới)")
    PLAN_CANCELLED = "plan_cancelled", _("Hủy bỏ kế hoạch")
    CASCADED = "cascaded", _("Lập kế hoạch từ kế hoạch cấp trên")
    COPIED_TO_NEXT_YEAR = "copied_to_next_year", _("Lập kế hoạch năm sau từ kế hoạch này")
    TASK_ADDED = "task_added", _("Thêm nhiệm vụ")
    TASK_EDITED = "task_edited", _("Sửa nhiệm vụ")
    TASK_REMOVED = "task_removed", _("Xóa nhiệm vụ (bản nháp)")
    PROGRESS_REPORTED = "progress_reported", _("Cập nhật tiến độ nhiệm vụ")
    NOTE_ADDED = "note_added", _("Ghi chú của cơ quan phối hợp")
    GUIDANCE_RECORDED = "guidance_recorded", _("Ghi nhận văn bản hướng dẫn (tính hạn nhiệm vụ)")
    REGULATION_ISSUED = "regulation_issued", _("Ban hành, công nhận quy chế, hương ước, quy ước")
    REGULATION_REPLACED = "regulation_replaced", _("Được thay thế bằng văn bản mới")
    PAPER_CYCLE_ENTERED = "paper_cycle_entered", _("Nhập lại cuộc lấy ý kiến đã làm trên giấy")
    POSTED_ON_BOARD = "posted_on_board", _("Niêm yết công khai trên bảng tin của xã để Nhân dân góp ý")
    BOARD_POSTING_WITHDRAWN = "board_posting_withdrawn", _("Thôi niêm yết công khai trên bảng tin của xã")
    # Following by e-mail (consultations/follow): the row names the subscription, never the address.
    FOLLOW_REQUESTED = "follow_requested", _("Đề nghị theo dõi qua thư điện tử")
    FOLLOW_CONFIRMED = "follow_confirmed", _("Xác nhận theo dõi qua thư điện tử")
    UNFOLLOWED = "unfollowed", _("Hủy theo dõi qua thư điện tử")
    FOLLOW_SUSPENDED = "follow_suspended", _("Tạm dừng gửi thư do địa chỉ lỗi")


# The acts a citizen does without an account (a question or an opinion sent from a public page): their
# audit rows have no actor. Every other row without an actor was written by the system (a job, a loader).
CITIZEN_ACTS = frozenset(
    {
        Action.FEEDBACK_RECEIVED,
        Action.COMMENT_RECEIVED,
        Action.PETITION_RECEIVED,
        Action.PETITION_RATED,
        Action.FOLLOW_REQUESTED,
        Action.FOLLOW_CONFIRMED,
        Action.UNFOLLOWED,
    }
)


class AuditEventQuerySet(models.QuerySet):
    def of(self, obj):
        """The trail of one object, oldest first."""
        return self.filter(
            target_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), target_id=obj.pk
        ).order_by("at", "pk")


class AuditEvent(models.Model):
    """Who did what to which object, when, and what changed: one row per act, written by the act's
    write function in the same transaction (`democracy.audit.record`). Read-only everywhere."""

    target_type = models.ForeignKey(
        ContentType, verbose_name=_("loại đối tượng"), on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    target = GenericForeignKey("target_type", "target_id")
    # PROTECT: an account that has acted is deactivated, never deleted (the admin refuses), so a row
    # never loses its actor; `actor_name` keeps the name as it was when the act was done.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField(_("tên người thực hiện"), max_length=300, blank=True)
    # What the target was, in words, when the act was done: the row still says it after a draft is deleted.
    target_label = models.CharField(_("đối tượng"), max_length=300, blank=True)
    # Not `choices=`: a new act in an app must not need a migration of this table. `Action` labels it.
    action = models.CharField(_("việc"), max_length=40)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["at", "pk"]
        indexes = [
            # Every staff page reads one object's trail.
            models.Index(fields=["target_type", "target_id", "at"], name="audit_by_target"),
        ]

    def __str__(self):
        return f"{timezone.localtime(self.at):%d/%m/%Y %H:%M} {self.label}"

    @property
    def actor_label(self) -> str:
        """Who did it, in words: the person's name, else "Người dân" for a citizen's act, else "Hệ thống"."""
        if self.actor_name:
            return self.actor_name
        return str(_("Người dân") if self.action in CITIZEN_ACTS else _("Hệ thống"))

    @property
    def label(self) -> str:
        try:
            return Action(self.action).label
        except ValueError:  # an act since renamed
            return self.action


class Notice(models.Model):
    """The done-marker of a notification (an e-mail, a reminder, a digest): claimed by its key before it
    is sent, so a second run, or two workers at once, send it once (`democracy.notify.send_once`)."""

    key = models.CharField(max_length=200, unique=True)
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("thông báo đã gửi")
        verbose_name_plural = _("thông báo đã gửi")

    def __str__(self):
        return self.key


class SetupStamp(models.Model):
    """What `manage.py prepare` last loaded into this database: one row per loader with the fingerprint
    of its code and of the migrations it ran against, so `make run` skips a loader with nothing to do.
    Kept in the database it describes, so a new or emptied database loads everything again."""

    name = models.CharField(max_length=100, unique=True)
    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lần nạp dữ liệu")
        verbose_name_plural = _("lần nạp dữ liệu")

    def __str__(self):
        return self.name


class OwnerChange(models.Model):
    """That something owned by a commune or an agency changed at a time: "u<id>" for a commune or any
    unit, "a<id>" for an agency, inserted by `democracy.changes.mark` from the audit trail's `record` /
    `record_many` (every write function goes through them, in its transaction, and again on commit). A
    village's change marks its commune too. Higher layers compare the owner's latest marker with the time
    they computed something from the owner's rows (reports: the dashboard's stored figures).

    Only ever inserted, never updated: concurrent writes to one commune take no lock on a shared row, so
    they neither wait for each other nor deadlock. Old markers are pruned (`changes.prune`)."""

    key = models.CharField(max_length=24)
    changed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "changed_at"], name="owner_change_key_at")]
        verbose_name = _("thay đổi của đơn vị")
        verbose_name_plural = _("thay đổi của đơn vị")

    def __str__(self):
        return f"{self.key} {self.changed_at:%Y-%m-%d %H:%M:%S}"
