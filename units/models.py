"""Administrative units, villages, agencies and the roles staff hold in them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .text import fold


class Level(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    DISTRICT = "district", _("Huyện, quận, thị xã (trước 01/7/2025)")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    VILLAGE = "village", _("Thôn, tổ dân phố")


class UnitType(models.TextChoices):
    TINH = "tinh", _("Tỉnh")
    THANH_PHO_TW = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    HUYEN = "huyen", _("Huyện")
    QUAN = "quan", _("Quận")
    THI_XA = "thi_xa", _("Thị xã")
    THANH_PHO_THUOC_TINH = "thanh_pho_thuoc_tinh", _("Thành phố thuộc tỉnh")
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    DAC_KHU = "dac_khu", _("Đặc khu")
    THI_TRAN = "thi_tran", _("Thị trấn")
    THON = "thon", _("Thôn, làng, ấp, bản, buôn")
    TO_DAN_PHO = "to_dan_pho", _("Tổ dân phố, khu phố")


class UnitQuerySet(models.QuerySet):
    def current(self, on=None):
        """Units in force on a day (today by default)."""
        day = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def search(self, text):
        """Names containing `text`, ignoring case and diacritics: "dong son", "ĐÔNG SƠN" → "Xã Đông Sơn"."""
        return self.filter(search_name__contains=fold(text))

    def under(self, unit):
        """The unit and every unit below it (the tree is at most four levels deep)."""
        return self.filter(
            Q(pk=unit.pk) | Q(parent=unit) | Q(parent__parent=unit) | Q(parent__parent__parent=unit)
        )


class AdministrativeUnit(models.Model):
    """A node of the territory tree: province → (district, history) → commune → village."""

    code = models.CharField(
        _("mã"),
        max_length=20,
        unique=True,
        help_text=_(
            "Mã trên cổng: mã Tổng cục Thống kê với đơn vị đang tồn tại; mã thống kê + “-” + ngày hết hiệu lực "
            "(ví dụ 24-20250630) với đơn vị cũ có mã đã được dùng lại; thôn, tổ dân phố: mã xã + số thứ tự."
        ),
    )
    gso_code = models.CharField(
        _("mã thống kê"),
        max_length=10,
        blank=True,
        db_index=True,
        help_text=_("Mã đơn vị hành chính do Tổng cục Thống kê cấp (trống với thôn, tổ dân phố)."),
    )
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    type = models.CharField(_("loại"), max_length=24, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(
        _("hiệu lực đến"),
        null=True,
        blank=True,
        help_text=_("Ngày cuối cùng đơn vị còn tồn tại (trống: đang tồn tại)."),
    )
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        help_text=_("Đơn vị mới sau khi sắp xếp, sáp nhập."),
    )
    households = models.PositiveIntegerField(
        _("số hộ gia đình"),
        null=True,
        blank=True,
        help_text=_("Với thôn, tổ dân phố: căn cứ tính tỷ lệ biểu quyết."),
    )
    # Name folded to lower-case ASCII ("Đông Sơn" → "dong son") so citizens can search without diacritics.
    search_name = models.CharField(max_length=200, editable=False, db_index=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["code"]
        indexes = [
            # The API's ?level=&parent= listing and a unit page's list of children.
            models.Index(fields=["parent", "level"], name="unit_parent_level"),
            models.Index(fields=["level", "code"], name="unit_level_code"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)

    @property
    def is_current(self):
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_to is None or self.valid_to >= today
        )

    def ancestors(self):
        """From the province down to the parent (at most three queries, usually cached by select_related)."""
        chain = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class Agency(models.Model):
    """A state agency or public service unit (cơ quan, đơn vị) under a province or a commune."""

    class Kind(models.TextChoices):
        STATE_AGENCY = "state_agency", _("Cơ quan hành chính nhà nước")
        PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices, default=Kind.STATE_AGENCY)
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="agencies"
    )
    staff_count = models.PositiveIntegerField(
        _("số cán bộ, công chức, viên chức, người lao động"),
        help_text=_("Căn cứ tính số người dự hội nghị (Điều 51)."),
    )
    search_name = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    CLERK = "clerk", _("Công chức phụ trách")
    APPROVER = "approver", _("Người phê duyệt")
    AGENCY_STAFF = "agency_staff", _("Cán bộ, công chức, viên chức")
    INSPECTOR = "inspector", _("Thành viên Ban Thanh tra nhân dân")
    FRONT_OFFICER = "front_officer", _("Cán bộ Ủy ban Mặt trận Tổ quốc xã")
    REVIEWER = "reviewer", _("Cơ quan theo dõi (Nội vụ)")
    ADMINISTRATOR = "administrator", _("Quản trị viên")

    @property
    def can_edit(self):
        """May create and change the unit's records (drafts, villages, counts)."""
        return self in {Role.CLERK, Role.APPROVER, Role.ADMINISTRATOR}

    @property
    def can_approve(self):
        return self in {Role.APPROVER, Role.ADMINISTRATOR}

    @property
    def sees_subtree(self):
        """Sees every unit and agency below its own, not only its own."""
        return self in {Role.REVIEWER, Role.ADMINISTRATOR}


