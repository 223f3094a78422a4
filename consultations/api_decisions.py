"""Community and staff decisions in the public API. Only what `access.visible_decisions` lets the
caller see (public: a commune's decisions once tallied; agencies' decisions only to their people and
reviewers). Totals only: never any ballot, code or household."""

import datetime as dt

from django.db.models import F, Q
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from democracy.apitools import BadRequest, PagePagination
from units.models import AdministrativeUnit, Agency

from .access import visible_decisions
from .models import Decision

router = Router(tags=["decisions"])


class UnitOut(Schema):
    code: str
    name: str


class ItemOut(Schema):
    article: int = Field(description="Điều 15 (cộng đồng dân cư) hoặc Điều 49 (cơ quan, đơn vị).")
    clause: int


class DecisionOut(Schema):
    id: int
    title: str
    unit: UnitOut = Field(description="Thôn, tổ dân phố, xã hoặc cơ quan, đơn vị (nội bộ).")
    internal: bool = Field(description="true với quyết định của cơ quan, đơn vị (Điều 49, nội bộ).")
    item: ItemOut
    method: str = Field(description="meeting, ballot, online, staff_conference, staff_ballot.")
    state: str = Field(description="draft, voting, tallied, sent, recognised, refused.")
    outcome: str = Field(description="passed, failed, no_quorum; rỗng khi chưa có kết quả.")
    outcome_explanation: str
    outcome_explanation_en: str
    agree: int | None
    disagree: int | None
    other: int | None
    present: int | None
    electorate: int = Field(
        description="Tổng số hộ (số thôn với nội dung toàn xã khoản 1–2; số người với cơ quan)."
    )
    decided_on: dt.date | None
    recognised_on: dt.date | None
    url: str

    @staticmethod
    def resolve_unit(obj):
        owner = obj.owner
        return {"code": owner.code, "name": owner.name}

    @staticmethod
    def resolve_internal(obj):
        return obj.agency_id is not None

    @staticmethod
    def resolve_url(obj, context):
        return context["request"].build_absolute_uri(reverse("consultations:decision_public", args=[obj.pk]))


@router.get(
    "/units/{code}/decisions",
    response={200: list[DecisionOut], 404: BadRequest},
    summary="Các nội dung Nhân dân, tập thể bàn và quyết định của một đơn vị",
)
@paginate(PagePagination)
def list_decisions(request, code: str):
    """A commune's decisions with its villages' (and, for those allowed, its agencies'); a village's own.
    Only totals: a household's vote is never revealed."""
    unit = AdministrativeUnit.objects.filter(code=code).first()
    if unit is None:
        raise HttpError(404, f"Không có đơn vị hành chính mã “{code}”.")
    village_ids = list(unit.children.values_list("pk", flat=True))
    agency_ids = list(Agency.objects.filter(unit=unit).values_list("pk", flat=True))
    return (
        Decision.objects.filter(visible_decisions(request))
        .filter(Q(unit=unit) | Q(unit__in=village_ids) | Q(agency__in=agency_ids))
        .select_related("unit", "agency", "item")
        .defer("description", "refusal_reason")
        .order_by(F("decided_on").desc(nulls_last=True), "-pk")
    )
