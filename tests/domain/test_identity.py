"""Swedish identity numbers: parsing, century rules, samordningsnummer, reserve numbers.

Check digits in the fixed examples were computed by hand (Luhn, weights 2,1,2,1,... over
YYMMDDNNN), e.g. 811218-987: 16->7, 1, 2, 2, 2, 8, 18->9, 8, 14->5 = 44, so C = 6.
The property tests compute check digits with their own, differently written Luhn check.
"""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hembesok_desktop.domain.identity import (
    InvalidIdentityNumber,
    PersonalIdentity,
    ReserveIdentity,
    is_valid_personal_number,
    luhn_check_digit,
    parse_identity,
    parse_personal_number,
    personal_identity_from_parts,
)

TODAY = date(2025, 6, 1)


def _luhn_valid(ten_digits: str) -> bool:
    """Classic Luhn validation from the right: double every second digit, total % 10 == 0."""
    total = 0
    for position, ch in enumerate(reversed(ten_digits)):
        value = int(ch)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _with_check_digit(nine_digits: str) -> str:
    (digit,) = [c for c in "0123456789" if _luhn_valid(nine_digits + c)]
    return nine_digits + digit


def _reject(text: str, reason: str, *, today: date = TODAY) -> InvalidIdentityNumber:
    with pytest.raises(InvalidIdentityNumber) as info:
        parse_personal_number(text, today=today)
    assert info.value.reason == reason, str(info.value)
    return info.value


# --- valid numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["811218-9876", "8112189876", "19811218-9876", "198112189876", "  811218-9876\n"],
)
def test_valid_forms_normalise_to_twelve_digits(text: str) -> None:
    identity = parse_personal_number(text, today=TODAY)
    assert identity.value == "198112189876"
    assert identity.display == "19811218-9876"
    assert identity.birth_date == date(1981, 12, 18)
    assert identity.sex == "male"  # serial 987: 7 is odd
    assert identity.kind == "personnummer"
    assert not identity.is_coordination_number


def test_wikipedia_example_is_valid() -> None:
    # 811228-987: 7, 1, 2, 2, 4, 8, 9, 8, 5 = 46 -> C = 4
    assert parse_personal_number("811228-9874", today=TODAY).birth_date == date(1981, 12, 28)


def test_even_third_serial_digit_is_female() -> None:
    # 811218-982: 7, 1, 2, 2, 2, 8, 9, 8, 4 = 43 -> C = 7
    identity = parse_personal_number("811218-9827", today=TODAY)
    assert identity.sex == "female"
    assert identity.serial == "982"


def test_short_display_uses_separator_by_age() -> None:
    identity = parse_personal_number("19811218-9876", today=TODAY)
    assert identity.short_display(today=TODAY) == "811218-9876"
    assert identity.short_display(today=date(2081, 1, 1)) == "811218+9876"


# --- century rules -------------------------------------------------------------------------
# 250101-123: 4, 5, 0, 1, 0, 1, 2, 2, 6 = 21 -> C = 9
# 251231-123: 4, 5, 2, 2, 6, 1, 2, 2, 6 = 30 -> C = 0


def test_dash_means_under_a_hundred() -> None:
    assert parse_personal_number("250101-1239", today=TODAY).birth_date == date(2025, 1, 1)
    assert parse_personal_number("2501011239", today=TODAY).birth_date == date(2025, 1, 1)


def test_plus_means_a_hundred_or_older() -> None:
    identity = parse_personal_number("250101+1239", today=TODAY)
    assert identity.birth_date == date(1925, 1, 1)
    assert identity.value == "192501011239"
    assert identity.short_display(today=TODAY) == "250101+1239"


def test_dash_with_a_birthday_later_this_year_is_the_previous_century() -> None:
    # 31 December 2025 would lie in the future on 1 June 2025.
    assert parse_personal_number("251231-1230", today=TODAY).birth_date == date(1925, 12, 31)


