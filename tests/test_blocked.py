"""Nobody is paid on a row that was thrown out: an employee whose own attendance, appraisal or
sanction row for the period was rejected by validation is rejected too, with that row's
location and reason (tukin.calc.blocked); and sanctions nobody applies are warned about."""

from __future__ import annotations

import json
import warnings
from functools import cache
from typing import Any

import pandas as pd
import pytest

from tests.test_sanctions import NIP, medium_sanction, regency, rules
from tukin import demo
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.distributed import calculate_partitioned
from tukin.errors import InputWarning
from tukin.ruleset.load import load_ruleset as load_preset

PERIOD = "2025-06"


@cache
def tables() -> dict[str, pd.DataFrame]:
    return demo.generate(400, seed=11, months=6)


def spoiled(table: str, column: str, value: Any, period: str = PERIOD) -> tuple[Dataset, str]:
    """The demo with one employee's ``table`` row of ``period`` made invalid; that NIP."""
    t = {k: v.copy() for k, v in tables().items()}
    frame = t[table]
    row = frame.index[frame["period"] == period][3]
    frame[column] = frame[column].astype(object)
    frame.loc[row, column] = value
    return Dataset.from_frames(**t), str(frame.loc[row, "nip"])


def rejected_row(result: Any, nip: str) -> dict[str, Any]:
    hit = result.rejected[result.rejected["nip"] == nip]
    assert len(hit) == 1, result.rejected
    return dict(hit.iloc[0])


