"""Forms for community and staff decisions, online votes and inspection-board recommendations.

Forms only check the shape of what is typed; the law's rules are checked by `actions` and their
ValidationErrors put back on the form with `disclosures.forms.add_action_errors`."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from democracy import forms as dforms
from democracy.forms import add_action_errors, item_reference  # noqa: F401 (re-exported)
from democracy.models import CatalogueItem, Kind, Scope
from units.models import Level

from ..actions import AGENCY_METHODS, COMMUNE_METHODS, attendance_too_low, is_agency
from ..models import Ballot, Decision, DecisionMethod, Outcome

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _date_field(label, **kwargs):
    return dforms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": dforms.DATE_PLACEHOLDER, "inputmode": "numeric"}
        ),
        error_messages={"invalid": gettext_lazy("Hãy nhập ngày dạng nn/tt/nnnn."),
                        "required": gettext_lazy("Hãy nhập ngày.")},
        **kwargs,
    )  # fmt: skip


def _datetime_field(label):
    return dforms.DateTimeField(
        label=label,
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"placeholder": dforms.DATETIME_PLACEHOLDER}
        ),
        error_messages={"invalid": gettext_lazy("Hãy nhập thời điểm dạng nn/tt/nnnn gg:pp.")},
    )


def _count(label, required=True):
    return dforms.IntegerField(
        label=label,
        min_value=0,
        required=required,
        error_messages={"min_value": gettext_lazy("Không được là số âm."),
                        "invalid": gettext_lazy("Hãy nhập một số nguyên.")},
    )  # fmt: skip


def rule_text(item: CatalogueItem, *, commune_wide: bool = False) -> str:
    """The rule that applies, as people say it: "cần từ 2/3 tổng số hộ"."""
    num, den = item.threshold_numerator, item.threshold_denominator
    if not (num and den):
        return ""
    bound = _("từ") if item.threshold_inclusive else _("trên")
    if item.scope == Scope.AGENCY:
        qn, qd = item.quorum_numerator, item.quorum_denominator
        return _(
            "cần có mặt từ %(qn)s/%(qd)s tổng số người và %(bound)s %(num)s/%(den)s số người dự tán thành"
        ) % {"qn": qn, "qd": qd, "bound": bound, "num": num, "den": den}
    base = _("thôn, tổ dân phố") if commune_wide and item.counts_villages else _("hộ")
    return _("cần %(bound)s %(num)s/%(den)s tổng số %(base)s tán thành") % {
        "bound": bound, "num": num, "den": den, "base": base,
    }  # fmt: skip


class ItemChoiceField(dforms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{item_reference(obj)} – {obj.label_vi}"


class DecisionForm(forms.Form):
    item = ItemChoiceField(
        label=gettext_lazy("Nội dung bàn và quyết định"),
        queryset=CatalogueItem.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Hãy chọn nội dung."),
                        "invalid_choice": gettext_lazy("Hãy chọn một nội dung trong danh sách.")},
    )  # fmt: skip
    title = forms.CharField(
        label=gettext_lazy("Nội dung cần quyết định"),
        max_length=300,
        error_messages={"required": gettext_lazy("Hãy nhập nội dung cần quyết định.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Nội dung chi tiết (không bắt buộc)"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    method = forms.ChoiceField(label=gettext_lazy("Hình thức"), widget=forms.RadioSelect)
    follows = dforms.ModelChoiceField(
        label=gettext_lazy("Phát phiếu thay cuộc họp không đủ số hộ dự"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=gettext_lazy("(không)"),
        help_text=gettext_lazy(
            "Khoản 3, 4, 5 Điều 15 phải quyết định tại cuộc họp; chỉ phát phiếu khi cuộc họp đã không đủ số hộ "
            "dự để đạt tỷ lệ tán thành (Điều 17 khoản 2, Điều 19 khoản 1 điểm b)."
        ),
    )

    delegates = dforms.IntegerField(
        label=gettext_lazy("Số đại biểu được triệu tập (hội nghị đại biểu)"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        error_messages={"min_value": gettext_lazy("Số đại biểu phải lớn hơn 0."),
                        "max_value": gettext_lazy("Số đại biểu quá lớn."),
                        "invalid": gettext_lazy("Hãy nhập một số nguyên.")},
    )  # fmt: skip
    delegate_reason = forms.CharField(
        label=gettext_lazy("Lý do tổ chức hội nghị đại biểu (nếu cơ quan chưa đủ số người theo luật)"),
        required=False,
        max_length=300,
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        agency = is_agency(owner)
        if not agency:
            del self.fields["delegates"], self.fields["delegate_reason"]
        meetings = (
            []
            if agency
            else Decision.objects.of(owner)
            .filter(method=DecisionMethod.MEETING, outcome=Outcome.FAILED, item__meeting_required=True)
            .select_related("item")
        )
        fallback_from = [d.pk for d in meetings if attendance_too_low(d)]
        if fallback_from:
            self.fields["follows"].queryset = Decision.objects.filter(pk__in=fallback_from)
        else:
            del self.fields["follows"]
        scope = Scope.AGENCY if agency else Scope.COMMUNE
        self.fields["item"].queryset = CatalogueItem.objects.filter(
            kind=Kind.DECIDE, scope=scope, is_active=True
        ).order_by("article", "clause")
        allowed = set(AGENCY_METHODS if agency else COMMUNE_METHODS)
        if not agency and owner.level == Level.COMMUNE:
            allowed.discard(DecisionMethod.ONLINE)
        self.fields["method"].choices = [(m.value, m.label) for m in DecisionMethod if m in allowed]
        items = {(i.article, i.clause): i for i in self.fields["item"].queryset}
        if agency:
            first = next(iter(items.values()), None)
            help_text = _(
                "Điều 50: tại hội nghị cán bộ, công chức, viên chức, người lao động hoặc bằng phiếu lấy ý kiến; "
                "%(rule)s (Điều 51 khoản 2 điểm c)."
            ) % {"rule": rule_text(first) if first else ""}
        elif owner.level == Level.COMMUNE:
            help_text = _(
                "Điều 17: họp hoặc phát phiếu; nội dung toàn xã của khoản 1–2 %(villages)s, khoản 3–6 %(households)s "
                "của xã. Biểu quyết trực tuyến do từng thôn, tổ dân phố tổ chức."
            ) % {
                "villages": rule_text(items[15, 1], commune_wide=True) if (15, 1) in items else "",
                "households": rule_text(items[15, 3], commune_wide=True) if (15, 3) in items else "",
            }
        else:
            six = items.get((15, 6))
            help_text = _(
                "Điều 17, 21: họp, phát phiếu tới từng hộ, hoặc biểu quyết trực tuyến (chỉ khoản 6 Điều 15, và chỉ "
                "khi trên %(consent)s tổng số hộ đồng ý, Nghị định 59 Điều 5). Khoản 1–2 %(two)s; khoản 3–6 %(rest)s. "
                "Khoản 3, 4, 5 phải quyết định tại cuộc họp (Điều 17 khoản 2)."
            ) % {
                "consent": f"{six.online_consent_numerator}/{six.online_consent_denominator}" if six else "",
                "two": rule_text(items[15, 1]) if (15, 1) in items else "",
                "rest": rule_text(items[15, 3]) if (15, 3) in items else "",
            }
        self.fields["method"].help_text = help_text


class TallyForm(forms.Form):
    decided_on = _date_field(gettext_lazy("Ngày họp, hết hạn phiếu"))
    present = _count(gettext_lazy("Số có mặt, số phiếu thu về"), required=False)
    agree = _count(gettext_lazy("Số tán thành"), required=False)
    disagree = _count(gettext_lazy("Số không tán thành"), required=False)
    other = _count(gettext_lazy("Ý kiến khác"), required=False)

    def __init__(self, *args, decision, villages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.villages = list(villages)
        self.by_village = bool(self.villages)
        for village in self.villages:
            self.fields[f"village_{village.pk}"] = _count(
                _("%(name)s: số hộ tán thành (trên %(n)s hộ)")
                % {"name": village.name, "n": village.households or 0}
            )
        if not self.by_village:
            self.fields["agree"].required = True
            self.fields["agree"].error_messages["required"] = _("Hãy nhập số tán thành.")

    def clean(self):
        data = super().clean()
        for village in self.villages:
            count = data.get(f"village_{village.pk}")
            if count is not None and count > (village.households or 0):
                self.add_error(
                    f"village_{village.pk}",
                    _("Vượt quá số hộ của thôn (%(n)s).") % {"n": village.households or 0},
                )
        return data

    def village_fields(self):
        return [self[f"village_{v.pk}"] for v in self.villages]

    def tally(self) -> dict:
        d = self.cleaned_data
        fields = {
            "decided_on": d["decided_on"],
            "agree": d.get("agree") or 0,
            "disagree": d.get("disagree") or 0,
            "other": d.get("other") or 0,
            "present": d.get("present"),
        }
        if self.by_village:
            fields["village_agreements"] = {v: d[f"village_{v.pk}"] for v in self.villages}
        return fields


class SendForm(forms.Form):
    sent_on = _date_field(gettext_lazy("Ngày gửi UBND xã"))


class RecogniseForm(forms.Form):
    on = _date_field(gettext_lazy("Ngày công nhận hoặc trả lời"))
    refuse_reason = forms.CharField(
        label=gettext_lazy("Lý do không công nhận (để trống nếu công nhận)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VoteOpenForm(forms.Form):
    consent = _count(gettext_lazy("Số hộ đồng ý biểu quyết trực tuyến"))
    opens_at = _datetime_field(gettext_lazy("Bắt đầu"))
    closes_at = _datetime_field(gettext_lazy("Kết thúc"))
    households = forms.CharField(
        label=gettext_lazy("Danh sách hộ gia đình (mỗi dòng một hộ)"),
        max_length=500_000,  # some thousands of households, each a line
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": gettext_lazy("Hãy nhập danh sách hộ gia đình.")},
    )

    def clean_households(self):
        return [line.strip() for line in self.cleaned_data["households"].splitlines() if line.strip()]


class VoteForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã biểu quyết của hộ"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": gettext_lazy("Hãy nhập mã biểu quyết.")},
    )
    choice = forms.ChoiceField(
        label=gettext_lazy("Ý kiến của hộ"),
        choices=Ballot.Choice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Hãy chọn tán thành, không tán thành hoặc ý kiến khác.")},
    )
    other_text = forms.CharField(
        label=gettext_lazy("Ý kiến khác (nếu chọn)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=gettext_lazy("Mã biên nhận"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": gettext_lazy("Hãy nhập mã biên nhận.")},
    )

    def clean_receipt(self):
        return self.cleaned_data["receipt"].strip().upper().replace(" ", "")


class RecommendationForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Nội dung kiến nghị"), max_length=300)
    text = forms.CharField(
        label=gettext_lazy("Chi tiết"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )
    addressed_to = forms.CharField(label=gettext_lazy("Gửi đến"), max_length=300)
    made_on = _date_field(gettext_lazy("Ngày kiến nghị"))
    received_on = _date_field(
        gettext_lazy("Ngày UBND xã, cơ quan nhận được kiến nghị"),
        required=False,
        help_text=gettext_lazy(
            "Hạn trả lời tính từ ngày nhận (Điều 40, 63); để trống nếu nhận ngay trong ngày kiến nghị."
        ),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Nội dung trả lời"), max_length=10000, widget=forms.Textarea(attrs={"rows": 6})
    )
    answered_on = _date_field(gettext_lazy("Ngày trả lời"))
    reason = forms.CharField(
        label=gettext_lazy("Lý do sửa"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy(
            "Bắt buộc khi sửa câu trả lời đã gửi; câu trả lời cũ vẫn được lưu và hiển thị."
        ),
    )