def test_born_today_is_this_century_and_tomorrow_is_the_previous() -> None:
    # 250601-123: 4, 5, 0, 6, 0, 1, 2, 2, 6 = 26 -> C = 4
    assert parse_personal_number("250601-1234", today=TODAY).birth_date == date(2025, 6, 1)
    # 250602-123: 4, 5, 0, 6, 0, 2, 2, 2, 6 = 27 -> C = 3
    assert parse_personal_number("250602-1233", today=TODAY).birth_date == date(1925, 6, 2)


def test_plus_is_year_based_from_the_year_a_person_turns_a_hundred() -> None:
    # Born 31 Dec 1925: writes '+' all through 2025 (DOMAIN.md, Folkbokföringslagen),
    # so '+' must not push the birth year back to 1825.
    assert parse_personal_number("251231+1230", today=TODAY).birth_date == date(1925, 12, 31)


def test_century_follows_today() -> None:
    assert parse_personal_number("811218-9876", today=date(2080, 1, 1)).birth_date.year == 1981
    assert parse_personal_number("811218-9876", today=date(2082, 1, 1)).birth_date.year == 2081
    assert parse_personal_number("811218+9876", today=date(2082, 1, 1)).birth_date.year == 1981
    assert parse_personal_number("811218+9876", today=TODAY).birth_date.year == 1881


def test_twelve_digits_with_plus_for_a_centenarian() -> None:
    assert parse_personal_number("19250101+1239", today=TODAY).birth_date == date(1925, 1, 1)
    assert parse_personal_number("19251231+1230", today=TODAY).birth_date == date(1925, 12, 31)


def test_twelve_digits_with_plus_for_someone_younger_is_rejected() -> None:
    error = _reject("20250101+1239", "plus_rule")
    assert "hundred" in str(error)
    _reject("19811218+9876", "plus_rule")
    # 260101-123: 4, 6, 0, 1, 0, 1, 2, 2, 6 = 22 -> C = 8; born 1926, turns 99 in 2025
    _reject("19260101+1238", "plus_rule")


def test_plus_with_a_year_that_turns_ninety_nine_is_two_centuries_back() -> None:
    # Someone born in 1926 still writes '-' in 2025, so '+' means 1826.
    assert parse_personal_number("260101+1238", today=TODAY).birth_date == date(1826, 1, 1)
    assert parse_personal_number("260101-1238", today=TODAY).birth_date == date(1926, 1, 1)


def test_twelve_digits_in_the_future_is_rejected() -> None:
    _reject("20251231-1230", "date")


# --- samordningsnummer ---------------------------------------------------------------------


def test_coordination_number() -> None:
    # 811278-987 (day 18 + 60): 7, 1, 2, 2, 5, 8, 9, 8, 5 = 47 -> C = 3
    identity = parse_personal_number("811278-9873", today=TODAY)
    assert identity.is_coordination_number
    assert identity.kind == "samordningsnummer"
    assert identity.birth_date == date(1981, 12, 18)
    assert identity.sex == "male"
    assert identity.value == "198112789873"
    assert identity.display == "19811278-9873"


def test_coordination_day_beyond_ninety_one_is_rejected() -> None:
    _reject(_with_check_digit("811292987"), "date")


def test_coordination_number_on_an_impossible_date() -> None:
    # 30 February + 60 = day 90
    _reject(_with_check_digit("810290123"), "date")


# --- rejections ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["811218-9875", "811218-9870", "19811218-9877", "8112189871", "811228-9876"]
)
def test_wrong_check_digit(text: str) -> None:
    error = _reject(text, "check_digit")
    assert "check digit" in str(error)


def test_thirtieth_of_february() -> None:
    # 810230-123: 7, 1, 0, 2, 6, 0, 2, 2, 6 = 26 -> C = 4 (a correct check digit)
    error = _reject("810230-1234", "date")
    assert "February" in str(error)


def test_twenty_ninth_of_february_in_a_leap_year_is_valid() -> None:
    # 240229-123: 4, 4, 0, 2, 4, 9, 2, 2, 6 = 33 -> C = 7
    assert parse_personal_number("240229-1237", today=TODAY).birth_date == date(2024, 2, 29)
    assert parse_personal_number("20240229-1237", today=TODAY).birth_date == date(2024, 2, 29)


