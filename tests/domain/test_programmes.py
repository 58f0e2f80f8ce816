"""Programme files: every shipped file validates, and a broken file names file and field."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from hembesok_desktop.domain.programmes import (
    AgeRangeWindow,
    AgeSpan,
    ContactKind,
    MeasurementKind,
    OffsetWindow,
    Participant,
    ProgrammeFileError,
    ProgrammeKind,
    load_programme,
    load_programmes_from,
    programme_of_kind,
)
from hembesok_desktop.resources import RESOURCES_ENV, package_resources, resources_path

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
PROGRAMMES = RESOURCES / "programmes"
SCHEMA = PROGRAMMES / "programme.schema.json"
EXTENDED = PROGRAMMES / "extended_home_visits.json"
SHIPPED = sorted(p for p in PROGRAMMES.glob("*.json") if p.name != SCHEMA.name)

THEMES = {
    "child_safety",
    "feeding_and_breastfeeding",
    "attachment_and_interaction",
    "parenthood",
    "social_network",
    "parents_own_health",
    "language_development",
    "tooth_brushing",
    "vaccinations",
    "preschool",
}


def _write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _extended_doc() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXTENDED.read_text(encoding="utf-8"))
    return document


# ------------------------------------------------------------------ shipped files


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_the_four_programme_files_are_shipped() -> None:
    assert [p.name for p in SHIPPED] == [
        "extended_home_visits.json",
        "national_programme.json",
        "screening_schedule.json",
        "vaccination_schedule.json",
    ]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_validates_against_the_schema(path: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(document)) == []
    programme = load_programme(path)
    assert programme.id and programme.version and programme.contacts


def test_default_programmes_load_with_one_of_each_kind() -> None:
    programmes = load_programmes_from(RESOURCES)
    kinds = {p.kind for p in programmes.values()}
    assert kinds == set(ProgrammeKind)
    assert programme_of_kind(programmes, ProgrammeKind.EXTENDED_HOME_VISITS).id == (
        "extended_home_visits"
    )


def test_extended_programme_has_six_home_and_two_clinic_contacts() -> None:
    programme = load_programme(EXTENDED)
    kinds = {c.code: c.kind for c in programme.contacts}
    assert kinds == {
        "HB1": ContactKind.HOME,
        "HB2": ContactKind.HOME,
        "HB3": ContactKind.HOME,
        "HB4": ContactKind.HOME,
        "HB5": ContactKind.HOME,
        "HB6": ContactKind.HOME,
        "EM1": ContactKind.CLINIC,
        "EM2": ContactKind.CLINIC,
    }
    ages = {c.code: c.target_age for c in programme.contacts}
    assert ages == {
        "HB1": AgeSpan(days=10),
        "HB2": AgeSpan(months=2),
        "HB3": AgeSpan(months=4),
        "HB4": AgeSpan(months=6),
        "HB5": AgeSpan(months=8),
        "HB6": AgeSpan(months=15),
        "EM1": AgeSpan(months=10),
        "EM2": AgeSpan(months=24),
    }


def test_extended_programme_participants_themes_and_forms() -> None:
    programme = load_programme(EXTENDED)
    hb1 = programme.contact("HB1")
    assert hb1.participants == (Participant("nurse"), Participant("midwife", optional=True))
    assert set(hb1.measurements) == set(MeasurementKind)
    hb5 = programme.contact("HB5")
    assert {p.role for p in hb5.participants} == {"nurse", "parental_advisor", "dental_care"}
    assert [h.id for h in hb5.handouts] == ["toothbrush"]
    assert "tooth_brushing" in hb5.themes
    for code in ("HB2", "HB3", "HB4", "HB6", "EM1", "EM2"):
        roles = {p.role for p in programme.contact(code).participants}
        assert roles == {"nurse", "parental_advisor"}, code
    assert {t.id for t in programme.themes} == THEMES
    assert programme.theme_label("tooth_brushing").sv == "Tandborstning"
    assert programme.theme_label("tooth_brushing").en == "Tooth brushing"
    # issue 14: EPDS moved out of this joint visit to an individual conversation at 6-8 weeks
    assert programme.contact("HB2").forms == ("barnsakert",)
    assert all(set(c.forms) <= {"barnsakert", "epds"} for c in programme.contacts)


def test_windows_come_from_the_rules_in_the_file_unless_overridden() -> None:
    programme = load_programme(EXTENDED)
    assert programme.contact("HB1").window == AgeRangeWindow(AgeSpan(weeks=1), AgeSpan(weeks=2))
    assert programme.contact("HB1").window_overridden
    assert programme.contact("HB2").window == OffsetWindow(AgeSpan(weeks=1), AgeSpan(weeks=1))
    assert programme.contact("HB3").window == OffsetWindow(AgeSpan(weeks=2), AgeSpan(weeks=2))
    assert programme.contact("EM1").window == OffsetWindow(AgeSpan(weeks=2), AgeSpan(weeks=2))
    assert programme.contact("HB6").window == OffsetWindow(AgeSpan(weeks=4), AgeSpan(weeks=4))
    assert not programme.contact("HB6").window_overridden


def test_screening_and_vaccination_schedules_follow_the_domain() -> None:
    programmes = load_programmes_from(RESOURCES)
    screening = programme_of_kind(programmes, ProgrammeKind.SCREENING)
    barnsakert = [c.target_age for c in screening.contacts if c.forms == ("barnsakert",)]
    assert barnsakert == [
        AgeSpan(weeks=7),
        AgeSpan(months=4),
        AgeSpan(months=10),
        AgeSpan(months=18),
        AgeSpan(months=30),
        AgeSpan(years=4),
    ]
    epds = [c for c in screening.contacts if "epds" in c.forms]
    assert len(epds) == 1
    assert epds[0].window == AgeRangeWindow(AgeSpan(weeks=6), AgeSpan(weeks=8))
    assert [r.value for r in epds[0].respondents] == ["birthing_parent"]
    vaccination = programme_of_kind(programmes, ProgrammeKind.VACCINATION)
    # the general programme (risk-group entries are planned only for children who have the
    # indicator; they are checked below)
    by_age = {c.target_age: set(c.vaccines) for c in vaccination.contacts if not c.only_for}
    assert by_age == {
        AgeSpan(weeks=6): {"rotavirus"},
        AgeSpan(months=3): {"rotavirus", "dtap_ipv_hib_hepb", "pcv"},
        AgeSpan(months=5): {"dtap_ipv_hib_hepb", "pcv"},
        AgeSpan(months=12): {"dtap_ipv_hib_hepb", "pcv"},
        AgeSpan(months=18): {"mmr"},
        AgeSpan(years=5): {"dtap_ipv"},
    }
    risk = {(c.only_for, c.target_age, c.vaccines) for c in vaccination.contacts if c.only_for}
    assert risk == {
        ("bcg_indicated", AgeSpan(weeks=6), ("bcg",)),
        ("mother_hbsag_positive", AgeSpan(), ("hepb",)),
        ("mother_hbsag_positive", AgeSpan(months=1), ("hepb",)),
        ("rotavirus_three_dose", AgeSpan(months=5), ("rotavirus",)),
    }


# ------------------------------------------------------------------ broken files


def _assert_one_sentence_naming(error: ProgrammeFileError, path: Path, json_path: str) -> None:
    message = str(error)
    assert str(path) in message
    assert f" at {json_path}:" in message
    assert error.json_path == json_path
    assert error.file == path
    assert message.endswith(".")
    assert "\n" not in message


def test_missing_field_names_file_and_field(tmp_path: Path) -> None:
    document = _extended_doc()
    del document["contacts"][2]["target_age"]
    path = _write(tmp_path / "region.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$.contacts[2].target_age")
    assert "missing" in str(caught.value)


def test_missing_top_level_field(tmp_path: Path) -> None:
    document = _extended_doc()
    del document["version"]
    path = _write(tmp_path / "region.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$.version")


def test_wrong_type_names_file_and_field(tmp_path: Path) -> None:
    document = _extended_doc()
    document["contacts"][1]["target_age"] = {"months": "two"}
    path = _write(tmp_path / "region.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$.contacts[1].target_age.months")
    assert "integer" in str(caught.value)


def test_wrong_enum_value_names_the_field(tmp_path: Path) -> None:
    document = _extended_doc()
    document["contacts"][0]["kind"] = "video"
    path = _write(tmp_path / "region.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$.contacts[0].kind")


def test_unknown_field_is_named(tmp_path: Path) -> None:
    document = _extended_doc()
    document["contacts"][3]["colour"] = "blue"
    path = _write(tmp_path / "region.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$.contacts[3].colour")


def test_bad_json_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "id": "x",\n  "version" "1"\n}\n', encoding="utf-8")
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$")
    assert "line 3, column 13" in str(caught.value)


def test_missing_file_is_a_programme_file_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$")


def test_programme_file_error_is_a_value_error() -> None:
    assert issubclass(ProgrammeFileError, ValueError)


def test_unknown_theme_is_named(tmp_path: Path) -> None:
    document = _extended_doc()
    document["contacts"][0]["themes"][1] = "astrology"
    path = _write(tmp_path / "region.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$.contacts[0].themes[1]")
    assert "astrology" in str(caught.value)


def test_unknown_role_is_named(tmp_path: Path) -> None:
    document = _extended_doc()
    document["contacts"][4]["participants"][2]["role"] = "plumber"
    path = _write(tmp_path / "region.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$.contacts[4].participants[2]")


def test_duplicate_contact_code_is_named(tmp_path: Path) -> None:
    document = _extended_doc()
    document["contacts"][5]["code"] = "HB1"
    path = _write(tmp_path / "region.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$.contacts[5].code")


def test_age_range_must_contain_the_target(tmp_path: Path) -> None:
    document = _extended_doc()
    document["contacts"][0]["target_age"] = {"days": 20}
    path = _write(tmp_path / "region.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$.contacts[0].window")


def test_a_contact_no_window_rule_covers_is_named(tmp_path: Path) -> None:
    document = _extended_doc()
    document["window_rules"] = document["window_rules"][:2]  # nothing past 12 months
    path = _write(tmp_path / "region.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programme(path, schema_path=SCHEMA)
    _assert_one_sentence_naming(caught.value, path, "$.contacts[5].target_age")


def test_vaccine_defined_in_no_file_names_the_referring_file(tmp_path: Path) -> None:
    folder = tmp_path / "programmes"
    folder.mkdir()
    shutil.copy(SCHEMA, folder)
    shutil.copy(PROGRAMMES / "national_programme.json", folder)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programmes_from(tmp_path)
    # RH04 (index 3) is the first contact with a vaccine
    _assert_one_sentence_naming(
        caught.value, folder / "national_programme.json", "$.contacts[3].vaccines[0]"
    )


def test_a_region_folder_with_a_broken_file_fails_naming_that_file(tmp_path: Path) -> None:
    folder = tmp_path / "programmes"
    shutil.copytree(PROGRAMMES, folder)
    document = json.loads((folder / "screening_schedule.json").read_text(encoding="utf-8"))
    document["contacts"][2]["forms"] = "barnsakert"
    _write(folder / "screening_schedule.json", document)
    with pytest.raises(ProgrammeFileError) as caught:
        load_programmes_from(tmp_path)
    _assert_one_sentence_naming(
        caught.value, folder / "screening_schedule.json", "$.contacts[2].forms"
    )


# ------------------------------------------------------------------ resources_path


def test_resources_path_defaults_to_the_repository_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(RESOURCES_ENV, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert resources_path() == RESOURCES
    assert (resources_path() / "programmes" / "extended_home_visits.json").is_file()


def test_resources_path_honours_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(RESOURCES_ENV, str(tmp_path))
    monkeypatch.setattr(sys, "_MEIPASS", "/somewhere/else", raising=False)
    assert resources_path() == tmp_path


def test_resources_path_inside_a_pyinstaller_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(RESOURCES_ENV, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_path() == tmp_path / "resources"


def test_package_resources_of_an_installed_wheel(tmp_path: Path) -> None:
    """A wheel carries resources/ as hembesok_desktop/_resources (setup.py); that copy wins,
    and nothing next to site-packages is looked at."""
    package = tmp_path / "site-packages" / "hembesok_desktop"
    (package / "_resources" / "programmes").mkdir(parents=True)
    (tmp_path / "site-packages" / "resources" / "programmes").mkdir(parents=True)
    assert package_resources(package) == package / "_resources"


def test_package_resources_of_a_source_checkout(tmp_path: Path) -> None:
    package = tmp_path / "checkout" / "hembesok_desktop"
    package.mkdir(parents=True)
    (tmp_path / "checkout" / "pyproject.toml").write_text("[project]\n")
    assert package_resources(package) == tmp_path / "checkout" / "resources"


def test_package_resources_missing_names_the_installed_folder(tmp_path: Path) -> None:
    """Neither an installed copy nor a checkout: errors then name where the wheel puts them."""
    package = tmp_path / "site-packages" / "hembesok_desktop"
    package.mkdir(parents=True)
    (tmp_path / "site-packages" / "resources").mkdir()
    assert package_resources(package) == package / "_resources"


def test_default_programmes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shutil.copytree(PROGRAMMES, tmp_path / "programmes")
    document = json.loads((tmp_path / "programmes" / EXTENDED.name).read_text(encoding="utf-8"))
    document["version"] = "region-7"
    _write(tmp_path / "programmes" / EXTENDED.name, document)
    monkeypatch.setenv(RESOURCES_ENV, str(tmp_path))
    programmes = load_programmes_from(resources_path())
    assert programmes["extended_home_visits"].version == "region-7"
