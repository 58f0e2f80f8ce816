"""``hembesok-server``: migrate the central server's database, run the server, administer it.

    hembesok-server migrate [--db URL]     (brings the schema to the newest revision)
    hembesok-server serve [--db URL] [--workers N] [--host 127.0.0.1] [--port 8765]
                          [--tls-cert C --tls-key K] [--pool-size P --max-overflow O]
    hembesok-server admin [--db URL] add-team NAME
    hembesok-server admin add-nurse USER --team NAME [--team NAME2] --name "FULL NAME" --title T
    hembesok-server admin move-family FAMILY_ID --team NAME
    hembesok-server admin revoke-device DEVICE_ID
    hembesok-server admin list-devices
    hembesok-server admin access-log (--family ID | --user USER)
    hembesok-server admin add-console-user USER --role ROLE [--team NAME ...] [--name "FULL NAME"]
                                           (a console account; prints its TOTP secret once)
    hembesok-server admin check            (stored rows that fail the typed schema)
    hembesok-server admin unlock USER [--address IP ...]
                                           (clear a user name's enrollment lockout and that
                                            of the addresses it failed from, or of IP)

The database is ``--db URL`` (accepted before or after the subcommand), else
``HEMBESOK_SERVER_DB``, else a SQLite file in the user data directory. Only ``migrate`` changes
its schema: ``serve`` and ``admin`` refuse a database that is not at the newest schema with one
sentence (so a mistyped ``--db`` never becomes a new, empty database, and a newer release's
admin command never migrates under running workers of the old one). ``serve --workers N`` runs
N worker processes (uvicorn, the app factory ``app.app_factory``); the settings reach them
through the environment (``settings.ServerSettings``). Passwords come from
``HEMBESOK_SERVER_PASSWORD`` or a prompt on a terminal. Errors are one sentence on stderr with
exit code 1 (2 for usage errors), and nothing is changed.
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import logging
import os
import sys
from collections.abc import Sequence

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from . import admin, integrity, throttle
from .console.accounts import add_console_user
from .console.roles import Role
from .db import (
    DatabaseUrlError,
    NotMigrated,
    head_revision,
    make_engine,
    open_migrated,
    resolve_database_url,
    upgrade,
)
from .settings import (
    DEFAULT_MAX_OVERFLOW,
    DEFAULT_POOL_SIZE,
    ENV_MAX_OVERFLOW,
    ENV_POOL_SIZE,
    LOG_LEVELS,
    ServerSettings,
    SettingsError,
)

ENV_PASSWORD = "HEMBESOK_SERVER_PASSWORD"
APP_FACTORY = "hembesok_desktop.server.app:app_factory"
MAX_WORKERS = 64
#: how long uvicorn's supervisor waits for a worker's answer to its health ping before it kills
#: the worker as hung (uvicorn's default is 5 s): a worker busy with a burst of syncs answers
#: late (its ping thread waits for the GIL behind every request thread), and killing it drops
#: every request it holds. A hung worker is still found, only later; /api/v1/health and
#: /api/v1/ready are the load balancer's checks.
WORKER_HEALTHCHECK_S = 60
#: how long an idle keep-alive connection stays open (uvicorn's default is 5 s). A client that
#: reuses a connection just as the server closes it gets a dropped request (ReadError): 4 of
#: 1,000 devices at once on 2 workers did with 5 s, none with this. Longer than a reverse
#: proxy's idle timeout (nginx 60 s), as an upstream's must be.
KEEP_ALIVE_S = 75


class CliError(Exception):
    """A one-sentence error for stderr."""


def _db_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="sqlite:///PATH or postgresql+psycopg://... (default: $HEMBESOK_SERVER_DB or a "
        "SQLite file in the user data directory)",
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    db = _db_parent()
    parser = argparse.ArgumentParser(
        prog="hembesok-server", description="Hembesök central sync server.", parents=[db]
    )
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("migrate", parents=[db], help="migrate the database to the newest schema")
    serve = commands.add_parser("serve", parents=[db], help="run the HTTP(S) server")
    serve.add_argument(
        "--workers", type=int, default=1, metavar="N", help="worker processes (default 1)"
    )
    serve.add_argument(
        "--pool-size",
        type=int,
        metavar="P",
        help="database connections kept per worker (PostgreSQL; default "
        f"${ENV_POOL_SIZE} or {DEFAULT_POOL_SIZE})",
    )
    serve.add_argument(
        "--max-overflow",
        type=int,
        metavar="O",
        help="connections a worker may open beyond its pool (default "
        f"${ENV_MAX_OVERFLOW} or {DEFAULT_MAX_OVERFLOW})",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--tls-cert", metavar="PEM")
    serve.add_argument("--tls-key", metavar="PEM")
    serve.add_argument(
        "--allow-plain-http",
        action="store_true",
        help="serve plain HTTP on a non-loopback address (only behind a TLS-terminating proxy)",
    )
    serve.add_argument("--log-level", default="info", choices=list(LOG_LEVELS))
    serve.add_argument(
        "--keep-alive",
        type=_keep_alive_seconds,
        default=KEEP_ALIVE_S,
        metavar="S",
        help=f"seconds an idle client connection is kept open (default {KEEP_ALIVE_S}; behind "
        "a reverse proxy, longer than the proxy's own idle timeout)",
    )

    adm = commands.add_parser("admin", parents=[db], help="administer teams, nurses, devices")
    actions = adm.add_subparsers(dest="action", required=True)
    p = actions.add_parser("add-team", parents=[db], help="add a team (a BVC unit)")
    p.add_argument("name")
    p = actions.add_parser("add-nurse", parents=[db], help="add a nurse")
    p.add_argument("username")
    p.add_argument("--team", action="append", required=True, help="team name (repeatable)")
    p.add_argument("--name", required=True, dest="full_name", help="full name")
    p.add_argument("--title", required=True)
    p = actions.add_parser("move-family", parents=[db], help="reassign a family to a team")
    p.add_argument("family_id")
    p.add_argument("--team", required=True)
    p = actions.add_parser("revoke-device", parents=[db], help="revoke an enrolled device")
    p.add_argument("device_id")
    actions.add_parser("list-devices", parents=[db], help="list enrolled devices")
    p = actions.add_parser("access-log", parents=[db], help="review the access log")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--family", dest="family_id")
    who.add_argument("--user", dest="username")
    p = actions.add_parser(
        "add-console-user", parents=[db], help="add an account of the region's console"
    )
    p.add_argument("username")
    p.add_argument(
        "--role", required=True, choices=[role.value for role in Role],
        help="what the account may do in the console",
    )
    p.add_argument(
        "--team", action="append", default=[], help="a unit manager's team (repeatable)"
    )
    p.add_argument("--name", dest="full_name", help="full name (default: the user name)")
    actions.add_parser("check", parents=[db], help="list stored rows that fail the schema")
    p = actions.add_parser(
        "unlock",
        parents=[db],
        help="clear a user name's enrollment lockout and that of the addresses it failed from",
    )
    p.add_argument("username")
    p.add_argument(
        "--address",
        action="append",
        default=[],
        metavar="IP",
        help="also clear this client address's lockout (repeatable)",
    )
    return parser


def _password(whose: str = "the new nurse") -> str:
    from_env = os.environ.get(ENV_PASSWORD)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise CliError(f"No password given: set {ENV_PASSWORD} or run on a terminal.")
    first = getpass.getpass(f"Password for {whose}: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise CliError("The two passwords differ.")
    return first


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _serve_settings(args: argparse.Namespace, database_url: str) -> ServerSettings:
    """The workers' settings from the options; checks every option before the database."""
    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError("Give both --tls-cert and --tls-key, or neither.")
    if not args.tls_cert and not _is_loopback(args.host) and not args.allow_plain_http:
        raise CliError(
            "Plain HTTP is only served on a loopback address; give --tls-cert and --tls-key."
        )
    if not 1 <= args.workers <= MAX_WORKERS:
        raise CliError(f"--workers must be between 1 and {MAX_WORKERS}.")
    base = ServerSettings.from_environ()
    pool_size = base.pool_size if args.pool_size is None else args.pool_size
    max_overflow = base.max_overflow if args.max_overflow is None else args.max_overflow
    if pool_size < 1 or max_overflow < 0:
        raise CliError("--pool-size must be at least 1 and --max-overflow at least 0.")
    return ServerSettings(
        database_url=database_url,
        max_clock_ahead_s=base.max_clock_ahead_s,
        pool_size=pool_size,
        max_overflow=max_overflow,
        log_level=args.log_level,
        console_idle_min=base.console_idle_min,
        console_max_hours=base.console_max_hours,
        console_secure_cookie=base.console_secure_cookie,
    )


