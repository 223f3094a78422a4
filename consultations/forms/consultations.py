"""The consultation forms. They parse and present; every rule lives in `actions`, whose Vietnamese
ValidationErrors are put back on the fields by `disclosures.forms.add_action_errors`."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from democracy import forms as dforms
from democracy.forms import (
    DATE_INPUT_FORMATS,
    DATE_PLACEHOLDER,
    DATETIME_INPUT_FORMATS,
    DATETIME_PLACEHOLDER,
    ItemField,
)
from democracy.forms import DocumentUploadForm as BaseUploadForm
from democracy.models import CatalogueItem, Kind, Scope

from ..actions import is_agency
from ..models import AgencyCommentForm, CommentChannel, CommuneCommentForm, ResponseKind


class DocumentUploadForm(BaseUploadForm):
    """Draft documents: the checks of every upload, and the reason when added while comments are taken
    (the action requires it then; it goes to the audit row)."""

    note = forms.CharField(
        label=_lazy("Lý do bổ sung, thay thế"),
        required=False,
        max_length=500,
        help_text=_lazy(
            "Bắt buộc khi đang lấy ý kiến; tài liệu cũ vẫn được giữ và hiển thị, tệp cùng tên là phiên bản mới."
        ),
    )


class ConsultationForm(forms.Form):
    """The plan (kế hoạch lấy ý kiến) of a commune (Art. 25) or an agency (Art. 53)."""

    item = ItemField(
        label=_lazy("Thuộc nội dung nào của Luật"),
        queryset=CatalogueItem.objects.none(),
        error_messages={"required": _lazy("Hãy chọn nội dung lấy ý kiến.")},
    )
    title = forms.CharField(
        label=_lazy("Tên dự thảo, nội dung"),
        max_length=300,
        error_messages={"required": _lazy("Hãy nhập tên dự thảo, nội dung lấy ý kiến.")},
    )
    content = forms.CharField(
        label=_lazy("Nội dung lấy ý kiến"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _lazy("Hãy nhập nội dung lấy ý kiến.")},
    )
    purpose = forms.CharField(
        label=_lazy("Mục đích, yêu cầu"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    responsible = forms.CharField(
        label=_lazy("Trách nhiệm tổ chức thực hiện"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    plan_number = forms.CharField(
        label=_lazy("Số kế hoạch"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "127/KH-UBND"}),
    )
    plan_date = dforms.DateField(
        label=_lazy("Ngày kế hoạch"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": DATE_PLACEHOLDER, "autocomplete": "off"}
        ),
        error_messages={"invalid": _lazy("Ngày phải có dạng ngày/tháng/năm, ví dụ 30/01/2024.")},
    )
    period_days = dforms.IntegerField(
        label=_lazy("Thời gian lấy ý kiến (ngày)"),
        min_value=1,
        max_value=365,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _lazy("Hãy nhập số ngày lấy ý kiến."),
            "invalid": _lazy("Số ngày phải là số nguyên."),
        },
    )
    conference_comments_until = dforms.DateField(
        label=_lazy("Hạn nhận ý kiến tại hội nghị (không bắt buộc)"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        help_text=_lazy("Trong thời gian lấy ý kiến; trống: nhận đến hết thời gian lấy ý kiến."),
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": DATE_PLACEHOLDER, "autocomplete": "off"}
        ),
        error_messages={"invalid": _lazy("Ngày phải có dạng ngày/tháng/năm, ví dụ 05/02/2024.")},
    )
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        internal = is_agency(owner)
        self.fields["item"].queryset = (
            CatalogueItem.objects.active()
            .for_scope(Scope.AGENCY if internal else Scope.COMMUNE)
            .of_kind(Kind.COMMENT)
            .order_by("article", "clause")
        )
        self.fields["item"].help_text = (
            _("Điều 53 Luật 10/2022/QH15.") if internal else _("Điều 25 Luật 10/2022/QH15.")
        )
        self.fields["forms"] = forms.MultipleChoiceField(
            label=_("Hình thức lấy ý kiến"),
            choices=(AgencyCommentForm if internal else CommuneCommentForm).choices,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Điều 54 Luật 10/2022/QH15.") if internal else _("Điều 26 Luật 10/2022/QH15."),
            error_messages={"required": _("Hãy chọn ít nhất một hình thức lấy ý kiến.")},
        )
        period = self.fields["period_days"]
        if internal:
            period.help_text = _("Do người đứng đầu cơ quan, đơn vị quyết định (Điều 55).")
        else:
            # Art. 28(2): the catalogue's minimum (the same for every Art. 25 item; the action checks each).
            minimum = max(
                filter(None, (i.consultation_days for i in self.fields["item"].queryset)), default=None
            )
            period.help_text = _(
                "Tối thiểu %(n)s ngày (Điều 28 khoản 2), tính từ ngày sau ngày công bố; "
                "nếu ngày cuối là ngày nghỉ thì kết thúc vào ngày làm việc tiếp theo."
            ) % {"n": minimum}
            period.initial = minimum
            period.widget.attrs["placeholder"] = _("Tối thiểu %(n)s ngày") % {"n": minimum}
        self.order_fields(["item", "title", "content", "purpose", "forms", "responsible"])

    def plan_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "item",
                "title",
                "content",
                "purpose",
                "forms",
                "responsible",
                "plan_number",
                "plan_date",
                "period_days",
                "conference_comments_until",
            )
        }


class PublicCommentForm(dforms.CitizenForm):
    """A citizen's (or a staff member's) comment while the period is open."""

    section = forms.CharField(
        label=_lazy("Góp ý cho phần, điều nào của dự thảo (không bắt buộc)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _lazy("Ví dụ: Điều 5")}),
    )
    text = forms.CharField(
        label=_lazy("Nội dung góp ý"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 8000}),
        help_text=_lazy("Tối đa 8.000 ký tự."),
        error_messages={
            "required": _lazy("Hãy nhập nội dung góp ý."),
            "max_length": _lazy("Nội dung dài quá %(limit_value)d ký tự (hiện có %(show_value)d ký tự)."),
        },
    )
    name = forms.CharField(
        label=_lazy("Họ và tên (không bắt buộc)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = forms.CharField(
        label=_lazy("Số điện thoại hoặc thư điện tử (không bắt buộc)"),
        max_length=200,
        required=False,
    )


class CommentRecordForm(forms.Form):
    """A comment received through another channel the law lists (Art. 26, 54), recorded by the clerk."""

    channel = forms.ChoiceField(
        label=_lazy("Kênh tiếp nhận"),
        choices=[(c.value, c.label) for c in CommentChannel if c != CommentChannel.ONLINE],
        error_messages={"required": _lazy("Hãy chọn kênh tiếp nhận.")},
    )
    received_at = dforms.DateTimeField(
        label=_lazy("Thời điểm tiếp nhận"),
        input_formats=DATETIME_INPUT_FORMATS,
        initial=timezone.now,
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"placeholder": DATETIME_PLACEHOLDER, "autocomplete": "off"}
        ),
        help_text=_lazy("Ngày/tháng/năm giờ:phút, ví dụ 12/02/2024 09:30."),
        error_messages={
            "required": _lazy("Hãy nhập thời điểm tiếp nhận."),
            "invalid": _lazy("Thời điểm phải có dạng ngày/tháng/năm giờ:phút, ví dụ 12/02/2024 09:30."),
        },
    )
    section = forms.CharField(
        label=_lazy("Phần, điều của dự thảo (không bắt buộc)"), max_length=100, required=False
    )
    text = forms.CharField(
        label=_lazy("Nội dung ý kiến"),
        required=False,  # the action says so in its own words
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    people_count = dforms.IntegerField(
        label=_lazy("Số người tham dự"),
        required=False,
        min_value=1,
        help_text=_lazy("Bắt buộc với ý kiến tại hội nghị, cuộc họp."),
    )
    name = forms.CharField(
        label=_lazy("Người, tổ chức góp ý (không bắt buộc)"),
        required=False,
        max_length=150,
        help_text=_lazy("Không bao giờ hiển thị công khai."),
    )
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)


class RespondForm(forms.Form):
    kind = forms.ChoiceField(
        label=_lazy("Hình thức trả lời"),
        choices=ResponseKind.choices,
        initial=ResponseKind.ACCEPTED,
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_lazy("Nội dung giải trình, tiếp thu"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_lazy("Được công khai cùng ý kiến sau khi có kết quả."),
    )
    reason = forms.CharField(
        label=_lazy("Lý do sửa"),
        required=False,
        max_length=2000,
        help_text=_lazy(
            "Bắt buộc khi kết quả đã được trình, công khai; nội dung cũ vẫn được lưu và hiển thị."
        ),
    )


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_lazy("Lý do ẩn"),
        required=False,
        max_length=500,
        help_text=_lazy("Ý kiến không bị xóa; lý do được lưu lại."),
    )


class PublishResultsForm(forms.Form):
    summary = forms.CharField(
        label=_lazy("Tổng hợp kết quả lấy ý kiến"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    result_number = forms.CharField(
        label=_lazy("Số báo cáo kết quả"),
        required=False,
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": "35/BC-UBND"}),
    )


class BoardPostingForm(forms.Form):
    """The head's decision to post an agency's consultation on its commune's board."""

    decision = forms.CharField(
        label=_lazy("Văn bản, ý kiến quyết định niêm yết công khai"),
        required=False,
        max_length=300,
        help_text=_lazy("Số, ngày văn bản hoặc ý kiến chỉ đạo của người đứng đầu; được ghi vào nhật ký."),
    )


class BoardWithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_lazy("Lý do thôi niêm yết công khai"),
        required=False,
        max_length=500,
        help_text=_lazy("Được ghi vào nhật ký và giữ lại cùng quyết định niêm yết."),
    )
