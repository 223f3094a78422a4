from django import forms
from django.utils.translation import gettext_lazy as _

from democracy.forms import HoneypotForm

from .models import Frequency, Language


class FollowForm(HoneypotForm):
    email = forms.EmailField(
        label=_("Địa chỉ thư điện tử"),
        max_length=254,
        help_text=_(
            "Chúng tôi gửi một thư xác nhận đến địa chỉ này; chỉ khi bạn bấm xác nhận mới bắt đầu gửi tin."
        ),
        error_messages={
            "required": _("Hãy nhập địa chỉ thư điện tử."),
            "invalid": _("Địa chỉ thư điện tử không hợp lệ."),
            "max_length": _("Địa chỉ thư điện tử quá dài."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label=_("Cách nhận thư"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn cách nhận thư."),
            "invalid_choice": _("Hãy chọn cách nhận thư."),
        },
    )
    language = forms.ChoiceField(
        label=_("Ngôn ngữ của thư"),
        choices=Language.choices,
        initial=Language.VI,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn ngôn ngữ của thư."),
            "invalid_choice": _("Hãy chọn ngôn ngữ của thư."),
        },
    )
