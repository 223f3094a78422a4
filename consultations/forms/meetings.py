from django import forms
from django.utils.translation import gettext_lazy as _

from democracy import forms as dforms

from ..models import Meeting


class MeetingForm(forms.Form):
    """The minutes' facts; validation of the attendance and the time is in meetings.record_meeting."""

    kind = forms.ChoiceField(label=_("Loại"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Nội dung cuộc họp, hội nghị"), max_length=300)
    held_at = dforms.DateTimeField(
        label=_("Thời gian bắt đầu"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Địa điểm"), max_length=300)
    chair = forms.CharField(label=_("Chủ trì (họ tên, chức vụ)"), max_length=200)
    secretary = forms.CharField(label=_("Thư ký (họ tên, chức vụ)"), max_length=200)
    expected = dforms.IntegerField(label=_("Tổng số được triệu tập"), min_value=0)
    present = dforms.IntegerField(label=_("Số có mặt"), min_value=0)
    absent = dforms.IntegerField(
        label=_("Số vắng mặt"), min_value=0, required=False,
        help_text=_("Để trống: tự tính bằng tổng số trừ số có mặt."),
    )  # fmt: skip
    opinions = forms.CharField(
        label=_("Ý kiến thảo luận"), widget=forms.Textarea, required=False, max_length=20000
    )
    conclusion = forms.CharField(label=_("Kết luận"), widget=forms.Textarea, required=False, max_length=10000)
    minutes_number = forms.CharField(label=_("Số biên bản"), max_length=50, required=False)

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds:
            self.fields["kind"].choices = [(k, Meeting.Kind(k).label) for k in kinds]
            if len(kinds) == 1:
                self.fields["kind"].initial = kinds[0]
