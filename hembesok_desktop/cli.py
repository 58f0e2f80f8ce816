"""The command line: ``hembesok [--data-dir DIR] COMMAND``.

Without a command the desktop application starts. The passphrase comes from a prompt on a
terminal or from ``HEMBESOK_PASSPHRASE``. Every error is one sentence on stderr and a non-zero
exit code; a failed command changes no data.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from . import paths
from .store.database import Store, database_path, store_exists
from .store.engine import looks_damaged
from .store.errors import StoreError
from .store.queries import stats

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

log = logging.getLogger("hembesok")


class CommandError(Exception):
    """A failed command; its text is the one sentence shown."""


def _read_passphrase(prompt: str = "Passphrase: ", *, confirm: bool = False) -> str:
    from_env = os.environ.get("HEMBESOK_PASSPHRASE")
    if from_env is not None:
        return from_env
    if not sys.stdin.isatty():
        raise CommandError("No passphrase: set HEMBESOK_PASSPHRASE or run on a terminal.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise CommandError("The two passphrases differ.")
    return first


def _open(args: argparse.Namespace) -> Store:
    folder = paths.data_dir(args.data_dir)
    if not store_exists(folder):
        raise CommandError(f"No store was found in {folder}; create one with 'hembesok init'.")
    return Store.unlock(folder, passphrase=_read_passphrase())


def cmd_init(args: argparse.Namespace) -> int:
    folder = paths.data_dir(args.data_dir)
    if store_exists(folder):
        raise CommandError(f"A store already exists in {folder}.")
    store, recovery_key = Store.create(folder, passphrase=_read_passphrase(confirm=True))
    store.lock()
    print(f"Created an encrypted store in {folder}.")
    print("Recovery key (shown only now; keep it on paper, in a safe place):")
    print(f"  {recovery_key}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        if args.rebuild_index:
            store.rebuild_derived()
            print("Rebuilt the search text and the caseload index of every family.")
        problem = store.check()
    finally:
        store.lock()
    if problem:
        raise CommandError(problem)
    print(
        "The store is healthy: key, integrity, schema, search text and caseload index are in order."
    )
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        with store.read() as session:
            counts = stats(session)
    finally:
        store.lock()
    if args.json:
        print(json.dumps(counts, sort_keys=True))
    else:
        for name, value in counts.items():
            print(f"{name:16} {value}")
    return EXIT_OK


def cmd_demo_data(args: argparse.Namespace) -> int:
    from .store.demo import fill_demo_caseload

    if args.families < 1:
        raise CommandError("The number of families must be at least 1.")
    store = _open(args)
    try:
        written = fill_demo_caseload(store, families=args.families, seed=args.seed)
    finally:
        store.lock()
    print(f"Added {written} fictional demo families.")
    return EXIT_OK


def cmd_export_figures(args: argparse.Namespace) -> int:
    """Programme follow-up figures as CSV for the region's evaluation: ids and counts only."""
    from .domain.planning import today_in_stockholm
    from .store.programme_figures import export_figures_csv

    out = Path(args.out)
    if out.exists() and not args.force:
        raise CommandError(f"{out} already exists; choose another file or add --force.")
    store = _open(args)
    try:
        with store.read() as session, open(out, "w", encoding="utf-8", newline="") as handle:
            rows = export_figures_csv(session, handle, today=today_in_stockholm())
    finally:
        store.lock()
    print(f"Wrote {rows} rows of programme figures (no names or personal numbers) to {out}.")
    return EXIT_OK


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        help="folder of the local store (default: HEMBESOK_DATA_DIR or the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hembesok", description="Hembesök: extended home visits for child-health nurses."
    )
    _add_data_dir(parser)
    parser.add_argument("--demo", action="store_true", help="start on a demo store and server")
    parser.add_argument("--smoke", action="store_true", help="start, show the window, exit 0")
    sub = parser.add_subparsers(dest="command")

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text)
        _add_data_dir(command)
        command.set_defaults(handler=handler)
        return command

    add("init", cmd_init, "create a new encrypted store; prints the recovery key once")
    check = add("check", cmd_check, "verify key, integrity, schema, search text and caseload index")
    check.add_argument(
        "--rebuild-index",
        action="store_true",
        help="first recompute the search text and caseload index of every family",
    )
    stats_parser = add("stats", cmd_stats, "count what the store holds")
    stats_parser.add_argument("--json", action="store_true", help="print JSON")
    demo = add("demo-data", cmd_demo_data, "fill the store with a fictional caseload")
    demo.add_argument("--families", type=int, required=True)
    demo.add_argument("--seed", type=int, default=1)
    figures = add(
        "export-figures", cmd_export_figures, "programme follow-up figures as CSV, without names"
    )
    figures.add_argument("--out", required=True, help="CSV file to write")
    figures.add_argument("--force", action="store_true", help="overwrite an existing file")
    _add_extra_commands(add)
    return parser


def _add_extra_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Commands that live in other modules (sync) register here."""
    try:
        from .cli_sync import register
    except ImportError:
        return
    register(add)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from .app import run_application

            return run_application(data_dir=args.data_dir, demo=args.demo, smoke=args.smoke)
        return int(handler(args))
    except (CommandError, StoreError) as error:
        print(f"hembesok: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("hembesok: interrupted.", file=sys.stderr)
        return EXIT_ERROR
    except DBAPIError as error:
        folder = paths.data_dir(args.data_dir)
        if looks_damaged(error):
            print(
                f"hembesok: The database file {database_path(folder)} is damaged or has been "
                "tampered with.",
                file=sys.stderr,
            )
        else:
            print(
                f"hembesok: A database error stopped the command ({type(error.orig).__name__}).",
                file=sys.stderr,
            )
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["Path", "main"]
