"""Pages of the yearly duties and stand-alone meetings: a commune's (and its villages') or an agency's
duties for a year with their status and meetings; scheduling a meeting, its minutes, the written
report, attachments, cancelling; the commune's public calendar, its iCalendar feed, and the public page
of a public meeting."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations import actions
from consultations.access import get_owner_for_user
from consultations.models import Meeting, MeetingAttachment, MeetingKindRule
from democracy.audit import trail
from democracy.downloads import document_download
from democracy.forms import DocumentUploadForm, add_action_errors
from democracy.notify import absolute
from units.models import AdministrativeUnit, Level, is_agency

from . import engine
from .access import get_meeting_for_user, is_public
from .forms import CancelForm, MinutesForm, ReportForm, ScheduleForm

FIRST_YEAR = 2023  # the Law took effect on 01/7/2023


def _year(request) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        return this_year
    return year if FIRST_YEAR <= year <= this_year + 1 else this_year


def _duties_url(owner) -> str:
    if is_agency(owner):
        return reverse("duties:agency_duties", args=[owner.code])
    commune = owner.parent if owner.level == Level.VILLAGE else owner
    return reverse("duties:unit_duties", args=[commune.code])


def _new_url(owner) -> str:
    if is_agency(owner):
        return reverse("duties:agency_meeting_new", args=[owner.code])
    return reverse("duties:meeting_new", args=[owner.code])


def _duties_page(request, allowed, statuses, meetings, year):
    owner = allowed.obj
    rows = []
    for s in statuses:
        s.new_url = f"{_new_url(s.owner)}?kind={s.duty.kind_list[0]}"
        rows.append(s)
    groups = {}
    for s in rows:
        groups.setdefault(s.duty.pk, {"duty": s.duty, "rows": []})["rows"].append(s)
    this_year = timezone.localdate().year
    return render(
        request,
        "duties/duties.html",
        {
            "owner": owner,
            "internal": is_agency(owner),
            "year": year,
            "years": list(range(this_year + 1, FIRST_YEAR - 1, -1)),
            "groups": list(groups.values()),
            "missed": sum(1 for s in rows if s.status == engine.OVERDUE),
            "meetings": meetings,
            "can_edit": allowed.can_edit,
            "new_url": _new_url(owner),
        },
    )


def _meetings_of(q, year):
    start, end = engine.day_start(dt.date(year, 1, 1)), engine.day_start(dt.date(year + 1, 1, 1))
    return list(
        Meeting.objects.filter(q, consultation__isnull=True, decision__isnull=True)
        .filter(held_at__gte=start, held_at__lt=end)
        .select_related("unit", "agency")
        .order_by("held_at", "pk")
    )


@login_required
def unit_duties(request, code):
    allowed = get_owner_for_user(request, code)
    commune, year = allowed.obj, _year(request)
    statuses = engine.duties_of_commune(commune, year)
    meetings = _meetings_of(Q(unit=commune) | Q(unit__parent=commune, unit__level=Level.VILLAGE), year)
    return _duties_page(request, allowed, statuses, meetings, year)


@login_required
def agency_duties(request, code):
    allowed = get_owner_for_user(request, code, agency=True)
    agency, year = allowed.obj, _year(request)
    statuses = engine.duties_of_owner(agency, year)
    return _duties_page(request, allowed, statuses, _meetings_of(Q(agency=agency), year), year)


def _schedule(request, allowed):
    owner = allowed.obj
    kinds = actions.kinds_for(owner)
    wanted = request.GET.get("kind")
    rule = actions.kind_rule(wanted) if wanted in kinds else None
    initial = {}
    if rule is not None:
        initial = {"kind": wanted, "agenda": rule.agenda, "public": rule.public_default}
        if wanted == Meeting.Kind.VILLAGE_CONFERENCE:
            initial["title"] = _("Hội nghị cộng đồng dân cư cuối năm %(year)s") % {
                "year": timezone.localdate().year
            }
    form = ScheduleForm(request.POST or None, kinds=kinds, internal=is_agency(owner), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.schedule_meeting(owner=owner, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã triệu tập cuộc họp, hội nghị."))
            return redirect("duties:meeting_detail", pk=meeting.pk)
    rules = {r.kind: r for r in MeetingKindRule.objects.filter(kind__in=kinds)}
    return render(
        request,
        "duties/meeting_form.html",
        {
            "form": form,
            "owner": owner,
            "back_url": _duties_url(owner),
            "rules": [rules[k] for k in kinds if k in rules],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def meeting_new(request, code):
    return _schedule(
        request, get_owner_for_user(request, code, levels=(Level.COMMUNE, Level.VILLAGE), write=True)
    )


@login_required
def agency_meeting_new(request, code):
    return _schedule(request, get_owner_for_user(request, code, agency=True, write=True))


def _detail(
    request, allowed, *, minutes_form=None, report_form=None, upload_form=None, cancel_form=None, status=200
):
    meeting = allowed.obj
    rule = actions.kind_rule(meeting.kind)
    latest = actions.latest_notice_day(meeting.held_at, rule)
    return render(
        request,
        "duties/meeting_detail.html",
        {
            "m": meeting,
            "owner": meeting.owner,
            "rule": rule,
            "latest_notice": latest,
            "can_edit": allowed.can_edit,
            "is_public": is_public(meeting),
            "started": meeting.held_at <= timezone.now(),
            "attachments": list(meeting.attachments.all()),
            "report_form": report_form or ReportForm(initial={"sent_on": timezone.localdate()}),
            "upload_form": upload_form or DocumentUploadForm(),
            "cancel_form": cancel_form or CancelForm(),
            "audit": trail(meeting),
            "back_url": _duties_url(meeting.owner),
        },
        status=status,
    )


@login_required
def meeting_detail(request, pk):
    return _detail(request, get_meeting_for_user(request, pk))


@login_required
def meeting_minutes(request, pk):
    allowed = get_meeting_for_user(request, pk, write=True)
    meeting = allowed.obj
    if meeting.state != Meeting.State.SCHEDULED:
        return redirect("duties:meeting_detail", pk=meeting.pk)
    rule = actions.kind_rule(meeting.kind)
    form = MinutesForm(
        request.POST or None,
        groups=rule.group_names if rule else (),
        initial={"chair": meeting.chair, "ends_at": meeting.ends_at and timezone.localtime(meeting.ends_at)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_minutes(meeting, by=request.user, **form.action_values())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ghi biên bản cuộc họp, hội nghị."))
            return redirect("duties:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "duties/minutes_form.html",
        {"form": form, "m": meeting, "owner": meeting.owner, "rule": rule},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def meeting_report(request, pk):
    allowed = get_meeting_for_user(request, pk, write=True)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            actions.record_report(allowed.obj, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ghi báo cáo sau hội nghị."))
            return redirect("duties:meeting_detail", pk=allowed.obj.pk)
    return _detail(request, allowed, report_form=form, status=400)


@login_required
@require_POST
def meeting_attach(request, pk):
    allowed = get_meeting_for_user(request, pk, write=True)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            rows = actions.attach_meeting_files(allowed.obj, form.cleaned_data["files"], by=request.user)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã đính kèm %(n)s tệp.") % {"n": len(rows)})
            return redirect("duties:meeting_detail", pk=allowed.obj.pk)
    return _detail(request, allowed, upload_form=form, status=400)


@login_required
@require_POST
def meeting_cancel(request, pk):
    allowed = get_meeting_for_user(request, pk, write=True)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            actions.cancel_meeting(allowed.obj, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã hủy cuộc họp."))
            return redirect("duties:meeting_detail", pk=allowed.obj.pk)
    return _detail(request, allowed, cancel_form=form, status=400)


@login_required
def attachment_download(request, pk):
    attachment = get_object_or_404(MeetingAttachment, pk=pk)
    get_meeting_for_user(request, attachment.meeting_id)
    return document_download(attachment, public=False)


# --- Public: the commune's calendar, its feed, a public meeting's page ------------------------------


def _commune(code) -> AdministrativeUnit:
    return get_object_or_404(
        AdministrativeUnit.objects.select_related("parent__parent"), code=code, level=Level.COMMUNE
    )


def _public_meetings(commune):
    return (
        Meeting.objects.filter(Q(unit=commune) | Q(unit__parent=commune, unit__level=Level.VILLAGE))
        .filter(public=True, consultation__isnull=True, decision__isnull=True)
        .exclude(state=Meeting.State.CANCELLED)
        .select_related("unit")
    )


def calendar(request, code):
    commune = _commune(code)
    now = timezone.now()
    meetings = _public_meetings(commune)
    upcoming = list(
        meetings.filter(state=Meeting.State.SCHEDULED, held_at__gte=now - dt.timedelta(hours=12)).order_by(
            "held_at", "pk"
        )[:100]
    )
    past = list(meetings.filter(state=Meeting.State.HELD).order_by("-held_at", "-pk")[:50])
    return render(
        request,
        "duties/calendar.html",
        {"unit": commune, "ancestors": commune.ancestors(), "upcoming": upcoming, "past": past},
    )


def calendar_ics(request, code):
    """The commune's public meetings (upcoming and of the past year) as an iCalendar feed (RFC 5545)."""
    from icalendar import Calendar, Event

    commune = _commune(code)
    since = timezone.now() - dt.timedelta(days=365)
    cal = Calendar()
    cal.add("prodid", "-//Cong thuc hien dan chu o co so//lich hop//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Lịch họp công khai – %(unit)s") % {"unit": commune.name})
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    for m in _public_meetings(commune).filter(held_at__gte=since).order_by("held_at", "pk"):
        event = Event()
        event.add("uid", f"meeting-{m.pk}@{request.get_host()}")
        event.add("dtstamp", m.created_at)
        event.add("dtstart", m.held_at)
        event.add("dtend", m.ends_at or m.held_at + dt.timedelta(hours=2))
        event.add("summary", m.title)
        event.add("location", m.place)
        event.add("description", f"{m.unit.name}. {m.get_kind_display()}.\n{m.agenda}".strip())
        event.add("url", absolute(reverse("duties:public_meeting", args=[m.pk])))
        event.add("status", "CONFIRMED")
        cal.add_component(event)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="lich-hop-{commune.code}.ics"'
    return response


def public_meeting(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("unit__parent"), pk=pk)
    if not is_public(meeting):
        raise Http404
    commune = meeting.unit if meeting.unit.level == Level.COMMUNE else meeting.unit.parent
    return render(
        request,
        "duties/public_meeting.html",
        {"m": meeting, "unit": commune, "rule": actions.kind_rule(meeting.kind)},
    )
