"""Consultation pages: the clerk's plan form and workspace page with its POST actions, the XLSX export,
and the citizen's board, page, comment form and document downloads.

Every view loads through the permission accessors (`access.get_consultation_for_user`,
`units.access.get_unit_for_user` / `get_agency_for_user`): outsiders get 404 (an agency's internal
consultations and a commune's plans are never revealed), read-only roles 403 on writes. Every write goes
through one function of `actions` (the draft documents through `_add_documents` below, which reuses the
disclosures' content checks). Pages run a fixed number of queries whatever the number of comments.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from democracy import ratelimit
from democracy.downloads import safe_download
from democracy.forms import add_action_errors, item_reference
from democracy.xlsx import write_sheet
from units.access import belongs, get_agency_for_user, get_unit_for_user
from units.models import AdministrativeUnit, Level

from . import actions
from .access import get_consultation_for_user
from .forms import (
    CommentRecordForm,
    ConsultationForm,
    DocumentUploadForm,
    HideCommentForm,
    PublicCommentForm,
    PublishResultsForm,
    RespondForm,
)
from .models import (
    Comment,
    CommentChannel,
    Consultation,
    ConsultationState,
    DraftDocument,
)

MEETING_CHANNELS = (CommentChannel.CONFERENCE, CommentChannel.COMMUNITY_MEETING)


def _is_public(consultation) -> bool:
    return not consultation.is_internal and consultation.state != ConsultationState.DRAFT


def _staff_url(consultation, anchor=""):
    return reverse("consultations:staff_detail", args=[consultation.pk]) + (f"#{anchor}" if anchor else "")


def _days_left(consultation, today):
    return (consultation.ends_on - today).days if consultation.ends_on else None


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
        {"form": form, "owner": owner, "internal": not isinstance(owner, AdministrativeUnit)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request, code):
    unit, _roles = get_unit_for_user(request, code, write=True)
    if unit.level != Level.COMMUNE:
        raise Http404
    return _create(request, unit)


@login_required
@require_http_methods(["GET", "POST"])
def create_for_agency(request, code):
    agency, _roles = get_agency_for_user(request, code, write=True)
    return _create(request, agency)


# --- The clerk's page -------------------------------------------------------------------------


def _staff_page(request, consultation, roles, *, status=200, **forms):
    """Everything about one consultation; `forms` holds a bound form that failed, if any."""
    can_edit = any(r.can_edit for r in roles)
    comments = list(
        consultation.comments.select_related("author", "recorded_by", "responded_by", "hidden_by")
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
        "can_edit": can_edit,
        "reference": item_reference(consultation.item),
        "is_draft": state == ConsultationState.DRAFT,
        "is_open": consultation.is_open(),
        "documents": list(consultation.documents.all()),
        "comments": comments,
        "waiting": sum(1 for c in comments if not c.response and not c.is_hidden),
        "accepts_records": state in (ConsultationState.OPEN, ConsultationState.CLOSED),
        "can_publish": state == ConsultationState.CLOSED,
        "today": timezone.localdate(),
        "days_left": _days_left(consultation, timezone.localdate()) if consultation.is_open() else None,
        "upload_form": forms.get("upload_form") or DocumentUploadForm(),
        "record_form": forms.get("record_form")
        or CommentRecordForm(initial={"form_token": uuid.uuid4()}, auto_id="id_rec_%s"),
        "publish_form": forms.get("publish_form") or PublishResultsForm(auto_id="id_pub_%s"),
    }
    response = render(request, "consultations/staff_detail.html", context, status=status)
    add_never_cache_headers(response)
    return response


@login_required
def staff_detail(request, pk):
    consultation, roles = get_consultation_for_user(request, pk)
    if not roles:
        raise Http404  # a staff page: someone with no role here reads the public page
    return _staff_page(request, consultation, roles)


def _messages_from(request, error):
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def open_view(request, pk):
    consultation, _roles = get_consultation_for_user(request, pk, write=True)
    if consultation.state != ConsultationState.DRAFT:
        messages.info(request, _("Kế hoạch này đã được công bố."))
    elif actions.open_consultation(consultation, by=request.user):
        messages.success(
            request,
            _("Đã công bố. Nhận ý kiến đến hết %(time)s ngày %(day)s.")
            % {
                "time": timezone.localtime(consultation.ends_at).strftime("%H:%M"),
                "day": consultation.ends_on.strftime("%d/%m/%Y"),
            },
        )
    return redirect(_staff_url(consultation))


@login_required
@require_POST
def upload(request, pk):
    consultation, roles = get_consultation_for_user(request, pk, write=True)
    form = DocumentUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _staff_page(request, consultation, roles, upload_form=form, status=400)
    try:
        documents = actions.attach_documents(consultation, form.cleaned_data["files"], by=request.user)
    except ValidationError as error:
        _messages_from(request, error)
    else:
        messages.success(request, _("Đã đính kèm %(n)s tệp.") % {"n": len(documents)})
    return redirect(_staff_url(consultation, "documents"))


@login_required
@require_POST
def comment_record(request, pk):
    consultation, roles = get_consultation_for_user(request, pk, write=True)
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
    return _staff_page(request, consultation, roles, record_form=form, status=400)


def _comment_for(request, pk, cpk):
    consultation, roles = get_consultation_for_user(request, pk, write=True)
    comment = get_object_or_404(Comment, pk=cpk, consultation=consultation)
    comment.consultation = consultation
    return consultation, roles, comment


@login_required
@require_POST
def comment_respond(request, pk, cpk):
    consultation, roles, comment = _comment_for(request, pk, cpk)
    form = RespondForm(request.POST, auto_id=f"id_r{comment.pk}_%s")
    form.comment_pk = comment.pk
    if form.is_valid():
        try:
            actions.respond(
                comment, by=request.user, kind=form.cleaned_data["kind"], text=form.cleaned_data["response"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu nội dung giải trình, tiếp thu."))
            return redirect(_staff_url(consultation, f"comment-{comment.pk}"))
    return _staff_page(request, consultation, roles, respond_form=form, status=400)


@login_required
@require_POST
def comment_hide(request, pk, cpk):
    consultation, roles, comment = _comment_for(request, pk, cpk)
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
    return _staff_page(request, consultation, roles, hide_form=form, status=400)


@login_required
@require_POST
def publish_results(request, pk):
    consultation, roles = get_consultation_for_user(request, pk, write=True)
    form = PublishResultsForm(request.POST, auto_id="id_pub_%s")
    if form.is_valid():
        try:
            disclosure = actions.publish_results(
                consultation,
                by=request.user,
                summary=form.cleaned_data["summary"],
                result_number=form.cleaned_data["result_number"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã công khai kết quả; thông tin công khai số %(n)s đang được niêm yết.")
                % {"n": disclosure.pk},
            )
            return redirect(_staff_url(consultation))
    return _staff_page(request, consultation, roles, publish_form=form, status=400)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def comments_xlsx(request, pk):
    """Comments and responses for the result report. Names and contacts stay out of the file."""
    consultation, roles = get_consultation_for_user(request, pk)
    if not roles:
        raise Http404
    headers = [
        _("STT"),
        _("Thời điểm tiếp nhận"),
        _("Kênh tiếp nhận"),
        _("Số người tham dự"),
        _("Phần, điều của dự thảo"),
        _("Nội dung ý kiến"),
        _("Hình thức trả lời"),
        _("Nội dung giải trình, tiếp thu"),
        _("Thời điểm trả lời"),
        _("Ghi chú"),
    ]
    rows = (
        [
            n,
            c.received_at,
            c.get_channel_display(),
            c.people_count,
            c.section,
            c.text,
            c.get_response_kind_display() if c.response_kind else "",
            c.response,
            c.responded_at,
            _("Đã ẩn: %(reason)s") % {"reason": c.hidden_reason} if c.is_hidden else "",
        ]
        for n, c in enumerate(consultation.comments.all(), start=1)
    )
    content = write_sheet(headers, rows, sheet_title=_("Ý kiến góp ý"))
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="y-kien-lay-y-kien-{consultation.pk}.xlsx"'
    add_never_cache_headers(response)
    return response


# --- The citizen's side -----------------------------------------------------------------------


def board(request, code):
    """A commune's consultations: open ones first with days left and the exact end, then the rest."""
    unit = get_object_or_404(
        AdministrativeUnit.objects.select_related("parent__parent__parent"), code=code, level=Level.COMMUNE
    )
    now = timezone.now()
    public = (
        Consultation.objects.public()
        .filter(unit=unit)
        .select_related("item")
        .annotate(public_comments=Count("comments", filter=Q(comments__hidden_at__isnull=True)))
    )
    is_open = Q(state=ConsultationState.OPEN, ends_at__gte=now)
    current = list(public.filter(is_open).order_by("ends_at", "pk"))
    today = timezone.localdate(now)
    for c in current:
        c.days_left = _days_left(c, today)
    past = list(public.exclude(is_open).order_by("-ends_at", "-pk")[:100])
    return render(
        request,
        "consultations/board.html",
        {"unit": unit, "ancestors": unit.ancestors(), "current": current, "past": past},
    )


