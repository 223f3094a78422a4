"""The forms of stand-alone meetings. They parse and present; every rule is in
consultations.actions.meetings, whose errors come back on the fields (democracy.forms.add_action_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import Meeting
from democracy import forms as dforms

MOMENT = {
    "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    "input_formats": ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
}
DAY = {
    "widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    "input_formats": ["%Y-%m-%d", "%d/%m/%Y"],
}


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại cuộc họp, hội nghị"))
    title = forms.CharField(label=_("Nội dung cuộc họp, hội nghị"), max_length=300)
    held_at = dforms.DateTimeField(label=_("Thời gian bắt đầu"), **MOMENT)
    ends_at = dforms.DateTimeField(label=_("Thời gian kết thúc (dự kiến)"), required=False, **MOMENT)
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    convened_by = forms.CharField(label=_("Người triệu tập (họ tên, chức vụ)"), max_length=200)
    chair = forms.CharField(label=_("Người chủ trì (nếu đã biết)"), max_length=200, required=False)
    notice_on = dforms.DateField(
        label=_("Ngày thông báo, gửi giấy mời"), required=False, **DAY,
        help_text=_("Với hội nghị có thời hạn thông báo tối thiểu, ngày này được kiểm tra theo quy định."),
    )  # fmt: skip
    agenda = forms.CharField(
        label=_("Chương trình"), widget=forms.Textarea, required=False, max_length=10000,
        help_text=_("Để trống: dùng chương trình theo quy định của loại hội nghị."),
    )  # fmt: skip
    public = forms.BooleanField(label=_("Đưa lên lịch họp công khai của xã"), required=False)

    def __init__(self, *args, kinds, internal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, Meeting.Kind(k).label) for k in kinds]
        if internal:
            del self.fields["public"]


class MinutesForm(forms.Form):
    chair = forms.CharField(label=_("Chủ trì (họ tên, chức vụ)"), max_length=200)
    secretary = forms.CharField(label=_("Thư ký (họ tên, chức vụ)"), max_length=200)
    ends_at = dforms.DateTimeField(label=_("Thời gian kết thúc"), required=False, **MOMENT)
    expected = dforms.IntegerField(label=_("Tổng số được triệu tập"))
    present = dforms.IntegerField(label=_("Số có mặt"))
    absent = dforms.IntegerField(
        label=_("Số vắng mặt"), required=False, help_text=_("Để trống: tự tính bằng tổng số trừ số có mặt.")
    )
    opinions = forms.CharField(
        label=_("Ý kiến thảo luận"), widget=forms.Textarea, required=False, max_length=20000
    )
    conclusion = forms.CharField(label=_("Kết luận"), widget=forms.Textarea, required=False, max_length=10000)
    minutes_number = forms.CharField(label=_("Số biên bản"), max_length=50, required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.group_names = list(groups)
        for i, name in enumerate(self.group_names):
            self.fields[f"group_{i}_expected"] = dforms.IntegerField(
                label=_("%(group)s: được triệu tập") % {"group": name}, required=False
            )
            self.fields[f"group_{i}_present"] = dforms.IntegerField(
                label=_("%(group)s: có mặt") % {"group": name}, required=False
            )

    def action_values(self) -> dict:
        data = dict(self.cleaned_data)
        groups = [
            {
                "group": name,
                "expected": data.pop(f"group_{i}_expected", None),
                "present": data.pop(f"group_{i}_present", None),
            }
            for i, name in enumerate(self.group_names)
        ]
        return {**data, "groups": groups}


class ReportForm(forms.Form):
    report = forms.CharField(label=_("Nội dung báo cáo"), widget=forms.Textarea, max_length=20000)
    sent_on = dforms.DateField(label=_("Ngày gửi UBND xã, UBMTTQ xã"), **DAY)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Lý do hủy"), max_length=500)
