"""Whether a rule set is the packaged pack version it is named after, and if not, where not.

A receipt names its rules by ``name`` and ``version``. For a packaged pack those words read as
"the rules shipped as ``name@version``", yet a pack changed in Python keeps both: the
central-government packs cannot pay without ``with_parameters(tukin_base=...)``, and
``with_value`` or an edited copy of a pack file keep them too. Only the fingerprint told the
difference, and nobody reads a fingerprint. :func:`changes_from_pack` compares the rules with
that packaged version and names what differs, so the receipt can say it in words
(``ruleset_changes``) and the rules written with a result can say it in their header.

The comparison is of the canonical form, the content the fingerprint hashes: a parameter
differs when any of its values, dates, references, sources, notes, unit or description does.
A value supplied with ``with_parameters`` always differs (its reference is
``with_parameters``), even when the number is the pack's own.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from tukin.ruleset.yamlsafe import canonical_json

if TYPE_CHECKING:
    from tukin.ruleset.model import RuleSet

__all__ = ["changes_from_pack", "packaged_canonical"]


def changes_from_pack(ruleset: RuleSet) -> tuple[str, ...]:
    """What differs from the packaged ``name@version``: ``parameters.<name>`` for each
    parameter supplied, replaced, added or removed, and the top-level key of any other part
    (``steps``, ``outputs``, ``title``...), sorted. Empty when the rules are that packaged
    version, or when no packaged pack has that name and version (a rule file of one's own)."""
    pack = packaged_canonical(ruleset.name, ruleset.version)
    if pack is None:
        return ()
    fingerprint, theirs = pack
    if ruleset.fingerprint() == fingerprint:
        return ()
    ours = ruleset.canonical()
    changed: list[str] = []
    mine, shipped = ours.get("parameters", {}), theirs.get("parameters", {})
    for name in sorted(mine.keys() | shipped.keys()):
        if _text(mine.get(name)) != _text(shipped.get(name)):
            changed.append(f"parameters.{name}")
    for key in sorted((ours.keys() | theirs.keys()) - {"parameters"}):
        if _text(ours.get(key)) != _text(theirs.get(key)):
            changed.append(key)
    return tuple(changed)


@functools.lru_cache(maxsize=64)
def packaged_canonical(name: str, version: str) -> tuple[str, dict[str, Any]] | None:
    """``(fingerprint, canonical form)`` of the packaged pack version ``name@version``, or
    None when there is none. Read once per process: a calculation asks on every run, and the
    packaged files do not change under a running program."""
    from tukin import presets
    from tukin.errors import RuleSetError
    from tukin.ruleset.load import load_ruleset

    if name not in presets.names():
        return None
    try:
        found = load_ruleset(presets.path(f"{name}@{version}"))
    except (RuleSetError, OSError):
        return None
    return found.fingerprint(), found.canonical()


def _text(value: Any) -> str:
    return canonical_json(value)
