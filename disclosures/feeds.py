"""RSS and Atom feeds of a commune's notice board: the newest public disclosures, never an agency's
internal ones (they are not in `Disclosure.objects.public()`), whoever asks."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from units.models import AdministrativeUnit, Level

from .models import Disclosure

FEED_SIZE = 30


class BoardRssFeed(Feed):
    language = "vi"

    def get_object(self, request, code):
        return get_object_or_404(AdministrativeUnit, code=code, level=Level.COMMUNE)

    def title(self, unit):
        return _("Thông tin công khai – %(unit)s") % {"unit": unit.name}

    def link(self, unit):
        return reverse("disclosures:board", args=[unit.code])

    def description(self, unit):
        return _(
            "Thông tin %(unit)s công khai theo Điều 11 Luật Thực hiện dân chủ ở cơ sở (10/2022/QH15)."
        ) % {"unit": unit.name}

    def items(self, unit):
        return (
            Disclosure.objects.public()
            .for_unit(unit)
            .select_related("item")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, d):
        return d.title

    def item_description(self, d):
        parts = [
            _("Điều %(article)s khoản %(clause)s") % {"article": d.item.article, "clause": d.item.clause},
            d.get_state_display(),
        ]
        if d.window_ends_at:
            end = timezone.localtime(d.window_ends_at)
            parts.append(
                _("Kết thúc niêm yết lúc %(time)s ngày %(date)s")
                % {"time": end.strftime("%H:%M"), "date": end.strftime("%d/%m/%Y")}
            )
        return " · ".join(str(p) for p in parts) + "\n\n" + d.summary

    def item_link(self, d):
        return reverse("disclosures:detail", args=[d.pk])

    def item_pubdate(self, d):
        return d.published_at

    def item_updateddate(self, d):
        return d.updated_at

    def item_categories(self, d):
        return [_("Điều %(article)s khoản %(clause)s") % {"article": d.item.article, "clause": d.item.clause}]


class BoardAtomFeed(BoardRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, unit):
        return self.description(unit)
