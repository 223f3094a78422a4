"""The register of rules in force (quy chế, hương ước, quy ước) of a commune, a village or an agency,
the steps of Decree 61/2023 for a village convention, and the posting and closing records of a draft
put up for comments.

A regulation is never edited once registered: a new one replaces it (`replaced_by`), and "in force
today" is computed from the dates, never stored."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import Consultation, Decision
from disclosures.models import Disclosure
from units.models import Owned, OwnedQuerySet, owner_constraint


class RegulationKind(models.TextChoices):
    COMMUNE_DEMOCRACY = "commune_democracy", _("Quy chế thực hiện dân chủ ở xã (Điều 35 khoản 2 điểm c)")
    AGENCY_DEMOCRACY = (
        "agency_democracy",
        _("Quy chế thực hiện dân chủ của cơ quan, đơn vị (Điều 53 khoản 8)"),
    )
    CITIZEN_RECEPTION = "citizen_reception", _("Nội quy, quy chế tiếp công dân")
    INTERNAL_SPENDING = "internal_spending", _("Quy chế chi tiêu nội bộ (Điều 53 khoản 9)")
    WORKING_RULES = "working_rules", _("Quy chế làm việc")
    HUONG_UOC = "huong_uoc", _("Hương ước (Điều 15 khoản 3, Nghị định 61/2023/NĐ-CP)")
    QUY_UOC = "quy_uoc", _("Quy ước (Điều 15 khoản 3, Nghị định 61/2023/NĐ-CP)")
    OTHER = "other", _("Nội quy, quy chế khác")


CONVENTION_KINDS = (RegulationKind.HUONG_UOC, RegulationKind.QUY_UOC)


class RegulationQuerySet(OwnedQuerySet):
    def in_force(self, on: dt.date | None = None):
        """Effective on `on` and not yet replaced by one effective on or before it."""
        on = on or timezone.localdate()
        return self.filter(effective_from__lte=on).filter(
            Q(replaced_by__isnull=True) | Q(replaced_by__effective_from__gt=on)
        )

    def public(self):
        """What a citizen may see: a commune's and its villages' rules, never an agency's (Art. 46)."""
        return self.filter(agency__isnull=True)


def regulation_path(instance, filename):
    from disclosures.models import document_path

    return "regulations/" + document_path(instance, filename).split("/", 1)[1]


