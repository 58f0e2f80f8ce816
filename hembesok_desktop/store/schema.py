"""Schema versions of the local store: Alembic, run on unlock after a backup copy.

Before any migration of an existing database, its WAL is checkpointed and the (encrypted) file is
copied to ``backups/`` beside it; the copy is as encrypted as the original. A new store is
created by running every migration from empty.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from .engine import WRITE_OPTION, checkpoint
from .vault import fsync_dir

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, *, revision: str = "head") -> None:
    config = alembic_config()
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def backup_database(engine: Engine, db_path: Path, *, label: str) -> Path:
    """Copy the encrypted database file to ``backups/`` after folding in its WAL."""
    checkpoint(engine)
    engine.dispose()
    folder = db_path.parent / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    target = folder / f"{db_path.stem}-{label}-{stamp}.db"
    shutil.copy2(db_path, target)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())
    fsync_dir(folder)
    return target


def migrate_if_needed(engine: Engine, db_path: Path) -> Path | None:
    """Bring the schema to head; returns the backup made, if a migration ran."""
    current = current_revision(engine)
    if current == head_revision():
        return None
    backup = None
    if current is not None:
        backup = backup_database(engine, db_path, label=f"before-{head_revision()}-from-{current}")
    upgrade(engine)
    return backup


def has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar())
