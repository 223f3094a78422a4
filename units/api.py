import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from democracy.apitools import BadRequest, PagePagination

from .models import AdministrativeUnit, Level

router = Router(tags=["units"])

LevelParam = Literal["province", "district", "commune", "village"]


class UnitRef(Schema):
    code: str
    name: str
    level: str


class UnitOut(Schema):
    code: str = Field(description="Mã trên cổng (trùng mã thống kê với đơn vị đang tồn tại).")
    gso_code: str = Field(description="Mã đơn vị hành chính của Tổng cục Thống kê.")
    name: str
    level: str
    type: str
    parent: str | None = Field(None, description="Mã đơn vị cấp trên.")
    valid_from: dt.date | None
    valid_to: dt.date | None

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.code if obj.parent_id else None


class UnitDetail(UnitOut):
    households: int | None
    ancestors: list[UnitRef]
    children_count: int
    successors: list[UnitRef]
    predecessors: list[UnitRef]


class UnitFilters(Schema):
    level: LevelParam | None = Field(None, description="Cấp: province, district, commune, village.")
    parent: str | None = Field(None, max_length=20, description="Mã đơn vị cấp trên.")
    q: str | None = Field(None, max_length=100, description="Tên, không phân biệt hoa thường và dấu.")
    on: dt.date | None = Field(
        None, description="Chỉ các đơn vị còn hiệu lực vào ngày này (mặc định: hôm nay). Ví dụ 2024-02-05."
    )
    history: bool = Field(False, description="true: gồm cả các đơn vị đã giải thể, sáp nhập.")


@router.get("", response={200: list[UnitOut], 400: BadRequest}, summary="Danh sách đơn vị hành chính")
@paginate(PagePagination)
def list_units(request, filters: Query[UnitFilters]):
    """Administrative units: 34 provinces and 3,321 commune-level units in force, villages, and (with
    `history=true` or `on=`) the districts and communes before the 1 July 2025 reform."""
    units = AdministrativeUnit.objects.select_related("parent").order_by("code")
    if not filters.history:
        units = units.current(filters.on)
    if filters.level:
        units = units.filter(level=filters.level)
    if filters.parent:
        parent = AdministrativeUnit.objects.filter(code=filters.parent).first()
        if parent is None:
            raise HttpError(400, f"Tham số không hợp lệ: parent. Không có đơn vị mã “{filters.parent}”.")
        units = units.filter(parent=parent)
    if filters.q:
        units = units.search(filters.q)
    return units


@router.get("/{code}", response=UnitDetail, summary="Một đơn vị hành chính")
def unit_detail(request, code: str):
    """One unit with its place in the tree and, for merged units, what it became or came from."""
    unit = get_object_or_404(AdministrativeUnit.objects.select_related("parent__parent__parent"), code=code)
    return {
        **UnitOut.from_orm(unit).dict(),
        "households": unit.households if unit.level == Level.VILLAGE else None,
        "ancestors": unit.ancestors(),
        "children_count": unit.children.count(),
        "successors": list(unit.successors.all()),
        "predecessors": list(unit.predecessors.all()),
    }