def test_twenty_ninth_of_february_in_a_common_year_is_rejected() -> None:
    # 230229-123: 4, 3, 0, 2, 4, 9, 2, 2, 6 = 32 -> C = 8
    error = _reject("230229-1238", "date")
    assert "leap year" in str(error)
    _reject("20230229-1238", "date")


def test_leap_day_depends_on_the_inferred_century() -> None:
    # 000229-123: 0, 0, 0, 2, 4, 9, 2, 2, 6 = 25 -> C = 5. 2000 is a leap year, 1900 is not.
    assert parse_personal_number("000229-1235", today=TODAY).birth_date == date(2000, 2, 29)
    _reject("000229+1235", "date")


@pytest.mark.parametrize("month", ["00", "13"])
def test_impossible_month(month: str) -> None:
    _reject(_with_check_digit(f"81{month}18987"), "date")


@pytest.mark.parametrize("day", ["00", "32", "92"])
def test_impossible_day(day: str) -> None:
    # Day 60 is no longer impossible: it is a coordination number whose day is unknown
    # (Skatteverket; see test_coordination_number_with_an_unknown_day).
    _reject(_with_check_digit(f"8112{day}987"), "date")


def test_thirty_first_of_april() -> None:
    error = _reject(_with_check_digit("810431123"), "date")
    assert "April" in str(error)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "811218-987",
        "81121898",
        "81121-9876",
        "19811218-98761",
        "1981121898761",
        "-",
        "19811218-987",  # eleven digits
        "81121898761",
    ],
)
def test_length_errors(text: str) -> None:
    error = _reject(text, "length")
    assert "ten or twelve" in str(error)


@pytest.mark.parametrize(
    "text",
    [
        "811218 9876",
        "811218/9876",
        "8112l8-9876",
        "811218--9876",
        "81121-89876",
        "811218-+9876",
        "-8112189876",
        "8112189876-",
        "１９８１１２１８９８７６",  # full-width digits
    ],
)
def test_format_errors(text: str) -> None:
    _reject(text, "format")


# --- no personal data in messages ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "today"),
    [
        ("811218-9875", TODAY),
        ("810230-1234", TODAY),
        ("230229-1238", TODAY),
        ("811292-9871", TODAY),
        ("20250101+1239", TODAY),
        ("20251231-1230", TODAY),
        ("811218-98", TODAY),
        ("811218 9876", TODAY),
        ("811318-9876", TODAY),
    ],
)
def test_messages_contain_no_digits_and_one_sentence(text: str, today: date) -> None:
    with pytest.raises(InvalidIdentityNumber) as info:
        parse_personal_number(text, today=today)
    message = str(info.value)
    assert not any(ch.isdigit() for ch in message), message
    assert message.endswith(".") and message[0].isupper()
    assert message.count(". ") == 0
    assert text.strip() not in repr(info.value)


def test_identity_repr_is_redacted() -> None:
    identity = parse_personal_number("811218-9876", today=TODAY)
    for shown in (repr(identity), str(identity), f"{identity}"):
        assert "9876" not in shown and "811218" not in shown
    reserve = ReserveIdentity("RES-4711")
    assert "4711" not in repr(reserve)


def test_error_survives_pickling() -> None:
    error = _reject("811218-9875", "check_digit")
    copy = pickle.loads(pickle.dumps(error))
    assert copy.reason == "check_digit"
    assert str(copy) == str(error)


def test_is_valid_personal_number() -> None:
    assert is_valid_personal_number("811218-9876", today=TODAY)
    assert not is_valid_personal_number("811218-9875", today=TODAY)


def test_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_personal_number("nonsense", today=TODAY)


# --- stored form and building from parts ---------------------------------------------------


def test_direct_construction_validates_the_stored_form() -> None:
    assert PersonalIdentity("198112189876").birth_date == date(1981, 12, 18)
    with pytest.raises(InvalidIdentityNumber) as info:
        PersonalIdentity("8112189876")
    assert info.value.reason == "format"
    with pytest.raises(InvalidIdentityNumber) as info:
        PersonalIdentity("198112189875")
    assert info.value.reason == "check_digit"
    with pytest.raises(InvalidIdentityNumber) as info:
        PersonalIdentity("198102301234")
    assert info.value.reason == "date"


