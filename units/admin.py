"""Admin for units, villages, agencies and staff roles, with import/export through units/imports/.

Provinces and communes come from the loader (`load_units`); the admin imports villages, agencies and
staff accounts, with import-export's dry-run preview before anything is written. With 3,400+ units
every foreign key to a unit is an autocomplete and every changelist selects its relations up front.
"""

from axes.admin import AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessFailureLog, AccessLog
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from simple_history.admin import SimpleHistoryAdmin

from democracy import periods
from democracy.admin import AuditInline, ShownToThePublic
from democracy.audit import record
from democracy.models import Action, AuditEvent

from . import actions
from .imports import AgencyResource, StaffResource, VillageResource, error_messages, membership_scope_error
from .imports.base import too_large
from .models import AdministrativeUnit, Agency, Level, Membership, RegisterQuarters, ReportingRegime, Role
from .text import fold

FORMATS = [base_formats.CSV, base_formats.XLSX]


def search_without_diacritics(queryset, search_term):
    """Names containing every word of the term, ignoring case and diacritics."""
    for word in fold(search_term).split():
        queryset = queryset.filter(search_name__contains=word)
    return queryset


class SearchWithoutDiacritics:
    """Adds to the usual search the names matching without diacritics ("dong ky" finds "Đồng Kỳ")."""

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            found = found | search_without_diacritics(queryset, search_term)
        return found, may_have_duplicates


class SizeLimitedImportForm(ImportForm):
    """The import form, refusing a file over the imports' size limit before it is read."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload is not None and (problem := too_large(upload.size, upload.name)):
            raise forms.ValidationError(problem)
        return upload


class AllOrNothingImportExportAdmin(ImportExportModelAdmin):
    """Import-export with CSV/XLSX, the model's own permissions, and a refusal that says why."""

    formats = FORMATS
    import_form_class = SizeLimitedImportForm
    #: Permissions an import needs besides adding and changing the model's rows.
    import_extra_permissions: tuple[str, ...] = ()

    def has_import_permission(self, request):
        # import-export lets any staff user import unless a setting names a permission: ask for the
        # permissions the import really exercises.
        return (
            self.has_add_permission(request)
            and self.has_change_permission(request)
            and request.user.has_perms(self.import_extra_permissions)
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def process_result(self, result, request):
        # The preview was clean, yet the data may have changed before the confirmation: the import was
        # rolled back, so say so instead of import-export's "Import finished".
        if result.has_errors() or result.has_validation_errors():
            problems = error_messages(result)
            for message in problems[:20]:
                messages.error(request, message)
            messages.error(request, f"Không nhập dòng nào: {len(problems)} lỗi. Sửa tệp rồi nhập lại.")
            return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*self.get_model_info())))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        rows = totals["new"] + totals["update"]
        messages.success(request, f"Đã nhập {rows} dòng: {totals['new']} mới, {totals['update']} cập nhật.")


