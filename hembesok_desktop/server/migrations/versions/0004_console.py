"""The region's console: its accounts, their teams, sessions, audit log and flag reviews; and
the columns the console shows: a nurse's deactivation, a device's last push and pull and its
count of refused changes.

Every table the console's pages need is created here, so the pages add none of their own.
Existing nurses stay active and existing devices start with no sync times and no refusals.

Revision ID: 0004_console
Revises: 0003_record_documents
Create Date: 2026-12-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_console"
down_revision = "0003_record_documents"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)
_BIGINT_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    _accounts()
    _sessions_and_audit()
    op.create_table(
        "access_flag_review",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "access_log_id", sa.String(64), sa.ForeignKey("access_log.id"), nullable=False
        ),
        sa.Column("flag_kind", sa.String(32), nullable=False),
        sa.Column(
            "reviewer_id", sa.Integer(), sa.ForeignKey("console_user.id"), nullable=False
        ),
        sa.Column("note", sa.String(2000), nullable=False),
        sa.Column("reviewed_at", _TS, nullable=False),
        sa.UniqueConstraint("access_log_id", "flag_kind", name="uq_access_flag_review"),
    )
    op.create_index(
        "ix_access_flag_review_access_log_id", "access_flag_review", ["access_log_id"]
    )
    op.create_index("ix_access_flag_review_reviewer_id", "access_flag_review", ["reviewer_id"])
    op.add_column("nurse", sa.Column("deactivated_at", _TS, nullable=True))
    op.add_column("device", sa.Column("last_push_at", _TS, nullable=True))
    op.add_column("device", sa.Column("last_pull_at", _TS, nullable=True))
    op.add_column(
        "device",
        sa.Column("refused_changes", sa.Integer(), nullable=False, server_default="0"),
    )


def _accounts() -> None:
    op.create_table(
        "console_user",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(100), nullable=False, unique=True),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("totp_secret", sa.String(64), nullable=False),
        sa.Column("totp_confirmed", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("last_totp_step", sa.BigInteger(), nullable=True),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "console_user_team",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("console_user.id"), nullable=False),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("team.id"), nullable=False),
        sa.UniqueConstraint("user_id", "team_id", name="uq_console_user_team"),
    )
    op.create_index("ix_console_user_team_user_id", "console_user_team", ["user_id"])
    op.create_index("ix_console_user_team_team_id", "console_user_team", ["team_id"])


def _sessions_and_audit() -> None:
    op.create_table(
        "console_session",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("console_user.id"), nullable=True),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("last_seen_at", _TS, nullable=False),
    )
    op.create_index("ix_console_session_user_id", "console_session", ["user_id"])
    op.create_index("ix_console_session_last_seen_at", "console_session", ["last_seen_at"])
    op.create_table(
        "console_audit",
        sa.Column("id", _BIGINT_PK, primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("console_user.id"), nullable=True),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("target", sa.String(200), nullable=True),
        sa.Column("at", _TS, nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
    )
    op.create_index("ix_console_audit_user_id", "console_audit", ["user_id"])
    op.create_index("ix_console_audit_at", "console_audit", ["at"])


def downgrade() -> None:
    op.drop_column("device", "refused_changes")
    op.drop_column("device", "last_pull_at")
    op.drop_column("device", "last_push_at")
    op.drop_column("nurse", "deactivated_at")
    for table in (
        "access_flag_review",
        "console_audit",
        "console_session",
        "console_user_team",
        "console_user",
    ):
        op.drop_table(table)
