"""The petitions family (reports.families): per commune and agency and per period, the petitions received
(hidden ones excluded), those due (handled, or their deadline passed), those handled on time, and the
citizens' ratings of the answers (Law 10/2022/QH15 Art. 34(1), 35(2)(a)).

The ratings again per channel of receipt (online, suggestion box, hotline, reception day, Zalo, letter,
meeting): one family each (`petitions_<channel>`: rated, satisfied), each with its satisfaction
indicator, in the same statement; the petitions section of the unit reports prints them.

Counted by the day of receipt, from the `petition_received` index."""

from django.db.models import Count, F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from consultations.petitions.models import Channel, Petition, State

from .families import Family


def _received(scope):
    start, end = scope.period.bounds()
    return Petition.objects.filter(received_at__gte=start, received_at__lt=end).exclude(state=State.HIDDEN)


def petition_parts(scope):
    received = _received(scope)
    handled = Q(handled_on__isnull=False)
    counts = {
        "received": Count("received_at"),
        "due": Count("received_at", filter=handled | Q(due_on__lt=scope.today)),
        "on_time": Count("received_at", filter=handled & Q(handled_on__lte=F("due_on"))),
        "rated": Count("received_at", filter=Q(rated_at__isnull=False)),
        "satisfied": Count("received_at", filter=Q(rated_at__isnull=False, satisfied=True)),
    }
    return [(rows, counts) for rows in scope.by_commune(received)]


def channel_parts(channel: str):
    def parts(scope):
        rated = _received(scope).filter(channel=channel, rated_at__isnull=False)
        counts = {
            "rated": Count("received_at"),
            "satisfied": Count("received_at", filter=Q(satisfied=True)),
        }
        return [(rows, counts) for rows in scope.by_commune(rated)]

    return parts


def channel_family(channel: str) -> str:
    return f"petitions_{channel}"


def petition_section(figures: dict, internal: bool) -> tuple:
    counts = figures["petitions"]
    lines = [
        (_("Số phản ánh, kiến nghị tiếp nhận"), counts["received"], False),
        (_("Đã đến hạn trả lời"), counts["due"], True),
        (_("Trả lời, chuyển đúng hạn"), counts["on_time"], True),
        (_("Số lượt người dân đánh giá câu trả lời"), counts["rated"], False),
        (_("Hài lòng"), counts["satisfied"], True),
    ]
    for channel in Channel:
        by_channel = figures.get(channel_family(channel.value)) or {}
        if by_channel.get("rated"):  # the channels the period's ratings came through
            lines.append(
                (format_lazy("{} – {}", _("Số lượt người dân đánh giá câu trả lời"), channel.label),
                 by_channel["rated"], False)
            )  # fmt: skip
            lines.append((_("Hài lòng"), by_channel["satisfied"], True))
    return _("Phản ánh, kiến nghị và đánh giá sự hài lòng (Điều 35 khoản 2 điểm a)"), lines


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


# Satisfaction per channel (Art. 35(2)(a)): printed by the petitions section above, so no section of
# their own; each an indicator of the dashboard.
PETITION_CHANNELS = [
    Family(
        channel_family(channel.value),
        ("rated", "satisfied"),
        channel_parts(channel.value),
        indicators=(
            (
                f"satisfaction_{channel.value}",
                format_lazy("{} – {}", _("Người dân hài lòng với câu trả lời"), channel.label),
                "satisfied",
                "rated",
            ),
        ),
    )
    for channel in Channel
]
