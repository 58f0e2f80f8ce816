"""Revision files (one module per revision)."""
