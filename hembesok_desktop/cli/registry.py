"""How a command module adds its sub-commands, and what a handler gets besides its arguments.

A handler is ``handler(args, context) -> exit code``. ``CommandContext.catalogue()`` loads the
catalogue of programmes, forms and offers once, on the first command that needs it (``init``
and ``sync`` never do), from the resources folder the entry point resolved.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..domain.catalogue import Catalogue, load_catalogue

Handler = Callable[[argparse.Namespace, "CommandContext"], int]


class Register(Protocol):
    def __call__(self, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser: ...


@dataclass
class CommandContext:
    resources: Path
    _catalogue: Catalogue | None = field(default=None, repr=False)

    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = load_catalogue(self.resources)
        return self._catalogue
