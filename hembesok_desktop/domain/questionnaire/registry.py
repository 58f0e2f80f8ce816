"""Every version of every form, so a stored response always renders with its own version."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .loader import QuestionnaireLoadError, load_questionnaire
from .model import Questionnaire
from .response import response_canonical


class FormNotFoundError(LookupError):
    """No loaded form matches the url (and version) asked for."""


class FormRegistry:
    """Forms keyed by canonical url and version; ids work as aliases for the url."""

    def __init__(self, forms: Iterable[Questionnaire] = ()) -> None:
        self._forms: dict[str, dict[str, Questionnaire]] = {}
        self._ids: dict[str, str] = {}
        for form in forms:
            self.add(form)

    @classmethod
    def from_directory(cls, path: str | Path) -> FormRegistry:
        """Load every Questionnaire JSON below ``path``. ValueSet and CodeSystem files (or a
        Bundle of them) below ``path`` are the bundled terminology the forms may refer to; other
        JSON files are skipped."""
        registry = cls()
        files = sorted(Path(path).rglob("*.json"))
        terminology = bundled_terminology(files)
        for file in files:
            if _is_questionnaire(file):
                registry.add(load_questionnaire(file, terminology))
        return registry

    def add(self, form: Questionnaire) -> None:
        versions = self._forms.setdefault(form.url, {})
        existing = versions.get(form.version)
        if existing is not None and existing != form:
            raise QuestionnaireLoadError(
                form.source,
                f"version '{form.version}' of {form.url} is already loaded with other content",
            )
        versions[form.version] = form
        if form.id:
            self._ids[form.id] = form.url

    def get(self, url_or_id: str, version: str | None = None) -> Questionnaire:
        """The given version, or the newest when ``version`` is None."""
        url, _, pinned = url_or_id.partition("|")
        version = version if version is not None else (pinned or None)
        versions = self._forms.get(url) or self._forms.get(self._ids.get(url, ""), {})
        if not versions:
            raise FormNotFoundError(f"No form {url!r} is loaded.")
        if version is None:
            return versions[max(versions, key=version_key)]
        if version not in versions:
            raise FormNotFoundError(f"Form {url!r} version {version!r} is not loaded.")
        return versions[version]

    def for_response(self, resource: Mapping[str, Any]) -> Questionnaire:
        """The exact form version a QuestionnaireResponse was written against."""
        url, version = response_canonical(resource)
        return self.get(url, version)

    def versions(self, url_or_id: str) -> list[str]:
        url = self._ids.get(url_or_id, url_or_id)
        return sorted(self._forms.get(url, {}), key=version_key)

    def latest(self) -> list[Questionnaire]:
        """The newest version of each form."""
        return [self.get(url) for url in sorted(self._forms)]

    def __len__(self) -> int:
        return sum(len(v) for v in self._forms.values())


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Order versions naturally: '1.10.0' after '1.9.2'; numbers sort before words."""
    parts = re.split(r"[.\-+]", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


TERMINOLOGY_TYPES = frozenset({"ValueSet", "CodeSystem"})


def bundled_terminology(files: Iterable[Path]) -> dict[str, Mapping[str, Any]]:
    """ValueSets and CodeSystems (alone or in a Bundle) among ``files``, by canonical url."""
    found: dict[str, Mapping[str, Any]] = {}
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        if not isinstance(data, dict):
            continue
        resources: list[Any] = [data]
        if data.get("resourceType") == "Bundle":
            entries = data.get("entry")
            entries = entries if isinstance(entries, list) else []
            resources = [e.get("resource") for e in entries if isinstance(e, dict)]
        for resource in resources:
            if (
                isinstance(resource, dict)
                and resource.get("resourceType") in TERMINOLOGY_TYPES
                and isinstance(resource.get("url"), str)
            ):
                found[resource["url"]] = resource
    return found


def _is_questionnaire(file: Path) -> bool:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return True  # let the loader report it properly
    return isinstance(data, dict) and data.get("resourceType") == "Questionnaire"
