"""Admin for the legal catalogue and the calendar overrides. Both keep a history (django-simple-history),
so a reviewer can see who changed a legal rule, when, and from what."""

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import publiccache
from .models import Action, AuditEvent, CalendarOverride, CatalogueItem, Notice


class ShownToThePublic:
    """For the admin of data the public pages show (the catalogue's labels, a unit's name, a village):
    a save or a deletion here invalidates the cached public pages (`democracy.publiccache`) in the same
    transaction, as the write functions do. `public_owners(obj)` says whose pages change; by default
    every page (`None`): such edits are rare and their data appear on many owners' pages. When the
    owners depend on the row (a village's commune), `owners_may_move` also invalidates those of the
    row as stored before the edit."""

    owners_may_move = False

    def public_owners(self, obj) -> list:
        return [None]

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            stored = (
                type(obj)._default_manager.filter(pk=obj.pk).first()
                if change and self.owners_may_move
                else None
            )
            before = self.public_owners(stored) if stored is not None else []
            super().save_model(request, obj, form, change)
            publiccache.changed(*before, *self.public_owners(obj))

    def delete_model(self, request, obj):
        owners = self.public_owners(obj)  # read before the row goes
        with transaction.atomic():
            super().delete_model(request, obj)
            publiccache.changed(*owners)

    def delete_queryset(self, request, queryset):
        owners = [owner for obj in queryset for owner in self.public_owners(obj)]
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            publiccache.changed(*owners)