def _may_comment(consultation, roles) -> bool:
    """Anyone on a commune's consultation; on an agency's, only its own people (Art. 53)."""
    if not consultation.is_internal:
        return consultation.state != ConsultationState.DRAFT
    return belongs(roles)


def _closed_reason(consultation) -> str:
    if consultation.state == ConsultationState.DRAFT:
        return _("Kế hoạch chưa được công bố nên chưa nhận ý kiến.")
    if consultation.ends_at:
        return _(
            "Thời gian lấy ý kiến đã kết thúc lúc %(time)s ngày %(day)s; không nhận thêm ý kiến trực tuyến."
        ) % {
            "time": timezone.localtime(consultation.ends_at).strftime("%H:%M"),
            "day": timezone.localtime(consultation.ends_at).strftime("%d/%m/%Y"),
        }
    return ""


COMMENTS_PER_PAGE = 100


def detail(request, pk):
    consultation, roles = get_consultation_for_user(request, pk)
    return _render_detail(request, consultation, roles)


def _render_detail(request, consultation, roles, *, form=None, refusal="", status=200):
    """The consultation's page. While open: the documents and the comment form. After the period: the
    results and every comment with its response. Names and contacts are never on the page."""
    is_open = consultation.is_open()
    can_comment = is_open and _may_comment(consultation, roles)
    if can_comment and form is None:
        form = PublicCommentForm(initial={"form_token": uuid.uuid4()})
    ended = consultation.state != ConsultationState.DRAFT and not is_open
    comments = []
    if ended:
        # A page at a time: 5,000 comments on one page made 2.9 MB of HTML and 1.7 s (bench/consultation_page.py).
        comments = Paginator(
            consultation.comments.only(
                "consultation_id", "section", "text", "channel", "people_count", "received_at", "response_kind",
                "response", "responded_at", "hidden_at", "hidden_reason",
            ),
            COMMENTS_PER_PAGE,
        ).get_page(request.GET.get("page"))  # fmt: skip
    unit = consultation.unit
    context = {
        "c": consultation,
        "unit": unit,
        "ancestors": unit.ancestors() if unit else [],
        "is_public": _is_public(consultation),
        "reference": item_reference(consultation.item),
        "documents": list(consultation.documents.all()),
        "is_open": is_open,
        "ended": ended,
        "days_left": _days_left(consultation, timezone.localdate()) if is_open else None,
        "comments": comments,
        "received": consultation.comments.filter(hidden_at__isnull=True).count() if is_open else None,
        "can_comment": can_comment,
        "closed_reason": "" if is_open else _closed_reason(consultation),
        "form": form,
        "refusal": refusal,
        "is_staff_here": any(r.can_edit for r in roles),
    }
    response = render(request, "consultations/detail.html", context, status=status)
    if not context["is_public"]:
        add_never_cache_headers(response)
    return response


