"""The console's message catalogues: every key in both languages, every key a template or a
page uses exists, and the keys built from a role's name exist for every role."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hembesok_desktop.server.console.i18n import (
    LANGUAGES,
    CatalogueError,
    load_catalogue,
)
from hembesok_desktop.server.console.mount import page_modules
from hembesok_desktop.server.console.rendering import TEMPLATES_DIR
from hembesok_desktop.server.console.roles import Role

CATALOGUE = load_catalogue()
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_]+\.[a-z0-9_.]+)["']\s*[,)]""")
#: a message key handed over from Python: ``error="area.key"``, ``message="..."`` or
#: ``ConsoleRefused(404, "area.key")``
PYTHON_KEY = re.compile(
    r"""(?:\b(?:error|message|notice)=|ConsoleRefused\(\d+,\s*)["']([a-z0-9_]+\.[a-z0-9_]+)["']"""
)


def test_every_message_has_swedish_and_english() -> None:
    assert len(CATALOGUE.messages) > 20
    for key, texts in CATALOGUE.messages.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key


def test_every_key_a_template_asks_for_exists() -> None:
    used: set[str] = set()
    for path in TEMPLATES_DIR.rglob("*.html"):
        used.update(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    assert "signin.title" in used
    assert sorted(used - CATALOGUE.messages.keys()) == []


def test_every_key_a_page_module_names_exists() -> None:
    """Keys in the Python of the pages: navigation labels and ``ConsoleRefused`` messages."""
    named: set[str] = set()
    for module in page_modules():
        named.update(item.label_key for item in getattr(module, "NAV", ()))
    for path in Path(TEMPLATES_DIR).parent.rglob("*.py"):
        named.update(PYTHON_KEY.findall(path.read_text(encoding="utf-8")))
    assert "signin.bad_code" in named and "common.forbidden" in named and "start.nav" in named
    assert sorted(named - CATALOGUE.messages.keys()) == []


def test_role_keys_exist_for_every_role() -> None:
    for role in Role:
        assert f"common.role_{role.value}" in CATALOGUE.messages
        assert f"start.about_{role.value}" in CATALOGUE.messages


def test_a_missing_key_shows_itself_and_placeholders_are_filled() -> None:
    assert CATALOGUE.text("sv", "nowhere.key") == "nowhere.key"
    assert CATALOGUE.text("en", "start.welcome", name="Anna") == "Welcome, Anna"
    assert CATALOGUE.text("xx", "signin.title") == "Logga in"


def test_a_malformed_message_file_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"title": "no languages"}', encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"broken\.json"):
        load_catalogue(tmp_path)
