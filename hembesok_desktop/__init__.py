"""hembesok_desktop."""
