"""Alembic environment: online migrations on the connection passed in by ``db.upgrade``."""

from __future__ import annotations

from alembic import context

from hembesok_desktop.server.models import ServerModel

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=ServerModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
