"""The local store's commands: ``init``, ``check``, ``stats``, ``demo-data``, ``export-figures``.

Each takes ``--data-dir``; the passphrase comes from a prompt or ``HEMBESOK_PASSPHRASE``. A
failed command prints one sentence, exits non-zero and changes no data.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..domain.planning import today_in_stockholm
from ..store.database import Store, store_exists
from ..store.queries import stats
from . import paths
from .registry import CommandContext, Register
from .store_access import CommandError, open_store, read_passphrase


def cmd_init(args: argparse.Namespace, _context: CommandContext) -> int:
    folder = paths.data_dir(args.data_dir)
    if store_exists(folder):
        raise CommandError(f"A store already exists in {folder}.")
    store, recovery_key = Store.create(folder, passphrase=read_passphrase(confirm=True))
    store.lock()
    print(f"Created an encrypted store in {folder}.")
    print("Recovery key (shown only now; keep it on paper, in a safe place):")
    print(f"  {recovery_key}")
    return 0


def cmd_check(args: argparse.Namespace, _context: CommandContext) -> int:
    store = open_store(args)
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
    return 0


def cmd_stats(args: argparse.Namespace, _context: CommandContext) -> int:
    store = open_store(args)
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
    return 0


def cmd_demo_data(args: argparse.Namespace, context: CommandContext) -> int:
    from ..demo.caseload import fill_demo_caseload

    if args.families < 1:
        raise CommandError("The number of families must be at least 1.")
    catalogue = context.catalogue()
    store = open_store(args)
    try:
        written = fill_demo_caseload(
            store, catalogue=catalogue, families=args.families, seed=args.seed
        )
    finally:
        store.lock()
    print(f"Added {written} fictional demo families.")
    return 0


def cmd_export_figures(args: argparse.Namespace, context: CommandContext) -> int:
    """Programme figures for the region's evaluation: the follow-up figures (``--out``), the
    aggregate table (``--aggregate``) and the pseudonymous per-child file (``--per-child``)."""
    from ..store.evaluation_export import export_aggregate_csv, export_per_child_csv
    from ..store.programme_figures import export_figures_csv

    writers = {
        "out": export_figures_csv,
        "aggregate": export_aggregate_csv,
        "per_child": export_per_child_csv,
    }
    targets = {name: Path(value) for name in writers if (value := getattr(args, name, None))}
    if not targets:
        raise CommandError("Name a file with --out, --aggregate or --per-child.")
    if len(set(targets.values())) < len(targets):
        raise CommandError("Each output needs its own file.")
    for target in targets.values():
        if target.exists() and not args.force:
            raise CommandError(f"{target} already exists; choose another file or add --force.")
    catalogue = context.catalogue()
    today = today_in_stockholm()
    store = open_store(args)
    written: dict[str, int] = {}
    try:
        with store.read() as session:
            for name, target in targets.items():
                with open(target, "w", encoding="utf-8", newline="") as handle:
                    written[name] = writers[name](session, handle, today=today, catalogue=catalogue)
    finally:
        store.lock()
    if "out" in written:
        print(
            f"Wrote {written['out']} rows of programme figures (no names or personal numbers)"
            f" to {targets['out']}."
        )
    if "aggregate" in written:
        print(f"Wrote {written['aggregate']} aggregate rows to {targets['aggregate']}.")
    if "per_child" in written:
        print(
            f"Wrote {written['per_child']} pseudonymous child rows (random keys of this export)"
            f" to {targets['per_child']}."
        )
    return 0


def register(add: Register) -> None:
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
    figures.add_argument("--out", help="CSV file of the follow-up figures per child and family")
    figures.add_argument(
        "--aggregate", help="CSV file of the aggregate table (docs/evaluation_export.md)"
    )
    figures.add_argument(
        "--per-child",
        dest="per_child",
        help="CSV file of the pseudonymous per-child table for a contracted evaluator",
    )
    figures.add_argument("--force", action="store_true", help="overwrite an existing file")
