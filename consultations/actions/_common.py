"""What the write modules share: the check that a catalogue item fits the owner."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from democracy.models import CatalogueItem
from units.models import catalogue_scope, is_agency  # noqa: F401 (re-exported)

scope_of = catalogue_scope


def check_item(item: CatalogueItem, owner, kind: str, articles: str) -> None:
    if item.kind != kind or item.scope != scope_of(owner) or not item.is_active:
        raise ValidationError(
            {"item": _("Hãy chọn một nội dung của %(articles)s Luật 10/2022/QH15.") % {"articles": articles}}
        )
