"""The sync status counts: ``store.read.sync_overview`` (kept here for ``ui.sync.install``,
which imports ``SyncOverview`` from this module; import from store.read elsewhere)."""

from __future__ import annotations

from ...store.read.sync_overview import SyncOverview, read_overview

__all__ = ["SyncOverview", "read_overview"]
