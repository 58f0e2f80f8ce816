"""A 10,000-family demo store for benchmarks, built once per code version and reused.

``build_big_store(data_dir)`` fills a new store; the session fixture ``big_store`` yields an
unlocked store over a cached copy under the system temp dir, keyed by a hash of the code and
resources that shape the demo data (so a change to them builds a fresh one). The store is
opened read-mostly: a benchmark that writes should work on its own copy.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from hembesok_desktop.demo.caseload import fill_demo_caseload
from hembesok_desktop.store.database import Store
from tests.conftest import CHEAP_KDF, PASSPHRASE
from tests.support.catalogue import CATALOGUE

BIG_FAMILIES = 10_000
BIG_SEED = 7
#: The demo's "today"; fixed so a cached store and the benchmarks agree on the calendar.
BIG_TODAY = date(2026, 11, 25)
ROOT = Path(__file__).resolve().parents[2]
SHAPING_FILES = (
    "hembesok_desktop/demo/caseload.py",
    "hembesok_desktop/store/unit_of_work.py",
    "hembesok_desktop/store/search.py",
    "hembesok_desktop/store/services/*.py",
    "hembesok_desktop/domain/**/*.py",
    "resources/programmes/*.json",
    "resources/forms/*.json",
)
log = logging.getLogger(__name__)


def code_version() -> str:
    """A hash of what shapes the demo store: its writer, the schema, domain code, resources.

    Read-side modules (work lists, timeline, figures) are left out, so changing them reuses
    the store; so are the models and migrations: a cached store of an older schema is migrated
    when it is unlocked, as a nurse's store is in the field (with a backup copy beside it).
    """
    digest = hashlib.sha256()
    for pattern in SHAPING_FILES:
        for path in sorted(ROOT.glob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_big_store(
    data_dir: Path, *, families: int = BIG_FAMILIES, seed: int = BIG_SEED, today: date = BIG_TODAY
) -> float:
    """Create a store in ``data_dir`` and fill it with ``families`` demo families.

    Returns the seconds the fill took. The store is locked again afterwards.
    """
    store, _recovery = Store.create(data_dir, passphrase=PASSPHRASE, kdf=CHEAP_KDF)
    try:
        started = time.perf_counter()
        fill_demo_caseload(store, catalogue=CATALOGUE, families=families, seed=seed, today=today)
        return time.perf_counter() - started
    finally:
        store.lock()


def cached_big_store_dir(*, families: int = BIG_FAMILIES) -> Path:
    """The cached store's directory, built first if this code version has none yet."""
    cache = Path(tempfile.gettempdir()) / "hembesok-bench"
    target = cache / f"demo-{families}-{BIG_SEED}-{BIG_TODAY}-{code_version()}"
    if target.exists():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one build at a time; the others wait and reuse it
        if not target.exists():
            _build_into(target, families=families)
    return target


def _build_into(target: Path, *, families: int) -> None:
    cache = target.parent
    building = Path(tempfile.mkdtemp(prefix="building-", dir=cache))
    seconds = build_big_store(building / "store", families=families)
    log.warning("built a %d-family demo store in %.1f s", families, seconds)
    (building / "store" / "build-seconds.txt").write_text(f"{seconds:.1f}\n")
    with contextlib.suppress(OSError):  # another builder may have won the (atomic) rename
        os.rename(building / "store", target)
    shutil.rmtree(building, ignore_errors=True)


@pytest.fixture(scope="session")
def big_store() -> Iterator[Store]:
    store = Store.unlock(cached_big_store_dir(), passphrase=PASSPHRASE)
    try:
        yield store
    finally:
        store.lock()


@pytest.fixture(scope="session")
def big_today() -> date:
    return BIG_TODAY
