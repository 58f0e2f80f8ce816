"""The laptop's HTTP client for the central server (protocol v1), over httpx.

TLS is always verified: against the operating system's trust store, or, when the region runs
its own certificate authority, against a configured CA file (and only that file). Plain
``http://`` is accepted only to a loopback address (127.0.0.0/8, ::1, ``localhost``), for the
embedded demo server and tests; anything else is refused before a byte is sent.

Answers come compressed: the client offers ``zstd`` (when the ``zstandard`` package is
installed, as the desktop extra does) and ``gzip`` in ``Accept-Encoding``, and httpx decodes
them; a body that does not decode is a lost connection (sync again). Pushes go compressed the
same way (zstd, else gzip, ``Content-Encoding``) once the server has named the codings it
decodes in an ``Accept-Encoding`` response header: an older server never does, so it keeps
getting plain JSON.

Every failure becomes a ``SyncError`` whose text is one sentence fit to show the nurse; it never
contains personal data (the server's own messages carry ids at most).
"""

from __future__ import annotations

import functools
import gzip
import ipaddress
import ssl
import uuid
from collections.abc import Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ValidationError

from ..protocol.wire import (
    PROTOCOL_VERSION,
    Change,
    EncodedChange,
    EnrollRequest,
    EnrollResponse,
    OtherProtocol,
    PageError,
    PulledPage,
    PushResponse,
    parse_pull_page,
    push_body,
)

DEFAULT_TIMEOUT = 30.0


def accept_encoding() -> str:
    """The codings this laptop can decode, preferred first (httpx decodes zstd only with the
    ``zstandard`` package)."""
    try:
        import zstandard  # noqa: F401
    except ImportError:
        return "gzip"
    return "zstd, gzip"


#: push bodies from this size are compressed (once the server decodes compressed bodies)
COMPRESS_FROM = 2048
ZSTD_LEVEL = 3
GZIP_LEVEL = 5


def _request_codings() -> tuple[str, ...]:
    """The codings this laptop can compress a push with, preferred first."""
    return ("zstd", "gzip") if "zstd" in accept_encoding() else ("gzip",)


def _compress(coding: str, body: bytes) -> bytes:
    if coding == "zstd":
        import zstandard

        return bytes(zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(body))
    return gzip.compress(body, GZIP_LEVEL, mtime=0)


_Model = TypeVar("_Model", bound=BaseModel)


class SyncError(Exception):
    """A sync that could not be completed; ``str(error)`` is one sentence."""


class InsecureServerUrl(SyncError):
    pass


class ServerUnreachable(SyncError):
    """Offline, or the server is down (nothing was sent)."""


class ConnectionLost(SyncError):
    """The connection broke during a request; the server may or may not have applied it."""


class CertificateNotTrusted(SyncError):
    pass


class DeviceRevoked(SyncError):
    pass


class BadCredentials(SyncError):
    pass


class ServerRefused(SyncError):
    """The server answered with an error (4xx/5xx)."""

    def __init__(self, message: str, status_code: int) -> None:
        super().__init__(message)
        self.status_code = status_code


class ProtocolMismatch(SyncError):
    pass


REVOKED_MESSAGE = "This device's access has been revoked; enroll again."


