"""The plans' forms: bounded fields (democracy/forms.py), Vietnamese messages, nothing saved here (the
views pass cleaned data to one function of `actions`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from democracy import forms as dforms
from democracy.forms import add_action_errors  # noqa: F401 (the views use it from here)
from democracy.uploads import max_size_label
from units.models import AdministrativeUnit, Agency, Level, is_agency

from .models import DueKind, Kind, Section, Status

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class PlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kế hoạch"), choices=Kind.choices)
    title = forms.CharField(
        label=_("Trích yếu"), max_length=300, help_text=_("Ví dụ: Thực hiện dân chủ ở cơ sở năm 2026")
    )
    number = dforms.IntegerField(label=_("Số"), required=False, min_value=1, max_value=99999,
                                 help_text=_("Có thể để trống khi soạn; bắt buộc khi ban hành."))  # fmt: skip
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=40, initial="KH-UBND")
    date = dforms.DateField(label=_("Ngày ban hành"), help_text=_("Dạng ngày/tháng/năm, ví dụ 09/03/2026"))
    place = forms.CharField(label=_("Địa danh"), max_length=100)
    bases = forms.CharField(label=_("Căn cứ"), required=False, max_length=5000, widget=TEXTAREA)
    purpose = forms.CharField(label=_("I. Mục đích, yêu cầu"), required=False, max_length=20000,
                              widget=forms.Textarea(attrs={"rows": 8}),
                              help_text=_("Mỗi đoạn một dòng; dòng bắt đầu bằng “-” là một ý. Không nhận mã HTML."))  # fmt: skip
    organisation = forms.CharField(label=_("III. Tổ chức thực hiện"), required=False, max_length=20000,
                                   widget=forms.Textarea(attrs={"rows": 8}))  # fmt: skip
    funding = forms.CharField(label=_("Kinh phí"), required=False, max_length=5000, widget=TEXTAREA)
    recipients = forms.CharField(label=_("Nơi nhận"), required=False, max_length=2000, widget=TEXTAREA,
                                 help_text=_("Mỗi nơi một dòng."))  # fmt: skip
    signer_title = forms.CharField(label=_("Thẩm quyền ký"), required=False, max_length=200,
                                   help_text=_("Ví dụ: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"))  # fmt: skip
    signer_name = forms.CharField(label=_("Người ký"), required=False, max_length=120)
    child_plan_due = dforms.DateField(label=_("Hạn cấp dưới ban hành kế hoạch"), required=False,
                                      help_text=_("Để theo dõi xã, cơ quan nào chưa ban hành kế hoạch đúng hạn."))  # fmt: skip


def lead_units(owner):
    if is_agency(owner):
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.under(owner).exclude(level=Level.VILLAGE).order_by("level", "name")


def lead_agencies(owner):
    if is_agency(owner):
        return Agency.objects.filter(pk=owner.pk)
    units = AdministrativeUnit.objects.under(owner).values("pk")
    return Agency.objects.filter(unit__in=units).order_by("name")


class TaskForm(forms.Form):
    section = dforms.ModelChoiceField(label=_("Mục"), queryset=Section.objects.none(), required=False)
    code = forms.CharField(
        label=_("Số thứ tự"), max_length=20, help_text=_("Như văn bản đánh số, ví dụ II.1.a")
    )
    heading = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    content = forms.CharField(label=_("Nội dung"), required=False, max_length=10000, widget=TEXTAREA)
    audience = forms.CharField(label=_("Hình thức, đối tượng"), required=False, max_length=500)
    output = forms.CharField(label=_("Sản phẩm"), required=False, max_length=500)
    lead_unit = dforms.ModelChoiceField(
        label=_("Chủ trì: đơn vị hành chính"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    lead_agency = dforms.ModelChoiceField(
        label=_("Chủ trì: cơ quan, đơn vị"), queryset=Agency.objects.none(), required=False
    )
    lead_text = forms.CharField(label=_("Chủ trì: bộ phận"), required=False, max_length=500,
                                help_text=_("Phòng, ban của cơ quan ban hành, ví dụ “Phòng Văn hóa – Xã hội”."))  # fmt: skip
    coordinating_units = dforms.ModelMultipleChoiceField(
        label=_("Phối hợp: đơn vị hành chính"), queryset=AdministrativeUnit.objects.none(), required=False
    )
    coordinating_agencies = dforms.ModelMultipleChoiceField(
        label=_("Phối hợp: cơ quan, đơn vị"), queryset=Agency.objects.none(), required=False
    )
    coordinating_text = forms.CharField(
        label=_("Phối hợp: bộ phận, tổ chức khác"), required=False, max_length=1000
    )
    time_text = forms.CharField(
        label=_("Thời gian thực hiện (như văn bản ghi)"), required=False, max_length=300
    )
    due_kind = forms.ChoiceField(label=_("Cách tính hạn"), choices=DueKind.choices)
    due_date = dforms.DateField(label=_("Ngày (cách tính “trước một ngày cụ thể”)"), required=False)
    due_year = dforms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    due_month = dforms.IntegerField(label=_("Tháng"), required=False, min_value=1, max_value=12)
    due_quarter = dforms.IntegerField(label=_("Quý"), required=False, min_value=1, max_value=4)
    every_months = dforms.IntegerField(
        label=_("Thường xuyên, định kỳ: mỗi (tháng)"), required=False, min_value=1, max_value=24
    )
    trigger_days = dforms.IntegerField(
        label=_("Khi có văn bản: số ngày kể từ ngày có văn bản"), required=False, min_value=1, max_value=365
    )
    periodic_days = forms.CharField(label=_("Định kỳ: các ngày trong năm"), required=False, max_length=100,
                                    help_text=_("Dạng ngày/tháng, ví dụ: 05/05, 05/11. Để trống khi định kỳ theo kỳ của năm (mỗi 3, 6 hoặc 12 tháng)."))  # fmt: skip

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        owner = plan.owner
        self.fields["section"].queryset = plan.sections.all()
        self.fields["lead_unit"].queryset = self.fields["coordinating_units"].queryset = lead_units(owner)
        self.fields["lead_agency"].queryset = self.fields["coordinating_agencies"].queryset = lead_agencies(
            owner
        )

    def action_fields(self) -> dict:
        return dict(self.cleaned_data)


class SectionForm(forms.Form):
    code = forms.CharField(label=_("Số mục"), max_length=20, help_text=_("Ví dụ: II.1"))
    heading = forms.CharField(label=_("Tiêu đề mục"), max_length=500)


class IssueForm(forms.Form):
    number = dforms.IntegerField(label=_("Số kế hoạch"), required=False, min_value=1, max_value=99999)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class CascadeForm(forms.Form):
    owner = forms.ChoiceField(label=_("Lập kế hoạch cho"))
    date = dforms.DateField(label=_("Ngày ban hành dự kiến"))
    place = forms.CharField(label=_("Địa danh"), max_length=100, required=False)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {(f"a{o.pk}" if is_agency(o) else f"u{o.pk}"): o for o in owners}
        self.fields["owner"].choices = [(k, o.name) for k, o in self.owners.items()]

    def clean_owner(self):
        return self.owners[self.cleaned_data["owner"]]


class UpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=Status.choices)
    on = dforms.DateField(label=_("Ngày"))
    text = forms.CharField(label=_("Kết quả thực hiện"), max_length=5000, widget=TEXTAREA)
    reason = forms.CharField(label=_("Lý do không thực hiện"), required=False, max_length=2000,
                             help_text=_("Bắt buộc khi chọn “Không thực hiện”."))  # fmt: skip
    conferences = dforms.IntegerField(label=_("Số hội nghị, lớp tập huấn"), required=False)
    people = dforms.IntegerField(label=_("Số lượt người tham gia"), required=False)
    documents_issued = dforms.IntegerField(label=_("Số văn bản ban hành"), required=False)
    evidence = forms.MultipleChoiceField(label=_("Minh chứng trên cổng"), required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         help_text=_("Thông tin công khai, hội nghị lấy ý kiến, biểu quyết, báo cáo của đơn vị chủ trì."))  # fmt: skip
    files = dforms.MultipleFileField(
        label=_("Tệp đính kèm"), required=False, allow_empty_file=True,  # check_upload says so in its words
        help_text=_("PDF, DOCX, XLSX, JPG hoặc PNG; mỗi tệp không quá %(limit)s; chọn được nhiều tệp. Tệp đã gửi không xóa được."),
    )  # fmt: skip

    def __init__(self, *args, evidence_choices=(), note=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = self.fields["files"].help_text % {"limit": max_size_label()}
        self.fields["evidence"].choices = [(key, label) for key, label, _obj in evidence_choices]
        self._objects = {key: obj for key, _label, obj in evidence_choices}
        if note:
            for name in ("status", "reason", "conferences", "people", "documents_issued"):
                del self.fields[name]
            self.fields["text"].label = _("Nội dung phối hợp")

    def clean_files(self):
        return dforms.check_files(self.cleaned_data["files"])

    def clean_evidence(self):
        return [self._objects[key] for key in self.cleaned_data["evidence"]]


class GuidanceForm(forms.Form):
    date = dforms.DateField(label=_("Ngày của văn bản hướng dẫn"))
    text = forms.CharField(
        label=_("Văn bản hướng dẫn"), max_length=300, help_text=_("Số, ngày, cơ quan ban hành")
    )


class ImportSourceForm(forms.Form):
    text = forms.CharField(label=_("Dán nội dung kế hoạch"), required=False, max_length=200000,
                           widget=forms.Textarea(attrs={"rows": 12}),
                           help_text=_("Phần II. Nội dung, với các dòng “Cơ quan chủ trì:”, “Cơ quan phối hợp:”, “Thời gian thực hiện:”."))  # fmt: skip
    file = forms.FileField(label=_("Hoặc tải lên tệp DOCX"), required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Hãy dán nội dung kế hoạch hoặc chọn một tệp DOCX."))
        return data


class ImportRowForm(forms.Form):
    section_code = forms.CharField(label=_("Mục"), max_length=20, required=False)
    section_heading = forms.CharField(label=_("Tiêu đề mục"), max_length=500, required=False)
    code = forms.CharField(label=_("Số thứ tự"), max_length=20)
    heading = forms.CharField(label=_("Nhiệm vụ"), max_length=500)
    lead_text = forms.CharField(label=_("Chủ trì"), max_length=500, required=False)
    coordinating_text = forms.CharField(label=_("Phối hợp"), max_length=1000, required=False)
    time_text = forms.CharField(label=_("Thời gian (như văn bản)"), max_length=300, required=False)
    due_kind = forms.ChoiceField(label=_("Cách tính hạn"), choices=DueKind.choices)
    due_date = dforms.DateField(label=_("Ngày"), required=False)
    due_year = dforms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    due_month = dforms.IntegerField(label=_("Tháng"), required=False, min_value=1, max_value=12)
    due_quarter = dforms.IntegerField(label=_("Quý"), required=False, min_value=1, max_value=4)
    every_months = dforms.IntegerField(label=_("Mỗi (tháng)"), required=False, min_value=1, max_value=24)
    trigger_days = dforms.IntegerField(
        label=_("Số ngày từ văn bản"), required=False, min_value=1, max_value=365
    )
    periodic_days = forms.CharField(label=_("Các ngày trong năm"), max_length=100, required=False)


ImportFormSet = forms.formset_factory(ImportRowForm, extra=0, max_num=300, validate_max=True)
