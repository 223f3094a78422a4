"""The forms of checks and gradings. Cross-field rules (dates in order, deadlines after the visit, weights
adding up) are the write functions' (actions.py), whose messages come back onto these forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from democracy import forms as dforms
from units.models import AdministrativeUnit, Agency, Level

from . import grading
from .models import CheckFix, CheckPlan, CheckVisit

FIX_ROWS = 5  # blank rows for required fixes on the conclusions form


def _max(model, name):
    return model._meta.get_field(name).max_length


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Tên đợt kiểm tra"), max_length=_max(CheckPlan, "title"))
    plan_number = forms.CharField(
        label=_("Số kế hoạch"), max_length=_max(CheckPlan, "plan_number"), required=False,
        help_text=_("Ví dụ: 45/KH-SNV"),
    )  # fmt: skip
    subject = forms.CharField(
        label=_("Nội dung kiểm tra"),
        max_length=_max(CheckPlan, "subject"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    team_lead = forms.CharField(
        label=_("Trưởng đoàn kiểm tra"), max_length=_max(CheckPlan, "team_lead"),
        help_text=_("Họ tên, chức vụ"),
    )  # fmt: skip
    team = forms.CharField(
        label=_("Thành viên đoàn kiểm tra"), max_length=_max(CheckPlan, "team"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Mỗi người một dòng: họ tên, chức vụ, cơ quan."),
    )  # fmt: skip
    starts_on = dforms.DateField(label=_("Từ ngày"))
    ends_on = dforms.DateField(label=_("Đến ngày"))
    units = dforms.ModelMultipleChoiceField(
        label=_("Xã, phường được kiểm tra"), queryset=AdministrativeUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    agencies = dforms.ModelMultipleChoiceField(
        label=_("Cơ quan, đơn vị được kiểm tra"), queryset=Agency.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (
            AdministrativeUnit.objects.current()
            .under(area)
            .filter(level=Level.COMMUNE)
            .order_by("search_name")
        )
        self.fields["units"].required = False
        from ..compliance import area_agencies

        self.fields["agencies"].queryset = area_agencies(area).select_related("unit").order_by("search_name")

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("units") and not data.get("agencies"):
            raise forms.ValidationError(_("Chọn ít nhất một đơn vị được kiểm tra."))
        return data


class ConcludeForm(forms.Form):
    visited_on = dforms.DateField(label=_("Ngày kiểm tra"))
    number = forms.CharField(
        label=_("Số văn bản kết luận"), max_length=_max(CheckVisit, "number"), required=False,
        help_text=_("Ví dụ: 12/KL-ĐKT"),
    )  # fmt: skip
    minutes = forms.CharField(
        label=_("Biên bản làm việc"), max_length=CheckVisit._meta.get_field("minutes").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Thành phần, diễn biến, tài liệu đã xem, ý kiến của đơn vị."),
    )  # fmt: skip
    conclusions = forms.CharField(
        label=_("Kết luận kiểm tra"), max_length=CheckVisit._meta.get_field("conclusions").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, FIX_ROWS + 1):
            self.fields[f"fix_{n}"] = forms.CharField(
                label=_("Yêu cầu khắc phục %(n)d") % {"n": n},
                max_length=CheckFix._meta.get_field("text").max_length,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"due_{n}"] = dforms.DateField(
                label=_("Hạn khắc phục %(n)d") % {"n": n}, required=False
            )
        self.fields["fixes"] = forms.CharField(required=False, widget=forms.HiddenInput)  # the fixes' errors

    @property
    def fix_rows(self):
        return [(self[f"fix_{n}"], self[f"due_{n}"]) for n in range(1, FIX_ROWS + 1)]

    def clean(self):
        data = super().clean()
        fixes = []
        for n in range(1, FIX_ROWS + 1):
            text, due = (data.get(f"fix_{n}") or "").strip(), data.get(f"due_{n}")
            if text and not due:
                self.add_error(f"due_{n}", _("Nhập hạn khắc phục."))
            elif due and not text:
                self.add_error(f"fix_{n}", _("Nhập nội dung yêu cầu khắc phục."))
            elif text:
                fixes.append((text, due))
        data["fix_list"] = fixes
        return data


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Kết quả khắc phục"), max_length=CheckFix._meta.get_field("answer").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
    answered_on = dforms.DateField(label=_("Ngày trả lời"), required=False, help_text=_("Để trống: hôm nay."))


class WeightsForm(forms.Form):
    commend_from = dforms.IntegerField(label=_("Điểm đề nghị khen thưởng từ"), min_value=0, max_value=100)
    basis = forms.CharField(
        label=_("Căn cứ"), max_length=300, required=False,
        help_text=_("Văn bản của tỉnh quy định tiêu chí chấm điểm, thi đua."),
    )  # fmt: skip

    def __init__(self, *args, scheme: grading.Scheme, **kwargs):
        initial = {"commend_from": scheme.commend_from, "basis": scheme.basis}
        initial.update({f"w_{key}": weight for key, _label, weight in scheme.lines})
        super().__init__(*args, initial=initial, **kwargs)
        for key, label, _weight in scheme.lines:
            self.fields[f"w_{key}"] = dforms.IntegerField(label=label, min_value=0, max_value=100)

    @property
    def weight_fields(self):
        return [self[name] for name in self.fields if name.startswith("w_")]

    def weights(self) -> dict[str, int]:
        return {name[2:]: value for name, value in self.cleaned_data.items() if name.startswith("w_")}
