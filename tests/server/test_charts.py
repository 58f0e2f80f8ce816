"""The console's SVG bar charts: well-formed XML, labelled for assistive technology, figures as
text beside every bar (never colour alone), suppressed figures drawn without a bar."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hembesok_desktop.server.charts import Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_a_chart_is_valid_svg_with_title_desc_and_text_for_every_bar() -> None:
    bars = [
        Bar("HB1 <hem>", 5 / 6, "5 av 6 (83 %)"),
        Bar("HB2 & co", None, "<5"),
    ]
    root = ET.fromstring(bar_chart("Genomförda besök", "Per kontakt.", bars))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Genomförda besök"
    assert desc is not None and desc.text is not None
    assert "HB1 <hem>: 5 av 6 (83 %)" in desc.text and "HB2 & co: <5" in desc.text
    labelled = (root.get("aria-labelledby") or "").split()
    assert labelled == [title.get("id"), desc.get("id")]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["HB1 <hem>", "5 av 6 (83 %)", "HB2 & co", "<5"]
    filled = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart-bar"]
    assert len(filled) == 1  # the suppressed figure has its outline only
    track = next(r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart-track")
    assert int(filled[0].get("width", "0")) == round(int(track.get("width", "0")) * 5 / 6)
    tracks = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "chart-track"]
    # the suppressed figure's outline is dashed, unlike a bar of zero
    assert [r.get("stroke-dasharray") for r in tracks] == [None, "4 3"]


def test_two_charts_on_one_page_have_distinct_ids() -> None:
    first = ET.fromstring(bar_chart("A", "", [Bar("x", 1.0, "1")]))
    second = ET.fromstring(bar_chart("B", "", [Bar("x", 0.0, "0")]))
    ids = {e.get("id") for root in (first, second) for e in root if e.get("id")}
    assert len(ids) == 4
