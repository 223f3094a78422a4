"""Consultations (comments and responses) and community/staff decisions (issue #4)."""
