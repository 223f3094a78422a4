"""A read-only view of reports, roll-ups and jobs (the reporting regimes are in units/admin.py).

Reports are written only through `reports.actions` (compiled by the scheduled job, narrative by the
clerk, signed by the approver): here they are read-only, and nothing is deleted.
"""

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from democracy import periods
from democracy.admin import AuditInline, ReadOnlyAdminMixin

from .models import AreaReport, Compilation, Job, ReportRequest, ReportStatus, UnitReport


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """View only: rows are written by the portal's own code, never by hand."""


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
    inlines = [AuditInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("unit", "agency"),
                    ("regime", "request"),
                    ("year", "kind"),
                    ("period_start", "period_end"),
                    ("due_on", "due_explanation"),
                    ("state", "status_display"),
                    ("number", "signed_by", "signer_title"),
                    ("submitted_at", "is_late", "sent_as"),
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
        "regime",
        "request",
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
        "sent_as",
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
    list_display = [
        "area", "year", "kind", "period_start", "period_end", "compiled_at", "requested_by", "state", "number",
    ]  # fmt: skip
    list_filter = ["year", "kind", "state"]
    search_fields = ["area__code", "area__name"]
    list_select_related = ["area", "requested_by"]
    exclude = ["figures"]
    readonly_fields = ["figures_display"]
    inlines = [AuditInline]

    @admin.display(description=_("số liệu"))
    def figures_display(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.figures, ensure_ascii=False, indent=2))


@admin.register(ReportRequest)
class ReportRequestAdmin(ReadOnlyAdmin):
    list_display = [
        "subject",
        "area",
        "number",
        "period_start",
        "period_end",
        "due_on",
        "created_by",
        "created_at",
    ]
    search_fields = ["subject", "number", "area__code", "area__name"]
    list_select_related = ["area", "created_by"]
    date_hierarchy = "created_at"
    inlines = [AuditInline]


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
