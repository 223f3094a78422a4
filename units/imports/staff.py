import re

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from import_export import fields

from ..models import Level, Membership, Role
from .base import (
    AgencyCodeWidget,
    ChoiceWidget,
    ImportResource,
    UnitCodeWidget,
    _choice_key,
    _end_of_validity,
    cell_text,
)

COMMUNE_ROLES = {Role.CLERK, Role.APPROVER, Role.INSPECTOR, Role.FRONT_OFFICER}


def membership_scope_error(role, unit, agency) -> tuple[str, str] | None:
    """What is wrong with holding `role` in `unit` or `agency`, as (column, message), or None.

    The rule the database constraints state, plus where each role makes sense: agency staff in an
    agency; a reviewer in a province (or a district, for history before 01/7/2025); clerks, approvers
    and inspection-board members in a current commune or an agency; an administrator in a unit or an
    agency (a national administrator is made in the admin, not by import).
    """
    label = f"{Role(role).label} ({role})"
    if unit is not None and agency is not None:
        return "ma_co_quan", "chỉ điền một trong hai cột ma_don_vi hoặc ma_co_quan"
    if role == Role.AGENCY_STAFF:
        if agency is None:
            return "ma_co_quan", f"vai trò {label} cần mã cơ quan, đơn vị"
        return None
    if role == Role.REVIEWER:
        if unit is None:
            return (
                "ma_don_vi",
                f"vai trò {label} cần mã tỉnh, thành phố (hoặc huyện, với dữ liệu trước 01/7/2025)",
            )
        if unit.level not in {Level.PROVINCE, Level.DISTRICT}:
            return "ma_don_vi", (
                f"vai trò {label} thuộc một tỉnh, thành phố (hoặc huyện, với dữ liệu trước 01/7/2025); "
                f"«{unit.name}» (mã {unit.code}) là {unit.get_level_display().lower()}"
            )
        return None
    if role == Role.FRONT_OFFICER and unit is None:
        return "ma_don_vi", f"vai trò {label} thuộc Ủy ban Mặt trận Tổ quốc của một xã, phường, đặc khu"
    if unit is None and agency is None:
        return (
            "ma_don_vi",
            f"vai trò {label} cần mã đơn vị hành chính (cột ma_don_vi) hoặc mã cơ quan (cột ma_co_quan)",
        )
    if unit is not None and role in COMMUNE_ROLES:
        if unit.level != Level.COMMUNE:
            return "ma_don_vi", (
                f"vai trò {label} thuộc một xã, phường, đặc khu hoặc một cơ quan; "
                f"«{unit.name}» (mã {unit.code}) là {unit.get_level_display().lower()}"
            )
        if not unit.is_current:
            return "ma_don_vi", _end_of_validity(unit)
    if unit is not None and unit.level == Level.VILLAGE:
        return "ma_don_vi", f"thôn, tổ dân phố «{unit.name}» không có {label}"
    return None


USERNAME_RE = re.compile(r"^[\w.@+-]+\Z")


