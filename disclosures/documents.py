"""Documents attached to a draft disclosure: all of them or none, one audit row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from democracy.audit import record
from democracy.models import Action
from democracy.uploads import CheckedFile

from .models import Disclosure, Document, State


@transaction.atomic
def add_documents(disclosure: Disclosure, files: list[CheckedFile], *, by) -> list[Document]:
    """Attach checked files to a draft: all of them or none, one audit row."""
    # Lock the row so a submit cannot slip in between the check and the insert.
    if not Disclosure.objects.select_for_update().filter(pk=disclosure.pk, state=State.DRAFT).exists():
        raise ValidationError(_("Chỉ đính kèm được tài liệu khi thông tin còn là bản nháp."))
    documents, stored = [], []
    try:
        for checked in files:
            document = Document(
                disclosure=disclosure,
                original_name=checked.original_name,
                content_type=checked.type.content_type,
                size=checked.size,
                sha256=checked.sha256,
                uploaded_by=by,
            )
            # The stored name is random (document_path); its extension is the one of the real type.
            document.file.save(f"tai-lieu{checked.type.extension}", checked.upload, save=False)
            stored.append(document.file.name)
            document.save()
            documents.append(document)
        record(
            disclosure,
            by=by,
            action=Action.DOCUMENTS_ADDED,
            changes={"documents": [d.original_name for d in documents]},
        )
    except Exception:
        # Nothing half-saved: the rows roll back with the transaction, the files go here.
        _delete_files(stored)
        raise
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
    transaction.on_commit(lambda: _delete_files([path]))


def _delete_files(paths):
    storage = Document._meta.get_field("file").storage
    for path in paths:
        if path:
            storage.delete(path)
