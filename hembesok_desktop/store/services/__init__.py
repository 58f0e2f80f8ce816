"""Services: the functions the UI and sync call to change data.

Each takes a ``UnitOfWork`` (from ``Store.write()``) first and keyword arguments after it, checks
its input (``InvalidInput`` with one sentence, nothing written), writes through the unit of work
so the sync change is recorded in the same transaction, and returns the row it wrote.
"""
