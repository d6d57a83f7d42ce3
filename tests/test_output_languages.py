"""A reason in the language an output asks for (review 78): rejection reasons were frozen in
the run's language, so ``to_json("en")`` after an Indonesian run mixed both languages. The
Result keeps each reason in both and writes the one asked for; who is rejected, with which
code, and every fingerprint do not depend on it."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import tukin
from tukin.distributed import calculate_partitioned


def _records(tmp_path: Path) -> dict[str, Any]:
    """The demo regency as a JSON document, with a rejection of each kind: at validation (a
    status no rule knows, a NIP sent as a JSON number), and in the calculation (a leaver,
    an employee whose own attendance row was thrown out, one without an attendance row)."""
    path = tukin.io.write_frames(tukin.demo.generate(12, seed=5), tmp_path / "data.json")
    whole: dict[str, Any] = json.loads(path.read_text("utf-8"))
    doc: dict[str, Any] = whole.get("tables", whole)
    emp = doc["employees"]
    emp[0]["status"] = "honorer"
    emp[1]["end_date"] = "2025-09-30"
    nip = next(r["nip"] for r in emp[2:] if int(float(int(r["nip"]))) % 1000 != 0)
    for table in ("employees", "attendance", "appraisals"):
        for row in doc[table]:
            if row["nip"] == nip:
                row["nip"] = int(float(int(nip)))  # what a binary64 JSON stack sends
    blocked = emp[4]["nip"]
    for row in doc["attendance"]:
        if row["nip"] == blocked and row["period"] == "2025-10":
            row["tk"] = -1
    absent = emp[5]["nip"]
    doc["attendance"] = [
        r for r in doc["attendance"] if not (r["nip"] == absent and r["period"] == "2025-10")
    ]
    return doc


def _run(doc: dict[str, Any], lang: str, *, partitioned: bool = False) -> tukin.Result:
    with warnings.catch_warnings(), tukin.language(lang):
        warnings.simplefilter("ignore")
        ds = tukin.Dataset.from_records(json.loads(json.dumps(doc)))
        rules = tukin.load_ruleset("tpp-60-40")
        if partitioned:
            return calculate_partitioned(ds, rules, "2025-10")
        return tukin.calculate(ds, rules, "2025-10")


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _records(tmp_path_factory.mktemp("languages"))


@pytest.fixture(scope="module")
def runs(doc: dict[str, Any]) -> dict[str, tukin.Result]:
    return {lang: _run(doc, lang) for lang in ("id", "en")}


class TestReasonsInTheLanguageAsked:
    def test_the_fixture_rejects_at_every_stage(self, runs: dict[str, tukin.Result]) -> None:
        """Validation and calculation rejections, an unreadable NIP and a blocked row."""
        codes = set(runs["id"].rejected["code"])
        assert {"invalid_choice", "nip_as_json_number", "out_of_service"} <= codes
        assert {"input_row_rejected", "missing_input_row"} <= codes

    @pytest.mark.parametrize("asked", ["id", "en"])
    def test_json_lists_the_same_words_whatever_the_run(
        self, runs: dict[str, tukin.Result], asked: str
    ) -> None:
        """``to_json(asked)`` of an Indonesian and of an English run: the same rejected list,
        reasons, locations and marks included, each in the language asked."""
        listed = {run: json.loads(r.to_json(asked))["rejected"] for run, r in runs.items()}
        assert listed["id"] == listed["en"]
        # the frame's columns, and ``fields`` beside them (review 82)
        words = [{k: v for k, v in row.items() if k != "fields"} for row in listed["id"]]
        assert words == json.loads(runs[asked].rejected.to_json(orient="records"))

    def test_rejected_in_gives_each_language(self, runs: dict[str, tukin.Result]) -> None:
        """Same rows and codes; the words differ."""
        id_, en = runs["en"].rejected_in("id"), runs["en"].rejected_in("en")
        assert list(id_.columns) == list(en.columns) == list(runs["en"].rejected.columns)
        same = [c for c in id_.columns if c not in ("nip", "reason", "location")]
        pd.testing.assert_frame_equal(id_[same], en[same])
        assert (id_["reason"] != en["reason"]).all()
        unreadable = en["code"] == "nip_as_json_number"
        assert en["nip"][unreadable].str.endswith("(unreadable NIP)").all()
        assert id_["nip"][unreadable].str.endswith("(NIP tidak terbaca)").all()

    def test_the_files_written_are_in_the_language_asked(
        self, runs: dict[str, tukin.Result], tmp_path: Path
    ) -> None:
        """CSV, workbook and Parquet of an Indonesian run written in English."""
        result = runs["id"]
        want = runs["en"].rejected
        tukin.io.write_result(result, tmp_path / "r.csv", lang="en")
        csv = pd.read_csv(tmp_path / "r.rejected.csv", dtype=str, keep_default_na=False)
        assert csv["reason"].tolist() == want["reason"].tolist()
        tukin.io.write_result(result, tmp_path / "r.xlsx", lang="en")
        sheet = pd.read_excel(tmp_path / "r.xlsx", sheet_name="Rejected", dtype=str)
        assert set(want["reason"]) <= set(sheet.iloc[:, list(want.columns).index("reason")])
        pq = pytest.importorskip("pyarrow.parquet")
        tukin.io.write_result(result, tmp_path / "r.parquet", lang="en")
        meta = pq.read_schema(tmp_path / "r.parquet").metadata
        listed = json.loads(meta[b"tukin.rejected"])
        assert [r["reason"] for r in listed] == want["reason"].tolist()

    def test_a_dataset_of_another_language(self, doc: dict[str, Any]) -> None:
        """A Dataset built in Indonesian, calculated and written in English: its validation
        reasons in English too."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = tukin.Dataset.from_records(json.loads(json.dumps(doc)), lang="id")
            with tukin.language("en"):
                result = tukin.calculate(ds, tukin.load_ruleset("tpp-60-40"), "2025-10")
        rejected = json.loads(result.to_json("en"))["rejected"]
        status = next(r for r in rejected if r["code"] == "invalid_choice")
        assert status["reason"].startswith("'honorer' is not one of")
        assert status["location"] == "table employees, column status"

    def test_not_found_names_the_reason_in_each_language(
        self, runs: dict[str, tukin.Result]
    ) -> None:
        """``explain`` of a rejected employee: the error's two languages each say the reason
        in their own."""
        result = runs["id"]
        nip = result.rejected.loc[result.rejected["code"] == "out_of_service", "nip"].iloc[0]
        with pytest.raises(tukin.EmployeeNotFoundError) as err:
            result.explain(nip)
        assert "not in service during the period" in err.value.message("en")
        assert "tidak aktif bertugas" in err.value.message("id")

    def test_partitions_keep_both_languages(self, doc: dict[str, Any]) -> None:
        """A partitioned run lists what a single one does, in either language."""
        pytest.importorskip("dask")
        merged = _run(doc, "id", partitioned=True)
        single = _run(doc, "en")
        for lang in ("id", "en"):
            pd.testing.assert_frame_equal(merged.rejected_in(lang), single.rejected_in(lang))


