"""Entry script of the PyInstaller bundle: the ``hembesok`` console script, plus
``--bundle-selftest`` (see ``bundle_selftest.py``) for the packaging tests."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if sys.argv[1:] == ["--bundle-selftest"]:
        from bundle_selftest import run

        sys.exit(run())
    from hembesok_desktop.cli import main

    sys.exit(main())
