"""Offers to suggest after a positive screen (BarnSäkert-style follow-up).

The kinds of offer live in ``resources/forms/followup_offers.json`` (data a region can change;
loaded into the catalogue, ``domain.catalogue``):
a conversation at the BVC (with or without social services), a home visit (with or without social
services), a referral to another agency or a voluntary organisation, and written information.
``suggest_offers`` lists them for every flagged area; the nurse records what was offered, what
the family chose and the outcome elsewhere. An urgent flag (e.g. EPDS item 10) is marked
``urgent``: it calls for the nurse's immediate clinical judgement, not only an offer.

A kind of offer may be tied to a severity (``"for_severity": "urgent"`` in the file): the
"acute assessment the same day" is suggested only for an urgent flag, first, and
``required_offer_ids`` names the offers one of which must be recorded before a response with
such a flag is closed (``store.services.clinical.complete_response`` enforces it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from .model import LocalizedText, Severity
from .scoring import ScoreResult

OFFERS_FILE = "followup_offers.json"


class OfferFileError(ValueError):
    """The offers file is missing or malformed."""


@dataclass(frozen=True)
class Offer:
    id: str
    kind: str
    label: LocalizedText
    #: offered only for a flag of this severity (and then required); None: for any finding
    for_severity: Severity | None = None


@dataclass(frozen=True)
class OfferSuggestion:
    area: str
    area_label: LocalizedText
    severity: Severity
    flag_ids: tuple[str, ...]
    offers: tuple[Offer, ...]
    #: the labels of the area's urgent flags (e.g. "Thoughts of self-harm (item 10)")
    urgent_labels: tuple[LocalizedText, ...] = ()

    @property
    def urgent(self) -> bool:
        return self.severity == "urgent"


def load_offers(path: str | Path) -> tuple[Offer, ...]:
    """Read the offer kinds from ``path`` (the shipped one is ``forms/followup_offers.json``)."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return tuple(_offer(kind, raw) for kind in data["kinds"] for raw in kind["offers"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise OfferFileError(f"The follow-up offers file {file} cannot be read: {exc}") from exc


def suggest_offers(score_result: ScoreResult, offers: Sequence[Offer]) -> list[OfferSuggestion]:
    """One suggestion per flagged area, in flag order, each listing every offer (from the
    catalogue: ``Catalogue.offers``)."""
    by_area: dict[str, list[Any]] = {}
    for flag in score_result.flags:
        by_area.setdefault(flag.area or flag.id, []).append(flag)
    suggestions = []
    for area, flags in by_area.items():
        severity: Severity = "urgent" if any(f.severity == "urgent" for f in flags) else "positive"
        area_flag = next((f for f in flags if f.id == area), flags[0])
        urgent = tuple(f.label for f in flags if f.severity == "urgent")
        suggestions.append(
            OfferSuggestion(
                area,
                area_flag.label,
                severity,
                tuple(f.id for f in flags),
                _offers_for(severity, offers),
                urgent,
            )
        )
    return suggestions


def required_offer_ids(offers: Sequence[Offer], severity: Severity = "urgent") -> frozenset[str]:
    """The offers tied to ``severity``: one of them must be recorded before closing."""
    return frozenset(offer.id for offer in offers if offer.for_severity == severity)


def _offers_for(severity: Severity, offers: Sequence[Offer]) -> tuple[Offer, ...]:
    """The offers tied to ``severity`` first, then those for any finding."""
    tied = [offer for offer in offers if offer.for_severity == severity]
    return tuple(tied + [offer for offer in offers if offer.for_severity is None])


def _offer(kind: Mapping[str, Any], raw: Mapping[str, Any]) -> Offer:
    severity = kind.get("for_severity")
    if severity not in (None, "positive", "urgent"):
        raise ValueError(f"unknown for_severity {severity!r}")
    return Offer(
        id=str(raw["id"]),
        kind=str(kind["id"]),
        label=_label(raw["label"]),
        for_severity=cast(Severity | None, severity),
    )


def _label(labels: Mapping[str, str]) -> LocalizedText:
    default = labels["sv"]
    return LocalizedText(
        default, tuple((lang, text) for lang, text in labels.items() if lang != "sv")
    )


def awaits_urgent_offer(status: str, flags: Sequence[Any]) -> bool:
    """True for an in-progress response held open with an urgent flag until its acute offer
    is recorded (``store.services.clinical.hold_urgent_response``)."""
    return status == "in-progress" and any(
        isinstance(flag, dict) and flag.get("severity") == "urgent" for flag in flags
    )