class Regulation(Owned):
    """One rule in the register: a commune's (or a village's) or an agency's."""

    kind = models.CharField(_("loại"), max_length=20, choices=RegulationKind.choices)
    title = models.CharField(_("tên văn bản"), max_length=300)
    number = models.CharField(_("số, ký hiệu"), max_length=50)
    issued_on = models.DateField(_("ngày ban hành, công nhận"))
    effective_from = models.DateField(_("ngày có hiệu lực"))
    issuer = models.CharField(_("cơ quan ban hành, công nhận"), max_length=255)
    replaced_by = models.OneToOneField(
        "self", verbose_name=_("được thay thế bằng"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="replaces",
    )  # fmt: skip
    # What made it: a consultation (Art. 25, 53) or a village decision (Art. 15 item 3).
    consultation = models.ForeignKey(
        Consultation, verbose_name=_("cuộc lấy ý kiến"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="regulations",
    )  # fmt: skip
    decision = models.ForeignKey(
        Decision, verbose_name=_("quyết định của cộng đồng"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="regulations",
    )  # fmt: skip
    # The permanent posting of Art. 11 item 4 (commune) / Art. 46 item 9 (agency), linked both ways.
    disclosure = models.OneToOneField(
        Disclosure, verbose_name=_("thông tin công khai"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="regulation",
    )  # fmt: skip
    file = models.FileField(_("tệp văn bản"), upload_to=regulation_path, blank=True, max_length=200)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    next_review_on = models.DateField(_("ngày rà soát tiếp theo"), null=True, blank=True)
    # A village convention's steps (Decree 61/2023): when the draft was posted, when the dossier went to
    # the commune, when the recognised text was sent back. The decision gives the day it was adopted.
    draft_posted_on = models.DateField(_("ngày niêm yết dự thảo"), null=True, blank=True)
    decided_on = models.DateField(_("ngày cộng đồng dân cư biểu quyết thông qua"), null=True, blank=True)
    dossier_sent_on = models.DateField(_("ngày gửi hồ sơ đề nghị công nhận"), null=True, blank=True)
    sent_on = models.DateField(_("ngày gửi hương ước, quy ước đã công nhận"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True, max_length=2000)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RegulationQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy chế, hương ước, quy ước")
        verbose_name_plural = _("quy chế, hương ước, quy ước")
        ordering = ["-effective_from", "-pk"]
        constraints = [
            owner_constraint("regulation_owner_xor"),
            models.CheckConstraint(
                name="regulation_not_replaced_by_itself", condition=~Q(replaced_by=models.F("pk"))
            ),
            models.CheckConstraint(
                name="regulation_effective_after_issue",
                condition=Q(effective_from__gte=models.F("issued_on")),
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "kind", "effective_from"], name="regulation_by_unit"),
            models.Index(fields=["agency", "kind", "effective_from"], name="regulation_by_agency"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def is_in_force(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        if self.effective_from > on:
            return False
        return self.replaced_by is None or self.replaced_by.effective_from > on

    @property
    def is_convention(self) -> bool:
        return self.kind in CONVENTION_KINDS


class ConventionStep(models.Model):
    """A step of a village convention with its legal time limit (Decree 61/2023/NĐ-CP), as data: the
    day counts and their articles are edited in the admin, never written in code."""

    class Unit(models.TextChoices):
        DAYS = "days", _("ngày")
        WORKING_DAYS = "working_days", _("ngày làm việc")
        YEARLY = "yearly", _("hằng năm vào ngày")

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    label = models.CharField(_("bước"), max_length=200)
    after = models.CharField(_("tính từ"), max_length=200)
    count = models.PositiveSmallIntegerField(_("số ngày"), null=True, blank=True)
    unit = models.CharField(_("đơn vị"), max_length=12, choices=Unit.choices)
    # For a yearly step: the day and month (e.g. 18/11, the national great-unity day).
    day = models.PositiveSmallIntegerField(_("ngày"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(_("tháng"), null=True, blank=True)
    article = models.CharField(_("căn cứ"), max_length=200)

    class Meta:
        verbose_name = _("bước xây dựng hương ước, quy ước")
        verbose_name_plural = _("các bước xây dựng hương ước, quy ước (Nghị định 61/2023/NĐ-CP)")
        ordering = ["order"]

    def __str__(self):
        return self.label


class ReviewReminder(models.Model):
    """When the owner's clerks are reminded of a rule's next review date (`Regulation.next_review_on`):
    once `days_before` it, and once `days_after` it has passed. Data with the article requiring the
    review (Decree 61/2023 Art. 15 for hương ước, quy ước: reviewed every year), edited in the admin."""

    class AppliesTo(models.TextChoices):
        CONVENTION = "convention", _("Hương ước, quy ước")
        OTHER = "other", _("Quy chế, nội quy khác")

    applies_to = models.CharField(_("áp dụng với"), max_length=12, choices=AppliesTo.choices, unique=True)
    days_before = models.PositiveSmallIntegerField(_("nhắc trước ngày rà soát (ngày)"))
    days_after = models.PositiveSmallIntegerField(_("nhắc sau ngày rà soát (ngày)"))
    article = models.CharField(_("căn cứ"), max_length=300)

    class Meta:
        verbose_name = _("nhắc rà soát quy chế, hương ước, quy ước")
        verbose_name_plural = _("nhắc rà soát quy chế, hương ước, quy ước")
        ordering = ["applies_to"]

    def __str__(self):
        return self.get_applies_to_display()


class ComplianceDeadline(models.Model):
    """The day a reviewer sets by which every commune (or agency) must have its regulation in force: the
    dashboard's indicator counts those that have one effective by then and still in force."""

    kind = models.CharField(_("loại quy chế"), max_length=20, choices=RegulationKind.choices, unique=True)
    due_on = models.DateField(_("hạn có quy chế có hiệu lực"))
    article = models.CharField(_("căn cứ"), max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("hạn ban hành quy chế")
        verbose_name_plural = _("hạn ban hành quy chế")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.due_on:%d/%m/%Y}"


class DraftRecord(models.Model):
    """The posting record and the closing record of a consultation's draft posted for comments: the same
    numbering (the owner's n/BB-UBND of the year) and the same layout as a disclosure's records."""

    class Kind(models.TextChoices):
        POSTING = "posting", _("Biên bản niêm yết dự thảo")
        CLOSING = "closing", _("Biên bản kết thúc niêm yết dự thảo")

    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="draft_records")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    number = models.CharField(_("số"), max_length=50)
    made_at = models.DateTimeField(_("thời điểm lập"), default=timezone.now)
    pdf = models.FileField(upload_to="records/%Y/%m", blank=True, max_length=200)

    class Meta:
        verbose_name = _("biên bản niêm yết dự thảo")
        verbose_name_plural = _("biên bản niêm yết dự thảo")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "kind"], name="draft_record_one_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"
