"""The catalogue: every programme, form and follow-up offer the application knows, with their
translations, loaded once at an entry point (command line, window, server, demo) and passed
down to whatever needs it.

``load_catalogue(folder)`` reads a resources folder laid out as the shipped one (``forms/`` with
FHIR Questionnaires and ``followup_offers.json``, ``programmes/`` with the programme files and
their schema). The domain never decides *which* folder: the entry point does (the shipped
resources, or a region's own folder named by ``HEMBESOK_RESOURCES``) and hands it here. Every
file is read and checked at load, so a broken region file is one clear error at start-up,
never a surprise on the GUI thread later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .programmes import Language, Programme, load_programmes_from
from .questionnaire import FormRegistry, Offer
from .questionnaire.followup import OFFERS_FILE, load_offers

FORMS_DIRNAME = "forms"


@dataclass(frozen=True)
class Catalogue:
    """Programmes by id, the form registry and the follow-up offers; read-only."""

    programmes: Mapping[str, Programme]
    forms: FormRegistry = field(compare=False)
    offers: tuple[Offer, ...]
    #: the resources folder this was read from (translations and icons live beside)
    folder: Path | None = field(default=None, compare=False)

    def programme(self, programme_id: str) -> Programme:
        """The programme with ``programme_id``; KeyError when the catalogue has none."""
        return self.programmes[programme_id]

    @property
    def offer_ids(self) -> frozenset[str]:
        return frozenset(offer.id for offer in self.offers)

    def offer_label(self, offer_id: str, language: Language = "sv") -> str:
        """The offer's label in ``language``; the id itself for an offer no longer listed."""
        for offer in self.offers:
            if offer.id == offer_id:
                return offer.label.text(language)
        return offer_id

    def form_title(self, form_key: str, language: Language = "sv") -> str:
        """The title of the newest form whose id or canonical url is ``form_key``."""
        for form in self.forms.latest():
            if form_key in (form.id, form.url):
                return form.title.text(language) or form_key
        return form_key

    def role_label(self, role_id: str, language: Language = "sv") -> str:
        """A participant role's label from any programme; the id when no programme has it."""
        for programme in self.programmes.values():
            for role in programme.roles:
                if role.id == role_id:
                    return role.label.text(language)
        return role_id

    def theme_label(self, theme_id: str, language: Language = "sv") -> str:
        """A visit theme's label from any programme; the id when no programme has it."""
        for programme in self.programmes.values():
            for theme in programme.themes:
                if theme.id == theme_id:
                    return theme.label.text(language)
        return theme_id


def load_catalogue(folder: Path | str) -> Catalogue:
    """Read and check every programme, form and offer in the resources ``folder``."""
    base = Path(folder)
    forms_dir = base / FORMS_DIRNAME
    return Catalogue(
        programmes=MappingProxyType(load_programmes_from(base)),
        forms=FormRegistry.from_directory(forms_dir),
        offers=load_offers(forms_dir / OFFERS_FILE),
        folder=base,
    )
