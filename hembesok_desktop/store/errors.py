"""Errors of the local store: each carries one clear sentence fit to show a person.

Messages name files and ids, never personal data.
"""


class StoreError(Exception):
    """Base class; ``str(error)`` is one sentence."""


class WrongPassphrase(StoreError):
    pass


class WrongRecoveryKey(StoreError):
    pass


class VaultDamaged(StoreError):
    pass


class DatabaseDamaged(StoreError):
    pass


class StoreLocked(StoreError):
    pass


class JournalRuleViolation(StoreError):
    """A change that the journal rules forbid (a signed entry edited, clinical data deleted)."""


class NotFound(StoreError):
    pass


class InvalidInput(StoreError):
    pass
