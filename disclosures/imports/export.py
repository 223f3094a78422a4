"""The export of disclosures: the import's columns, formula-safe (an export imports again)."""

import datetime as dt

from django.db.models import F, Q

from democracy.calendar import VIETNAM_TZ
from democracy.xlsx import write_csv, write_sheet

from ..models import Disclosure
from .resource import DisclosureResource


def export_queryset(owner=None, *, year: int | None = None):
    """A commune's or an agency's disclosures (all of them without `owner`), in the order they were
    posted, drafts last. With `year`: those posted that year, and unposted ones decided that year."""
    queryset = Disclosure.objects.select_related("item", "unit", "agency")
    if owner is not None:
        queryset = queryset.of(owner)
    if year is not None:
        start = dt.datetime(year, 1, 1, tzinfo=VIETNAM_TZ)
        end = dt.datetime(year + 1, 1, 1, tzinfo=VIETNAM_TZ)
        queryset = queryset.filter(
            Q(published_at__gte=start, published_at__lt=end)
            | Q(published_at__isnull=True, decision_date__year=year)
        )
    return queryset.order_by(F("published_at").asc(nulls_last=True), "created_at", "pk")


def export_rows(queryset) -> tuple[list[str], list[list]]:
    """(headers, rows) with typed cells: dates stay dates (for XLSX), the rest is the import's text."""
    resource = DisclosureResource()
    columns = resource.get_export_fields()
    rows = []
    for disclosure in queryset.iterator(chunk_size=2000):
        row = []
        for field in columns:
            value = field.get_value(disclosure)
            if isinstance(value, dt.date) or (isinstance(value, int) and not isinstance(value, bool)):
                row.append(value)
            else:
                row.append(field.widget.render(value))
        rows.append(row)
    return [field.column_name for field in columns], rows


def export_file(queryset, file_format: str) -> bytes:
    """The disclosures as "xlsx" or "csv", formula-safe either way."""
    headers, rows = export_rows(queryset)
    if file_format == "csv":
        return write_csv(headers, rows)
    if file_format == "xlsx":
        return write_sheet(headers, rows, sheet_title="Thông tin công khai")
    raise ValueError(f"Định dạng {file_format} không được hỗ trợ: dùng xlsx hoặc csv.")
