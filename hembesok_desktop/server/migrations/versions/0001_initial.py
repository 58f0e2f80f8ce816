"""Initial schema: teams, nurses, devices, scope, merged field state, feed, access log.

Revision ID: 0001_initial
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)
_BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "team",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "nurse",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(100), nullable=False, unique=True),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "nurse_team",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("nurse_id", sa.Integer(), sa.ForeignKey("nurse.id"), nullable=False),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("team.id"), nullable=False),
        sa.UniqueConstraint("nurse_id", "team_id", name="uq_nurse_team"),
    )
    op.create_index("ix_nurse_team_nurse_id", "nurse_team", ["nurse_id"])
    op.create_index("ix_nurse_team_team_id", "nurse_team", ["team_id"])
    op.create_table(
        "device",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("nurse_id", sa.Integer(), sa.ForeignKey("nurse.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("revoked_at", _TS, nullable=True),
        sa.Column("pull_gen", sa.Integer(), nullable=False),
    )
    op.create_index("ix_device_nurse_id", "device", ["nurse_id"])
    op.create_table(
        "family_scope",
        sa.Column("family_id", sa.String(64), primary_key=True),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("team.id"), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
    )
    op.create_index("ix_family_scope_team_id", "family_scope", ["team_id"])
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
        "applied_change",
        sa.Column("change_id", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("applied_at", _TS, nullable=False),
    )
    op.create_table(
        "feed",
        sa.Column("seq", _BIGINT_PK, primary_key=True, autoincrement=True),
        sa.Column("entity", sa.String(64), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("family_id", sa.String(64), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_feed_family_seq", "feed", ["family_id", "seq"])
    op.create_table(
        "device_family",
        sa.Column("device_id", sa.String(36), sa.ForeignKey("device.id"), primary_key=True),
        sa.Column("family_id", sa.String(64), primary_key=True),
        sa.Column("delivered_gen", sa.Integer(), nullable=False),
        sa.Column("removed_gen", sa.Integer(), nullable=True),
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("family_id", sa.String(64), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("action", sa.String(200), nullable=False),
        sa.Column("at", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("received_at", _TS, nullable=False),
    )
    op.create_index("ix_access_log_family_id", "access_log", ["family_id"])
    op.create_index("ix_access_log_username", "access_log", ["username"])


def downgrade() -> None:
    for table in (
        "access_log",
        "device_family",
        "feed",
        "applied_change",
        "field_state",
        "family_scope",
        "device",
        "nurse_team",
        "nurse",
        "team",
    ):
        op.drop_table(table)
