"""What every local command needs: one-sentence failures, the passphrase, the unlocked store.

The passphrase comes from ``HEMBESOK_PASSPHRASE`` (scripts) or a prompt on a terminal; the
store's folder from ``--data-dir``, ``HEMBESOK_DATA_DIR`` or the user data folder
(``cli.paths``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from ..store.database import Store, store_exists
from . import paths

ENV_PASSPHRASE = "HEMBESOK_PASSPHRASE"


class CommandError(Exception):
    """A failed command; its text is the one sentence shown."""


def read_secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """``env``'s value when set, else a prompt on a terminal (twice with ``confirm``)."""
    from_env = os.environ.get(env)
    if from_env is not None:
        return from_env
    if not sys.stdin.isatty():
        what = prompt.rstrip(": ").lower()
        raise CommandError(f"No {what}: set {env} or run on a terminal.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(f"Repeat the {prompt.rstrip(': ').lower()}: ") != first:
        raise CommandError("The two passphrases differ.")
    return first


def read_passphrase(*, confirm: bool = False) -> str:
    return read_secret(ENV_PASSPHRASE, "Passphrase: ", confirm=confirm)


def open_store(args: argparse.Namespace) -> Store:
    """Unlock the store in the command's data folder (one sentence when there is none)."""
    folder = paths.data_dir(getattr(args, "data_dir", None))
    if not store_exists(folder):
        raise CommandError(f"No store was found in {folder}; create one with 'hembesok init'.")
    return Store.unlock(folder, passphrase=read_passphrase())
