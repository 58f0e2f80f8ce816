"""Table models of the local store (SQLModel). API payloads live in ``protocol.wire``.

Every synced row has a UUID ``id``, the ``family_id`` it belongs to (the unit of scope) and
``versions``: for each field, the hybrid-logical-clock timestamp of the write that set it.
Local-only tables (outbox, settings, drafts, sync state) have no versions.

Nothing clinical is deleted: the database itself refuses it (triggers in the migrations), as it
refuses any change to a signed journal entry or a completed questionnaire response except a
one-time void with a reason.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Index, text
from sqlmodel import Field, SQLModel


def new_id() -> str:
    return str(uuid.uuid4())


class SyncedRow(SQLModel):
    """Columns every synced table has."""

    entity: ClassVar[str] = ""
    #: columns that never travel in a change (local bookkeeping)
    local_columns: ClassVar[frozenset[str]] = frozenset({"id", "family_id", "versions"})

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    family_id: str = Field(index=True, max_length=36)
    versions: dict[str, str] = Field(default_factory=dict, sa_type=JSON, nullable=False)


class Family(SyncedRow, table=True):
    __tablename__ = "family"
    # the caseload list reads these columns only (migration 0003)
    __table_args__ = (
        Index(
            "ix_family_caseload",
            "id",
            "address",
            "area",
            "interpreter_needed",
            "interpreter_language",
        ),
    )
    entity: ClassVar[str] = "family"

    address: str = ""
    postal_code: str = ""
    area: str = ""
    phone: str = ""
    languages: list[str] = Field(default_factory=list, sa_type=JSON, nullable=False)
    interpreter_needed: bool = False
    interpreter_language: str = ""
    team_id: str = ""
    nurse_username: str = ""
    created_at: datetime


class Guardian(SyncedRow, table=True):
    __tablename__ = "guardian"
    __table_args__ = (  # the caseload's names (migration 0003)
        Index("ix_guardian_caseload", "family_id", "birthing_parent", "given_name", "family_name"),
    )
    entity: ClassVar[str] = "guardian"

    given_name: str
    family_name: str
    identity_kind: str = "personnummer"  # personnummer | samordningsnummer | reserve | none
    identity_number: str = ""
    linked_identity_number: str = ""  # a real number later linked to a reserve number
    #: a coordination number's identity level: "" | confirmed | probable | uncertain
    #: (styrkt, sannolik, osäker; ``domain.record_labels``), migration 0005
    identity_level: str = ""
    birth_date: date | None = None
    role: str = "parent"  # mother | father | parent | other guardian
    language: str = "sv"
    first_child_in_sweden: bool = False
    birthing_parent: bool = False


class Child(SyncedRow, table=True):
    __tablename__ = "child"
    __table_args__ = (  # the caseload's children and ages (migration 0003)
        Index("ix_child_caseload", "family_id", "birth_date", "given_name"),
    )
    entity: ClassVar[str] = "child"

    given_name: str
    family_name: str
    identity_kind: str = "personnummer"
    identity_number: str = ""
    linked_identity_number: str = ""
    #: as on the guardian (migration 0005)
    identity_level: str = ""
    birth_date: date
    sex: str = ""  # female | male | ""
    #: gestational age at birth in days (weeks * 7 + days); None when not known (migration 0005)
    gestational_age_days: int | None = None
    #: risk indicators that plan extra vaccinations (migration 0005, ``domain.child_health``)
    bcg_indicated: bool = False
    mother_hbsag_positive: bool = False
    rotavirus_three_dose: bool = False


class Enrollment(SyncedRow, table=True):
    __tablename__ = "enrollment"
    __table_args__ = (  # whether an enrollment covers a contact (migration 0003)
        Index("ix_enrollment_cover", "child_id", "programme_id", "start_date", "end_date"),
    )
    entity: ClassVar[str] = "enrollment"

    child_id: str = Field(index=True, max_length=36)
    programme_id: str
    programme_version: str = ""
    start_date: date
    inclusion_reason: str  # first_time_parents | first_child_in_sweden | other
    status: str = "active"  # active | ended
    end_date: date | None = None
    end_reason: str = ""


class Contact(SyncedRow, table=True):
    """A contact (visit) with a family: planned from a programme or ad hoc."""

    __tablename__ = "contact"
    __table_args__ = (
        Index("ix_contact_status_date", "status", "planned_date"),
        Index("ix_contact_status_window_end", "status", "window_end"),
        Index("ix_contact_status_family_date", "status", "family_id", "planned_date"),
        # open contacts only, covering every column the work lists read (migration 0003)
        Index(
            "ix_contact_open",
            "family_id",
            "planned_date",
            "contact_code",
            "window_start",
            "window_end",
            "child_id",
            "programme_id",
            sqlite_where=text("status = 'planned'"),
        ),
    )
    entity: ClassVar[str] = "contact"

    child_id: str | None = Field(default=None, index=True, max_length=36)
    programme_id: str = ""
    contact_code: str = ""
    kind: str = "home"  # home | clinic | phone
    status: str = "planned"  # planned | done | missed | cancelled | rescheduled
    planned_date: date | None = None
    window_start: date | None = None
    window_end: date | None = None
    performed_at: datetime | None = None
    participants: list[str] = Field(default_factory=list, sa_type=JSON, nullable=False)
    interpreter_used: bool = False
    #: the interpreter's language and form (on_site | phone | video), migration 0005
    interpreter_language: str = ""
    interpreter_form: str = ""
    themes: list[str] = Field(default_factory=list, sa_type=JSON, nullable=False)
    status_reason: str = ""


class JournalEntry(SyncedRow, table=True):
    __tablename__ = "journal_entry"
    entity: ClassVar[str] = "journal_entry"

    child_id: str | None = Field(default=None, max_length=36)
    contact_id: str | None = Field(default=None, max_length=36)
    text: str = ""
    author_name: str = ""
    author_title: str = ""
    created_at: datetime
    signed_at: datetime | None = None
    amends: str | None = Field(default=None, max_length=36)
    voided_at: datetime | None = None
    voided_reason: str = ""
    voided_by: str = ""


class Measurement(SyncedRow, table=True):
    __tablename__ = "measurement"
    entity: ClassVar[str] = "measurement"

    child_id: str = Field(index=True, max_length=36)
    contact_id: str | None = Field(default=None, max_length=36)
    measured_on: date
    weight_kg: float | None = None
    length_cm: float | None = None
    head_circumference_cm: float | None = None
    recorded_by: str = ""
    voided_reason: str = ""


class QuestionnaireResponse(SyncedRow, table=True):
    __tablename__ = "questionnaire_response"
    __table_args__ = (
        # positive screenings, for the follow-up work list (migration 0003)
        Index(
            "ix_response_flagged",
            "family_id",
            "id",
            sqlite_where=text("status = 'completed' AND flags != '[]' AND voided_reason = ''"),
        ),
    )
    entity: ClassVar[str] = "questionnaire_response"

    child_id: str | None = Field(default=None, max_length=36)
    contact_id: str | None = Field(default=None, max_length=36)
    form_id: str
    form_version: str
    language: str = "sv"
    respondent: str = ""  # guardian id or role
    status: str = "in-progress"  # in-progress | completed
    #: the FHIR QuestionnaireResponse resource (JSON), as exported
    answers: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)
    score: float | None = None
    subscores: dict[str, Any] = Field(default_factory=dict, sa_type=JSON, nullable=False)
    flags: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON, nullable=False)
    authored_at: datetime
    completed_at: datetime | None = None
    voided_reason: str = ""


class FollowUpAction(SyncedRow, table=True):
    __tablename__ = "follow_up_action"
    __table_args__ = (
        Index("ix_follow_up_status", "status"),
        Index("ix_follow_up_response", "response_id"),  # migration 0003
        Index("ix_follow_up_open", "family_id", sqlite_where=text("status = 'open'")),  # 0003
    )
    entity: ClassVar[str] = "follow_up_action"

    response_id: str | None = Field(default=None, max_length=36)
    area: str = ""
    offer_kind: str  # an offer id of resources/forms/followup_offers.json
    with_social_services: bool = False
    with_whom: str = ""
    offered_at: datetime
    decision: str = "offered"  # offered | accepted | declined
    status: str = "open"  # open | done
    outcome: str = ""
    closed_at: datetime | None = None
    recorded_by: str = ""


class ChildHealthRow(SyncedRow):
    """Columns every structured child-health record has (migration 0005): the child, the
    contact it was recorded at (if any), who recorded it, and a void reason (nothing is
    deleted; a mistaken record is voided). Allowed values: ``domain.child_health``."""

    child_id: str = Field(index=True, max_length=36)
    contact_id: str | None = Field(default=None, max_length=36)
    recorded_by: str = ""
    voided_reason: str = ""


class FeedingRecord(ChildHealthRow, table=True):
    """Feeding at a contact, as BHVQ counts it."""

    __tablename__ = "feeding_record"
    entity: ClassVar[str] = "feeding_record"

    recorded_on: date
    status: str  # exclusive | partial | none
    other_food_first_on: date | None = None


class Vaccination(ChildHealthRow, table=True):
    """A vaccine dose given, linked to the schedule's planned dose (code, vaccine, dose)."""

    __tablename__ = "vaccination"
    entity: ClassVar[str] = "vaccination"

    vaccine: str
    dose_number: int
    given_on: date
    given_where: str = "here"  # here | elsewhere
    batch_number: str = ""
    schedule_code: str = ""  # the vaccination schedule's contact code, "" if unplanned


