"""The register's forms: a rule entered into the register, issued after a consultation, replaced, and
a consultation held on paper entered with its real dates."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from democracy import forms as dforms
from democracy.uploads import check_upload

from .models import Regulation, RegulationKind

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def date_field(label, *, required=True, help_text=""):
    return dforms.DateField(
        label=label, required=required, input_formats=DATE_INPUT_FORMATS, help_text=help_text,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": dforms.DATE_PLACEHOLDER, "autocomplete": "off"}),
        error_messages={"invalid": _lazy("Ngày phải có dạng ngày/tháng/năm, ví dụ 26/02/2024."),
                        "required": _lazy("Hãy nhập ngày.")},
    )  # fmt: skip


class RegulationForm(forms.Form):
    kind = forms.ChoiceField(label=_lazy("Loại văn bản"), choices=RegulationKind.choices)
    # The same messages as the write function's (`actions._check_fields`).
    title = forms.CharField(
        label=_lazy("Tên văn bản"),
        max_length=300,
        error_messages={"required": _lazy("Hãy nhập tên văn bản.")},
    )
    number = forms.CharField(
        label=_lazy("Số, ký hiệu"),
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": "156/QC-UBND"}),
        error_messages={"required": _lazy("Hãy nhập số, ký hiệu văn bản.")},
    )
    issued_on = date_field(_lazy("Ngày ban hành, công nhận"))
    effective_from = date_field(_lazy("Ngày có hiệu lực"))
    issuer = forms.CharField(
        label=_lazy("Cơ quan ban hành, công nhận"),
        max_length=255,
        error_messages={"required": _lazy("Hãy nhập cơ quan ban hành, công nhận.")},
    )
    next_review_on = date_field(_lazy("Ngày rà soát tiếp theo"), required=False)
    replaces = dforms.ModelChoiceField(
        label=_lazy("Thay thế văn bản"), queryset=Regulation.objects.none(), required=False,
        empty_label=_lazy("— Không thay thế văn bản nào —"),
    )  # fmt: skip
    file = forms.FileField(label=_lazy("Tệp văn bản (PDF, DOCX)"), required=False)
    draft_posted_on = date_field(_lazy("Ngày niêm yết dự thảo (hương ước, quy ước)"), required=False)
    decided_on = date_field(_lazy("Ngày cộng đồng dân cư biểu quyết thông qua"), required=False)
    dossier_sent_on = date_field(_lazy("Ngày gửi hồ sơ đề nghị công nhận"), required=False)
    sent_on = date_field(_lazy("Ngày gửi văn bản đã công nhận về thôn"), required=False)
    note = forms.CharField(
        label=_lazy("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, owner, kinds, default_kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, label) for k, label in RegulationKind.choices if k in kinds]
        if default_kind:
            self.fields["kind"].initial = default_kind
        self.fields["replaces"].queryset = Regulation.objects.of(owner).filter(replaced_by__isnull=True)
        self.fields["issuer"].initial = str(owner)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        return check_upload(upload) if upload else None

    def regulation_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("kind", "title", "number", "issued_on", "effective_from", "issuer", "next_review_on",
                         "draft_posted_on", "decided_on", "dossier_sent_on", "sent_on", "note")
        }  # fmt: skip


class ReplaceForm(forms.Form):
    replaced_by = dforms.ModelChoiceField(
        label=_lazy("Được thay thế bằng"), queryset=Regulation.objects.none(),
        error_messages={"required": _lazy("Hãy chọn văn bản thay thế.")},
    )  # fmt: skip

    def __init__(self, *args, regulation, **kwargs):
        super().__init__(*args, **kwargs)
        # Every entry of the same owner: the write function refuses itself and circles with a message.
        self.fields["replaced_by"].queryset = Regulation.objects.filter(
            unit_id=regulation.unit_id, agency_id=regulation.agency_id
        ).order_by("-effective_from")


class PaperCycleForm(forms.Form):
    opened_on = date_field(_lazy("Ngày công bố, niêm yết dự thảo (theo hồ sơ giấy)"))
    last_day = date_field(
        _lazy("Ngày cuối nhận ý kiến"), required=False,
        help_text=_lazy("Trống: tính theo thời gian lấy ý kiến của kế hoạch."),
    )  # fmt: skip
    closed_on = date_field(_lazy("Ngày lập biên bản kết thúc niêm yết"), required=False)
    reason = forms.CharField(
        label=_lazy("Lý do nhập lại"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _lazy("Hãy nêu lý do nhập lại cuộc lấy ý kiến đã làm trên giấy.")},
    )  # fmt: skip

    @staticmethod
    def moment(day: dt.date | None, hour: int) -> dt.datetime | None:
        if day is None:
            return None
        return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())
