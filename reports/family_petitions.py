"""The petitions family (reports.families): per commune and agency and per period, the petitions received
(hidden ones excluded), those due (handled, or their deadline passed), those handled on time, and the
citizens' ratings of the answers (Law 10/2022/QH15 Art. 34(1), 35(2)(a)).

Counted by the day of receipt, from the `petition_received` index."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from consultations.petitions.models import Petition, State

from .families import Family


def petition_parts(scope):
    start, end = scope.period.bounds()
    received = Petition.objects.filter(received_at__gte=start, received_at__lt=end).exclude(
        state=State.HIDDEN
    )
    handled = Q(handled_on__isnull=False)
    counts = {
        "received": Count("received_at"),
        "due": Count("received_at", filter=handled | Q(due_on__lt=scope.today)),
        "on_time": Count("received_at", filter=handled & Q(handled_on__lte=F("due_on"))),
        "rated": Count("received_at", filter=Q(rated_at__isnull=False)),
        "satisfied": Count("received_at", filter=Q(rated_at__isnull=False, satisfied=True)),
    }
    return [(rows, counts) for rows in scope.by_commune(received)]


def petition_section(figures: dict, internal: bool) -> tuple:
    counts = figures["petitions"]
    return (
        _("Phản ánh, kiến nghị và đánh giá sự hài lòng (Điều 35 khoản 2 điểm a)"),
        [
            (_("Số phản ánh, kiến nghị tiếp nhận"), counts["received"], False),
            (_("Đã đến hạn trả lời"), counts["due"], True),
            (_("Trả lời, chuyển đúng hạn"), counts["on_time"], True),
            (_("Số lượt người dân đánh giá câu trả lời"), counts["rated"], False),
            (_("Hài lòng"), counts["satisfied"], True),
        ],
    )


PETITIONS = Family(
    "petitions",
    ("received", "due", "on_time", "rated", "satisfied"),
    petition_parts,
    indicators=(
        ("petitions_on_time", _("Phản ánh, kiến nghị trả lời đúng hạn"), "on_time", "due"),
        ("satisfaction", _("Người dân hài lòng với câu trả lời"), "satisfied", "rated"),
    ),
    section=petition_section,
)