class LanguageRecord(ChildHealthRow, table=True):
    """A language screening (2.5 or 3 years) or a language-development observation."""

    __tablename__ = "language_record"
    entity: ClassVar[str] = "language_record"

    recorded_on: date
    kind: str  # screening | observation
    age_point: str = ""  # 30m | 36m for a screening
    result: str = ""  # no_concern | concern (screening and observation)
    action: str = ""  # when concern: referral | follow_up | advice | other
    note: str = ""


class TobaccoExposure(ChildHealthRow, table=True):
    """Tobacco smoke in the child's home at 4 weeks, 8 months, 18 months or 4 years."""

    __tablename__ = "tobacco_exposure"
    entity: ClassVar[str] = "tobacco_exposure"

    recorded_on: date
    age_point: str  # 4w | 8m | 18m | 4y
    exposure: str  # none | outdoors | indoors | unknown


class SensoryScreening(ChildHealthRow, table=True):
    """Hearing or vision screening at 4 years."""

    __tablename__ = "sensory_screening"
    entity: ClassVar[str] = "sensory_screening"

    screened_on: date
    test: str  # hearing | vision
    result: str  # no_deviation | deviation | not_done


class Referral(ChildHealthRow, table=True):
    """A referral: to whom, why, when, and the outcome once known."""

    __tablename__ = "referral"
    entity: ClassVar[str] = "referral"

    referred_on: date
    to_whom: str  # a receiver id of domain.child_health.REFERRAL_RECEIVERS
    reason: str  # a reason id of domain.child_health.REFERRAL_REASONS
    note: str = ""
    outcome: str = ""
    outcome_on: date | None = None


