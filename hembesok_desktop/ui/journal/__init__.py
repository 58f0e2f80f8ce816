"""The journal tab: signed entries, amendments and voids, and shared helpers of the
documentation tabs (draft saving, store-error sentences, time formatting)."""
