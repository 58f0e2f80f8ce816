"""Visit programmes as data: the models, and loading them from ``resources/programmes``.

A programme file (the extended home-visit programme, the national child-health programme, the
screening schedule, the vaccination schedule) is JSON validated against
``programme.schema.json`` (JSON Schema draft 2020-12) on every load, then checked for what a
schema cannot say: contact codes are unique, every theme, role and vaccine a contact names is
in the file's catalogue, an age-range window contains its target age, and a window rule covers
every contact. Anything wrong raises :class:`ProgrammeFileError`, whose message is one sentence
naming the file and the JSON path of the offending field.

Windows: a contact either carries its own ``window`` (days before/after the target date, or an
age range), or takes the first of the file's ``window_rules`` whose ``up_to_age`` is at least
its target age. To compare ages given in different units (10 days against 2 months) a month
counts as 30.436875 days and a year as 365.2425 days; this classifies contacts only, dates are
always computed with calendar arithmetic (see :mod:`hembesok_desktop.domain.planning`).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal, NoReturn

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

SCHEMA_FILENAME = "programme.schema.json"
PROGRAMMES_DIRNAME = "programmes"

_DAYS_PER_MONTH = 365.2425 / 12
_MAX_REASON_CHARS = 200

Language = Literal["sv", "en"]


class ProgrammeFileError(ValueError):
    """A programme file is unreadable, not JSON, or breaks the schema or a programme rule."""

    def __init__(self, *, file: Path | str, json_path: str, reason: str) -> None:
        self.file = Path(file)
        self.json_path = json_path
        self.reason = reason.strip().rstrip(".")
        super().__init__(
            f"Programme file {self.file} is invalid at {self.json_path}: {self.reason}."
        )


class ProgrammeKind(StrEnum):
    EXTENDED_HOME_VISITS = "extended_home_visits"
    NATIONAL = "national"
    SCREENING = "screening"
    VACCINATION = "vaccination"


class ContactKind(StrEnum):
    HOME = "home"
    CLINIC = "clinic"
    PHONE = "phone"


class MeasurementKind(StrEnum):
    WEIGHT = "weight"
    LENGTH = "length"
    HEAD_CIRCUMFERENCE = "head_circumference"


class Respondent(StrEnum):
    GUARDIANS = "guardians"
    BIRTHING_PARENT = "birthing_parent"
    NON_BIRTHING_PARENT = "non_birthing_parent"


@dataclass(frozen=True, slots=True)
class Label:
    """A text in Swedish and English."""

    sv: str
    en: str

    def text(self, language: Language = "sv") -> str:
        return self.en if language == "en" else self.sv


@dataclass(frozen=True, slots=True)
class AgeSpan:
    """A calendar age or duration. Months and years are calendar months; weeks are 7 days."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    @property
    def total_days(self) -> int:
        """The week and day part in days (months and years excluded)."""
        return self.weeks * 7 + self.days

    def approx_days(self) -> float:
        """For ordering ages of mixed units only; never for computing dates."""
        return self.total_months * _DAYS_PER_MONTH + self.total_days

    def __str__(self) -> str:
        parts = [
            f"{value} {unit}"
            for value, unit in (
                (self.years, "years"),
                (self.months, "months"),
                (self.weeks, "weeks"),
                (self.days, "days"),
            )
            if value
        ]
        return " ".join(parts) or "0 days"


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    """A theme, role, vaccine or handout: a stable id and its labels."""

    id: str
    label: Label


@dataclass(frozen=True, slots=True)
class Participant:
    role: str
    optional: bool = False


@dataclass(frozen=True, slots=True)
class OffsetWindow:
    """From ``before`` ahead of the target date to ``after`` past it, both days inclusive."""

    before: AgeSpan
    after: AgeSpan


@dataclass(frozen=True, slots=True)
class AgeRangeWindow:
    """From the day the child is ``from_age`` old to the day it is ``to_age`` old, inclusive."""

    from_age: AgeSpan
    to_age: AgeSpan


Window = OffsetWindow | AgeRangeWindow


