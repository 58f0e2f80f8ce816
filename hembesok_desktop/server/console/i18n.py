"""The console's languages: Swedish by default, English on request (a cookie).

Messages live in one JSON file per page area, ``messages/<area>.json``, each key holding its
two texts: ``{"title": {"sv": "Logga in", "en": "Sign in"}}``. A template asks for
``t("<area>.<key>")`` (with ``{name}`` placeholders filled from keyword arguments). A page
engineer adds her own file and never edits another's. ``tests/server/console/test_console_i18n.py``
checks that every key has both languages and that every key a template uses exists.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
LANGUAGE_COOKIE = "hembesok_console_lang"
MESSAGES_DIR = Path(__file__).parent / "messages"


class CatalogueError(ValueError):
    """A message file that is not as described above (one sentence naming it)."""


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Every message of every area: ``"area.key"`` -> language -> text."""

    messages: Mapping[str, Mapping[str, str]]

    def text(self, language: str, key: str, **params: object) -> str:
        """The message in ``language``; the key itself when it is missing (the test catches
        that), and the Swedish text when the language is unknown."""
        texts = self.messages.get(key)
        if texts is None:
            return key
        template = texts.get(language) or texts[DEFAULT_LANGUAGE]
        return template.format(**params) if params else template


def load_catalogue(directory: Path = MESSAGES_DIR) -> Catalogue:
    messages: dict[str, dict[str, str]] = {}
    for path in sorted(directory.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise CatalogueError(f"{path.name} must hold one object of messages.")
        for key, texts in raw.items():
            if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
                raise CatalogueError(f"{path.name}: {key} must map languages to texts.")
            messages[f"{path.stem}.{key}"] = dict(texts)
    return Catalogue(messages)


def choose_language(cookie: str | None) -> str:
    return cookie if cookie in LANGUAGES else DEFAULT_LANGUAGE
