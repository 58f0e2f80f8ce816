"""The FastAPI application: health, readiness, enroll, push and pull (protocol version 1).

``create_app(settings)`` returns the app on a database that ``hembesok-server migrate`` has
brought to the newest schema (it refuses any other with ``db.NotMigrated``; it never migrates).
``app_factory()`` is the same with the settings read from the environment: uvicorn calls it in
each worker process (``hembesok-server serve --workers N``). Endpoints (OpenAPI at ``/docs``):

* ``GET /api/v1/health`` -> ``{"status": "ok", "protocol": 1}``: liveness (touches nothing)
* ``GET /api/v1/ready`` -> ``{"status": "ready"}``: readiness; 503 with one sentence while the
  database cannot be reached
* ``POST /api/v1/enroll`` (``EnrollRequest``) -> ``EnrollResponse``; 401 on a wrong user name or
  password (one message for both, same Argon2 cost for unknown users); 429 with ``Retry-After``
  while the user name or the client address is throttled (``throttle``).
* ``POST /api/v1/sync/push`` (bearer token, ``PushRequest``) -> ``PushResponse``; each change
  is checked against ``protocol.schema`` and refused on its own with a reason.
* ``GET /api/v1/sync/pull?cursor=&limit=`` (bearer token) -> ``PullResponse``
* ``/console/...``: the region's console, server-rendered pages for people, not devices
  (``console``; cookie sessions with two-factor sign-in, no bearer token)

Each push and pull also notes, for the console, when the device last synced: a push sets
``device.last_push_at`` and adds its refused changes to ``device.refused_changes`` in its own
transaction; a pull sets ``device.last_pull_at`` in the statement of its book-keeping that
takes the answer's generation (``pull._record_in``), and only when the stored time is older than
``pull.PULL_NOTE_EVERY`` (the pages of one sync then write it once).

A missing, wrong or revoked token is answered 401 on every sync endpoint. A request body over
``protocol.schema.MAX_BODY_BYTES`` is answered 413 (a push may come zstd- or gzip-compressed,
``Content-Encoding``; the bound applies to the decoded body too, ``request_decoding``); a
malformed body, cursor or parameter 400 or 422 with one sentence per problem. The 422 answers
never echo the input (it may not even be encodable), and the log holds ids and error kinds only.
A push body is read as bytes and parsed in the endpoint's worker thread, off the event loop
(``protocol.push_body``: orjson and a shape check, the pydantic ``PushRequest`` judging only
unusual bodies); a malformed one is answered 422 with one sentence naming its first problem.
Responses are compressed (zstd or gzip, as the client's ``Accept-Encoding`` offers;
``compression``).

Every piece of state a request depends on is in the database (devices, scope, the feed, the
enrollment throttle), so any number of worker processes can serve side by side; per process
are only the engine's connection pool, the server clock (its own node id) and the bound on
concurrent password checks.
"""

from __future__ import annotations

import email.message
import logging
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from hembesok_desktop.domain.catalogue import Catalogue, load_catalogue
from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.push_body import (
    EMPTY_BODY,
    NOT_JSON_TYPE,
    BodyRefused,
    PushedBatch,
    parse_push_body,
)
from hembesok_desktop.protocol.schema import MAX_BODY_BYTES
from hembesok_desktop.protocol.wire import (
    NODE_PATTERN,
    PROTOCOL_VERSION,
    EnrollRequest,
    EnrollResponse,
    NurseInfo,
    PullResponse,
    PushRequest,
    PushResponse,
)
from hembesok_desktop.resources import resources_path

from . import pull as pull_module
from . import throttle
from .auth import (
    BAD_CREDENTIALS,
    BAD_TOKEN,
    MISSING_TOKEN,
    DeviceContext,
    authenticate_nurse,
    device_on_connection,
    enroll_device,
    nurse_team_ids,
    team_names,
)
from .compression import Compression
from .console import mount_console
from .db import open_migrated, read_session, single_read, write_session
from .feed import CursorError
from .limits import BodyLimit, validation_detail
from .models import Nurse
from .push import MAX_BATCH, apply_push
from .request_decoding import RequestDecoding
from .settings import ServerSettings

DATABASE_UNREACHABLE = "The database cannot be reached; try again later."

_ERROR = {"content": {"application/json": {"schema": {"type": "object"}}}}
_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing, wrong or revoked device token", **_ERROR},
    422: {"description": "Malformed parameters or body (the input is not echoed)", **_ERROR},
}
_PUSH: dict[int | str, dict[str, Any]] = {
    **_AUTH,
    400: {
        "description": "Unsupported protocol version, a body that is not JSON, or a compressed "
        "body that does not decompress",
        **_ERROR,
    },
    413: {
        "description": f"Body over {MAX_BODY_BYTES} bytes (also once decompressed) or more than "
        f"{MAX_BATCH} changes",
        **_ERROR,
    },
    415: {"description": "A Content-Encoding other than zstd, gzip or identity", **_ERROR},
}
_PULL: dict[int | str, dict[str, Any]] = {
    **_AUTH,
    400: {"description": "A cursor this server did not issue", **_ERROR},
}
_ENROLL: dict[int | str, dict[str, Any]] = {
    400: {"description": "A body that is not JSON (or not UTF-8)", **_ERROR},
    401: {"description": "Wrong user name or password", **_ERROR},
    413: {"description": f"Body over {MAX_BODY_BYTES} bytes", **_ERROR},
    422: {"description": "Malformed body (the input is not echoed)", **_ERROR},
    429: {
        "description": "Too many failed attempts for this user name or address; see Retry-After",
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        **_ERROR,
    },
}

