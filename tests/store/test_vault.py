"""Create, unlock, wrong passphrase, change passphrase, recovery key, throttling, damage."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from hembesok_desktop.store.database import Store, database_path, vault_path
from hembesok_desktop.store.errors import (
    StoreError,
    VaultDamaged,
    WrongPassphrase,
    WrongRecoveryKey,
)
from hembesok_desktop.store.services import families
from hembesok_desktop.store.vault import KdfParams, UnlockThrottle, Vault
from tests.conftest import CHEAP_KDF, PASSPHRASE


def digests(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_default_kdf_is_argon2id_64mib_t3_p4(data_dir: Path) -> None:
    store, _ = Store.create(data_dir, passphrase=PASSPHRASE)
    store.lock()
    document = json.loads(vault_path(data_dir).read_text())
    assert document["kdf"] == {
        "name": "argon2id",
        "memory_kib": 65536,
        "iterations": 3,
        "lanes": 4,
        "salt": document["kdf"]["salt"],
    }
    assert document["version"] == 1
    assert Store.unlock(data_dir, passphrase=PASSPHRASE).check() is None


def test_wrong_passphrase_raises_one_clear_error_and_changes_nothing(data_dir: Path) -> None:
    store, _ = Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    store.lock()
    before = digests(data_dir)
    with pytest.raises(WrongPassphrase, match=r"^The passphrase is not correct\.$"):
        Store.unlock(data_dir, passphrase="not the passphrase")
    assert digests(data_dir) == before


def test_passphrase_change_rewraps_without_touching_the_database(data_dir: Path) -> None:
    store, _ = Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    with store.write() as uow:
        families.create_family(uow, address="Demovägen 1")
    store.lock()
    db_before = hashlib.sha256(database_path(data_dir).read_bytes()).hexdigest()
    vault_before = vault_path(data_dir).read_bytes()

    store = Store.unlock(data_dir, passphrase=PASSPHRASE)
    # The database is open (WAL) while the passphrase changes; compare after closing again.
    store.change_passphrase(current=PASSPHRASE, new="a brand new passphrase")
    store.lock()

    assert vault_path(data_dir).read_bytes() != vault_before
    with pytest.raises(WrongPassphrase):
        Store.unlock(data_dir, passphrase=PASSPHRASE)
    reopened = Store.unlock(data_dir, passphrase="a brand new passphrase")
    reopened.lock()
    assert hashlib.sha256(database_path(data_dir).read_bytes()).hexdigest() == db_before


def test_passphrase_change_needs_the_current_passphrase(store: Store) -> None:
    with pytest.raises(WrongPassphrase):
        store.change_passphrase(current="wrong wrong", new="another passphrase")


def test_recovery_key_unlocks_and_a_wrong_one_does_not(data_dir: Path) -> None:
    store, recovery_key = Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    store.lock()
    assert len(recovery_key.replace("-", "")) == 52
    reopened = Store.unlock(data_dir, recovery_key=recovery_key.lower().replace("-", " "))
    assert reopened.check() is None
    reopened.lock()
    wrong = ("A" if recovery_key[0] != "A" else "B") + recovery_key[1:]
    with pytest.raises(WrongRecoveryKey):
        Store.unlock(data_dir, recovery_key=wrong)
    with pytest.raises(WrongRecoveryKey):
        Store.unlock(data_dir, recovery_key="too-short")


def test_recovery_key_survives_a_passphrase_change(data_dir: Path) -> None:
    store, recovery_key = Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    store.change_passphrase(current=PASSPHRASE, new="second passphrase")
    store.lock()
    Store.unlock(data_dir, recovery_key=recovery_key).lock()


def test_short_passphrase_is_refused_and_nothing_created(data_dir: Path) -> None:
    with pytest.raises(StoreError, match="at least 8 characters"):
        Store.create(data_dir, passphrase="short", kdf=CHEAP_KDF)
    assert not vault_path(data_dir).exists()
    assert not database_path(data_dir).exists()


def test_create_refuses_an_existing_store(store: Store) -> None:
    with pytest.raises(StoreError, match="already exists"):
        Store.create(store.data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)


def test_damaged_vault_file_gives_a_clear_error_naming_it(data_dir: Path) -> None:
    store, _ = Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    store.lock()
    vault_path(data_dir).write_text("{ not json")
    with pytest.raises(VaultDamaged, match=r"vault\.json is damaged"):
        Store.unlock(data_dir, passphrase=PASSPHRASE)


def test_swapped_wraps_do_not_unlock(tmp_path: Path) -> None:
    """The associated data binds each wrap to its vault: a wrap from another vault fails."""
    _one, _key1, _ = Vault.create(tmp_path / "one.json", passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    two, _key2, _ = Vault.create(tmp_path / "two.json", passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    document = json.loads((tmp_path / "one.json").read_text())
    document["passphrase_wrap"] = json.loads((tmp_path / "two.json").read_text())["passphrase_wrap"]
    document["kdf"]["salt"] = json.loads((tmp_path / "two.json").read_text())["kdf"]["salt"]
    (tmp_path / "one.json").write_text(json.dumps(document))
    with pytest.raises(WrongPassphrase):
        Vault.load(tmp_path / "one.json").unlock(PASSPHRASE)
    assert two.unlock(PASSPHRASE) == _key2


def test_vault_write_is_atomic_and_private(tmp_path: Path) -> None:
    vault, key, _ = Vault.create(tmp_path / "v.json", passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    vault.with_new_passphrase(data_key=key, new_passphrase="new passphrase!")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.json"]
    assert (tmp_path / "v.json").stat().st_mode & 0o777 == 0o600


def test_failed_unlocks_wait_longer_each_time(data_dir: Path) -> None:
    store, _ = Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    store.lock()
    waits: list[float] = []
    throttle = UnlockThrottle(base_seconds=1.0, cap_seconds=30.0, sleep=waits.append)
    for _ in range(4):
        with pytest.raises(WrongPassphrase):
            Store.unlock(data_dir, passphrase="wrong guess", throttle=throttle)
    Store.unlock(data_dir, passphrase=PASSPHRASE, throttle=throttle).lock()
    assert waits == [1.0, 2.0, 4.0, 8.0]
    assert throttle.delay() == 0.0


def test_kdf_parameters_come_from_the_file(tmp_path: Path) -> None:
    params = KdfParams(memory_kib=2048, iterations=2, lanes=1)
    _vault, key, _ = Vault.create(tmp_path / "v.json", passphrase=PASSPHRASE, kdf=params)
    loaded = Vault.load(tmp_path / "v.json")
    assert loaded.kdf == params
    assert loaded.unlock(PASSPHRASE) == key


def test_a_forgotten_passphrase_is_reset_with_the_recovery_key(data_dir: Path) -> None:
    store, recovery_key = Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    store.lock()
    store = Store.unlock(data_dir, recovery_key=recovery_key)
    with pytest.raises(WrongRecoveryKey):
        store.reset_passphrase(recovery_key="AAAA-" * 12 + "AAAA", new="chosen again 1")
    store.reset_passphrase(recovery_key=recovery_key, new="chosen again 1")
    store.lock()
    with pytest.raises(WrongPassphrase):
        Store.unlock(data_dir, passphrase=PASSPHRASE)
    Store.unlock(data_dir, passphrase="chosen again 1").lock()
