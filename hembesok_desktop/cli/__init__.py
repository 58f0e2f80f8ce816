"""The command line: ``hembesok [--data-dir DIR] COMMAND``, the application's entry point.

Without a command the desktop application starts (``ui.app``); ``--demo`` and ``--smoke`` are
its two other ways to start. The commands live in ``store_commands`` (init, check, stats,
demo-data, export-figures) and ``sync_commands`` (enroll, sync). The catalogue of programmes,
forms and offers is loaded here, once, from the shipped resources or a region's own folder
(``HEMBESOK_RESOURCES``), and passed down.

Every error is one sentence on stderr and a non-zero exit code; a failed command changes no
data. Nothing reaches the user as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.exc import DBAPIError, StatementError

from ..domain.programmes import ProgrammeFileError
from ..domain.questionnaire.followup import OfferFileError
from ..domain.questionnaire.loader import QuestionnaireLoadError
from ..resources import resources_path
from ..store.database import database_path
from ..store.engine import looks_damaged
from ..store.errors import StoreError
from . import paths, store_commands, sync_commands
from .registry import CommandContext, Handler
from .store_access import CommandError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

log = logging.getLogger("hembesok")


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

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text)
        _add_data_dir(command)
        command.set_defaults(handler=handler)
        return command

    store_commands.register(add)
    sync_commands.register(add)
    return parser


def _start_application(args: argparse.Namespace, context: CommandContext) -> int:
    from ..ui.app import run_application

    return run_application(
        data_dir=paths.data_dir(args.data_dir),
        demo_dir=Path(args.data_dir).expanduser() if args.data_dir else None,
        demo=args.demo,
        smoke=args.smoke,
        catalogue=context.catalogue(),
    )


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    handler: Handler = getattr(args, "handler", _start_application)
    context = CommandContext(resources=resources_path())
    try:
        return int(handler(args, context))
    except (CommandError, StoreError) as error:
        print(f"hembesok: {error}", file=sys.stderr)
    except (ProgrammeFileError, OfferFileError, QuestionnaireLoadError) as error:
        print(f"hembesok: The resources could not be loaded: {error}", file=sys.stderr)
    except KeyboardInterrupt:
        print("hembesok: interrupted.", file=sys.stderr)
    except StatementError as error:  # DBAPIError and errors binding a value: never the SQL
        _database_failure(args, error)
    except Exception as error:
        log.debug("command failed", exc_info=True)
        print(
            f"hembesok: An unexpected error stopped the command ({type(error).__name__}).",
            file=sys.stderr,
        )
    return EXIT_ERROR


def _database_failure(args: argparse.Namespace, error: StatementError) -> None:
    folder = paths.data_dir(args.data_dir)
    if isinstance(error, DBAPIError) and looks_damaged(error):
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


__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]
