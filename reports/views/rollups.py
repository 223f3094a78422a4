"""Roll-ups for reviewers (started from the dashboard, compiled by a task) and the progress page of
background jobs.

- `rollup_start`: GET lists the area's roll-ups with a form to start one; POST (a `period` key, the
  dashboard's button) requests the roll-up (`actions.request_rollup`: the roll-up and its job) and
  redirects to the job's progress page.
- `rollup_detail`, `rollup_pdf`, `rollup_xlsx`: a compiled roll-up, for the reviewers of its area.
- `job`, `job_status`: the progress page and its JSON, for the job's user only (and superusers).
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from democracy import periods
from democracy.audit import trail
from democracy.downloads import safe_download
from democracy.forms import add_action_errors
from democracy.xlsx import XLSX_TYPE
from units.models import ReportingRegime

from .. import actions, rollup
from ..access import get_area_for_user, get_area_report_for_user, get_job_for_user
from ..compliance import period_for
from ..forms import SIGNER_TITLES, RollupSendForm
from ..models import Job


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


@login_required
@never_cache
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
            running = rollup.running_job(request.user, area, period)
            if running is not None:  # a second click does not start a second roll-up
                messages.info(request, _("Báo cáo tổng hợp của kỳ này đang được lập."))
                return redirect("reports:job", pk=running.pk)
            job = actions.request_rollup(area, period, by=request.user)
            return redirect("reports:job", pk=job.pk)
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
        "rollups": rollup.rollups_of(area),
        "received": rollup.received_by(area),
    }
    return render(request, "reports/rollup_list.html", context, status=400 if error else 200)


@login_required
@never_cache
@require_GET
def rollup_detail(request, pk):
    return _detail(request, get_area_report_for_user(request, pk))


def _detail(request, area_report, send_form=None, status=200):
    context = {
        "area_report": area_report,
        "area": area_report.area,
        "summary": rollup.summary(area_report),
        "job": rollup.job_of(area_report),
        "rollups": rollup.rollups_of(area_report.area, exclude=area_report),
        "audit": trail(area_report),
        "send_form": send_form or RollupSendForm(),
        "signer_titles": SIGNER_TITLES,
    }
    return render(request, "reports/rollup_detail.html", context, status=status)


@login_required
@require_POST
def rollup_send(request, pk):
    """The reviewers of the area sign the roll-up off and send it to the level above."""
    area_report = get_area_report_for_user(request, pk)
    form = RollupSendForm(request.POST)
    if form.is_valid():
        try:
            sent = actions.sign_and_send_rollup(area_report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if sent:
                messages.success(
                    request,
                    _("Đã ký và gửi báo cáo tổng hợp số %(number)s.") % {"number": area_report.number},
                )
            else:
                messages.info(request, _("Báo cáo tổng hợp này đã được gửi."))
            return redirect("reports:rollup_detail", pk=pk)
    return _detail(request, area_report, send_form=form, status=400)


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
    return _download(request, pk, "pdf", "pdf", "application/pdf")


@login_required
@require_GET
def rollup_xlsx(request, pk):
    return _download(request, pk, "xlsx", "xlsx", XLSX_TYPE)


# --- Jobs -------------------------------------------------------------------------------------------


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
@never_cache
@require_GET
def job(request, pk):
    job = get_job_for_user(request, pk)
    waiting = job.state == Job.State.QUEUED and timezone.now() - job.created_at > dt.timedelta(seconds=30)
    context = {"job": job, "waiting_long": waiting, "payload": job_payload(job)}
    return render(request, "reports/job.html", context)


@login_required
@never_cache
@require_GET
def job_status(request, pk):
    return JsonResponse(job_payload(get_job_for_user(request, pk)))
