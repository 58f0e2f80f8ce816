"""How strong a new passphrase is: a simple, explainable estimate (no Qt, no I/O).

The estimate counts the character pool actually used (lower case incl. å/ä/ö, upper case,
digits, other characters) times the length, and marks very common passwords and passphrases
made of very few distinct characters as weak. It does not replace the store's own rule
(``vault.MIN_PASSPHRASE_LENGTH``); it guides the nurse towards a long passphrase of several
words, which is both strong and easy to type on a laptop in a family's home.
"""

from __future__ import annotations

import math
from enum import IntEnum

from ...store.vault import MIN_PASSPHRASE_LENGTH

_COMMON = frozenset(
    {
        "password",
        "passw0rd",
        "lösenord",
        "losenord",
        "12345678",
        "123456789",
        "1234567890",
        "qwertyui",
        "qwerty123",
        "abcdefgh",
        "hembesok",
        "hembesök",
        "sommar2024",
        "sommar2025",
        "varen2025",
    }
)


class Strength(IntEnum):
    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    GOOD = 3
    STRONG = 4


#: the weakest strength a new passphrase may have
MINIMUM_STRENGTH = Strength.FAIR


def estimated_bits(passphrase: str) -> float:
    """Rough entropy in bits: length times log2 of the character pool used."""
    if not passphrase:
        return 0.0
    pool = 0
    if any(ch.islower() for ch in passphrase):
        pool += 29  # a-z and å, ä, ö
    if any(ch.isupper() for ch in passphrase):
        pool += 29
    if any(ch.isdigit() for ch in passphrase):
        pool += 10
    if any(not ch.isalnum() for ch in passphrase):
        pool += 33
    distinct = len(set(passphrase))
    # a passphrase of few distinct characters ("aaaaaaaaaa", "abababab") is much weaker
    effective_length = min(len(passphrase), distinct * 2)
    return effective_length * math.log2(max(pool, 2))


def strength(passphrase: str) -> Strength:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return Strength.TOO_SHORT
    if passphrase.casefold() in _COMMON:
        return Strength.WEAK
    bits = estimated_bits(passphrase)
    if bits < 45:
        return Strength.WEAK
    if bits < 60:
        return Strength.FAIR
    if bits < 80:
        return Strength.GOOD
    return Strength.STRONG
