"""The staff side of the inbox: the list of petitions (open ones first, by deadline), recording one that
came by another channel, the suggestion-box openings, and one petition's page with its acts (route,
forward, answer or explain, publish anonymised, hide with a reason) and its audit trail.

Load → check → act → render: every object through `access`, every write through `actions`."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from democracy.audit import trail
from units.access import access_for
from units.models import Level

from .. import actions, links
from ..access import get_agency_for_sender, get_inbox_owner, get_petition_for_user, inbox_filter
from ..forms import (
    AnswerForm,
    BoxOpeningForm,
    ForwardForm,
    HideForm,
    PublishForm,
    RecordForm,
    RouteForm,
    SendForm,
    add_action_errors,
)
from ..models import OPEN_STATES, BoxOpening, Petition, State

PAGE_SIZE = 30
SOON_DAYS = 3  # "nearing the deadline" on the inbox and the staff to-do


def _inboxes(request):
    """The communes and agencies whose inbox the user records into (editing roles), and the agencies
    where they may send an internal petition as one of its own people."""
    editable, senders = [], []
    for m in access_for(request).memberships:
        if m.agency_id:
            (editable if m.role_enum.can_edit else senders).append(m)
        elif m.unit_id and m.role_enum.can_edit and m.unit.level == Level.COMMUNE:
            editable.append(m)
    return editable, senders


@login_required
def inbox(request):
    state = request.GET.get("state", "open")
    petitions = Petition.objects.filter(inbox_filter(request))
    tabs = [("open", _("Chờ xử lý")), *((s.value, s.label) for s in State if s not in OPEN_STATES)]
    if state == "open":
        petitions = petitions.filter(state__in=OPEN_STATES).order_by("due_on", "pk")
    elif state in State.values:
        petitions = petitions.filter(state=state).order_by("-received_at", "-pk")
    else:
        state = "all"
        petitions = petitions.annotate(
            closed=Case(
                When(state__in=OPEN_STATES, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        ).order_by("closed", "due_on", "-pk")
    page = Paginator(petitions.select_related("unit", "agency"), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for p in page:
        p.left = p.days_left(today)
        p.late = -p.left
    editable, senders = _inboxes(request)
    return render(
        request,
        "petitions/staff/inbox.html",
        {
            "page": page, "state": state, "tabs": [("all", _("Tất cả")), *tabs], "editable": editable,
            "senders": senders, "soon": SOON_DAYS,
        },
    )  # fmt: skip


def _record(request, owner):
    form = RecordForm(request.POST or None, owner=owner, initial={"form_token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            petition = actions.send_petition(
                owner, text=data["text"], kind=data["kind"], name=data["name"], contact=data["contact"],
                channel=data["channel"], received_at=data["received_at"], form_token=data["form_token"],
                box_opening=data["box_opening"], by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request, _("Đã ghi nhận phản ánh, kiến nghị %(ref)s.") % {"ref": petition.reference}
            )
            return redirect("petitions:staff_detail", pk=petition.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "petitions/staff/record.html", {"owner": owner, "form": form}, status=status)


@login_required
def record(request, code):
    return _record(request, get_inbox_owner(request, code))


@login_required
def record_for_agency(request, code):
    return _record(request, get_inbox_owner(request, code, agency=True))


@login_required
def send_internal(request, code):
    """One of an agency's own people sends a petition to its internal inbox (Art. 46 ff.)."""
    agency = get_agency_for_sender(request, code)
    form = SendForm(request.POST or None, initial={"form_token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            petition = actions.send_petition(
                agency, text=data["text"], kind=data["kind"], name=data["name"] or request.user.get_full_name(),
                contact=data["contact"], form_token=data["form_token"], by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã gửi phản ánh, kiến nghị %(ref)s đến %(name)s.")
                % {"ref": petition.reference, "name": agency.name},
            )
            return redirect("petitions:inbox")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "petitions/staff/send_internal.html", {"owner": agency, "form": form}, status=status
    )


