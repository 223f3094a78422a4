"""What the write modules share: whether an owner is an agency (the app's one `isinstance`, until
`units` has such a helper) and the check that a catalogue item fits the owner."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from democracy.models import CatalogueItem, Scope
from units.models import Agency


def is_agency(owner) -> bool:
    """An agency's records are internal (Art. 46 ff.); a unit's are the commune's."""
    return isinstance(owner, Agency)


def scope_of(owner) -> str:
    """The catalogue scope of a unit's (commune) or an agency's records."""
    return Scope.AGENCY if is_agency(owner) else Scope.COMMUNE


def check_item(item: CatalogueItem, owner, kind: str, articles: str) -> None:
    if item.kind != kind or item.scope != scope_of(owner) or not item.is_active:
        raise ValidationError(
            {"item": _("Hãy chọn một nội dung của %(articles)s Luật 10/2022/QH15.") % {"articles": articles}}
        )
