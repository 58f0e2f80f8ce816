"""The family panel: tabs over one family's record."""