class AccessLogEntry(SyncedRow, table=True):
    __tablename__ = "access_log_entry"
    entity: ClassVar[str] = "access_log_entry"

    at: datetime
    user: str
    care_unit: str = ""
    action: str  # open | print | export
    detail: str = ""
    device_id: str = ""


class Conflict(SyncedRow, table=True):
    __tablename__ = "conflict"
    entity: ClassVar[str] = "conflict"

    row_entity: str
    row_id: str
    field: str
    losing_value: Any = Field(default=None, sa_type=JSON)
    losing_hlc: str = ""
    winning_value: Any = Field(default=None, sa_type=JSON)
    winning_hlc: str = ""
    status: str = "open"  # open | settled
    settled_value: Any = Field(default=None, sa_type=JSON)
    settled_at: datetime | None = None
    settled_by: str = ""


class PendingChange(SQLModel, table=True):
    """The outbox: one row per local write, committed in the same transaction as the write."""

    __tablename__ = "pending_change"
    __table_args__ = (Index("ix_pending_change_state", "state", "seq"),)

    seq: int | None = Field(default=None, primary_key=True)
    change_id: str = Field(unique=True, max_length=36)
    entity: str
    row_id: str = Field(max_length=36)
    family_id: str = Field(index=True, max_length=36)
    fields: dict[str, Any] = Field(sa_type=JSON, nullable=False)
    created_at: datetime
    state: str = "pending"  # pending | sent | quarantined
    reason: str = ""


