"""Plans in the API: a unit's plans (a commune's issued plans are public; drafts and agencies' plans only
for the people `plans.access` lets read them) and one plan with its tasks, their computed due dates,
status and whether they are overdue (computed, never stored)."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from democracy.apitools import BadRequest, PagePagination
from units.models import AdministrativeUnit, Agency

from .access import visible_filter
from .models import Plan, Task

router = Router(tags=["plans"])


class PlanOut(Schema):
    id: int
    reference: str = Field(description="Số, ký hiệu: 363/KH-UBND (trống với bản nháp chưa có số).")
    title: str
    kind: str = Field(description="implementation, annual hoặc thematic.")
    state: str = Field(description="draft, issued, amended hoặc cancelled.")
    version: int
    date: dt.date
    owner: str = Field(description="Tên đơn vị hoặc cơ quan ban hành.")
    internal: bool = Field(description="Kế hoạch nội bộ của cơ quan, đơn vị (Điều 46).")
    tasks: int = Field(description="Số nhiệm vụ.")
    made_from: int | None = Field(description="Mã kế hoạch cấp trên mà kế hoạch này được lập từ.")

    @staticmethod
    def resolve_owner(obj):
        return str(obj.owner)

    @staticmethod
    def resolve_internal(obj):
        return obj.is_internal

    @staticmethod
    def resolve_tasks(obj):
        return obj.n_tasks

    @staticmethod
    def resolve_made_from(obj):
        return obj.made_from_id


class TaskOut(Schema):
    id: int
    code: str
    heading: str
    lead: str = Field(description="Cơ quan chủ trì.")
    coordinating: str = Field(description="Cơ quan phối hợp.")
    time: str = Field(description="Thời gian thực hiện như văn bản ghi.")
    due_kind: str = Field(description="date, month, quarter, year, ongoing, triggered hoặc periodic.")
    due: dt.date | None = Field(description="Hạn tính được; null khi chờ văn bản hướng dẫn.")
    due_explanation: str = Field(description="Cách tính hạn.")
    status: str = Field(description="not_started, in_progress, done hoặc cancelled.")
    status_on: dt.date | None
    overdue: bool = Field(description="Quá hạn mà chưa hoàn thành (tính từ hạn và tình trạng).")
    parent: int | None = Field(description="Nhiệm vụ của kế hoạch cấp trên.")


class PlanDetail(PlanOut):
    bases: str
    items: list[TaskOut] = Field(description="Các nhiệm vụ theo thứ tự của văn bản.")


def _task(task: Task, today) -> dict:
    return {
        "id": task.pk, "code": task.code, "heading": task.heading, "lead": task.lead_label,
        "coordinating": task.coordinating_label(), "time": task.time_text, "due_kind": task.due_kind,
        "due": task.due_on, "due_explanation": task.due_explanation, "status": task.status,
        "status_on": task.status_on, "overdue": task.is_overdue(today), "parent": task.parent_id,
    }  # fmt: skip


@router.get(
    "/units/{code}/plans",
    response={200: list[PlanOut], 404: BadRequest},
    summary="Kế hoạch của một đơn vị hành chính",
)
@paginate(PagePagination)
def list_plans(request, code: str):
    """The plans of a unit (and, for those allowed to read them, of its agencies), newest first."""
    unit = AdministrativeUnit.objects.filter(code=code).first()
    if unit is None:
        raise HttpError(404, f"Không có đơn vị hành chính mã “{code}”.")
    agency_ids = list(Agency.objects.filter(unit=unit).values_list("pk", flat=True))
    return (
        Plan.objects.filter(visible_filter(request))
        .filter(Q(unit=unit) | Q(agency__in=agency_ids))
        .select_related("unit", "agency")
        .annotate(n_tasks=Count("tasks"))
        .order_by("-date", "-pk")
    )


@router.get(
    "/plans/{int:plan_id}",
    response={200: PlanDetail, 404: BadRequest},
    summary="Một kế hoạch và các nhiệm vụ",
)
def plan_detail(request, plan_id: int):
    plan = (
        Plan.objects.filter(visible_filter(request))
        .select_related("unit", "agency")
        .annotate(n_tasks=Count("tasks"))
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise HttpError(404, "Không có kế hoạch này.")
    today = timezone.localdate()
    tasks = plan.tasks.select_related("lead_unit", "lead_agency").prefetch_related(
        "coordinating_units", "coordinating_agencies"
    )
    plan.items = [_task(t, today) for t in tasks]
    return plan