_READY: dict[int | str, dict[str, Any]] = {
    503: {"description": "The database cannot be reached (not the client's fault)", **_ERROR},
}

log = logging.getLogger(__name__)

_bearer = HTTPBearer(auto_error=False)


# The two dependencies below only read ``app.state``, so they are ``async``: FastAPI runs a
# plain ``def`` dependency in the thread pool, and each such hand-over (and back) cost a sync
# request about as much CPU as one of its database statements.


async def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


async def _clock(request: Request) -> HybridLogicalClock:
    clock: HybridLogicalClock = request.app.state.clock
    return clock


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


def current_device(
    engine: Engine, credentials: HTTPAuthorizationCredentials | None
) -> DeviceContext:
    """The device a sync request's bearer token belongs to; 401 otherwise. Called first in the
    sync endpoints' own worker thread, not as a dependency: FastAPI runs a plain dependency in
    a worker thread of its own, a second hand-over (and wait for the GIL) on every request."""
    if credentials is None or not credentials.credentials:
        raise _unauthorized(MISSING_TOKEN)
    with single_read(engine) as connection:
        ctx = device_on_connection(connection, credentials.credentials)
    if ctx is None:
        raise _unauthorized(BAD_TOKEN)
    return ctx


router = APIRouter(prefix="/api/v1")


@router.get("/health")
def health() -> dict[str, object]:
    return {"status": "ok", "protocol": PROTOCOL_VERSION}


@router.get("/ready", responses=_READY)
def ready(engine: Annotated[Engine, Depends(_engine)]) -> dict[str, str]:
    """Readiness: 200 once this worker can use the database, 503 while it cannot."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        log.warning("ready: the database cannot be reached (%s)", type(exc).__name__)
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, DATABASE_UNREACHABLE) from None
    return {"status": "ready"}


def _nurse_info(session: Session, nurse: Nurse | None) -> tuple[int, NurseInfo] | None:
    if nurse is None or nurse.id is None:
        return None
    info = NurseInfo(
        username=nurse.username,
        full_name=nurse.full_name,
        title=nurse.title,
        teams=team_names(session, nurse_team_ids(session, nurse.id)),
    )
    return nurse.id, info


def _throttled(engine: Engine, username: str, address: str, seconds: int) -> HTTPException:
    """429; the attempt counts as a failure (trying again too early leads to the lockout)."""
    throttle.record_failure(engine, username, address)
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS, throttle.TOO_MANY, headers={"Retry-After": str(seconds)}
    )


@router.post("/enroll", response_model=EnrollResponse, responses=_ENROLL)
def enroll(
    body: EnrollRequest, request: Request, engine: Annotated[Engine, Depends(_engine)]
) -> EnrollResponse:
    address = request.client.host if request.client is not None else "unknown"
    if (wait := throttle.retry_after(engine, body.username, address)) > 0:
        raise _throttled(engine, body.username, address, wait)
    with throttle.password_checks:
        # checked again: attempts that queued behind a check may have been throttled since
        if (wait := throttle.retry_after(engine, body.username, address)) > 0:
            raise _throttled(engine, body.username, address, wait)
        with read_session(engine) as session:
            nurse = authenticate_nurse(session, body.username, body.password)
            found = _nurse_info(session, nurse)
    if found is None:
        throttle.record_failure(engine, body.username, address)
        log.info("enroll: refused (bad credentials)")
        raise _unauthorized(BAD_CREDENTIALS)
    nurse_id, info = found
    throttle.clear(engine, body.username)
    device_id, token = enroll_device(engine, nurse_id, body.device_name)
    log.info("enroll: nurse %s enrolled device %s", nurse_id, device_id)
    return EnrollResponse(device_id=device_id, token=token, nurse=info)


#: the push body as documented (the endpoint reads the bytes itself, ``_push_body``)
_PUSH_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}
        },
    }
}


async def _push_body(request: Request) -> bytes:
    """The push body's bytes, decoded from ``Content-Encoding`` and bounded by the middleware
    (only read here, on the event loop: parsing them is the endpoint's, in the threadpool)."""
    return await request.body()


def _json_typed(request: Request) -> bool:
    """Whether the body is declared JSON (``application/json`` or ``+json``), as FastAPI
    requires of a body it validates into a model."""
    declared = request.headers.get("content-type")
    if not declared:
        return False
    message = email.message.Message()
    message["content-type"] = declared
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


def _parsed_push(request: Request, raw: bytes) -> PushedBatch:
    """The body as a batch; 422 (400 for bytes that are no text) with one sentence otherwise."""
    if not raw:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, EMPTY_BODY)
    if not _json_typed(request):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, NOT_JSON_TYPE)
    try:
        return parse_push_body(raw)
    except BodyRefused as refused:
        log.info("push: body refused (%d)", refused.status)
        raise HTTPException(refused.status, refused.sentence) from None


