"""Import and export of disclosures (CSV/XLSX), for communes and agencies moving from spreadsheets.

The import reuses the units' machinery (units/imports/base.py): all or nothing, every bad row listed
as "Dòng N, cột X: …", a dry run that writes nothing. Each row goes through the same rules as a
clerk's form (`actions.import_disclosure`, one audit row per row), so deadlines and windows agree:

- no posting date (`ngay_niem_yet` empty): a draft;
- a posting date: a historical posting, published as of 08:00 (Asia/Ho_Chi_Minh) that day. Posted
  after the legal deadline, it needs `ly_do_muon`. Windows that have already ended are closed by the
  closing job as usual.

`ngay_ket_thuc` (window end) is computed by the portal; the export writes it, the import ignores it.
`trang_thai` is checked against the posting date; withdrawn and superseded versions are not imported.

The export writes the same columns (so an export imports again) with formula-safe cells
(democracy/xlsx.py): XLSX with typed dates, or CSV with day-first dates.

The columns are in `widgets`, the rows in `resource`, the export in `export`.
"""

from .export import export_file, export_queryset, export_rows
from .resource import DisclosureResource

__all__ = ["DisclosureResource", "export_file", "export_queryset", "export_rows"]
