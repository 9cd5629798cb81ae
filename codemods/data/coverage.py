"""Catalogue rows that no pass lists, and why (read by tools/coverage.py)."""

NOTES: dict[str, str] = {}