@dataclass(frozen=True, slots=True)
class WindowRule:
    """Default window for contacts whose target age is at most ``up_to_age`` (None: any age)."""

    up_to_age: AgeSpan | None
    before: AgeSpan
    after: AgeSpan

    def covers(self, age: AgeSpan) -> bool:
        return self.up_to_age is None or age.approx_days() <= self.up_to_age.approx_days()


@dataclass(frozen=True, slots=True)
class ContactDefinition:
    code: str
    title: Label
    target_age: AgeSpan
    #: the window in force: the contact's own, or the matching window rule's
    window: Window
    #: True when the contact overrides the window rules
    window_overridden: bool
    kind: ContactKind
    participants: tuple[Participant, ...] = ()
    themes: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    respondents: tuple[Respondent, ...] = ()
    measurements: tuple[MeasurementKind, ...] = ()
    vaccines: tuple[str, ...] = ()
    handouts: tuple[CatalogueEntry, ...] = ()
    note: Label | None = None
    #: structured records due at this contact (``domain.child_health.RecordKind`` values)
    records: tuple[str, ...] = ()
    #: planned only for a child with this risk indicator (``child_health.RISK_INDICATORS``)
    only_for: str = ""


@dataclass(frozen=True, slots=True)
class Programme:
    id: str
    version: str
    kind: ProgrammeKind
    title: Label
    window_rules: tuple[WindowRule, ...]
    contacts: tuple[ContactDefinition, ...]
    themes: tuple[CatalogueEntry, ...] = ()
    roles: tuple[CatalogueEntry, ...] = ()
    vaccines: tuple[CatalogueEntry, ...] = ()
    source_file: Path | None = field(default=None, compare=False)

    def contact(self, code: str) -> ContactDefinition:
        for contact in self.contacts:
            if contact.code == code:
                return contact
        raise KeyError(f"programme {self.id} has no contact {code}")

    def theme_label(self, theme_id: str) -> Label:
        return _catalogue_label(self.themes, theme_id)

    def role_label(self, role_id: str) -> Label:
        return _catalogue_label(self.roles, role_id)


def _catalogue_label(entries: Iterable[CatalogueEntry], entry_id: str) -> Label:
    for entry in entries:
        if entry.id == entry_id:
            return entry.label
    raise KeyError(entry_id)


# --------------------------------------------------------------------------- loading


def load_programme(path: Path | str, *, schema_path: Path | str | None = None) -> Programme:
    """Read, validate and build one programme file; raises :class:`ProgrammeFileError`.

    The schema defaults to ``programme.schema.json`` beside the file."""
    file = Path(path)
    document = _read_json(file)
    validator = _validator(Path(schema_path) if schema_path else file.parent / SCHEMA_FILENAME)
    error = best_match(validator.iter_errors(document))
    if error is not None:
        raise ProgrammeFileError(
            file=file, json_path=_error_path(error), reason=_error_reason(error)
        )
    return _build_programme(document, file)


def load_programmes_from(resources_dir: Path | str) -> dict[str, Programme]:
    """Load every ``*.json`` programme in ``<resources_dir>/programmes``, keyed by programme id.

    The entry point names the folder (see ``domain.catalogue``). Vaccine ids that a file names
    without its own vaccine catalogue must be defined by another file.
    """
    folder = Path(resources_dir) / PROGRAMMES_DIRNAME
    schema = folder / SCHEMA_FILENAME
    files = sorted(p for p in folder.glob("*.json") if p.name != SCHEMA_FILENAME)
    if not files:
        raise ProgrammeFileError(file=folder, json_path="$", reason="no programme files found")
    programmes: dict[str, Programme] = {}
    for file in files:
        programme = load_programme(file, schema_path=schema)
        if programme.id in programmes:
            raise ProgrammeFileError(
                file=file, json_path="$.id", reason=f"programme id {programme.id!r} is used twice"
            )
        programmes[programme.id] = programme
    _check_vaccines_defined(programmes.values())
    return programmes


