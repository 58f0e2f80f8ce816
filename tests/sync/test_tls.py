"""TLS: plain http only to loopback; https verified against the system store or a CA file."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from hembesok_desktop.sync import client as sync_client
from tests.support.server_harness import ServerProcess, start_server_process

REFUSED = "Refusing plain http to a server that is not on this computer; use https://."


def _certificate(directory: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for 127.0.0.1 signed by it: (ca, cert, key)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Hembesök test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = (
        directory / "ca.pem",
        directory / "server.pem",
        directory / "server.key",
    )
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(
        leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM)
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    return ca_path, cert_path, key_path


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, Path]]:
    directory = tmp_path_factory.mktemp("tls")
    ca, cert, key = _certificate(directory)
    with start_server_process(f"sqlite:///{directory}/server.sqlite3", tls=(cert, key)) as server:
        yield server, ca


@pytest.mark.parametrize(
    "url",
    [
        "http://192.0.2.10:8765",
        "http://server.region.example",
        "http://[2001:db8::1]/",
        "http://127.example.org",
        "ftp://127.0.0.1/",
    ],
)
def test_plain_http_to_a_non_loopback_address_is_refused(url: str) -> None:
    with pytest.raises(sync_client.InsecureServerUrl) as caught:
        sync_client.SyncClient(url, "token")
    if url.startswith("http:"):
        assert str(caught.value) == REFUSED
    with pytest.raises(sync_client.InsecureServerUrl):
        sync_client.enroll(url, "user", "password", "laptop")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:1",
        "http://127.8.9.10:1",
        "http://[::1]:1",
        "http://localhost:1",
        "https://192.0.2.10",
    ],
)
def test_loopback_http_and_any_https_are_accepted(url: str) -> None:
    sync_client.SyncClient(url, "token").close()


def test_https_with_the_configured_ca_file_works(tls_server: tuple[ServerProcess, Path]) -> None:
    server, ca = tls_server
    assert server.base_url.startswith("https://")
    with sync_client.SyncClient(server.base_url, "no token", ca_file=str(ca)) as client:
        assert client.health()
        with pytest.raises(sync_client.DeviceRevoked):  # TLS worked; the token did not
            client.pull(None, 10)


def test_https_without_the_ca_file_fails_with_one_sentence(
    tls_server: tuple[ServerProcess, Path],
) -> None:
    server, _ca = tls_server
    with (
        sync_client.SyncClient(server.base_url, "no token") as client,
        pytest.raises(sync_client.CertificateNotTrusted) as caught,
    ):
        client.pull(None, 10)
    assert str(caught.value) == (
        "The server's certificate is not trusted; check the server address or the configured "
        "CA file."
    )
    with pytest.raises(sync_client.CertificateNotTrusted):
        sync_client.enroll(server.base_url, "user", "password", "laptop")


def test_a_different_ca_file_fails(tls_server: tuple[ServerProcess, Path], tmp_path: Path) -> None:
    server, _ca = tls_server
    other_ca, _cert, _key = _certificate(tmp_path)
    with (
        sync_client.SyncClient(server.base_url, "t", ca_file=str(other_ca)) as client,
        pytest.raises(sync_client.CertificateNotTrusted),
    ):
        client.health()
