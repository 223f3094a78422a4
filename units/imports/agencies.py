from import_export import fields

from ..models import Agency, Level
from .base import ChoiceWidget, CountWidget, ImportResource, TextWidget, UnitCodeWidget, cell_text


class AgencyResource(ImportResource):
    """State agencies and public service units with their staff counts, under a commune or a province."""

    ma = fields.Field(attribute="code", column_name="ma", widget=TextWidget(max_length=32, code=True))
    ten = fields.Field(attribute="name", column_name="ten", widget=TextWidget(max_length=255))
    loai = fields.Field(
        attribute="kind",
        column_name="loai",
        widget=ChoiceWidget(
            Agency.Kind,
            aliases={
                Agency.Kind.STATE_AGENCY: ["cơ quan hành chính", "cơ quan", "cơ quan nhà nước"],
                Agency.Kind.PUBLIC_SERVICE: ["đơn vị sự nghiệp", "sự nghiệp công lập", "đơn vị"],
            },
        ),
    )
    ma_dia_ban = fields.Field(
        attribute="unit",
        column_name="ma_dia_ban",
        widget=UnitCodeWidget({Level.COMMUNE, Level.PROVINCE}, "tỉnh, thành phố hay xã, phường, đặc khu"),
    )
    so_can_bo = fields.Field(attribute="staff_count", column_name="so_can_bo", widget=CountWidget())

    required_columns = ("ma", "ten", "loai", "ma_dia_ban", "so_can_bo")

    class Meta:
        model = Agency
        fields = ("ma", "ten", "loai", "ma_dia_ban", "so_can_bo")
        import_order = export_order = fields
        import_id_fields = ("ma",)
        name = "Cơ quan, đơn vị"

    def get_queryset(self):
        return Agency.objects.select_related("unit")

    def row_key(self, row):
        code = cell_text(row.get("ma"))
        return ("ma", code) if code else None

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.imported_from = None if new else instance.unit

    def check_row(self, instance, row, errors):
        # An import adds agencies and updates their names and staff counts; it never moves one to another
        # commune or province (issue 18 item 10): that changes who sees its internal disclosures.
        before = getattr(instance, "imported_from", None)
        if before is not None and "unit" not in errors and instance.unit_id != before.pk:
            errors.setdefault("unit", []).append(
                f"cơ quan, đơn vị mã {instance.code} thuộc «{before.name}» (mã {before.code}); "
                "tệp nhập không chuyển cơ quan, đơn vị sang địa bàn khác"
            )


# --- Staff accounts --------------------------------------------------------------------------------

#: Roles whose unit is a commune: they work on the commune's own disclosures.