@admin.register(CatalogueItem)
class CatalogueItemAdmin(ShownToThePublic, SimpleHistoryAdmin):
    # Four columns, the rules in one (issue 15: twelve columns squeezed the label into a 12,000 px page).
    # The article says the scope and the kind (11–30 communes, 46–56 agencies); both stay as filters.
    list_display = ["reference_display", "short_label", "rules_display", "is_active"]
    list_display_links = ["reference_display", "short_label"]
    list_filter = ["scope", "kind", "article", "is_active"]
    search_fields = ["label_vi", "label_en", "legal_basis"]
    ordering = ["scope", "article", "clause"]
    list_per_page = 100

    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("scope", "kind"),
                    ("article", "clause"),
                    "label_vi",
                    "label_en",
                    "legal_basis",
                    "is_active",
                ],
            },
        ),
        (
            "Công khai",
            {
                "description": "Điều 12 khoản 3, Điều 13 (cấp xã); Điều 47 khoản 2, Điều 48 (cơ quan, đơn vị).",
                "fields": ["disclosure_deadline_working_days", "posting_days", "is_permanent", "radio_days"],
            },
        ),
        (
            "Lấy ý kiến",
            {
                "description": "Điều 28 khoản 2 (cấp xã). "
                "Luật không quy định thời gian tối thiểu cho cơ quan, đơn vị (Điều 55).",
                "fields": ["consultation_days"],
            },
        ),
        (
            "Bàn và quyết định",
            {
                "description": "Điều 17, 20, 21 (cấp xã), Nghị định 59 Điều 5; Điều 51 khoản 2 điểm c (cơ quan, đơn vị). "
                "Thông qua khi số tán thành / tổng số đạt tỷ lệ tử số / mẫu số.",
                "fields": [
                    ("threshold_numerator", "threshold_denominator", "threshold_inclusive"),
                    ("quorum_numerator", "quorum_denominator"),
                    ("online_vote_allowed", "online_consent_numerator", "online_consent_denominator"),
                    ("meeting_required", "counts_villages"),
                    ("send_working_days", "recognised_by", "recognition_working_days"),
                ],
            },
        ),
        (
            "Giám sát",
            {
                "description": "Điều 40 khoản 1 điểm c (cấp xã); Điều 63 khoản 1 điểm c (cơ quan, đơn vị).",
                "fields": ["answer_days"],
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Which item of the Law a row is stays fixed once created: disclosures point at it. An amended
        # Law gets a new item, and the old one is switched off with "đang áp dụng".
        if obj is not None:
            return ["scope", "kind", "article", "clause"]
        return []

    def has_delete_permission(self, request, obj=None):
        # Deleting an item would orphan what was disclosed under it; switch it off instead.
        return False

    @admin.display(description="Điều, khoản", ordering="article")
    def reference_display(self, obj):
        return obj.reference

    @admin.display(description="Nội dung", ordering="label_vi")
    def short_label(self, obj):
        label = obj.label_vi
        return label if len(label) <= 70 else f"{label[:67].rstrip()}…"

    @admin.display(description=_("Quy định"))
    def rules_display(self, obj):
        """The item's numbers in a short line: "công khai ≤ 5 ngày làm việc · niêm yết 30 ngày"."""
        parts = []
        if obj.disclosure_deadline_working_days:
            parts.append(_("công khai ≤ %(n)s ngày làm việc") % {"n": obj.disclosure_deadline_working_days})
        if obj.is_permanent:
            parts.append(_("niêm yết thường xuyên"))
        elif obj.posting_days:
            parts.append(_("niêm yết %(n)s ngày") % {"n": obj.posting_days})
        if obj.radio_days:
            parts.append(_("truyền thanh %(n)s ngày") % {"n": obj.radio_days})
        if obj.consultation_days:
            parts.append(_("lấy ý kiến %(n)s ngày") % {"n": obj.consultation_days})
        if obj.threshold_numerator and obj.threshold_denominator:
            parts.append(self.threshold_display(obj))
        if obj.answer_days:
            parts.append(_("trả lời %(n)s ngày") % {"n": obj.answer_days})
        return " · ".join(str(part) for part in parts) or "–"

    @admin.display(description="Tỷ lệ thông qua")
    def threshold_display(self, obj):
        if not obj.threshold_numerator or not obj.threshold_denominator:
            return "–"
        sign = "≥" if obj.threshold_inclusive else ">"
        text = f"{sign} {obj.threshold_numerator}/{obj.threshold_denominator}"
        if obj.quorum_numerator and obj.quorum_denominator:
            text += f" (dự họp ≥ {obj.quorum_numerator}/{obj.quorum_denominator})"
        return text


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(ShownToThePublic, SimpleHistoryAdmin):
    list_display = ["date", "kind", "reason", "legal_reference", "shipped", "created_by", "created_at"]
    list_filter = ["kind", "shipped"]
    search_fields = ["reason", "legal_reference"]
    date_hierarchy = "date"
    ordering = ["-date"]
    fields = ["date", "kind", "reason", "legal_reference", "shipped", "created_by", "created_at"]
    readonly_fields = ["shipped", "created_by", "created_at"]

    # The Government's swaps shipped with the portal are data of record: neither edited nor deleted here.
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.shipped)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.shipped)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


# --- The audit trail: read-only everywhere ------------------------------------------------------------


class ReadOnlyAdminMixin:
    """Nothing added, changed or deleted through the admin (the write functions are the only writers)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditInline(ReadOnlyAdminMixin, GenericTabularInline):
    """The trail of the object an admin page shows; every app's admin adds it to its pages."""

    model = AuditEvent
    ct_field = "target_type"
    ct_fk_field = "target_id"
    fields = ["at", "actor_display", "action_label", "changes", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["at", "pk"]

    @admin.display(description=_("việc"))
    def action_label(self, event):
        return event.label

    @admin.display(description=_("người thực hiện"))
    def actor_display(self, event):
        return event.actor_label


class ActionFilter(admin.SimpleListFilter):
    title = _("việc")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return Action.choices

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "actor_display", "action_label", "target_type", "target_id", "target_label", "note"]
    list_filter = [ActionFilter, ("target_type", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["note", "actor_name", "target_label"]
    date_hierarchy = "at"
    list_select_related = ["target_type"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    @admin.display(description=_("việc"), ordering="action")
    def action_label(self, event):
        return event.label

    @admin.display(description=_("người thực hiện"), ordering="actor_name")
    def actor_display(self, event):
        return event.actor_label


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["key", "recipients", "sent_at"]
    search_fields = ["key"]
    date_hierarchy = "sent_at"