def _box(request, owner):
    form = BoxOpeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_box_opening(
                owner, opened_on=data["opened_on"], witnesses=data["witnesses"], found=data["found"],
                note=data["note"], by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ghi lần mở hòm thư góp ý."))
            return redirect(request.path)
    openings = BoxOpening.objects.of(owner).select_related("recorded_by")[:50]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "petitions/staff/box.html",
        {"owner": owner, "form": form, "openings": openings},
        status=status,
    )


@login_required
def box(request, code):
    return _box(request, get_inbox_owner(request, code))


@login_required
def box_for_agency(request, code):
    return _box(request, get_inbox_owner(request, code, agency=True))


FORMS = {
    "route": RouteForm,
    "forward": ForwardForm,
    "answer": AnswerForm,
    "publish": PublishForm,
    "hide": HideForm,
}


def _detail_page(request, access, *, bound=None, status=200):
    """The petition's page; `bound` is the one form sent back with its errors ({name: form})."""
    petition = access.petition
    forms = {}
    if access.can_edit:
        initial = {
            "route": {"topic": petition.topic, "kind": petition.kind, "assigned_to": petition.assigned_to},
            "publish": {"public_text": petition.text},
        }
        for name, form_class in FORMS.items():
            forms[name] = (bound or {}).get(name) or form_class(initial=initial.get(name), prefix=name)
    return render(
        request,
        "petitions/staff/detail.html",
        {
            "p": petition, "access": access, "forms": forms, "audit": trail(petition),
            "left": petition.days_left(), "soon": SOON_DAYS,
            "track_url": request.build_absolute_uri(links.url_for(petition)) if access.can_edit else "",
            "can_publish": petition.state == State.ANSWERED and not petition.is_internal and not petition.published_at,
        },
        status=status,
    )  # fmt: skip


@login_required
def detail(request, pk):
    return _detail_page(request, get_petition_for_user(request, pk))


def _act(request, pk, name, call, done):
    access = get_petition_for_user(request, pk, write=True)
    form = FORMS[name](request.POST, prefix=name)
    if form.is_valid():
        try:
            call(access.petition, form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("petitions:staff_detail", pk=access.petition.pk)
    return _detail_page(request, access, bound={name: form}, status=400)


@login_required
@require_POST
def route(request, pk):
    return _act(
        request, pk, "route",
        lambda p, d: actions.route_petition(p, by=request.user, topic=d["topic"], kind=d["kind"], assigned_to=d["assigned_to"]),
        _("Đã phân loại và giao xử lý."),
    )  # fmt: skip


@login_required
@require_POST
def forward(request, pk):
    return _act(
        request, pk, "forward",
        lambda p, d: actions.forward_petition(p, by=request.user, to=d["to"], note=d["note"]),
        _("Đã chuyển đến cơ quan có thẩm quyền."),
    )  # fmt: skip


@login_required
@require_POST
def answer(request, pk):
    return _act(
        request, pk, "answer",
        lambda p, d: actions.answer_petition(
            p, by=request.user, text=d["answer"], outside_scope=d["outcome"] == "outside"
        ),
        _("Đã lưu câu trả lời; người gửi xem được qua đường dẫn của mình."),
    )  # fmt: skip


@login_required
@require_POST
def publish(request, pk):
    return _act(
        request, pk, "publish",
        lambda p, d: actions.publish_petition(p, by=request.user, public_text=d["public_text"]),
        _("Đã công khai trên trang phản ánh, kiến nghị của xã (ẩn danh)."),
    )  # fmt: skip


@login_required
@require_POST
def hide(request, pk):
    return _act(
        request, pk, "hide",
        lambda p, d: actions.hide_petition(p, by=request.user, reason=d["reason"]),
        _("Đã ẩn; nội dung vẫn được lưu cùng lý do."),
    )  # fmt: skip
