"""A nurse can be deactivated (the console's administration): ``nurse.deactivated_at``.

Revision ID: 0005_nurse_deactivated
Revises: 0003_record_documents
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_nurse_deactivated"
down_revision = "0003_record_documents"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("nurse", sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # a plain DROP COLUMN (SQLite 3.35+): a batch rebuild of ``nurse`` would trip the foreign
    # keys that point at it
    op.drop_column("nurse", "deactivated_at")
