"""Multi-step flows of the shell as plain Python state classes (no Qt imported here).

Widgets only show a flow's state and forward the nurse's actions to it, so each flow is tested
without Qt (``tests/ui/test_flows_*.py``):

- ``passphrase``: strength of a new passphrase;
- ``first_run``: choose a passphrase (typed twice), create the store, show the recovery key
  once until the nurse confirms she has stored it;
- ``unlock``: unlock attempts with a growing wait after each failure (``UnlockThrottle``);
- ``session``: locked or unlocked, why it was locked, where the nurse was (family and tab) so
  unlocking returns there, and the idle clock behind auto-lock.

Flows hold no user-visible text: they report tokens (enums) that the widgets translate.
"""