class CurrentFilter(admin.SimpleListFilter):
    title = _("hiệu lực")
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return [("current", _("Đang tồn tại")), ("ended", _("Đã thôi tồn tại (lịch sử)"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "current":
            return queryset.current()
        if self.value() == "ended":
            return queryset.filter(Q(valid_to__lt=today) | Q(valid_from__gt=today))
        return queryset


def public_owners_of_unit(unit) -> list:
    """Whose public pages show this unit: a village, its own page and its commune's (the commune's
    page lists it, its disclosures name it); a commune or a province, every page (the tree, the
    breadcrumbs and the names of its children)."""
    if unit.level == Level.VILLAGE:
        return [unit, unit.parent] if unit.parent_id else [unit]
    return [None]


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(ShownToThePublic, SearchWithoutDiacritics, AllOrNothingImportExportAdmin):
    # Import and export handle villages only: provinces and communes come from the loader.
    owners_may_move = True
    resource_classes = [VillageResource]
    list_display = ["code", "name", "level", "type", "parent", "valid_from", "valid_to", "households"]
    list_filter = ["level", "type", CurrentFilter]
    search_fields = ["code", "name"]
    search_help_text = _("Tìm theo mã hoặc tên, có dấu hay không dấu.")
    list_select_related = ["parent"]
    autocomplete_fields = ["parent", "successors"]
    list_per_page = 100
    fieldsets = [
        (None, {"fields": ["code", "gso_code", "name", ("level", "type"), "parent", "households"]}),
        (_("Hiệu lực và sắp xếp đơn vị"), {"fields": [("valid_from", "valid_to"), "successors"]}),
    ]

    def public_owners(self, unit):
        return public_owners_of_unit(unit)


@admin.register(Agency)
class AgencyAdmin(ShownToThePublic, SearchWithoutDiacritics, AllOrNothingImportExportAdmin):
    resource_classes = [AgencyResource]
    list_display = ["code", "name", "kind", "unit", "staff_count"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "unit__code", "unit__name"]
    search_help_text = _("Tìm theo mã, tên cơ quan hoặc mã, tên địa bàn.")
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    list_per_page = 100


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "role", "unit", "agency"]

    def clean(self):
        data = super().clean()
        role, unit, agency = data.get("role"), data.get("unit"), data.get("agency")
        if not role or self.has_error("unit") or self.has_error("agency"):
            return data
        if role == Role.ADMINISTRATOR and unit is None and agency is None:
            return data  # a national administrator
        problem = membership_scope_error(role, unit, agency)
        if problem:
            column, message = problem
            self.add_error(
                {"ma_don_vi": "unit", "ma_co_quan": "agency"}[column], message[0].upper() + message[1:] + "."
            )
        return data


@admin.register(Membership)
class MembershipAdmin(AllOrNothingImportExportAdmin):
    # Importing creates the staff account if missing, with an unusable password (set by password reset).
    resource_classes = [StaffResource]
    import_extra_permissions = ("auth.add_user", "auth.change_user")
    form = MembershipForm
    list_display = ["user", "full_name", "role", "unit", "agency", "created_at"]
    list_filter = ["role"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "unit__code",
        "unit__name",
        "agency__code",
        "agency__name",
    ]
    search_help_text = _("Tìm theo tên đăng nhập, họ tên, thư điện tử, mã hoặc tên đơn vị, cơ quan.")
    list_select_related = ["user", "unit", "agency"]
    autocomplete_fields = ["user", "unit", "agency"]
    list_per_page = 100

    @admin.display(description=_("họ và tên"), ordering="user__first_name")
    def full_name(self, membership):
        return membership.user.get_full_name()


# --- Reporting regimes ---------------------------------------------------------------------------------
# A regime keeps a history (django-simple-history), like the legal catalogue: who changed a deadline or
# the Civil Code rule, when, and from what. Its page previews the periods it gives for this year and
# the next, computed by the model, so a change can be checked before anyone relies on it.


def _date(day):
    return f"{day:%d/%m/%Y}"


class RegimeForm(forms.ModelForm):
    class Meta:
        model = ReportingRegime
        fields = [
            "authority",
            "name",
            "basis",
            "for_units",
            "for_agencies",
            "schedule",
            "ad_hoc",
            "cutoff_day",
            "year_end_month",
            "due_rule",
            "quarter_due_days",
            "half_year_due_days",
            "annual_due_days",
            "due_in_working_days",
            "half_year_due_before",
            "annual_due_before",
            "quarter_due_before_day",
            "due_on_day_off",
            "reminder_working_days",
            "period_end_extends_to_working_day",
        ]

    def clean(self):
        cleaned = super().clean()
        authority, name = cleaned.get("authority"), cleaned.get("name")
        others = ReportingRegime.objects.exclude(pk=self.instance.pk).filter(name=name)
        if authority is None and others.filter(authority__isnull=True).exists():
            self.add_error(
                "authority",
                _("Đã có chế độ mặc định toàn quốc cùng tên: hãy sửa chế độ đó, hoặc chọn cơ quan theo dõi."),
            )
        elif authority is not None and others.filter(authority=authority).exists():
            self.add_error(
                "name",
                forms.ValidationError(
                    _("%(name)s đã có chế độ báo cáo này: hãy sửa chế độ đó, hoặc đặt tên khác."),
                    params={"name": authority},
                ),
            )
        return cleaned


@admin.register(ReportingRegime)
class ReportingRegimeAdmin(SimpleHistoryAdmin):
    form = RegimeForm
    list_display = [
        "authority_display",
        "name",
        "schedule",
        "due_rule",
        "cutoff_day",
        "year_end_month",
        "half_year_due_days",
        "annual_due_days",
        "due_in_working_days",
        "reminder_working_days",
        "period_end_extends_to_working_day",
        "updated_at",
    ]
    list_display_links = ["authority_display"]
    list_filter = ["schedule", "due_rule", "due_in_working_days", "period_end_extends_to_working_day"]
    search_fields = ["authority__code", "authority__name", "basis"]
    list_select_related = ["authority"]
    autocomplete_fields = ["authority"]
    readonly_fields = ["periods_preview", "updated_at"]
    fieldsets = [
        (
            None,
            {"fields": ["authority", "name", "basis", ("for_units", "for_agencies"), "schedule", "ad_hoc"]},
        ),
        (
            _("Kỳ báo cáo"),
            {
                "description": _(
                    "Quy ước chung về kỳ báo cáo thống kê: năm báo cáo từ ngày 15/12 năm trước đến ngày 14/12; "
                    "6 tháng đầu năm từ ngày 15/12 năm trước đến ngày 14/6. Ngày chốt 31 và tháng 12: kỳ theo "
                    "năm dương lịch."
                ),
                "fields": [("cutoff_day", "year_end_month")],
            },
        ),
        (
            _("Hạn gửi báo cáo và nhắc hạn"),
            {
                "description": _(
                    "Hạn theo số ngày sau ngày chốt, hoặc “trước ngày D tháng M” như văn bản ghi "
                    "(ví dụ 06 tháng trước ngày 05/5, 01 năm trước ngày 05/11)."
                ),
                "fields": [
                    "due_rule",
                    ("quarter_due_days", "half_year_due_days", "annual_due_days"),
                    "due_in_working_days",
                    ("half_year_due_before", "annual_due_before", "quarter_due_before_day"),
                    "due_on_day_off",
                    "reminder_working_days",
                ],
            },
        ),
        (
            _("Cách tính thời hạn (Bộ luật Dân sự)"),
            {"fields": ["period_end_extends_to_working_day"]},
        ),
        (_("Xem trước các kỳ báo cáo"), {"fields": ["periods_preview", "updated_at"]}),
    ]

    def get_inlines(self, request, obj):
        return [AuditInline] if obj is not None else []  # a new regime has no trail yet

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        """Saved with its audit row (what changed, who, when) in one transaction; the history keeps the
        full earlier versions."""
        changes = {name: [form.initial.get(name), form.cleaned_data.get(name)] for name in form.changed_data}
        super().save_model(request, obj, form, change)
        record(
            obj, by=request.user, action=Action.REGIME_CHANGED if change else Action.CREATED, changes=changes
        )

    @admin.display(description=_("cơ quan theo dõi"), ordering="authority__name")
    def authority_display(self, obj):
        return str(obj)

    @admin.display(description=_("các kỳ báo cáo năm nay và năm sau"))
    def periods_preview(self, obj):
        if obj is None or obj.pk is None:
            return _("Lưu để xem trước các kỳ báo cáo theo chế độ này.")
        year = timezone.localdate().year
        rows = []
        for y in (year, year + 1):
            for kind in obj.report_kinds:
                try:
                    p = obj.period(y, kind)
                except ValueError as error:
                    return str(error)
                rows.append((p.label, p.key, _date(p.start), _date(p.end), _date(p.due), p.due_explanation))
        body = format_html_join(
            "",
            "<tr><td>{} <small>({})</small></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            rows,
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("Kỳ"),
            _("Từ ngày"),
            _("Đến ngày"),
            _("Hạn gửi"),
            _("Cách tính hạn"),
            body,
        )


@admin.register(RegisterQuarters)
class RegisterQuartersAdmin(SimpleHistoryAdmin):
    """A province's quarters for the register of disclosures (Art. 13(2)); calendar quarters without one."""

    list_display = ["province", "cutoff_day", "year_end_month", "basis", "updated_at"]
    list_select_related = ["province"]
    search_fields = ["province__name", "basis"]
    autocomplete_fields = ["province"]
    fields = ["province", "basis", ("cutoff_day", "year_end_month"), "quarters_preview", "updated_at"]
    readonly_fields = ["quarters_preview", "updated_at"]

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        changes = {name: [form.initial.get(name), form.cleaned_data.get(name)] for name in form.changed_data}
        super().save_model(request, obj, form, change)
        record(
            obj, by=request.user, action=Action.REGIME_CHANGED if change else Action.CREATED, changes=changes
        )

    @admin.display(description=_("các quý năm nay"))
    def quarters_preview(self, obj):
        if obj is None or obj.pk is None:
            return _("Lưu để xem trước các quý.")
        year = timezone.localdate().year
        rows = []
        for kind in periods.QUARTERS:
            start, end = periods.period_dates(
                year, kind, cutoff_day=obj.cutoff_day, year_end_month=obj.year_end_month
            )
            rows.append((periods.KIND_LABELS[kind], _date(start), _date(end)))
        return format_html(
            "<table><tbody>{}</tbody></table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )


# --- Accounts and security logs: the audit trail must survive them; the enrolment link ------------


@admin.action(
    description=_("Cấp đường dẫn kích hoạt (đặt mật khẩu, gắn ứng dụng xác thực)"), permissions=["change"]
)
def issue_enrolment_links(modeladmin, request, queryset):
    """Issue a single-use enrolment link to each selected account and show them once, on a page of
    their own (not in a message, which may be kept in a cookie): the administrator hands each link to
    its owner out of band."""
    issued, refused = [], []
    for user in queryset.order_by("username"):
        try:
            token = actions.issue_enrolment_link(user, by=request.user)
        except ValidationError as error:
            refused.append((user, " ".join(error.messages)))
        else:
            issued.append((user, request.build_absolute_uri(reverse("enrol", args=[token]))))
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Đường dẫn kích hoạt tài khoản"),
        "issued": issued,
        "refused": refused,
        "hours": settings.ENROLMENT_LINK_HOURS,
        "opts": modeladmin.model._meta,
    }
    response = TemplateResponse(request, "admin/units/enrolment_links.html", context)
    response["Cache-Control"] = "no-store"
    return response


class AccountAdmin(UserAdmin):
    """Django's user admin, with the enrolment link and the account's trail (links issued, enrolment),
    except that an account which has acted is deactivated, never deleted: its audit rows keep pointing
    at it (AuditEvent.actor is PROTECT)."""

    actions = ["deactivate", issue_enrolment_links]

    def get_inlines(self, request, obj):
        return [AuditInline] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        if obj is not None and AuditEvent.objects.filter(actor=obj).exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one by one, where nothing was done with the account
        return actions

    @admin.action(description=_("Ngừng hoạt động các tài khoản đã chọn"), permissions=["change"])
    def deactivate(self, request, queryset):
        count = actions.deactivate_accounts(queryset, by=request.user)
        self.message_user(request, _("Đã ngừng hoạt động %(count)d tài khoản.") % {"count": count})


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AccountAdmin)


class SecurityLogAdmin:
    """Sign-in logs are evidence: read, never deleted from the admin (the lockout counters in
    "Access attempts" can still be cleared, which is how an administrator unlocks an account)."""

    def has_delete_permission(self, request, obj=None):
        return False


for _model, _admin in [(AccessLog, AccessLogAdmin), (AccessFailureLog, AccessFailureLogAdmin)]:
    admin.site.unregister(_model)
    admin.site.register(_model, type(_admin.__name__, (SecurityLogAdmin, _admin), {}))