class Membership(models.Model):
    """A role a user holds in one unit or one agency. An administrator without either is national."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò của người dùng")
        verbose_name_plural = _("vai trò của người dùng")
        constraints = [
            models.CheckConstraint(
                name="membership_unit_xor_agency",
                condition=~Q(unit__isnull=False, agency__isnull=False),
            ),
            models.CheckConstraint(
                name="membership_scope_required",
                condition=Q(role=Role.ADMINISTRATOR) | Q(unit__isnull=False) | Q(agency__isnull=False),
            ),
            models.CheckConstraint(
                name="membership_agency_staff_has_agency",
                condition=~Q(role=Role.AGENCY_STAFF) | Q(agency__isnull=False),
            ),
            models.UniqueConstraint(fields=["user", "role", "unit", "agency"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit or self.agency or _('toàn quốc')}"

    @property
    def role_enum(self):
        return Role(self.role)


class EnrolmentLink(models.Model):
    """A single-use link an administrator gives a staff member out of band (in person, by phone): opening
    it sets the account's password and enrols its authenticator app. Only the hash of its token is kept.
    The first enrolment needs one, so a password alone can never enrol a device."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="enrolment_links",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("thời điểm cấp"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    used_at = models.DateTimeField(_("đã dùng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đường dẫn kích hoạt tài khoản")
        verbose_name_plural = _("đường dẫn kích hoạt tài khoản")

    def __str__(self):
        return f"{self.user} – {self.issued_at:%d/%m/%Y %H:%M}"


# --- Owned by a commune-level unit or by an agency ---------------------------------------------------


def is_agency(owner) -> bool:
    """An agency's records are internal (Art. 46 ff.); a unit's are the commune's (or its village's)."""
    return isinstance(owner, Agency)


def catalogue_scope(owner) -> str:
    """The catalogue scope of an owner's records: the agency items (Art. 46 ff.) or the commune's."""
    from democracy.models import Scope

    return Scope.AGENCY if is_agency(owner) else Scope.COMMUNE


def owner_key(owner) -> str:
    """A short key for a unit or an agency: "u<id>" or "a<id>" (counters, done-markers, groupings)."""
    return key_of_ids(None, owner.pk) if is_agency(owner) else key_of_ids(owner.pk, None)


def key_of_ids(unit_id, agency_id) -> str:
    """`owner_key` from the ids of a row read with `values()`, without loading the unit or the agency."""
    return f"a{agency_id}" if agency_id else f"u{unit_id}"


def owner_fields(owner) -> dict:
    """The `unit` and `agency` values of an object owned by `owner` (a unit or an agency)."""
    if is_agency(owner):
        return {"unit": None, "agency": owner}
    return {"unit": owner, "agency": None}


def owner_constraint(name: str) -> models.CheckConstraint:
    """Exactly one of `unit` and `agency` is set."""
    return models.CheckConstraint(
        name=name,
        condition=Q(unit__isnull=False, agency__isnull=True) | Q(unit__isnull=True, agency__isnull=False),
    )


class OwnedQuerySet(models.QuerySet):
    def of(self, owner):
        """The rows owned by one unit or one agency."""
        return self.filter(**owner_fields(owner))


class Owned(models.Model):
    """Belongs to a commune-level unit (or one of its villages) or to an agency, never both (each
    concrete model adds `owner_constraint`). An agency's records are internal (Art. 46 ff.).
    Reverse names are the model's in the plural: `unit.disclosures`, `agency.consultations`."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan, đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def owner(self):
        return self.agency if self.agency_id else self.unit

    @owner.setter
    def owner(self, owner):
        for name, value in owner_fields(owner).items():
            setattr(self, name, value)

    @property
    def is_internal(self) -> bool:
        return self.agency_id is not None

    @property
    def owner_key(self) -> str:
        return key_of_ids(self.unit_id, self.agency_id)


# The reporting regime lives in its own module; imported here so Django registers it with the app.
from .regimes import RegisterQuarters, ReportingRegime, extends_to_working_day  # noqa: E402, F401
