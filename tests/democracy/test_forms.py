"""Every field of every form of the project refuses boundary values with a form error (issue 18 item 9).

The forms are found by introspection: every Form class defined in a module of the project's apps. Each
field is checked by its kind: dates outside the calendar's range (0001, 9999), integers beyond what the
database stores (2^31, 2^63) or negative, NUL bytes, text of any length. A ValidationError is the
only acceptable way to refuse; any other exception would be a 500 in the view. The full-stack sweep over
every page's forms and every API parameter is tests/test_bad_input.py (slow)."""

import datetime as dt
import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError

PROJECT_APPS = ("democracy", "units", "disclosures", "consultations", "reports")


def project_forms():
    found = {}
    for label in PROJECT_APPS:
        package = importlib.import_module(apps.get_app_config(label).name)
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations" in info.name or ".management" in info.name or ".tests" in info.name:
                continue
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__.startswith(PROJECT_APPS):
                    found[f"{cls.__module__}.{cls.__name__}"] = cls
    return found


FORMS = project_forms()


def model_field(cls, name):
    """A ModelForm's model field: its validators run too when the form is cleaned (`_post_clean`)."""
    meta = getattr(cls, "_meta", None)
    model = getattr(meta, "model", None)
    try:
        return model._meta.get_field(name) if model else None
    except Exception:
        return None


FIELDS = [
    pytest.param(field, model_field(cls, name), id=f"{path}.{name}")
    for path, cls in sorted(FORMS.items())
    for name, field in cls.base_fields.items()
]


def test_the_forms_are_found():
    assert {"disclosures.forms.DisclosureForm", "consultations.forms.decisions.SendForm",
            "consultations.forms.decisions.RecommendationForm", "units.forms.VillageForm"} <= set(FORMS)  # fmt: skip
    assert len(FIELDS) > 60


def refused(field, value, model_field=None) -> bool:
    try:
        cleaned = field.clean(value)
        if model_field is not None and cleaned not in (None, "", [], ()):
            model_field.run_validators(cleaned)
    except ValidationError:
        return True
    return False  # accepted; any other exception fails the test


def spelled(field, moment: dt.datetime) -> list[str]:
    """`moment` in each of the field's input formats, the year written with four digits."""
    return [
        moment.replace(year=2000).strftime(fmt).replace("2000", f"{moment.year:04d}")
        for fmt in field.input_formats
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("field, model_field", FIELDS)
def test_no_field_lets_a_boundary_value_through_or_fails_on_it(field, model_field):
    if isinstance(field, forms.DateField | forms.DateTimeField):
        for moment in (
            dt.datetime(1, 1, 1, tzinfo=dt.UTC),
            dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC),
            dt.datetime(1994, 12, 31, 12, tzinfo=dt.UTC),
        ):
            for text in spelled(field, moment):
                assert refused(field, text), f"{text!r} accepted"
        inside = dt.datetime(2024, 2, 7, 9, 30, tzinfo=dt.UTC)
        for text in spelled(field, inside):
            assert not refused(field, text), f"{text!r} refused"
    elif isinstance(field, forms.IntegerField):
        for value in (str(2**31), str(2**63), str(10**30), "-1", "1e400", "9" * 5000):
            assert refused(field, value, model_field), f"{value!r} accepted"
    elif isinstance(field, forms.ModelChoiceField):
        for value in (str(2**63), str(-(2**63) - 1), "1e400"):
            assert refused(field, [value] if isinstance(field, forms.ModelMultipleChoiceField) else value)
    elif isinstance(field, forms.UUIDField):
        assert refused(field, "Có\x00ký tự NUL") and refused(field, "x" * 100_000)
    elif isinstance(field, forms.CharField):
        assert refused(field, "Có\x00ký tự NUL")
        assert field.max_length is not None or isinstance(field.widget, forms.HiddenInput), (
            "a text field without a length limit"
        )
        assert refused(field, "x" * (field.max_length + 1))


def test_a_date_outside_the_calendar_says_so_in_vietnamese():
    from democracy.forms import DateField

    with pytest.raises(ValidationError) as error:
        DateField().clean("31/12/9999")
    assert error.value.messages == ["Ngày phải trong khoảng từ 01/01/1995 đến 31/12/2099."]
    assert settings.LANGUAGE_CODE == "vi"
