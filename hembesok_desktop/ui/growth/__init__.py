"""Growth charts against WHO reference centiles (rcpchgrowth is imported only when needed).

This package's ``__init__`` imports nothing, so ``growth.reference`` (no Qt) can be used by the
visit flow without pulling in widgets."""
