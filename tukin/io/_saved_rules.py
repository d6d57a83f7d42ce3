"""The rules used, filed with the result they computed, and read back for ``tukin verify``.

A receipt names its rules by name, version and fingerprint; the rules themselves were kept
nowhere. For a packaged pack that is enough (``name@version`` loads them again), but rules
built in Python are not (the central-government packs pay only after
``with_parameters(tukin_base=...)``), and years later verify could only answer
``receipt_rules_unknown``. So every result file carries the rules as a rule file
(:meth:`~tukin.ruleset.model.RuleSet.to_yaml`), in the form the file already uses for the
receipt:

* CSV: ``<name>.rules.yaml`` beside it, as ``<name>.receipt.json`` is;
* JSON document: the key ``rules`` (the YAML text);
* Parquet: the metadata key ``tukin.rules``;
* workbook: the sheet ``Aturan`` (``Rules``), one line of the YAML a row, for people to read
  and for verify to load.

The rules are filed as they are; whether they are the receipt's is for verify to decide, by
their fingerprint against the receipt's (an edited rules file fails verification).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tukin.ruleset.model import RuleSet

__all__ = [
    "RULES_SHEET",
    "filed_ruleset",
    "read_saved_rules",
    "rules_beside",
    "rules_text",
    "write_rules_sheet",
]

#: The workbook sheet holding the rules: (Indonesian, English).
RULES_SHEET = ("Aturan", "Rules")
_SHEET_HEAD = (
    "Aturan yang dipakai (berkas aturan YAML; tukin verify membacanya)",
    "Rules used (a rule file in YAML; tukin verify reads it)",
)
#: The Parquet metadata key of the rules.
PARQUET_KEY = b"tukin.rules"


def rules_text(result: Any) -> str | None:
    """The rules that computed ``result`` as rule-file YAML; None when it has none."""
    ruleset = getattr(result, "ruleset", None)
    return None if ruleset is None else str(ruleset.to_yaml())


def rules_beside(path: Path) -> Path:
    """``<name>.rules.yaml`` next to the CSV ``<name>.csv`` (or its ``<name>.receipt.json``)."""
    stem = (
        path.name.removesuffix(".receipt.json")
        if path.name.endswith(".receipt.json")
        else path.stem
    )
    return path.with_name(stem + ".rules.yaml")


def write_rules_sheet(wb: Any, text: str, lang: str) -> None:
    """The sheet of the rules: a header, then the YAML a line a row in column A, kept as text
    exactly (a line such as ``- id: x`` is not neutralised into ``'- id: x``)."""
    from tukin.io._xlsx import style_header, write_rows

    i = 0 if lang == "id" else 1
    ws = wb.create_sheet(RULES_SHEET[i])
    write_rows(ws, [[_SHEET_HEAD[i]]])
    write_rows(ws, ([line] for line in text.split("\n")), start=2, exact=True)
    style_header(ws)
    ws.column_dimensions["A"].width = 110


def read_saved_rules(path: str | Path) -> tuple[str, str] | None:
    """``(rule-file YAML, where it was read)`` filed with the result at ``path`` (a result
    file, or the ``.receipt.json`` beside a CSV); None when it holds none. Reading problems
    are None too: the rules are then simply not available, as for an older result file."""
    p = Path(path)
    try:
        if p.name.endswith((".receipt.json", ".csv")):
            beside = rules_beside(p)
            if beside.is_file():
                return beside.read_text(encoding="utf-8-sig"), beside.name
            return None
        suffix = p.suffix.lower()
        if suffix == ".json":
            doc = json.loads(p.read_text(encoding="utf-8-sig"))
            text = doc.get("rules") if isinstance(doc, dict) else None
            return (text, f"{p.name} (rules)") if isinstance(text, str) else None
        if suffix == ".parquet":
            return _from_parquet(p)
        if suffix == ".xlsx":
            return _from_workbook(p)
    except (OSError, ValueError, RecursionError):
        return None
    return None


def filed_ruleset(path: str | Path) -> tuple[RuleSet, str] | None:
    """The rules filed with the result at ``path``, loaded, and where they were read; None
    when it holds none. Their fingerprint is not checked here: verify compares it with the
    receipt's like every field, so an edited rules file fails verification, by name. A
    rules file that no longer loads raises :class:`~tukin.errors.RuleSetError` with its
    line, in ``where``."""
    from tukin.ruleset.load import build_ruleset
    from tukin.ruleset.yamlsafe import load_text

    kept = read_saved_rules(path)
    if kept is None:
        return None
    text, where = kept
    data, lines = load_text(text, where)
    return build_ruleset(data, lines, where), where


def filed_in_document(doc: Mapping[str, Any], label: str) -> tuple[RuleSet, str] | None:
    """The rules filed in a result document handed over parsed (its key ``rules``), as
    :func:`filed_ruleset` reads them from the file; None when it holds none."""
    from tukin.ruleset.load import build_ruleset
    from tukin.ruleset.yamlsafe import load_text

    text = doc.get("rules")
    if not isinstance(text, str):
        return None
    where = f"{label} (rules)"
    data, lines = load_text(text, where)
    return build_ruleset(data, lines, where), where


def _from_parquet(path: Path) -> tuple[str, str] | None:
    try:
        import pyarrow.parquet as pq

        meta = pq.read_schema(path).metadata or {}
    except Exception:  # no pyarrow, or a damaged file: no rules to be had from it
        return None
    raw = meta.get(PARQUET_KEY)
    return (raw.decode("utf-8"), f"{path.name} ({PARQUET_KEY.decode()})") if raw else None


def _from_workbook(path: Path) -> tuple[str, str] | None:
    import openpyxl

    from tukin.io.safe import Limits, inspect_xlsx

    try:
        inspect_xlsx(path, Limits())
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises anything from KeyError to lxml errors
        return None
    try:
        for title in RULES_SHEET:
            if title in wb.sheetnames:
                rows = wb[title].iter_rows(min_row=2, max_col=1, values_only=True)
                lines = ["" if row[0] is None else str(row[0]) for row in rows]
                return "\n".join(lines), f"{path.name} ({title})"
    finally:
        wb.close()
    return None
