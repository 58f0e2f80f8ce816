"""A small, hand-worked region for the follow-up figures, built by pushing real changes.

Two teams ("BVC Norr <suffix>" with six children, "BVC Söder <suffix>" with two), one family
per child, every child born 2025-12-01 and enrolled in the extended home-visit programme that
day (inclusion reason ``first_child``). ``TODAY`` is 2026-03-02: only HB1 (window 8-15 Dec)
and HB2 (window around 1 Feb) have windows that ended; HB3's opens in March.

What is recorded (children n1..n6 in Norr, s1..s2 in Söder):

* HB1 done on 10 Dec (inside its window) for n1..n5 and s1; n1's with a phone interpreter;
* HB2 done on 3 Feb (inside) for n1..n3, on 20 Feb (late) for n4;
* EPDS completed on 20 Jan (day 50 of life) for n1..n5 and s1: n1's with a flag, n2's with an
  urgent flag (item 10), the rest without; n6's EPDS is completed but voided;
* a BarnSäkert-style response completed on 3 Feb with a flag for n1 (no follow-up), and an
  in-progress one for n2;
* follow-up actions: on n1's EPDS a BVC conversation, accepted, done, with an outcome; on
  n2's a home visit, declined; in Söder written information offered without a response;
* family n1 needs an interpreter.

The figures the console must show are worked out by hand in the test that uses it
(``tests/server/test_console_followup.py``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Engine

from hembesok_desktop.domain.hlc import HybridLogicalClock
from hembesok_desktop.protocol.wire import Change
from hembesok_desktop.server import admin
from tests.support.server_harness import NURSE_NAME, SyncClient, new_row

TODAY = date(2026, 3, 2)
BORN = "2025-12-01"
PROGRAMME = "extended_home_visits"
NORR = ("n1", "n2", "n3", "n4", "n5", "n6")
SODER = ("s1", "s2")


@dataclass
class Region:
    norr: str
    soder: str
    #: child name (n1..s2) -> (family id, child id)
    children: dict[str, tuple[str, str]] = field(default_factory=dict)


def _at(day: str) -> str:
    return f"{day}T10:00:00+00:00"


class _Builder:
    def __init__(self, clock: HybridLogicalClock) -> None:
        self.clock = clock
        self.changes: list[Change] = []

    def row(self, entity: str, family_id: str, values: dict[str, Any]) -> str:
        row_id = family_id if entity == "family" else str(uuid.uuid4())
        self.changes.append(new_row(entity, row_id, family_id, values, self.clock))
        return row_id

    def contact(self, fam: str, child: str, code: str, day: str, **extra: Any) -> None:
        values = {
            "child_id": child,
            "programme_id": PROGRAMME,
            "contact_code": code,
            "kind": "home",
            "status": "done",
            "planned_date": day,
            "performed_at": _at(day),
            **extra,
        }
        self.row("contact", fam, values)

    def response(
        self, fam: str, child: str, form: str, day: str, flags: list[Any], **extra: Any
    ) -> str:
        values = {
            "child_id": child,
            "form_id": form,
            "form_version": "1.0.0",
            "status": "completed",
            "flags": flags,
            "authored_at": _at(day),
            "completed_at": _at(day),
            **extra,
        }
        return self.row("questionnaire_response", fam, values)


FLAG = {"id": "epds-total", "severity": "flag"}
URGENT = {"id": "epds-item-10", "severity": "urgent"}


def build_region(client: SyncClient, engine: Engine, norr: str, soder: str) -> Region:
    """Push the region through ``client`` (a device of a nurse whose first team is ``norr``,
    who is in ``soder`` too), then move Söder's families to ``soder`` (admin)."""
    region = Region(norr, soder)
    b = _Builder(HybridLogicalClock(f"r{uuid.uuid4().hex[:8]}"))
    for name in (*NORR, *SODER):
        team = norr if name in NORR else soder
        fam = str(uuid.uuid4())
        b.changes.append(
            new_row(
                "family",
                fam,
                fam,
                {
                    "area": "Testområdet",
                    "team_id": team,
                    "interpreter_needed": name == "n1",
                    "created_at": _at("2025-12-01"),
                },
                b.clock,
            )
        )
        child = b.row(
            "child",
            fam,
            {
                "given_name": f"Barn {name}",
                "family_name": "Testsson",
                "birth_date": BORN,
                "sex": "female",
            },
        )
        b.row(
            "enrollment",
            fam,
            {
                "child_id": child,
                "programme_id": PROGRAMME,
                "start_date": BORN,
                "inclusion_reason": "first_child",
                "status": "active",
            },
        )
        region.children[name] = (fam, child)
    kids = region.children
    for name in ("n1", "n2", "n3", "n4", "n5", "s1"):
        extra = {"interpreter_used": True, "interpreter_form": "phone"} if name == "n1" else {}
        b.contact(*kids[name], "HB1", "2025-12-10", **extra)
    for name in ("n1", "n2", "n3"):
        b.contact(*kids[name], "HB2", "2026-02-03")
    b.contact(*kids["n4"], "HB2", "2026-02-20")
    epds = {
        name: b.response(*kids[name], "epds", "2026-01-20", flags)
        for name, flags in (
            ("n1", [FLAG]),
            ("n2", [URGENT]),
            ("n3", []),
            ("n4", []),
            ("n5", []),
            ("s1", []),
        )
    }
    b.response(*kids["n6"], "epds", "2026-01-20", [FLAG], voided_reason="Fel barn")
    b.response(
        *kids["n1"], "barnsakert-style", "2026-02-03", [{"id": "economy", "severity": "flag"}]
    )
    b.response(
        *kids["n2"], "barnsakert-style", "2026-02-03", [], status="in-progress", completed_at=None
    )
    b.row(
        "follow_up_action",
        kids["n1"][0],
        {
            "response_id": epds["n1"],
            "offer_kind": "bvc-conversation",
            "decision": "accepted",
            "status": "done",
            "outcome": "Samtal hållet",
            "offered_at": _at("2026-01-21"),
            "recorded_by": NURSE_NAME,
        },
    )
    b.row(
        "follow_up_action",
        kids["n2"][0],
        {
            "response_id": epds["n2"],
            "offer_kind": "home-visit",
            "decision": "declined",
            "status": "open",
            "offered_at": _at("2026-01-21"),
        },
    )
    b.row(
        "follow_up_action",
        kids["s1"][0],
        {
            "offer_kind": "written-information",
            "decision": "offered",
            "status": "open",
            "offered_at": _at("2026-01-21"),
        },
    )
    answer = client.push(b.changes)
    if answer.rejected:
        raise AssertionError(f"region change refused: {answer.rejected[0].reason}")
    for name in SODER:
        assert admin.move_family(engine, kids[name][0], soder)
    return region
