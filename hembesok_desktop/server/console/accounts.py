"""Console accounts: creation, the password check and the TOTP check (RFC 6238, pyotp).

A code is accepted for the current 30-second step or one step either side, and only for a step
later than the last one accepted for that account (``last_totp_step``), checked and written
in one ``UPDATE`` so two worker processes cannot both accept the same code.
"""

from __future__ import annotations

import hmac
import io
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyotp
import qrcode
import qrcode.image.svg
from sqlalchemy import Engine, or_, update
from sqlmodel import Session, col, select

from ..admin import MIN_PASSWORD_LENGTH, AdminError
from ..auth import check_password, hash_password
from ..db import write_session
from ..models import ConsoleAccount, ConsoleAccountTeam, Team
from .roles import Role

ISSUER = "Hembesök"
#: accepted steps around the current one (RFC 6238 section 5.2: one step of network delay)
TOTP_WINDOW = 1


@dataclass(frozen=True, slots=True)
class NewAccount:
    user_id: int
    totp_secret: str
    otpauth_uri: str


def otpauth_uri(username: str, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as an SVG element (qrcode's path factory), for inline use."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    text = buffer.getvalue().decode("utf-8")
    return text[text.index("<svg") :]


def _team_ids(session: Session, names: Sequence[str]) -> list[int]:
    ids: list[int] = []
    for name in names:
        team = session.exec(select(Team).where(Team.name == name.strip())).first()
        if team is None or team.id is None:
            raise AdminError("There is no team with that name.")
        ids.append(team.id)
    return ids


def add_console_user(
    engine: Engine,
    username: str,
    role: Role,
    *,
    full_name: str,
    password: str,
    teams: Sequence[str] = (),
    totp_secret: str | None = None,
    totp_confirmed: bool = False,
) -> NewAccount:
    """A console account; a unit manager needs at least one team, other roles none."""
    username = username.strip()
    if not username or not full_name.strip():
        raise AdminError("A console account needs a user name and a full name.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AdminError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    if role is Role.UNIT_MANAGER and not teams:
        raise AdminError("A unit manager needs at least one team.")
    if role is not Role.UNIT_MANAGER and teams:
        raise AdminError("Only a unit manager's account is limited to teams.")
    secret = totp_secret or pyotp.random_base32()
    password_hash = hash_password(password)
    with write_session(engine) as session:
        taken = select(ConsoleAccount).where(ConsoleAccount.username == username)
        if session.exec(taken).first() is not None:
            raise AdminError("A console account with that user name already exists.")
        team_ids = _team_ids(session, teams)
        account = ConsoleAccount(
            username=username,
            full_name=full_name.strip(),
            role=role.value,
            password_hash=password_hash,
            totp_secret=secret,
            totp_confirmed=totp_confirmed,
        )
        session.add(account)
        session.flush()
        assert account.id is not None
        for team_id in dict.fromkeys(team_ids):
            session.add(ConsoleAccountTeam(user_id=account.id, team_id=team_id))
        return NewAccount(account.id, secret, otpauth_uri(username, secret))


@dataclass(frozen=True, slots=True)
class AccountView:
    """What sign-in needs of an account, read inside its transaction."""

    user_id: int
    username: str
    role: Role
    totp_secret: str = field(repr=False)
    totp_confirmed: bool


def account_view(session: Session, user_id: int) -> AccountView | None:
    """The active account ``user_id``, else None."""
    account = session.get(ConsoleAccount, user_id)
    return _view(account) if account is not None and account.active else None


def _view(account: ConsoleAccount) -> AccountView:
    assert account.id is not None
    return AccountView(
        account.id, account.username, Role(account.role), account.totp_secret,
        account.totp_confirmed,
    )


def check_credentials(session: Session, username: str, password: str) -> AccountView | None:
    """The active account with this user name and password, else None (the same Argon2 cost
    for an unknown or deactivated account)."""
    named = select(ConsoleAccount).where(ConsoleAccount.username == username)
    account = session.exec(named).first()
    ok = check_password(account.password_hash if account is not None else None, password)
    return _view(account) if ok and account is not None and account.active else None


def team_ids_of(session: Session, user_id: int) -> tuple[int, ...]:
    rows = session.exec(
        select(ConsoleAccountTeam.team_id)
        .where(ConsoleAccountTeam.user_id == user_id)
        .order_by(col(ConsoleAccountTeam.id))
    ).all()
    return tuple(rows)


def _matching_step(secret: str, code: str, now: float) -> int | None:
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    current = int(now // totp.interval)  # pyotp's timecode, from epoch seconds
    for step in range(current - TOTP_WINDOW, current + TOTP_WINDOW + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def accept_totp(
    engine: Engine, user_id: int, code: str, *, confirm: bool = False, now: float | None = None
) -> bool:
    """True when ``code`` is the account's for a step near ``now`` not used before; that step
    is then recorded (and, with ``confirm``, the account's TOTP marked confirmed)."""
    with write_session(engine) as session:
        account = session.get(ConsoleAccount, user_id)
        if account is None or not account.active:
            return False
        step = _matching_step(account.totp_secret, code, time.time() if now is None else now)
        if step is None:
            return False
        values: dict[str, object] = {"last_totp_step": step}
        if confirm:
            values["totp_confirmed"] = True
        result = session.exec(
            update(ConsoleAccount)
            .where(col(ConsoleAccount.id) == user_id)
            .where(
                or_(
                    col(ConsoleAccount.last_totp_step).is_(None),
                    col(ConsoleAccount.last_totp_step) < step,
                )
            )
            .values(**values)
        )
        return bool(result.rowcount == 1)
