"""The staff forms and the public ones (a citizen's question, the archive's filters). They parse and present; every rule lives in `actions` (and `uploads`), whose
Vietnamese ValidationErrors are put back on the form's fields by `add_action_errors`."""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from democracy import forms as dforms
from democracy.calendar import ComputedDate
from democracy.forms import (  # noqa: F401 (add_action_errors, DocumentUploadForm: used by this app's views)
    DATE_INPUT_FORMATS,
    DATE_PLACEHOLDER,
    DATETIME_INPUT_FORMATS,
    DATETIME_PLACEHOLDER,
    DocumentUploadForm,
    ItemField,
    add_action_errors,
    item_label,
    item_reference,
)
from democracy.models import CatalogueItem, Kind, Scope
from units.models import Level, is_agency
from units.text import vi_sorted

from . import actions
from .models import PUBLIC_STATES, AgencyForm, Channel, CommuneForm, Feedback


def item_rules(item: CatalogueItem) -> str:
    """The rules an item carries, as a clerk reads them: "Niêm yết tối thiểu 30 ngày liên tục; …"."""
    parts = []
    if item.is_permanent:
        parts.append(_("Niêm yết thường xuyên, cập nhật khi có thay đổi"))
    elif item.posting_days:
        parts.append(_("Niêm yết tối thiểu %(n)s ngày liên tục") % {"n": item.posting_days})
    else:
        parts.append(_("Luật không quy định thời gian niêm yết tối thiểu: hãy nhập số ngày niêm yết"))
    if item.radio_days:
        parts.append(_("phát trên hệ thống truyền thanh %(n)s ngày") % {"n": item.radio_days})
    if item.disclosure_deadline_working_days is not None:
        parts.append(
            _("công khai chậm nhất %(n)s ngày làm việc sau ngày ban hành văn bản")
            % {"n": item.disclosure_deadline_working_days}
        )
    return "; ".join(parts) + ". " + _("Căn cứ: %(basis)s.") % {"basis": item.legal_basis}


@dataclass(frozen=True)
class Timeline:
    """What the clerk sees next to the dates: the item's rules, the posting deadline and the window
    end if the disclosure were posted today, each with how it was computed."""

    item: CatalogueItem | None
    rules: str
    today: dt.date
    deadline: ComputedDate | None
    window: ComputedDate | None
    permanent: bool

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline.date < self.today


