"""Sync in the window: status, "Sync now" in the background, conflicts, reminder, enrollment.

The status counts come from ``store.read.sync_overview``.

- ``bridge`` – ``WorkerReplica``: the sync engine's store port, each step one short task on the
  session's single store worker, so the network I/O never holds the worker;
- ``controller`` – ``SyncController``: one sync at a time on its own thread, progress and the
  outcome as Qt signals, errors as one Swedish sentence (``messages``);
- ``conflicts`` – the conflicts and refused-changes dialog and its models (its rows come from
  ``store.read.conflicts``);
- ``reminder`` – the calm end-of-day banner (``QSettings`` ``sync/reminder_time``, 16:00);
- ``enroll`` – Settings → "Connect to server…";
- ``install`` – ``install_sync(...)``: wires all of it into a session's window.

The network runs on a plain thread of its own; every read or write of the store still goes
through ``TaskRunner`` (one short task per push batch or pull page), so opening a family during
a sync waits at most for one such step.
"""
