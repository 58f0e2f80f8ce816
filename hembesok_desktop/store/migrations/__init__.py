"""Alembic migrations of the local store, run programmatically on unlock (see ``store.schema``)."""
