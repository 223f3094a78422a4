"""RSS and Atom feeds of a commune's consultations and decisions, as its notice board has
(disclosures/feeds.py): public ones only (never an agency's), whoever asks. What a clerk typed is text,
never markup: titles have their tags stripped, descriptions are escaped."""

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

from consultations.access import PUBLIC_DECISION_STATES
from consultations.models import Consultation, Decision
from units.models import AdministrativeUnit, Level

FEED_SIZE = 30


def _html(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


class _CommuneFeed(Feed):
    language = "vi"

    def get_object(self, request, code):
        return get_object_or_404(AdministrativeUnit, code=code, level=Level.COMMUNE)

    def item_title(self, obj):
        return strip_tags(obj.title)


class ConsultationRssFeed(_CommuneFeed):
    def title(self, unit):
        return _("Lấy ý kiến Nhân dân – %(unit)s") % {"unit": unit.name}

    def link(self, unit):
        return reverse("consultations:board", args=[unit.code])

    def description(self, unit):
        return _("Các cuộc lấy ý kiến Nhân dân của %(unit)s (Điều 25–28 Luật 10/2022/QH15).") % {
            "unit": unit.name
        }

    def items(self, unit):
        return (
            Consultation.objects.public()
            .on_board_of(unit)
            .select_related("item")
            .order_by("-opened_at", "-pk")[:FEED_SIZE]
        )

    def item_description(self, c):
        parts = [c.get_state_display()]
        if c.ends_at:
            parts.append(_("Kết thúc lấy ý kiến lúc %(moment)s") % {"moment": c.closing_text})
        text = (
            " · ".join(str(p) for p in parts) + "\n\n" + (c.result_summary or c.purpose or c.content)[:2000]
        )
        return _html(text)

    def item_link(self, c):
        return reverse("consultations:detail", args=[c.pk])

    def item_pubdate(self, c):
        return c.opened_at

    def item_updateddate(self, c):
        return c.results_published_at or c.closed_at or c.opened_at


class ConsultationAtomFeed(ConsultationRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, unit):
        return self.description(unit)


class DecisionRssFeed(_CommuneFeed):
    def title(self, unit):
        return _("Nhân dân bàn và quyết định – %(unit)s") % {"unit": unit.name}

    def link(self, unit):
        return reverse("consultations:decisions_board", args=[unit.code])

    def description(self, unit):
        return _("Kết quả Nhân dân bàn và quyết định ở %(unit)s (Điều 15–21 Luật 10/2022/QH15).") % {
            "unit": unit.name
        }

    def items(self, unit):
        return (
            Decision.objects.filter(agency__isnull=True, state__in=PUBLIC_DECISION_STATES)
            .filter(Q(unit=unit) | Q(unit__parent=unit))
            .select_related("unit")
            .order_by("-decided_on", "-pk")[:FEED_SIZE]
        )

    def item_description(self, d):
        parts = [d.unit.name, d.get_state_display(), d.get_outcome_display()]
        if d.decided_on:
            parts.append(_("Ngày biểu quyết %(day)s") % {"day": f"{d.decided_on:%d/%m/%Y}"})
        text = " · ".join(str(p) for p in parts if p)
        text += "\n\n" + _(
            "Tán thành: %(agree)s · Không tán thành: %(disagree)s · Ý kiến khác: %(other)s"
        ) % {
            "agree": d.agree or 0,
            "disagree": d.disagree or 0,
            "other": d.other or 0,
        }
        if d.refusal_reason:
            text += "\n" + d.refusal_reason
        return _html(text)

    def item_link(self, d):
        return reverse("consultations:decision_public", args=[d.pk])

    def item_pubdate(self, d):
        return d.published_at or d.created_at


class DecisionAtomFeed(DecisionRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, unit):
        return self.description(unit)
