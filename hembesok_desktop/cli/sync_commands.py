"""``hembesok enroll`` and ``hembesok sync``: the command-line face of sync.

    hembesok enroll --server URL --user NAME [--ca-file PEM] [--device-name NAME]
    hembesok sync [--json]

The store's passphrase comes from a prompt or ``HEMBESOK_PASSPHRASE``; the nurse's server
password from a prompt or ``HEMBESOK_SERVER_PASSWORD``. Enrolling keeps the device id, its token
(only inside the encrypted store), the server address and the nurse's name and title (as the
store's actor, so signatures carry them). ``sync`` shows progress on stderr and a summary on
stdout. Every failure is one sentence on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections.abc import Callable

from ..store.sync_port import StoreReplica, save_enrollment
from ..sync import client as sync_client
from ..sync.engine import DEFAULT_BATCH_SIZE, DEFAULT_PAGE_SIZE, SyncProgress, SyncSummary
from ..sync.session import NotEnrolled, sync_replica
from .registry import CommandContext, Handler, Register
from .store_access import CommandError, open_store, read_secret

ENV_SERVER_PASSWORD = "HEMBESOK_SERVER_PASSWORD"


def _sync_failures(action: Handler) -> Handler:
    """Sync's own failures (server answers, no enrollment) as one sentence, exit 1."""

    def handler(args: argparse.Namespace, context: CommandContext) -> int:
        try:
            return action(args, context)
        except (sync_client.SyncError, NotEnrolled) as error:
            raise CommandError(str(error)) from None

    return handler


def cmd_enroll(args: argparse.Namespace, _context: CommandContext) -> int:
    base_url = sync_client.check_server_url(args.server)
    ca_file = os.path.abspath(args.ca_file) if args.ca_file else None
    store = open_store(args)
    try:
        password = read_secret(ENV_SERVER_PASSWORD, "Server password: ")
        answer = sync_client.enroll(
            base_url, args.user, password, args.device_name, ca_file=ca_file
        )
        save_enrollment(store, answer, server_url=base_url, ca_file=ca_file)
    finally:
        store.lock()
    print(f"Enrolled this laptop as device {answer.device_id}.")
    return 0


def _progress_printer() -> Callable[[SyncProgress], None]:
    def show(update: SyncProgress) -> None:
        total = "?" if update.total is None else str(update.total)
        print(f"{update.phase}: {update.done}/{total}", file=sys.stderr, flush=True)

    return show


def cmd_sync(args: argparse.Namespace, _context: CommandContext) -> int:
    store = open_store(args)
    try:
        summary = sync_replica(
            StoreReplica(store),
            batch_size=args.batch_size,
            page_size=args.page_size,
            progress=_progress_printer(),
        )
    finally:
        store.lock()
    figures = {
        "pushed": summary.pushed,
        "rejected": summary.rejected,
        "pulled": summary.pulled,
        "removed_families": summary.removed_families,
        "conflicts": summary.open_conflicts,
        "new_conflicts": summary.new_conflicts,
        "quarantined": summary.quarantined,
    }
    _warnings(summary)
    if args.json:
        print(json.dumps(figures, sort_keys=True))
    else:
        for name, value in figures.items():
            print(f"{name:17} {value}")
    return 0


def _warnings(summary: SyncSummary) -> None:
    """One line on stderr for each thing the nurse must know although the sync succeeded."""
    if summary.set_aside:
        print(
            f"hembesok: warning: {summary.set_aside} rows from the server could not be stored "
            "on this laptop and were set aside (see the refused changes); the rest was synced.",
            file=sys.stderr,
        )
    if summary.clock_ahead:
        print(
            "hembesok: warning: the server refused changes because this computer's clock is "
            "ahead; correct the date and time and sync again.",
            file=sys.stderr,
        )


def register(add: Register) -> None:
    enroll = add("enroll", _sync_failures(cmd_enroll), "enroll this laptop with the central server")
    enroll.add_argument("--server", required=True, metavar="URL", help="https://server")
    enroll.add_argument("--user", required=True, metavar="NAME", help="your user name")
    enroll.add_argument("--ca-file", metavar="PEM", help="the region's CA certificate")
    enroll.add_argument("--device-name", default=platform.node() or "laptop")
    sync = add("sync", _sync_failures(cmd_sync), "sync with the enrolled server")
    sync.add_argument("--json", action="store_true", help="print the summary as JSON")
    sync.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help=argparse.SUPPRESS)
    sync.add_argument("--page-size", type=int, default=DEFAULT_PAGE_SIZE, help=argparse.SUPPRESS)
