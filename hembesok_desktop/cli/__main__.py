"""``python -m hembesok_desktop.cli``: the same as the ``hembesok`` command."""

import sys

from . import main

sys.exit(main())