class Setting(SQLModel, table=True):
    """Local key/value settings and sync state (cursor, device id, enrollment)."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True)
    value: Any = Field(default=None, sa_type=JSON)


class Draft(SQLModel, table=True):
    """Unsigned work in progress (a journal text, a form's answers), saved continuously."""

    __tablename__ = "draft"

    key: str = Field(primary_key=True)
    family_id: str = Field(index=True, max_length=36)
    kind: str
    payload: dict[str, Any] = Field(sa_type=JSON, nullable=False)
    updated_at: datetime


class ScopeRemoval(SQLModel, table=True):
    """Families being removed because they left this nurse's scope (permits the delete)."""

    __tablename__ = "scope_removal"

    family_id: str = Field(primary_key=True, max_length=36)


SYNCED_MODELS: tuple[type[SyncedRow], ...] = (
    Family,
    Guardian,
    Child,
    Enrollment,
    Contact,
    JournalEntry,
    Measurement,
    QuestionnaireResponse,
    FollowUpAction,
    AccessLogEntry,
    Conflict,
    FeedingRecord,
    Vaccination,
    LanguageRecord,
    TobaccoExposure,
    SensoryScreening,
    Referral,
)

MODEL_BY_ENTITY: dict[str, type[SyncedRow]] = {model.entity: model for model in SYNCED_MODELS}


class FamilySearch(SQLModel, table=True):
    """Local search text of a family (guardians' and children's names, numbers, address),
    folded to lower case without diacritics; kept current by ``store.search``."""

    __tablename__ = "family_search"

    family_id: str = Field(primary_key=True, max_length=36)
    text: str = ""


class CaseloadFamily(SQLModel, table=True):
    """Local: what a family's caseload row shows that does not depend on the day, kept
    current by ``store.caseload_index`` in the transaction that changes the family."""

    __tablename__ = "caseload_family"
    __table_args__ = (
        # the caseload's order: next due date (nothing planned last), name, id (migration 0004)
        Index(
            "ix_caseload_family_order",
            text("coalesce(next_due_date, '~')"),
            "name_key",
            "family_id",
        ),
        Index(
            "ix_caseload_family_followup",
            "family_id",
            sqlite_where=text("open_follow_ups > 0 OR flagged_screenings > 0"),
        ),
    )

    family_id: str = Field(primary_key=True, max_length=36)
    #: guardians' names, the birthing parent first
    display_name: str = ""
    #: ``caseload.name_key(display_name)``: Swedish alphabetical order as a plain string order
    name_key: str = ""
    #: each child as "YYYY-MM-DD given name", youngest first, separated by U+001F
    children_by_birth: str = ""
    address: str = ""
    area: str = ""
    interpreter_needed: bool = False
    interpreter_language: str = ""
    #: the earliest open contact's planned date and its code ("" for an ad hoc contact)
    next_due_date: date | None = None
    next_due_code: str = ""
    open_follow_ups: int = 0
    #: flagged and urgent findings packed in one value (``caseload_index.pack_findings``)
    flagged_screenings: int = 0


class CaseloadOpenContact(SQLModel, table=True):
    """Local: an open contact that counts for the work lists (status planned and applicable to
    the child's enrollment), with its window filled in; kept by ``store.caseload_index``."""

    __tablename__ = "caseload_open_contact"
    __table_args__ = (
        Index(
            "ix_caseload_open_contact_planned",
            "planned_date",
            "window_start",
            "window_end",
            "family_id",
        ),
        Index("ix_caseload_open_contact_window_end", "window_end", "family_id"),
        Index("ix_caseload_open_contact_family", "family_id"),
    )

    contact_id: str = Field(primary_key=True, max_length=36)
    family_id: str = Field(max_length=36)
    planned_date: date | None = None
    contact_code: str = ""
    #: the window, or the planned date where the contact has no window (a booked visit)
    window_start: date | None = None
    window_end: date | None = None