def test_from_parts_computes_the_hand_computed_check_digit() -> None:
    built = personal_identity_from_parts(birth_date=date(1981, 12, 18), serial=987)
    assert built.value == "198112189876"
    coordination = personal_identity_from_parts(
        birth_date=date(1981, 12, 18), serial=987, coordination=True
    )
    assert coordination.value == "198112789873"
    with pytest.raises(ValueError):
        personal_identity_from_parts(birth_date=date(1981, 12, 18), serial=1000)


def test_luhn_check_digit_by_hand() -> None:
    assert luhn_check_digit("811218987") == 6
    assert luhn_check_digit("250101123") == 9
    assert luhn_check_digit("251231123") == 0
    with pytest.raises(ValueError):
        luhn_check_digit("81121a987")


# --- parse_identity and reserve numbers ----------------------------------------------------


def test_parse_identity_defaults_to_personal_numbers() -> None:
    identity = parse_identity("811218-9876", today=TODAY)
    assert isinstance(identity, PersonalIdentity)
    with pytest.raises(InvalidIdentityNumber):
        parse_identity("RES-4711", today=TODAY)  # never guessed to be a reserve number


def test_reserve_number_is_never_validated_as_a_personal_number() -> None:
    # A wrong check digit and an impossible date are fine for a reserve number.
    for text in ("811218-9875", "810230-1234", "DEMO-R000001", "ÅÄÖ-9"):
        identity = parse_identity(text, kind="reserve", today=TODAY)
        assert isinstance(identity, ReserveIdentity)
        assert identity.kind == "reserve"
        assert identity.value == text
        assert identity.birth_date is None


def test_reserve_number_limits() -> None:
    assert parse_identity("x" * 40, kind="reserve").value == "x" * 40
    for text, reason in (("", "length"), ("x" * 41, "length"), ("RES 1", "format"),
                         ("RES_1", "format"), ("R+1", "format")):  # fmt: skip
        with pytest.raises(InvalidIdentityNumber) as info:
            parse_identity(text, kind="reserve")
        assert info.value.reason == reason
        assert not any(ch.isdigit() for ch in str(info.value))


def test_reserve_numbers_can_be_refused() -> None:
    with pytest.raises(InvalidIdentityNumber) as info:
        parse_identity("RES-1", kind="reserve", allow_reserve=False)
    assert info.value.reason == "format"


def test_kind_must_match_when_given() -> None:
    assert parse_identity("811278-9873", kind="samordningsnummer", today=TODAY).kind == (
        "samordningsnummer"
    )
    with pytest.raises(InvalidIdentityNumber):
        parse_identity("811278-9873", kind="personnummer", today=TODAY)
    with pytest.raises(InvalidIdentityNumber):
        parse_identity("811218-9876", kind="samordningsnummer", today=TODAY)


def test_link_reserve_to_a_real_number() -> None:
    reserve = parse_identity("RES-4711", kind="reserve")
    assert isinstance(reserve, ReserveIdentity)
    assert reserve.effective is reserve and not reserve.is_linked
    real = parse_personal_number("811218-9876", today=TODAY)
    linked = reserve.link(real)
    assert linked.is_linked
    assert linked.value == "RES-4711"  # the reserve number is kept
    assert linked.effective == real
    assert linked.effective.birth_date == date(1981, 12, 18)
    assert linked.birth_date is None
    assert reserve.linked_to is None  # immutable: the original is unchanged
    assert linked.link(real) == linked
    with pytest.raises(ValueError):
        linked.link(parse_personal_number("811218-9827", today=TODAY))


# --- properties ----------------------------------------------------------------------------