class TestBlocked:
    def test_a_rejected_appraisal_row_stops_the_payment(self) -> None:
        """Without the row the predikat step would pay the "no SKP" rate: a guess on a row
        that was thrown out. The reason names the row and the validation message."""
        ds, nip = spoiled("appraisals", "results", None)
        rs = load_preset("tpp-60-40")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            result = calculate(ds, rs, PERIOD)
        assert nip not in set(result.to_frame()["nip"])
        row = rejected_row(result, nip)
        assert (row["stage"], row["code"], row["step"]) == (
            "calculation",
            "input_row_rejected",
            "input",
        )
        assert "appraisals" in row["reason"] and "results" in row["reason"]
        assert result.receipt.employees_in == result.receipt.employees_paid + len(result.rejected)

    def test_a_rejected_attendance_row_names_the_row_not_a_missing_one(self) -> None:
        ds, nip = spoiled("attendance", "tk", -1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            result = calculate(ds, load_preset("tpp-60-40"), PERIOD)
        row = rejected_row(result, nip)
        assert row["code"] == "input_row_rejected"
        assert "tk" in row["reason"]

    def test_the_reason_names_every_bad_cell_and_each_message_once(self) -> None:
        """A machine export's '-' in every count: the reason said "'-' is not a number"
        once per cell after the first column alone; now each message once, after the
        columns it is found in."""
        t = {k: v.copy() for k, v in tables().items()}
        frame = t["attendance"]
        row = frame.index[frame["period"] == PERIOD][3]
        for column in ("tl1", "tk", "sakit"):
            frame[column] = frame[column].astype(object)
            frame.loc[row, column] = "-"
        frame["apel"] = frame["apel"].astype(object)
        frame.loc[row, "apel"] = -2
        nip = str(frame.loc[row, "nip"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            result = calculate(Dataset.from_frames(**t), load_preset("tpp-60-40"), PERIOD)
        reason = rejected_row(result, nip)["reason"]
        assert reason.count("bukan angka") == 1, reason
        assert "kolom tl1, kolom tk, kolom sakit: '-' bukan angka" in reason, reason
        assert "kolom apel: -2 di bawah batas minimum" in reason, reason

    def test_every_bad_cell_is_named_from_a_json_document_too(self) -> None:
        """A JSON document's places (``data.json: attendance[3].tl1``) have no ", column":
        the reason named no column and put every message after the first one (review 36)."""
        import io as _io
        import json

        from tukin.io.json_read import read_json

        doc = {
            k: json.loads(v.to_json(orient="records", date_format="iso"))
            for k, v in tables().items()
            if k in ("units", "positions", "employees", "attendance", "appraisals")
        }
        for e in doc["employees"]:
            for k in ("start_date", "end_date"):
                if e.get(k):
                    e[k] = e[k][:10]
        i = next(i for i, r in enumerate(doc["attendance"]) if r["period"] == PERIOD)
        nip = doc["attendance"][i]["nip"]
        doc["attendance"][i].update(tl1="-", tl2="-", tl4="x")
        ds = read_json(_io.BytesIO(json.dumps(doc).encode()), lang="en")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            result = calculate(ds, load_preset("tpp-60-40"), PERIOD)
        reason = rejected_row(result, nip)["reason"]
        assert f"attendance[{i}]: tl1, tl2: '-' bukan angka; tl4: 'x' bukan angka" in (reason), (
            reason
        )

    def test_a_row_of_another_month_does_not_stop_this_one(self) -> None:
        ds, nip = spoiled("appraisals", "results", None, period="2025-05")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            result = calculate(ds, load_preset("tpp-60-40"), PERIOD)
        assert nip in set(result.to_frame()["nip"])

    def test_a_row_whose_period_cannot_be_read_may_be_this_ones(self) -> None:
        ds, nip = spoiled("appraisals", "period", "Juni")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            result = calculate(ds, load_preset("tpp-60-40"), PERIOD)
        assert rejected_row(result, nip)["code"] == "input_row_rejected"

    def test_in_english_on_request(self) -> None:
        import tukin

        ds, nip = spoiled("appraisals", "results", None)
        previous = tukin.set_language("en")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", InputWarning)
                result = calculate(ds, load_preset("tpp-60-40"), PERIOD)
        finally:
            tukin.set_language(previous)
        assert "was rejected" in rejected_row(result, nip)["reason"]

    def test_partitioned_equals_single(self) -> None:
        """The partitions hold kept rows only: the driver finds the blocked employees."""
        ds, _ = spoiled("appraisals", "results", None)
        rs = load_preset("tpp-60-40")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            single = calculate(ds, rs, PERIOD)
            parted = calculate_partitioned(ds, rs, PERIOD, npartitions=3)
        want = single.receipt.model_dump(exclude={"computed_at"})
        assert parted.receipt.model_dump(exclude={"computed_at"}) == want
        pd.testing.assert_frame_equal(parted.rejected, single.rejected)


class TestSanctionRows:
    def bad_sanction(self) -> Dataset:
        frame = pd.DataFrame(
            {
                "nip": [NIP[0], NIP[1]],
                "kind": ["hukuman disiplin sedang"] * 2,
                "percent": [25, 250],  # the second is refused: above 100
                "start_period": ["2025-03", "2025-03"],
                "months": [6, 6],
                "reference": ["800/001", "800/002"],
            }
        )
        return Dataset.from_frames(
            **{k: v for k, v in _tables_of(regency()).items()}, sanctions=frame
        )

    def test_a_rejected_sanction_row_stops_the_payment_where_sanctions_apply(self) -> None:
        ds = self.bad_sanction()
        assert len(ds.rejected) == 1
        paid = calculate(ds, rules({"type": "sanction"}), "2025-10").to_frame()
        assert NIP[1] not in set(paid["nip"]) and NIP[0] in set(paid["nip"])

    def test_a_sanctions_table_rejected_as_a_whole_stops_every_one_of_its_employees(self) -> None:
        """A required column missing rejects every row (a table-wide problem, no row of its
        own in the report): each employee of those rows is blocked all the same."""
        frame = pd.DataFrame(
            {
                "nip": [NIP[1]],
                "kind": ["hukuman disiplin sedang"],
                "percent": [25],
                "start_period": ["2025-03"],
                "reference": ["800/002"],
            }
        )  # no months
        ds = Dataset.from_frames(**_tables_of(regency()), sanctions=frame)
        result = calculate(ds, rules({"type": "sanction"}), "2025-10")
        assert rejected_row(result, NIP[1])["code"] == "input_row_rejected"
        assert len(result) == 3

    def test_a_slash_in_the_kind_is_not_read_as_the_period(self) -> None:
        """The key is nip/kind/start: the period is its last part, whatever the kind holds."""
        frame = pd.DataFrame(
            {
                "nip": [NIP[1]],
                "kind": ["sedang (PP 94/2021)"],
                "percent": [250],  # refused
                "start_period": ["2026-03"],
                "months": [6],
                "reference": ["800/002"],
            }
        )
        ds = Dataset.from_frames(**_tables_of(regency()), sanctions=frame)
        assert len(calculate(ds, rules({"type": "sanction"}), "2025-10")) == 4  # not yet begun
        assert len(calculate(ds, rules({"type": "sanction"}), "2026-03")) == 3

    def test_before_its_start_it_stops_nothing(self) -> None:
        paid = calculate(self.bad_sanction(), rules({"type": "sanction"}), "2025-02").to_frame()
        assert NIP[1] in set(paid["nip"])

    def test_a_rule_set_without_sanctions_warns_instead(self) -> None:
        """The kept sanctions are not applied either: a warning, and nobody blocked."""
        no_cut = rules({"type": "formula", "expr": "0"})
        with pytest.warns(InputWarning, match="unapplied_sanctions|sanction"):
            paid = calculate(medium_sanction(), no_cut, "2025-04").to_frame()
        assert len(paid) == 4
        with warnings.catch_warnings():
            warnings.simplefilter("error", InputWarning)
            calculate(medium_sanction(), no_cut, "2025-12")  # none in force: no warning
            calculate(medium_sanction(), rules({"type": "sanction"}), "2025-04")


def _tables_of(ds: Dataset) -> dict[str, pd.DataFrame]:
    return {name: ds[name] for name in ("units", "positions", "employees")}


def test_a_year_projection_blocks_as_calculate_does() -> None:
    """The projection fills the year into a new Dataset (without the rejected rows): the
    months with data still leave out whom calculate leaves out."""
    from tukin.planning import project_year

    ds, _ = spoiled("appraisals", "results", None)
    rs = load_preset("tpp-60-40")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        monthly = project_year(ds, rs, 2025).monthly.set_index("month")
        assert monthly.loc[PERIOD, "allowance"] == calculate(ds, rs, PERIOD).total


class TestRejectedHistory:
    """The review's E10: TK 3 (Feb) + 4 (Mar) + 4 (May) = 11 days, so June is cut 25 %
    (PP 94/2021). A March row set aside by validation must not drop its days from the yearly
    count and pay June in full: the employee is stopped, the row named."""

    #: NIP 0's history; NIP 1 has clean rows and is paid throughout
    MONTHS = (("2025-02", 3), ("2025-03", 4), ("2025-04", 0), ("2025-05", 4), ("2025-06", 0))

    def dataset(self, spoil: str | None = None) -> Dataset:
        rows = [(NIP[0], p, d, 0) for p, d in self.MONTHS] + [
            (NIP[1], p, 0, 0) for p, _ in self.MONTHS
        ]
        att = pd.DataFrame(rows, columns=["nip", "period", "tk", "tl1"]).astype({"tl1": object})
        march = (att["nip"] == NIP[0]) & (att["period"] == "2025-03")
        if spoil == "typo":
            att.loc[march, "tl1"] = -1  # a typo in another column of the March row
        elif spoil == "twice":
            # the row given twice, with another count (the same row twice is read once)
            att = pd.concat([att, att[march].assign(tl1=att[march]["tl1"] + 1)], ignore_index=True)
        elif spoil == "old":
            att.loc[march, "period"] = "2023-03"  # outside what the step reads
            att.loc[att["period"] == "2023-03", "tl1"] = -1
        elif spoil == "quarter":
            early = (att["nip"] == NIP[0]) & att["period"].isin(["2025-02", "2025-03"])
            q = pd.DataFrame([(NIP[0], "2025-Q1", 7, 0)], columns=att.columns)
            att = pd.concat([att[~early], q], ignore_index=True)
        elif spoil == "empty quarter":
            q = pd.DataFrame([(NIP[1], "2025-Q1", 0, 0)], columns=att.columns)
            att = pd.concat([att, q], ignore_index=True)
        return Dataset.from_frames(**_tables_of(regency()), attendance=att)

    def pay(self, ds: Dataset, rs: Any = None, period: str = PERIOD) -> Any:
        rs = rs or rules({"type": "absence_sanction", "tiers": "$tiers"})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)  # absence_history_missing (2024)
            return calculate(ds, rs, period)

    def test_the_clean_history_cuts_june(self) -> None:
        paid = self.pay(self.dataset()).to_frame().set_index("nip")["allowance"]
        assert (paid[NIP[0]], paid[NIP[1]]) == (750_000, 1_000_000)

    @pytest.mark.parametrize("spoil", ["typo", "twice"])
    def test_a_rejected_row_of_an_earlier_month_stops_the_payment(self, spoil: str) -> None:
        result = self.pay(self.dataset(spoil))
        assert NIP[0] not in set(result.to_frame()["nip"])  # not paid Rp1,000,000 uncut
        assert NIP[1] in set(result.to_frame()["nip"])
        row = rejected_row(result, NIP[0])
        assert (row["stage"], row["code"], row["step"]) == (
            "calculation",
            "input_row_rejected",
            "input",
        )
        reason = row["reason"]
        assert "2025-03" in reason and "'cut'" in reason and "2025-06" in reason
        assert "tabel attendance, baris 1" in reason  # the row as given (frames: 0-based)
        assert ("tl1" in reason) if spoil == "typo" else ("ganda" in reason)
        assert result.receipt.employees_in == result.receipt.employees_paid + len(result.rejected)

    def test_the_reason_in_english(self) -> None:
        import tukin

        with tukin.language("en"):
            result = self.pay(self.dataset("typo"))
        reason = rejected_row(result, NIP[0])["reason"]
        assert reason.startswith(
            "this employee's row for 2025-03, which step 'cut' reads to compute 2025-06, "
            "was rejected (table attendance, row 1: column tl1:"
        )

    def test_a_row_outside_the_months_read_stops_nothing(self) -> None:
        """2023 is before the span the step reads for June 2025 (2024-01..2025-05)."""
        result = self.pay(self.dataset("old"))
        assert len(result.rejected) == 0 and len(result) == 4

    def test_a_later_month_stops_nothing_yet(self) -> None:
        """Paying February counts up to January: March's rejected row is not read yet;
        April's count reads it."""
        ds = self.dataset("typo")
        assert NIP[0] in set(self.pay(ds, period="2025-02").to_frame()["nip"])
        assert NIP[0] not in set(self.pay(ds, period="2025-04").to_frame()["nip"])

    def test_without_a_step_reading_history_an_earlier_row_stops_nothing(self) -> None:
        result = self.pay(self.dataset("typo"), rs=rules({"type": "formula", "expr": "0"}))
        assert len(result) == 4

    def test_partitioned_equals_single(self) -> None:
        ds, rs = self.dataset("twice"), rules({"type": "absence_sanction", "tiers": "$tiers"})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            single = calculate(ds, rs, PERIOD)
            parted = calculate_partitioned(ds, rs, PERIOD, npartitions=2)
        pd.testing.assert_frame_equal(parted.rejected, single.rejected)

    def test_a_quarter_row_in_the_months_counted_is_refused_with_the_row_named(self) -> None:
        """A quarter's 7 days cannot say in which month the total reached 11: the cut's
        start (and end) would be a guess. Neither guessed nor dropped: refused."""
        result = self.pay(self.dataset("quarter"))
        row = rejected_row(result, NIP[0])
        assert (row["code"], row["step"]) == ("absence_history_not_monthly", "cut")
        assert "2025-Q1 (tk 7)" in row["reason"] and "2024-01..2025-05" in row["reason"]
        assert NIP[1] in set(result.to_frame()["nip"])
        [doc] = [r for r in json.loads(result.to_json("id"))["rejected"] if r["nip"] == NIP[0]]
        assert doc["fields"] == {
            "rows": "2025-Q1 (tk 7)",
            "column": "tk",
            "months": "2024-01..2025-05",
        }

    def test_a_quarter_row_without_days_changes_no_count(self) -> None:
        assert len(self.pay(self.dataset("empty quarter"))) == 4