def programme_of_kind(programmes: Mapping[str, Programme], kind: ProgrammeKind) -> Programme:
    """The one programme of ``kind``; KeyError if none, ValueError if several."""
    found = [p for p in programmes.values() if p.kind is kind]
    if not found:
        raise KeyError(f"no programme of kind {kind.value}")
    if len(found) > 1:
        raise ValueError(f"several programmes of kind {kind.value}: {[p.id for p in found]}")
    return found[0]


def _read_json(file: Path) -> Any:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = f"cannot be read ({exc})"
        raise ProgrammeFileError(file=file, json_path="$", reason=reason) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProgrammeFileError(
            file=file,
            json_path="$",
            reason=f"not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})",
        ) from exc


@functools.cache
def _validator_for(schema_file: Path) -> Draft202012Validator:
    schema = _read_json(schema_file)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _validator(schema_file: Path) -> Draft202012Validator:
    return _validator_for(schema_file.resolve())


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _child_path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if _IDENTIFIER.match(key):
        return f"{parent}.{key}"
    return f"{parent}[{json.dumps(key)}]"


def _error_path(error: ValidationError) -> str:
    path = "$"
    for key in error.absolute_path:
        path = _child_path(path, key)
    instance = error.instance
    if error.validator == "required" and isinstance(instance, dict):
        missing = [name for name in error.validator_value if name not in instance]
        if missing:
            path = _child_path(path, missing[0])
    elif error.validator == "additionalProperties" and isinstance(instance, dict):
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = set(schema.get("properties", {}))
        extra = sorted(name for name in instance if name not in allowed)
        if extra:
            path = _child_path(path, extra[0])
    return path


def _error_reason(error: ValidationError) -> str:
    if error.validator == "required":
        return "a required field is missing"
    if error.validator == "additionalProperties":
        return "this field is not allowed here"
    message = " ".join(error.message.split())
    if len(message) > _MAX_REASON_CHARS:
        message = message[: _MAX_REASON_CHARS - 1] + "…"
    return message


# --------------------------------------------------------------------------- building


def _label(raw: Mapping[str, Any]) -> Label:
    return Label(sv=raw["sv"], en=raw["en"])


def _age(raw: Mapping[str, Any]) -> AgeSpan:
    return AgeSpan(
        years=raw.get("years", 0),
        months=raw.get("months", 0),
        weeks=raw.get("weeks", 0),
        days=raw.get("days", 0),
    )


def _catalogue(raw: Sequence[Mapping[str, Any]]) -> tuple[CatalogueEntry, ...]:
    return tuple(CatalogueEntry(id=item["id"], label=_label(item["label"])) for item in raw)


def _window_rule(raw: Mapping[str, Any]) -> WindowRule:
    up_to = raw.get("up_to_age")
    return WindowRule(
        up_to_age=_age(up_to) if up_to is not None else None,
        before=_age(raw["before"]),
        after=_age(raw["after"]),
    )


def _own_window(raw: Mapping[str, Any]) -> Window:
    if "from_age" in raw:
        return AgeRangeWindow(from_age=_age(raw["from_age"]), to_age=_age(raw["to_age"]))
    return OffsetWindow(before=_age(raw["before"]), after=_age(raw["after"]))


class _Checker:
    """Checks one file's cross-references, raising with the offending field's path."""

    def __init__(self, file: Path, document: Mapping[str, Any]) -> None:
        self.file = file
        self.themes = {item["id"] for item in document.get("themes", [])}
        self.roles = {item["id"] for item in document.get("roles", [])}
        self.vaccines: set[str] | None = (
            {item["id"] for item in document["vaccines"]} if "vaccines" in document else None
        )
        self._check_catalogue_ids(document)

    def fail(self, json_path: str, reason: str) -> NoReturn:
        raise ProgrammeFileError(file=self.file, json_path=json_path, reason=reason)

    def _check_catalogue_ids(self, document: Mapping[str, Any]) -> None:
        for name in ("themes", "roles", "vaccines"):
            seen: set[str] = set()
            for index, item in enumerate(document.get(name, [])):
                if item["id"] in seen:
                    self.fail(f"$.{name}[{index}].id", f"id {item['id']!r} is used twice")
                seen.add(item["id"])

    def references(self, path: str, ids: Iterable[str], known: set[str] | None, what: str) -> None:
        if known is None:
            return
        for index, ref in enumerate(ids):
            if ref not in known:
                self.fail(f"{path}[{index}]", f"unknown {what} {ref!r}")


