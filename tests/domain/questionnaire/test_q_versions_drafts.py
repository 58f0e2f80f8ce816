"""Form versions in the registry, and drafts carried across a version change."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from hembesok_desktop.domain.questionnaire import (
    FormNotFoundError,
    FormRegistry,
    QuestionnaireLoadError,
    build_response,
    migrate_draft,
    parse_questionnaire,
    read_response,
)
from hembesok_desktop.domain.questionnaire.registry import version_key
from tests.domain.questionnaire.q_support import FORMS, epds, raw_form

EPDS_URL = "http://hembesok.se/fhir/Questionnaire/epds"


def _epds_v2() -> dict[str, Any]:
    """EPDS 1.1.0: item 9 removed, item 2 reworded, item 3 rescored, an Arabic fix to item 1,
    item 4 made optional, a new item 11."""
    data = copy.deepcopy(raw_form("epds.json"))
    data["version"] = "1.1.0"
    items = data["item"]
    by_id = {item["linkId"]: item for item in items}
    by_id["epds-1"]["_text"]["extension"][1]["extension"][1]["valueString"] = "نص عربي مصحح"
    by_id["epds-2"]["text"] = "Jag har kunnat glädjas åt saker som ska hända"
    by_id["epds-3"]["answerOption"][0]["extension"][0]["valueDecimal"] = 2
    by_id["epds-4"]["required"] = False
    items.remove(by_id["epds-9"])
    items.append({"linkId": "epds-11", "type": "boolean", "text": "Vill du prata med någon i dag?"})
    depression = data["extension"][0]["extension"][0]["extension"]
    depression.remove({"url": "linkId", "valueString": "epds-9"})
    return data


def test_draft_keeps_unchanged_answers_and_reports_the_rest() -> None:
    old = parse_questionnaire(raw_form("epds.json"))
    new = parse_questionnaire(_epds_v2())
    draft = {
        "epds-1": epds("1b"),
        "epds-2": epds("2a"),
        "epds-3": epds("3a"),
        "epds-4": epds("4d"),
        "epds-9": epds("9c"),
        "epds-10": epds("10d"),
    }
    kept, report = migrate_draft(draft, old, new)
    assert kept == {"epds-1": (epds("1b"),), "epds-4": (epds("4d"),), "epds-10": (epds("10d"),)}
    assert report.dropped_answers == ("epds-2", "epds-3", "epds-9")
    assert report.removed == ("epds-9",)
    assert report.added == ("epds-11",)
    assert {(c.link_id, c.aspects) for c in report.changed} == {
        ("epds-2", ("text",)),
        ("epds-3", ("options",)),
    }
    assert (report.old_version, report.new_version) == ("1.0.0", "1.1.0")
    assert not report.lossless


def test_same_version_migration_is_lossless() -> None:
    form = parse_questionnaire(raw_form("epds.json"))
    kept, report = migrate_draft({"epds-5": epds("5b")}, form, form)
    assert kept == {"epds-5": (epds("5b"),)}
    assert report.lossless and report.changed == () and report.removed == report.added == ()


def test_type_change_drops_the_answer() -> None:
    data = copy.deepcopy(raw_form("barnsakert.json"))
    old = parse_questionnaire(data)
    data["version"] = "2.0.0"
    stress = next(i for i in data["item"] if i["linkId"] == "bs-stress")
    stress.pop("answerOption")
    stress["type"] = "boolean"
    new = parse_questionnaire(data)
    kept, report = migrate_draft({"bs-stress": old.item("bs-stress").options[0].value}, old, new)
    assert kept == {}
    assert report.changed[0].link_id == "bs-stress"
    assert report.changed[0].aspects == ("type", "options")


def test_registry_keeps_every_version_and_renders_a_response_with_its_own(tmp_path: Path) -> None:
    for name in ("epds.json", "barnsakert.json", "followup_offers.json"):
        (tmp_path / name).write_text((FORMS / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "epds-1.1.0.json").write_text(json.dumps(_epds_v2()), encoding="utf-8")
    registry = FormRegistry.from_directory(tmp_path)
    assert len(registry) == 3
    assert registry.versions("epds") == ["1.0.0", "1.1.0"]
    assert registry.get(EPDS_URL).version == "1.1.0"
    assert registry.get("epds", "1.0.0").version == "1.0.0"
    assert registry.get(f"{EPDS_URL}|1.0.0").item("epds-9").link_id == "epds-9"

    old = registry.get(EPDS_URL, "1.0.0")
    stored = build_response(old, {"epds-9": epds("9a")})
    assert stored["questionnaire"] == f"{EPDS_URL}|1.0.0"
    form = registry.for_response(stored)
    assert form is old
    assert read_response(form, stored).answers == {"epds-9": (epds("9a"),)}
    assert [f.version for f in registry.latest()] == ["1.0.0", "1.1.0"]


def test_registry_lookup_errors_and_conflicting_content() -> None:
    registry = FormRegistry.from_directory(FORMS)
    with pytest.raises(FormNotFoundError):
        registry.get("http://example.org/none")
    with pytest.raises(FormNotFoundError):
        registry.get(EPDS_URL, "9.9.9")
    clash = raw_form("epds.json")
    clash["title"] = "Something else"
    with pytest.raises(QuestionnaireLoadError, match="already loaded with other content"):
        registry.add(parse_questionnaire(clash))
    registry.add(parse_questionnaire(raw_form("epds.json")))  # identical content: fine


def test_version_ordering() -> None:
    assert sorted(["1.10.0", "1.9.2", "1.2", "2.0.0-rc1", "2.0.0"], key=version_key) == [
        "1.2",
        "1.9.2",
        "1.10.0",
        "2.0.0",
        "2.0.0-rc1",
    ]
