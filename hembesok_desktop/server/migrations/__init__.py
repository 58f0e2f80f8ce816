"""Alembic migrations of the central server's database, driven programmatically (no alembic.ini).

Run them with ``hembesok_desktop.server.db.upgrade(engine)``; ``serve`` and ``admin`` do so on
start. ``env.py`` uses the connection handed over in ``config.attributes["connection"]``.
"""
