"""Alembic environment: always run with a live connection handed in by ``store.schema``."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from hembesok_desktop.store import models  # noqa: F401  (registers the tables)

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("store migrations run only through hembesok_desktop.store.schema")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
