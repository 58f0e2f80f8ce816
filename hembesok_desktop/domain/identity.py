"""Swedish identity numbers: personnummer, samordningsnummer and reserve numbers.

Pure Python, no I/O. The rules (see ``DOMAIN.md``, "Identity numbers"):

* A **personnummer** is written ``YYMMDD-NNNC`` (10 digits) or ``YYYYMMDDNNNC`` (12 digits),
  with or without a separator before the last four digits. ``NNN`` is the serial number; its
  last digit (the ninth of the ten digits) is odd for men and even for women. ``C`` is the Luhn
  (mod 10) check digit of the ten digits ``YYMMDDNNN``.
* The separator is ``+`` from the year the person turns 100 (Folkbokföringslagen), ``-``
  before. A 10-digit number therefore carries its century in the separator:

  - ``-`` or no separator: the latest century that does not put the birth date after ``today``
    (the person is under 100);
  - ``+``: the latest century whose year is at least 100 years before ``today``'s year (the
    person turns 100 this year or is older). The rule is year-based, like the law, so a person
    born in December 1925 writes ``251231+NNNC`` all through 2025 and is read as born in 1925,
    not 1825.

  A 12-digit number carries its century in the digits; ``+`` is still accepted there, but only
  for a person who turns 100 this year or is older.
* A **samordningsnummer** (coordination number) is a personnummer whose day of birth has 60
  added (61..91). Skatteverket also issues coordination numbers whose birth date is not
  fully known (``DOMAIN.md``): month ``00`` (month unknown), day ``60`` (day unknown), and day
  numbers the month does not have (the thirty-first of April, the twenty-ninth of February
  in a common year). Such a number is valid but gives no birth date (:attr:`birth_date` is
  ``None``); February's thirtieth and thirty-first are still refused.
* Serial number ``000`` is never issued, so it is refused (reason ``"serial"``).
* A coordination number carries an **identity level** (Skatteverket: *styrkt*, *sannolik* or
  *osäker* identitet); :data:`IdentityLevel` and :func:`parse_identity_level` check one.
* A **reserve number** (reservnummer) has no national format. It is only ever produced when the
  caller says so (``kind="reserve"``); it is never validated as a personnummer and never yields
  a birth date. A reserve identity can later be linked to a real number with
  :meth:`ReserveIdentity.link`.

Every rejection raises :class:`InvalidIdentityNumber` with a machine-readable ``reason`` and a
one-sentence English message. Messages never contain the number or any digit of it, and the
``repr`` of the identity types is redacted, so identities can be logged without leaking
personal data. Use :attr:`PersonalIdentity.value` (storage) or :attr:`PersonalIdentity.display`
(screen) explicitly where the number is meant to be shown.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal, TypeAlias

from .planning import today_in_stockholm

__all__ = [
    "COORDINATION_DAY_OFFSET",
    "IDENTITY_LEVELS",
    "RESERVE_MAX_LENGTH",
    "Identity",
    "IdentityKind",
    "IdentityLevel",
    "InvalidIdentityNumber",
    "PersonalIdentity",
    "RejectionReason",
    "ReserveIdentity",
    "Sex",
    "is_valid_personal_number",
    "luhn_check_digit",
    "parse_identity",
    "parse_identity_level",
    "parse_personal_number",
    "personal_identity_from_parts",
]

IdentityKind: TypeAlias = Literal["personnummer", "samordningsnummer", "reserve"]
"""The kinds of identity, spelled as stored (``identity_kind`` columns)."""

RejectionReason: TypeAlias = Literal[
    "length", "format", "date", "check_digit", "plus_rule", "serial"
]
"""Why a number was rejected; stable values for callers to branch on."""

Sex: TypeAlias = Literal["male", "female"]

IdentityLevel: TypeAlias = Literal["styrkt", "sannolik", "osäker"]
"""How sure Skatteverket is of a coordination number holder's identity, spelled as it does."""
#: Every identity level, surest first.
IDENTITY_LEVELS: tuple[IdentityLevel, ...] = ("styrkt", "sannolik", "osäker")

#: Added to the day of birth in a samordningsnummer.
COORDINATION_DAY_OFFSET = 60
#: A 12-digit number may not be older than a 10-digit one can express (YY with '+').
_MAX_AGE_YEARS = 200
#: Longest reserve number accepted (regions' own formats are short).
RESERVE_MAX_LENGTH = 40

