"""The layers import only downwards (README "Layout"): checked on the source, statically.

    cli, ui -> demo, store, sync, protocol, domain
    demo    -> store, server, protocol, domain
    store   -> protocol, domain        sync -> protocol, domain
    server  -> protocol, domain        protocol -> domain        domain -> nothing of ours
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "hembesok_desktop"
OURS = "hembesok_desktop."


def _ours(*names: str) -> tuple[str, ...]:
    return tuple(OURS + name for name in names)


SQL = ("sqlalchemy", "sqlmodel")
WEB = ("httpx", "fastapi", "uvicorn", "starlette")

FORBIDDEN = {
    "domain": (
        "PySide6",
        *_ours("protocol", "store", "sync", "server", "demo", "ui", "cli", "resources"),
        *SQL,
        *WEB,
    ),
    "protocol": (
        "PySide6",
        *_ours("store", "sync", "server", "demo", "ui", "cli", "resources"),
        *SQL,
        *WEB,
    ),
    "store": ("PySide6", *_ours("sync", "server", "demo", "ui", "cli", "resources"), *WEB),
    "sync": ("PySide6", *_ours("store", "server", "demo", "ui", "cli"), *SQL),
    "server": ("PySide6", *_ours("store", "sync", "demo", "ui", "cli")),
    "demo": ("PySide6", *_ours("sync", "ui", "cli")),
    # ui reads through store.read (frozen views) and writes through store.services: never a
    # table model or SQL (store.database.Store, store.errors, store.unit_of_work are fine)
    "ui": (*SQL, *_ours("store.models", "cli", "server")),
    "cli": _ours("server"),
}



def imported_modules(path: Path, package: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    relative_base = ".".join(["hembesok_desktop", *path.relative_to(package).parts[:-1]])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = relative_base.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
                names.add(module)
                names.update(f"{module}.{alias.name}" for alias in node.names)
            elif node.module:
                names.add(node.module)
                if node.module.split(".")[0] == "hembesok_desktop":  # as a relative import
                    names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def violations(layer: str, package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted((package / layer).rglob("*.py")):
        for module in imported_modules(path, package):
            for forbidden in FORBIDDEN[layer]:
                if module == forbidden or module.startswith(forbidden + "."):
                    found.append(f"{path.relative_to(package)} imports {module}")
    return sorted(found)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer: str) -> None:
    assert violations(layer) == []


def test_every_package_has_rules() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(FORBIDDEN)


def test_no_loose_modules_beside_the_packages() -> None:
    """Every module belongs to a layer; only the resources lookup stands beside them."""
    loose = {p.name for p in PACKAGE.glob("*.py")}
    assert loose == {"__init__.py", "resources.py"}


def test_domain_reads_no_environment_and_locates_no_files() -> None:
    """The domain is handed folders and values; it never looks them up on its own."""
    found = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ("os.environ", "getenv", "__file__", "import_module", "platformdirs"):
            if needle in text:
                found.append(f"{path.relative_to(PACKAGE)} uses {needle}")
    assert found == []


def test_the_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    fake = tmp_path / "hembesok_desktop"
    (fake / "domain").mkdir(parents=True)
    (fake / "domain" / "bad.py").write_text(
        "from PySide6 import QtWidgets\nfrom ..store import x\n"
    )
    assert violations("domain", fake) == [
        "domain/bad.py imports PySide6",
        "domain/bad.py imports hembesok_desktop.store",
        "domain/bad.py imports hembesok_desktop.store.x",
    ]


def test_the_check_catches_sql_and_table_models_in_ui(tmp_path: Path) -> None:
    fake = tmp_path / "hembesok_desktop"
    (fake / "ui" / "journal").mkdir(parents=True)
    (fake / "ui" / "journal" / "bad.py").write_text(
        "from sqlmodel import select\n"
        "import sqlalchemy.orm\n"
        "from ...store.models import JournalEntry\n"
        "from ...store.read.views import JournalEntryView\n"
        "from ...store.database import Store\n"
    )
    (fake / "ui" / "absolute.py").write_text(
        "from hembesok_desktop.store import models, unit_of_work\n"
    )
    assert violations("ui", fake) == [
        "ui/absolute.py imports hembesok_desktop.store.models",
        "ui/journal/bad.py imports hembesok_desktop.store.models",
        "ui/journal/bad.py imports hembesok_desktop.store.models.JournalEntry",
        "ui/journal/bad.py imports sqlalchemy.orm",
        "ui/journal/bad.py imports sqlmodel",
    ]
