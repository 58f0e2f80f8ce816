"""Everything demo, in one place: clearly fictional people, a demo caseload, the demo store,
and an embedded central server on loopback.

- ``people``: invented names, streets and phone numbers (numbers valid in form only);
- ``caseload``: ``fill_demo_caseload`` writes a synthetic caseload through the store's services;
- ``store``: the demo store's folder, passphrase and marker (``hembesok --demo``);
- ``server``: ``start_embedded_server`` serves the reference server on a SQLite file, with a
  demo team and the demo nurse; ``enroll_demo_device`` enrolls a demo store with it.

``DEMO_NURSE`` is the one demo nurse: the store's actor, the server's nurse and the author of
every demo journal entry. Nothing here is imported by domain, protocol, store, sync or server.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DemoNurse:
    username: str
    full_name: str
    title: str


DEMO_NURSE = DemoNurse(username="demo", full_name="Demo Sköterska", title="BVC-sjuksköterska")
DEMO_TEAM = "BVC Demo"

__all__ = ["DEMO_NURSE", "DEMO_TEAM", "DemoNurse"]
