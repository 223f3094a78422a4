"""The plans' write functions: each leaves one audit row per act and none when it fails; nothing
issued is edited in place; the rules of a task are checked with Vietnamese messages."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from democracy.models import Action, AuditEvent
from reports.plans import actions
from reports.plans.models import DueKind, Plan, State, Status, Task


def rows(obj):
    return list(AuditEvent.objects.of(obj).values_list("action", flat=True))


def test_create_update_issue_leave_one_row_each(cast):
    plan = actions.create_plan(
        owner=cast.a, by=cast.clerk_a, title="Kế hoạch năm 2026", date=dt.date(2026, 3, 9), place="Đồng Kỳ"
    )
    actions.update_plan(plan, by=cast.clerk_a, bases="Căn cứ Luật 10/2022/QH15")
    actions.update_plan(plan, by=cast.clerk_a, bases="Căn cứ Luật 10/2022/QH15")  # no change, no row
    task = actions.add_task(
        plan,
        by=cast.clerk_a,
        code="1",
        heading="Tuyên truyền",
        lead_text="Phòng VH-XH",
        due_kind=DueKind.MONTH,
        due_year=2026,
        due_month=6,
    )
    assert task.due_on == dt.date(2026, 6, 30) and "tháng 6 năm 2026" in task.due_explanation
    actions.update_task(task, by=cast.clerk_a, due_month=7)
    assert task.due_on == dt.date(2026, 7, 31)
    with pytest.raises(ValidationError) as error:
        actions.issue(plan, by=cast.approver_a)
    assert "số" in str(error.value)
    actions.issue(plan, by=cast.approver_a, number=363)
    assert plan.state == State.ISSUED and plan.reference == "363/KH-UBND"
    assert rows(plan) == [Action.CREATED, Action.EDITED, Action.PLAN_ISSUED]
    assert rows(task) == [Action.TASK_ADDED, Action.TASK_EDITED]
    with pytest.raises(ValidationError):
        actions.update_plan(plan, by=cast.clerk_a, title="Sửa tại chỗ")
    with pytest.raises(ValidationError):
        actions.issue(plan, by=cast.approver_a)
    assert rows(plan) == [Action.CREATED, Action.EDITED, Action.PLAN_ISSUED]


def test_task_rules_in_vietnamese(cast):
    plan = actions.create_plan(
        owner=cast.a, by=cast.clerk_a, title="KH", date=dt.date(2026, 3, 9), place="Đồng Kỳ"
    )
    with pytest.raises(ValidationError) as error:
        actions.add_task(
            plan, by=cast.clerk_a, code="1", heading="Không có chủ trì", due_kind=DueKind.YEAR, due_year=2026
        )
    assert "cơ quan chủ trì" in error.value.message_dict["lead_text"][0]
    with pytest.raises(ValidationError) as error:
        actions.add_task(
            plan,
            by=cast.clerk_a,
            code="1",
            heading="Hạn trước kế hoạch",
            lead_text="VP",
            due_kind=DueKind.DATE,
            due_date=dt.date(2026, 1, 1),
        )
    assert "không được trước ngày ban hành" in error.value.message_dict["due_date"][0]
    with pytest.raises(ValidationError) as error:
        actions.add_task(
            plan,
            by=cast.clerk_a,
            code="1",
            heading="Ngày sai",
            lead_text="VP",
            due_kind=DueKind.PERIODIC,
            periodic_days="31/02",
        )
    assert "không có thật" in error.value.message_dict["periodic_days"][0]
    assert not Task.objects.exists()
    assert rows(plan) == [Action.CREATED]


def test_parent_cycle_is_refused(cast):
    upper = actions.create_plan(
        owner=cast.province, by=cast.admin, title="KH tỉnh", date=dt.date(2026, 1, 5), place="Bắc Ninh"
    )
    lower = actions.create_plan(
        owner=cast.a, by=cast.clerk_a, title="KH xã", date=dt.date(2026, 2, 5), place="Đồng Kỳ"
    )
    rule = {"lead_text": "VP", "due_kind": DueKind.YEAR, "due_year": 2026}
    up = actions.add_task(upper, by=cast.admin, code="1", heading="Tỉnh", **rule)
    down = actions.add_task(lower, by=cast.clerk_a, code="1", heading="Xã", parent=up, **rule)
    with pytest.raises(ValidationError) as error:
        actions.update_task(up, by=cast.admin, parent=down)
    assert "vòng lặp" in error.value.message_dict["parent"][0]
    with pytest.raises(ValidationError) as error:
        actions.add_task(lower, by=cast.clerk_a, code="2", heading="Chính nó", parent=down, **rule)
    assert "kế hoạch cấp trên" in error.value.message_dict["parent"][0]
    up.refresh_from_db()
    assert up.parent is None


def test_cascade_copies_the_assigned_tasks_and_links_them(plan, cast):
    child = actions.cascade(plan, owner=cast.a, by=cast.clerk_a, date=dt.date(2024, 3, 20))
    assert child.state == State.DRAFT and child.unit == cast.a and child.made_from == plan
    codes = sorted(child.tasks.values_list("code", flat=True))
    assert codes == ["II.1.a", "II.2"]  # led by A, coordinated by A; not B's
    assert all(t.lead_unit == cast.a and t.parent.plan == plan for t in child.tasks.all())
    assert rows(child) == [Action.CASCADED]
    with pytest.raises(ValidationError):
        actions.cascade(plan, owner=cast.c, by=cast.admin, date=dt.date(2024, 3, 20))


def test_amendment_is_a_new_version_that_replaces_the_issued_one(plan, cast):
    with pytest.raises(ValidationError):
        actions.start_amendment(plan, by=cast.admin, reason=" ")
    new = actions.start_amendment(plan, by=cast.admin, reason="Điều chỉnh thời gian")
    assert new.version == 2 and new.previous == plan and new.tasks.count() == 3
    with pytest.raises(ValidationError):
        actions.start_amendment(plan, by=cast.admin, reason="Hai lần")
    actions.issue(new, by=cast.admin)
    plan.refresh_from_db()
    assert plan.state == State.AMENDED and new.state == State.ISSUED
    assert rows(plan)[-1] == Action.SUPERSEDED
    assert rows(new) == [Action.AMENDMENT_STARTED, Action.PLAN_ISSUED]


def test_cancel_needs_a_reason(plan, cast):
    with pytest.raises(ValidationError):
        actions.cancel(plan, by=cast.admin, reason="")
    actions.cancel(plan, by=cast.admin, reason="Thay bằng kế hoạch khác")
    assert plan.state == State.CANCELLED and rows(plan)[-1] == Action.PLAN_CANCELLED
    with pytest.raises(ValidationError):
        actions.cancel(plan, by=cast.admin, reason="Lần nữa")


def test_progress_sets_the_status_and_overdue_is_computed(plan, cast):
    task = plan.tasks.get(code="II.1.a")
    assert task.is_overdue(dt.date(2024, 7, 1)) and not task.is_overdue(dt.date(2024, 6, 30))
    with pytest.raises(ValidationError) as error:
        actions.post_update(
            task,
            by=cast.clerk_a,
            by_owner=cast.a,
            status=Status.CANCELLED,
            on=dt.date(2024, 5, 1),
            text="Không làm",
        )
    assert "lý do" in error.value.message_dict["reason"][0]
    actions.post_update(
        task,
        by=cast.clerk_a,
        by_owner=cast.a,
        status=Status.DONE,
        on=dt.date(2024, 5, 1),
        text="Đã tổ chức 3 hội nghị",
        conferences=3,
        people=240,
    )
    task.refresh_from_db()
    assert task.status == Status.DONE and task.done_on_time and not task.is_overdue(dt.date(2025, 1, 1))
    assert set(
        Task.objects.overdue(dt.date(2025, 1, 1)).filter(plan=plan).values_list("code", flat=True)
    ) == {"II.1.b", "II.2"}
    note_task = plan.tasks.get(code="II.2")
    actions.add_note(
        note_task, by=cast.clerk_b, by_owner=cast.b, on=dt.date(2024, 5, 2), text="Đã gửi số liệu"
    )
    assert rows(task) == [Action.TASK_ADDED, Action.PROGRESS_REPORTED]
    assert rows(note_task)[-1] == Action.NOTE_ADDED


def test_periodic_task_moves_to_the_next_day_after_a_report(plan, cast):
    task = plan.tasks.get(code="II.2")
    assert task.due_on == dt.date(2024, 5, 5)
    actions.post_update(
        task,
        by=cast.admin,
        by_owner=cast.province,
        status=Status.IN_PROGRESS,
        on=dt.date(2024, 5, 3),
        text="Báo cáo 6 tháng",
    )
    task.refresh_from_db()
    assert task.due_on == dt.date(2024, 11, 5) and "05/05, 05/11" in task.due_explanation


def test_guidance_starts_a_triggered_task(cast):
    plan = actions.create_plan(
        owner=cast.a, by=cast.clerk_a, title="KH", date=dt.date(2024, 3, 9), place="Đồng Kỳ", number=5
    )
    task = actions.add_task(
        plan,
        by=cast.clerk_a,
        code="2.a",
        heading="Hương ước",
        lead_text="VHXH",
        due_kind=DueKind.TRIGGERED,
        trigger_days=30,
    )
    assert task.due_on is None
    with pytest.raises(ValidationError):
        actions.record_guidance(task, by=cast.clerk_a, date=dt.date(2024, 4, 1), text="CV 1")  # still a draft
    actions.issue(plan, by=cast.approver_a)
    task.plan.refresh_from_db()
    actions.record_guidance(task, by=cast.clerk_a, date=dt.date(2024, 4, 1), text="Công văn 12/SNV")
    assert task.due_on == dt.date(2024, 5, 2)  # 01/05 + 30 days = 01/05 is a holiday → next working day
    assert rows(task)[-1] == Action.GUIDANCE_RECORDED


def test_copy_to_next_year_recomputes_every_due_date(plan, cast):
    new = actions.copy_to_next_year(plan, by=cast.admin)
    assert new.date == dt.date(2025, 3, 5) and new.state == State.DRAFT and new.number is None
    dues = dict(new.tasks.values_list("code", "due_on"))
    assert dues == {
        "II.1.a": dt.date(2025, 6, 30),
        "II.1.b": dt.date(2025, 12, 31),
        "II.2": dt.date(2025, 5, 5),
    }
    assert new.tasks.get(code="II.1.b").time_text == "Năm 2025"
    assert rows(new) == [Action.COPIED_TO_NEXT_YEAR]


def test_save_tasks_is_all_or_nothing_and_remove_task(cast):
    plan = actions.create_plan(
        owner=cast.a, by=cast.clerk_a, title="KH", date=dt.date(2026, 3, 9), place="Đồng Kỳ"
    )
    good = {"code": "1", "heading": "A", "lead_text": "VP", "due_kind": DueKind.YEAR, "due_year": 2026}
    bad = {"code": "2", "heading": "B", "due_kind": DueKind.YEAR, "due_year": 2026}
    with pytest.raises(ValidationError) as error:
        actions.save_tasks(plan, by=cast.clerk_a, tasks=[good, bad])
    assert "Nhiệm vụ thứ 2" in error.value.messages[0]
    assert not plan.tasks.exists()
    (task,) = actions.save_tasks(plan, by=cast.clerk_a, tasks=[good])
    actions.remove_task(task, by=cast.clerk_a)
    assert not plan.tasks.exists()
    assert AuditEvent.objects.filter(action=Action.TASK_REMOVED).count() == 1
    actions.delete_draft(plan, by=cast.clerk_a)
    assert not Plan.objects.filter(pk=plan.pk).exists()


def test_add_section_on_a_draft_only(plan, cast):
    with pytest.raises(ValidationError):
        actions.add_section(plan, by=cast.admin, code="II.3", heading="Kiểm tra")
    draft = actions.start_amendment(plan, by=cast.admin, reason="Thêm mục")
    section = actions.add_section(draft, by=cast.admin, code="II.3", heading="Kiểm tra")
    assert section.position == 2 and rows(draft)[-1] == Action.EDITED
