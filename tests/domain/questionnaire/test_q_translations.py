"""Texts in the chosen language, falling back to the form's default (Swedish) text."""

from __future__ import annotations

import pytest

from hembesok_desktop.domain.questionnaire import LocalizedText, score
from tests.domain.questionnaire.q_support import epds, form

EPDS = form("epds.json")
BS = form("barnsakert.json")


def test_title_in_every_declared_language() -> None:
    assert EPDS.language == "sv"
    assert EPDS.title.text(None).startswith("EPDS – frågor")
    assert EPDS.title.text("en").startswith("EPDS – questions")
    assert set(EPDS.title.languages()) == {"en", "ar", "so", "ti", "fa-AF"}


@pytest.mark.parametrize("lang", ["en", "ar", "so"])
def test_every_text_has_en_ar_so(lang: str) -> None:
    for questionnaire in (EPDS, BS):
        for item in questionnaire.iter_items():
            assert item.text is not None
            assert item.label(lang) != item.label(None), (questionnaire.id, item.link_id, lang)
            for option in item.options:
                assert option.label.text(lang) != option.label.default


def test_item_and_option_text() -> None:
    item = EPDS.item("epds-10")
    assert item.label("en") == "The thought of harming myself has occurred to me"
    assert item.label("sv") == "Tanken på att skada mig själv har funnits hos mig"
    assert item.options[0].label.text("so") == "Haa, marar badan"
    assert item.options[0].label.text("ar") == "نعم، غالبًا"


def test_fallback_to_default_when_a_language_is_missing() -> None:
    item = EPDS.item("epds-1")
    assert (
        item.label("ti") == item.label(None) == "Jag har kunnat skratta och se det roliga i saker"
    )
    assert item.label("xx") == item.label("") == item.label(None)


def test_region_and_primary_language_matching() -> None:
    assert BS.title.text("en-GB") == BS.title.text("en")
    assert (
        BS.title.text("fa") == BS.title.text("fa-AF") == "پرسش‌ها برای والدین درباره زندگی خانواده"
    )
    assert BS.title.text("EN_us") == BS.title.text("en")


def test_yes_no_in_tigrinya_and_dari() -> None:
    yes, no = BS.item("bs-food").options
    assert (yes.label.text("ti"), no.label.text("ti")) == ("እወ", "ኣይፋል")
    assert (yes.label.text("fa-AF"), no.label.text("fa-AF")) == ("بلی", "نخیر")


def test_flag_labels_sv_en() -> None:
    (flag,) = score(EPDS, {"epds-10": epds("10b")}).flags
    assert flag.label_sv == "Tankar på att skada sig själv (fråga 10)"
    assert flag.label_en == "Thoughts of self-harm (item 10)"


def test_localized_text_without_translations() -> None:
    text = LocalizedText("Hej")
    assert text.text("en") == "Hej"
    assert text.languages() == ()
