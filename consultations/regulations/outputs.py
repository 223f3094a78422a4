"""The register entry of a rule as PDF (Decree 30 layout): what the register knows of it, whether it is
in force on the day printed, what it replaced and what replaced it, and a convention's steps."""

from django.utils import timezone, translation

from democracy.pdf import place_date, render_pdf, split_type
from units.letterhead import issuer

from .conventions import steps_of
from .models import Regulation


def replaced_one(regulation: Regulation) -> Regulation | None:
    try:
        return regulation.replaces
    except Regulation.DoesNotExist:
        return None


@translation.override("vi")
def entry_pdf(regulation: Regulation) -> bytes:
    today = timezone.localdate()
    owner = regulation.owner
    unit = owner.unit if regulation.is_internal else owner
    commune = unit.parent if unit.level == "village" else unit
    context = {
        "r": regulation,
        "internal": regulation.is_internal,
        **issuer(commune if not regulation.is_internal else owner),
        "number": "\u00a0" * 6 + "/TT-SQC",
        "place_date": place_date(split_type(commune.name)[1], today),
        "today": today,
        "in_force": regulation.is_in_force(today),
        "replaces": replaced_one(regulation),
        "steps": steps_of(regulation, today=today) if regulation.is_convention else [],
    }
    return render_pdf("regulations/pdf/entry.html", context)
