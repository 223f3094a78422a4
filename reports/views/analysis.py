"""The compliance dashboard's analysis pages for an area: the coverage of the disclosure catalogue (how
many units posted each item in the period, and which did not) and the trend over the last six
half-years (an SVG chart and its numbers as a table). Same access and periods as the dashboard."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from democracy.models import CatalogueItem, Kind, Scope
from disclosures.models import Disclosure
from units.text import vi_sorted

from .. import charts
from .. import compliance as comp
from ..access import get_dashboard_area_for_user
from .dashboard import breadcrumbs, legend, period_asked, period_choices, scope, with_query

# --- Coverage of the catalogue ---------------------------------------------------------------------


@login_required
@never_cache
@require_GET
def coverage(request, code):
    """For each disclosure item of the catalogue, how many units of the area posted it in the period;
    for one item, which did and which did not. Five queries."""
    target = get_dashboard_area_for_user(request, code)
    today = timezone.localdate()
    regime, period, error = period_asked(request, target, today)
    units_qs, agencies_qs = scope(target, period)
    units = vi_sorted(units_qs.only("pk", "code", "name"))
    agencies = [] if isinstance(agencies_qs, list) else vi_sorted(agencies_qs.only("pk", "code", "name"))
    start, end = period.bounds()
    owned = Q(unit__in=units_qs.values("pk"))
    if agencies:
        owned |= Q(agency__in=agencies_qs.values("pk"))
    posted = Disclosure.objects.filter(owned, published_at__gte=start, published_at__lt=end)
    counts = {
        row["item_id"]: row
        for row in posted.values("item_id")
        .annotate(units=Count("unit", distinct=True), agencies=Count("agency", distinct=True), n=Count("pk"))
        .order_by()
    }
    items = list(CatalogueItem.objects.filter(kind=Kind.DISCLOSE).order_by("scope", "article", "clause"))
    items = [i for i in items if i.is_active or i.pk in counts]

    def summary(item):
        row = counts.get(item.pk, {})
        total = len(agencies) if item.scope == Scope.AGENCY else len(units)
        done = row.get("agencies" if item.scope == Scope.AGENCY else "units", 0)
        indicator = comp.Indicator(item.reference, item.label_vi, done, total)
        return {"item": item, "indicator": indicator, "postings": row.get("n", 0)}

    commune_items = [summary(i) for i in items if i.scope == Scope.COMMUNE]
    agency_items = [summary(i) for i in items if i.scope == Scope.AGENCY] if agencies else []

    chosen, did, did_not, item_error = None, [], [], None
    raw = request.GET.get("item", "").strip()
    if raw:
        chosen = next((i for i in items if str(i.pk) == raw), None)
        if chosen is None or (chosen.scope == Scope.AGENCY and not agencies):
            chosen, item_error = (
                None,
                _("Không có nội dung «%(item)s» trong danh mục công khai.") % {"item": raw},
            )
    if chosen:
        owners = agencies if chosen.scope == Scope.AGENCY else units
        field_name = "agency_id" if chosen.scope == Scope.AGENCY else "unit_id"
        posted_by = dict(
            posted.filter(item=chosen).values_list(field_name).annotate(n=Count("pk")).order_by()
        )
        url_name = "reports:agency_area" if chosen.scope == Scope.AGENCY else "reports:area"
        for owner in owners:
            entry = {"owner": owner, "n": posted_by.get(owner.pk, 0)}
            entry["url"] = with_query(reverse(url_name, args=[owner.code]), period=period.key)
            (did if entry["n"] else did_not).append(entry)

    halves, years = period_choices(regime, period, today)
    context = {
        "target": target,
        "period": period,
        "period_error": error,
        "item_error": item_error,
        "keep_fields": [("item", chosen.pk if chosen else "")],
        "halves": halves,
        "years": years,
        "base_url": reverse("reports:coverage", args=[target.code]),
        "area_url": with_query(reverse("reports:area", args=[target.code]), period=period.key),
        "units_count": len(units),
        "agencies_count": len(agencies),
        "groups": [
            (_("Xã, phường, đặc khu (Điều 11)"), commune_items, len(units)),
            (_("Cơ quan, đơn vị (Điều 46)"), agency_items, len(agencies)),
        ],
        "chosen": chosen,
        "did": did,
        "did_not": did_not,
        "breadcrumbs": breadcrumbs(request, target, period),
    }
    return render(request, "reports/coverage.html", context)


# --- Trend -------------------------------------------------------------------------------------------


def _trend(request, target):
    today = timezone.localdate()
    regime, period, error = period_asked(request, target, today)
    periods = regime.recent_periods(period.end, count=6)
    points = charts.trend(periods, lambda p: scope(target, p), today=today)
    return period, error, points


@login_required
@require_GET
def trend(request, code):
    """The trend chart as an SVG picture (the page's <img>)."""
    target = get_dashboard_area_for_user(request, code)
    period, _error, points = _trend(request, target)
    svg = charts.trend_svg(points, area_name=str(target.name), highlight_key=period.key)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@never_cache
@require_GET
def trend_table(request, code):
    """The trend chart with its numbers as a table (the accessible alternative to the picture)."""
    target = get_dashboard_area_for_user(request, code)
    period, error, points = _trend(request, target)
    headers = [str(label) for _key, label, *_rest in charts.SERIES]
    rows = [
        {
            "period": p.period,
            "cells": list(zip(headers, [p.indicators[key] for key in charts.SERIES_KEYS], strict=True)),
        }
        for p in points
    ]
    context = {
        "target": target,
        "period": period,
        "period_error": error,
        "headers": headers,
        "rows": rows,
        "legend": legend(),
        "warn_from": round(float(comp.WARN_FROM) * 100),
        "trend_url": with_query(reverse("reports:trend", args=[target.code]), period=period.key),
        "area_url": with_query(reverse("reports:area", args=[target.code]), period=period.key),
        "breadcrumbs": breadcrumbs(request, target, period),
    }
    return render(request, "reports/dashboard_trend.html", context)
