"""Login throttle: failed enrollments per user name and per client address.

Revision ID: 0002_login_throttle
Revises: 0001_initial
Create Date: 2026-03-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_login_throttle"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.Float(), nullable=False),
        sa.Column("last_failure", sa.Float(), nullable=False),
        sa.Column("locked_until", sa.Float(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("login_throttle")
