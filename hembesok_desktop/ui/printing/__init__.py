"""Printing and PDF export of the day view and a family summary (each writes the access log)."""
