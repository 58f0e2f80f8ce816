"""Cut-offs per language version of a form (EPDS: Rikshandboken lists one per validated version).

A form's scoring extension may give a flag rule a value per language (``languageVersion``
sub-extensions, see resources/forms/README.md). The response's language picks the version:

* a version with a ``value`` uses it instead of the flag rule's own value;
* a version listed without a value (``validated: false``), and any language the form lists no
  version for, has no validated cut-off: the total is **indicative only** and the flag that
  depends on the cut-off is not raised (flags on single items, such as EPDS item 10, still are);
* when no language is given, the form's own language is used.

Pure Python, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageVersion:
    """One language version's cut-off for flag rule ``flag``; ``value`` None: not validated."""

    flag: str
    language: str
    value: float | None
    source: str = ""

    @property
    def validated(self) -> bool:
        return self.value is not None


def version_for(
    versions: Sequence[LanguageVersion], flag: str, language: str
) -> LanguageVersion | None:
    """The version of ``flag`` for ``language`` (exact tag, then primary subtag), or None."""
    mine = [v for v in versions if v.flag == flag]
    exact = next((v for v in mine if v.language.lower() == language.lower()), None)
    if exact is not None:
        return exact
    primary = language.split("-")[0].lower()
    return next((v for v in mine if v.language.split("-")[0].lower() == primary), None)


def cut_off(
    versions: Sequence[LanguageVersion], flag: str, language: str, default: float
) -> float | None:
    """The cut-off flag ``flag`` uses for ``language``; None when that version has none.

    A flag with no language versions at all always uses ``default`` (its own value).
    """
    if not any(v.flag == flag for v in versions):
        return default
    version = version_for(versions, flag, language)
    return version.value if version is not None else None
