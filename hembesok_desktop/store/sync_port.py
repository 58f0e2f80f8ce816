"""The store's side of enrollment, in the protocol's types: keep the server's enroll answer.

``save_enrollment`` stores the device id and token (inside the encrypted store) and the nurse
as the store's actor, so signatures carry her name and title. Used by ``hembesok enroll``, the
window's enroll dialog and the demo.
"""

from __future__ import annotations

from ..protocol.wire import EnrollResponse
from . import replica
from .database import Store
from .unit_of_work import Actor


def save_enrollment(
    store: Store, answer: EnrollResponse, *, server_url: str, ca_file: str | None = None
) -> str:
    """Keep the server's enrollment answer in the store: device, token and the nurse as actor."""
    nurse = answer.nurse
    replica.save_enrollment(
        store,
        server_url=server_url,
        device_id=answer.device_id,
        device_token=answer.token,
        ca_file=ca_file,
        actor=Actor(
            username=nurse.username,
            full_name=nurse.full_name,
            title=nurse.title,
            care_unit=nurse.teams[0] if nurse.teams else "",
        ),
    )
    return answer.device_id
