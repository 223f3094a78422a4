"""The forms of the inbox: the citizen's (send, rate) and the clerk's (record, box opening, route, forward,
answer, publish, hide). Bounded fields from democracy.forms; a Vietnamese message for every bad input."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from democracy import forms as dforms
from democracy.forms import (
    DATE_PLACEHOLDER,
    DATETIME_PLACEHOLDER,
    add_action_errors,  # noqa: F401 (used by the views)
)

from .models import BoxOpening, Channel, Kind, Topic

TEXT_LIMIT = 4000


def _text(label, *, max_length, required=False, rows=3, help_text="", message=None):
    errors = {
        "max_length": _lazy("Dài quá %(limit_value)d ký tự (hiện có %(show_value)d ký tự). Hãy rút gọn.")
    }
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label, required=required, max_length=max_length, help_text=help_text, error_messages=errors,
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": max_length}),
    )  # fmt: skip


def _line(label, *, max_length, required=False, help_text="", message=None, **attrs):
    errors = {"max_length": _lazy("Dài quá %(limit_value)d ký tự.")}
    if message:
        errors["required"] = message
    return forms.CharField(
        label=label, required=required, max_length=max_length, help_text=help_text, error_messages=errors,
        widget=forms.TextInput(attrs=attrs),
    )  # fmt: skip


class SendForm(dforms.CitizenForm):
    """The citizen's (or a staff member's) petition, sent online."""

    kind = forms.ChoiceField(
        label=_lazy("Bạn muốn gửi"),
        choices=Kind.choices,
        initial=Kind.PETITION,
        widget=forms.RadioSelect,
        help_text=_lazy(
            "Khiếu nại, tố cáo được ghi nhận và chuyển đến cơ quan có thẩm quyền giải quyết theo Luật Khiếu "
            "nại, Luật Tố cáo."
        ),
        error_messages={"required": _lazy("Hãy chọn loại."), "invalid_choice": _lazy("Hãy chọn loại.")},
    )
    text = _text(
        _lazy("Nội dung"), max_length=TEXT_LIMIT, required=True, rows=7,
        help_text=_lazy("Tối đa 4.000 ký tự. Nêu rõ sự việc, địa điểm, thời gian."),
        message=_lazy("Hãy nhập nội dung phản ánh, kiến nghị."),
    )  # fmt: skip
    name = _line(_lazy("Họ và tên (không bắt buộc)"), max_length=150, autocomplete="name")
    contact = _line(
        _lazy("Số điện thoại hoặc thư điện tử (không bắt buộc)"), max_length=200,
        help_text=_lazy("Cần để cán bộ trả lời trực tiếp cho bạn; không bao giờ được công khai."),
    )  # fmt: skip


class RecordForm(forms.Form):
    """A petition that came by another channel, recorded by the clerk."""

    channel = forms.ChoiceField(
        label=_lazy("Kênh tiếp nhận"),
        choices=[("", "—"), *((c.value, c.label) for c in Channel if c != Channel.ONLINE)],
        error_messages={
            "required": _lazy("Hãy chọn kênh tiếp nhận."),
            "invalid_choice": _lazy("Hãy chọn kênh tiếp nhận."),
        },
    )
    kind = forms.ChoiceField(
        label=_lazy("Loại"), choices=Kind.choices, initial=Kind.PETITION,
        error_messages={"required": _lazy("Hãy chọn loại."), "invalid_choice": _lazy("Hãy chọn loại.")},
    )  # fmt: skip
    received_at = dforms.DateTimeField(
        label=_lazy("Thời điểm tiếp nhận"),
        initial=timezone.now,
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"placeholder": DATETIME_PLACEHOLDER, "autocomplete": "off"}
        ),
        help_text=_lazy("Ngày/tháng/năm giờ:phút, ví dụ 12/02/2026 09:30."),
        error_messages={
            "required": _lazy("Hãy nhập thời điểm tiếp nhận."),
            "invalid": _lazy("Thời điểm phải có dạng ngày/tháng/năm giờ:phút, ví dụ 12/02/2026 09:30."),
        },
    )
    box_opening = dforms.ModelChoiceField(
        label=_lazy("Lần mở hòm thư (với thư trong hòm thư góp ý)"),
        queryset=BoxOpening.objects.none(),
        required=False,
        error_messages={"invalid_choice": _lazy("Hãy chọn một lần mở hòm thư trong danh sách.")},
    )
    text = _text(
        _lazy("Nội dung"), max_length=TEXT_LIMIT, required=True, rows=5,
        message=_lazy("Hãy nhập nội dung phản ánh, kiến nghị."),
    )  # fmt: skip
    name = _line(_lazy("Họ tên người gửi (không bắt buộc)"), max_length=150)
    contact = _line(
        _lazy("Liên hệ (không bắt buộc)"), max_length=200,
        help_text=_lazy("Số điện thoại, địa chỉ; không bao giờ công khai."),
    )  # fmt: skip
    form_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        if owner is not None:
            self.fields["box_opening"].queryset = BoxOpening.objects.of(owner)


class BoxOpeningForm(forms.Form):
    opened_on = dforms.DateField(
        label=_lazy("Ngày mở hòm thư"),
        initial=timezone.localdate,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": DATE_PLACEHOLDER}),
        error_messages={
            "required": _lazy("Hãy nhập ngày mở hòm thư."),
            "invalid": _lazy("Ngày phải có dạng ngày/tháng/năm, ví dụ 12/02/2026."),
        },
    )
    witnesses = _text(
        _lazy("Người chứng kiến"), max_length=1000, required=True, rows=2,
        help_text=_lazy("Họ tên, chức vụ; ví dụ đại diện Mặt trận, Ban Thanh tra nhân dân."),
        message=_lazy("Hãy ghi họ tên những người chứng kiến mở hòm thư."),
    )  # fmt: skip
    found = dforms.IntegerField(
        label=_lazy("Số thư, đơn trong hòm"),
        max_value=10000,
        error_messages={"required": _lazy("Hãy nhập số thư, đơn trong hòm (0 nếu không có).")},
    )
    note = _text(_lazy("Ghi chú"), max_length=2000, rows=2)


class RouteForm(forms.Form):
    topic = forms.ChoiceField(
        label=_lazy("Lĩnh vực"), choices=[("", "—"), *Topic.choices],
        error_messages={"required": _lazy("Hãy chọn lĩnh vực."), "invalid_choice": _lazy("Hãy chọn lĩnh vực.")},
    )  # fmt: skip
    kind = forms.ChoiceField(
        label=_lazy("Loại"), choices=Kind.choices,
        error_messages={"required": _lazy("Hãy chọn loại."), "invalid_choice": _lazy("Hãy chọn loại.")},
    )  # fmt: skip
    assigned_to = _line(
        _lazy("Giao cho bộ phận, người phụ trách"), max_length=255,
        help_text=_lazy("Ví dụ: Công chức địa chính – xây dựng."),
    )  # fmt: skip


class ForwardForm(forms.Form):
    to = _line(
        _lazy("Chuyển đến cơ quan, người có thẩm quyền"), max_length=255,
        message=_lazy("Hãy ghi cơ quan, người có thẩm quyền được chuyển đến."),
    )  # fmt: skip
    note = _text(
        _lazy("Thông báo cho người gửi"), max_length=2000,
        help_text=_lazy("Nêu lý do chuyển và nơi người gửi theo dõi kết quả."),
    )  # fmt: skip


class AnswerForm(forms.Form):
    OUTCOMES = [
        ("answered", _lazy("Trả lời")),
        ("outside", _lazy("Không thuộc phạm vi giải quyết (nêu lý do)")),
    ]

    outcome = forms.ChoiceField(
        label=_lazy("Kết quả"), choices=OUTCOMES, initial="answered", widget=forms.RadioSelect,
        error_messages={"required": _lazy("Hãy chọn kết quả."), "invalid_choice": _lazy("Hãy chọn kết quả.")},
    )  # fmt: skip
    answer = _text(_lazy("Nội dung trả lời"), max_length=8000, rows=5)


class PublishForm(forms.Form):
    public_text = _text(
        _lazy("Nội dung công khai"), max_length=TEXT_LIMIT, rows=5,
        help_text=_lazy("Đã bỏ họ tên, địa chỉ, số điện thoại và mọi chi tiết cho biết người gửi là ai."),
    )  # fmt: skip


class HideForm(forms.Form):
    reason = _line(
        _lazy("Lý do ẩn"), max_length=500, help_text=_lazy("Không bị xóa; lý do được lưu trong nhật ký.")
    )


class RateForm(forms.Form):
    satisfied = forms.TypedChoiceField(
        label=_lazy("Bạn có hài lòng với câu trả lời không?"),
        choices=[("yes", _lazy("Hài lòng")), ("no", _lazy("Không hài lòng"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": _lazy("Hãy chọn Hài lòng hoặc Không hài lòng."),
            "invalid_choice": _lazy("Hãy chọn Hài lòng hoặc Không hài lòng."),
        },
    )
    reason = _text(_lazy("Lý do (không bắt buộc)"), max_length=1000, rows=3)
