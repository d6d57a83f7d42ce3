"""The streamed result document (review 112) against what might break it (review 123): text
that looks like the markers the sections are written in place of, no paid row, a Result
whose exact rows are no longer held (a released partitioned run), the paid rows through the
encoder's own path, and a write failing midway over an earlier file. Each document must be
the plain encoder's text of the same dicts, parse, and be valid under the ``result`` schema."""

from __future__ import annotations

import json
import pickle
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

import tukin
import tukin.io._json_rows as jr
from tests.test_result_json_units import _validator
from tukin.distributed import calculate_partitioned
from tukin.errors import InputWarning
from tukin.io import export
from tukin.io.export import _records, _rejected_records, rules_text, summary

#: a name, title or warning as the small sections' json.dumps would meet it: the markers'
#: keys and prefixes, quotes, a backslash, a line separator, text outside the BMP
EVIL = 'Ṡïtî "employees": "tukin-employees-0", "exact": "tukin-exact-" \\ \u2028 😀 tukin-rejected-'


def _dataset(*, names: bool = False, absent: tuple[int, ...] = (), nobody: bool = False) -> Any:
    frames = tukin.demo.generate(24, seed=5)
    emp = frames["employees"].copy()
    emp.loc[[1, 3], "end_date"] = pd.Timestamp("2025-10-17")  # fractions in `exact`
    if names:
        emp["name"] = [f"{EVIL}{i}" for i in range(len(emp))]
    att = frames["attendance"]
    att = att.iloc[0:0] if nobody else att[~att["nip"].isin(emp["nip"].iloc[list(absent)])]
    return tukin.Dataset.from_frames(**{**frames, "employees": emp, "attendance": att})


def _calc(ds: tukin.Dataset, rules: Any = "tpp-60-40") -> tukin.Result:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tukin.calculate(ds, tukin.load_ruleset(rules), "2025-10")


def _plain(result: tukin.Result, lang: str, nips: list[str], notes: Any) -> str:
    """The document as dicts through ``json.dumps``, ``exact`` only when it is held."""
    units = result.column_units()
    exact = result._exact_columns(units)
    doc: dict[str, Any] = {
        "format": export.RESULT_FORMAT,
        "receipt": result.receipt.model_dump(),
        "totals": _records(summary(result, lang).iloc[:-1]),
        "employees": _records(result.to_frame()),
        "rejected": _rejected_records(result, lang),
        "warnings": export.warning_records(result, notes, lang),
        "units": units,
    }
    if exact is not None:
        doc["exact"] = exact.records()
    rules = rules_text(result)
    if rules is not None:
        doc["rules"] = rules
    if nips:
        doc["explanations"] = {n: result.explain(n, lang=lang).to_dict() for n in nips}
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _same(result: tukin.Result, tmp: Path, nips: tuple[str, ...] = (), notes: Any = None) -> dict:
    """The text (in blocks of one row and of all) is the plain one, parses, is valid; the
    file written is its bytes."""
    validator = _validator("result")
    for lang in ("id", "en"):
        for rows in (1, jr.ROWS):
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(jr, "ROWS", rows)
                text = export.json_text(result, nips, lang, notes)
                assert text == _plain(result, lang, list(nips), notes)
                path = export.write_json(result, tmp / "hasil.json", nips, lang, notes)
                assert path.read_bytes() == text.encode("utf-8")
    doc = json.loads(text)
    validator.validate(doc)
    return doc


class TestLooksLikeAMarker:
    def test_in_paid_and_rejected_names(self, tmp_path: Path) -> None:
        """Names of paid and rejected employees (and in their explanations)."""
        result = _calc(_dataset(names=True, absent=(4, 9)))
        nips = result.to_frame()["nip"].tolist()[:2]
        doc = _same(result, tmp_path, tuple(nips))
        assert len(doc["rejected"]) == 2 and len(doc["employees"]) == len(result)
        assert doc["employees"][0]["name"].startswith(EVIL)

    def test_in_the_rule_file_and_a_warning(self, tmp_path: Path) -> None:
        """The rules' title and reference (the ``rules`` text) and a warning's words."""
        data = yaml.safe_load(tukin.load_ruleset("tpp-60-40").to_yaml())
        data["title"], data["reference"] = EVIL, '"exact": "tukin-exact-00"'
        result = _calc(_dataset(absent=(2,)), data)
        notes = [InputWarning("hidden_sheet", value=EVIL, table=EVIL)]
        doc = _same(result, tmp_path, notes=notes)
        assert '"tukin-employees-0"' in doc["rules"] and '"tukin-exact-00"' in doc["rules"]
        assert doc["warnings"][0]["fields"]["table"] == EVIL


class TestAbsentSections:
    def test_no_paid_row(self, tmp_path: Path) -> None:
        """Everyone rejected: empty ``employees`` and ``exact``, every rejected row."""
        result = _calc(_dataset(nobody=True))
        doc = _same(result, tmp_path)
        assert doc["employees"] == [] and doc["exact"] == []
        assert len(doc["rejected"]) == len(result.rejected) > 0

    def test_a_partitioned_run_and_once_released(self, tmp_path: Path) -> None:
        """The partitions' exact rows in the merged order; released (or pickled), the run's
        exact rows are gone and the document has no ``exact``."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = calculate_partitioned(
                _dataset(names=True, absent=(4,)),
                tukin.load_ruleset("tpp-60-40"),
                "2025-10",
                npartitions=3,
            )
        assert len(_same(result, tmp_path, tuple(result.to_frame()["nip"].tolist()[:1]))["exact"])
        copy = pickle.loads(pickle.dumps(result))
        result.release()
        for released in (result, copy):
            doc = _same(released, tmp_path)
            assert "exact" not in doc and len(doc["employees"]) == len(result)

    def test_paid_rows_through_the_encoder(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A paid column the column writer cannot write: the rows are the encoder's, still
        in ``employees``'s place, the other sections streamed around them."""
        monkeypatch.setattr(export, "records_json_chunks", lambda *a, **k: None)
        result = _calc(_dataset(absent=(3,)))
        doc = _same(result, tmp_path, tuple(result.to_frame()["nip"].tolist()[:1]))
        assert len(doc["employees"]) == len(result) and len(doc["rejected"]) == len(result.rejected)


def test_a_failure_midway_keeps_the_earlier_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows failing after the first pieces were written: the file written before is
    left as it was, no temporary file beside it."""
    from tukin._exact_text import ExactColumns

    result = _calc(_dataset())
    path = tmp_path / "hasil.json"
    path.write_text("earlier", encoding="utf-8")

    def broken(self: Any, indent: int = 2, depth: int = 1) -> Any:
        yield "["
        raise RuntimeError("exact rows failed")

    monkeypatch.setattr(ExactColumns, "json_chunks", broken)
    with pytest.raises(RuntimeError, match="exact rows failed"):
        tukin.io.write_result(result, path)
    assert path.read_text(encoding="utf-8") == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["hasil.json"]