def _keep_alive_seconds(text: str) -> int:
    try:
        seconds = int(text)
    except ValueError:
        seconds = -1
    if not 1 <= seconds <= 3600:
        raise argparse.ArgumentTypeError("--keep-alive must be a whole number of seconds, 1-3600")
    return seconds


def _serve(args: argparse.Namespace, database_url: str) -> int:
    import uvicorn

    settings = _serve_settings(args, database_url)
    open_migrated(database_url, pool_size=1, max_overflow=0).dispose()  # refuse before forking
    os.environ.update(settings.to_environ())  # what app_factory reads in every worker
    tls = bool(args.tls_cert)
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        ssl_certfile=args.tls_cert if tls else None,
        ssl_keyfile=args.tls_key if tls else None,
        log_level=args.log_level,
        timeout_graceful_shutdown=30,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_S,
        timeout_keep_alive=args.keep_alive,
    )
    return 0


def _migrate(database_url: str) -> int:
    engine = make_engine(database_url, pool_size=1, max_overflow=0)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    print(f"The database is at the newest schema ({head_revision()}).")
    return 0


def _admin(args: argparse.Namespace, database_url: str) -> int:
    engine = open_migrated(database_url, pool_size=1, max_overflow=2)
    try:
        action = args.action
        if action == "add-team":
            team_id = admin.add_team(engine, args.name)
            print(f"Team {team_id} added.")
        elif action == "add-nurse":
            password = _password()
            nurse_id = admin.add_nurse(
                engine,
                args.username,
                teams=args.team,
                full_name=args.full_name,
                title=args.title,
                password=password,
            )
            print(f"Nurse {nurse_id} added.")
        elif action == "move-family":
            if admin.move_family(engine, args.family_id, args.team):
                print("Family moved.")
            else:
                print("The family already belongs to that team; nothing changed.")
        elif action == "revoke-device":
            if admin.revoke_device(engine, args.device_id):
                print("Device revoked.")
            else:
                print("The device was already revoked; nothing changed.")
        elif action == "list-devices":
            for device in admin.list_devices(engine):
                state = (
                    "active"
                    if device.revoked_at is None
                    else f"revoked {device.revoked_at:%Y-%m-%dT%H:%M:%S}"
                )
                print(
                    f"{device.device_id}\t{device.username}\t"
                    f"{device.created_at:%Y-%m-%dT%H:%M:%S}\t{state}\t{device.name}"
                )
        elif action == "access-log":
            for entry in admin.access_log(
                engine, family_id=args.family_id, username=args.username
            ):
                print(
                    f"{entry.at}\t{entry.family_id}\t{entry.username}\t{entry.action}\t"
                    f"{entry.source}\t{entry.device_id or '-'}"
                )
        elif action == "add-console-user":
            _add_console_user(engine, args)
        elif action == "check":
            return _check(engine)
        elif action == "unlock":
            _unlock(engine, args.username, args.address)
        return 0
    finally:
        engine.dispose()


