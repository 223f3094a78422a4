"""The clerk's side of a consultation: the plan form, the staff page with its POST actions (one view per
act), and the XLSX of comments.

Outsiders get 404 (an agency's internal consultations and a commune's plans are never revealed),
read-only roles 403 on writes (`consultations.access`). Pages run a fixed number of queries whatever the
number of comments.
"""

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from democracy.audit import trail
from democracy.calendar import closing_text
from democracy.downloads import generated_download
from democracy.forms import add_action_errors, item_reference
from democracy.xlsx import XLSX_TYPE

from .. import actions, outputs
from ..access import get_consultation_for_approving, get_consultation_for_user, get_owner_for_user
from ..forms.consultations import (
    BoardPostingForm,
    BoardWithdrawalForm,
    CommentRecordForm,
    ConsultationForm,
    DocumentUploadForm,
    HideCommentForm,
    PublishResultsForm,
    RespondForm,
)
from ..models import Comment, ConsultationState


def _staff_url(consultation, anchor=""):
    return reverse("consultations:staff_detail", args=[consultation.pk]) + (f"#{anchor}" if anchor else "")


# --- The plan ---------------------------------------------------------------------------------


def _create(request, owner):
    form = ConsultationForm(request.POST or None, owner=owner, initial={"form_token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        try:
            consultation = actions.create_consultation(
                owner=owner,
                by=request.user,
                form_token=form.cleaned_data["form_token"],
                **form.plan_fields(),
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Đã lưu kế hoạch lấy ý kiến “%(title)s”. Tải dự thảo lên rồi công bố để bắt đầu lấy ý kiến."
                )
                % {"title": consultation.title},
            )
            return redirect("consultations:staff_detail", pk=consultation.pk)
    return render(
        request,
        "consultations/form.html",
        {"form": form, "owner": owner, "internal": actions.is_agency(owner)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request, code):
    return _create(request, get_owner_for_user(request, code, write=True).obj)


@login_required
@require_http_methods(["GET", "POST"])
def create_for_agency(request, code):
    return _create(request, get_owner_for_user(request, code, agency=True, write=True).obj)


# --- The clerk's page -------------------------------------------------------------------------


def _staff_page(request, allowed, *, status=200, **forms):
    """Everything about one consultation; `forms` holds a bound form that failed, if any."""
    consultation = allowed.obj
    comments = list(
        consultation.comments.select_related(
            "author", "recorded_by", "responded_by", "hidden_by"
        ).prefetch_related("revisions")
    )
    failing_respond, failing_hide = forms.get("respond_form"), forms.get("hide_form")
    for c in comments:
        c.respond_form = (
            failing_respond
            if failing_respond is not None and failing_respond.comment_pk == c.pk
            else RespondForm(
                initial={"kind": c.response_kind or "accepted", "response": c.response},
                auto_id=f"id_r{c.pk}_%s",
            )
        )
        c.hide_form = (
            failing_hide
            if failing_hide is not None and failing_hide.comment_pk == c.pk
            else HideCommentForm(auto_id=f"id_h{c.pk}_%s")
        )
    state = consultation.state
    context = {
        "c": consultation,
        "can_edit": allowed.can_edit,
        "can_approve": allowed.can_approve,
        "reference": item_reference(consultation.item),
        "is_draft": state == ConsultationState.DRAFT,
        "is_open": consultation.is_open(),
        "documents": list(consultation.documents.all()),
        "comments": comments,
        "waiting": sum(1 for c in comments if not c.response and not c.is_hidden),
        "accepts_records": state in (ConsultationState.OPEN, ConsultationState.CLOSED),
        "can_publish": state == ConsultationState.CLOSED and consultation.result_disclosure_id is None,
        "results_submitted": state == ConsultationState.CLOSED
        and consultation.result_disclosure_id is not None,
        "results_public": actions.results_made_public(consultation),
        "today": timezone.localdate(),
        "days_left": consultation.days_left() if consultation.is_open() else None,
        "upload_form": forms.get("upload_form") or DocumentUploadForm(),
        # Drafts can be attached before publishing and while comments are taken (a reason then).
        "can_upload": state == ConsultationState.DRAFT or consultation.is_open(),
        "record_form": forms.get("record_form")
        or CommentRecordForm(initial={"form_token": uuid.uuid4()}, auto_id="id_rec_%s"),
        "publish_form": forms.get("publish_form") or PublishResultsForm(auto_id="id_pub_%s"),
        "audit": trail(consultation),
    }
    response = render(request, "consultations/staff_detail.html", context, status=status)
    add_never_cache_headers(response)
    return response


@login_required
def staff_detail(request, pk):
    # A staff page: someone with no role here gets 404 and reads the public page.
    return _staff_page(request, get_consultation_for_user(request, pk, staff=True))


def _messages_from(request, error):
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_http_methods(["GET"])
def open_confirm(request, pk):
    """The step before publishing: what will happen (the period and its end, the documents made public,
    what can still be done), and whether it can happen (a plan without a draft cannot be opened)."""
    allowed = get_consultation_for_user(request, pk, write=True)
    consultation = allowed.obj
    if consultation.state != ConsultationState.DRAFT:
        messages.info(request, _("Kế hoạch này đã được công bố."))
        return redirect(_staff_url(consultation))
    now = timezone.now()
    period = actions.opening_period(consultation, now)
    documents = list(consultation.documents.all())
    response = render(
        request,
        "consultations/open_confirm.html",
        {
            "c": consultation,
            "reference": item_reference(consultation.item),
            "documents": documents,
            "starts_on": timezone.localdate(now) + dt.timedelta(days=1),
            "ends_on": period.date,
            "ends_at": period.ends_at,
            "closing": closing_text(period.ends_at),
            "explanation": period.explanation,
        },
        status=200 if documents else 409,
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def open_view(request, pk):
    """Publishing, once confirmed on the step before (`open_confirm`); without the confirmation, that step."""
    consultation = get_consultation_for_user(request, pk, write=True).obj
    if consultation.state != ConsultationState.DRAFT:
        messages.info(request, _("Kế hoạch này đã được công bố."))
        return redirect(_staff_url(consultation))
    if request.POST.get("confirm") != "1":
        return redirect("consultations:open_confirm", pk=consultation.pk)
    try:
        opened = actions.open_consultation(consultation, by=request.user)
    except ValidationError as error:
        _messages_from(request, error)
        return redirect(_staff_url(consultation, "documents"))
    if opened:
        messages.success(
            request,
            _("Đã công bố. Nhận ý kiến đến %(moment)s.") % {"moment": consultation.closing_text},
        )
    return redirect(_staff_url(consultation))


@login_required
@require_POST
def upload(request, pk):
    allowed = get_consultation_for_user(request, pk, write=True)
    consultation = allowed.obj
    form = DocumentUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _staff_page(request, allowed, upload_form=form, status=400)
    try:
        documents = actions.attach_documents(
            consultation, form.cleaned_data["files"], by=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            # Added while comments are taken without a reason: the form again, the message at the field.
            add_action_errors(form, error)
            return _staff_page(request, allowed, upload_form=form, status=400)
        _messages_from(request, error)
    else:
        messages.success(request, _("Đã đính kèm %(n)s tệp.") % {"n": len(documents)})
    return redirect(_staff_url(consultation, "documents"))


@login_required
@require_POST
def comment_record(request, pk):
    allowed = get_consultation_for_user(request, pk, write=True)
    consultation = allowed.obj
    form = CommentRecordForm(request.POST, auto_id="id_rec_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_comment(
                consultation,
                text=data["text"],
                section=data["section"],
                channel=data["channel"],
                people_count=data["people_count"],
                name=data["name"],
                received_at=data["received_at"],
                form_token=data["form_token"],
                by=request.user,
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận ý kiến."))
            return redirect(_staff_url(consultation, "comments"))
    return _staff_page(request, allowed, record_form=form, status=400)


def _comment_for(request, pk, cpk):
    allowed = get_consultation_for_user(request, pk, write=True)
    comment = get_object_or_404(Comment, pk=cpk, consultation=allowed.obj)
    comment.consultation = allowed.obj
    return allowed, comment


@login_required
@require_POST
def comment_respond(request, pk, cpk):
    allowed, comment = _comment_for(request, pk, cpk)
    consultation = allowed.obj
    form = RespondForm(request.POST, auto_id=f"id_r{comment.pk}_%s")
    form.comment_pk = comment.pk
    if form.is_valid():
        try:
            actions.respond(
                comment, by=request.user, kind=form.cleaned_data["kind"], text=form.cleaned_data["response"],
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu nội dung giải trình, tiếp thu."))
            return redirect(_staff_url(consultation, f"comment-{comment.pk}"))
    return _staff_page(request, allowed, respond_form=form, status=400)


@login_required
@require_POST
def comment_hide(request, pk, cpk):
    allowed, comment = _comment_for(request, pk, cpk)
    consultation = allowed.obj
    form = HideCommentForm(request.POST, auto_id=f"id_h{comment.pk}_%s")
    form.comment_pk = comment.pk
    if form.is_valid():
        try:
            actions.hide_comment(comment, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ẩn ý kiến; ý kiến vẫn được lưu cùng lý do."))
            return redirect(_staff_url(consultation, f"comment-{comment.pk}"))
    return _staff_page(request, allowed, hide_form=form, status=400)


@login_required
@require_POST
def publish_results(request, pk):
    allowed = get_consultation_for_user(request, pk, write=True)
    consultation = allowed.obj
    form = PublishResultsForm(request.POST, auto_id="id_pub_%s")
    if form.is_valid():
        try:
            disclosure = actions.submit_results(
                consultation,
                by=request.user,
                summary=form.cleaned_data["summary"],
                result_number=form.cleaned_data["result_number"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
            if consultation.state != ConsultationState.CLOSED or consultation.result_disclosure_id:
                _messages_from(request, error)  # the form is not on the page any more: say why above it
        else:
            messages.success(
                request,
                _(
                    "Đã trình kết quả: thông tin công khai số %(n)s chờ lãnh đạo phê duyệt; kết quả được công "
                    "khai khi được phê duyệt."
                )
                % {"n": disclosure.pk},
            )
            return redirect(_staff_url(consultation))
    return _staff_page(request, allowed, publish_form=form, status=400)


@login_required
def comments_xlsx(request, pk):
    consultation = get_consultation_for_user(request, pk, staff=True).obj
    return generated_download(
        outputs.comments_xlsx(consultation),
        filename=f"y-kien-lay-y-kien-{consultation.pk}.xlsx",
        content_type=XLSX_TYPE,
    )


# --- An agency's consultation posted on its commune's board ------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def board_posting(request, pk):
    """The agency head's page to post its consultation on its commune's public board (what will happen:
    the commune, who may comment), or, once posted, to stop posting it with a reason while that is
    still allowed (`actions.withdraw_from_board`)."""
    allowed = get_consultation_for_approving(request, pk)
    consultation = allowed.obj
    if not consultation.is_internal:
        messages.info(request, _("Cuộc lấy ý kiến của xã đã được công khai trên bảng tin của xã."))
        return redirect(_staff_url(consultation))
    posted = consultation.board_id is not None
    form = (BoardWithdrawalForm if posted else BoardPostingForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if posted:
                done = actions.withdraw_from_board(
                    consultation, by=request.user, reason=form.cleaned_data["reason"]
                )
                message = _(
                    "Đã thôi niêm yết công khai trên bảng tin của %(unit)s; việc này được ghi vào nhật ký."
                )
            else:
                done = actions.post_on_board(
                    consultation, by=request.user, decision=form.cleaned_data["decision"]
                )
                message = _(
                    "Đã quyết định niêm yết công khai trên bảng tin của %(unit)s: người dân xem và gửi ý kiến "
                    "khi cuộc lấy ý kiến đang diễn ra."
                )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            consultation.refresh_from_db()
            if done:
                messages.success(request, message % {"unit": consultation.board.name})
            else:
                messages.info(request, _("Không có gì thay đổi: việc này đã được người khác thực hiện."))
            return redirect(_staff_url(consultation))
    commune = consultation.board or actions.board_commune_of(consultation.agency)
    response = render(
        request,
        "consultations/board_posting.html",
        {"c": consultation, "form": form, "posted": posted, "commune": commune},
        status=400 if form.errors else 200,
    )
    add_never_cache_headers(response)
    return response
