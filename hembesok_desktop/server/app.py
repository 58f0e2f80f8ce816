"""The FastAPI application: health, enroll, push and pull (protocol version 1).

``create_app(database_url=...)`` migrates the database to the newest schema and returns the app.
Endpoints (OpenAPI at ``/docs``):

* ``GET /api/v1/health`` -> ``{"status": "ok", "protocol": 1}``
* ``POST /api/v1/enroll`` (``EnrollRequest``) -> ``EnrollResponse``; 401 on a wrong user name or
  password (one message for both, same Argon2 cost for unknown users).
* ``POST /api/v1/sync/push`` (bearer token, ``PushRequest``) -> ``PushResponse``
* ``GET /api/v1/sync/pull?cursor=&limit=`` (bearer token) -> ``PullResponse``

A missing, wrong or revoked token is answered 401 on every sync endpoint.
"""

from __future__ import annotations

import logging
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.wire import (
    PROTOCOL_VERSION,
    EnrollRequest,
    EnrollResponse,
    NurseInfo,
    PullResponse,
    PushRequest,
    PushResponse,
)

from . import pull as pull_module
from .auth import (
    BAD_CREDENTIALS,
    BAD_TOKEN,
    MISSING_TOKEN,
    DeviceContext,
    authenticate_nurse,
    device_for_token,
    enroll_device,
    nurse_team_ids,
    team_names,
)
from .db import make_engine, read_session, upgrade, write_session
from .feed import CursorError
from .push import MAX_BATCH, apply_push

log = logging.getLogger(__name__)

_bearer = HTTPBearer(auto_error=False)


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _clock(request: Request) -> HybridLogicalClock:
    clock: HybridLogicalClock = request.app.state.clock
    return clock


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


def current_device(
    engine: Annotated[Engine, Depends(_engine)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> DeviceContext:
    if credentials is None or not credentials.credentials:
        raise _unauthorized(MISSING_TOKEN)
    with read_session(engine) as session:
        ctx = device_for_token(session, credentials.credentials)
    if ctx is None:
        raise _unauthorized(BAD_TOKEN)
    return ctx


router = APIRouter(prefix="/api/v1")


@router.get("/health")
def health() -> dict[str, object]:
    return {"status": "ok", "protocol": PROTOCOL_VERSION}


@router.post("/enroll", response_model=EnrollResponse)
def enroll(
    body: EnrollRequest, engine: Annotated[Engine, Depends(_engine)]
) -> EnrollResponse:
    with read_session(engine) as session:
        nurse = authenticate_nurse(session, body.username, body.password)
        if nurse is None or nurse.id is None:
            raise _unauthorized(BAD_CREDENTIALS)
        team_ids = nurse_team_ids(session, nurse.id)
        info = NurseInfo(
            username=nurse.username,
            full_name=nurse.full_name,
            title=nurse.title,
            teams=team_names(session, team_ids),
        )
        nurse_id = nurse.id
    device_id, token = enroll_device(engine, nurse_id, body.device_name)
    log.info("enroll: nurse %s enrolled device %s", nurse_id, device_id)
    return EnrollResponse(device_id=device_id, token=token, nurse=info)


@router.post("/sync/push", response_model=PushResponse)
def push(
    body: PushRequest,
    ctx: Annotated[DeviceContext, Depends(current_device)],
    engine: Annotated[Engine, Depends(_engine)],
    clock: Annotated[HybridLogicalClock, Depends(_clock)],
) -> PushResponse:
    if body.protocol != PROTOCOL_VERSION:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, f"This server speaks sync protocol {PROTOCOL_VERSION}."
        )
    if len(body.changes) > MAX_BATCH:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE, f"A batch may hold at most {MAX_BATCH} changes."
        )
    with write_session(engine) as session:
        return apply_push(session, ctx, body, clock)


@router.get("/sync/pull", response_model=PullResponse)
def pull(
    ctx: Annotated[DeviceContext, Depends(current_device)],
    engine: Annotated[Engine, Depends(_engine)],
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[
        int, Query(ge=1, le=pull_module.MAX_LIMIT)
    ] = pull_module.DEFAULT_LIMIT,
) -> PullResponse:
    try:
        return pull_module.pull(engine, ctx, cursor, limit)
    except CursorError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from None


def create_app(*, database_url: str, migrate: bool = True) -> FastAPI:
    """The server application on ``database_url`` (migrated to the newest schema first)."""
    engine = make_engine(database_url)
    if migrate:
        upgrade(engine)
    app = FastAPI(
        title="Hembesök central server",
        version=str(PROTOCOL_VERSION),
        description="Sync, enrollment and scope for Hembesök laptops (protocol v1).",
    )
    app.state.engine = engine
    app.state.clock = HybridLogicalClock(f"srv{uuid.uuid4().hex[:12]}")
    app.include_router(router)
    return app
