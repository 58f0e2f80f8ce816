"""The caseload: search, work lists and the table of families (left side of the window)."""
