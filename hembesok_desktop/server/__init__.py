"""The reference central server: FastAPI app, its own tables, auth, scoping, admin CLI.

Imports ``domain`` and ``sync``, never ``store`` or ``ui``. Modules:

* ``app``      ``create_app(settings)`` / ``app_factory()`` (one per worker process): health,
               readiness, enroll, push, pull (OpenAPI at /docs)
* ``settings`` ``ServerSettings``: what reaches every worker, through the environment
* ``compression`` zstd / gzip responses as the client's Accept-Encoding offers
* ``models``   SQLModel tables on their own registry/MetaData (``ServerModel``)
* ``db``       engines (SQLite file or PostgreSQL), transaction kinds, advisory locks, migrations
               (their own step) and the check that refuses an unmigrated database
* ``migrations`` Alembic, driven programmatically (no alembic.ini)
* ``auth``     Argon2id passwords, device tokens (only SHA-256 stored), bearer dependency
* ``scope``    device -> nurse -> teams -> families
* ``push``     idempotent, quarantining, rule-checking, merging application of a batch
* ``feed``     the change feed and why its cursor never skips a commit (advisory lock)
* ``pull``     pages of current row states, back-fill and ``removed_families`` (generations)
* ``admin``    administration functions; ``cli`` the ``hembesok-server`` command
* ``testing``  helpers for tests anywhere: PostgreSQL cluster, server process, tiny client
"""
