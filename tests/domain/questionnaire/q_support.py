"""Shared helpers for the questionnaire tests (imported by basename; no package needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hembesok_desktop.domain.questionnaire import Coding, Questionnaire, load_questionnaire

FIXTURES = Path(__file__).parent / "fixtures"
FORMS = Path(__file__).resolve().parents[3] / "resources" / "forms"
EPDS_SYSTEM = "http://hembesok.se/fhir/CodeSystem/epds-option"
YN_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0136"


def form(name: str) -> Questionnaire:
    return load_questionnaire(FORMS / name)


def fixture(name: str) -> Questionnaire:
    return load_questionnaire(FIXTURES / name)


def raw_form(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FORMS / name).read_text(encoding="utf-8"))
    return data


def epds(code: str) -> Coding:
    """An EPDS option by its code, e.g. '3a' = item 3, first option."""
    return Coding(code, EPDS_SYSTEM)


YES = Coding("Y", YN_SYSTEM)
NO = Coding("N", YN_SYSTEM)


def minimal(items: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """A small Questionnaire JSON around ``items``."""
    return {
        "resourceType": "Questionnaire",
        "url": "http://example.org/Questionnaire/test",
        "version": "1",
        "status": "active",
        "item": items,
        **extra,
    }