@st.composite
def _people(draw: st.DrawFn) -> tuple[date, int, bool, date]:
    today = draw(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
    birth = draw(st.dates(min_value=today.replace(year=today.year - 199, day=1), max_value=today))
    serial = draw(st.integers(min_value=1, max_value=999))  # 000 is never issued
    coordination = draw(st.booleans())
    return birth, serial, coordination, today


@given(_people(), st.sampled_from(["short", "short_bare", "long", "long_dash"]))
def test_format_then_parse_round_trips(person: tuple[date, int, bool, date], form: str) -> None:
    birth, serial, coordination, today = person
    day = birth.day + (60 if coordination else 0)
    nine = f"{birth.year % 100:02d}{birth.month:02d}{day:02d}{serial:03d}"
    ten = _with_check_digit(nine)
    separator = "+" if today.year - birth.year >= 100 else "-"
    if form == "short":
        text = f"{ten[:6]}{separator}{ten[6:]}"
    elif form == "short_bare":
        if separator == "+":
            return  # a centenarian's short form needs its '+'
        text = ten
    elif form == "long":
        text = f"{birth.year:04d}{ten[2:]}"
    else:
        text = f"{birth.year:04d}{ten[2:6]}-{ten[6:]}"
    identity = parse_personal_number(text, today=today)
    assert identity.birth_date == birth
    assert identity.sex == ("male" if serial % 2 else "female")
    assert identity.is_coordination_number == coordination
    assert identity.value == f"{birth.year:04d}{ten[2:]}"
    assert identity.short_display(today=today) == f"{ten[:6]}{separator}{ten[6:]}"


@given(_people(), st.integers(min_value=1, max_value=9))
def test_any_changed_check_digit_is_rejected(
    person: tuple[date, int, bool, date], delta: int
) -> None:
    birth, serial, coordination, today = person
    valid = personal_identity_from_parts(
        birth_date=birth, serial=serial, coordination=coordination
    ).value
    assert _luhn_valid(valid[2:])
    broken = valid[:11] + str((int(valid[11]) + delta) % 10)
    with pytest.raises(InvalidIdentityNumber) as info:
        parse_personal_number(broken, today=today)
    assert info.value.reason == "check_digit"


@given(st.text(max_size=20), st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 1, 1)))
def test_arbitrary_text_is_parsed_or_rejected_cleanly(text: str, today: date) -> None:
    try:
        identity = parse_personal_number(text, today=today)
    except InvalidIdentityNumber as error:
        assert error.reason in {"length", "format", "date", "check_digit", "plus_rule", "serial"}
        assert not any(ch.isdigit() for ch in str(error))
    else:
        assert identity.birth_date <= today
        assert identity.birth_date > today - timedelta(days=200 * 366)


def test_twelve_digits_older_than_a_ten_digit_form_can_express_is_rejected() -> None:
    # 251218-987: 4, 5, 2, 2, 2, 8, 9, 8, 5 = 45 -> C = 5 (born 1825: 200 in 2025)
    _reject("18251218-9875", "date")
    # 261218-987: 4, 6, 2, 2, 2, 8, 9, 8, 5 = 46 -> C = 4 (born 1826: 199 in 2025)
    assert parse_personal_number("18261218-9874", today=TODAY).birth_date == date(1826, 12, 18)


# --- issue 14: serial 000, coordination numbers with an unknown or odd date, levels ---------


def test_serial_000_is_refused() -> None:
    # 150916-000: 2, 5, 0, 9, 2, 6, 0, 0, 0 = 24 -> C = 6 (a correct check digit)
    for text in ("201509160006", "150916-0006", "20150916-0006"):
        error = _reject(text, "serial", today=TODAY)
        assert "serial" in str(error)
        assert not any(ch.isdigit() for ch in str(error))
    # the same date with serial 001 is fine: 2, 5, 0, 9, 2, 6, 0, 0, 2 = 26 -> C = 4
    assert parse_personal_number("20150916-0014", today=TODAY).serial == "001"
    _reject(_with_check_digit("811278000"), "serial")  # a coordination number too
    with pytest.raises(ValueError):
        personal_identity_from_parts(birth_date=date(2015, 9, 16), serial=0)


def test_a_wrong_check_digit_is_reported_before_the_serial() -> None:
    _reject("201509160007", "check_digit")


def test_coordination_number_with_an_unknown_day() -> None:
    # 811260-987 (day unknown: 00 + 60): 7, 1, 2, 2, 3, 0, 9, 8, 5 = 37 -> C = 3
    identity = parse_personal_number("811260-9873", today=TODAY)
    assert identity.kind == "samordningsnummer"
    assert identity.is_coordination_number
    assert identity.birth_date is None
    assert identity.birth_year == 1981
    assert identity.sex == "male"
    assert identity.value == "198112609873"
    assert PersonalIdentity("198112609873").birth_date is None
    assert identity.short_display(today=TODAY) == "811260-9873"