_PERSONAL_PATTERN = re.compile(r"(?P<head>\d{6}|\d{8})(?P<sep>[-+]?)(?P<tail>\d{4})")
_ALLOWED_CHARACTERS = frozenset("0123456789-+")
_ASCII_DIGITS = frozenset("0123456789")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAY_ORDINALS = {29: "twenty-ninth", 30: "thirtieth", 31: "thirty-first"}


class InvalidIdentityNumber(ValueError):
    """An identity number was rejected.

    ``reason`` is one of :data:`RejectionReason`; ``str(error)`` is one English sentence that
    says what is wrong without repeating the number.
    """

    def __init__(self, reason: RejectionReason, message: str) -> None:
        super().__init__(message)
        self.reason: RejectionReason = reason
        self.message = message

    def __reduce__(self) -> tuple[type[InvalidIdentityNumber], tuple[RejectionReason, str]]:
        return (type(self), (self.reason, self.message))


def luhn_check_digit(digits: str) -> int:
    """The Luhn (mod 10) check digit of ``digits`` as used in Swedish identity numbers.

    Weights 2, 1, 2, 1, ... from the left; the digits of each product are summed; the check
    digit is ``(10 - total % 10) % 10``. For a personnummer pass the nine digits ``YYMMDDNNN``.
    """
    if not digits or any(ch not in _ASCII_DIGITS for ch in digits):
        raise ValueError("the Luhn check digit needs a non-empty string of ASCII digits")
    total = 0
    for index, ch in enumerate(digits):
        product = int(ch) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


@dataclass(frozen=True, slots=True, repr=False)
class PersonalIdentity:
    """A personnummer or samordningsnummer, in its normalised 12-digit form.

    Construct it with :func:`parse_personal_number` (user input) or
    :func:`personal_identity_from_parts` (generated data). Direct construction takes the stored
    12-digit form and checks its date and check digit; rules that depend on the current date
    (future birth dates, the ``+`` separator) are checked by the parser.
    """

    value: str
    """Normalised storage form: 12 digits, no separator (``YYYYMMDDNNNC``)."""

    def __post_init__(self) -> None:
        if len(self.value) != 12 or any(ch not in _ASCII_DIGITS for ch in self.value):
            raise InvalidIdentityNumber(
                "format", "A stored identity number must be exactly twelve digits."
            )
        _date_in_number(int(self.value[0:4]), int(self.value[4:6]), int(self.value[6:8]))
        if luhn_check_digit(self.value[2:11]) != int(self.value[11]):
            raise InvalidIdentityNumber("check_digit", _CHECK_DIGIT_MESSAGE)

    @property
    def kind(self) -> Literal["personnummer", "samordningsnummer"]:
        """``"samordningsnummer"`` for a coordination number, else ``"personnummer"``."""
        return "samordningsnummer" if self.is_coordination_number else "personnummer"

    @property
    def is_coordination_number(self) -> bool:
        """True for a samordningsnummer (day of birth + 60; day 60 when the day is unknown)."""
        return int(self.value[6:8]) >= COORDINATION_DAY_OFFSET

    @property
    def birth_date(self) -> date | None:
        """The date of birth (for a samordningsnummer: with the 60 days' offset removed).

        ``None`` for a coordination number that does not give a real date: month ``00``,
        day ``60``, or a day the month does not have (the thirty-first of April).
        """
        return _date_in_number(int(self.value[0:4]), int(self.value[4:6]), int(self.value[6:8]))

    @property
    def birth_year(self) -> int:
        """The year of birth, which every number gives."""
        return int(self.value[0:4])

    @property
    def sex(self) -> Sex:
        """``"male"`` if the third serial digit is odd, else ``"female"``."""
        return "male" if int(self.value[10]) % 2 == 1 else "female"

    @property
    def serial(self) -> str:
        """The three serial digits ``NNN``."""
        return self.value[8:11]

    @property
    def display(self) -> str:
        """The 12-digit display form ``YYYYMMDD-NNNC``."""
        return f"{self.value[:8]}-{self.value[8:]}"

    def short_display(self, *, today: date | None = None) -> str:
        """The 10-digit form ``YYMMDD-NNNC``, with ``+`` from the year the person turns 100."""
        today = today or today_in_stockholm()
        separator = "+" if today.year - self.birth_year >= 100 else "-"
        return f"{self.value[2:8]}{separator}{self.value[8:]}"

    @property
    def effective(self) -> PersonalIdentity:
        """The identity to use for this person: itself (see :attr:`ReserveIdentity.effective`)."""
        return self

    def __repr__(self) -> str:
        return f"PersonalIdentity(kind={self.kind!r}, value=<redacted>)"

    __str__ = __repr__


