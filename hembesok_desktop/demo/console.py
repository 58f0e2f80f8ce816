"""The demo's console accounts: one of each role, with a fixed demo password and a fixed TOTP
secret marked DEMO, so whoever runs ``hembesok --demo`` can open the region's console at once.

The secret is the same for every demo account and is printed (with an ``otpauth://`` URI for
an authenticator app) when the demo starts; the accounts are created confirmed, so sign-in
asks for the code directly. Nothing of this exists outside the demo's own server file.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import select

from ..server.console.accounts import add_console_user, otpauth_uri
from ..server.console.roles import Role
from ..server.db import read_session
from ..server.models import ConsoleAccount
from . import DEMO_TEAM

#: the demo accounts' password (printed at start; a demo has no secrets)
DEMO_CONSOLE_PASSWORD = "demo-konsol"
#: a valid base32 TOTP secret (RFC 6238) that says what it is
DEMO_TOTP_SECRET = "DEMO" * 8


@dataclass(frozen=True, slots=True)
class DemoConsoleAccount:
    username: str
    role: Role
    full_name: str
    teams: tuple[str, ...] = ()


DEMO_CONSOLE_ACCOUNTS = (
    DemoConsoleAccount("demo-admin", Role.ADMIN, "Demo Administratör"),
    DemoConsoleAccount("demo-chef", Role.UNIT_MANAGER, "Demo Enhetschef", (DEMO_TEAM,)),
    DemoConsoleAccount("demo-uppfoljning", Role.FOLLOW_UP, "Demo Uppföljare"),
    DemoConsoleAccount("demo-logg", Role.LOG_REVIEWER, "Demo Logggranskare"),
)


def add_demo_console_accounts(engine: Engine) -> int:
    """Create the demo accounts the demo server lacks (its demo team exists); returns how
    many were created."""
    with read_session(engine) as session:
        existing = set(session.exec(select(ConsoleAccount.username)).all())
    missing = [a for a in DEMO_CONSOLE_ACCOUNTS if a.username not in existing]
    for account in missing:
        add_console_user(
            engine,
            account.username,
            account.role,
            full_name=account.full_name,
            password=DEMO_CONSOLE_PASSWORD,
            teams=account.teams,
            totp_secret=DEMO_TOTP_SECRET,
            totp_confirmed=True,
        )
    return len(missing)


def console_banner(base_url: str) -> str:
    """What the demo prints at start: the console's address and the demo credentials."""
    lines = [
        "Hembesök demo: the region's console (DEMO accounts, fictional data)",
        f"  console:     {base_url}/console",
        f"  password:    {DEMO_CONSOLE_PASSWORD}   (every demo account)",
        f"  TOTP secret: {DEMO_TOTP_SECRET}   (DEMO secret; add it to an authenticator app)",
        f"  otpauth URI: {otpauth_uri('demo', DEMO_TOTP_SECRET)}",
        "  accounts:    "
        + ", ".join(f"{a.username} ({a.role.value})" for a in DEMO_CONSOLE_ACCOUNTS),
    ]
    return "\n".join(lines)
