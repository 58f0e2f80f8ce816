"""The console's page modules, one per page area; ``console.mount`` includes every module here.

Each module has ``router`` (an ``APIRouter``; paths relative to ``/console``), ``ACCESS`` (who
may use each of its routes, by method and full path) and, if it has entries in the navigation,
``NAV``. See the package docstring of ``hembesok_desktop.server.console``.
"""
