"""Form pieces every app uses: day-first dates, an action's ValidationError put back on a form, the
catalogue item field, and the upload of documents checked by their content.

The fields every form uses for dates, moments, counts and chosen objects are the ones here (issue 18
item 9): a date lies in the calendar's range (1995–2099, what `democracy.calendar` can count), a count in
what the database holds, a chosen id in what a primary key can be. Bad input is then a form error, never
a 500 further on. tests/democracy/test_forms.py finds every form field of the project and checks it."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from . import uploads
from .calendar import FIRST_DAY, LAST_DAY
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


# The largest count the database stores (PositiveIntegerField is a 32-bit integer on PostgreSQL) and the
# largest primary key (a 64-bit integer).
MAX_COUNT = 2_147_483_647
MAX_ID = 9_223_372_036_854_775_807

OUT_OF_RANGE = _lazy("Ngày phải trong khoảng từ %(first)s đến %(last)s.")


def _check_day(field: forms.Field, day: dt.date) -> None:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(
            field.error_messages["out_of_range"],
            code="out_of_range",
            params={"first": f"{FIRST_DAY:%d/%m/%Y}", "last": f"{LAST_DAY:%d/%m/%Y}"},
        )


class DateField(forms.DateField):
    """A day-first date (DATE_INPUT_FORMATS unless given) within the calendar's range."""

    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def __init__(self, *, input_formats=None, **kwargs):
        super().__init__(input_formats=input_formats or DATE_INPUT_FORMATS, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None:
            _check_day(self, value)


class DateTimeField(forms.DateTimeField):
    """A day-first moment (DATETIME_INPUT_FORMATS unless given) whose day is in the calendar's range.

    Its day is checked before the time zone is applied: "01/01/0001 00:00" in Asia/Ho_Chi_Minh would
    otherwise overflow while being converted to UTC."""

    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def __init__(self, *, input_formats=None, **kwargs):
        super().__init__(input_formats=input_formats or DATETIME_INPUT_FORMATS, **kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            naive = None
            for fmt in self.input_formats:
                try:
                    naive = dt.datetime.strptime(value.strip(), fmt)  # noqa: DTZ007 (only its day is used)
                    break
                except (ValueError, TypeError):
                    continue
            if naive is not None:
                _check_day(self, naive.date())
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None:
            _check_day(self, timezone.localtime(value).date() if timezone.is_aware(value) else value.date())


class IntegerField(forms.IntegerField):
    """A whole number the database can store: `max_value` is MAX_COUNT unless a smaller one is given,
    `min_value` 0 unless given (a count is never negative)."""

    def __init__(self, *, max_value=MAX_COUNT, min_value=0, **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"] = {
            "max_value": _lazy("Số quá lớn (tối đa %(limit_value)s)."),
            "min_value": _lazy("Không được nhỏ hơn %(limit_value)s."),
            "invalid": _lazy("Hãy nhập một số nguyên."),
            **kwargs["error_messages"],
        }
        super().__init__(max_value=min(max_value, MAX_COUNT), min_value=min_value, **kwargs)


class _IdsInRange:
    """Ids outside a primary key's range are invalid choices, not a database error."""

    def _in_range(self, value) -> bool:
        try:
            return -MAX_ID - 1 <= int(str(value)) <= MAX_ID
        except (TypeError, ValueError):
            return True  # not a number: the field's own check says so


class ModelChoiceField(_IdsInRange, forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not self._in_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(_IdsInRange, forms.ModelMultipleChoiceField):
    default_error_messages = {"invalid_pk_value": _lazy("«%(pk)s» không phải một lựa chọn hợp lệ.")}

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else [value]:
            if not self._in_range(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


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


class ItemField(ModelChoiceField):
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
            if not self.required:
                return []
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def check_files(files) -> list[uploads.CheckedFile]:
    """Each upload checked by `uploads.check_upload` (at most MAX_FILES_PER_UPLOAD): the checked files,
    or one ValidationError listing every file that is refused and why."""
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
        return check_files(self.cleaned_data["files"])


# --- The citizens' public forms ---------------------------------------------------------------------
# Feedback under a posting, a comment on a consultation, a petition, following by e-mail: forms anyone
# may send without an account, so a robot may too.


class HoneypotForm(forms.Form):
    """A public form with the honeypot: a field hidden from sighted people by CSS (`.hp`), labelled for
    screen readers, that a robot fills in; the view answers it the same and drops it (`is_robot`)."""

    website = forms.CharField(
        max_length=200,
        label=_lazy("Xin để trống ô này (chống thư rác)"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    # After the form's own fields, whatever the order of declaration (they come from a base class).
    TRAILING = ("form_token", "website")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.TRAILING:
            if name in self.fields:
                self.fields[name] = self.fields.pop(name)

    @staticmethod
    def is_robot(data) -> bool:
        """Whether the honeypot of the submitted `data` (request.POST) was filled in."""
        return bool((data.get("website") or "").strip())


class CitizenForm(HoneypotForm):
    """A citizen's submission kept once however often it is sent: `form_token`, a hidden UUID the page's
    script fills (js/form-token.js), names the submission."""

    form_token = forms.UUIDField(required=False, widget=forms.HiddenInput)
