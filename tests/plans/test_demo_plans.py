"""Bình Lư's 2027 plan is made from its 2026 plan 363/KH-UBND (seed 004), every due date recomputed."""

import datetime as dt

from reports.plans import actions, demo
from reports.plans.management.commands.load_demo_plans import Command
from reports.plans.models import Kind, State
from tests.conftest import make_unit
from units.models import Level, UnitType


def test_binh_lu_2027_from_2026(cast):
    binhlu = make_unit("03390", "Xã Bình Lư", Level.COMMUNE, UnitType.XA, cast.province)
    plan = Command()._plan(
        binhlu, cast.admin, Kind.ANNUAL, 363, dt.date(2026, 3, 9), "Bình Lư", demo.BINHLU_TITLE,
        demo.BINHLU_BASES, demo.BINHLU_PURPOSE, demo.BINHLU_ORGANISATION, "", demo.BINHLU_RECIPIENTS,
        "TM. ỦY BAN NHÂN DÂN / Q. CHỦ TỊCH", "Nguyễn Thị Nhàn", demo.BINHLU_SECTIONS, demo.BINHLU_TASKS, [],
    )  # fmt: skip
    actions.issue(plan, by=cast.admin)
    assert dict(plan.tasks.values_list("code", "due_on")) == {
        "II.1.a": dt.date(2026, 3, 31), "II.1.b": dt.date(2026, 9, 9), "II.2.a": dt.date(2026, 12, 31),
        "II.2.b": dt.date(2026, 6, 9), "II.3.a": dt.date(2026, 9, 9), "II.3.b": dt.date(2026, 12, 31),
        "III.1": dt.date(2026, 5, 5), "III.2": dt.date(2026, 12, 31),
    }  # fmt: skip
    new = actions.copy_to_next_year(plan, by=cast.admin)
    assert new.state == State.DRAFT and new.date == dt.date(2027, 3, 9) and new.title.endswith("năm 2027")
    assert dict(new.tasks.values_list("code", "due_on")) == {
        "II.1.a": dt.date(2027, 3, 31), "II.1.b": dt.date(2027, 9, 9), "II.2.a": dt.date(2027, 12, 31),
        "II.2.b": dt.date(2027, 6, 9), "II.3.a": dt.date(2027, 9, 9), "II.3.b": dt.date(2027, 12, 31),
        "III.1": dt.date(2027, 5, 5), "III.2": dt.date(2027, 12, 31),
    }  # fmt: skip
    assert new.tasks.get(code="II.1.a").time_text == "Quý I năm 2027"
    assert "quý I năm 2027" in new.tasks.get(code="II.1.a").due_explanation
