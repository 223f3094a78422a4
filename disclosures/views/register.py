"""The quarterly register (Art. 13(2)) as a page, a PDF and an XLSX: public for a commune, internal
(the agency's staff and its reviewers, through `get_agency_for_user`) for an agency."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from democracy.downloads import generated_download
from democracy.xlsx import XLSX_TYPE
from units.access import get_agency_for_user
from units.models import AdministrativeUnit, Level, RegisterQuarters, is_agency

from .. import outputs
from ..register import LAST_YEAR, LAW_IN_FORCE, ROMAN, Quarter, register_rows


def _quarter(owner, year: int, quarter: int) -> Quarter:
    """Quarter `quarter` of `year` as the owner's province chose for the register (one query)."""
    try:
        return Quarter.of(year, quarter, RegisterQuarters.for_owner(owner))
    except ValueError:
        raise Http404 from None


def _commune(code: str) -> AdministrativeUnit:
    # The parents come along: the reporting regime is looked up along the chain without more queries.
    return get_object_or_404(
        AdministrativeUnit.objects.select_related("parent__parent__parent"), code=code, level=Level.COMMUNE
    )


def _context(owner, quarter: Quarter) -> dict:
    internal = is_agency(owner)
    prefix = "disclosures:agency_register" if internal else "disclosures:register"

    def url(suffix="", q=quarter):
        return reverse(prefix + suffix, args=[owner.code, q.year, q.number]) if q else None

    rows = register_rows(owner, quarter)
    today = timezone.localdate()
    following = quarter.next()
    if following and following.start > today:
        following = None  # nothing can have been posted yet
    this_year = _current(quarter, today).year  # may be next calendar year: 20/12/2025 is in quarter I 2026
    # From the year the Law came into force (nothing to list before it), and the quarter shown.
    years = sorted(
        {*range(LAW_IN_FORCE.year, max(this_year, LAW_IN_FORCE.year) + 1), quarter.year}, reverse=True
    )
    return {
        "owner": owner,
        "internal": internal,
        "quarter": quarter,
        "rows": rows,
        "late_count": sum(row.is_late for row in rows),
        "pdf_url": url("_pdf"),
        "xlsx_url": url("_xlsx"),
        "previous_url": url(q=quarter.previous()),
        "next_url": url(q=following),
        "pick_url": reverse(f"{prefix}_pick", args=[owner.code]),
        "years": years,
        "quarters": list(ROMAN.items()),
    }


def _current(quarter: Quarter, today) -> Quarter:
    """The quarter of `quarter`'s regime that contains `today` (the last one counted after 2099)."""
    try:
        return Quarter.containing(today, cutoff_day=quarter.cutoff_day, year_end_month=quarter.year_end_month)
    except ValueError:
        return Quarter.of(LAST_YEAR, 4, cutoff_day=quarter.cutoff_day, year_end_month=quarter.year_end_month)


def _pick(request, url_name: str, owner):
    """The quarter picker's target (a GET form works without JavaScript): redirect to the register of
    the quarter asked for, or of the current quarter: the one of the province's register quarters that
    contains today."""
    regime = RegisterQuarters.for_owner(owner)
    current = Quarter.containing(timezone.localdate(), regime)
    try:
        quarter = Quarter.of(
            int(request.GET.get("year", current.year)),
            int(request.GET.get("quarter", current.number)),
            regime,
        )
    except ValueError:
        quarter = current
    return redirect(url_name, owner.code, quarter.year, quarter.number)


def _page(request, owner, quarter):
    return render(request, "disclosures/register/register.html", _context(owner, quarter))


def _pdf(owner, quarter, *, public):
    return generated_download(
        outputs.register_pdf(owner, quarter),
        filename=f"{_file_name(owner, quarter)}.pdf",
        content_type="application/pdf",
        public=public,
        inline=True,
    )


def _xlsx(owner, quarter, *, public):
    return generated_download(
        outputs.register_xlsx(owner, quarter),
        filename=f"{_file_name(owner, quarter)}.xlsx",
        content_type=XLSX_TYPE,
        public=public,
    )


def _file_name(owner, quarter) -> str:
    code = "".join(c if c.isalnum() or c in "-_" else "-" for c in owner.code)
    return f"danh-sach-cong-khai-{code}-{quarter.year}-q{quarter.number}"


def _private(response):
    # An agency's register is internal (Art. 46): never kept by a shared cache.
    add_never_cache_headers(response)
    return response


# --- A commune: public -------------------------------------------------------------------------------


@require_GET
def register_pick(request, code):
    return _pick(request, "disclosures:register", _commune(code))


@require_GET
def register(request, code, year, quarter):
    commune = _commune(code)
    return _page(request, commune, _quarter(commune, year, quarter))


@require_GET
def register_pdf(request, code, year, quarter):
    commune = _commune(code)
    return _pdf(commune, _quarter(commune, year, quarter), public=True)


@require_GET
def register_xlsx(request, code, year, quarter):
    commune = _commune(code)
    return _xlsx(commune, _quarter(commune, year, quarter), public=True)


# --- An agency: its staff and reviewers only ---------------------------------------------------------


@login_required
@require_GET
def agency_register_pick(request, code):
    agency, _roles = get_agency_for_user(request, code)
    return _pick(request, "disclosures:agency_register", agency)


@login_required
@require_GET
def agency_register(request, code, year, quarter):
    agency, _roles = get_agency_for_user(request, code)
    return _private(_page(request, agency, _quarter(agency, year, quarter)))


@login_required
@require_GET
def agency_register_pdf(request, code, year, quarter):
    agency, _roles = get_agency_for_user(request, code)
    return _pdf(agency, _quarter(agency, year, quarter), public=False)


@login_required
@require_GET
def agency_register_xlsx(request, code, year, quarter):
    agency, _roles = get_agency_for_user(request, code)
    return _xlsx(agency, _quarter(agency, year, quarter), public=False)
