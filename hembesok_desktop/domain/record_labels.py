"""Words for every stored code of the child-health records and of identity levels.

The store keeps short ASCII codes (``domain.child_health``: ``exclusive``, ``no_deviation``,
``speech_therapist`` …); what a nurse reads (the timeline, the visit form, the print) is the
:class:`~.programmes.Label` of the code in her language. :func:`label` never returns a code
for a known field: a test checks every allowed value has both words.

Identity levels: Skatteverket's *styrkt*, *sannolik* and *osäker* identitet
(``domain.identity.IdentityLevel``) are stored as ``confirmed``, ``probable`` and
``uncertain`` (:data:`IDENTITY_LEVEL_CODES`); "" is "not recorded".
"""

from __future__ import annotations

from collections.abc import Mapping

from . import child_health as ch
from .identity import IdentityLevel
from .programmes import Label, Language

#: the stored code of each identity level
IDENTITY_LEVEL_CODES: dict[IdentityLevel, str] = {
    "styrkt": "confirmed",
    "sannolik": "probable",
    "osäker": "uncertain",
}
#: every value ``identity_level`` may hold ("" = not recorded)
IDENTITY_LEVEL_VALUES: tuple[str, ...] = ("", *IDENTITY_LEVEL_CODES.values())


def _l(sv: str, en: str) -> Label:
    return Label(sv=sv, en=en)


LABELS: dict[str, dict[str, Label]] = {
    "feeding_status": {
        "exclusive": _l("Helt ammad", "Exclusively breastfed"),
        "partial": _l("Delvis ammad", "Partially breastfed"),
        "none": _l("Ej ammad", "Not breastfed"),
    },
    "given_where": {
        "here": _l("given här", "given here"),
        "elsewhere": _l("given på annat ställe", "given elsewhere"),
    },
    "language_kind": {
        "screening": _l("Språkscreening", "Language screening"),
        "observation": _l("Språkutveckling", "Language development"),
    },
    "age_point": {
        "4w": _l("4 veckor", "4 weeks"),
        "8m": _l("8 månader", "8 months"),
        "18m": _l("18 månader", "18 months"),
        "30m": _l("2,5 år", "2.5 years"),
        "36m": _l("3 år", "3 years"),
        "4y": _l("4 år", "4 years"),
    },
    "language_result": {
        "no_concern": _l("Ingen oro", "No concern"),
        "concern": _l("Oro", "Concern"),
    },
    "language_action": {
        "referral": _l("Remiss", "Referral"),
        "follow_up": _l("Uppföljning", "Follow-up"),
        "advice": _l("Råd", "Advice"),
        "other": _l("Annan åtgärd", "Other action"),
    },
    "tobacco_exposure": {
        "none": _l("Ingen tobaksrök", "No tobacco smoke"),
        "outdoors": _l("Rökning endast utomhus", "Smoking outdoors only"),
        "indoors": _l("Rökning inomhus", "Smoking indoors"),
        "unknown": _l("Okänt", "Not known"),
    },
    "sensory_test": {
        "hearing": _l("Hörselscreening", "Hearing screening"),
        "vision": _l("Synscreening", "Vision screening"),
    },
    "sensory_result": {
        "no_deviation": _l("Utan anmärkning", "No deviation"),
        "deviation": _l("Avvikelse", "Deviation"),
        "not_done": _l("Ej genomförd", "Not done"),
    },
    "interpreter_form": {
        "on_site": _l("på plats", "on site"),
        "phone": _l("via telefon", "by phone"),
        "video": _l("via video", "by video"),
    },
    "referral_receiver": {
        "speech_therapist": _l("Logoped", "Speech therapist"),
        "audiology": _l("Hörselvården", "Audiology"),
        "ophthalmology": _l("Ögonmottagningen", "Ophthalmology"),
        "paediatrician": _l("Barnläkare", "Paediatrician"),
        "child_psychiatry": _l("Barn- och ungdomspsykiatrin", "Child psychiatry"),
        "social_services": _l("Socialtjänsten", "Social services"),
        "dental_care": _l("Tandvården", "Dental care"),
        "other": _l("Annan mottagare", "Other receiver"),
    },
    "referral_reason": {
        "language": _l("Språk", "Language"),
        "hearing": _l("Hörsel", "Hearing"),
        "vision": _l("Syn", "Vision"),
        "growth": _l("Tillväxt", "Growth"),
        "development": _l("Utveckling", "Development"),
        "psychosocial": _l("Psykosocialt", "Psychosocial"),
        "feeding": _l("Mat och amning", "Feeding"),
        "other": _l("Annat", "Other"),
    },
    "record_kind": {
        ch.RecordKind.FEEDING: _l("Amning och mat", "Feeding"),
        ch.RecordKind.TOBACCO_SMOKE: _l("Tobaksrök i hemmet", "Tobacco smoke at home"),
        ch.RecordKind.LANGUAGE_SCREENING: _l("Språkscreening", "Language screening"),
        ch.RecordKind.HEARING_SCREENING: _l("Hörselscreening", "Hearing screening"),
        ch.RecordKind.VISION_SCREENING: _l("Synscreening", "Vision screening"),
    },
    "identity_level": {
        "confirmed": _l("Styrkt identitet", "Confirmed identity"),
        "probable": _l("Sannolik identitet", "Probable identity"),
        "uncertain": _l("Osäker identitet", "Uncertain identity"),
    },
}

#: the allowed values of each field (the store's), so a test can check every one has words
ALLOWED: Mapping[str, tuple[str, ...]] = {
    "feeding_status": ch.FEEDING_STATUSES,
    "given_where": ch.GIVEN_WHERE,
    "language_kind": ch.LANGUAGE_KINDS,
    "age_point": (*ch.TOBACCO_AGE_POINTS, *ch.LANGUAGE_AGE_POINTS),
    "language_result": ch.LANGUAGE_RESULTS,
    "language_action": ch.LANGUAGE_ACTIONS,
    "tobacco_exposure": ch.TOBACCO_EXPOSURES,
    "sensory_test": ch.SENSORY_TESTS,
    "sensory_result": ch.SENSORY_RESULTS,
    "interpreter_form": ch.INTERPRETER_FORMS,
    "referral_receiver": ch.REFERRAL_RECEIVERS,
    "referral_reason": ch.REFERRAL_REASONS,
    "record_kind": tuple(ch.RecordKind),
    "identity_level": tuple(IDENTITY_LEVEL_CODES.values()),
}


def label(field: str, code: str, language: Language = "sv") -> str:
    """The words for ``code`` of ``field``; "" for an empty code, the code if unknown."""
    if not code:
        return ""
    entry = LABELS.get(field, {}).get(code)
    return entry.text(language) if entry is not None else code


def choices(field: str, language: Language = "sv") -> list[tuple[str, str]]:
    """(code, words) of every allowed value of ``field``, in the store's order."""
    return [(code, label(field, code, language)) for code in ALLOWED[field]]


def identity_level_code(level: IdentityLevel | None) -> str:
    """The stored code of a parsed identity level ("" for none)."""
    return IDENTITY_LEVEL_CODES[level] if level is not None else ""