def is_loopback_host(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(base_url: str) -> str:
    """The normalised base URL; raises ``InsecureServerUrl`` unless https (or loopback http)."""
    parts = urlsplit(base_url.strip())
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise InsecureServerUrl("The server address must be an https:// URL.")
    if parts.scheme == "http" and not is_loopback_host(host):
        raise InsecureServerUrl(
            "Refusing plain http to a server that is not on this computer; use https://."
        )
    return base_url.strip().rstrip("/")


@functools.lru_cache(maxsize=8)
def tls_context(ca_file: str | None) -> ssl.SSLContext:
    """Verifying TLS: the system trust store, or only the given CA file (cached: loading the
    system store takes tens of milliseconds)."""
    try:
        if ca_file:
            return ssl.create_default_context(cafile=ca_file)
        return ssl.create_default_context()
    except (OSError, ssl.SSLError):
        raise CertificateNotTrusted("The configured CA file could not be read.") from None


def _transport_error(error: httpx.TransportError) -> SyncError:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return CertificateNotTrusted(
                "The server's certificate is not trusted; check the server address or the "
                "configured CA file."
            )
        cause = cause.__cause__ or cause.__context__
    if "CERTIFICATE_VERIFY_FAILED" in str(error):
        return CertificateNotTrusted(
            "The server's certificate is not trusted; check the server address or the "
            "configured CA file."
        )
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return ServerUnreachable(
            "The server could not be reached; check the network connection and try again."
        )
    if isinstance(error, httpx.TimeoutException):
        return ConnectionLost("The server did not answer in time; sync again to continue.")
    return ConnectionLost("The connection to the server was lost; sync again to continue.")


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail.strip() if isinstance(detail, str) else ""


def _http_error(response: httpx.Response, *, enrolling: bool = False) -> SyncError:
    status = response.status_code
    if status == 401:
        if enrolling:
            return BadCredentials("The user name or password is not correct.")
        return DeviceRevoked(REVOKED_MESSAGE)
    detail = _detail(response)
    if status >= 500:
        return ServerRefused(f"The server had a problem (HTTP {status}); try again later.", status)
    if detail:
        return ServerRefused(f"The server refused the request: {detail}", status)
    return ServerRefused(f"The server refused the request (HTTP {status}).", status)


def _parse(response: httpx.Response, model: type[_Model]) -> _Model:
    try:
        parsed = model.model_validate_json(response.content)
    except ValidationError:
        raise ProtocolMismatch(
            "The server's answer was not understood; is it a Hembesök server?"
        ) from None
    protocol = getattr(parsed, "protocol", PROTOCOL_VERSION)
    if protocol != PROTOCOL_VERSION:
        raise ProtocolMismatch(
            f"The server speaks sync protocol {protocol}, this laptop {PROTOCOL_VERSION}."
        )
    return parsed


def _client(
    base_url: str,
    *,
    headers: dict[str, str],
    ca_file: str | None,
    timeout: float,
    transport: httpx.BaseTransport | None,
) -> httpx.Client:
    url = check_server_url(base_url)
    if transport is None:
        secure = url.startswith("https://")
        transport = httpx.HTTPTransport(verify=tls_context(ca_file) if secure else False, retries=0)
    return httpx.Client(
        base_url=url,
        headers={
            "User-Agent": f"hembesok-desktop/sync-v{PROTOCOL_VERSION}",
            "Accept-Encoding": accept_encoding(),
            **headers,
        },
        timeout=timeout,
        transport=transport,
    )


def _send(client: httpx.Client, method: str, path: str, **kwargs: Any) -> httpx.Response:
    try:
        response = client.request(method, path, **kwargs)
    except httpx.TransportError as error:
        raise _transport_error(error) from None
    except httpx.DecodingError:
        raise ConnectionLost(
            "The server's answer arrived damaged; sync again to continue."
        ) from None
    return response


def enroll(
    base_url: str,
    username: str,
    password: str,
    device_name: str,
    *,
    ca_file: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
) -> EnrollResponse:
    """Enroll this device with the nurse's credentials; the answer holds the device token."""
    body = EnrollRequest(username=username, password=password, device_name=device_name[:200])
    with _client(
        base_url, headers={}, ca_file=ca_file, timeout=timeout, transport=transport
    ) as client:
        response = _send(
            client,
            "POST",
            "/api/v1/enroll",
            content=body.model_dump_json(),
            headers={"Content-Type": "application/json"},
        )
        if response.status_code != 200:
            raise _http_error(response, enrolling=True)
        return _parse(response, EnrollResponse)


class SyncClient:
    """Push and pull for one enrolled device. Use as a context manager, or call ``close()``."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        ca_file: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = check_server_url(base_url)
        self._http = _client(
            base_url,
            headers={"Authorization": f"Bearer {token}"},
            ca_file=ca_file,
            timeout=timeout,
            transport=transport,
        )
        #: how push bodies are compressed: None until the server names a coding it decodes
        self._request_coding: str | None = None

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def health(self) -> bool:
        response = _send(self._http, "GET", "/api/v1/health")
        return response.status_code == 200

    def push(
        self, changes: Sequence[EncodedChange | Change], *, batch_id: str | None = None
    ) -> PushResponse:
        encoded = [c if isinstance(c, EncodedChange) else EncodedChange.of(c) for c in changes]
        body = push_body(batch_id or str(uuid.uuid4()), encoded)
        headers = {"Content-Type": "application/json"}
        if self._request_coding is not None and len(body) >= COMPRESS_FROM:
            body = _compress(self._request_coding, body)
            headers["Content-Encoding"] = self._request_coding
        response = _send(self._http, "POST", "/api/v1/sync/push", content=body, headers=headers)
        self._learn_codings(response)
        if response.status_code != 200:
            raise _http_error(response)
        return _parse(response, PushResponse)

    def _learn_codings(self, response: httpx.Response) -> None:
        """Compress later pushes once the server said it decodes a coding this laptop has (an
        answer without the header, such as a proxy's, changes nothing)."""
        header = response.headers.get("accept-encoding")
        if header is None:
            return
        offered = {part.strip().lower() for part in header.split(",")}
        usable = [coding for coding in _request_codings() if coding in offered]
        self._request_coding = usable[0] if usable else None

    def pull(self, cursor: str | None, limit: int, *, node: str | None = None) -> PulledPage:
        """One pull page, parsed with orjson and checked for shape (``parse_pull_page``), not
        validated into a pydantic object per row: a page of 78,000 fields would spend more
        time there than the server spent answering. ``node`` names this laptop's replica, so
        the server does not send back the records only it wrote (``server.pull``)."""
        params: dict[str, str | int] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        if node:
            params["node"] = node
        response = _send(self._http, "GET", "/api/v1/sync/pull", params=params)
        self._learn_codings(response)
        if response.status_code != 200:
            raise _http_error(response)
        try:
            return parse_pull_page(response.content)
        except OtherProtocol as error:
            raise ProtocolMismatch(str(error)) from None
        except PageError:
            raise ProtocolMismatch(
                "The server's answer was not understood; is it a Hembesök server?"
            ) from None
