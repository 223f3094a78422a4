"""What can be followed: a registry of kinds, each a model with how to find its public object, its
title, its page and its commune's board. Following is generic (a content type and a primary key), so a
petition (issue 13 part A) is one more `register(Target(...))` line, nothing else.

`own` kinds (a citizen's question or comment) are followed only through a signed link the sender got on
the page that confirmed what they sent (`links.mine_token`): nobody follows someone else's question.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from consultations.access import PUBLIC_DECISION_STATES
from consultations.models import Comment, Consultation, Decision
from consultations.petitions import links as petition_links
from consultations.petitions.models import Petition
from disclosures.models import PUBLIC_STATES, Feedback
from units.models import AdministrativeUnit, Level


@dataclass(frozen=True)
class Target:
    kind: str
    model: type
    find: Callable  # (reference: str) -> the public object or None
    title: Callable  # (obj) -> str
    path: Callable  # (obj) -> str
    board: Callable = lambda obj: None  # (obj) -> the commune whose board followers are told too
    own: bool = False


_targets: dict[str, Target] = {}


def register(target: Target) -> Target:
    _targets[target.kind] = target
    return target


def get(kind: str) -> Target | None:
    return _targets.get(kind)


def for_object(obj) -> Target | None:
    return next((t for t in _targets.values() if isinstance(obj, t.model)), None)


def commune_of(unit) -> AdministrativeUnit | None:
    """The commune whose board shows a unit's records (a village's are on its commune's board)."""
    if unit is None:
        return None
    return unit if unit.level == Level.COMMUNE else unit.parent


def _pk(reference) -> int | None:
    return int(reference) if str(reference).isdigit() and len(str(reference)) < 12 else None


def _first(queryset, reference):
    pk = _pk(reference)
    return queryset.filter(pk=pk).first() if pk else None


register(
    Target(
        kind="board",
        model=AdministrativeUnit,
        find=lambda code: AdministrativeUnit.objects.filter(code=code, level=Level.COMMUNE).first(),
        title=lambda unit: _("Bảng tin của %(unit)s") % {"unit": unit.name},
        path=lambda unit: reverse("disclosures:board", args=[unit.code]),
        board=lambda unit: unit,
    )
)
register(
    Target(
        kind="consultation",
        model=Consultation,
        find=lambda ref: _first(Consultation.objects.public().select_related("unit__parent", "board"), ref),
        title=lambda c: str(c.title),
        path=lambda c: reverse("consultations:detail", args=[c.pk]),
        board=lambda c: commune_of(c.board_unit),
    )
)
register(
    Target(
        kind="decision",
        model=Decision,
        find=lambda ref: _first(
            Decision.objects.filter(agency__isnull=True, state__in=PUBLIC_DECISION_STATES).select_related(
                "unit__parent"
            ),
            ref,
        ),
        title=lambda d: str(d.title),
        path=lambda d: reverse("consultations:decision_public", args=[d.pk]),
        board=lambda d: commune_of(d.unit),
    )
)
register(
    Target(
        kind="feedback",
        model=Feedback,
        find=lambda ref: _first(
            Feedback.objects.filter(
                disclosure__agency__isnull=True, disclosure__state__in=PUBLIC_STATES, hidden_at=None
            ).select_related("disclosure"),
            ref,
        ),
        title=lambda f: _("Câu hỏi, ý kiến của bạn về “%(title)s”") % {"title": f.disclosure.title},
        path=lambda f: reverse("disclosures:detail", args=[f.disclosure_id]),
        own=True,
    )
)
register(
    Target(
        kind="comment",
        model=Comment,
        find=lambda ref: _first(
            Comment.objects.filter(
                consultation__in=Consultation.objects.public(), hidden_at=None
            ).select_related("consultation"),
            ref,
        ),
        title=lambda c: _("Ý kiến của bạn về “%(title)s”") % {"title": c.consultation.title},
        path=lambda c: reverse("consultations:detail", args=[c.consultation_id]),
        own=True,
    )
)
register(
    Target(
        kind="petition",
        model=Petition,
        # A commune's petitions only: an agency's inbox is internal (its staff hear through the portal).
        find=lambda ref: _first(Petition.objects.filter(agency__isnull=True).select_related("unit"), ref),
        title=lambda p: _("Phản ánh, kiến nghị %(reference)s của bạn") % {"reference": p.reference},
        path=lambda p: reverse("petitions:track", args=[petition_links.token_for(p)]),
        own=True,
    )
)