@dataclass(frozen=True, slots=True, repr=False)
class ReserveIdentity:
    """A reserve number (reservnummer): a region's temporary identifier, in no national format.

    It is never validated as a personnummer and has no birth date. When the person gets a
    real number, :meth:`link` returns a copy that points at it; store ``value`` and
    ``linked_to.value`` side by side so records made under the reserve number stay findable.
    """

    value: str
    """The reserve number as entered (surrounding whitespace removed)."""
    linked_to: PersonalIdentity | None = None
    """The real number this reserve number was later linked to, if any."""
    kind: Literal["reserve"] = field(default="reserve", init=False)

    def __post_init__(self) -> None:
        _check_reserve_value(self.value)

    @property
    def birth_date(self) -> None:
        """Always ``None``: a reserve number says nothing about the person."""
        return None

    @property
    def display(self) -> str:
        """The reserve number as shown on screen."""
        return self.value

    @property
    def is_linked(self) -> bool:
        """True once the reserve number has been linked to a real number."""
        return self.linked_to is not None

    @property
    def effective(self) -> Identity:
        """The linked real number if there is one, else this reserve identity."""
        return self.linked_to if self.linked_to is not None else self

    def link(self, personal: PersonalIdentity) -> ReserveIdentity:
        """A copy of this reserve identity linked to the person's real number.

        Linking again to the same number is a no-op; linking to a different number raises
        ``ValueError`` (a mistaken link is corrected explicitly, not overwritten silently).
        """
        if not isinstance(personal, PersonalIdentity):
            raise TypeError("a reserve number can only be linked to a PersonalIdentity")
        if self.linked_to is not None and self.linked_to != personal:
            raise ValueError("this reserve number is already linked to another identity number")
        return replace(self, linked_to=personal)

    def __repr__(self) -> str:
        linked = "yes" if self.is_linked else "no"
        return f"ReserveIdentity(value=<redacted>, linked={linked})"

    __str__ = __repr__


Identity: TypeAlias = PersonalIdentity | ReserveIdentity
"""Any identity a guardian or child can have."""


_CHECK_DIGIT_MESSAGE = "The check digit (the last digit) does not match the rest of the number."
_PLUS_RULE_MESSAGE = (
    "The '+' separator is only used from the year a person turns a hundred, "
    "and this date of birth is more recent."
)


def parse_personal_number(text: str, *, today: date | None = None) -> PersonalIdentity:
    """Parse a personnummer or samordningsnummer in any of its written forms.

    Accepts ``YYMMDDNNNC``, ``YYMMDD-NNNC``, ``YYMMDD+NNNC``, ``YYYYMMDDNNNC``,
    ``YYYYMMDD-NNNC`` and ``YYYYMMDD+NNNC`` (surrounding whitespace is ignored). ``today``
    (default: the current date) decides the century of 10-digit forms and which birth dates
    lie in the future.

    Raises :class:`InvalidIdentityNumber` with reason ``"length"``, ``"format"``, ``"date"``,
    ``"check_digit"`` or ``"plus_rule"``.
    """
    today = today or today_in_stockholm()
    stripped = text.strip()
    digit_count = sum(ch in _ASCII_DIGITS for ch in stripped)
    if any(ch not in _ALLOWED_CHARACTERS for ch in stripped):
        raise InvalidIdentityNumber(
            "format",
            "An identity number may contain only digits and one '-' or '+' "
            "before the last four digits.",
        )
    if digit_count not in (10, 12):
        amount = "too few" if digit_count < 10 else "too many"
        if digit_count == 11:
            amount = "the wrong number of"
        raise InvalidIdentityNumber(
            "length",
            f"The number has {amount} digits; a personal identity number has ten or twelve.",
        )
    match = _PERSONAL_PATTERN.fullmatch(stripped)
    if match is None:
        raise InvalidIdentityNumber(
            "format", "The separator ('-' or '+') may only stand once, before the last four digits."
        )
    head, separator, tail = match.group("head"), match.group("sep"), match.group("tail")
    month, coded_day = int(head[-4:-2]), int(head[-2:])

    if len(head) == 8:
        year = int(head[:4])
        _date_in_number(year, month, coded_day)
        if _earliest_birth(year, month, coded_day) > today:
            raise InvalidIdentityNumber("date", "The date of birth lies in the future.")
        if today.year - year >= _MAX_AGE_YEARS:
            raise InvalidIdentityNumber(
                "date", "The date of birth lies implausibly far in the past."
            )
        if separator == "+" and today.year - year < 100:
            raise InvalidIdentityNumber("plus_rule", _PLUS_RULE_MESSAGE)
    else:
        day = _true_day(coded_day)
        year = _infer_year(int(head[:2]), month, day, plus=separator == "+", today=today)
        _date_in_number(year, month, coded_day)

    digits10 = head[-6:] + tail
    if luhn_check_digit(digits10[:9]) != int(digits10[9]):
        raise InvalidIdentityNumber("check_digit", _CHECK_DIGIT_MESSAGE)
    if tail[:3] == "000":
        raise InvalidIdentityNumber(
            "serial", "The serial number (the three digits after the date) is never all zeros."
        )
    return PersonalIdentity(f"{year:04d}{head[-4:]}{tail}")


