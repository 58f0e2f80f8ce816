"""The shipped catalogue of programmes, forms and offers, loaded once for the whole test run
(the application loads it once at each entry point and passes it down, as tests do)."""

from __future__ import annotations

from hembesok_desktop.domain.catalogue import Catalogue, load_catalogue
from hembesok_desktop.resources import resources_path

CATALOGUE: Catalogue = load_catalogue(resources_path())
