"""Load the current 34 provinces and 3,321 commune-level units from the vietnam-provinces package.

The package carries the tree in force since 1 July 2025 (Nghị quyết 202/2025/QH15 and the Standing
Committee's resolutions on communes). Loading compares with what is stored and writes only what
differs, so a second run changes nothing.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward

from .models import AdministrativeUnit, Level, UnitType
from .text import fold

REFORM_DATE = dt.date(2025, 7, 1)

TYPE_MAP = {
    VietNamDivisionType.TINH: UnitType.TINH,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: UnitType.THANH_PHO_TW,
    VietNamDivisionType.XA: UnitType.XA,
    VietNamDivisionType.PHUONG: UnitType.PHUONG,
    VietNamDivisionType.DAC_KHU: UnitType.DAC_KHU,
}


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"{self.created} mới, {self.updated} cập nhật, {self.unchanged} không đổi"


def province_name(province: Province) -> str:
    """The package names provinces bare ("Bắc Ninh") and cities in full ("Thành phố Hà Nội")."""
    if province.division_type == VietNamDivisionType.TINH and not province.name.startswith("Tỉnh "):
        return f"Tỉnh {province.name}"
    return province.name


def province_code(code) -> str:
    return f"{int(code):02d}"


def commune_code(code) -> str:
    return f"{int(code):05d}"


def _sync(rows: list[dict], result: LoadResult) -> None:
    """Create the rows whose code is new, update those that differ; one query to read, bulk writes."""
    fields = ["gso_code", "name", "level", "type", "parent_id", "valid_from", "valid_to", "search_name"]
    existing = AdministrativeUnit.objects.in_bulk([r["code"] for r in rows], field_name="code")
    to_create, to_update = [], []
    for row in rows:
        unit = existing.get(row["code"])
        if unit is None:
            to_create.append(AdministrativeUnit(**row))
        elif any(getattr(unit, f) != row[f] for f in fields):
            for f in fields:
                setattr(unit, f, row[f])
            to_update.append(unit)
        else:
            result.unchanged += 1
    AdministrativeUnit.objects.bulk_create(to_create, batch_size=500)
    AdministrativeUnit.objects.bulk_update(to_update, fields, batch_size=500)
    result.created += len(to_create)
    result.updated += len(to_update)


@transaction.atomic
def load_units() -> LoadResult:
    result = LoadResult()
    provinces = sorted(Province.iter_all(), key=lambda p: int(p.code))
    _sync(
        [
            {
                "code": province_code(p.code),
                "gso_code": province_code(p.code),
                "name": province_name(p),
                "level": Level.PROVINCE,
                "type": TYPE_MAP[p.division_type],
                "parent_id": None,
                "valid_from": REFORM_DATE,
                "valid_to": None,
                "search_name": fold(province_name(p)),
            }
            for p in provinces
        ],
        result,
    )
    province_ids = dict(
        AdministrativeUnit.objects.filter(
            level=Level.PROVINCE, code__in=[province_code(p.code) for p in provinces]
        ).values_list("code", "pk")
    )
    _sync(
        [
            {
                "code": commune_code(w.code),
                "gso_code": commune_code(w.code),
                "name": w.name,
                "level": Level.COMMUNE,
                "type": TYPE_MAP[w.division_type],
                "parent_id": province_ids[province_code(w.province_code)],
                "valid_from": REFORM_DATE,
                "valid_to": None,
                "search_name": fold(w.name),
            }
            for w in sorted(Ward.iter_all(), key=lambda w: int(w.code))
        ],
        result,
    )
    return result
