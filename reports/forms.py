"""The forms of the unit report pages: opening a report, the narrative, signing and returning it."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from democracy import forms as dforms
from democracy import periods
from democracy.forms import DATE_INPUT_FORMATS
from units.models import ReportingRegime

from .models import UnitReport

NARRATIVE_MAX = UnitReport._meta.get_field("results").max_length
SIGNER_TITLES = (_("Chủ tịch"), _("Phó Chủ tịch"), _("Quyền Chủ tịch"))
AGENCY_SIGNER_TITLES = (_("Thủ trưởng cơ quan"), _("Phó Thủ trưởng cơ quan"))


def period_choices(today: dt.date | None = None, *, years: int = 3) -> list[tuple[str, str]]:
    """The report periods of the last `years` years that have ended under the national default regime,
    newest first. A province with a regime of its own may differ by a few days: the owner's own regime
    decides when the form is sent."""
    today = today or timezone.localdate()
    regime = ReportingRegime.for_unit(None)
    found = []
    for year in range(today.year + 1, today.year - years, -1):
        for kind in (periods.YEAR, periods.H2, periods.H1):
            period = regime.period(year, kind)
            if period.end < today:
                found.append(
                    (period.key, f"{period.label} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y})")
                )
    return found


class OpenReportForm(forms.Form):
    """Which report to open: one of my units or agencies, and a period that has ended."""

    owner = forms.CharField(label=_("Đơn vị, cơ quan"), max_length=32, widget=forms.Select)
    period = forms.CharField(label=_("Kỳ báo cáo"), max_length=10, widget=forms.Select)

    def __init__(self, *args, owners=(), today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].widget.choices = [(o.code, o.name) for o in owners]
        self.fields["period"].widget.choices = period_choices(today)

    def clean_period(self):
        key = self.cleaned_data["period"]
        try:
            year, kind = periods.parse_key(key)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        if kind not in (*periods.REPORT_KINDS, *periods.QUARTERS):
            raise forms.ValidationError(_("Chỉ lập báo cáo quý, 6 tháng hoặc báo cáo năm."))
        return periods.make_key(year, kind)


class NarrativeForm(forms.Form):
    results = forms.CharField(
        label=_("1. Kết quả đạt được"),
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Những việc đã làm được trong kỳ: công khai, lấy ý kiến, bàn và quyết định, kiểm tra, giám sát."
        ),
    )
    shortcomings = forms.CharField(
        label=_("2. Tồn tại, hạn chế và nguyên nhân"),
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    proposals = forms.CharField(
        label=_("3. Phương hướng, đề xuất, kiến nghị"),
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class SignForm(forms.Form):
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=100,
        help_text=_("In ở khối chữ ký của báo cáo, ví dụ: Chủ tịch, Phó Chủ tịch."),
        error_messages={"required": _("Hãy ghi chức vụ người ký.")},
        widget=forms.TextInput(attrs={"list": "signer-titles", "autocomplete": "off"}),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        required=False,  # the action says why an empty reason is refused
        max_length=2000,
        help_text=_("Công chức sẽ thấy lý do này trên báo cáo."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportRequestForm(forms.Form):
    """A reviewing body's request for a report (yêu cầu báo cáo đột xuất); the action checks the dates."""

    number = forms.CharField(label=_("Số văn bản yêu cầu"), max_length=50, required=False)
    subject = forms.CharField(label=_("Nội dung yêu cầu báo cáo"), max_length=300)
    outline = forms.CharField(
        label=_("Đề cương báo cáo"),
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Các mục báo cáo cần có; gửi kèm mỗi báo cáo."),
    )
    period_start = dforms.DateField(label=_("Số liệu từ ngày"), input_formats=DATE_INPUT_FORMATS)
    period_end = dforms.DateField(label=_("Số liệu đến ngày"), input_formats=DATE_INPUT_FORMATS)
    due_on = dforms.DateField(label=_("Hạn gửi"), input_formats=DATE_INPUT_FORMATS)
    for_units = forms.BooleanField(label=_("Các xã, phường"), required=False, initial=True)
    for_agencies = forms.BooleanField(label=_("Các cơ quan, đơn vị"), required=False, initial=True)


class RollupSendForm(forms.Form):
    """Signing a roll-up and sending it to the level above (the action checks what is missing)."""

    signer_title = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"list": "signer-titles", "autocomplete": "off"}),
    )
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        max_length=2000,
        required=False,
        help_text=_("Mỗi nơi một dòng, ví dụ: UBND tỉnh; Sở Nội vụ; Lưu: VT."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