@router.post(
    "/sync/push", response_model=PushResponse, responses=_PUSH, openapi_extra=_PUSH_BODY
)
def push(
    raw: Annotated[bytes, Depends(_push_body)],
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    engine: Annotated[Engine, Depends(_engine)],
    clock: Annotated[HybridLogicalClock, Depends(_clock)],
) -> PushResponse:
    """Apply a batch of changes; each is checked against the typed schema and refused on its
    own with a reason."""
    ctx = current_device(engine, credentials)  # in this thread: see ``current_device``
    # parsed here, in the worker thread (``push_body``): validating the body into the pydantic
    # models on the event loop was a third of the server's CPU in a first upload and stalled
    # the worker's other requests
    body = _parsed_push(request, raw)
    if body.protocol != PROTOCOL_VERSION:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, f"This server speaks sync protocol {PROTOCOL_VERSION}."
        )
    if len(body.changes) > MAX_BATCH:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE, f"A batch may hold at most {MAX_BATCH} changes."
        )
    with write_session(engine) as session:
        return apply_push(
            session, ctx, body, clock, max_ahead_ms=request.app.state.max_ahead_ms, commit=True
        )


@router.get("/sync/pull", response_model=PullResponse, responses=_PULL)
def pull(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    engine: Annotated[Engine, Depends(_engine)],
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[
        int, Query(ge=1, le=pull_module.MAX_LIMIT)
    ] = pull_module.DEFAULT_LIMIT,
    node: Annotated[
        str | None,
        Query(
            pattern=NODE_PATTERN,
            description=(
                "The pulling laptop's replica (the node of the versions it stamps): records "
                "whose every field that node last wrote are not sent back to it."
            ),
        ),
    ] = None,
) -> Response:
    ctx = current_device(engine, credentials)  # in this thread: see ``current_device``
    try:  # serialised by ``pull`` straight from the stored records (a ``PullResponse``)
        answer = pull_module.pull(engine, ctx, cursor, limit, node=node)
    except CursorError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(exc)) from None
    return Response(answer, media_type="application/json")


async def _validation_failed(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse(status_code=422, content={"detail": validation_detail(exc)})


def _with_push_models(app: FastAPI) -> None:
    """Make ``app``'s OpenAPI document hold the push body's models, which no endpoint parameter
    declares (the push endpoint reads its bytes itself; ``_PUSH_BODY`` refers to them)."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            models = document.setdefault("components", {}).setdefault("schemas", {})
            push_schema = PushRequest.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
            for name, model in push_schema.pop("$defs", {}).items():
                models.setdefault(name, model)
            models["PushRequest"] = push_schema
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.engine.dispose()


def create_app(settings: ServerSettings, catalogue: Catalogue | None = None) -> FastAPI:
    """The server application on ``settings.database_url``, which must be migrated already
    (``db.NotMigrated`` otherwise: workers never migrate). ``catalogue`` (programmes and forms,
    for the console's follow-up figures) is the shipped resources' when not given; it is held
    on ``app.state.catalogue`` and passed down from there."""
    engine = open_migrated(
        settings.database_url, pool_size=settings.pool_size, max_overflow=settings.max_overflow
    )
    app = FastAPI(
        title="Hembesök central server",
        version=str(PROTOCOL_VERSION),
        description="Sync, enrollment and scope for Hembesök laptops (protocol v1).",
        lifespan=_lifespan,
    )
    app.state.engine = engine
    app.state.clock = HybridLogicalClock(f"srv{uuid.uuid4().hex[:12]}")
    app.state.max_ahead_ms = settings.max_ahead_ms
    app.state.review_rules = settings.review
    app.state.catalogue = catalogue if catalogue is not None else load_catalogue(resources_path())
    app.add_exception_handler(RequestValidationError, _validation_failed)
    app.include_router(router)
    _with_push_models(app)
    mount_console(app, settings)
    app.add_middleware(RequestDecoding, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(Compression)
    return app


def _configure_logging(level: str) -> None:
    """Our loggers in a worker process (uvicorn configures only its own)."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("hembesok_desktop").setLevel(level.upper())


def app_factory() -> FastAPI:
    """The app of one worker process, with the settings ``serve`` put in the environment."""
    settings = ServerSettings.from_environ()
    _configure_logging(settings.log_level)
    app = create_app(settings, load_catalogue(resources_path()))
    log.info("worker %d serving", os.getpid())
    return app
