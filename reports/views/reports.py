"""The unit report pages: the list of my reports, one report (figures, narrative, sign-off) and its
PDF and XLSX. Every report is loaded through `reports.access.get_report_for_user`: outsiders get 404,
readers (inspection board, reviewers) get 403 on writes. Each POST view is one act of
`reports.actions`; refusals of the acts come back as messages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from democracy import periods
from democracy.audit import trail
from democracy.downloads import generated_download
from democracy.xlsx import XLSX_TYPE
from units.access import owned_filter
from units.models import ReportingRegime
from units.text import fold

from .. import actions
from ..access import get_owner_for_write, get_report_for_user, is_reviewer, report_owners
from ..compliance import REPORT_STATUS_COLOUR
from ..forms import AGENCY_SIGNER_TITLES, SIGNER_TITLES, NarrativeForm, OpenReportForm, ReturnForm, SignForm
from ..models import AD_HOC, ReportState, ReportStatus, UnitReport
from ..outputs import unit_report

PAGE_SIZE = 50
STATE_CLASSES = {ReportState.DRAFT: "soon", ReportState.TO_SIGN: "waiting", ReportState.SUBMITTED: "done"}


# --- The list ----------------------------------------------------------------------------------------


def _status_filter(status: str, today) -> Q:
    """The derived status of `report_status` as a filter (the list must page through the database)."""
    submitted = Q(state=ReportState.SUBMITTED)
    return {
        ReportStatus.ON_TIME: submitted & Q(is_late=False),
        ReportStatus.LATE: submitted & Q(is_late=True),
        ReportStatus.MISSING: ~submitted & Q(due_on__lt=today),
        ReportStatus.IN_PROGRESS: ~submitted & Q(due_on__gte=today, period_end__lt=today),
        ReportStatus.NOT_DUE: ~submitted & Q(period_end__gte=today),
    }[status]


AD_HOC_KEY = "dot-xuat"  # the list's filter for the reports asked for by a reviewing body


def _period_label(year: int, kind: str) -> str:
    return f"{periods.KIND_LABELS[kind]} {year}"


@login_required
@require_GET
def report_list(request):
    """My units' and agencies' reports, and a reviewer's area's, newest period first. A constant number
    of queries: the scope is one subquery (`owned_filter`), the page one query, its count one."""
    today = timezone.localdate()
    scope = UnitReport.objects.filter(owned_filter(request))
    found = set(scope.order_by().values_list("year", "kind").distinct())
    period_keys = sorted(
        {(year, kind) for year, kind in found if kind != AD_HOC},
        key=lambda yk: (yk[0], yk[1] != periods.H1, yk[1] == periods.YEAR),
        reverse=True,
    )
    period_options = [(periods.make_key(y, k), _period_label(y, k)) for y, k in period_keys]
    if any(kind == AD_HOC for _year, kind in found):
        period_options.append((AD_HOC_KEY, str(_("Báo cáo đột xuất"))))

    reports = scope
    chosen_period = request.GET.get("period", "")
    if chosen_period == AD_HOC_KEY:
        reports = reports.filter(kind=AD_HOC)
    elif chosen_period:
        try:
            year, kind = periods.parse_key(chosen_period)
        except ValueError as error:
            messages.error(request, str(error))
            chosen_period = ""
        else:
            chosen_period = periods.make_key(year, kind)
            reports = reports.filter(year=year, kind=kind)
    search = " ".join(request.GET.get("q", "").split())[:100]
    if search:
        folded = fold(search)
        reports = reports.filter(
            Q(unit__search_name__contains=folded) | Q(agency__search_name__contains=folded)
        )
    chosen_status = request.GET.get("status", "")
    if chosen_status in ReportStatus.values:
        reports = reports.filter(_status_filter(chosen_status, today))
    else:
        chosen_status = ""
    reports = (
        reports.select_related("unit", "agency__unit", "regime", "request")
        .annotate(owner_name=Coalesce("unit__name", "agency__name"))
        .order_by("-period_end", "kind", "owner_name", "pk")
    )
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for report in page:
        status = report.status(today)
        rows.append(
            {
                "report": report,
                "status": status,
                "status_label": ReportStatus(status).label,
                "colour": REPORT_STATUS_COLOUR[status],
                "state_class": STATE_CLASSES[report.state],
            }
        )
    owners = report_owners(request)
    query = {k: v for k, v in (("q", search), ("period", chosen_period), ("status", chosen_status)) if v}
    return render(
        request,
        "reports/report_list.html",
        {
            "rows": rows,
            "page": page,
            "reviewer": is_reviewer(request),
            "period_options": period_options,
            "status_options": ReportStatus.choices,
            "chosen_period": chosen_period,
            "chosen_status": chosen_status,
            "search": search,
            "filter_query": urlencode(query),
            "open_form": OpenReportForm(owners=owners, today=today) if owners else None,
        },
    )


@login_required
@require_POST
def open_report(request):
    """Open the report of one of my units for a period that has ended, compiling it if the scheduled
    job has not (yet) done so."""
    form = OpenReportForm(request.POST, owners=report_owners(request))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("reports:list")
    owner = get_owner_for_write(request, form.cleaned_data["owner"])
    regime = ReportingRegime.for_owner(owner)
    period = regime.period_for_key(form.cleaned_data["period"])
    if period.kind not in regime.report_kinds:
        messages.error(
            request,
            _("Chế độ báo cáo của %(owner)s (%(schedule)s) không có báo cáo %(period)s.")
            % {
                "owner": owner.name,
                "schedule": regime.get_schedule_display().lower(),
                "period": period.label,
            },
        )
        return redirect("reports:list")
    if not period.has_ended():
        messages.error(
            request,
            _(
                "Kỳ báo cáo %(period)s chưa kết thúc (số liệu tính đến hết ngày %(end)s): chỉ lập được báo "
                "cáo của kỳ đã kết thúc."
            )
            % {"period": period.label, "end": f"{period.end:%d/%m/%Y}"},
        )
        return redirect("reports:list")
    report = actions.ensure_report(owner, period, by=request.user)
    messages.success(
        request,
        _("Báo cáo %(period)s của %(owner)s: số liệu tổng hợp lúc %(when)s.")
        % {
            "period": report.period_label,
            "owner": owner.name,
            "when": f"{timezone.localtime(report.compiled_at):%H:%M %d/%m/%Y}",
        },
    )
    return redirect("reports:detail", pk=report.pk)


# --- One report --------------------------------------------------------------------------------------


def _detail_page(request, report, **forms):
    today = timezone.localdate()
    status = report.status(today)
    submitted_on = timezone.localdate(report.submitted_at) if report.submitted_at else None
    narrative = forms.get("narrative_form") or NarrativeForm(
        initial={
            "results": report.results,
            "shortcomings": report.shortcomings,
            "proposals": report.proposals,
        }
    )
    context = {
        "report": report,
        "owner": report.owner,
        "sections": unit_report.report_sections(report),
        "status": status,
        "status_label": ReportStatus(status).label,
        "colour": REPORT_STATUS_COLOUR[status],
        "state_class": STATE_CLASSES[report.state],
        "submitted_on": submitted_on,
        "days_late": (submitted_on - report.due_on).days if submitted_on and report.is_late else 0,
        "overdue": report.state != ReportState.SUBMITTED and today > report.due_on,
        "signer_name": unit_report.signer_name(report),
        "can_edit": report.can_write_narrative,
        "can_recompile": report.can_recompile,
        "can_sign": report.can_sign,
        "narrative_form": narrative,
        "sign_form": forms.get("sign_form")
        or SignForm(
            initial={"signer_title": _("Thủ trưởng cơ quan") if report.is_internal else _("Chủ tịch")}
        ),
        "return_form": forms.get("return_form") or ReturnForm(auto_id="id_return_%s"),
        "signer_titles": AGENCY_SIGNER_TITLES if report.is_internal else SIGNER_TITLES,
        "audit": trail(report),
    }
    return render(request, "reports/report_detail.html", context)


def _already(request, report):
    """A second click (or a colleague was quicker): say where the report stands, no error."""
    report.refresh_from_db(fields=["state"])
    messages.info(
        request,
        _("Không có thay đổi: báo cáo đang ở trạng thái “%(state)s”.")
        % {"state": report.get_state_display()},
    )
    return redirect("reports:detail", pk=report.pk)


def _refused(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def report_detail(request, pk):
    """The report; POST saves the narrative of a draft."""
    if request.method != "POST":
        return _detail_page(request, get_report_for_user(request, pk))
    report = get_report_for_user(request, pk, write=True)
    form = NarrativeForm(request.POST)
    if form.is_valid():
        try:
            actions.update_narrative(report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Đã lưu phần đánh giá, đề xuất của báo cáo."))
            return redirect("reports:detail", pk=report.pk)
    return _detail_page(request, report, narrative_form=form)


@login_required
@require_POST
def recompile(request, pk):
    report = get_report_for_user(request, pk, write=True)
    was_waiting = report.state == ReportState.TO_SIGN
    try:
        report = actions.recompile(report, by=request.user)
    except ValidationError as error:
        _refused(request, error)
        return redirect("reports:detail", pk=pk)
    message = _("Đã tổng hợp lại số liệu lúc %(when)s.") % {
        "when": f"{timezone.localtime(report.compiled_at):%H:%M %d/%m/%Y}"
    }
    if was_waiting:
        message += " " + _("Báo cáo trở lại trạng thái đang soạn: hãy kiểm tra số liệu rồi trình ký lại.")
    messages.success(request, message)
    return redirect("reports:detail", pk=pk)


@login_required
@never_cache
@require_POST
def send_to_sign(request, pk):
    """Draft → waiting for signature. From the narrative form ("Lưu và trình ký") the text is saved in
    the same transaction: if the report cannot be sent, nothing is saved and the form comes back."""
    report = get_report_for_user(request, pk, write=True)
    if report.state != ReportState.DRAFT:
        return _already(request, report)
    with_text = any(name in request.POST for name in actions.NARRATIVE)
    form = NarrativeForm(request.POST) if with_text else None
    if form is not None and not form.is_valid():
        return _detail_page(request, report, narrative_form=form)
    try:
        done = actions.send_to_sign(report, by=request.user, texts=form.cleaned_data if form else None)
    except ValidationError as error:
        _refused(request, error)
        if form is not None:
            return _detail_page(request, report, narrative_form=form)
        return redirect("reports:detail", pk=pk)
    if not done:
        return _already(request, report)
    messages.success(request, _("Đã trình ký báo cáo: người phê duyệt sẽ ký và gửi."))
    return redirect("reports:detail", pk=pk)


@login_required
@never_cache
@require_POST
def return_report(request, pk):
    report = get_report_for_user(request, pk, approve=True)
    if report.state != ReportState.TO_SIGN:
        return _already(request, report)
    form = ReturnForm(request.POST, auto_id="id_return_%s")
    if form.is_valid():
        try:
            done = actions.return_report(report, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            if not done:
                return _already(request, report)
            messages.success(request, _("Đã trả lại báo cáo cho công chức kèm lý do."))
            return redirect("reports:detail", pk=pk)
    return _detail_page(request, report, return_form=form)


@login_required
@never_cache
@require_POST
def submit(request, pk):
    report = get_report_for_user(request, pk, approve=True)
    if report.state != ReportState.TO_SIGN:
        return _already(request, report)
    form = SignForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, report, sign_form=form)
    try:
        done = actions.sign_and_submit(
            report, by=request.user, signer_title=form.cleaned_data["signer_title"]
        )
    except ValidationError as error:
        _refused(request, error)
        return redirect("reports:detail", pk=pk)
    if not done:
        return _already(request, report)
    if report.is_late:
        message = _("Đã ký và gửi báo cáo số %(number)s, muộn so với hạn %(due)s.")
    else:
        message = _("Đã ký và gửi báo cáo số %(number)s, đúng hạn.")
    messages.success(request, message % {"number": report.number, "due": f"{report.due_on:%d/%m/%Y}"})
    return redirect("reports:detail", pk=pk)


# --- Files -------------------------------------------------------------------------------------------


@login_required
@require_GET
def report_pdf(request, pk):
    report = get_report_for_user(request, pk)
    return generated_download(
        unit_report.unit_report_pdf(report),
        filename=unit_report.file_name(report, "pdf"),
        content_type="application/pdf",
    )


@login_required
@require_GET
def report_xlsx(request, pk):
    report = get_report_for_user(request, pk)
    return generated_download(
        unit_report.unit_report_xlsx(report),
        filename=unit_report.file_name(report, "xlsx"),
        content_type=XLSX_TYPE,
    )
