import datetime as dt

import pytest

from reports.plans import actions
from reports.plans.models import DueKind


@pytest.fixture
def plan(cast):
    """The province's issued plan with three tasks: one for commune A, one for B, one ongoing for both."""
    p = actions.create_plan(
        owner=cast.province, by=cast.admin, title="Triển khai thi hành Luật Thực hiện dân chủ ở cơ sở",
        date=dt.date(2024, 3, 5), place="Bắc Ninh", number=235, child_plan_due=dt.date(2024, 3, 31),
    )  # fmt: skip
    section = actions.add_section(p, by=cast.admin, code="II.1", heading="Tuyên truyền")
    actions.add_task(
        p, by=cast.admin, section=section, code="II.1.a", heading="Tuyên truyền Luật", lead_unit=cast.a,
        due_kind=DueKind.QUARTER, due_year=2024, due_quarter=2, time_text="Quý II năm 2024",
    )  # fmt: skip
    actions.add_task(
        p, by=cast.admin, section=section, code="II.1.b", heading="Tập huấn", lead_unit=cast.b,
        due_kind=DueKind.YEAR, due_year=2024, time_text="Năm 2024",
    )  # fmt: skip
    actions.add_task(
        p, by=cast.admin, code="II.2", heading="Báo cáo", lead_text="Phòng Nội vụ",
        coordinating_units=[cast.a, cast.b], due_kind=DueKind.PERIODIC, periodic_days="05/05, 05/11",
        time_text="Trước ngày 05/5 và 05/11",
    )  # fmt: skip
    actions.issue(p, by=cast.admin)
    return p
