"""E-mails about unit reports: reminders to the clerks and approvers of a unit or agency whose report is
due, and a digest to each reviewer of the units of the area that submitted late or not at all.

- Reminder "sắp đến hạn": once the period has ended and its deadline is within the regime's
  `reminder_working_days` working days; reminder "quá hạn": once the deadline has passed (a report is
  late from the day after its deadline, as `sign_and_submit` marks it). Nothing once it is submitted.
- Digest: once per reviewer, area and period, after the deadline; nothing when no unit is late or
  missing.

Every e-mail is claimed once by key (`Notice`, unique) before it is sent: a second run, or two workers
at once, send nothing more; a run missed while the worker was down is caught up by the next one for
`CATCH_UP_DAYS` after the deadline (not for older periods: a new installation does not mail about
last year). People are loaded in one query per province and period, never one per unit.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy import calendar as working_calendar
from democracy.notify import absolute, already_sent, send_once
from democracy.periods import Period
from units.models import (
    AdministrativeUnit,
    Level,
    Membership,
    ReportingRegime,
    Role,
    is_agency,
    key_of_ids,
    owner_key,
)
from units.recipients import EDITORS

from . import compliance as compliance_module
from .models import ReportRequest, ReportState, ReportStatus, UnitReport

CATCH_UP_DAYS = 30
SOON, OVERDUE = "soon", "overdue"
REVIEWED_LEVELS = (Level.PROVINCE, Level.DISTRICT)


# --- shared ----------------------------------------------------------------------------------------


def report_link(report: UnitReport | None) -> str:
    """The report's page; the list of reports when it has not been compiled yet."""
    if report is not None:
        return absolute(reverse("reports:detail", args=[report.pk]))
    return absolute(reverse("reports:list"))


def _regimes() -> dict:
    """Every regime by its body's id (None: the national default), one query."""
    return ReportingRegime.all_by_authority()


def _regime_for(unit: AdministrativeUnit, regimes: dict) -> ReportingRegime:
    """`ReportingRegime.for_unit` without a query per unit (the parents must be loaded)."""
    return ReportingRegime.area_regime(unit, regimes)


def _ended(regime: ReportingRegime, today: dt.date) -> list[Period]:
    """The regime's ended periods; none when a fixed date is missing (a regime saved outside the admin)."""
    try:
        return regime.ended_periods(today)
    except ValueError:
        return []


