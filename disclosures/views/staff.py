"""The clerk's and the approver's workspace pages: the list, the form, one disclosure.

Every view: load through the permission accessor → validate the form → call one function of
`actions` (or `uploads`) → render, or redirect (PRG)."""

import datetime as dt
import itertools
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, DateField, F, IntegerField, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods

from democracy.audit import trail
from units.access import owned_filter
from units.models import extends_to_working_day, is_agency
from units.text import vi_sorted

from .. import actions
from ..access import (
    DisclosureAccess,
    creatable_for,
    get_disclosure_for_staff,
    get_disclosure_for_user,
    get_owner_for_create,
    visible_filter,
)
from ..forms import (
    AnswerForm,
    CorrectForm,
    DisclosureForm,
    DocumentUploadForm,
    FeedbackRecordForm,
    HideFeedbackForm,
    PublishForm,
    ReturnForm,
    WithdrawForm,
    add_action_errors,
    item_label,
    item_reference,
)
from ..models import Disclosure, Feedback, State

PAGE_SIZE = 50
CLOSING_SOON_DAYS = 3
# The workspace's groups, most urgent first; "urgent" gathers drafts and submissions due today or late.
URGENT = "urgent"
GROUPS = [
    (URGENT, _lazy("Đến hạn hoặc quá hạn công khai")),
    (State.DRAFT, State.DRAFT.label),
    (State.SUBMITTED, State.SUBMITTED.label),
    (State.PUBLISHED, State.PUBLISHED.label),
    (State.CLOSED, State.CLOSED.label),
    (State.WITHDRAWN, State.WITHDRAWN.label),
    (State.SUPERSEDED, State.SUPERSEDED.label),
]
PENDING = (State.DRAFT, State.SUBMITTED)
# --- The list ----------------------------------------------------------------------------------


