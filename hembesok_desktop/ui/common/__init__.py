"""Helpers the documentation tabs share: draft saving, store-error sentences, time formatting,
and the ``alive`` check for results that arrive after their widget was deleted."""
