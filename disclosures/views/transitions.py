"""The approval workflow: submit, return, publish, withdraw, correct (POST only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import actions
from ..access import get_disclosure_for_approval, get_disclosure_for_user
from ..forms import (
    CorrectForm,
    PublishForm,
    ReturnForm,
    WithdrawForm,
    add_action_errors,
)
from ..models import State
from .staff import detail_page


def _already(request, disclosure):
    """A second click (or a colleague was quicker): say where things stand, no error."""
    disclosure.refresh_from_db(fields=["state"])
    messages.info(
        request,
        _("Không có thay đổi: thông tin này đang ở trạng thái “%(state)s”.")
        % {"state": disclosure.get_state_display()},
    )
    return redirect("disclosures:staff_detail", pk=disclosure.pk)


@login_required
@require_POST
def submit(request, pk):
    disclosure = get_disclosure_for_user(request, pk, write=True).disclosure
    try:
        done = actions.submit(disclosure, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("disclosures:staff_detail", pk=disclosure.pk)
    if not done:
        return _already(request, disclosure)
    messages.success(request, _("Đã trình phê duyệt."))
    return redirect("disclosures:staff_detail", pk=disclosure.pk)


@login_required
@require_POST
def return_submission(request, pk):
    access = get_disclosure_for_approval(request, pk)
    disclosure = access.disclosure
    form = ReturnForm(request.POST, auto_id="id_return_%s")
    if form.is_valid():
        try:
            done = actions.return_submission(disclosure, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if not done:
                return _already(request, disclosure)
            messages.success(request, _("Đã trả lại bản nháp cho công chức kèm lý do."))
            return redirect("disclosures:staff_detail", pk=disclosure.pk)
    return detail_page(request, access, return_form=form)


@login_required
@require_POST
def publish(request, pk):
    access = get_disclosure_for_approval(request, pk)
    disclosure = access.disclosure
    form = PublishForm(request.POST)
    if form.is_valid() and request.POST.get("confirm") != "1" and disclosure.state == State.SUBMITTED:
        return _publish_confirmation(request, disclosure, form)
    if form.is_valid():
        try:
            done = actions.publish(disclosure, by=request.user, late_reason=form.cleaned_data["late_reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if not done:
                return _already(request, disclosure)
            if disclosure.window_end:
                message = _("Đã phê duyệt và công khai. Niêm yết đến hết ngày %(end)s.") % {
                    "end": f"{disclosure.window_end:%d/%m/%Y}"
                }
            else:
                message = _("Đã phê duyệt và công khai (niêm yết thường xuyên).")
            messages.success(request, message)
            return redirect("disclosures:staff_detail", pk=disclosure.pk)
    return detail_page(request, access, publish_form=form)


def _publish_confirmation(request, disclosure, form):
    """The step before publishing: the posting day, the end of the window and the record's number, with
    the late reason carried on (asked for here when late and not given yet)."""
    preview = actions.publication_preview(disclosure)
    late_reason = form.cleaned_data["late_reason"].strip()
    response = render(
        request,
        "disclosures/staff/publish_confirm.html",
        {"d": disclosure, "form": form, "late_reason": late_reason, **preview},
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def withdraw(request, pk):
    access = get_disclosure_for_approval(request, pk)
    disclosure = access.disclosure
    form = WithdrawForm(request.POST, auto_id="id_withdraw_%s")
    if form.is_valid():
        try:
            done = actions.withdraw(disclosure, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if not done:
                return _already(request, disclosure)
            messages.success(request, _("Đã thu hồi thông tin; lý do được ghi vào nhật ký."))
            return redirect("disclosures:staff_detail", pk=disclosure.pk)
    return detail_page(request, access, withdraw_form=form)


@login_required
@require_POST
def correct(request, pk):
    access = get_disclosure_for_user(request, pk, write=True)
    disclosure = access.disclosure
    form = CorrectForm(request.POST, auto_id="id_correct_%s")
    if form.is_valid():
        try:
            draft = actions.start_correction(disclosure, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("Phiên bản %(version)s đang là bản nháp: sửa rồi trình phê duyệt.")
                % {"version": draft.version},
            )
            return redirect("disclosures:edit", pk=draft.pk)
    return detail_page(request, access, correct_form=form)
