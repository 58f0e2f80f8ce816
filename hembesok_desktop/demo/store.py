"""The demo store of ``hembesok --demo``: its folder, passphrase and marker.

``prepare_demo_dir`` gives a fresh folder (a new temp folder, or a given folder emptied when it
holds an earlier demo: a folder without the demo marker is never touched); ``create_demo_store``
creates an encrypted store there with the demo passphrase, the demo nurse as its actor and a
fictional caseload. Both run off the GUI thread.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..domain.catalogue import Catalogue
from ..store.database import Store
from ..store.unit_of_work import Actor
from ..store.vault import KdfParams
from . import DEMO_NURSE
from .caseload import fill_demo_caseload

DEMO_PASSPHRASE = "demo hembesök"
DEMO_FAMILIES = 60
DEMO_MARKER = ".hembesok-demo"


def demo_actor() -> Actor:
    """The demo nurse as the store's actor (signatures carry her name and title)."""
    return Actor(
        username=DEMO_NURSE.username, full_name=DEMO_NURSE.full_name, title=DEMO_NURSE.title
    )


def prepare_demo_dir(folder: Path | None) -> Path:
    """A fresh folder for the demo store: a new temp folder, or ``folder`` emptied if it holds an
    earlier demo (a folder without the demo marker is never touched)."""
    if folder is None:
        return Path(tempfile.mkdtemp(prefix="hembesok-demo-")) / "store"
    if folder.exists() and any(folder.iterdir()):
        if not (folder / DEMO_MARKER).exists():
            raise RuntimeError(f"{folder} holds something other than a demo store")
        shutil.rmtree(folder)
    return folder


def create_demo_store(
    folder: Path,
    *,
    catalogue: Catalogue,
    families: int = DEMO_FAMILIES,
    kdf: KdfParams | None = None,
) -> None:
    """Create the demo store in ``folder`` and fill it with ``families`` fictional families."""
    store, _recovery = Store.create(folder, passphrase=DEMO_PASSPHRASE, kdf=kdf)
    try:
        (folder / DEMO_MARKER).write_text("fictional demo data\n", encoding="utf-8")
        store.set_setting("actor", demo_actor().as_setting())
        fill_demo_caseload(store, catalogue=catalogue, families=families, seed=1)
    finally:
        store.lock()
