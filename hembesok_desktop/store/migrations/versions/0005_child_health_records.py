"""Structured child-health records (issue 14): feeding, vaccinations given, language,
tobacco smoke, hearing and vision screening, referrals; gestational age and vaccination risk
indicators on the child; the interpreter's language and form on a contact; the identity level
of a coordination number (``identity_level``) on guardian and child.

Six new synced tables, each with the columns every synced row has (``id``, ``family_id``,
``versions``), the child and contact it belongs to, who recorded it and a void reason. Like
every clinical table they are never deleted (the trigger of migration 0001, here for the new
tables). New columns on existing tables get server defaults, so rows written before this
revision read as "not known" (gestational age NULL, indicators false, interpreter "" ).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_NEVER_DELETED = """
CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table}
WHEN OLD.family_id NOT IN (SELECT family_id FROM scope_removal)
BEGIN SELECT RAISE(ABORT, 'clinical data is never deleted'); END
"""


def _common() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("voided_reason", sa.String(), nullable=False),
    ]


_TABLES: dict[str, list[sa.Column[object]]] = {
    "feeding_record": [
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("other_food_first_on", sa.Date(), nullable=True),
    ],
    "vaccination": [
        sa.Column("vaccine", sa.String(), nullable=False),
        sa.Column("dose_number", sa.Integer(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("given_where", sa.String(), nullable=False),
        sa.Column("batch_number", sa.String(), nullable=False),
        sa.Column("schedule_code", sa.String(), nullable=False),
    ],
    "language_record": [
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("age_point", sa.String(), nullable=False),
        sa.Column("result", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
    ],
    "tobacco_exposure": [
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("age_point", sa.String(), nullable=False),
        sa.Column("exposure", sa.String(), nullable=False),
    ],
    "sensory_screening": [
        sa.Column("screened_on", sa.Date(), nullable=False),
        sa.Column("test", sa.String(), nullable=False),
        sa.Column("result", sa.String(), nullable=False),
    ],
    "referral": [
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("to_whom", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("outcome_on", sa.Date(), nullable=True),
    ],
}


def upgrade() -> None:
    # plain ALTER TABLE ADD COLUMN (no batch copy): the tables keep their triggers
    op.add_column("child", sa.Column("gestational_age_days", sa.Integer(), nullable=True))
    for name in ("bcg_indicated", "mother_hbsag_positive", "rotavirus_three_dose"):
        op.add_column(
            "child", sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.text("0"))
        )
    for name in ("interpreter_language", "interpreter_form"):
        op.add_column(
            "contact", sa.Column(name, sa.String(), nullable=False, server_default=sa.text("''"))
        )
    for person in ("guardian", "child"):
        op.add_column(
            person,
            sa.Column("identity_level", sa.String(), nullable=False, server_default=sa.text("''")),
        )
    for table, columns in _TABLES.items():
        op.create_table(table, *_common(), *columns, sa.PrimaryKeyConstraint("id"))
        op.create_index(f"ix_{table}_family_id", table, ["family_id"])
        op.create_index(f"ix_{table}_child_id", table, ["child_id"])
        op.execute(_NEVER_DELETED.format(table=table))


def downgrade() -> None:
    raise NotImplementedError("the store is never downgraded; restore the backup instead")
