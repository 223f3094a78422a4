"""A check by province P's reviewer of communes A and B, and helpers to conclude its visits."""

import datetime as dt

import pytest
from django.utils import timezone

from reports.checks import actions
from reports.checks.models import CheckVisit


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def plan(cast, today):
    return actions.plan_check(
        cast.province, by=cast.reviewer_p, title="Kiểm tra thực hiện dân chủ ở cơ sở năm 2026",
        subject="Việc công khai thông tin và trả lời kiến nghị", team_lead="Vũ Thị Thanh, Phó Giám đốc Sở Nội vụ",
        team="Nguyễn Văn An, chuyên viên\nTrần Thị Bình, chuyên viên", plan_number="45/KH-SNV",
        starts_on=today - dt.timedelta(days=40), ends_on=today - dt.timedelta(days=20), units=[cast.a, cast.b],
    )  # fmt: skip


@pytest.fixture
def visit_a(cast, plan):
    return CheckVisit.objects.get(plan=plan, unit=cast.a)


@pytest.fixture
def concluded_a(cast, visit_a, today):
    """Visited 30 days ago with two fixes: one due 10 days ago (overdue), one due in 10 days."""
    return actions.conclude_visit(
        visit_a, by=cast.reviewer_p, visited_on=today - dt.timedelta(days=30), number="12/KL-ĐKT",
        minutes="Đoàn làm việc với Ủy ban nhân dân xã; xem sổ theo dõi công khai.",
        conclusions="Xã công khai đủ nội dung; còn chậm trả lời hai kiến nghị.",
        fixes=[
            ("Trả lời hai kiến nghị của Ban Thanh tra nhân dân còn tồn", today - dt.timedelta(days=10)),
            ("Niêm yết bổ sung kế hoạch sử dụng đất tại nhà văn hóa thôn", today + dt.timedelta(days=10)),
        ],
    )  # fmt: skip
