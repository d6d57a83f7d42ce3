"""The monitoring report as files: the workbook for people, CSV and JSON for other systems.

The brief's "Excel/CSV/JSON in and out" held for the allowance (:func:`tukin.write_result`)
but the monitoring report was written as a workbook only. The same sheets go out in the form
the path's suffix names, as ``tukin calculate --out`` chooses:

* ``.xlsx``: the workbook (:func:`tukin.monitoring.export_excel`);
* ``.csv``: one file per sheet, named from the path so that an importing system finds each
  by a fixed suffix: ``<name>.csv`` the report, ``<name>.actions.csv`` who must act,
  ``<name>.pending.csv``, ``<name>.pending-by-official.csv`` and ``<name>.policy.csv`` (the
  period, the days its money covers and the policy, a setting a row). The CSV convention of
  the result files (:mod:`tukin.io.export`): UTF-8 without BOM, comma, ``\\n`` line ends,
  rupiah as integers, other numbers with a ``.`` decimal point (written as Python's shortest
  exact form, so a reader gets the same binary64 back), empty cell for no value, text
  neutralised against formula injection;
* ``.json``: one document (format ``tukin-monitoring/1``, JSON Schema ``monitoring`` of
  ``tukin schema``): ``period``, ``level``, ``lang``, ``settings`` (the policy sheet as an
  object, setting → value) and ``sheets``, each sheet an array of records. Rupiah are JSON
  integers, percentages JSON numbers (binary64: a report is for display, the ``rollup`` rule
  types compute what feeds a payment exactly), a missing value ``null``.

Nothing is one thing in both files: a CSV cell cannot tell empty text from no value (a
quoted ``""`` is read as blank too, by pandas as by tukin's own readers, which read a cell
of nothing or of spaces as blank), so the writer does not make the difference either. Text
that is empty or only spaces (``flags`` of a row with no flag, a policy setting that is not
set, such as ``rollup_cap`` without a cap) is written as no value: an empty CSV cell, JSON
``null``. The CSV read back and the JSON then hold the same cells, and where a blank would
hide a meaning the report writes a word instead (``(vacant)`` / ``(lowong)`` for a post
nobody holds). The DataFrames (:meth:`MonitoringReport.sheets`) keep their ``""``.

The CSV files are for people as the workbook is: their column names and the few coded values
(level, action, status) are the workbook's, in its language (``lang="id"``: ``pagu``,
``realisasi_keuangan``, ``kabupaten``...). The JSON document is for programs: its keys and
coded values are the report's own English names whatever ``lang`` (``budget``,
``financial_pct``, ``level: "opd"``), as the result document's are, so a system reads one
shape from every regency; ``lang`` names the language of its free texts (names, flags'
wording, ``(lowong)`` for a vacant post). The sheet keys (``report``, ``actions``...) and
the file suffixes are English codes in both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tukin.io._xlsx import _atomic_write
from tukin.io.export import _csv_bytes, _plain
from tukin.monitoring.excel import export_excel, shown_frame
from tukin.period import Period

__all__ = ["CSV_SUFFIXES", "MONITORING_FORMAT", "OUTPUT_SUFFIXES", "SHEETS", "MonitoringReport"]

MONITORING_FORMAT = "tukin-monitoring/1"
#: The sheets in order, by the key the JSON document and the CSV files use.
SHEETS: tuple[str, ...] = ("report", "actions", "pending", "pending_by_official", "policy")
#: The suffix of each sheet's CSV file, after the name the path gives (``''``: the path).
CSV_SUFFIXES: dict[str, str] = {
    "report": "",
    "actions": ".actions",
    "pending": ".pending",
    "pending_by_official": ".pending-by-official",
    "policy": ".policy",
}
#: What a path must end with to be written as a file (else ``tukin monitor --out`` is a folder).
OUTPUT_SUFFIXES: tuple[str, ...] = (".xlsx", ".csv", ".json")


@dataclass(frozen=True)
class MonitoringReport:
    """Every sheet of a monitoring report for one period, in the language its texts are in.

    Made by :func:`tukin.monitoring.monitoring_sheets`; ``write`` files it as the path's
    suffix says, ``to_json`` gives the JSON document (see the module docstring)."""

    period: Period
    level: str
    lang: str
    report: pd.DataFrame
    actions: pd.DataFrame
    pending: pd.DataFrame
    pending_by_official: pd.DataFrame
    policy: pd.DataFrame

    def sheets(self) -> dict[str, pd.DataFrame]:
        """The sheets by key, as computed (English column names)."""
        return {key: getattr(self, key) for key in SHEETS}

    def shown(self) -> dict[str, pd.DataFrame]:
        """The sheets by key as the files show them: the workbook's headers and values."""
        return {key: shown_frame(frame, self.lang) for key, frame in self.sheets().items()}

    def to_dict(self) -> dict[str, Any]:
        """The JSON document as Python values (rupiah ``int``, percentages ``float``, missing
        ``None``), keyed by the report's English column names whatever ``lang``: a program
        reading reports of several regencies must not depend on the language chosen."""
        policy = blank_as_none(self.policy)
        settings = dict(zip(policy["setting"], policy["value"], strict=True))
        return {
            "format": MONITORING_FORMAT,
            "period": str(self.period),
            "level": self.level,
            "lang": self.lang,
            "settings": {str(k): _plain(v) for k, v in settings.items()},
            "sheets": {key: _records(blank_as_none(f)) for key, f in self.sheets().items()},
        }

    def to_json(self) -> str:
        """The JSON document (keys in a fixed order, UTF-8 text as it is, no NaN)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"

    def write(self, path: str | Path) -> list[Path]:
        """File the report at ``path``: ``.xlsx``, ``.csv`` (a file per sheet beside it) or
        ``.json``; returns the files written. Another suffix is refused
        (``monitoring_output_format``)."""
        p = Path(path)
        suffix = p.suffix.lower()
        if suffix == ".xlsx":
            return [
                export_excel(
                    p,
                    self.report,
                    actions=self.actions,
                    pending=self.pending,
                    pending_by_official=self.pending_by_official,
                    policy=self.policy,
                    lang=self.lang,
                )
            ]
        if suffix == ".json":
            _atomic_write(p, self.to_json().encode("utf-8"))
            return [p]
        if suffix == ".csv":
            written = []
            for key, frame in self.shown().items():
                target = csv_path(p, key)
                _atomic_write(target, _csv_bytes(blank_as_none(frame)))
                written.append(target)
            return written
        from tukin.errors import TukinError

        raise TukinError(code="monitoring_output_format", value=p.name)


def csv_path(path: str | Path, sheet: str) -> Path:
    """The CSV file of ``sheet`` for a report written to ``path`` (``report.csv`` →
    ``report.actions.csv``...)."""
    p = Path(path)
    return p.with_name(p.stem + CSV_SUFFIXES[sheet] + p.suffix)


def blank_as_none(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with text cells that are empty or only spaces as no value (None), as the
    files write them (see the module docstring); numbers, booleans and other text as they
    are. A copy where a cell changes, ``frame`` itself where none does."""
    out = frame
    for col in frame.columns:
        values = frame[col]
        if values.dtype != object and not pd.api.types.is_string_dtype(values.dtype):
            continue
        cells = values.astype(object).to_numpy()
        text = np.fromiter((isinstance(v, str) for v in cells), dtype=bool, count=len(cells))
        if not text.any():
            continue
        blank = text.copy()
        blank[text] = pd.Series(cells[text], dtype=object).str.strip().eq("").to_numpy(bool)
        if blank.any():
            if out is frame:
                out = frame.copy()
            cells = cells.copy()
            cells[blank] = None
            out[col] = pd.Series(cells, index=frame.index, dtype=object)
    return out


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = [str(c) for c in frame.columns]
    return [
        dict(zip(columns, (_plain(v) for v in row), strict=True))
        for row in frame.itertuples(index=False)
    ]
