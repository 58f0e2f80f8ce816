"""Growth charts against WHO reference centiles (rcpchgrowth is imported only when needed).

The z-scores and reference curves live in ``domain.growth``; ``loader`` keeps the session's
reference; this package's ``__init__`` imports nothing, so it pulls in no widgets."""
