"""One row per record: ``field_state`` (one row per field) and ``feed`` become ``record``.

Each record's fields, each with its version, go into one document (JSONB on PostgreSQL, JSON
on SQLite); its ``seq`` is the record's latest feed entry, so cursors devices already hold stay
valid (a record changed after a cursor still has a higher seq). Records are converted in
chunks, in (entity, row_id, field) order, so memory stays bounded on a region's database.

Revision ID: 0003_record_documents
Revises: 0002_login_throttle
Create Date: 2026-12-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003_record_documents"
down_revision = "0002_login_throttle"
branch_labels = None
depends_on = None

_DOC = sa.JSON().with_variant(JSONB(), "postgresql")
_BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_CHUNK = 20_000

_field_state = sa.table(
    "field_state",
    sa.column("entity", sa.String),
    sa.column("row_id", sa.String),
    sa.column("field", sa.String),
    sa.column("family_id", sa.String),
    sa.column("value", sa.JSON),
    sa.column("hlc", sa.String),
    sa.column("base", sa.String),
)
_record = sa.table(
    "record",
    sa.column("entity", sa.String),
    sa.column("row_id", sa.String),
    sa.column("family_id", sa.String),
    sa.column("seq", sa.BigInteger),
    sa.column("doc", _DOC),
)
_feed = sa.table(
    "feed",
    sa.column("seq", sa.BigInteger),
    sa.column("entity", sa.String),
    sa.column("row_id", sa.String),
    sa.column("family_id", sa.String),
)


def upgrade() -> None:
    op.create_table(
        "record",
        sa.Column("entity", sa.String(64), primary_key=True),
        sa.Column("row_id", sa.String(64), primary_key=True),
        sa.Column("family_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=True),
        sa.Column("doc", _DOC, nullable=False),
    )
    connection = op.get_bind()
    _copy_documents(connection)
    op.create_index("ix_feed_record", "feed", ["entity", "row_id"])
    connection.execute(
        sa.text(
            "UPDATE record SET seq = (SELECT MAX(f.seq) FROM feed AS f "
            "WHERE f.entity = record.entity AND f.row_id = record.row_id)"
        )
    )
    _number_unfed(connection)
    op.create_index("ix_record_family_seq", "record", ["family_id", "seq"])
    op.create_index("ix_record_seq", "record", ["seq"], unique=True)
    op.drop_table("feed")
    op.drop_table("field_state")


def _copy_documents(connection: sa.Connection) -> None:
    """field_state rows, grouped per record, inserted as documents chunk by chunk."""
    last: tuple[str, str, str] = ("", "", "")
    pending: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    key_order = sa.tuple_(_field_state.c.entity, _field_state.c.row_id, _field_state.c.field)
    while True:
        rows = connection.execute(
            sa.select(_field_state)
            .where(key_order > sa.tuple_(*(sa.literal(part) for part in last)))
            .order_by(_field_state.c.entity, _field_state.c.row_id, _field_state.c.field)
            .limit(_CHUNK)
        ).all()
        if not rows:
            break
        for entity, row_id, field, family_id, value, hlc, base in rows:
            doc = pending.setdefault((entity, row_id), (family_id, {}))[1]
            doc[field] = (
                {"value": value, "hlc": hlc}
                if base is None
                else {"value": value, "hlc": hlc, "base": base}
            )
        last = (rows[-1][0], rows[-1][1], rows[-1][2])
        tail = pending.pop((last[0], last[1]))  # may continue in the next chunk
        _insert(connection, pending)
        pending = {(last[0], last[1]): tail}
    _insert(connection, pending)


def _insert(
    connection: sa.Connection, docs: dict[tuple[str, str], tuple[str, dict[str, Any]]]
) -> None:
    if docs:
        connection.execute(
            sa.insert(_record),
            [
                {"entity": e, "row_id": r, "family_id": family, "seq": None, "doc": doc}
                for (e, r), (family, doc) in docs.items()
            ],
        )


def _number_unfed(connection: sa.Connection) -> None:
    """A record without a feed entry (none should exist) gets the next numbers."""
    top = int(connection.execute(sa.text("SELECT COALESCE(MAX(seq), 0) FROM record")).scalar_one())
    unfed = connection.execute(
        sa.text("SELECT entity, row_id FROM record WHERE seq IS NULL ORDER BY entity, row_id")
    ).all()
    if unfed:
        connection.execute(
            sa.text("UPDATE record SET seq = :s WHERE entity = :e AND row_id = :r"),
            [{"s": top + n, "e": e, "r": r} for n, (e, r) in enumerate(unfed, 1)],
        )


def downgrade() -> None:
    op.create_table(
        "field_state",
        sa.Column("entity", sa.String(64), primary_key=True),
        sa.Column("row_id", sa.String(64), primary_key=True),
        sa.Column("field", sa.String(64), primary_key=True),
        sa.Column("family_id", sa.String(64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("hlc", sa.String(100), nullable=False),
        sa.Column("base", sa.String(100), nullable=True),
    )
    op.create_index("ix_field_state_family", "field_state", ["family_id"])
    op.create_table(
        "feed",
        sa.Column("seq", _BIGINT_PK, primary_key=True, autoincrement=True),
        sa.Column("entity", sa.String(64), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("family_id", sa.String(64), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_feed_family_seq", "feed", ["family_id", "seq"])
    connection = op.get_bind()
    for entity, row_id, family_id, seq, doc in connection.execute(
        sa.select(_record).order_by(_record.c.seq)
    ).all():
        connection.execute(
            sa.insert(_field_state),
            [
                {
                    "entity": entity,
                    "row_id": row_id,
                    "field": name,
                    "family_id": family_id,
                    "value": version.get("value"),
                    "hlc": version["hlc"],
                    "base": version.get("base"),
                }
                for name, version in doc.items()
            ],
        )
        connection.execute(
            sa.insert(_feed),
            {"seq": seq, "entity": entity, "row_id": row_id, "family_id": family_id},
        )
    if connection.dialect.name == "postgresql":
        connection.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence('feed', 'seq'), "
                "COALESCE((SELECT MAX(seq) FROM feed), 0) + 1, false)"
            )
        )
    op.drop_table("record")
