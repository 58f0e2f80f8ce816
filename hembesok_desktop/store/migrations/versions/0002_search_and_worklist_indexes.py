"""Search text per family and indexes for the work lists.

Adds ``family_search`` (filled when the store is opened, by ``store.derived``, as every
derived table is after a migration) and indexes on contacts for the
today/this-week/overdue lists and the next due contact per family.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "family_search",
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("family_id"),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index("ix_contact_status_window_end", ["status", "window_end"])
        batch_op.create_index(
            "ix_contact_status_family_date", ["status", "family_id", "planned_date"]
        )


def downgrade() -> None:
    raise NotImplementedError("the store is never downgraded; restore the backup instead")