class ItemSelect(forms.Select):
    """A select whose options carry the item's rules, for the small script that explains the dates."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        item = getattr(value, "instance", None)
        if item is not None:
            option["attrs"].update(
                {
                    "data-deadline-days": item.disclosure_deadline_working_days or 0,
                    "data-posting-days": item.posting_days or "",
                    "data-permanent": "1" if item.is_permanent else "",
                    "data-rules": item_rules(item),
                }
            )
        return option


def _text(label, *, required=True, max_length=None, message=None, textarea=False, rows=4, **extra):
    widget = forms.Textarea(attrs={"rows": rows}) if textarea else forms.TextInput()
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=widget,
        error_messages={"required": message} if message else {},
        **extra,
    )


class DisclosureForm(forms.Form):
    """The clerk's form for a new draft or the edit of a draft, for a commune or an agency."""

    # Fields that decide the dates: the preview button shows only their errors.
    PREVIEW_FIELDS = ("item", "decision_date", "window_days")

    item = ItemField(
        label=_lazy("Nội dung phải công khai"),
        queryset=CatalogueItem.objects.none(),
        widget=ItemSelect,
        empty_label=_lazy("– Chọn nội dung theo danh mục của Luật –"),
        error_messages={
            "required": _lazy("Hãy chọn nội dung phải công khai."),
            "invalid_choice": _lazy("Hãy chọn một nội dung trong danh sách."),
        },
    )
    title = _text(_lazy("Tiêu đề"), max_length=300, message=_lazy("Hãy nhập tiêu đề."))
    summary = _text(
        _lazy("Tóm tắt"),
        max_length=2000,
        message=_lazy("Hãy nhập tóm tắt."),
        textarea=True,
        rows=3,
        help_text=_lazy("Hai, ba câu cho người dân đọc trên bảng tin."),
    )
    body = _text(
        _lazy("Nội dung"),
        required=False,
        max_length=50000,
        textarea=True,
        rows=8,
        help_text=_lazy("Có thể để trống nếu đã đính kèm văn bản đầy đủ."),
    )
    decision_number = forms.CharField(
        label=_lazy("Số văn bản, quyết định"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "45/NQ-HĐND"}),
        error_messages={"required": _lazy("Hãy nhập số văn bản, quyết định.")},
    )
    decision_date = dforms.DateField(
        label=_lazy("Ngày ban hành"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": DATE_PLACEHOLDER, "autocomplete": "off"}
        ),
        help_text=_lazy("Ngày/tháng/năm, ví dụ 07/02/2024."),
        error_messages={
            "required": _lazy("Hãy nhập ngày ban hành."),
            "invalid": _lazy("Ngày ban hành phải có dạng ngày/tháng/năm, ví dụ 07/02/2024."),
        },
    )
    decision_issuer = _text(
        _lazy("Cơ quan ban hành"), max_length=255, message=_lazy("Hãy nhập cơ quan ban hành.")
    )
    posted_at_office = forms.BooleanField(label=_lazy("Niêm yết tại trụ sở"), required=False, initial=True)
    other_places = _text(_lazy("Nơi niêm yết khác"), required=False, max_length=500)
    forms_reason = _text(
        _lazy("Lý do không dùng hình thức bắt buộc"),
        required=False,
        max_length=500,
        help_text=_lazy(
            "Chỉ khi luật khác quy định hình thức riêng (Điều 13 khoản 6) hoặc xã chưa có hệ thống truyền thanh."
        ),
    )
    window_days = dforms.IntegerField(
        label=_lazy("Số ngày niêm yết"),
        required=False,
        min_value=1,
        max_value=3650,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_lazy("Để trống để niêm yết đúng thời gian tối thiểu theo luật."),
        error_messages={
            "invalid": _lazy("Số ngày niêm yết phải là một số nguyên."),
            "min_value": _lazy("Số ngày niêm yết phải từ 1 trở lên."),
            "max_value": _lazy("Số ngày niêm yết không được quá 3650."),
        },
    )
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        internal = is_agency(owner)
        scope = Scope.AGENCY if internal else Scope.COMMUNE
        items = (
            CatalogueItem.objects.active()
            .for_scope(scope)
            .of_kind(Kind.DISCLOSE)
            .order_by("article", "clause")
        )
        self.fields["item"].queryset = items
        self.fields["forms"] = forms.MultipleChoiceField(
            label=_("Hình thức công khai"),
            choices=(AgencyForm if internal else CommuneForm).choices,
            widget=forms.CheckboxSelectMultiple,
            initial=["a"],
            help_text=_("Điều 47 khoản 1 Luật 10/2022/QH15.")
            if internal
            else _("Điều 12 khoản 1 Luật 10/2022/QH15."),
            error_messages={"required": _("Hãy chọn ít nhất một hình thức công khai.")},
        )
        self.order_fields(
            ["item", "title", "summary", "body", "decision_number", "decision_date", "decision_issuer"]
        )
        if internal:
            self.fields["posted_at_office"].label = _("Niêm yết tại trụ sở cơ quan, đơn vị")
            del self.fields["forms_reason"]  # an agency chooses its forms (Art. 47(1))
        else:
            self.fields["posted_at_office"].label = _("Niêm yết tại trụ sở Ủy ban nhân dân xã")
            self.fields["villages"] = dforms.ModelMultipleChoiceField(
                label=_("Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng của thôn, tổ dân phố"),
                queryset=owner.children.filter(level=Level.VILLAGE).order_by("code"),
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
            # Listed in Vietnamese alphabetical order, as every list of villages (units.text).
            self.fields["villages"].choices = [
                (v.pk, str(v)) for v in vi_sorted(owner.children.filter(level=Level.VILLAGE))
            ]
        self.fields["window_days"].widget.attrs["placeholder"] = self._minimum_placeholder(items)

    def _minimum_placeholder(self, items) -> str:
        item = self._chosen_item()
        if item is not None:
            minimum = actions.minimum_window(item)
            if item.is_permanent:
                return _("Niêm yết thường xuyên")
        else:
            minima = {i.posting_days for i in items if i.posting_days and not i.is_permanent}
            minimum = minima.pop() if len(minima) == 1 else None
        return _("Tối thiểu %(n)s ngày") % {"n": minimum} if minimum else ""

    def _chosen_item(self):
        if self.is_bound:
            try:
                return self.fields["item"].clean(self.data.get(self.add_prefix("item")))
            except ValidationError:
                return None
        item = self.initial.get("item")
        return item if isinstance(item, CatalogueItem) else None

    # --- what the views hand to the actions ----------------------------------------------------

    def draft_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in actions.EDITABLE_FIELDS}

    def chosen_villages(self):
        return self.cleaned_data.get("villages") or []

    def check_for_preview(self) -> None:
        """The "Tính thời hạn" button: validate only what decides the dates, save nothing."""
        self.full_clean()
        for name in list(self._errors):
            if name not in self.PREVIEW_FIELDS:
                del self._errors[name]
        fields = {
            name: self.cleaned_data.get(name) for name in self.PREVIEW_FIELDS if name in self.cleaned_data
        }
        try:
            actions.check_fields(self.owner, fields)
        except ValidationError as error:
            add_action_errors(self, error)

    def timeline(self) -> Timeline:
        today = timezone.localdate()
        if self.is_bound:
            values = getattr(self, "cleaned_data", {})
        else:
            values = {name: self.initial.get(name) for name in self.PREVIEW_FIELDS}
        item, decision_date = values.get("item"), values.get("decision_date")
        days = values.get("window_days")
        if not isinstance(item, CatalogueItem):
            return Timeline(None, "", today, None, None, False)
        deadline = window = None
        if isinstance(decision_date, dt.date):
            try:
                deadline = actions.posting_deadline(item, decision_date)
            except ValueError:
                deadline = None
        if not item.is_permanent and (days or item.posting_days):
            try:
                window = actions.window(item, today, days, owner=self.owner)
            except ValueError:
                window = None
        return Timeline(item, item_rules(item), today, deadline, window, item.is_permanent)


