"""The files of reports, rendered from stored figures: a unit report (PDF, XLSX), a roll-up (PDF, XLSX)
and the dashboard's table (XLSX). `<thing>_pdf(…) -> bytes`, `<thing>_xlsx(…) -> bytes`."""

from .dashboard import dashboard_xlsx
from .rollup import rollup_pdf, rollup_xlsx
from .unit_report import unit_report_pdf, unit_report_xlsx

__all__ = ["dashboard_xlsx", "rollup_pdf", "rollup_xlsx", "unit_report_pdf", "unit_report_xlsx"]
