from django import forms
from django.utils.translation import gettext_lazy as _

from democracy import forms as dforms

from .models import AdministrativeUnit, Agency, UnitType


class VillageForm(forms.ModelForm):
    households = dforms.IntegerField(
        label=_("Số hộ gia đình"),
        min_value=1,
        error_messages={
            "required": _("Nhập số hộ gia đình."),
            "min_value": _("Số hộ gia đình phải từ 1 trở lên."),
            "invalid": _("Số hộ gia đình phải là một số nguyên."),
        },
    )

    class Meta:
        model = AdministrativeUnit
        fields = ["name", "type", "households"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [(t.value, t.label) for t in (UnitType.THON, UnitType.TO_DAN_PHO)]


class AgencyForm(forms.ModelForm):
    staff_count = dforms.IntegerField(
        label=_("Số cán bộ, công chức, viên chức, người lao động"),
        min_value=1,
        error_messages={
            "required": _("Nhập số cán bộ, công chức, viên chức, người lao động."),
            "min_value": _("Số người phải từ 1 trở lên."),
            "invalid": _("Số người phải là một số nguyên."),
        },
    )

    class Meta:
        model = Agency
        fields = ["name", "kind", "staff_count"]


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực 6 chữ số"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
        error_messages={
            "required": _("Nhập mã 6 chữ số trong ứng dụng xác thực."),
            "min_length": _("Mã gồm đúng 6 chữ số."),
            "max_length": _("Mã gồm đúng 6 chữ số."),
        },
    )
