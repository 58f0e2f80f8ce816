"""First run: choose a passphrase, create the store, show the recovery key once.

Steps: ``PASSPHRASE`` (name, title, passphrase typed twice) -> ``CREATING`` (the store is being
made on the worker) -> ``RECOVERY_KEY`` (shown once; may be printed; the nurse must tick "I have
stored it") -> ``DONE``. A failure while creating returns to ``PASSPHRASE`` with the reason.
The flow never keeps the passphrase: ``submit`` hands it back to the caller to create the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .passphrase import MINIMUM_STRENGTH, Strength, strength


class FirstRunStep(StrEnum):
    PASSPHRASE = "passphrase"
    CREATING = "creating"
    RECOVERY_KEY = "recovery_key"
    DONE = "done"


class Problem(StrEnum):
    NAME_MISSING = "name_missing"
    TITLE_MISSING = "title_missing"
    TOO_SHORT = "too_short"
    TOO_WEAK = "too_weak"
    MISMATCH = "mismatch"


@dataclass(frozen=True)
class NewStoreRequest:
    """What the caller needs to create the store."""

    passphrase: str
    full_name: str
    title: str


@dataclass
class FirstRunFlow:
    step: FirstRunStep = FirstRunStep.PASSPHRASE
    recovery_key: str | None = None
    stored_confirmed: bool = False
    printed: bool = False
    error: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @staticmethod
    def check(passphrase: str, repeated: str, *, full_name: str, title: str) -> list[Problem]:
        """Everything wrong with the form, in the order the nurse sees the fields."""
        problems: list[Problem] = []
        if not full_name.strip():
            problems.append(Problem.NAME_MISSING)
        if not title.strip():
            problems.append(Problem.TITLE_MISSING)
        level = strength(passphrase)
        if level is Strength.TOO_SHORT:
            problems.append(Problem.TOO_SHORT)
        elif level < MINIMUM_STRENGTH:
            problems.append(Problem.TOO_WEAK)
        if passphrase != repeated:
            problems.append(Problem.MISMATCH)
        return problems

    def submit(
        self, passphrase: str, repeated: str, *, full_name: str, title: str
    ) -> NewStoreRequest | None:
        """Move on to creating the store, or stay (``problems`` says why)."""
        if self.step is not FirstRunStep.PASSPHRASE:
            raise RuntimeError(f"cannot submit a passphrase in step {self.step}")
        self.problems = self.check(passphrase, repeated, full_name=full_name, title=title)
        if self.problems:
            return None
        self.error = None
        self.step = FirstRunStep.CREATING
        return NewStoreRequest(passphrase, full_name.strip(), title.strip())

    def created(self, recovery_key: str) -> None:
        if self.step is not FirstRunStep.CREATING:
            raise RuntimeError(f"no store is being created in step {self.step}")
        self.recovery_key = recovery_key
        self.step = FirstRunStep.RECOVERY_KEY

    def creation_failed(self, reason: str) -> None:
        self.error = reason
        self.step = FirstRunStep.PASSPHRASE

    def mark_printed(self) -> None:
        self.printed = True

    def confirm_stored(self, confirmed: bool) -> None:
        self.stored_confirmed = confirmed

    @property
    def can_finish(self) -> bool:
        return self.step is FirstRunStep.RECOVERY_KEY and self.stored_confirmed

    def finish(self) -> None:
        """Done: the recovery key is forgotten and never shown again."""
        if not self.can_finish:
            raise RuntimeError("the recovery key has not been confirmed as stored")
        self.recovery_key = None
        self.step = FirstRunStep.DONE