class TestFingerprintsDoNotDependOnTheLanguage:
    def test_receipts_are_equal(self, runs: dict[str, tukin.Result]) -> None:
        """Receipt of an Indonesian and an English run, unreadable NIP included (the mark
        differs by language, the rejected fingerprint compares the NIP without it)."""
        a, b = (r.receipt.model_dump(exclude={"computed_at"}) for r in runs.values())
        assert a == b

    def test_a_receipt_verifies_from_a_file_of_the_other_language(
        self, runs: dict[str, tukin.Result], doc: dict[str, Any], tmp_path: Path
    ) -> None:
        """A result.json written in English from an Indonesian run verifies, re-run in
        Indonesian."""
        from tukin.verify import verify_receipt

        path = tmp_path / "r.json"
        path.write_text(runs["id"].to_json("en"), "utf-8")
        with warnings.catch_warnings(), tukin.language("id"):
            warnings.simplefilter("ignore")
            ds = tukin.Dataset.from_records(json.loads(json.dumps(doc)))
            assert verify_receipt(path, ds).ok


def test_a_blocked_employee_names_the_rejected_row(runs: dict[str, tukin.Result]) -> None:
    """``input_row_rejected``: the table and key of the employee's own rejected row and its
    reasons as codes, in ``fields`` (review 82), the same whatever the language."""
    rows = {
        lang: [
            r["fields"]
            for r in json.loads(runs["id"].to_json(lang))["rejected"]
            if r["code"] == "input_row_rejected"
        ]
        for lang in ("id", "en")
    }
    assert rows["id"] and rows["id"] == rows["en"]
    fields = rows["id"][0]
    assert fields["table"] in tukin.contract.TABLES and fields["key"]
    assert fields["problems"] and all(p["table"] == fields["table"] for p in fields["problems"])
