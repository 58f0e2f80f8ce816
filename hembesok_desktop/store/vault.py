"""The vault: the random data key of the encrypted store, wrapped twice.

The database is encrypted by SQLCipher 4 with a random 256-bit *data key*. The data key never
touches the disk in the clear: the vault file holds it wrapped (AES-256-GCM)

* under a key derived from the nurse's passphrase with Argon2id (64 MiB, t=3, p=4), and
* under a *recovery key*: 256 random bits shown once at creation as 13 groups of base32, from
  which the wrapping key is derived with HKDF-SHA256 (it has full entropy; no slow KDF needed).

Changing the passphrase re-wraps the data key with a new salt; the database is not rewritten.
The vault file is versioned JSON, written atomically (temp file, fsync, rename, fsync of the
folder), so a crash leaves either the old or the new vault, never a torn one. The associated
data of each wrap binds it to this vault's id and purpose, so wraps cannot be swapped.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import StoreError, VaultDamaged, WrongPassphrase, WrongRecoveryKey

VAULT_FORMAT = "hembesok-vault"
VAULT_VERSION = 1
KEY_BYTES = 32


@dataclass(frozen=True, slots=True)
class KdfParams:
    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        kdf = Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        )
        return kdf.derive(passphrase.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        raw = base64.b32decode(padded)
    except ValueError:
        raise WrongRecoveryKey("The recovery key is not correct.") from None
    if len(raw) != KEY_BYTES:
        raise WrongRecoveryKey("The recovery key is not correct.")
    return raw


def _recovery_wrapping_key(raw: bytes, vault_id: str) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=None,
        info=f"hembesok recovery wrap {vault_id}".encode(),
    )
    return hkdf.derive(raw)


def _wrap(key: bytes, data_key: bytes, aad: bytes) -> dict[str, str]:
    nonce = os.urandom(12)
    return {"nonce": _b64(nonce), "ciphertext": _b64(AESGCM(key).encrypt(nonce, data_key, aad))}


def _unwrap(key: bytes, wrapped: dict[str, str], aad: bytes) -> bytes:
    return AESGCM(key).decrypt(_unb64(wrapped["nonce"]), _unb64(wrapped["ciphertext"]), aad)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file whole."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Vault:
    """The parsed vault file. Immutable: every change writes a new file."""

    path: Path
    vault_id: str
    kdf: KdfParams
    salt: bytes
    passphrase_wrap: dict[str, str]
    recovery_wrap: dict[str, str]
    created_at: str

    # -- creating -----------------------------------------------------------------------
    @classmethod
    def create(
        cls, path: Path, *, passphrase: str, kdf: KdfParams | None = None
    ) -> tuple[Vault, bytes, str]:
        """Make a new data key and vault file. Returns (vault, data key, recovery key text)."""
        if path.exists():
            raise StoreError(f"A store already exists in {path.parent}.")
        check_passphrase_acceptable(passphrase)
        params = kdf or KdfParams()
        vault_id = secrets.token_hex(16)
        data_key = secrets.token_bytes(KEY_BYTES)
        recovery_raw = secrets.token_bytes(KEY_BYTES)
        salt = secrets.token_bytes(16)
        vault = cls(
            path=path,
            vault_id=vault_id,
            kdf=params,
            salt=salt,
            passphrase_wrap=_wrap(
                params.derive(passphrase, salt), data_key, cls._aad(vault_id, "p")
            ),
            recovery_wrap=_wrap(
                _recovery_wrapping_key(recovery_raw, vault_id), data_key, cls._aad(vault_id, "r")
            ),
            created_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        )
        vault.save()
        return vault, data_key, format_recovery_key(recovery_raw)

    # -- reading ------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> Vault:
        try:
            raw = json.loads(path.read_bytes())
        except FileNotFoundError:
            raise StoreError(f"No store was found in {path.parent}.") from None
        except (OSError, ValueError):
            raise VaultDamaged(f"The key file {path} is damaged and cannot be read.") from None
        try:
            if raw["format"] != VAULT_FORMAT:
                raise ValueError
            if raw["version"] != VAULT_VERSION:
                raise VaultDamaged(
                    f"The key file {path} has version {raw['version']}, which this version "
                    "of Hembesök cannot read."
                )
            kdf = raw["kdf"]
            return cls(
                path=path,
                vault_id=str(raw["vault_id"]),
                kdf=KdfParams(
                    memory_kib=int(kdf["memory_kib"]),
                    iterations=int(kdf["iterations"]),
                    lanes=int(kdf["lanes"]),
                ),
                salt=_unb64(kdf["salt"]),
                passphrase_wrap=dict(raw["passphrase_wrap"]),
                recovery_wrap=dict(raw["recovery_wrap"]),
                created_at=str(raw["created_at"]),
            )
        except (KeyError, TypeError, ValueError):
            raise VaultDamaged(f"The key file {path} is damaged and cannot be read.") from None

    def unlock(self, passphrase: str) -> bytes:
        """The data key, or ``WrongPassphrase``. Never writes anything."""
        key = self.kdf.derive(passphrase, self.salt)
        try:
            return _unwrap(key, self.passphrase_wrap, self._aad(self.vault_id, "p"))
        except (InvalidTag, ValueError, KeyError):
            raise WrongPassphrase("The passphrase is not correct.") from None

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        raw = parse_recovery_key(recovery_key)
        key = _recovery_wrapping_key(raw, self.vault_id)
        try:
            return _unwrap(key, self.recovery_wrap, self._aad(self.vault_id, "r"))
        except (InvalidTag, ValueError, KeyError):
            raise WrongRecoveryKey("The recovery key is not correct.") from None

    # -- changing -----------------------------------------------------------------------
    def with_new_passphrase(self, *, data_key: bytes, new_passphrase: str) -> Vault:
        """A vault whose passphrase wrap is remade with a fresh salt; saved atomically."""
        check_passphrase_acceptable(new_passphrase)
        salt = secrets.token_bytes(16)
        vault = Vault(
            path=self.path,
            vault_id=self.vault_id,
            kdf=self.kdf,
            salt=salt,
            passphrase_wrap=_wrap(
                self.kdf.derive(new_passphrase, salt), data_key, self._aad(self.vault_id, "p")
            ),
            recovery_wrap=self.recovery_wrap,
            created_at=self.created_at,
        )
        vault.save()
        return vault

    def save(self) -> None:
        document: dict[str, Any] = {
            "format": VAULT_FORMAT,
            "version": VAULT_VERSION,
            "vault_id": self.vault_id,
            "created_at": self.created_at,
            "cipher": "AES-256-GCM",
            "kdf": {
                "name": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
                "salt": _b64(self.salt),
            },
            "passphrase_wrap": self.passphrase_wrap,
            "recovery_wrap": self.recovery_wrap,
        }
        write_atomically(self.path, json.dumps(document, indent=2).encode("utf-8"))

    @staticmethod
    def _aad(vault_id: str, purpose: str) -> bytes:
        return f"{VAULT_FORMAT}/{VAULT_VERSION}/{vault_id}/{purpose}".encode()


MIN_PASSPHRASE_LENGTH = 8


def check_passphrase_acceptable(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise StoreError(
            f"The passphrase must be at least {MIN_PASSPHRASE_LENGTH} characters long."
        )


class UnlockThrottle:
    """Makes repeated failed unlocks within one running application wait longer each time.

    After the n-th consecutive failure the next attempt waits ``base * 2**(n-1)`` seconds, capped.
    """

    def __init__(
        self,
        *,
        base_seconds: float = 1.0,
        cap_seconds: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.failures = 0
        self._base = base_seconds
        self._cap = cap_seconds
        self._sleep = sleep

    def delay(self) -> float:
        if self.failures == 0:
            return 0.0
        return float(min(self._cap, self._base * 2 ** (self.failures - 1)))

    def wait(self) -> None:
        seconds = self.delay()
        if seconds:
            self._sleep(seconds)

    def failed(self) -> None:
        self.failures += 1

    def succeeded(self) -> None:
        self.failures = 0
