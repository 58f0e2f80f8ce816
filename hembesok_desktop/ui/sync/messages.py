"""One Swedish (translated) sentence for each way a sync or an enrollment can fail, and the
words for the sync's phases. The sync errors carry English sentences for the command line; the
window maps their kinds here instead. Nothing here contains personal data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...domain.hlc import ClockDriftError
from ...store.errors import StoreError
from ...sync import client as sync_client
from ...sync.engine import CLOCK_MESSAGE
from ...sync.session import NotEnrolled
from ..errors import message_for

translate = QCoreApplication.translate


def not_connected() -> str:
    return translate("SyncMessages", "Not connected to a server")


def sync_error_message(error: BaseException) -> str:
    """The sentence the nurse sees when a sync or an enrollment failed."""
    c = sync_client
    if isinstance(error, NotEnrolled):
        return translate(
            "SyncMessages",
            "This laptop is not connected to a server yet; choose Settings → Connect to server….",
        )
    if isinstance(error, c.ServerUnreachable):
        return translate(
            "SyncMessages",
            "The server could not be reached. Check the network connection and sync again; "
            "your changes are kept on this laptop.",
        )
    if isinstance(error, c.ConnectionLost):
        return translate(
            "SyncMessages",
            "The connection to the server was lost during the sync. Sync again to continue; "
            "nothing was lost.",
        )
    if isinstance(error, c.CertificateNotTrusted):
        return translate(
            "SyncMessages",
            "The server's certificate is not trusted. Check the server address or contact "
            "IT support.",
        )
    if isinstance(error, c.DeviceRevoked):
        return translate(
            "SyncMessages",
            "This laptop's access to the server has been revoked. Connect it to the server "
            "again, or contact IT support.",
        )
    if isinstance(error, c.BadCredentials):
        return translate("SyncMessages", "The user name or password is not correct.")
    if isinstance(error, c.InsecureServerUrl):
        return translate(
            "SyncMessages", "The server address must begin with https:// (or be this computer)."
        )
    if isinstance(error, c.ProtocolMismatch):
        return translate(
            "SyncMessages",
            "The server's answer was not understood. Hembesök on this laptop may need to be "
            "updated.",
        )
    if isinstance(error, c.ServerRefused):
        if error.status_code >= 500:
            return translate(
                "SyncMessages", "The server had a problem. Try again later; your changes are kept."
            )
        return translate(
            "SyncMessages",
            "The server refused the sync. Try again later or contact IT support.",
        )
    if isinstance(error, ClockDriftError) or (
        isinstance(error, c.SyncError) and str(error) == CLOCK_MESSAGE
    ):
        return translate(
            "SyncMessages",
            "This laptop's date and time are wrong. Correct them and sync again.",
        )
    if isinstance(error, c.SyncError):
        return translate("SyncMessages", "The sync could not be completed. Try again later.")
    if isinstance(error, StoreError):
        return message_for(error)
    return translate("SyncMessages", "The sync stopped because of an unexpected error.")


def clock_ahead_message() -> str:
    """The server refused changes stamped far ahead of its clock: the laptop's clock is wrong."""
    return translate(
        "SyncMessages",
        "The server refused changes because this computer's clock is wrong (ahead of the "
        "server's). Correct the date and time, then send the refused changes again.",
    )


def set_aside_message(count: int) -> str:
    """Pulled rows this laptop could not store were set aside (shown with refused changes)."""
    return translate(
        "SyncMessages",
        "%n record(s) from the server could not be stored on this laptop and were set aside; "
        "see Conflicts and refused changes. Everything else was synced.",
        "",
        count,
    )


def phase_text(phase: str, done: int, total: int | None) -> str:
    """ "Sending changes 3 of 10" and the like, for the progress bar."""
    if phase == "push":
        return (
            translate("SyncMessages", "Sending changes %1 of %2")
            .replace("%1", str(done))
            .replace("%2", str(total if total is not None else "?"))
        )
    if phase == "pull":
        return translate("SyncMessages", "Receiving changes: %1").replace("%1", str(done))
    if phase == "remove":
        return translate("SyncMessages", "Updating the caseload")
    if phase == "done":
        return translate("SyncMessages", "Finishing")
    return translate("SyncMessages", "Connecting to the server…")
