"""Back-office admin for disclosures, with the CSV/XLSX import and a formula-safe export.

Nothing published is edited or deleted here: a disclosure is read-only once it leaves the draft state,
only drafts may be deleted, and a draft's edits go through `actions.update_draft` (validated, audited).
New disclosures come from the clerk's workspace or from the import, both through `disclosures.actions`,
never from the admin's add form. Documents, feedback, records and the audit trail are read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from democracy import forms as dforms
from democracy.admin import AuditInline
from democracy.models import CatalogueItem, Kind, Scope
from democracy.xlsx import XLSX_TYPE
from units.admin import AllOrNothingImportExportAdmin

from . import actions
from .imports import DisclosureResource, export_file
from .models import AgencyForm, CommuneForm, Disclosure, Document, Feedback, FeedbackRevision, Record, State

CONTENT_TYPES = {
    "xlsx": XLSX_TYPE,
    "csv": "text/csv; charset=utf-8",
}


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DocumentInline(ReadOnlyInline):
    model = Document
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


class FeedbackInline(ReadOnlyInline):
    model = Feedback
    fields = ["received_at", "kind", "channel", "text", "answer", "answered_at", "hidden_at", "hidden_reason"]
    readonly_fields = fields


class FeedbackRevisionInline(ReadOnlyInline):
    model = FeedbackRevision
    fields = ["given_at", "text", "reason", "revised_at", "revised_by"]
    readonly_fields = fields


class RecordInline(ReadOnlyInline):
    model = Record
    fields = ["kind", "number", "made_at", "pdf", "rendered_at"]
    readonly_fields = fields


class DraftForm(forms.ModelForm):
    """A draft's fields, checked by the same rules as the clerk's form (`actions.check_fields`)."""

    forms = forms.MultipleChoiceField(
        label=_("hình thức công khai"), choices=CommuneForm.choices, widget=forms.CheckboxSelectMultiple
    )
    # The same bounds as the clerk's form (issue 18 item 9): no date the calendar cannot count.
    decision_date = dforms.DateField(label=Disclosure._meta.get_field("decision_date").verbose_name)
    window_days = dforms.IntegerField(
        label=Disclosure._meta.get_field("window_days").verbose_name,
        required=False,
        min_value=1,
        max_value=3650,
    )

    class Meta:
        model = Disclosure
        fields = actions.EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        internal = self.instance.agency_id is not None
        if "forms" in self.fields:
            self.fields["forms"].choices = (AgencyForm if internal else CommuneForm).choices
        if "item" in self.fields:
            self.fields["item"].queryset = CatalogueItem.objects.filter(
                kind=Kind.DISCLOSE, scope=Scope.AGENCY if internal else Scope.COMMUNE, is_active=True
            )

    def clean(self):
        data = super().clean()
        if not self.errors:
            try:
                actions.check_fields(self.instance.owner, data)
            except ValidationError as e:
                for field, messages_ in e.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages_)
        return data


class ScopeFilter(admin.SimpleListFilter):
    title = _("phạm vi")
    parameter_name = "pham_vi"

    def lookups(self, request, model_admin):
        return [("commune", _("Xã, phường, đặc khu (công khai)")), ("agency", _("Cơ quan, đơn vị (nội bộ)"))]

    def queryset(self, request, queryset):
        if self.value() == "commune":
            return queryset.filter(agency__isnull=True)
        if self.value() == "agency":
            return queryset.filter(unit__isnull=True)
        return queryset


@admin.register(Disclosure)
class DisclosureAdmin(AllOrNothingImportExportAdmin):
    resource_classes = [DisclosureResource]
    form = DraftForm
    list_display = ["title", "owner", "item_reference", "state", "published_at", "window_end", "is_late"]
    list_filter = [ScopeFilter, "state", "is_late", ("item", admin.RelatedOnlyFieldListFilter)]
    date_hierarchy = "published_at"
    search_fields = ["title", "decision_number", "unit__code", "unit__name", "agency__code", "agency__name"]
    search_help_text = _("Tìm theo tiêu đề, số văn bản, mã hoặc tên xã, cơ quan.")
    list_select_related = ["unit", "agency", "item"]
    autocomplete_fields = ["unit", "agency"]
    list_per_page = 100
    show_full_result_count = False  # a count over millions of rows on every page is not worth it
    inlines = [DocumentInline, FeedbackInline, RecordInline, AuditInline]
    actions = ["export_xlsx", "export_csv"]
    fieldsets = [
        (None, {"fields": ["unit", "agency", "state", "version", "supersedes", "correction_reason"]}),
        (_("Nội dung"), {"fields": ["item", "title", "summary", "body"]}),
        (_("Văn bản, quyết định"), {"fields": ["decision_number", "decision_date", "decision_issuer"]}),
        (
            _("Hình thức và nơi công khai"),
            {"fields": ["forms", "posted_at_office", "other_places", "window_days"]},
        ),
        (
            _("Thời hạn và thời gian niêm yết"),
            {
                "fields": [
                    "posting_deadline",
                    "posting_deadline_explanation",
                    "published_at",
                    "is_late",
                    "late_reason",
                    "window_end",
                    "window_ends_at",
                    "window_explanation",
                    "radio_days",
                    "closed_at",
                ]
            },
        ),  # fmt: skip
        (
            _("Xử lý"),
            {"fields": ["return_reason", "withdrawn_reason", "created_by", "created_at", "updated_at"]},
        ),
    ]

    @admin.display(description=_("đơn vị, cơ quan"))
    def owner(self, disclosure):
        return disclosure.owner

    @admin.display(description=_("nội dung"), ordering="item__clause")
    def item_reference(self, disclosure):
        return disclosure.item.reference

    # Read-only unless a draft; created only through the clerk's workspace or the import.

    def _all_fields(self):
        return [name for _title, options in self.fieldsets for name in options["fields"]]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.state == State.DRAFT:
            return [name for name in self._all_fields() if name not in actions.EDITABLE_FIELDS]
        return self._all_fields()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.state != State.DRAFT:
            return False  # shown as a read-only page; a POST gets 403
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.state != State.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        found = super().get_actions(request)
        found.pop("delete_selected", None)  # would delete published disclosures in bulk
        return found

    def delete_model(self, request, obj):
        actions.delete_draft(obj, by=request.user)

    def save_model(self, request, obj, form, change):
        current = Disclosure.objects.get(pk=obj.pk)
        changed = {
            name: form.cleaned_data[name] for name in form.changed_data if name in actions.EDITABLE_FIELDS
        }
        if changed:
            actions.update_draft(current, by=request.user, **changed)

    # Import (through disclosures.actions) and export (formula-safe).

    def has_import_permission(self, request):
        return request.user.has_perms(["disclosures.add_disclosure", "disclosures.change_disclosure"])

    def has_export_permission(self, request):
        # import-export's own export does not prefix formulas: the actions below do.
        return False

    def _export(self, request, queryset, file_format):
        content = export_file(queryset.select_related("item", "unit", "agency"), file_format)
        response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
        name = f"thong-tin-cong-khai-{timezone.localdate():%Y%m%d}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @admin.action(description=_("Xuất các thông tin đã chọn ra XLSX"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, "xlsx")

    @admin.action(description=_("Xuất các thông tin đã chọn ra CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    def add_success_message(self, result, request):
        messages.success(request, f"Đã nhập {result.totals['new']} thông tin công khai.")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Read-only: answering and hiding (with a reason) are the clerk's acts in the workspace, audited."""

    list_display = ["short_text", "disclosure", "kind", "channel", "received_at", "answered_at", "hidden_at"]
    list_filter = ["kind", "channel"]
    list_select_related = ["disclosure"]
    search_fields = ["text", "answer", "disclosure__title"]
    raw_id_fields = ["disclosure"]
    inlines = [FeedbackRevisionInline]
    list_per_page = 100
    show_full_result_count = False

    @admin.display(description=_("nội dung"))
    def short_text(self, feedback):
        return str(feedback)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
