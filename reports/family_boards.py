"""The supervision boards' family of figures (issue 12): for each commune or agency in a period, the
boards in office (their term overlapping the period, once elected) and how many of them the Front (the
union) recognised; the boards' reports due in the period and how many were sent on time."""

from django.db.models import Count, F, IntegerField, Q, Value
from django.utils.translation import gettext_lazy as _

from consultations.supervision.models import Board, BoardReport, BoardState

from .families import Family

COUNTS = ("boards", "recognised", "reports_due", "reports_on_time")
IN_OFFICE = (BoardState.ELECTED, BoardState.RECOGNISED, BoardState.DISSOLVED)


def parts(scope):
    zero = Value(0, output_field=IntegerField())
    boards = Board.objects.filter(
        term_start__lte=scope.period.end, term_end__gte=scope.period.start, state__in=IN_OFFICE
    )
    reports = BoardReport.objects.filter(due_on__gte=scope.period.start, due_on__lte=scope.period.end)
    return [
        (scope.own(boards), {
            "boards": Count("pk"),
            "recognised": Count("pk", filter=Q(recognised_on__lte=scope.period.end)),
            "reports_due": zero,
            "reports_on_time": zero,
        }),
        (scope.own(reports, prefix="board__"), {
            "boards": zero,
            "recognised": zero,
            "reports_due": Count("pk"),
            "reports_on_time": Count("pk", filter=Q(sent_on__lte=F("due_on"))),
        }),
    ]  # fmt: skip


BOARDS = Family(
    "boards",
    COUNTS,
    parts,
    indicators=(
        ("boards_recognised", _("Ban thanh tra, giám sát được công nhận"), "recognised", "boards"),
        ("board_reports", _("Báo cáo của Ban đúng hạn"), "reports_on_time", "reports_due"),
    ),
)
