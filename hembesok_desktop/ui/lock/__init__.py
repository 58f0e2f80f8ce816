"""Locking and unlocking: the unlock screen, the first-run dialogs, recovery-key printing and
the idle watcher that drives auto-lock."""
