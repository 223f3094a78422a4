"""Form pieces every app uses: day-first dates, an action's ValidationError put back on a form, the
catalogue item field, and the upload of documents checked by their content."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from . import uploads
from .models import CatalogueItem

# Vietnamese dates are day-first whatever the interface language; ISO is accepted too.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%H:%M %d/%m/%Y",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
]
# What the empty date fields show, in the reader's language: ngày/tháng/năm, giờ:phút.
DATE_PLACEHOLDER = _lazy("nn/tt/nnnn")
DATETIME_PLACEHOLDER = _lazy("nn/tt/nnnn gg:pp")


def add_action_errors(form: forms.Form, error: ValidationError) -> None:
    """Put an action's ValidationError on the form: keyed messages on their fields, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            if name in form.fields:
                form.add_error(name, errors)
            else:
                form.add_error(None, ValidationError(errors))
    else:
        form.add_error(None, error)


def item_reference(item: CatalogueItem) -> str:
    return _("Điều %(article)s khoản %(clause)s") % {"article": item.article, "clause": item.clause}


def item_label(item: CatalogueItem) -> str:
    label = item.label_en if get_language() == "en" and item.label_en else item.label_vi
    return f"{item_reference(item)} – {label}"


class ItemField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return item_label(obj)


MAX_FILES_PER_UPLOAD = 10


# --- Documents --------------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class DocumentUploadForm(forms.Form):
    files = MultipleFileField(
        label=_lazy("Tệp đính kèm"),
        allow_empty_file=True,  # uploads.check_upload says so in its own words
        help_text=_lazy("PDF, DOCX, XLSX, JPG hoặc PNG; mỗi tệp không quá %(limit)s; chọn được nhiều tệp."),
        error_messages={"required": _lazy("Hãy chọn tệp cần đính kèm.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["files"]
        field.help_text = field.help_text % {"limit": uploads.max_size_label()}

    def clean_files(self) -> list[uploads.CheckedFile]:
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES_PER_UPLOAD:
            raise ValidationError(_("Mỗi lần đính kèm tối đa %(n)s tệp.") % {"n": MAX_FILES_PER_UPLOAD})
        checked, errors = [], []
        for upload in files:
            try:
                checked.append(uploads.check_upload(upload))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return checked