def _date(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _period_context(period: Period, due: dt.date, due_explanation: str) -> dict:
    return {
        "period_label": period.label,
        "period_key": period.key,
        "period_start": _date(period.start),
        "period_end": _date(period.end),
        "due": _date(due),
        "due_explanation": due_explanation,
    }


# --- reminders -------------------------------------------------------------------------------------


def reminder_kind(due: dt.date, today: dt.date, horizon: dt.date) -> str | None:
    """SOON when the deadline is at most `horizon` away (the n-th working day after today), OVERDUE
    once it has passed (within the catch-up days), None otherwise."""
    if today > due:
        return OVERDUE if (today - due).days <= CATCH_UP_DAYS else None
    return SOON if due <= horizon else None


def _editors(unit_ids: list[int], agency_ids: list[int]) -> dict[str, list[str]]:
    """The e-mails of the clerks and approvers of each unit and agency, by owner key, in one query for
    the whole area (`units.recipients.editors_of` is the same for one owner, one query each)."""
    if not unit_ids and not agency_ids:
        return {}
    rows = (
        Membership.objects.filter(Q(unit__in=unit_ids) | Q(agency__in=agency_ids))
        .filter(role__in=EDITORS, user__is_active=True)
        .exclude(user__email="")
        .values_list("unit_id", "agency_id", "user__email")
    )
    found = defaultdict(set)
    for unit_id, agency_id, email in rows:
        found[key_of_ids(unit_id, agency_id)].add(email)
    return {key: sorted(emails) for key, emails in found.items()}


def send_report_reminders(today: dt.date | None = None) -> int:
    """Reminds the clerks and approvers of every unit and agency whose report for an ended period is
    not submitted: once when the deadline is near, once when it has passed. Returns the e-mails sent."""
    today = today or timezone.localdate()
    regimes = _regimes()
    horizons: dict[int, dt.date] = {}
    ended: dict[int, list[Period]] = {}  # by regime: most provinces share the national default
    sent = 0
    provinces = AdministrativeUnit.objects.current(today).filter(level=Level.PROVINCE).order_by("code")
    for province in provinces:
        regime = _regime_for(province, regimes)
        n = regime.reminder_working_days
        if n not in horizons:
            # 0 days: no reminder before the deadline, only once it has passed.
            horizons[n] = (
                working_calendar.add_working_days(today, n).date if n else today - dt.timedelta(days=1)
            )
        if id(regime) not in ended:
            ended[id(regime)] = _ended(regime, today)
        for period in ended[id(regime)]:
            if reminder_kind(period.due, today, horizons[n]) is None:
                continue
            sent += _remind_area(province, period, today, horizons[n])
    return sent + _remind_requests(today, regimes, horizons)


def _remind_requests(today: dt.date, regimes: dict, horizons: dict) -> int:
    """The reports asked for by a reviewing body and not sent: once when their due date is near (the
    requester's regime's reminder days), once when it has passed."""
    sent = 0
    recent = ReportRequest.objects.filter(due_on__gte=today - dt.timedelta(days=CATCH_UP_DAYS))
    for request in recent.select_related("area__parent__parent__parent"):
        n = _regime_for(request.area, regimes).reminder_working_days
        if n not in horizons:
            horizons[n] = (
                working_calendar.add_working_days(today, n).date if n else today - dt.timedelta(days=1)
            )
        kind = reminder_kind(request.due_on, today, horizons[n])
        if kind is None:
            continue
        reports = {
            r.owner_key: r
            for r in request.reports.exclude(state=ReportState.SUBMITTED).select_related("unit", "agency")
        }
        notice_key = {key: f"report-request-reminder:{kind}:{request.pk}:{key}" for key in reports}
        done = already_sent(notice_key.values())
        pending = [key for key in reports if notice_key[key] not in done]
        editors = _editors(
            [reports[k].unit_id for k in pending if reports[k].unit_id],
            [reports[k].agency_id for k in pending if reports[k].agency_id],
        )
        for key in pending:
            report = reports[key]
            if kind == SOON:
                subject = _("Sắp đến hạn gửi báo cáo đột xuất: {subject} – {owner}")
            else:
                subject = _("Quá hạn gửi báo cáo đột xuất: {subject} – {owner}")
            context = {
                "owner": report.owner.name,
                "requester": request.area.name,
                "subject": request.subject,
                "due": _date(request.due_on),
                "overdue": kind == OVERDUE,
                "state": report.get_state_display(),
                "link": report_link(report),
            }
            sent += send_once(
                notice_key[key],
                subject.format(subject=request.subject, owner=report.owner.name),
                "reports/email/request_reminder.txt",
                context,
                editors.get(key, []),
            )
    return sent


def _remind_area(province: AdministrativeUnit, period: Period, today: dt.date, horizon: dt.date) -> int:
    units = list(compliance_module.area_units(province, period).only("pk", "code", "name"))
    agencies = list(compliance_module.area_agencies(province).only("pk", "code", "name", "unit_id"))
    owners = {owner_key(o): o for o in [*units, *agencies]}
    reports = {
        r.owner_key: r
        for r in UnitReport.objects.filter(year=period.year, kind=period.kind, regime=None)
        .filter(Q(unit__in=[u.pk for u in units]) | Q(agency__in=[a.pk for a in agencies]))
        .only("pk", "unit_id", "agency_id", "state", "due_on", "due_explanation")
    }
    due = {}
    for key in owners:
        report = reports.get(key)
        if report is not None and report.state == ReportState.SUBMITTED:
            continue
        kind = reminder_kind(report.due_on if report else period.due, today, horizon)
        if kind is not None:
            due[key] = kind
    notice_key = {key: f"report-reminder:{kind}:{period.key}:{key}" for key, kind in due.items()}
    done = already_sent(notice_key.values())
    pending = [key for key in due if notice_key[key] not in done]
    if not pending:
        return 0
    editors = _editors(
        [owners[k].pk for k in pending if k.startswith("u")],
        [owners[k].pk for k in pending if k.startswith("a")],
    )
    sent = 0
    for key in pending:
        to = editors.get(key)
        if not to:
            continue  # nobody to tell yet: try again on the next run
        owner, report, kind = owners[key], reports.get(key), due[key]
        context = {
            **_period_context(
                period,
                report.due_on if report else period.due,
                report.due_explanation if report else period.due_explanation,
            ),
            "owner": owner.name,
            "is_agency": is_agency(owner),
            "state": report.get_state_display() if report else _("Chưa tổng hợp số liệu"),
            "link": report_link(report),
        }
        if kind == SOON:
            subject = _("Sắp đến hạn gửi báo cáo {period}: {owner}")
        else:
            subject = _("Quá hạn gửi báo cáo {period}: {owner}")
        sent += send_once(
            notice_key[key],
            subject.format(period=period.label, owner=owner.name),
            f"reports/email/reminder_{kind}.txt",
            context,
            to,
        )
    return sent


# --- report requests -----------------------------------------------------------------------------------


def notify_report_request(request_id: int) -> int:
    """Tells the clerks and approvers of every commune and agency asked for a report by a reviewing body
    (`actions.request_reports`), once each, with the outline, the due date and the link to the report
    compiled for them. Returns the e-mails sent."""
    request = ReportRequest.objects.select_related("area").filter(pk=request_id).first()
    if request is None:
        return 0
    reports = {r.owner_key: r for r in request.reports.select_related("unit", "agency")}
    notice_key = {key: f"report-request:{request.pk}:{key}" for key in reports}
    done = already_sent(notice_key.values())
    pending = [key for key in reports if notice_key[key] not in done]
    editors = _editors(
        [reports[k].unit_id for k in pending if reports[k].unit_id],
        [reports[k].agency_id for k in pending if reports[k].agency_id],
    )
    sent = 0
    for key in pending:
        report = reports[key]
        context = {
            "owner": report.owner.name,
            "requester": request.area.name,
            "subject": request.subject,
            "number_text": _(" (văn bản số %(number)s)") % {"number": request.number}
            if request.number
            else "",
            "outline": request.outline,
            "period_start": _date(request.period_start),
            "period_end": _date(request.period_end),
            "due": _date(request.due_on),
            "link": report_link(report),
        }
        sent += send_once(
            notice_key[key],
            _("Yêu cầu báo cáo đột xuất: {subject} (hạn {due})").format(
                subject=request.subject, due=_date(request.due_on)
            ),
            "reports/email/request.txt",
            context,
            editors.get(key, []),
        )
    return sent


# --- digest ----------------------------------------------------------------------------------------


def send_reviewer_digests(today: dt.date | None = None) -> int:
    """Once per period after its deadline, tells each reviewer of a province (or district) which
    units of the area submitted their report late and which have not submitted it. Returns the
    e-mails sent."""
    today = today or timezone.localdate()
    memberships = list(
        Membership.objects.filter(role=Role.REVIEWER, unit__level__in=REVIEWED_LEVELS, user__is_active=True)
        .exclude(user__email="")
        .select_related("unit__parent__parent", "user")
        .order_by("unit__code", "user_id")
    )
    if not memberships:
        return 0
    regimes = _regimes()
    by_area: dict[int, list[Membership]] = defaultdict(list)
    for m in memberships:
        by_area[m.unit_id].append(m)
    # Which (area, period) pairs are due, and for which reviewers, before computing anything.
    wanted = []
    ended: dict[int, list[Period]] = {}
    for members in by_area.values():
        area = members[0].unit
        regime = _regime_for(area, regimes)
        if id(regime) not in ended:
            ended[id(regime)] = _ended(regime, today)
        for period in ended[id(regime)]:
            if period.due < today and (today - period.due).days <= CATCH_UP_DAYS:
                keys = {m.pk: f"report-digest:{period.key}:{area.code}:{m.user_id}" for m in members}
                wanted.append((area, period, members, keys))
    done = already_sent(key for *_rest, keys in wanted for key in keys.values())
    sent = 0
    for area, period, members, keys in wanted:
        pending = [m for m in members if keys[m.pk] not in done]
        if not pending:
            continue
        result = compliance_module.compliance(area, period, today=today)
        late, missing = result.late_rows, result.missing_rows
        if not late and not missing:
            continue  # everybody on time: nothing to say (checked again tomorrow, cheaply)
        context = {
            **_period_context(period, period.due, period.due_explanation),
            "area": area.name,
            "units_count": len(result.rows),
            "on_time_count": result.count(ReportStatus.ON_TIME),
            "late": [
                {
                    "code": r.code,
                    "name": r.name,
                    "submitted": _date(timezone.localdate(r.report.submitted_at)),
                }
                for r in late
            ],
            "missing": [{"code": r.code, "name": r.name} for r in missing],
            "late_count": len(late),
            "missing_count": len(missing),
            "link": absolute(reverse("reports:area", args=[area.code]) + f"?period={period.key}"),
        }
        subject = _("Đơn vị gửi muộn, chưa gửi báo cáo {period}: {area}").format(
            period=period.label, area=area.name
        )
        for m in pending:
            sent += send_once(
                keys[m.pk],
                subject,
                "reports/email/digest.txt",
                {**context, "reviewer_name": m.user.get_full_name() or m.user.username},
                [m.user.email],
            )
    return sent
