"""The pages of checks by the level above and of the annual grading (load → check → act → render).

- `check_list`: the checks the user plans (reviewers) and those of the user's own units.
- `plan_new`: a reviewer plans a check of units below the area.
- `plan_detail`: the plan and every unit's visit, fixes overdue flagged (reviewers).
- `visit_detail`: a unit's check: minutes, conclusions, fixes and answers; the unit answers each fix.
- `conclude`: the reviewer records the visit, its conclusions and the fixes required.
- `answer`: the unit answers a fix (POST).
- `visit_pdf`: the conclusions as a document.
- `grading`, `grading_xlsx`, `weights`: the annual grading of a province, its export and its weights.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Min, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from democracy.audit import trail
from democracy.downloads import generated_download
from democracy.forms import add_action_errors
from democracy.xlsx import XLSX_TYPE

from ..access import reviewer_areas
from . import actions, grading
from .access import (
    get_fix_for_user,
    get_plan_for_user,
    get_planning_area_for_user,
    get_province_for_user,
    get_visit_for_user,
    own_visits,
)
from .forms import AnswerForm, ConcludeForm, PlanForm, WeightsForm
from .models import CheckPlan, FixState
from .outputs import conclusions_pdf, grading_xlsx

RECENT = 50


def _with_fix_counts(visits):
    today = timezone.localdate()
    return visits.annotate(
        fix_count=Count("fixes"),
        open_count=Count("fixes", filter=Q(fixes__state=FixState.OPEN)),
        overdue_count=Count("fixes", filter=Q(fixes__state=FixState.OPEN, fixes__due_on__lt=today)),
        next_due=Min("fixes__due_on", filter=Q(fixes__state=FixState.OPEN)),
    )


@login_required
@never_cache
@require_GET
def check_list(request):
    areas = reviewer_areas(request)
    plans = []
    if areas:
        under = Q()
        for area in areas:
            under |= Q(area=area) | Q(area__parent=area) | Q(area__parent__parent=area)
        today = timezone.localdate()
        plans = list(
            CheckPlan.objects.filter(under)
            .select_related("area")
            .annotate(
                unit_count=Count("visits", distinct=True),
                overdue_count=Count(
                    "visits__fixes",
                    filter=Q(visits__fixes__state=FixState.OPEN, visits__fixes__due_on__lt=today),
                ),
            )
            .order_by("-starts_on", "-pk")[:RECENT]
        )
    visits = list(
        _with_fix_counts(own_visits(request))
        .select_related("plan__area", "unit", "agency")
        .order_by("-plan__starts_on", "-pk")[:RECENT]
    )
    planning = [a for a in areas if a.level in ("province", "district")]
    context = {"plans": plans, "visits": visits, "planning_areas": planning, "today": timezone.localdate()}
    return render(request, "checks/list.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def plan_new(request, code):
    area = get_planning_area_for_user(request, code)
    form = PlanForm(request.POST or None, area=area)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owners = [*data.pop("units"), *data.pop("agencies")]
        try:
            plan = actions.plan_check(area, by=request.user, units=owners, **data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lập kế hoạch kiểm tra “%(title)s”.") % {"title": plan.title})
            return redirect("checks:plan", pk=plan.pk)
    return render(
        request, "checks/plan_new.html", {"area": area, "form": form}, status=400 if form.errors else 200
    )


@login_required
@never_cache
@require_GET
def plan_detail(request, pk):
    plan = get_plan_for_user(request, pk)
    visits = list(_with_fix_counts(plan.visits.select_related("unit", "agency__unit")).order_by("pk"))
    context = {"plan": plan, "visits": visits, "audit": trail(plan)}
    return render(request, "checks/plan_detail.html", context)


def _visit_page(request, allowed, *, answer_forms=None, status=200):
    visit = allowed.obj
    today = timezone.localdate()
    fixes = list(visit.fixes.all())
    answer_forms = answer_forms or {}
    for fix in fixes:
        fix.overdue = fix.is_overdue(today)
        if allowed.can_answer and fix.state == FixState.OPEN:
            fix.form = answer_forms.get(fix.pk) or AnswerForm(prefix=f"fix{fix.pk}")
    context = {
        "visit": visit,
        "plan": visit.plan,
        "allowed": allowed,
        "fixes": fixes,
        "overdue": sum(1 for f in fixes if f.overdue),
        "audit": trail(visit) if allowed.is_staff or allowed.reviewer else [],
    }
    return render(request, "checks/visit_detail.html", context, status=status)


@login_required
@never_cache
@require_GET
def visit_detail(request, pk):
    return _visit_page(request, get_visit_for_user(request, pk))


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def conclude(request, pk):
    allowed = get_visit_for_user(request, pk, conclude=True)
    visit = allowed.obj
    if not allowed.can_conclude:
        messages.info(request, _("Cuộc kiểm tra này đã có kết luận."))
        return redirect("checks:visit", pk=visit.pk)
    form = ConcludeForm(request.POST or None, initial={"visited_on": None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.conclude_visit(
                visit, by=request.user, visited_on=data["visited_on"], minutes=data["minutes"],
                conclusions=data["conclusions"], number=data["number"], fixes=data["fix_list"],
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request, _("Đã ghi kết luận kiểm tra tại %(unit)s.") % {"unit": visit.owner.name}
            )
            return redirect("checks:visit", pk=visit.pk)
    context = {"visit": visit, "plan": visit.plan, "form": form}
    return render(request, "checks/conclude.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def answer(request, pk):
    fix, allowed = get_fix_for_user(request, pk, answer=True)
    form = AnswerForm(request.POST, prefix=f"fix{fix.pk}")
    if form.is_valid():
        try:
            actions.answer_fix(
                fix, by=request.user, answer=form.cleaned_data["answer"],
                answered_on=form.cleaned_data["answered_on"],
            )  # fmt: skip
        except ValidationError as error:
            if getattr(error, "code", "") == "answered":
                messages.info(request, error.messages[0])
                return redirect("checks:visit", pk=fix.visit_id)
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã gửi kết quả khắc phục."))
            return redirect("checks:visit", pk=fix.visit_id)
    return _visit_page(request, allowed, answer_forms={fix.pk: form}, status=400)


@login_required
@require_GET
def visit_pdf(request, pk):
    allowed = get_visit_for_user(request, pk)
    visit = allowed.obj
    if not visit.is_concluded:
        return render(request, "checks/not_concluded.html", {"visit": visit}, status=409)
    return generated_download(
        conclusions_pdf(visit), filename=f"ket-luan-kiem-tra-{visit.pk}.pdf", content_type="application/pdf"
    )


def _year(year: int) -> int:
    today = timezone.localdate()
    if not 2000 <= year <= today.year + 1:
        raise Http404
    return year


@login_required
@never_cache
@require_GET
def grading_page(request, code, year):
    province = get_province_for_user(request, code)
    result = grading.grade(province, _year(year))
    today = timezone.localdate()
    context = {
        "province": province,
        "year": year,
        "grading": result,
        "scheme": result.scheme,
        "years": list(range(today.year, today.year - 4, -1)),
    }
    return render(request, "checks/grading.html", context)


@login_required
@require_GET
def grading_export(request, code, year):
    province = get_province_for_user(request, code)
    result = grading.grade(province, _year(year))
    return generated_download(
        grading_xlsx(result), filename=f"cham-diem-{province.code}-{year}.xlsx", content_type=XLSX_TYPE
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def weights(request, code, year):
    province = get_province_for_user(request, code)
    scheme = grading.scheme_for(province, _year(year))
    form = WeightsForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_grading(
                province, year, by=request.user, weights=form.weights(),
                commend_from=form.cleaned_data["commend_from"], basis=form.cleaned_data["basis"],
            )  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu cách chấm điểm năm %(year)d.") % {"year": year})
            return redirect("checks:grading", code=province.code, year=year)
    context = {
        "province": province,
        "year": year,
        "scheme": scheme,
        "form": form,
        "audit": trail(scheme.saved) if scheme.saved else [],
    }
    return render(request, "checks/weights.html", context, status=400 if form.errors else 200)