def parse_identity(
    text: str,
    *,
    kind: IdentityKind | None = None,
    allow_reserve: bool = True,
    today: date | None = None,
) -> Identity:
    """Parse an identity as entered or stored.

    ``kind`` says what the caller knows about the number:

    * ``None`` (default): a personnummer or samordningsnummer, whichever it is. A number is
      never guessed to be a reserve number.
    * ``"personnummer"`` / ``"samordningsnummer"``: as ``None``, and the parsed number must be
      of that kind (reason ``"date"`` otherwise: the day of birth is in the wrong range).
    * ``"reserve"``: a reserve number of 1–40 letters, digits or ``-``; returned as a
      :class:`ReserveIdentity` without any personnummer validation. Rejected with reason
      ``"format"`` when ``allow_reserve`` is false.

    ``today`` is passed on to :func:`parse_personal_number`.
    """
    if kind == "reserve":
        if not allow_reserve:
            raise InvalidIdentityNumber("format", "Reserve numbers are not accepted here.")
        return ReserveIdentity(text.strip())
    identity = parse_personal_number(text, today=today)
    if kind is not None and identity.kind != kind:
        if kind == "samordningsnummer":
            message = "A coordination number has sixty added to the day of birth; this one has not."
        else:
            message = "The day of birth is that of a coordination number, not a personal number."
        raise InvalidIdentityNumber("date", message)
    return identity


def is_valid_personal_number(text: str, *, today: date | None = None) -> bool:
    """True if ``text`` parses as a personnummer or samordningsnummer."""
    try:
        parse_personal_number(text, today=today)
    except InvalidIdentityNumber:
        return False
    return True


def parse_identity_level(text: str, *, kind: str) -> IdentityLevel | None:
    """The identity level of a number of ``kind``, or None when none is given.

    Only a samordningsnummer carries a level (``"styrkt"``, ``"sannolik"`` or ``"osäker"``,
    any case, surrounding whitespace ignored); a level given for any other kind, or a word
    that is not a level, raises ``ValueError`` with one sentence.
    """
    word = text.strip().casefold()
    if not word:
        return None
    if kind != "samordningsnummer":
        raise ValueError("Only a coordination number has an identity level.")
    for level in IDENTITY_LEVELS:
        if word == level:
            return level
    raise ValueError("An identity level is one of styrkt, sannolik or osäker.")


def personal_identity_from_parts(
    *, birth_date: date, serial: int, coordination: bool = False
) -> PersonalIdentity:
    """Build a valid-in-form identity number from its parts, computing the check digit.

    ``serial`` is the three-digit serial number 1..999 (odd last digit: male, even: female;
    000 is never issued). With ``coordination=True`` the result is a samordningsnummer (day of
    birth + 60).
    """
    if not 1 <= serial <= 999:
        raise ValueError("the serial number must lie between 1 and 999")
    day = birth_date.day + (COORDINATION_DAY_OFFSET if coordination else 0)
    nine = f"{birth_date.year % 100:02d}{birth_date.month:02d}{day:02d}{serial:03d}"
    check = luhn_check_digit(nine)
    return PersonalIdentity(f"{birth_date.year:04d}{nine[2:]}{check}")


