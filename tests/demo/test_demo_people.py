"""The fictional demo caseload: determinism, fiction markers, and valid-in-form numbers."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hembesok_desktop.demo.people import (
    DemoChild,
    DemoFamily,
    DemoGuardian,
    generate_demo_families,
)
from hembesok_desktop.domain.identity import (
    PersonalIdentity,
    ReserveIdentity,
    parse_identity,
    parse_personal_number,
)

TODAY = date(2025, 6, 1)
FAMILY_COUNT = 400


def _families(seed: int, count: int = FAMILY_COUNT, today: date = TODAY) -> list[DemoFamily]:
    return list(generate_demo_families(random.Random(seed), count, today=today))


@pytest.fixture(scope="module")
def caseload() -> list[DemoFamily]:
    return _families(20250601)


def _people(family: DemoFamily) -> list[DemoGuardian | DemoChild]:
    return [*family.guardians, *family.children]


def _months_between(earlier: date, later: date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def test_count_is_respected() -> None:
    assert len(_families(1, 0)) == 0
    assert len(_families(1, 7)) == 7
    with pytest.raises(ValueError):
        list(generate_demo_families(random.Random(1), -1, today=TODAY))


def test_same_seed_and_today_give_identical_output() -> None:
    assert _families(42, 50) == _families(42, 50)


def test_different_seed_or_today_gives_different_output() -> None:
    assert _families(42, 50) != _families(43, 50)
    assert _families(42, 50) != _families(42, 50, today=date(2026, 6, 1))


def test_a_prefix_of_a_longer_run_is_the_shorter_run() -> None:
    assert _families(7, 60)[:20] == _families(7, 20)


def test_every_phone_number_is_in_the_pts_fiction_range(caseload: list[DemoFamily]) -> None:
    # PTS reserves 070-1740605 to 070-1740699 for fiction.
    for family in caseload:
        match = re.fullmatch(r"070-(\d{7})", family.phone)
        assert match, family.phone
        assert 1740605 <= int(match.group(1)) <= 1740699, family.phone


def test_addresses_and_areas_are_obviously_fictional(caseload: list[DemoFamily]) -> None:
    markers = ("påhitt", "demo", "exempel", "låtsas", "fiktion", "test", "övning")
    for family in caseload:
        assert any(m in family.address.lower() for m in markers), family.address
        assert any(m in family.area.lower() for m in markers), family.area
        assert re.search(r" \d+(, lgh \d{4})?$", family.address), family.address


def test_every_demo_number_parses(caseload: list[DemoFamily]) -> None:
    for family in caseload:
        for person in _people(family):
            identity = person.identity
            if isinstance(identity, ReserveIdentity):
                assert parse_identity(identity.value, kind="reserve") == identity
                continue
            parsed = parse_personal_number(identity.display, today=TODAY)
            assert parsed == identity
            assert parse_identity(identity.value, kind=identity.kind, today=TODAY) == identity
            assert parsed.birth_date == person.birth_date
            assert parsed.sex == person.sex
            short = identity.short_display(today=TODAY)
            assert parse_personal_number(short, today=TODAY) == identity


def test_numbers_are_unique_in_a_caseload(caseload: list[DemoFamily]) -> None:
    values = [p.identity.value for f in caseload for p in _people(f)]
    assert len(values) == len(set(values))


def test_numbers_stay_unique_in_a_large_caseload() -> None:
    # Thousands of children born within two years make serial collisions likely unless the
    # generator prevents them.
    families = _families(99, 3000)
    values = [p.identity.value for f in families for p in _people(f)]
    assert len(values) == len(set(values))


def test_siblings_never_share_a_given_name() -> None:
    families = _families(99, 3000)
    with_siblings = [f for f in families if len(f.children) > 1]
    assert len(with_siblings) > 100
    for family in with_siblings:
        names = [child.given_name for child in family.children]
        assert len(names) == len(set(names)), names


def test_children_are_never_reserve_or_coordination_numbers(
    caseload: list[DemoFamily],
) -> None:
    for family in caseload:
        for child in family.children:
            assert isinstance(child.identity, PersonalIdentity)
            assert child.identity.kind == "personnummer"


def test_reserve_numbers_only_for_recently_arrived_guardians(
    caseload: list[DemoFamily],
) -> None:
    guardians = [g for f in caseload for g in f.guardians]
    reserves = [g for g in guardians if isinstance(g.identity, ReserveIdentity)]
    assert reserves, "some guardians should have reserve numbers"
    assert len(reserves) < 0.12 * len(guardians)
    for guardian in reserves:
        assert guardian.language != "sv"
        assert guardian.first_child_in_sweden
        assert guardian.identity.birth_date is None
        assert guardian.identity.value.startswith("DEMO-")
    assert any(g.identity.kind == "samordningsnummer" for g in guardians)


def test_youngest_child_fits_the_extended_programme(caseload: list[DemoFamily]) -> None:
    for family in caseload:
        youngest = family.children[0]
        assert youngest == family.youngest_child
        assert youngest.birth_date <= TODAY
        assert _months_between(youngest.birth_date, TODAY) <= 24
        for younger, older in zip(family.children, family.children[1:], strict=False):
            assert older.birth_date < younger.birth_date


def test_family_shapes(caseload: list[DemoFamily]) -> None:
    for family in caseload:
        assert 1 <= len(family.guardians) <= 2
        assert 1 <= len(family.children) <= 3
        assert family.inclusion_reason in ("first_time_parents", "first_child_in_sweden")
        if family.inclusion_reason == "first_time_parents":
            assert len(family.children) == 1
        else:
            assert any(g.first_child_in_sweden for g in family.guardians)
        for guardian in family.guardians:
            assert guardian.role in ("mother", "father", "parent")
            if guardian.role == "mother":
                assert guardian.sex == "female"
            if guardian.role == "father":
                assert guardian.sex == "male"
            age_at_oldest = _months_between(guardian.birth_date, family.children[-1].birth_date)
            age_at_youngest = _months_between(guardian.birth_date, family.children[0].birth_date)
            assert age_at_oldest >= 18 * 12, "a guardian should be an adult at the first birth"
            assert age_at_youngest < 56 * 12
        assert sum(g.birthing_parent for g in family.guardians) <= 1
        assert family.children[0].family_name == family.family_name
    reasons = {f.inclusion_reason for f in caseload}
    assert reasons == {"first_time_parents", "first_child_in_sweden"}
    assert {len(f.guardians) for f in caseload} == {1, 2}
    assert {len(f.children) for f in caseload} == {1, 2, 3}


def test_languages_and_interpreters(caseload: list[DemoFamily]) -> None:
    iso = re.compile(r"[a-z]{2,3}")
    seen: set[str] = set()
    for family in caseload:
        assert family.languages, "every family has a language"
        assert len(family.languages) == len(set(family.languages))
        assert all(iso.fullmatch(code) for code in family.languages)
        for guardian in family.guardians:
            assert guardian.language in family.languages
        if family.interpreter_needed:
            assert family.interpreter_language in family.languages
            assert family.interpreter_language != "sv"
        else:
            assert family.interpreter_language == ""
        seen.update(family.languages)
    assert {"sv", "ar", "so", "ti", "prs", "pl"} <= seen
    assert "fa-AF" not in seen and "dari" not in seen
    assert any(f.interpreter_needed for f in caseload)
    assert not all(f.interpreter_needed for f in caseload)


def test_names_are_present_and_varied(caseload: list[DemoFamily]) -> None:
    people = [p for f in caseload for p in _people(f)]
    for person in people:
        assert person.given_name.strip() and person.family_name.strip()
        assert person.full_name == f"{person.given_name} {person.family_name}"
    assert len({p.family_name for p in people}) > 30
    assert len({p.given_name for p in people}) > 60


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=0, max_value=2**32),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
)
def test_any_seed_and_today_give_parseable_people(seed: int, today: date) -> None:
    families = _families(seed, 15, today)
    assert families == _families(seed, 15, today)
    for family in families:
        assert 0 <= _months_between(family.children[0].birth_date, today) <= 24
        for person in _people(family):
            if isinstance(person.identity, PersonalIdentity):
                assert parse_personal_number(person.identity.display, today=today).birth_date == (
                    person.birth_date
                )
