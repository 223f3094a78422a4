"""Corrections of what is already public: the text is never rewritten in place. A correction keeps the
earlier version in a revision row (the text as it was, when and by whom it was given) with the reason
and who replaced it, in the same transaction as the new text and its audit row; the public page shows
"Đã sửa ngày … — lý do: …" with the earlier text below. Each app keeps its own revision model on this
abstract base (a foreign key to what was corrected)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    text = models.TextField(_("nội dung trước khi sửa"))
    reason = models.TextField(_("lý do sửa"), max_length=2000)
    revised_at = models.DateTimeField(_("thời điểm sửa"))
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người sửa"), null=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip

    class Meta:
        abstract = True
        ordering = ["revised_at", "pk"]
