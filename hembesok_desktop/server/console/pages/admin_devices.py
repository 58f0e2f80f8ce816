"""Devices: every enrolled laptop with its nurse, when it last pushed and pulled and how many of
its changes the server refused; revoking one after a confirmation page.

A revoked device's token is refused (401) on its next push or pull: the laptop must enroll
again. A unit manager sees and revokes the devices of her teams' nurses.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from ... import admin, admin_views
from ...db import write_session
from ..access import AccessTable, ConsoleUser, engine_of
from ..admin_support import (
    ADMINISTRATION,
    Administrator,
    not_found,
    notice_key,
    scope_of,
    when,
)
from ..audit import audit
from ..rendering import NavItem, render

DEVICES = "/console/devices"
REVOKE = f"{DEVICES}/{{device_id}}/revoke"

ACCESS: AccessTable = {
    ("GET", DEVICES): ADMINISTRATION,
    ("GET", REVOKE): ADMINISTRATION,
    ("POST", REVOKE): ADMINISTRATION,
}
NAV = [NavItem(DEVICES, "admin.nav_devices", ADMINISTRATION, order=22)]

DeviceId = Annotated[str, Path(max_length=36)]

router = APIRouter()


@router.get(DEVICES)
def devices(
    request: Request,
    user: Administrator,
    done: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    context = {
        "devices": admin_views.list_devices(engine_of(request), scope_of(user)),
        "notice": notice_key(done),
        "when": when,
    }
    return render(request, "admin/devices.html", context, user=user)


def _device(request: Request, user: ConsoleUser, device_id: str) -> admin_views.DeviceView:
    found = admin_views.find_device(engine_of(request), device_id, scope_of(user))
    if found is None:
        raise not_found()
    return found


@router.get(REVOKE)
def confirm_revoke(request: Request, user: Administrator, device_id: DeviceId) -> Response:
    device = _device(request, user, device_id)
    return render(request, "admin/device_revoke.html", {"device": device, "when": when}, user=user)


@router.post(REVOKE)
def revoke(request: Request, user: Administrator, device_id: DeviceId) -> Response:
    device = _device(request, user, device_id)
    with write_session(engine_of(request)) as session:
        revoked = admin.revoke_device(session, device.device_id)
        if revoked:
            audit(session, user, "device.revoke", device.device_id)
    done = "device_revoked" if revoked else "device_already_revoked"
    return RedirectResponse(f"{DEVICES}?done={done}", status_code=303)
