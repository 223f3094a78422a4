"""The supervision boards of the Law on Grassroots Democracy as records (issue 12, part A).

- Ban Thanh tra nhân dân of a commune (Arts. 36–40; Decree 59 Arts. 12–15) and of an agency
  (Arts. 60–63; Decree 59 Arts. 20–23), Ban Giám sát đầu tư của cộng đồng per programme or project
  (Arts. 41–45; Decree 59 Arts. 16–19): `Board`, its `Member`s (village or group, chair / vice-chair /
  member, from–until), the meeting or decision that elected it and its recognition by the Fatherland
  Front (by the union, for an agency) with the deadline.
- The board's work: `WorkPlan` (quarter, half-year, year, term: Art. 39(2), 62(2)), `Inspection`
  (its plan sent ≥ 5 working days ahead, written findings notified to whoever raised the matter),
  the recommendations (`consultations.Recommendation.board` / `.inspection`) and `BoardReport` to the
  Front or the union (quarterly, half-year, yearly, per term, ad hoc; due date and on-time status).
- The law's numbers (sizes, the by-election's 6 months, the notices' days) are `BoardRule` rows with
  their article, loaded by a data migration and editable in the admin: never a literal in code.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import AdministrativeUnit, Owned, owner_constraint


class BoardKind(models.TextChoices):
    COMMUNE = "commune", _("Ban Thanh tra nhân dân xã, phường")
    AGENCY = "agency", _("Ban Thanh tra nhân dân cơ quan, đơn vị")
    INVESTMENT = "investment", _("Ban Giám sát đầu tư của cộng đồng")


class BoardRule(models.Model):
    """One number of the law about the boards, with its article (loaded by migration 0002)."""

    class Key(models.TextChoices):
        MIN_MEMBERS = "min_members", _("Số thành viên tối thiểu")
        MAX_MEMBERS = "max_members", _("Số thành viên tối đa")
        ONE_PER_VILLAGE = "one_per_village", _("Mỗi thôn, tổ dân phố có thành viên (1 = có)")
        MAX_VICE_CHAIRS = "max_vice_chairs", _("Số Phó Trưởng ban tối đa")
        EXEMPT_STAFF = "exempt_staff", _("Cơ quan có số người không quá số này thì không thành lập Ban")
        BY_ELECTION_MONTHS = "by_election_months", _("Bầu bổ sung khi nhiệm kỳ còn ít nhất (tháng)")
        TERM_MONTHS = "term_months", _("Nhiệm kỳ (tháng)")
        RECOGNITION_WORKING_DAYS = "recognition_days", _("Hạn công nhận kết quả bầu (ngày làm việc)")
        INSPECTION_NOTICE_WORKING_DAYS = (
            "inspection_notice",
            _("Gửi kế hoạch kiểm tra trước ít nhất (ngày làm việc)"),
        )
        INVESTOR_NOTICE_DAYS = "investor_notice", _("Thông báo cho chủ đầu tư trước ít nhất (ngày)")

    kind = models.CharField(_("loại ban"), max_length=12, choices=BoardKind.choices)
    key = models.CharField(_("quy định"), max_length=20, choices=Key.choices)
    value = models.PositiveIntegerField(_("giá trị"))
    article = models.CharField(_("căn cứ"), max_length=200)

    class Meta:
        verbose_name = _("quy định về Ban")
        verbose_name_plural = _("quy định về Ban")
        ordering = ["kind", "key"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="board_rule_unique")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.get_key_display()}: {self.value} ({self.article})"


class BoardState(models.TextChoices):
    COMPOSING = "composing", _("Đang ghi danh sách thành viên")
    ELECTED = "elected", _("Đã bầu, chờ công nhận")
    RECOGNISED = "recognised", _("Đã được công nhận")
    REFUSED = "refused", _("Không được công nhận")
    DISSOLVED = "dissolved", _("Đã kết thúc hoạt động")


class Board(Owned):
    """A board of a commune (its unit) or of an agency; an investment board belongs to the commune where
    the project lies and may point to the project's disclosure (Art. 11 item 3)."""

    kind = models.CharField(_("loại ban"), max_length=12, choices=BoardKind.choices)
    name = models.CharField(_("tên ban"), max_length=300)
    state = models.CharField(
        _("tình trạng"), max_length=12, choices=BoardState.choices, default=BoardState.COMPOSING
    )
    term_start = models.DateField(_("nhiệm kỳ từ"))
    term_end = models.DateField(_("nhiệm kỳ đến"))
    # The meeting or the decision that elected the board (a community meeting, the staff conference),
    # or a free text when it is not on the portal.
    elected_on = models.DateField(_("ngày bầu"), null=True, blank=True)
    elected_at_meeting = models.ForeignKey(
        "consultations.Meeting", verbose_name=_("hội nghị, cuộc họp bầu"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="boards",
    )  # fmt: skip
    elected_by_decision = models.ForeignKey(
        "consultations.Decision", verbose_name=_("kết quả biểu quyết bầu"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="boards",
    )  # fmt: skip
    election_note = models.CharField(_("hình thức bầu, biên bản"), max_length=300, blank=True)
    recognition_due = models.DateField(_("hạn công nhận"), null=True, blank=True)
    recognition_due_explanation = models.TextField(blank=True)
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    recognition_number = models.CharField(_("số văn bản công nhận"), max_length=60, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refusal_reason = models.TextField(_("lý do không công nhận"), blank=True, max_length=2000)
    # Investment boards (Arts. 41–45).
    project = models.CharField(_("chương trình, dự án"), max_length=300, blank=True)
    investor = models.CharField(_("chủ đầu tư"), max_length=300, blank=True)
    disclosure = models.ForeignKey(
        "disclosures.Disclosure", verbose_name=_("thông tin công khai của dự án (Điều 11 mục 3)"),
        null=True, blank=True, on_delete=models.PROTECT, related_name="boards",
    )  # fmt: skip
    supervision_starts_on = models.DateField(_("ngày bắt đầu giám sát"), null=True, blank=True)
    investor_notice_due = models.DateField(_("hạn thông báo cho chủ đầu tư"), null=True, blank=True)
    investor_notified_on = models.DateField(_("ngày thông báo cho chủ đầu tư"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày kết thúc hoạt động"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Ban thanh tra, giám sát")
        verbose_name_plural = _("Ban thanh tra, giám sát")
        ordering = ["-term_start", "-pk"]
        constraints = [
            owner_constraint("board_owner_xor"),
            models.CheckConstraint(
                name="board_term_order", condition=Q(term_end__gte=models.F("term_start"))
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.state == BoardState.RECOGNISED

    @property
    def front_word(self) -> str:
        """Who directs and recognises the board: the Front, or the union for an agency (Art. 62)."""
        if self.kind == BoardKind.AGENCY:
            return _("Ban Chấp hành Công đoàn")
        return _("Ban Thường trực Ủy ban Mặt trận Tổ quốc")

    def recognition_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.state == BoardState.ELECTED
            and self.recognition_due is not None
            and today > self.recognition_due
        )

    def investor_notice_late(self) -> bool | None:
        if not self.investor_notice_due:
            return None
        if self.investor_notified_on:
            return self.investor_notified_on > self.investor_notice_due
        return timezone.localdate() > self.investor_notice_due


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Trưởng ban")
    VICE_CHAIR = "vice_chair", _("Phó Trưởng ban")
    MEMBER = "member", _("Ủy viên")


class Member(models.Model):
    """A member of a board, from the day elected until the day they left (a vacancy)."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="members")
    full_name = models.CharField(_("họ và tên"), max_length=200)
    role = models.CharField(
        _("chức danh"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    village = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("thôn, tổ dân phố"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    group = models.CharField(
        _("đơn vị, bộ phận, thành phần"), max_length=200, blank=True,
        help_text=_("Với cơ quan: phòng, bộ phận công tác; với Ban giám sát đầu tư: đại diện Mặt trận, "
                    "Ban Thanh tra nhân dân hay người dân."),
    )  # fmt: skip
    since = models.DateField(_("từ ngày"))
    until = models.DateField(_("đến ngày"), null=True, blank=True)
    left_reason = models.CharField(_("lý do thôi"), max_length=300, blank=True)
    by_election = models.BooleanField(_("bầu bổ sung"), default=False)

    class Meta:
        verbose_name = _("thành viên Ban")
        verbose_name_plural = _("thành viên Ban")
        ordering = ["board", "until", "role", "full_name", "pk"]

    def __str__(self):
        return f"{self.full_name} – {self.get_role_display()}"

    @property
    def is_current(self) -> bool:
        return self.until is None


class PlanPeriod(models.TextChoices):
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    YEAR = "year", _("Năm")
    TERM = "term", _("Nhiệm kỳ")


class WorkPlan(models.Model):
    """The board's programme of work for a quarter, a half-year, a year or its term (Art. 39(2), 62(2))."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="plans")
    period = models.CharField(_("kỳ kế hoạch"), max_length=8, choices=PlanPeriod.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("quý, nửa năm"), default=0)
    content = models.TextField(_("nội dung kế hoạch"), max_length=20000)
    filed_on = models.DateField(_("ngày lập"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kế hoạch hoạt động của Ban")
        verbose_name_plural = _("kế hoạch hoạt động của Ban")
        ordering = ["-year", "period", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["board", "period", "year", "number"], name="work_plan_unique")
        ]

    def __str__(self):
        return f"{self.period_label} – {self.board}"

    @property
    def period_label(self) -> str:
        if self.period == PlanPeriod.QUARTER:
            return _("Quý %(n)s/%(year)s") % {"n": self.number, "year": self.year}
        if self.period == PlanPeriod.HALF:
            return (_("6 tháng đầu năm %(year)s") if self.number == 1 else _("6 tháng cuối năm %(year)s")) % {
                "year": self.year
            }
        if self.period == PlanPeriod.YEAR:
            return _("Năm %(year)s") % {"year": self.year}
        return _("Nhiệm kỳ")


class InspectionState(models.TextChoices):
    ANNOUNCED = "announced", _("Đã gửi kế hoạch kiểm tra")
    CONCLUDED = "concluded", _("Đã có kết quả kiểm tra")


class Inspection(models.Model):
    """One inspection (kiểm tra, giám sát, xác minh) by the board: its plan, sent to the Front, the commune
    chairman and the inspected party ≥ 5 working days before it starts (Decree 59 Art. 14, 22), then its
    written findings, notified to whoever raised the matter."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="inspections")
    plan = models.ForeignKey(
        WorkPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="inspections"
    )
    state = models.CharField(
        _("tình trạng"), max_length=10, choices=InspectionState.choices, default=InspectionState.ANNOUNCED
    )
    subject = models.CharField(_("nội dung kiểm tra, giám sát"), max_length=300)
    inspected = models.CharField(_("đối tượng được kiểm tra"), max_length=300)
    raised_by = models.CharField(
        _("người nêu vụ việc"), max_length=300, blank=True,
        help_text=_("Công dân, tổ chức đã kiến nghị, phản ánh (nếu có): được thông báo kết quả bằng văn bản."),
    )  # fmt: skip
    plan_sent_on = models.DateField(_("ngày gửi kế hoạch"))
    sent_to = models.CharField(_("nơi nhận kế hoạch"), max_length=500)
    starts_on = models.DateField(_("ngày bắt đầu kiểm tra"))
    earliest_start = models.DateField(_("ngày sớm nhất được bắt đầu"))
    earliest_start_explanation = models.TextField(blank=True)
    findings = models.TextField(_("kết quả kiểm tra"), blank=True, max_length=20000)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    notified_on = models.DateField(_("ngày thông báo kết quả cho người nêu vụ việc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát của Ban")
        verbose_name_plural = _("cuộc kiểm tra, giám sát của Ban")
        ordering = ["-starts_on", "-pk"]

    def __str__(self):
        return self.subject

    @property
    def sent_to_lines(self) -> list[str]:
        return [part.strip() for part in self.sent_to.replace("\n", ";").split(";") if part.strip()]


class ReportKind(models.TextChoices):
    QUARTER = "quarter", _("Báo cáo quý")
    HALF = "half", _("Báo cáo 6 tháng")
    YEAR = "year", _("Báo cáo năm")
    TERM = "term", _("Báo cáo nhiệm kỳ")
    AD_HOC = "ad_hoc", _("Báo cáo đột xuất")


class BoardReport(models.Model):
    """The board's report to the Front (or the union): Art. 39(3), 44, 62(3); Decree 59 Art. 14(3), 22(3).
    Its due date is set by whoever directs the board; on time = sent no later than due."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("loại báo cáo"), max_length=8, choices=ReportKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    period_start = models.DateField(_("kỳ báo cáo từ"))
    period_end = models.DateField(_("kỳ báo cáo đến"))
    due_on = models.DateField(_("hạn gửi"))
    text = models.TextField(_("nội dung báo cáo"), max_length=30000)
    sent_on = models.DateField(_("ngày gửi"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField(_("ngày tiếp nhận"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo của Ban")
        verbose_name_plural = _("báo cáo của Ban")
        ordering = ["-period_end", "-pk"]
        indexes = [models.Index(fields=["due_on", "sent_on"], name="board_report_due")]
        constraints = [
            models.CheckConstraint(
                name="board_report_period_order", condition=Q(period_end__gte=models.F("period_start"))
            )
        ]

    def __str__(self):
        return self.title

    @property
    def on_time(self) -> bool:
        return self.sent_on <= self.due_on


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (15/01 → 14/07 is 5, 15/01 → 15/07 is 6)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)
