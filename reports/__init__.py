"""Reporting regime, half-year/annual reports, the compliance dashboard (issue #5)."""
