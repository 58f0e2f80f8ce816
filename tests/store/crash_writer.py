"""Child process for the kill test: writes families one transaction at a time and prints the id
of each after its commit returned. Run as ``python crash_writer.py DATA_DIR PASSPHRASE COUNT``."""

from __future__ import annotations

import sys
from pathlib import Path

from hembesok_desktop.store.database import Store
from hembesok_desktop.store.services import families, journal


def main() -> None:
    data_dir, passphrase, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = Store.unlock(data_dir, passphrase=passphrase)
    print("ready", flush=True)
    for number in range(count):
        with store.write() as uow:
            family = families.create_family(uow, address=f"Demovägen {number}")
            journal.write_entry(uow, family_id=family.id, text=f"Anteckning {number}")
        print(family.id, flush=True)
    store.lock()


if __name__ == "__main__":
    main()
