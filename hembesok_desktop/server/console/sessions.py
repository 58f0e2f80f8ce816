"""Console sessions in the database: only the SHA-256 of the cookie's token is stored.

A session moves through three stages, each with a fresh token (so a token seen before sign-in
is worth nothing after it): ``anonymous`` (the sign-in form, so that form has a CSRF token of
its own), ``password`` (the password was right; the TOTP code is next) and ``signed_in``.
``open_session`` refuses a session idle longer than the policy's idle time, or older than its
absolute lifetime, and deletes it; it also refuses a session of a deactivated account.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, delete, update
from sqlmodel import col, select

from ..auth import new_token, token_hash
from ..db import read_session, write_session
from ..models import ConsoleAccount, ConsoleSession, utcnow

ANONYMOUS, PASSWORD, SIGNED_IN = "anonymous", "password", "signed_in"
#: how often ``last_seen_at`` is written at most (seconds): one write per request is not needed
TOUCH_EVERY_S = 15
#: the stages before sign-in last at most this long whatever the idle time
PENDING_MAX = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    idle: timedelta
    absolute: timedelta
    #: Secure even over plain HTTP (behind a TLS proxy); over TLS it always is
    always_secure: bool = False


@dataclass(frozen=True, slots=True)
class SessionState:
    token_hash: str
    user_id: int | None
    stage: str
    csrf_token: str


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _expired(row: ConsoleSession, policy: SessionPolicy, now: datetime) -> bool:
    created, seen = _aware(row.created_at), _aware(row.last_seen_at)
    lifetime = policy.absolute if row.stage == SIGNED_IN else min(policy.absolute, PENDING_MAX)
    return now - seen > policy.idle or now - created > lifetime


def start_session(
    engine: Engine, policy: SessionPolicy, stage: str, user_id: int | None = None,
    *, replaces: str | None = None,
) -> tuple[str, SessionState]:
    """A new session (and its token, for the cookie); ``replaces`` is ended in the same
    transaction. Expired sessions of anyone are swept out here."""
    token = new_token()
    now = utcnow()
    row = ConsoleSession(
        token_hash=token_hash(token),
        user_id=user_id,
        stage=stage,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        last_seen_at=now,
    )
    with write_session(engine) as session:
        if replaces is not None:
            session.exec(delete(ConsoleSession).where(col(ConsoleSession.token_hash) == replaces))
        session.exec(
            delete(ConsoleSession).where(col(ConsoleSession.last_seen_at) < now - policy.idle)
        )
        session.add(row)
    return token, SessionState(row.token_hash, user_id, stage, row.csrf_token)


def open_session(engine: Engine, policy: SessionPolicy, token: str) -> SessionState | None:
    """The live session of ``token`` (its ``last_seen_at`` refreshed), or None."""
    now = utcnow()
    with read_session(engine) as session:
        row = session.get(ConsoleSession, token_hash(token))
        if row is None:
            return None
        account = session.get(ConsoleAccount, row.user_id) if row.user_id is not None else None
        gone = _expired(row, policy, now) or (account is not None and not account.active)
        stale = (now - _aware(row.last_seen_at)).total_seconds() >= TOUCH_EVERY_S
        state = SessionState(row.token_hash, row.user_id, row.stage, row.csrf_token)
    if gone:
        end_session(engine, state.token_hash)
        return None
    if stale:
        with write_session(engine) as session:
            session.exec(
                update(ConsoleSession)
                .where(col(ConsoleSession.token_hash) == state.token_hash)
                .values(last_seen_at=now)
            )
    return state


def end_session(engine: Engine, hashed: str) -> None:
    with write_session(engine) as session:
        session.exec(delete(ConsoleSession).where(col(ConsoleSession.token_hash) == hashed))


def end_sessions_of(engine: Engine, user_id: int) -> int:
    """End every session of an account (deactivation, password reset); returns how many."""
    with write_session(engine) as session:
        rows = session.exec(select(ConsoleSession).where(ConsoleSession.user_id == user_id)).all()
        for row in rows:
            session.delete(row)
        return len(rows)
