"""The supervision objects of the URL matrices (tests/matrix_objects.py, tests/test_url_matrix_supervision.py):
for communes A, B, C a recognised People's Inspection Board (five members from the commune's village), an
investment board, a plan, an inspection, a recommendation and a report; for agency A its own board."""

import datetime as dt

from django.utils import timezone

from consultations.supervision import actions
from consultations.supervision.models import BoardKind, MemberRole, PlanPeriod, ReportKind
from democracy.calendar import add_working_days

ROLES = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER, MemberRole.MEMBER, MemberRole.MEMBER]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]


def _recognised(cast, owner, kind, village, name, size):
    today = timezone.localdate()
    start = today - dt.timedelta(days=100)
    board = actions.create_board(owner=owner, by=cast.admin, kind=kind, name=name, term_start=start,
                                 term_end=start + dt.timedelta(days=700 if kind == BoardKind.AGENCY else 5 * 365))  # fmt: skip
    for n in range(size):
        actions.add_member(board, by=cast.admin, full_name=NAMES[n], role=ROLES[n], since=start,
                           village=village if kind == BoardKind.COMMUNE else None)  # fmt: skip
    actions.record_election(board, by=cast.admin, elected_on=start, note="Biên bản bầu")
    return actions.recognise_board(board, by=cast.admin, on=start + dt.timedelta(days=2), number="1/QĐ")


def _investment(cast, owner):
    today = timezone.localdate()
    return actions.create_board(
        owner=owner, by=cast.admin, kind=BoardKind.INVESTMENT, name="Ban Giám sát đầu tư đường thôn",
        term_start=today, term_end=today + dt.timedelta(days=365), project="Đường thôn", investor="UBND xã",
        supervision_starts_on=today + dt.timedelta(days=60),
    )  # fmt: skip


def add_boards(cast, bundle, owner, village):
    """Adds to `bundle`: board, member, investment_board, inspection, board_report."""
    today = timezone.localdate()
    internal = village is None
    kind = BoardKind.AGENCY if internal else BoardKind.COMMUNE
    board = _recognised(
        cast, owner, kind, village, f"Ban Thanh tra nhân dân – {owner.name}", 3 if internal else 5
    )
    plan = actions.file_plan(board, by=cast.admin, period=PlanPeriod.QUARTER, year=today.year,
                             number=(today.month - 1) // 3 + 1, content="Kiểm tra thu chi", filed_on=today)  # fmt: skip
    sent = today - dt.timedelta(days=20)
    inspection = actions.announce_inspection(board, by=cast.admin, subject="Thu chi quỹ", inspected="Ban quản lý",
                                             sent_to="Mặt trận; Chủ tịch UBND", plan_sent_on=sent,
                                             starts_on=add_working_days(sent, 5).date, plan=plan)  # fmt: skip
    actions.recommend(board, by=cast.admin, inspection=inspection, subject="Công khai quỹ", text="Đề nghị",
                      addressed_to=str(owner), made_on=today)  # fmt: skip
    report = actions.send_report(board, by=cast.admin, kind=ReportKind.QUARTER, title="Báo cáo quý", text="Kết quả",
                                 period_start=today - dt.timedelta(days=90), period_end=today - dt.timedelta(days=1),
                                 due_on=today, sent_on=today)  # fmt: skip
    bundle.board, bundle.inspection, bundle.board_report = board, inspection, report
    bundle.member = board.members.order_by("pk").first()
    bundle.investment_board = board if internal else _investment(cast, owner)
    return bundle
