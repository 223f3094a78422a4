"""Report requests (yêu cầu báo cáo đột xuất): a reviewing body asks the communes and agencies below it
for a report on a subject by a date, with an outline (`actions.request_reports`); each report then
follows the periodic report's compile → sign → send flow. For the reviewers of the area only.

- `request_list`: GET the area's requests and the form; POST sends a request, then its page.
- `request_detail`: who has sent, on time or late, and who has not.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from democracy.audit import trail
from democracy.forms import add_action_errors

from .. import actions
from ..access import get_area_for_user
from ..compliance import REPORT_STATUS_COLOUR
from ..forms import ReportRequestForm
from ..models import ReportRequest, ReportStatus

RECENT_REQUESTS = 30


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def request_list(request, code):
    area = get_area_for_user(request, code)
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = actions.request_reports(area, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã gửi yêu cầu báo cáo “%(subject)s” đến %(count)d đơn vị.")
                % {"subject": sent.subject, "count": sent.reports.count()},
            )
            return redirect("reports:request_detail", pk=sent.pk)
    context = {
        "area": area,
        "form": form,
        "requests": ReportRequest.objects.filter(area=area).order_by("-created_at")[:RECENT_REQUESTS],
    }
    return render(request, "reports/request_list.html", context, status=400 if form.errors else 200)


@login_required
@never_cache
@require_GET
def request_detail(request, pk):
    report_request = (
        ReportRequest.objects.select_related("area__parent__parent__parent").filter(pk=pk).first()
    )
    if report_request is None:
        raise Http404
    get_area_for_user(request, report_request.area.code)
    today = timezone.localdate()
    rows, counts = [], dict.fromkeys(ReportStatus.values, 0)
    for report in report_request.reports.select_related("unit", "agency__unit").order_by(
        "agency", "unit__name"
    ):
        status = report.status(today)
        counts[status] += 1
        rows.append(
            {
                "report": report,
                "owner": report.owner,
                "status_label": ReportStatus(status).label,
                "colour": REPORT_STATUS_COLOUR[status],
            }
        )
    context = {
        "report_request": report_request,
        "area": report_request.area,
        "rows": rows,
        "counts": [(ReportStatus(s).label, n) for s, n in counts.items() if n],
        "audit": trail(report_request),
    }
    return render(request, "reports/request_detail.html", context)
