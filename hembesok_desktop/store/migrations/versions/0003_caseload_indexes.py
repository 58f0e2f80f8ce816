"""Indexes for the caseload work lists at 10,000 families.

- ``ix_contact_open``: open (planned) contacts only, covering every column the work lists read
  (family, dates, window, code, child, programme), so they never touch the contact rows;
- ``ix_response_flagged``: completed, not voided responses with flags, for the follow-up list;
- ``ix_follow_up_response``: follow-up actions by the response they follow up;
- ``ix_follow_up_open``: open follow-up actions per family;
- ``ix_family_caseload``, ``ix_guardian_caseload``, ``ix_child_caseload``: the columns of a
  caseload row, so listing 10,000 families reads small index pages instead of whole rows
  (each row carries its per-field versions, several times the size of what the list needs);
- ``ix_enrollment_cover``: whether a child's enrollment covers a contact (applicability).

Partial indexes are used by a query only when its WHERE repeats the index's condition, as
``store.caseload`` does.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_contact_open",
        "contact",
        [
            "family_id",
            "planned_date",
            "contact_code",
            "window_start",
            "window_end",
            "child_id",
            "programme_id",
        ],
        sqlite_where=sa.text("status = 'planned'"),
    )
    op.create_index(
        "ix_response_flagged",
        "questionnaire_response",
        ["family_id", "id"],
        sqlite_where=sa.text("status = 'completed' AND flags != '[]' AND voided_reason = ''"),
    )
    op.create_index("ix_follow_up_response", "follow_up_action", ["response_id"])
    op.create_index(
        "ix_follow_up_open",
        "follow_up_action",
        ["family_id"],
        sqlite_where=sa.text("status = 'open'"),
    )
    op.create_index(
        "ix_family_caseload",
        "family",
        ["id", "address", "area", "interpreter_needed", "interpreter_language"],
    )
    op.create_index(
        "ix_guardian_caseload",
        "guardian",
        ["family_id", "birthing_parent", "given_name", "family_name"],
    )
    op.create_index("ix_child_caseload", "child", ["family_id", "birth_date", "given_name"])
    op.create_index(
        "ix_enrollment_cover", "enrollment", ["child_id", "programme_id", "start_date", "end_date"]
    )


def downgrade() -> None:
    raise NotImplementedError("the store is never downgraded; restore the backup instead")
