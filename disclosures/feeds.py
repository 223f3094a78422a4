"""RSS and Atom feeds of a commune's notice board: the newest public disclosures, never an agency's
internal ones (they are not in `Disclosure.objects.public()`), whoever asks.

Feed readers render an item's description as HTML (RSS `<description>`, Atom `<summary type="html">`)
and many render titles too: what a clerk typed is text there, never markup (issue 18 item 11). The
title has its tags stripped; the description is escaped, its line breaks kept as `<br>`."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags
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
        return strip_tags(d.title)

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
        text = " · ".join(str(p) for p in parts) + "\n\n" + d.summary
        return "<br>".join(escape(line) for line in text.splitlines())

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