def _build_contact(
    raw: Mapping[str, Any], path: str, rules: Sequence[WindowRule], checker: _Checker
) -> ContactDefinition:
    target = _age(raw["target_age"])
    window: Window
    if "window" in raw:
        window = _own_window(raw["window"])
        if isinstance(window, AgeRangeWindow) and not (
            window.from_age.approx_days() <= target.approx_days() <= window.to_age.approx_days()
        ):
            reason = f"the age range does not contain the target age {target}"
            checker.fail(f"{path}.window", reason)
    else:
        rule = next((r for r in rules if r.covers(target)), None)
        if rule is None:
            checker.fail(f"{path}.target_age", f"no window rule covers the target age {target}")
        window = OffsetWindow(before=rule.before, after=rule.after)
    participants = tuple(
        Participant(role=p["role"], optional=p.get("optional", False))
        for p in raw.get("participants", [])
    )
    checker.references(
        f"{path}.participants", (p.role for p in participants), checker.roles, "role"
    )
    checker.references(f"{path}.themes", raw.get("themes", []), checker.themes, "theme")
    checker.references(f"{path}.vaccines", raw.get("vaccines", []), checker.vaccines, "vaccine")
    note = raw.get("note")
    return ContactDefinition(
        code=raw["code"],
        title=_label(raw["title"]),
        target_age=target,
        window=window,
        window_overridden="window" in raw,
        kind=ContactKind(raw["kind"]),
        participants=participants,
        themes=tuple(raw.get("themes", [])),
        forms=tuple(raw.get("forms", [])),
        respondents=tuple(Respondent(r) for r in raw.get("respondents", [])),
        measurements=tuple(MeasurementKind(m) for m in raw.get("measurements", [])),
        vaccines=tuple(raw.get("vaccines", [])),
        handouts=_catalogue(raw.get("handouts", [])),
        note=_label(note) if note is not None else None,
        records=tuple(raw.get("records", [])),
        only_for=raw.get("only_for", ""),
    )


def _build_programme(document: Mapping[str, Any], file: Path) -> Programme:
    checker = _Checker(file, document)
    rules = tuple(_window_rule(raw) for raw in document["window_rules"])
    contacts: list[ContactDefinition] = []
    codes: set[str] = set()
    for index, raw in enumerate(document["contacts"]):
        path = f"$.contacts[{index}]"
        if raw["code"] in codes:
            checker.fail(f"{path}.code", f"contact code {raw['code']!r} is used twice")
        codes.add(raw["code"])
        contacts.append(_build_contact(raw, path, rules, checker))
    return Programme(
        id=document["id"],
        version=document["version"],
        kind=ProgrammeKind(document["kind"]),
        title=_label(document["title"]),
        window_rules=rules,
        contacts=tuple(contacts),
        themes=_catalogue(document.get("themes", [])),
        roles=_catalogue(document.get("roles", [])),
        vaccines=_catalogue(document.get("vaccines", [])),
        source_file=file,
    )


def _check_vaccines_defined(programmes: Iterable[Programme]) -> None:
    programmes = list(programmes)
    known = {entry.id for p in programmes for entry in p.vaccines}
    for programme, index, position, vaccine in _vaccine_references(programmes):
        if vaccine not in known:
            raise ProgrammeFileError(
                file=programme.source_file or Path(programme.id),
                json_path=f"$.contacts[{index}].vaccines[{position}]",
                reason=f"vaccine {vaccine!r} is defined in no programme file",
            )


def _vaccine_references(
    programmes: Iterable[Programme],
) -> Iterator[tuple[Programme, int, int, str]]:
    for programme in programmes:
        for index, contact in enumerate(programme.contacts):
            for position, vaccine in enumerate(contact.vaccines):
                yield programme, index, position, vaccine
