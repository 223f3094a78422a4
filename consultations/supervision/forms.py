"""The boards' forms. They check the shape of what is typed; the law's rules are checked by `actions`
and their ValidationErrors put back on the form (`democracy.forms.add_action_errors`)."""

from django import forms
from django.utils.translation import gettext_lazy

from democracy import forms as dforms
from disclosures.models import Disclosure
from units.models import AdministrativeUnit

from ..forms.decisions import RecommendationForm, _date_field
from ..models import Meeting
from .models import Inspection, MemberRole, PlanPeriod, ReportKind, WorkPlan


def _text(label, max_length, *, rows=0, required=True, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget,
                           help_text=help_text)  # fmt: skip


class BoardForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại ban"), choices=())
    name = _text(gettext_lazy("Tên ban"), 300)
    term_start = _date_field(gettext_lazy("Nhiệm kỳ từ ngày"))
    term_end = _date_field(
        gettext_lazy("Nhiệm kỳ đến ngày"),
        help_text=gettext_lazy(
            "Ban xã: theo nhiệm kỳ Trưởng thôn (Điều 36 khoản 2); cơ quan: 02 năm (Điều 60)."
        ),
    )
    project = _text(gettext_lazy("Chương trình, dự án (Ban giám sát đầu tư)"), 300, required=False)
    investor = _text(gettext_lazy("Chủ đầu tư"), 300, required=False)
    disclosure = dforms.ModelChoiceField(
        label=gettext_lazy("Thông tin công khai của dự án (Điều 11 mục 3)"),
        queryset=Disclosure.objects.none(),
        required=False,
    )
    supervision_starts_on = _date_field(gettext_lazy("Ngày dự kiến bắt đầu giám sát"), required=False)

    def __init__(self, *args, kinds, disclosures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        self.fields["disclosure"].queryset = disclosures
        if len(kinds) == 1:
            for name in ("project", "investor", "disclosure", "supervision_starts_on"):
                del self.fields[name]


class MemberForm(forms.Form):
    full_name = _text(gettext_lazy("Họ và tên"), 200)
    role = forms.ChoiceField(
        label=gettext_lazy("Chức danh"), choices=MemberRole.choices, initial=MemberRole.MEMBER
    )
    village = dforms.ModelChoiceField(
        label=gettext_lazy("Thôn, tổ dân phố"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    group = _text(gettext_lazy("Bộ phận, thành phần"), 200, required=False)
    since = _date_field(gettext_lazy("Ngày bầu"))

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        if not villages.exists():
            del self.fields["village"]


class LeaveForm(forms.Form):
    on = _date_field(gettext_lazy("Ngày thôi làm nhiệm vụ"))
    reason = _text(gettext_lazy("Lý do"), 300)


class ElectionForm(forms.Form):
    elected_on = _date_field(gettext_lazy("Ngày bầu"))
    meeting = dforms.ModelChoiceField(
        label=gettext_lazy("Hội nghị, cuộc họp bầu"), queryset=Meeting.objects.none(), required=False
    )
    note = _text(gettext_lazy("Biên bản bầu, ghi chú"), 300, required=False)
    recognition_due = _date_field(
        gettext_lazy("Hạn công nhận"), required=False,
        help_text=gettext_lazy("Khi quy định không nêu số ngày: hạn do Ban Thường trực Ủy ban Mặt trận Tổ quốc xã định."),
    )  # fmt: skip

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class RecognitionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Quyết định"),
        choices=[("recognise", gettext_lazy("Công nhận")), ("refuse", gettext_lazy("Không công nhận"))],
        widget=forms.RadioSelect, initial="recognise",
    )  # fmt: skip
    on = _date_field(gettext_lazy("Ngày văn bản"))
    number = _text(gettext_lazy("Số văn bản công nhận"), 60, required=False)
    reason = _text(gettext_lazy("Lý do không công nhận"), 2000, rows=3, required=False)


class DayForm(forms.Form):
    on = _date_field(gettext_lazy("Ngày"))


class PlanForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("Kỳ kế hoạch"), choices=PlanPeriod.choices)
    year = dforms.IntegerField(label=gettext_lazy("Năm"), min_value=2023, max_value=2100)
    number = dforms.IntegerField(label=gettext_lazy("Quý (1–4) hoặc nửa năm (1–2)"), min_value=0, max_value=4,
                                 required=False)  # fmt: skip
    content = _text(gettext_lazy("Nội dung kế hoạch"), 20000, rows=8)
    filed_on = _date_field(gettext_lazy("Ngày lập"))


class InspectionForm(forms.Form):
    subject = _text(gettext_lazy("Nội dung kiểm tra, giám sát"), 300)
    inspected = _text(gettext_lazy("Đối tượng được kiểm tra"), 300)
    raised_by = _text(
        gettext_lazy("Người nêu vụ việc"), 300, required=False,
        help_text=gettext_lazy("Công dân, tổ chức đã kiến nghị, phản ánh: được thông báo kết quả bằng văn bản."),
    )  # fmt: skip
    plan = dforms.ModelChoiceField(
        label=gettext_lazy("Thuộc kế hoạch"), queryset=WorkPlan.objects.none(), required=False
    )
    sent_to = _text(gettext_lazy("Nơi nhận kế hoạch kiểm tra"), 500)
    plan_sent_on = _date_field(gettext_lazy("Ngày gửi kế hoạch kiểm tra"))
    starts_on = _date_field(gettext_lazy("Ngày bắt đầu kiểm tra"))

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans


class FindingsForm(forms.Form):
    findings = _text(gettext_lazy("Kết quả kiểm tra"), 20000, rows=8)
    concluded_on = _date_field(gettext_lazy("Ngày kết luận"))
    notified_on = _date_field(
        gettext_lazy("Ngày thông báo bằng văn bản cho người nêu vụ việc"), required=False
    )


class BoardRecommendationForm(RecommendationForm):
    inspection = dforms.ModelChoiceField(
        label=gettext_lazy("Từ cuộc kiểm tra"), queryset=Inspection.objects.none(), required=False
    )

    def __init__(self, *args, inspections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].queryset = inspections


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại báo cáo"), choices=ReportKind.choices)
    title = _text(gettext_lazy("Tiêu đề"), 300)
    period_start = _date_field(gettext_lazy("Kỳ báo cáo từ ngày"))
    period_end = _date_field(gettext_lazy("Kỳ báo cáo đến ngày"))
    due_on = _date_field(
        gettext_lazy("Hạn gửi"),
        help_text=gettext_lazy("Theo yêu cầu của Ủy ban Mặt trận Tổ quốc (Công đoàn)."),
    )
    text = _text(gettext_lazy("Nội dung báo cáo"), 30000, rows=10)
    sent_on = _date_field(gettext_lazy("Ngày gửi"))