def test_coordination_number_with_an_unknown_month() -> None:
    # 810078-987 (month unknown, day 18 + 60): 7, 1, 0, 0, 5, 8, 9, 8, 5 = 43 -> C = 7
    identity = parse_personal_number("810078-9877", today=TODAY)
    assert identity.kind == "samordningsnummer"
    assert identity.birth_date is None
    assert identity.birth_year == 1981


def test_coordination_number_with_month_and_day_unknown() -> None:
    identity = parse_personal_number(_with_check_digit("810060238"), today=TODAY)
    assert identity.birth_date is None and identity.sex == "female"


def test_coordination_number_on_a_day_the_month_lacks() -> None:
    # the thirty-first of April + 60 = day 91; the twenty-ninth of February 2023 + 60 = 89
    for nine in ("810491123", "230289123"):
        identity = parse_personal_number(_with_check_digit(nine), today=TODAY)
        assert identity.kind == "samordningsnummer"
        assert identity.birth_date is None
    # a personnummer on such a day is still refused
    _reject(_with_check_digit("810431123"), "date")


def test_personnummer_month_00_is_still_refused() -> None:
    _reject(_with_check_digit("810018987"), "date")


def test_coordination_number_with_an_unknown_date_in_the_future_is_refused() -> None:
    # born some time in 2026 (month unknown) is after 1 June 2025 whichever month it was
    _reject(f"2026{_with_check_digit('260060239')[2:]}", "date")
    # born in an unknown month of 2025 may lie before today: accepted
    assert parse_personal_number(f"2025{_with_check_digit('250060239')[2:]}", today=TODAY)


@pytest.mark.parametrize(
    "value",
    # Skatteverket's published test coordination numbers (öppna data, "Testsamordningsnummer")
    ["191500722390", "191711602399", "193100602394", "198000602394", "194300912385"],
)
def test_skatteverket_test_coordination_numbers(value: str) -> None:
    assert _luhn_valid(value[2:])
    identity = parse_personal_number(value, today=TODAY)
    assert identity.kind == "samordningsnummer"
    assert identity.value == value


def _skatteverket_style_numbers() -> list[str]:
    """Coordination numbers with month 00 and/or day 60, every year 1900-2024, both sexes."""
    numbers = []
    for year in range(1900, 2025):
        for month, day in (("00", "60"), ("00", "75"), ("07", "60")):
            for serial in ("238", "239"):
                nine = f"{year % 100:02d}{month}{day}{serial}"
                numbers.append(f"{year:04d}{_with_check_digit(nine)[2:]}")
    return numbers


def test_skatteverket_style_coordination_numbers_with_month_00_and_day_60() -> None:
    numbers = _skatteverket_style_numbers()
    assert len(numbers) == 750
    for value in numbers:
        identity = parse_personal_number(value, today=TODAY)
        assert identity.value == value
        assert identity.kind == "samordningsnummer"
        assert identity.birth_date is None
        assert identity.birth_year == int(value[:4])
        assert identity.sex == ("male" if value[10] == "9" else "female")
        # the 10-digit form reads back to the same number
        assert parse_personal_number(identity.short_display(today=TODAY), today=TODAY) == identity


def test_identity_levels() -> None:
    from hembesok_desktop.domain.identity import IDENTITY_LEVELS, parse_identity_level

    assert IDENTITY_LEVELS == ("styrkt", "sannolik", "osäker")
    assert parse_identity_level(" Styrkt ", kind="samordningsnummer") == "styrkt"
    assert parse_identity_level("OSÄKER", kind="samordningsnummer") == "osäker"
    assert parse_identity_level("", kind="personnummer") is None
    with pytest.raises(ValueError, match="Only a coordination number"):
        parse_identity_level("styrkt", kind="personnummer")
    with pytest.raises(ValueError, match="one of"):
        parse_identity_level("säker", kind="samordningsnummer")
