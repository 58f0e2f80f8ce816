"""Initial schema: every table of the data model and the journal rules as triggers.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 14:50:36.876087
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


CLINICAL_TABLES = (
    "family",
    "guardian",
    "child",
    "enrollment",
    "contact",
    "journal_entry",
    "measurement",
    "questionnaire_response",
    "follow_up_action",
    "access_log_entry",
    "conflict",
)

_NEVER_DELETED = """
CREATE TRIGGER {table}_never_deleted BEFORE DELETE ON {table}
WHEN OLD.family_id NOT IN (SELECT family_id FROM scope_removal)
BEGIN SELECT RAISE(ABORT, 'clinical data is never deleted'); END
"""

JOURNAL_RULES = [
    *(_NEVER_DELETED.format(table=table) for table in CLINICAL_TABLES),
    # A signed entry keeps its text, author, time and links; it may only be voided, once.
    """
CREATE TRIGGER journal_entry_signed_is_final BEFORE UPDATE ON journal_entry
WHEN OLD.signed_at IS NOT NULL AND (
    NEW.text IS NOT OLD.text OR NEW.author_name IS NOT OLD.author_name
    OR NEW.author_title IS NOT OLD.author_title OR NEW.signed_at IS NOT OLD.signed_at
    OR NEW.created_at IS NOT OLD.created_at OR NEW.amends IS NOT OLD.amends
    OR NEW.child_id IS NOT OLD.child_id OR NEW.contact_id IS NOT OLD.contact_id
    OR NEW.family_id IS NOT OLD.family_id OR NEW.id IS NOT OLD.id
    OR (OLD.voided_at IS NOT NULL AND (NEW.voided_at IS NOT OLD.voided_at
        OR NEW.voided_reason IS NOT OLD.voided_reason OR NEW.voided_by IS NOT OLD.voided_by))
)
BEGIN SELECT RAISE(ABORT, 'a signed journal entry cannot be changed'); END
""",
    """
CREATE TRIGGER journal_entry_void_needs_reason BEFORE UPDATE OF voided_at ON journal_entry
WHEN NEW.voided_at IS NOT NULL AND trim(NEW.voided_reason) = ''
BEGIN SELECT RAISE(ABORT, 'a journal entry is voided only with a reason'); END
""",
    # A completed questionnaire response is final; it may only be voided, once.
    """
CREATE TRIGGER questionnaire_response_completed_is_final
BEFORE UPDATE ON questionnaire_response
WHEN OLD.status = 'completed' AND (
    NEW.status IS NOT OLD.status OR NEW.answers IS NOT OLD.answers
    OR NEW.score IS NOT OLD.score OR NEW.subscores IS NOT OLD.subscores
    OR NEW.flags IS NOT OLD.flags OR NEW.form_id IS NOT OLD.form_id
    OR NEW.form_version IS NOT OLD.form_version OR NEW.completed_at IS NOT OLD.completed_at
    OR NEW.respondent IS NOT OLD.respondent OR NEW.family_id IS NOT OLD.family_id
    OR (OLD.voided_reason != '' AND NEW.voided_reason IS NOT OLD.voided_reason)
)
BEGIN SELECT RAISE(ABORT, 'a completed questionnaire response cannot be changed'); END
""",
    # Access-log entries are append-only.
    """
CREATE TRIGGER access_log_entry_append_only BEFORE UPDATE ON access_log_entry
WHEN NEW.at IS NOT OLD.at OR NEW.user IS NOT OLD.user OR NEW.action IS NOT OLD.action
    OR NEW.detail IS NOT OLD.detail OR NEW.family_id IS NOT OLD.family_id
    OR NEW.care_unit IS NOT OLD.care_unit OR NEW.device_id IS NOT OLD.device_id
