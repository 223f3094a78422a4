from import_export import fields

from ..models import AdministrativeUnit, Level, UnitType
from .base import COMMUNE, ChoiceWidget, CountWidget, ImportResource, TextWidget, UnitCodeWidget, cell_text


class VillageResource(ImportResource):
    """Villages and residential groups (thôn, tổ dân phố) with their households, under a current commune."""

    ma = fields.Field(attribute="code", column_name="ma", widget=TextWidget(max_length=20, code=True))
    ten = fields.Field(attribute="name", column_name="ten", widget=TextWidget(max_length=200))
    loai = fields.Field(
        attribute="type",
        column_name="loai",
        widget=ChoiceWidget(
            [UnitType.THON, UnitType.TO_DAN_PHO],
            aliases={
                UnitType.THON: ["thôn", "làng", "ấp", "bản", "buôn", "xóm", "phum", "sóc"],
                UnitType.TO_DAN_PHO: ["tổ dân phố", "khu phố", "khối phố", "tổ"],
            },
        ),
    )
    ma_xa = fields.Field(
        attribute="parent", column_name="ma_xa", widget=UnitCodeWidget({Level.COMMUNE}, COMMUNE)
    )
    so_ho = fields.Field(attribute="households", column_name="so_ho", widget=CountWidget())

    required_columns = ("ma", "ten", "loai", "ma_xa", "so_ho")

    class Meta:
        model = AdministrativeUnit
        fields = ("ma", "ten", "loai", "ma_xa", "so_ho")
        import_order = export_order = fields
        import_id_fields = ("ma",)
        name = "Thôn, tổ dân phố"

    def get_queryset(self):
        # Every level, so that a village row cannot silently reuse the code of a commune.
        return AdministrativeUnit.objects.select_related("parent")

    def filter_export(self, queryset, **kwargs):
        return queryset.filter(level=Level.VILLAGE).select_related("parent")

    def public_owners(self, instance):
        # Its own page and its commune's (the list of villages, the disclosures posted there), and
        # the commune it left if the file moved it.
        return [o for o in (instance, instance.parent, getattr(instance, "imported_from", None)) if o]

    def row_key(self, row):
        code = cell_text(row.get("ma"))
        return ("ma", code) if code else None

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.imported_from = None if new else instance.parent
        if new:
            instance.level = Level.VILLAGE
        elif instance.level != Level.VILLAGE:
            instance.imported_from = None  # reported here; "moved" would say nothing more
            self.add_row_problem(
                "ma",
                f"mã {instance.code} đã dùng cho {instance.get_level_display().lower()} "
                f"«{instance.name}»; thôn, tổ dân phố cần một mã khác",
            )

    def check_row(self, instance, row, errors):
        # An import adds villages and updates their names and households; it never moves one to another
        # commune (issue 18 item 10): that changes who sees its decisions, and is the administrator's act.
        before = getattr(instance, "imported_from", None)
        if before is not None and "parent" not in errors and instance.parent_id != before.pk:
            errors.setdefault("parent", []).append(
                f"thôn, tổ dân phố mã {instance.code} thuộc «{before.name}» (mã {before.code}); "
                "tệp nhập không chuyển thôn, tổ dân phố sang xã khác"
            )


# --- Agencies --------------------------------------------------------------------------------------
