"""The caseload index: ``caseload_family`` and ``caseload_open_contact``.

Local tables derived from the records (see ``store.caseload_index``), so a work list of
10,000 families reads one small row per family instead of aggregating guardians, children,
contacts, enrollments, follow-ups and screenings on every call. They are created empty here;
``store.derived`` fills them when the store is opened (it rebuilds every derived table whenever
the stored derived version differs from the program's), and every write keeps them current.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "caseload_family",
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("display_name", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("children_by_birth", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("area", sa.String(), nullable=False),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=False),
        sa.Column("interpreter_language", sa.String(), nullable=False),
        sa.Column("next_due_date", sa.Date(), nullable=True),
        sa.Column("next_due_code", sa.String(), nullable=False),
        sa.Column("open_follow_ups", sa.Integer(), nullable=False),
        sa.Column("flagged_screenings", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("family_id"),
    )
    op.create_index(
        "ix_caseload_family_order",
        "caseload_family",
        [sa.text("coalesce(next_due_date, '~')"), "name_key", "family_id"],
    )
    op.create_index(
        "ix_caseload_family_followup",
        "caseload_family",
        ["family_id"],
        sqlite_where=sa.text("open_follow_ups > 0 OR flagged_screenings > 0"),
    )
    op.create_table(
        "caseload_open_contact",
        sa.Column("contact_id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=True),
        sa.Column("contact_code", sa.String(), nullable=False),
        sa.Column("window_start", sa.Date(), nullable=True),
        sa.Column("window_end", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("contact_id"),
    )
    op.create_index(
        "ix_caseload_open_contact_planned",
        "caseload_open_contact",
        ["planned_date", "window_start", "window_end", "family_id"],
    )
    op.create_index(
        "ix_caseload_open_contact_window_end", "caseload_open_contact", ["window_end", "family_id"]
    )
    op.create_index("ix_caseload_open_contact_family", "caseload_open_contact", ["family_id"])


def downgrade() -> None:
    raise NotImplementedError("the store is never downgraded; restore the backup instead")