# --- The approver's and clerk's one-field forms -------------------------------------------------


def _reason(label, help_text=""):
    return forms.CharField(
        label=label,
        required=False,  # the action says why an empty reason is refused
        max_length=2000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(forms.Form):
    reason = _reason(_lazy("Lý do trả lại"), _lazy("Công chức sẽ thấy lý do này trên bản nháp."))


class WithdrawForm(forms.Form):
    reason = _reason(_lazy("Lý do thu hồi"), _lazy("Được ghi vào nhật ký và hiển thị cùng thông tin."))


class CorrectForm(forms.Form):
    reason = _reason(
        _lazy("Lý do đính chính"),
        _lazy("Tạo phiên bản mới để sửa; phiên bản đang công khai vẫn được giữ nguyên."),
    )


class PublishForm(forms.Form):
    late_reason = _reason(_lazy("Lý do công khai muộn"))


class HideFeedbackForm(forms.Form):
    reason = forms.CharField(
        label=_lazy("Lý do ẩn"),
        required=False,
        max_length=500,
        help_text=_lazy("Câu hỏi, ý kiến không bị xóa; lý do được lưu trong nhật ký."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_lazy("Trả lời"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_lazy("Câu trả lời được công khai dưới câu hỏi, ý kiến."),
    )
    reason = forms.CharField(
        label=_lazy("Lý do sửa"),
        required=False,
        max_length=2000,
        help_text=_lazy(
            "Bắt buộc khi sửa câu trả lời đã công khai; câu trả lời cũ vẫn được lưu và hiển thị."
        ),
    )


class FeedbackRecordForm(forms.Form):
    """Feedback received outside the portal: in person, e-mail, Zalo, hotline, box or a meeting."""

    channel = forms.ChoiceField(
        label=_lazy("Kênh tiếp nhận"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
        error_messages={"required": _lazy("Hãy chọn kênh tiếp nhận.")},
    )
    kind = forms.ChoiceField(
        label=_lazy("Loại"),
        choices=Feedback.Kind.choices,
        initial=Feedback.Kind.QUESTION,
        widget=forms.RadioSelect,
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
    text = forms.CharField(
        label=_lazy("Nội dung câu hỏi, ý kiến"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    name = forms.CharField(
        label=_lazy("Họ tên người gửi (không bắt buộc)"),
        required=False,
        max_length=150,
        help_text=_lazy("Không bao giờ hiển thị công khai."),
    )
    contact = forms.CharField(
        label=_lazy("Liên hệ (không bắt buộc)"),
        required=False,
        max_length=200,
        help_text=_lazy("Số điện thoại, địa chỉ thư; không bao giờ hiển thị công khai."),
    )
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)


# --- The public pages --------------------------------------------------------------------------------


class FeedbackForm(dforms.CitizenForm):
    kind = forms.ChoiceField(
        label=_lazy("Bạn muốn gửi"),
        choices=Feedback.Kind.choices,
        initial=Feedback.Kind.QUESTION,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_lazy("Nội dung"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
        help_text=_lazy("Tối đa 4.000 ký tự."),
        error_messages={
            "required": _lazy("Hãy nhập nội dung câu hỏi, ý kiến."),
            "max_length": _lazy(
                "Nội dung dài quá %(limit_value)d ký tự (hiện có %(show_value)d ký tự). Hãy rút gọn."
            ),
        },
    )
    name = forms.CharField(
        label=_lazy("Họ và tên (không bắt buộc)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": _lazy("Họ tên dài quá %(limit_value)d ký tự.")},
    )
    contact = forms.CharField(
        label=_lazy("Số điện thoại hoặc thư điện tử (không bắt buộc)"),
        max_length=200,
        required=False,
        error_messages={"max_length": _lazy("Thông tin liên hệ dài quá %(limit_value)d ký tự.")},
    )


class ArchiveFilter(forms.Form):
    q = forms.CharField(
        label=_lazy("Từ khóa (có dấu hoặc không dấu)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    item = forms.TypedChoiceField(
        label=_lazy("Nội dung công khai (Điều 11)"), required=False, coerce=int, empty_value=None
    )
    year = forms.TypedChoiceField(label=_lazy("Năm công khai"), required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label=_lazy("Trạng thái"), required=False)

    def __init__(self, data, *, items, years):
        super().__init__(data)
        everything = ("", _("Tất cả"))
        self.fields["item"].choices = [everything] + [
            (i.clause, _("Khoản %(clause)s: %(label)s") % {"clause": i.clause, "label": _short(i.label)})
            for i in items
        ]
        self.fields["year"].choices = [everything] + [(y, str(y)) for y in years]
        self.fields["state"].choices = [everything] + [(s.value, s.label) for s in PUBLIC_STATES]

    def value(self, name):
        """The cleaned value of a valid filter; an invalid one is ignored (and its error shown)."""
        return (getattr(self, "cleaned_data", None) or {}).get(name) or None


def _short(text, length=80):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
