"""Documents and feedback on one disclosure (POST only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import actions
from ..access import get_disclosure_for_user, get_document_for_user, get_feedback_for_user
from ..forms import (
    AnswerForm,
    DocumentUploadForm,
    FeedbackRecordForm,
    HideFeedbackForm,
    add_action_errors,
)
from .staff import detail_page


@login_required
@require_POST
def upload(request, pk):
    access = get_disclosure_for_user(request, pk, write=True)
    disclosure = access.disclosure
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            documents = actions.add_documents(disclosure, form.cleaned_data["files"], by=request.user)
        except ValidationError as error:
            # No longer a draft (submitted meanwhile): the upload form is gone from the page.
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã đính kèm %(n)s tệp.") % {"n": len(documents)})
        return redirect("disclosures:staff_detail", pk=disclosure.pk)
    return detail_page(request, access, upload_form=form)


@login_required
@require_POST
def document_delete(request, pk, doc_pk):
    access, document = get_document_for_user(request, doc_pk, disclosure_pk=pk, write=True)
    disclosure = access.disclosure
    try:
        actions.delete_document(document, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã xóa tệp “%(name)s”.") % {"name": document.original_name})
    return redirect("disclosures:staff_detail", pk=disclosure.pk)


@login_required
@require_POST
def feedback_record(request, pk):
    access = get_disclosure_for_user(request, pk, write=True)
    disclosure = access.disclosure
    form = FeedbackRecordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_feedback(
                disclosure,
                text=data["text"],
                kind=data["kind"],
                name=data["name"],
                contact=data["contact"],
                channel=data["channel"],
                received_at=data["received_at"],
                form_token=data["form_token"],
                by=request.user,
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận câu hỏi, ý kiến."))
            return redirect("disclosures:staff_detail", pk=disclosure.pk)
    return detail_page(request, access, record_form=form)


def _feedback_anchor(feedback) -> str:
    return f"{reverse('disclosures:staff_detail', args=[feedback.disclosure_id])}#feedback-{feedback.pk}"


@login_required
@require_POST
def feedback_answer(request, pk, fpk):
    access, feedback = get_feedback_for_user(request, pk, fpk)
    form = AnswerForm(request.POST, auto_id=f"id_f{feedback.pk}_%s")
    form.feedback_pk = feedback.pk
    if form.is_valid():
        try:
            actions.answer_feedback(
                feedback,
                by=request.user,
                text=form.cleaned_data["answer"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu câu trả lời; câu trả lời được công khai dưới câu hỏi."))
            return redirect(_feedback_anchor(feedback))
    return detail_page(request, access, answer_form=form)


@login_required
@require_POST
def feedback_hide(request, pk, fpk):
    access, feedback = get_feedback_for_user(request, pk, fpk)
    form = HideFeedbackForm(request.POST, auto_id=f"id_h{feedback.pk}_%s")
    form.feedback_pk = feedback.pk
    if form.is_valid():
        try:
            actions.hide_feedback(feedback, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ẩn câu hỏi, ý kiến; nội dung vẫn được lưu cùng lý do ẩn."))
            return redirect(_feedback_anchor(feedback))
    return detail_page(request, access, hide_form=form)
