"""A deterministic generator of an obviously fictional caseload's people (pure data).

``generate_demo_families(random.Random(seed), count, today=...)`` yields :class:`DemoFamily`
descriptions for the extended home-visit programme: guardians, children, address, area, phone,
languages and interpreter need, and the inclusion reason. Nothing here touches a database; the
store's ``demo-data`` command turns these into rows.

How the fiction is made obvious (``DOMAIN.md``: demo data must be obviously fictional):

* Streets and areas are invented and say so ("Påhittade gränd", "Demovägen", "Låtsasbacken").
* Phone numbers come only from the range the Swedish Post and Telecom Authority (PTS) reserves
  for fiction: 070-174 06 05 to 070-174 06 99.
* Names are ordinary given names from the languages of the caseload combined with invented
  or deliberately generic surnames; no name list contains famous people's names.
* Identity numbers are valid in form only (date, serial and Luhn check digit), generated with
  :mod:`hembesok_desktop.domain.identity`; they are unique within one generated caseload. Some
  recently arrived guardians have a samordningsnummer or a reserve number ("DEMO-R...").

Determinism: every choice is drawn from the ``random.Random`` passed in, in a fixed order, and
no set or dict is iterated in hash order, so the same seed and the same ``today`` give the same
caseload on every machine and Python run.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, TypeAlias

from hembesok_desktop.domain.identity import (
    Identity,
    PersonalIdentity,
    ReserveIdentity,
    Sex,
    personal_identity_from_parts,
)
from hembesok_desktop.domain.planning import today_in_stockholm

__all__ = [
    "FICTION_PHONE_FIRST",
    "FICTION_PHONE_LAST",
    "DemoChild",
    "DemoFamily",
    "DemoGuardian",
    "GuardianRole",
    "InclusionReason",
    "generate_demo_families",
]

GuardianRole: TypeAlias = Literal["mother", "father", "parent"]
InclusionReason: TypeAlias = Literal["first_time_parents", "first_child_in_sweden"]

#: PTS reserves 070-1740605 .. 070-1740699 for use in fiction (films, books, examples).
FICTION_PHONE_FIRST = 1740605
FICTION_PHONE_LAST = 1740699

#: Share of recently arrived guardians with a reserve number / a samordningsnummer.
_RESERVE_SHARE_OF_NEW_ARRIVALS = 0.20
_COORDINATION_SHARE_OF_NEW_ARRIVALS = 0.10


@dataclass(frozen=True, slots=True)
class DemoGuardian:
    """A fictional guardian (field names follow the store's ``Guardian`` table)."""

    given_name: str
    family_name: str
    role: GuardianRole
    sex: Sex
    birth_date: date
    identity: Identity
    """A personnummer, a samordningsnummer or (for some recent arrivals) a reserve number."""
    language: str
    """ISO 639 code of the guardian's main language (``prs`` for Dari)."""
    first_child_in_sweden: bool
    birthing_parent: bool

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass(frozen=True, slots=True)
class DemoChild:
    """A fictional child; ``birth_date`` and ``sex`` agree with ``identity``."""

    given_name: str
    family_name: str
    birth_date: date
    sex: Sex
    identity: PersonalIdentity

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass(frozen=True, slots=True)
class DemoFamily:
    """A fictional family enrolled in the extended home-visit programme.

    ``children`` are ordered youngest first; the youngest is the child the programme follows
    (born 0–24 months before ``today``).
    """

    family_name: str
    address: str
    area: str
    phone: str
    languages: tuple[str, ...]
    """ISO 639 codes, the guardians' main languages first, in a stable order."""
    interpreter_needed: bool
    interpreter_language: str
    """The language to interpret to/from, or ``""`` when no interpreter is needed."""
    guardians: tuple[DemoGuardian, ...]
    children: tuple[DemoChild, ...]
    inclusion_reason: InclusionReason

    @property
    def youngest_child(self) -> DemoChild:
        return self.children[0]


@dataclass(frozen=True, slots=True)
class _Origin:
    """A language background: name lists and how likely an interpreter is needed."""

    language: str
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    interpreter_probability: float
    weight: int


_ORIGINS: tuple[_Origin, ...] = (
    _Origin(
        "sv",
        ("Elsa", "Maja", "Ella", "Wilma", "Saga", "Linnea", "Ebba", "Tuva", "Signe", "Stina"),
        ("Oskar", "Vilgot", "Axel", "Elis", "Melker", "Nils", "Ture", "Hampus", "Sixten", "Algot"),
        ("Björkvalla", "Sjöbacka", "Granlöv", "Tallmyra", "Bäcklind", "Mossberga", "Ekhammar",
         "Ljungvide", "Hagsjö", "Ståhlbrink"),
        0.0,
        3,
    ),
    _Origin(
        "ar",
        ("Amira", "Noor", "Rania", "Layla", "Hiba", "Salma", "Yasmin", "Rahaf", "Dalia", "Mariam"),
        ("Omar", "Yousef", "Karim", "Sami", "Tarek", "Adnan", "Bilal", "Hamza", "Nabil", "Rami"),
        ("Al-Nadiri", "Haddadin", "Al-Sabbagh", "Qasemi", "Al-Rawdani", "Shahini", "Al-Karmi",
         "Hijazin", "Al-Hamdouni", "Mansourin"),
        0.6,
        3,
    ),
    _Origin(
        "so",
        ("Hodan", "Sagal", "Ifrah", "Ubah", "Hamdi", "Nimco", "Ayaan", "Fadumo", "Ladan", "Sahra"),
        ("Abdirahman", "Cabdi", "Guled", "Mahad", "Liban", "Bashir", "Warsame", "Nuur",
         "Hassan", "Ilyas"),
        ("Cawil", "Dhuxul", "Jaamac", "Dahir", "Cawaale", "Guure", "Xuseen-Yare", "Gacal",
         "Roble", "Ismaaciil"),
        0.7,
        2,
    ),
    _Origin(
        "ti",
        ("Senait", "Helen", "Mebrat", "Selam", "Yordanos", "Luwam", "Saba", "Rahel", "Feven",
         "Mihret"),
        ("Yonas", "Dawit", "Tesfay", "Mehari", "Samuel", "Robel", "Kidane", "Ermias", "Filmon",
         "Henok"),
        ("Tesfamariam", "Gebrehiwet", "Habtezion", "Woldemichael", "Kiflom", "Berhane",
         "Ghebremedhin", "Negasi", "Asmerom", "Zerai"),
        0.7,
        2,
    ),
    _Origin(
        "prs",
        ("Parwana", "Zarghona", "Mursal", "Nilofar", "Shabnam", "Freshta", "Madina", "Tahmina",
         "Roya", "Khatera"),
        ("Ahmad", "Jawid", "Farid", "Naveed", "Sayed", "Wahid", "Habib", "Rahim", "Mirwais",
         "Zabi"),
        ("Sultani", "Rahimi", "Noorzai", "Hakimi", "Amiri", "Sharifi", "Azizi", "Qaderi",
         "Yousufi", "Nazari"),
        0.7,
        2,
    ),
    _Origin(
        "pl",
        ("Zofia", "Marta", "Agnieszka", "Kasia", "Ewa", "Joanna", "Magda", "Ola", "Natalia",
         "Beata"),
        ("Piotr", "Tomasz", "Kuba", "Marek", "Pawel", "Bartek", "Michal", "Krzysztof", "Adam",
         "Wojtek"),
        ("Wiśniewicz", "Kowalczak", "Zielonka", "Dąbrowiak", "Szymczuk", "Pawlaczek",
         "Grabowiec", "Jankowiak", "Wróblicz", "Sobczak"),
        0.4,
        1,
    ),
    _Origin(
        "en",
        ("Grace", "Blessing", "Joy", "Mercy", "Esther", "Faith", "Ruth", "Precious", "Hope",
         "Abigail"),
        ("Emmanuel", "Samuel", "Daniel", "Kwame", "Chidi", "Tunde", "Kofi", "Femi", "Isaac",
         "Joseph"),
        ("Adebanjo", "Amponsah", "Ekwueme", "Okafor-Ene", "Nwosu", "Asantewaa", "Oduya",
         "Adjei-Kumah", "Ibekwe", "Ofosu-Appiah"),
        0.1,
        1,
    ),
)  # fmt: skip

_STREETS: tuple[str, ...] = (
    "Påhittade gränd",
    "Demovägen",
    "Exempelgatan",
    "Låtsasbacken",
    "Fiktionsallén",
    "Testtorget",
    "Påhittsstigen",
    "Övningsvägen",
    "Demogården",
    "Låtsasslingan",
)
_AREAS: tuple[str, ...] = (
    "Demostaden norra",
    "Demostaden södra",
    "Påhittsby",
    "Exempelhöjden",
    "Låtsasängen",
)


def generate_demo_families(
    rng: random.Random, count: int, *, today: date | None = None
) -> Iterator[DemoFamily]:
    """Yield ``count`` fictional families, drawing every choice from ``rng``.

    ``today`` (default: the current date) anchors the children's ages: the youngest child of
    each family is born 0–24 months before it, older siblings earlier. Identity numbers are
    unique within one call.
    """
    if count < 0:
        raise ValueError("the number of families must not be negative")
    today = today or today_in_stockholm()
    used_numbers: set[str] = set()
    reserve_counter = 0
    for _ in range(count):
        family, reserve_counter = _family(rng, today, used_numbers, reserve_counter)
        yield family


def _family(
    rng: random.Random, today: date, used: set[str], reserve_counter: int
) -> tuple[DemoFamily, int]:
    origin = _pick_origin(rng)
    migrated = origin.language != "sv"
    # Families who moved to Sweden may be in the programme for their first child born here
    # (with older siblings born before the move) or as first-time parents.
    reason: InclusionReason = (
        "first_child_in_sweden" if migrated and rng.random() < 0.5 else "first_time_parents"
    )
    child_count = 1 if reason == "first_time_parents" else rng.randint(2, 3)

    youngest_birth = today - timedelta(
        days=rng.randint(0, (today - _months_before(today, 24)).days)
    )
    birth_dates = [youngest_birth]
    for _ in range(child_count - 1):
        birth_dates.append(birth_dates[-1] - timedelta(days=rng.randint(450, 1500)))
    span_years = -(-(youngest_birth - birth_dates[-1]).days // 365)

    # Guardians: mostly a mother and a father, sometimes two parents, sometimes one guardian.
    layout = rng.random()
    partner_origin = origin
    if layout < 0.15:
        roles: list[tuple[GuardianRole, Sex]] = [("mother", "female")]
    elif layout < 0.20:
        roles = [("father", "male")]
    elif layout < 0.25:
        roles = [("parent", "female"), ("parent", rng.choice(("female", "male")))]
    else:
        roles = [("mother", "female"), ("father", "male")]
        if rng.random() < 0.15:
            partner_origin = _pick_origin(rng)  # a mixed family

    shared_surname = rng.choice(origin.surnames)
    recently_arrived = migrated and rng.random() < 0.35
    guardians: list[DemoGuardian] = []
    for index, (role, sex) in enumerate(roles):
        g_origin = origin if index == 0 else partner_origin
        # Swedish and Polish couples share a surname here; others keep their own.
        if index == 0 or (g_origin is origin and g_origin.language in ("sv", "pl")):
            family_name = shared_surname
        else:
            family_name = rng.choice(g_origin.surnames)
        # At least 19 (female) / 21 (male) at the oldest child's birth, at most 44 / 55 at the
        # youngest's.
        min_age, max_age = (19, 44) if sex == "female" else (21, 55)
        age_at_youngest = rng.randint(min_age + span_years, max_age)
        birth = _years_before(youngest_birth, age_at_youngest + 1) + timedelta(
            days=rng.randint(1, 365)
        )
        g_migrated = g_origin.language != "sv"
        identity, reserve_counter = _guardian_identity(
            rng,
            birth=birth,
            sex=sex,
            new_arrival=recently_arrived and g_migrated,
            used=used,
            reserve_counter=reserve_counter,
        )
        guardians.append(
            DemoGuardian(
                given_name=rng.choice(g_origin.female if sex == "female" else g_origin.male),
                family_name=family_name,
                role=role,
                sex=sex,
                birth_date=birth,
                identity=identity,
                language=g_origin.language,
                first_child_in_sweden=g_migrated,
                birthing_parent=index == 0 and sex == "female",
            )
        )

    father = next((g for g in guardians if g.role == "father"), None)
    child_surname = father.family_name if father is not None else guardians[0].family_name
    children: list[DemoChild] = []
    for birth in birth_dates:
        sex = rng.choice(("female", "male"))
        identity = _unique_personal(rng, birth=birth, sex=sex, used=used, coordination=False)
        names = origin.female if sex == "female" else origin.male
        taken = {child.given_name for child in children}
        free = [name for name in names if name not in taken] or list(names)  # siblings differ
        children.append(DemoChild(rng.choice(free), child_surname, birth, sex, identity))

    languages = list(dict.fromkeys(g.language for g in guardians))
    if "sv" not in languages and not recently_arrived and rng.random() < 0.5:
        languages.append("sv")
    interpreter_language = ""
    needs_interpreter = rng.random() < origin.interpreter_probability
    if migrated and (needs_interpreter or (recently_arrived and origin.language != "en")):
        interpreter_language = origin.language
    phone_suffix = rng.randint(FICTION_PHONE_FIRST, FICTION_PHONE_LAST)
    address = f"{rng.choice(_STREETS)} {rng.randint(1, 60)}"
    if rng.random() < 0.7:
        address += f", lgh {rng.randint(10, 16)}{rng.randint(1, 9):02d}"
    family = DemoFamily(
        family_name=child_surname,
        address=address,
        area=rng.choice(_AREAS),
        phone=f"070-{phone_suffix}",
        languages=tuple(languages),
        interpreter_needed=bool(interpreter_language),
        interpreter_language=interpreter_language,
        guardians=tuple(guardians),
        children=tuple(children),
        inclusion_reason=reason,
    )
    return family, reserve_counter


def _pick_origin(rng: random.Random) -> _Origin:
    return rng.choices(_ORIGINS, weights=[o.weight for o in _ORIGINS], k=1)[0]


def _guardian_identity(
    rng: random.Random,
    *,
    birth: date,
    sex: Sex,
    new_arrival: bool,
    used: set[str],
    reserve_counter: int,
) -> tuple[Identity, int]:
    """A personnummer; for a recent arrival sometimes a reserve number or samordningsnummer."""
    if new_arrival:
        draw = rng.random()
        if draw < _RESERVE_SHARE_OF_NEW_ARRIVALS:
            reserve_counter += 1
            return ReserveIdentity(f"DEMO-R{reserve_counter:06d}"), reserve_counter
        if draw < _RESERVE_SHARE_OF_NEW_ARRIVALS + _COORDINATION_SHARE_OF_NEW_ARRIVALS:
            identity = _unique_personal(rng, birth=birth, sex=sex, used=used, coordination=True)
            return identity, reserve_counter
    return _unique_personal(rng, birth=birth, sex=sex, used=used, coordination=False), (
        reserve_counter
    )


def _unique_personal(
    rng: random.Random, *, birth: date, sex: Sex, used: set[str], coordination: bool
) -> PersonalIdentity:
    """A valid-in-form number for ``birth`` and ``sex`` not yet used in this caseload."""
    while True:
        # Serial 002..999; its last digit is odd for male, even for female.
        serial = rng.randrange(3 if sex == "male" else 2, 1000, 2)
        identity = personal_identity_from_parts(
            birth_date=birth, serial=serial, coordination=coordination
        )
        if identity.value not in used:
            used.add(identity.value)
            return identity


def _months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th day")


def _years_before(day: date, years: int) -> date:
    """The same day ``years`` years earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
