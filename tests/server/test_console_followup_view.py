"""What the follow-up page writes for each viewer (``console.followup_view``): exact counts for
the administrator and unit manager, "<5" for the follow-up role, shares only where both
counts are shown, and charts whose suppressed bars carry no length."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hembesok_desktop.domain.evaluation import AggregateRow
from hembesok_desktop.server.console.followup_view import (
    Counts,
    participation,
    participation_chart,
)

P = "extended_home_visits"
ROWS = (
    AggregateRow(P, "T", "HB1", "contacts_made", "", 5, 6),
    AggregateRow(P, "T", "HB1", "contacts_on_time", "", 5, 6),
    AggregateRow(P, "T", "HB2", "contacts_made", "", 4, 6),
    AggregateRow(P, "T", "HB2", "contacts_on_time", "", 0, 6),
    AggregateRow(P, "T", "EM1", "contacts_made", "", 1, 1),
    AggregateRow(P, "T", "EM1", "contacts_on_time", "", 1, 1),
    AggregateRow(P, "U", "HB1", "contacts_made", "", 9, 9),
    AggregateRow(P, "U", "HB1", "contacts_on_time", "", 9, 9),
)


def _t(key: str, **params: object) -> str:
    return f"{key}:{','.join(f'{k}={v}' for k, v in sorted(params.items()))}"


def test_the_follow_up_role_sees_counts_below_5_as_suppressed() -> None:
    rows = participation(ROWS, "T", Counts(exact=False))
    cells = [(r.code, r.planned, r.made, r.on_time, r.made_share, r.on_time_share) for r in rows]
    assert cells == [
        ("HB1", "6", "5", "5", "83 %", "83 %"),
        ("HB2", "6", "<5", "<5", "", ""),
        ("EM1", "<5", "<5", "<5", "", ""),
    ]


def test_exact_viewers_see_every_count() -> None:
    rows = participation(ROWS, "T", Counts(exact=True))
    cells = [(r.code, r.planned, r.made, r.on_time, r.made_share, r.on_time_share) for r in rows]
    assert cells == [
        ("HB1", "6", "5", "5", "83 %", "83 %"),
        ("HB2", "6", "4", "0", "67 %", "0 %"),
        ("EM1", "1", "1", "1", "100 %", "100 %"),
    ]


def test_a_suppressed_bar_has_no_length_and_says_so() -> None:
    svg = ET.fromstring(participation_chart(ROWS, "T", Counts(exact=False), _t))
    ns = "{http://www.w3.org/2000/svg}"
    bars = [r for r in svg.iter(f"{ns}rect") if r.get("class") == "chart-bar"]
    assert len(bars) == 1  # HB1 only: HB2 and EM1 hold a count below 5
    texts = [t.text for t in svg.iter(f"{ns}text")]
    assert texts == [
        "HB1",
        "followup.made_of:made=5,planned=6",
        "HB2",
        "followup.made_of:made=<5,planned=6",
        "EM1",
        "followup.made_of:made=<5,planned=<5",
    ]
