"""Documents attached to a draft disclosure: all of them or none, one audit row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from democracy.audit import record
from democracy.models import Action
from democracy.uploads import CheckedFile, store_all

from .models import Disclosure, Document, State


@transaction.atomic
def add_documents(disclosure: Disclosure, files: list[CheckedFile], *, by) -> list[Document]:
    """Attach checked files to a draft: all of them or none, one audit row."""
    # Lock the row so a submit cannot slip in between the check and the insert.
    if not Disclosure.objects.select_for_update().filter(pk=disclosure.pk, state=State.DRAFT).exists():
        raise ValidationError(_("Chỉ đính kèm được tài liệu khi thông tin còn là bản nháp."))
    documents = store_all(
        files, lambda checked: Document(disclosure=disclosure, uploaded_by=by), stem="tai-lieu"
    )
    record(
        disclosure,
        by=by,
        action=Action.DOCUMENTS_ADDED,
        changes={"documents": [d.original_name for d in documents]},
    )
    return documents


@transaction.atomic
def delete_document(document: Document, *, by) -> None:
    """Remove a document from a draft (never from anything submitted or published)."""
    disclosure = document.disclosure
    if not Disclosure.objects.select_for_update().filter(pk=disclosure.pk, state=State.DRAFT).exists():
        raise ValidationError(_("Chỉ xóa được tài liệu khi thông tin còn là bản nháp."))
    name, path = document.original_name, document.file.name
    document.delete()
    record(disclosure, by=by, action=Action.DOCUMENT_REMOVED, changes={"document": name})
    storage = document.file.storage
    transaction.on_commit(lambda: storage.delete(path))