def _add_console_user(engine: Engine, args: argparse.Namespace) -> None:
    role = Role(args.role)
    password = _password("the new console account")
    made = add_console_user(
        engine,
        args.username,
        role,
        full_name=args.full_name or args.username,
        password=password,
        teams=args.team,
    )
    print(f"Console account {made.user_id} added ({role.value}).")
    print("Its TOTP secret, shown only now (add it to the user's authenticator app):")
    print(f"  secret: {made.totp_secret}")
    print(f"  otpauth URI: {made.otpauth_uri}")
    print("At the first sign-in the console shows it again as a QR code until a code confirms it.")


def _unlock(engine: Engine, username: str, addresses: list[str]) -> None:
    done = throttle.unlock(engine, username, addresses)
    if not done.user and not done.addresses:
        print("That user name and those addresses had no failed attempts; nothing changed.")
        return
    count = len(done.addresses)
    parts = (["the user name"] if done.user else []) + (
        [f"{count} client address{'es' if count > 1 else ''}"] if count else []
    )
    print(f"Lockout cleared for {' and '.join(parts)}.")


def _check(engine: Engine) -> int:
    """Print each stored row that fails the schema (ids and reason); exit 1 when any."""
    found = 0
    for row in integrity.bad_rows(engine):
        found += 1
        print(f"{row.entity}\t{row.row_id}\t{row.family_id}\t{row.reason}")
    if found:
        print(f"{found} stored rows fail the schema; pulls leave them out.", file=sys.stderr)
        return 1
    print("Every stored row fits the schema.")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.command == "serve" else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)  # the schema check's chatter
    try:
        database_url = resolve_database_url(getattr(args, "db", None))
        if args.command == "migrate":
            return _migrate(database_url)
        if args.command == "serve":
            return _serve(args, database_url)
        return _admin(args, database_url)
    except (CliError, admin.AdminError, DatabaseUrlError, NotMigrated, SettingsError) as exc:
        print(f"hembesok-server: {exc}", file=sys.stderr)
        return 1
    except SQLAlchemyError as exc:
        # The driver's message may quote connection details or values: print the kind only.
        print(
            f"hembesok-server: The database could not be used ({type(exc).__name__}).",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
