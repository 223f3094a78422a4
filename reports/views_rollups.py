"""Roll-ups for reviewers (started from the dashboard, compiled by a task) and the progress page of
background jobs.

- `rollup_start`: GET lists the area's roll-ups with a form to start one; POST (a `period` key, the
  dashboard's button) creates the roll-up and its job and redirects to the job's progress page.
- `rollup_detail`, `rollup_pdf`, `rollup_xlsx`: a compiled roll-up, for the reviewers of its area.
- `job`, `job_status`: the progress page and its JSON, for the job's user only (and superusers).
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from democracy import periods
from democracy.downloads import safe_download
from units.models import ReportingRegime

from . import jobs, rollup
from .access import get_area_for_user, get_area_report_for_user
from .compliance import period_for
from .models import AreaReport, Job

RECENT_JOB = dt.timedelta(minutes=10)
EARLIER_ROLLUPS = 20


def _period_choices(area, today: dt.date) -> list[periods.Period]:
    """The periods offered in the form, most recent first: the last six half-years (the one under way
    included, with its figures so far) and the years of the last three."""
    regime = ReportingRegime.for_unit(area)
    found = regime.recent_periods(today, count=6)
    found += [regime.period(year, periods.YEAR) for year in range(today.year - 2, today.year + 2)]
    found = [p for p in found if p.start <= today]
    return sorted(found, key=lambda p: (p.end, p.kind == periods.YEAR), reverse=True)


def _parse_period(area, key: str, today: dt.date) -> periods.Period:
    """The period named `key` under the area's regime; ValueError with a Vietnamese message."""
    if not (key or "").strip():
        raise ValueError(_("Hãy chọn kỳ báo cáo cần tổng hợp."))
    period = period_for(area, key)
    if period.kind not in periods.REPORT_KINDS:
        raise ValueError(
            _("Báo cáo tổng hợp lập theo kỳ 6 tháng hoặc năm: dùng dạng 2026-H1, 2026-H2 hoặc 2026.")
        )
    if period.start > today:
        raise ValueError(
            _("Kỳ %(period)s chưa bắt đầu (từ ngày %(start)s): chưa có số liệu để tổng hợp.")
            % {"period": period.label, "start": period.start.strftime("%d/%m/%Y")}
        )
    return period


def _rollups_of(area, exclude=None):
    found = AreaReport.objects.filter(area=area).select_related("requested_by").order_by("-created_at")
    if exclude is not None:
        found = found.exclude(pk=exclude.pk)
    return found[:EARLIER_ROLLUPS]


def _private(response):
    add_never_cache_headers(response)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def rollup_start(request, code):
    area = get_area_for_user(request, code)
    today = timezone.localdate()
    choices = _period_choices(area, today)
    selected = request.POST.get("period") or request.GET.get("period") or ""
    error = None
    if request.method == "POST":
        try:
            period = _parse_period(area, selected, today)
        except ValueError as refusal:
            error = str(refusal)
        else:
            return redirect(_start(request, area, period))
    if not selected:
        selected = period_for(area).key
    if selected not in {p.key for p in choices}:
        try:  # a period asked for from the dashboard, older than those offered
            choices.append(_parse_period(area, selected, today))
        except ValueError:
            pass
    context = {
        "area": area,
        "choices": choices,
        "selected": selected,
        "error": error,
        "rollups": _rollups_of(area),
    }
    return _private(render(request, "reports/rollup_list.html", context, status=400 if error else 200))


def _start(request, area, period) -> str:
    """Starts the roll-up (or finds the one this user started a moment ago for the same area and
    period, still running: a second click does not start a second one). Returns the job page's URL."""
    running = (
        Job.objects.filter(
            kind="rollup",
            user=request.user,
            state__in=[Job.State.QUEUED, Job.State.RUNNING],
            created_at__gte=timezone.now() - RECENT_JOB,
            params__area=area.code,
            params__period=period.key,
        )
        .order_by("-created_at")
        .first()
    )
    if running is not None:
        messages.info(request, _("Báo cáo tổng hợp của kỳ này đang được lập."))
        return reverse("reports:job", args=[running.pk])
    with transaction.atomic():
        area_report = rollup.new_area_report(area, period, by=request.user)
        job = jobs.start(
            "rollup",
            user=request.user,
            title=_("Báo cáo tổng hợp %(period)s – %(area)s") % {"period": period.label, "area": area.name},
            params={"area_report": area_report.pk, "area": area.code, "period": period.key},
        )
    return reverse("reports:job", args=[job.pk])


@login_required
@require_GET
def rollup_detail(request, pk):
    area_report = get_area_report_for_user(request, pk)
    job = (
        Job.objects.filter(kind="rollup", params__area_report=area_report.pk).order_by("-created_at").first()
    )
    context = {
        "area_report": area_report,
        "area": area_report.area,
        "summary": rollup.summary(area_report),
        "job": job,
        "rollups": _rollups_of(area_report.area, exclude=area_report),
    }
    return _private(render(request, "reports/rollup_detail.html", context))


def _download(request, pk, field: str, extension: str, content_type: str):
    area_report = get_area_report_for_user(request, pk)
    stored = getattr(area_report, field)
    if not stored:
        raise Http404
    return safe_download(
        stored,
        filename=f"{rollup.file_name(area_report)}.{extension}",
        content_type=content_type,
        public=False,
    )


@login_required
@require_GET
def rollup_pdf(request, pk):
    return _download(request, pk, "pdf", "pdf", rollup.PDF_TYPE)


@login_required
@require_GET
def rollup_xlsx(request, pk):
    return _download(request, pk, "xlsx", "xlsx", rollup.XLSX_TYPE)


# --- Jobs -------------------------------------------------------------------------------------------


def _job_for_user(request, pk) -> Job:
    job = Job.objects.filter(pk=pk).first()
    if job is None or not (job.user_id == request.user.pk or request.user.is_superuser):
        raise Http404
    return job


def job_payload(job: Job) -> dict:
    return {
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "result_url": job.result_url,
        "finished": job.is_finished,
    }


@login_required
@require_GET
def job(request, pk):
    job = _job_for_user(request, pk)
    waiting = job.state == Job.State.QUEUED and timezone.now() - job.created_at > dt.timedelta(seconds=30)
    context = {"job": job, "waiting_long": waiting, "payload": job_payload(job)}
    return _private(render(request, "reports/job.html", context))


@login_required
@require_GET
def job_status(request, pk):
    return _private(JsonResponse(job_payload(_job_for_user(request, pk))))