def _workspace_queryset(request, today: dt.date):
    base = Disclosure.objects.filter(visible_filter(request)).filter(owned_filter(request))
    # A correlated count rather than a join: no GROUP BY, so the paginator's count stays a plain COUNT(*).
    waiting = Coalesce(
        Subquery(
            Feedback.objects.filter(disclosure=OuterRef("pk"), answer="", hidden_at__isnull=True)
            .order_by()
            .values("disclosure")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )
    overdue = Q(state__in=PENDING, posting_deadline__lte=today)
    group = Case(
        When(overdue, then=0),
        *(When(state=state, then=rank) for rank, (state, _label) in enumerate(GROUPS) if rank),
        default=len(GROUPS),
        output_field=IntegerField(),
    )
    # Drafts and submissions by their posting deadline, published ones by the end of their window.
    due = Case(
        When(state__in=PENDING, then=F("posting_deadline")),
        When(state=State.PUBLISHED, then=F("window_end")),
        output_field=DateField(),
    )
    rows = (
        base.select_related("item", "unit", "agency")
        # The list shows none of the long texts; a page of 50 should not carry 50 bodies.
        .defer("summary", "body", "search_text", "posting_deadline_explanation", "window_explanation")
        .annotate(waiting=waiting, group=group, due=due)
        .order_by("group", F("due").asc(nulls_last=True), "-waiting", "-updated_at", "-pk")
    )
    return base, rows


def _summary(base, today):
    """Everything the banner and the tabs count, in one query."""
    soon = today + dt.timedelta(days=CLOSING_SOON_DAYS)
    counts = {f"state_{state}": Count("pk", distinct=True, filter=Q(state=state)) for state in State.values}
    return base.aggregate(
        overdue=Count("pk", distinct=True, filter=Q(state__in=PENDING, posting_deadline__lt=today)),
        due_today=Count("pk", distinct=True, filter=Q(state__in=PENDING, posting_deadline=today)),
        closing_soon=Count("pk", distinct=True, filter=Q(state=State.PUBLISHED, window_end__lte=soon)),
        waiting=Count("feedback", filter=Q(feedback__answer="", feedback__hidden_at__isnull=True)),
        total=Count("pk", distinct=True),
        **counts,
    )


def _decorate(rows, today):
    """Per-row facts the template shows (days late, days left) from columns already loaded."""
    for d in rows:
        d.days_to_deadline = (d.posting_deadline - today).days if d.posting_deadline else None
        d.days_late = -d.days_to_deadline if d.days_to_deadline is not None else None
        d.days_left = (d.window_end - today).days if d.window_end else None
        d.reference = item_reference(d.item)
    return rows


@login_required
def workspace(request):
    today = timezone.localdate()
    base, rows = _workspace_queryset(request, today)
    state = request.GET.get("state", "")
    if state in State.values:
        rows = rows.filter(state=state)
    else:
        state = ""
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    groups = [
        (GROUPS[key][1] if key < len(GROUPS) else "", list(items))
        for key, items in itertools.groupby(_decorate(page.object_list, today), key=lambda d: d.group)
    ]
    summary = _summary(base, today)
    creatable = creatable_for(request)
    tabs = [(s.value, s.label, summary[f"state_{s.value}"]) for s in State]
    return render(
        request,
        "disclosures/staff/workspace.html",
        {
            "page": page,
            "groups": groups,
            "summary": summary,
            "tabs": tabs,
            "state": state,
            "creatable": creatable,
            "today": today,
        },
    )


# --- The form ----------------------------------------------------------------------------------


def _form_page(request, form, *, owner, disclosure=None, preview=False):
    timeline = form.timeline()
    return render(
        request,
        "disclosures/staff/form.html",
        {
            "form": form,
            "owner": owner,
            "internal": is_agency(owner),
            "disclosure": disclosure,
            "timeline": timeline,
            "item_label": item_label(timeline.item) if timeline.item else "",
            "preview": preview,
            "extend_to_working_day": extends_to_working_day(owner),
        },
    )


def _create(request, owner):
    form = DisclosureForm(request.POST or None, owner=owner, initial={"form_token": uuid.uuid4()})
    if request.method == "POST" and "preview" in request.POST:
        form.check_for_preview()
        return _form_page(request, form, owner=owner, preview=True)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = actions.create_draft(
                owner=owner,
                by=request.user,
                form_token=form.cleaned_data["form_token"],
                villages=form.chosen_villages(),
                **form.draft_fields(),
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã lưu bản nháp “%(title)s”. Hạn công khai: %(deadline)s.")
                % {"title": disclosure.title, "deadline": f"{disclosure.posting_deadline:%d/%m/%Y}"},
            )
            return redirect("disclosures:staff_detail", pk=disclosure.pk)
    return _form_page(request, form, owner=owner)


@login_required
@require_http_methods(["GET", "POST"])
def create(request, code):
    return _create(request, get_owner_for_create(request, code))


@login_required
@require_http_methods(["GET", "POST"])
def create_for_agency(request, code):
    return _create(request, get_owner_for_create(request, code, agency=True))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    disclosure = get_disclosure_for_user(request, pk, write=True).disclosure
    if disclosure.state != State.DRAFT:
        messages.info(
            request,
            _("Chỉ sửa được bản nháp. Thông tin đã công khai được đính chính bằng một phiên bản mới."),
        )
        return redirect("disclosures:staff_detail", pk=disclosure.pk)
    initial = {name: getattr(disclosure, name) for name in actions.EDITABLE_FIELDS}
    if disclosure.unit_id:
        initial["villages"] = list(disclosure.posting_villages.values_list("pk", flat=True))
    form = DisclosureForm(request.POST or None, owner=disclosure.owner, initial=initial)
    if request.method == "POST" and "preview" in request.POST:
        form.check_for_preview()
        return _form_page(request, form, owner=disclosure.owner, disclosure=disclosure, preview=True)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_draft(
                disclosure,
                by=request.user,
                villages=form.chosen_villages() if disclosure.unit_id else None,
                **form.draft_fields(),
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("disclosures:staff_detail", pk=disclosure.pk)
    return _form_page(request, form, owner=disclosure.owner, disclosure=disclosure)


# --- One disclosure ---------------------------------------------------------------------------


def detail_page(request, access: DisclosureAccess, *, status=200, **forms):
    """The disclosure with everything about it; `forms` holds a bound form that failed, if any."""
    disclosure = access.disclosure
    today = timezone.localdate()
    feedback = list(
        disclosure.feedback.select_related("answered_by", "recorded_by", "hidden_by")
        .prefetch_related("revisions")
        .order_by("received_at", "pk")
    )
    failing_answer = forms.get("answer_form")
    failing_hide = forms.get("hide_form")
    for f in feedback:
        f.answer_form = (
            failing_answer
            if failing_answer is not None and failing_answer.feedback_pk == f.pk
            else AnswerForm(initial={"answer": f.answer}, auto_id=f"id_f{f.pk}_%s")
        )
        f.hide_form = (
            failing_hide
            if failing_hide is not None and failing_hide.feedback_pk == f.pk
            else HideFeedbackForm(auto_id=f"id_h{f.pk}_%s")
        )
    audit = trail(disclosure)
    context = {
        "d": disclosure,
        "can_edit": access.can_edit,
        "can_approve": access.can_approve,
        "is_draft": disclosure.state == State.DRAFT,
        "late_now": disclosure.posting_deadline is not None and today > disclosure.posting_deadline,
        "today": today,
        "reference": item_reference(disclosure.item),
        "documents": list(disclosure.documents.select_related("uploaded_by")),
        "records": list(disclosure.records.order_by("made_at", "pk")),
        "villages": vi_sorted(disclosure.posting_villages.all()),
        "feedback": feedback,
        "waiting": sum(1 for f in feedback if not f.answer and not f.is_hidden),
        "audit": audit,
        "newer": Disclosure.objects.filter(supersedes=disclosure).only("pk", "version", "state").first(),
        "older": disclosure.supersedes,
        "accepts_feedback": disclosure.state in (State.PUBLISHED, State.CLOSED),
        "upload_form": forms.get("upload_form") or DocumentUploadForm(),
        "return_form": forms.get("return_form") or ReturnForm(auto_id="id_return_%s"),
        "publish_form": forms.get("publish_form") or PublishForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(auto_id="id_withdraw_%s"),
        "correct_form": forms.get("correct_form") or CorrectForm(auto_id="id_correct_%s"),
        "record_form": forms.get("record_form") or FeedbackRecordForm(initial={"form_token": uuid.uuid4()}),
    }
    return render(request, "disclosures/staff/detail.html", context, status=status)


@login_required
def staff_detail(request, pk):
    return detail_page(request, get_disclosure_for_staff(request, pk))