def _true_day(coded_day: int) -> int:
    """The calendar day behind a coded day (coordination numbers add 60; 0: day unknown)."""
    if COORDINATION_DAY_OFFSET <= coded_day <= COORDINATION_DAY_OFFSET + 31:
        return coded_day - COORDINATION_DAY_OFFSET
    return coded_day


def _date_in_number(year: int, month: int, coded_day: int) -> date | None:
    """The birth date a number gives, None when a coordination number gives none.

    Raises InvalidIdentityNumber(reason="date") for a date no number may carry.
    """
    if coded_day < COORDINATION_DAY_OFFSET:
        return _birth_date_of(year, month, coded_day)
    day = _true_day(coded_day)
    if year < 1:
        raise InvalidIdentityNumber("date", "The year of birth is not a valid year.")
    if not 0 <= month <= 12:
        raise InvalidIdentityNumber(
            "date", "The month of birth is not a month between January and December."
        )
    if not 0 <= day <= 31:
        raise InvalidIdentityNumber(
            "date",
            "The day of birth is not a valid day, neither for a personal number "
            "nor for a coordination number (day plus sixty).",
        )
    if month == 2 and day > 29:
        raise InvalidIdentityNumber(
            "date", f"The date of birth does not exist: February has no {_DAY_ORDINALS[day]} day."
        )
    if month == 0 or day == 0 or day > _days_in_month(year, month):
        return None  # month or day unknown, or a day number the month lacks: no birth date
    return date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _earliest_birth(year: int, month: int, coded_day: int) -> date:
    """The earliest birth date a (valid) number allows: its date, or the first it may mean."""
    month = month or 1
    day = min(_true_day(coded_day) or 1, _days_in_month(year, month))
    return date(year, month, day)


def _birth_date_of(year: int, month: int, day: int) -> date:
    """The date, or InvalidIdentityNumber(reason="date") naming what is wrong (no digits)."""
    if not 1 <= month <= 12:
        raise InvalidIdentityNumber(
            "date", "The month of birth is not a month between January and December."
        )
    if not 1 <= day <= 31:
        raise InvalidIdentityNumber(
            "date",
            "The day of birth is not a valid day, neither for a personal number "
            "nor for a coordination number (day plus sixty).",
        )
    if year < 1:
        raise InvalidIdentityNumber("date", "The year of birth is not a valid year.")
    try:
        return date(year, month, day)
    except ValueError:
        month_name = _MONTH_NAMES[month - 1]
        if month == 2 and day == 29:
            message = (
                "The date of birth is the twenty-ninth of February in a year that is not "
                "a leap year."
            )
        else:
            message = (
                f"The date of birth does not exist: {month_name} has no {_DAY_ORDINALS[day]} day."
            )
        raise InvalidIdentityNumber("date", message) from None


def _infer_year(two_digit_year: int, month: int, day: int, *, plus: bool, today: date) -> int:
    """The full year of a 10-digit number's ``YY``.

    Without ``+``: the latest year ending in ``YY`` whose (month, day) is not after ``today``.
    With ``+``: the latest year ending in ``YY`` at least 100 years before ``today.year``.
    Comparison is on (year, month, day) tuples so an impossible date such as the twenty-ninth
    of February is placed by the same rule and only then rejected for its year.
    """
    if plus:
        ceiling = today.year - 100
        return ceiling - (ceiling - two_digit_year) % 100
    year = today.year - (today.year - two_digit_year) % 100
    if (month, day) > (today.month, today.day) and year == today.year:
        year -= 100
    return year


def _check_reserve_value(value: str) -> None:
    """Reject a reserve number that is empty, too long or has other than letters, digits, '-'."""
    if not 1 <= len(value) <= RESERVE_MAX_LENGTH:
        raise InvalidIdentityNumber(
            "length", "A reserve number must be between one and forty characters long."
        )
    if any(not (ch == "-" or ch in _ASCII_DIGITS or ch.isalpha()) for ch in value):
        raise InvalidIdentityNumber(
            "format", "A reserve number may contain only letters, digits and '-'."
        )
