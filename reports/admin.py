"""Admin for the reporting regimes, and a read-only view of reports, roll-ups, jobs and notices.

A regime keeps a history (django-simple-history), like the legal catalogue: who changed a deadline or
the Civil Code rule, when, and from what. Its page previews the periods it gives for this year and
the next, computed by the model, so a change can be checked before anyone relies on it.

Reports are written only through `reports.actions` (compiled by the scheduled job, narrative by the
clerk, signed by the approver): here they are read-only, and nothing is deleted.
"""

import json

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import periods
from .models import AreaReport, Compilation, Job, Notice, ReportingRegime, ReportStatus, UnitReport


class ReadOnlyAdmin(admin.ModelAdmin):
    """View only: rows are written by the portal's own code, never by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _date(day):
    return f"{day:%d/%m/%Y}"


class RegimeForm(forms.ModelForm):
    class Meta:
        model = ReportingRegime
        fields = [
            "authority",
            "basis",
            "cutoff_day",
            "year_end_month",
            "half_year_due_days",
            "annual_due_days",
            "due_in_working_days",
            "reminder_working_days",
            "period_end_extends_to_working_day",
        ]

    def clean_authority(self):
        authority = self.cleaned_data.get("authority")
        others = ReportingRegime.objects.exclude(pk=self.instance.pk)
        if authority is None and others.filter(authority__isnull=True).exists():
            raise forms.ValidationError(
                _("Đã có chế độ mặc định toàn quốc: hãy sửa chế độ đó, hoặc chọn tỉnh, huyện.")
            )
        if authority is not None and others.filter(authority=authority).exists():
            raise forms.ValidationError(
                _("%(name)s đã có chế độ báo cáo: hãy sửa chế độ đó."), params={"name": authority}
            )
        return authority


@admin.register(ReportingRegime)
class ReportingRegimeAdmin(SimpleHistoryAdmin):
    form = RegimeForm
    list_display = [
        "authority_display",
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
    list_filter = ["due_in_working_days", "period_end_extends_to_working_day"]
    search_fields = ["authority__code", "authority__name", "basis"]
    list_select_related = ["authority"]
    autocomplete_fields = ["authority"]
    readonly_fields = ["periods_preview", "updated_at"]
    fieldsets = [
        (None, {"fields": ["authority", "basis"]}),
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
                "fields": [
                    ("half_year_due_days", "annual_due_days"),
                    "due_in_working_days",
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
            for kind in periods.REPORT_KINDS:
                p = obj.period(y, kind)
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


@admin.register(UnitReport)
class UnitReportAdmin(ReadOnlyAdmin):
    list_display = [
        "owner_display",
        "year",
        "kind",
        "period_start",
        "period_end",
        "due_on",
        "state",
        "status_display",
        "is_late",
        "number",
        "submitted_at",
        "compiled_at",
    ]
    list_filter = ["year", "kind", "state", "is_late"]
    search_fields = ["unit__code", "unit__name", "agency__code", "agency__name", "number"]
    list_select_related = ["unit", "agency"]
    date_hierarchy = "period_end"
    list_per_page = 100
    show_full_result_count = False  # 3,321 communes × periods: no COUNT(*) of the whole table per page
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("unit", "agency"),
                    ("year", "kind"),
                    ("period_start", "period_end"),
                    ("due_on", "due_explanation"),
                    ("state", "status_display"),
                    ("number", "signed_by", "signer_title"),
                    ("submitted_at", "is_late"),
                    "return_reason",
                ]
            },
        ),
        (_("Số liệu"), {"fields": [("compiled_at", "compiled_by"), "figures_display"]}),
        (_("Thuyết minh"), {"fields": ["results", "shortcomings", "proposals"]}),
    ]
    readonly_fields = [
        "unit",
        "agency",
        "year",
        "kind",
        "period_start",
        "period_end",
        "due_on",
        "due_explanation",
        "state",
        "status_display",
        "number",
        "signed_by",
        "signer_title",
        "submitted_at",
        "is_late",
        "return_reason",
        "compiled_at",
        "compiled_by",
        "figures_display",
        "results",
        "shortcomings",
        "proposals",
    ]

    @admin.display(description=_("đơn vị, cơ quan"))
    def owner_display(self, obj):
        return obj.owner

    @admin.display(description=_("tình trạng"))
    def status_display(self, obj):
        return ReportStatus(obj.status()).label

    @admin.display(description=_("số liệu"))
    def figures_display(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.figures, ensure_ascii=False, indent=2))


@admin.register(AreaReport)
class AreaReportAdmin(ReadOnlyAdmin):
    list_display = ["area", "year", "kind", "period_start", "period_end", "compiled_at", "requested_by"]
    list_filter = ["year", "kind"]
    search_fields = ["area__code", "area__name"]
    list_select_related = ["area", "requested_by"]
    exclude = ["figures"]
    readonly_fields = ["figures_display"]

    @admin.display(description=_("số liệu"))
    def figures_display(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.figures, ensure_ascii=False, indent=2))


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "user", "state", "done", "total", "created_at", "finished_at"]
    list_filter = ["kind", "state"]
    search_fields = ["title", "user__username"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"


@admin.register(Compilation)
class CompilationAdmin(ReadOnlyAdmin):
    list_display = ["authority", "period_display", "compiled_at", "reports_display"]
    list_filter = ["year", "kind"]
    search_fields = ["authority__code", "authority__name"]
    list_select_related = ["authority"]

    @admin.display(description=_("kỳ báo cáo"), ordering="year")
    def period_display(self, obj):
        return f"{periods.KIND_LABELS[obj.kind]} {obj.year}" if obj.kind in periods.KIND_LABELS else obj.kind

    @admin.display(description=_("số báo cáo đã tổng hợp"), ordering="reports")
    def reports_display(self, obj):
        return obj.reports


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    list_display = ["key", "sent_at", "recipients"]
    search_fields = ["key"]
    date_hierarchy = "sent_at"
