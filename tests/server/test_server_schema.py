"""The Alembic migrations build exactly the tables the models declare, on both engines; the
server package stays inside its architectural boundary."""

from __future__ import annotations

import ast
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

import hembesok_desktop.server
from hembesok_desktop.server.db import upgrade
from hembesok_desktop.server.models import ServerModel


def test_migrations_match_the_models(engine: Engine) -> None:
    upgrade(engine)  # a second run is a no-op
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, ServerModel.metadata)
    assert diff == []
    assert {"record", "applied_change", "device_family", "access_log"} <= set(
        inspect(engine).get_table_names()
    )


FORBIDDEN = ("hembesok_desktop.store", "hembesok_desktop.ui", "PySide6")


def test_the_server_imports_only_sync_and_domain_from_the_app() -> None:
    root = Path(hembesok_desktop.server.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert not name.startswith(FORBIDDEN), f"{path.name} imports {name}"