def _sent_message():
    return _(
        "Đã gửi ý kiến. Ý kiến và nội dung giải trình, tiếp thu được công khai sau khi kết thúc lấy ý kiến."
    )


@require_POST
def comment(request, pk):
    """A comment (PRG), identity optional for citizens and never public; staff under their account.
    Limits: a rate limit per client, size limits, and a honeypot that stores nothing."""
    consultation, roles = get_consultation_for_user(request, pk)
    if not _may_comment(consultation, roles):
        raise PermissionDenied
    form = PublicCommentForm(request.POST)
    if not ratelimit.feedback_allowed(request):
        response = _render_detail(
            request,
            consultation,
            roles,
            form=form,
            status=429,
            refusal=_(
                "Bạn đã gửi quá nhiều ý kiến trong một giờ. Xin thử lại sau; "
                "nội dung bạn vừa nhập vẫn còn trong ô dưới đây."
            ),
        )
        response["Retry-After"] = str(ratelimit.retry_after())
        return response
    done = redirect(reverse("consultations:detail", args=[consultation.pk]) + "#gop-y")
    if request.POST.get("website", "").strip():
        messages.success(request, _sent_message())
        return done
    if not consultation.is_open():
        return _render_detail(request, consultation, roles, refusal=_closed_reason(consultation), status=400)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_comment(
                consultation,
                text=data["text"],
                section=data["section"],
                name=data["name"],
                contact=data["contact"],
                author=request.user if request.user.is_authenticated else None,
                form_token=data["form_token"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _sent_message())
            return done
    return _render_detail(request, consultation, roles, form=form, status=400)


def document(request, pk):
    doc = get_object_or_404(DraftDocument, pk=pk)
    consultation, _roles = get_consultation_for_user(request, doc.consultation_id)
    return safe_download(
        doc.file, filename=doc.original_name, content_type=doc.content_type, public=_is_public(consultation)
    )
