"""Disclosures and postings, windows, records, citizen feedback, the public notice board (issue #3)."""