BEGIN SELECT RAISE(ABORT, 'access-log entries cannot be changed'); END
""",
]


def upgrade() -> None:
    op.create_table(
        "access_log_entry",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(), nullable=False),
        sa.Column("care_unit", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("detail", sa.String(), nullable=False),
        sa.Column("device_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("access_log_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_access_log_entry_family_id"), ["family_id"], unique=False
        )

    op.create_table(
        "child",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("given_name", sa.String(), nullable=False),
        sa.Column("family_name", sa.String(), nullable=False),
        sa.Column("identity_kind", sa.String(), nullable=False),
        sa.Column("identity_number", sa.String(), nullable=False),
        sa.Column("linked_identity_number", sa.String(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("child", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_child_family_id"), ["family_id"], unique=False)

    op.create_table(
        "conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("row_entity", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("losing_value", sa.JSON(), nullable=False),
        sa.Column("losing_hlc", sa.String(), nullable=False),
        sa.Column("winning_value", sa.JSON(), nullable=False),
        sa.Column("winning_hlc", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("settled_value", sa.JSON(), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("settled_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_family_id"), ["family_id"], unique=False)

    op.create_table(
        "contact",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=True),
        sa.Column("programme_id", sa.String(), nullable=False),
        sa.Column("contact_code", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("planned_date", sa.Date(), nullable=True),
        sa.Column("window_start", sa.Date(), nullable=True),
        sa.Column("window_end", sa.Date(), nullable=True),
        sa.Column("performed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("interpreter_used", sa.Boolean(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("status_reason", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contact_family_id"), ["family_id"], unique=False)
        batch_op.create_index("ix_contact_status_date", ["status", "planned_date"], unique=False)

    op.create_table(
        "draft",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_draft_family_id"), ["family_id"], unique=False)

    op.create_table(
        "enrollment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("programme_id", sa.String(), nullable=False),
        sa.Column("programme_version", sa.String(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("inclusion_reason", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrollment_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enrollment_family_id"), ["family_id"], unique=False)

    op.create_table(
        "family",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("postal_code", sa.String(), nullable=False),
        sa.Column("area", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("interpreter_needed", sa.Boolean(), nullable=False),
        sa.Column("interpreter_language", sa.String(), nullable=False),
        sa.Column("team_id", sa.String(), nullable=False),
        sa.Column("nurse_username", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("family", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_family_id"), ["family_id"], unique=False)

    op.create_table(
        "follow_up_action",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("response_id", sa.String(length=36), nullable=True),
        sa.Column("area", sa.String(), nullable=False),
        sa.Column("offer_kind", sa.String(), nullable=False),
        sa.Column("with_social_services", sa.Boolean(), nullable=False),
        sa.Column("with_whom", sa.String(), nullable=False),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decision", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("follow_up_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_follow_up_action_family_id"), ["family_id"], unique=False
        )
        batch_op.create_index("ix_follow_up_status", ["status"], unique=False)

    op.create_table(
        "guardian",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("given_name", sa.String(), nullable=False),
        sa.Column("family_name", sa.String(), nullable=False),
        sa.Column("identity_kind", sa.String(), nullable=False),
        sa.Column("identity_number", sa.String(), nullable=False),
        sa.Column("linked_identity_number", sa.String(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("first_child_in_sweden", sa.Boolean(), nullable=False),
        sa.Column("birthing_parent", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("guardian", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guardian_family_id"), ["family_id"], unique=False)

    op.create_table(
        "journal_entry",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=True),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("author_name", sa.String(), nullable=False),
        sa.Column("author_title", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("amends", sa.String(length=36), nullable=True),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_reason", sa.String(), nullable=False),
        sa.Column("voided_by", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("journal_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_entry_family_id"), ["family_id"], unique=False)

    op.create_table(
        "measurement",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("length_cm", sa.Float(), nullable=True),
        sa.Column("head_circumference_cm", sa.Float(), nullable=True),
        sa.Column("recorded_by", sa.String(), nullable=False),
        sa.Column("voided_reason", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("measurement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measurement_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_measurement_family_id"), ["family_id"], unique=False)

    op.create_table(
        "pending_change",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("change_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("change_id"),
    )
    with op.batch_alter_table("pending_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pending_change_family_id"), ["family_id"], unique=False
        )
        batch_op.create_index("ix_pending_change_state", ["state", "seq"], unique=False)

    op.create_table(
        "questionnaire_response",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=True),
        sa.Column("contact_id", sa.String(length=36), nullable=True),
        sa.Column("form_id", sa.String(), nullable=False),
        sa.Column("form_version", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("respondent", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("subscores", sa.JSON(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("authored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_reason", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("questionnaire_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_questionnaire_response_family_id"), ["family_id"], unique=False
        )

    op.create_table(
        "scope_removal",
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("family_id"),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )

    for statement in JOURNAL_RULES:
        op.execute(statement)


def downgrade() -> None:
    raise NotImplementedError("the store is never downgraded; restore the backup instead")