class StaffResource(ImportResource):
    """Staff accounts and their roles. A new account gets an unusable password: the person sets one
    through password reset. The full name goes whole into first_name (last_name stays empty), so
    get_full_name() gives "Nguyễn Văn An" in the Vietnamese order."""

    duplicate_note = " (cùng người, vai trò và nơi làm việc)"

    ten_dang_nhap = fields.Field(column_name="ten_dang_nhap")
    ho_ten = fields.Field(column_name="ho_ten")
    email = fields.Field(column_name="email")
    vai_tro = fields.Field(
        attribute="role",
        column_name="vai_tro",
        widget=ChoiceWidget(
            Role,
            aliases={
                Role.INSPECTOR: ["ban thanh tra nhân dân", "thanh tra nhân dân"],
                Role.FRONT_OFFICER: ["mặt trận", "mặt trận tổ quốc", "ủy ban mặt trận tổ quốc"],
                Role.REVIEWER: ["nội vụ", "sở nội vụ", "phòng nội vụ"],
            },
        ),
    )
    ma_don_vi = fields.Field(
        attribute="unit",
        column_name="ma_don_vi",
        widget=UnitCodeWidget(set(Level), "đơn vị hành chính", current=False, required=False),
    )
    ma_co_quan = fields.Field(attribute="agency", column_name="ma_co_quan", widget=AgencyCodeWidget())

    required_columns = ("ten_dang_nhap", "ho_ten", "email", "vai_tro")
    one_of_columns = (("ma_don_vi", "ma_co_quan"),)

    def public_owners(self, instance):
        return []  # staff and their roles appear on no public page

    class Meta:
        model = Membership
        fields = ("ten_dang_nhap", "ho_ten", "email", "vai_tro", "ma_don_vi", "ma_co_quan")
        import_order = export_order = fields
        name = "Tài khoản cán bộ và vai trò"

    def get_queryset(self):
        return Membership.objects.select_related("user", "unit", "agency")

    def row_key(self, row):
        username = cell_text(row.get("ten_dang_nhap"))
        if not username:
            return None
        scope = (cell_text(row.get("ma_don_vi")), cell_text(row.get("ma_co_quan")))
        return NON_FIELD_ERRORS, (username, _choice_key(cell_text(row.get("vai_tro"))), scope)

    def get_instance(self, instance_loader, row):
        """The same user, role and unit/agency: importing a file twice does not duplicate roles."""
        try:
            role = self.fields["vai_tro"].clean(row)
            unit = self.fields["ma_don_vi"].clean(row) if "ma_don_vi" in row else None
            agency = self.fields["ma_co_quan"].clean(row) if "ma_co_quan" in row else None
        except ValueError:
            return None  # reported by import_instance
        username = cell_text(row.get("ten_dang_nhap"))
        return (
            self.get_queryset().filter(user__username=username, role=role, unit=unit, agency=agency).first()
        )

    def check_row(self, instance, row, errors):
        user_model = get_user_model()
        username = cell_text(row.get("ten_dang_nhap"))
        full_name = cell_text(row.get("ho_ten"))
        email = BaseUserManager.normalize_email(cell_text(row.get("email")))
        if not username:
            errors["ten_dang_nhap"] = ["không được để trống."]
        elif len(username) > 150 or not USERNAME_RE.match(username):
            errors["ten_dang_nhap"] = [
                f"«{username}» không hợp lệ; tên đăng nhập dài tối đa 150 ký tự, "
                "chỉ gồm chữ, số và . @ + - _ (không có dấu cách)."
            ]
        if not full_name:
            errors["ho_ten"] = ["không được để trống."]
        elif len(full_name) > 150:
            errors["ho_ten"] = [f"dài {len(full_name)} ký tự, tối đa 150 ký tự."]
        if not email:
            errors["email"] = ["không được để trống: người dùng đặt mật khẩu qua thư điện tử."]
        else:
            try:
                validate_email(email)
            except ValidationError:
                errors["email"] = [f"«{email}» không phải địa chỉ thư điện tử hợp lệ."]
            else:
                # Password reset goes by e-mail: one address must not open two people's accounts.
                other = (
                    user_model.objects.filter(email__iexact=email)
                    .exclude(username=username)
                    .values_list("username", flat=True)
                    .first()
                )
                if other:
                    errors["email"] = [f"địa chỉ {email} đã dùng cho tài khoản {other}."]
        if not any(key in errors for key in ("role", "unit", "agency")):
            problem = membership_scope_error(instance.role, instance.unit, instance.agency)
            if problem:
                column, message = problem
                # Keyed by model field, so that full_clean leaves that field's constraints alone.
                errors.setdefault(self.fields[column].attribute, []).append(message)
        instance.import_account = (username, full_name, email)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The user is found or created only once the whole row is valid (before_save_instance).
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, "user"], validate_unique=validate_unique)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        username, full_name, email = instance.import_account
        user, created = get_user_model().objects.get_or_create(username=username)
        user.first_name, user.last_name, user.email = full_name, "", email
        if created:
            user.set_unusable_password()
        user.save()
        instance.user = user

    def _user(self, membership):
        return membership.user if membership.user_id else None

    def dehydrate_ten_dang_nhap(self, membership):
        user = self._user(membership)
        return user.username if user else getattr(membership, "import_account", ("",))[0]

    def dehydrate_ho_ten(self, membership):
        user = self._user(membership)
        return user.get_full_name() if user else getattr(membership, "import_account", ("", ""))[1]

    def dehydrate_email(self, membership):
        user = self._user(membership)
        return user.email if user else getattr(membership, "import_account", ("", "", ""))[2]


#: The imports `import_records` knows, by the name given on its command line.
