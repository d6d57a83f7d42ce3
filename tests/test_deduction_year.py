"""``deduction_table`` options that read more than the period's own counts (review 130):
free occurrences counted over the calendar year (Perma 3/2020 Pasal 10: sick 1-14 days in a
year free, then 2 % a day) and a threshold at the period's working days (Peraturan Kejaksaan
4/2020 Pasal 16 (1) huruf g: absent the whole month, no tukin)."""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

import pandas as pd
import pytest

from tests import strategies as ts
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import CalculationError, RuleSetError
from tukin.ruleset.load import build_ruleset
from tukin.ruleset.model import RuleSet

NIP = ts.nips(4)
BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
SICK = {"rates": {"sakit": "2%"}, "free": {"sakit": {"days": 14, "per": "year"}}}
# March 2025: 21 weekdays less the cuti bersama of Nyepi (28th) and Idul Fitri (31st)
HOLIDAYS_2025 = ["2025-03-28", "2025-03-31"]
WHOLE_MONTH = {
    "rates": {"tk": "5%"},
    "thresholds": [{"code": "tk", "at_least": "working_days", "total": "100%"}],
    "holidays": HOLIDAYS_2025,
    "total_cap": "100%",
}


def regency(attendance: pd.DataFrame) -> Dataset:
    return Dataset.from_frames(
        mode="strict",
        units=pd.DataFrame({"unit_id": ["A"], "name": ["Dinas A"]}),
        positions=pd.DataFrame(
            {
                "position_id": ["p"],
                "name": ["Staf"],
                "unit_id": ["A"],
                "kind": ["pelaksana"],
                "grade": [5],
            }
        ),
        employees=pd.DataFrame({"nip": NIP, "position_id": ["p"] * 4, "status": ["pns"] * 4}),
        attendance=attendance,
    )


def sheet(rows: dict[str, list[tuple[str, int]]], code: str = "sakit") -> pd.DataFrame:
    """Attendance rows (period, count of ``code``) per NIP; every NIP gets a row for every
    period any NIP has (0), as a monthly recap would."""
    periods = sorted({p for got in rows.values() for p, _ in got})
    out = []
    for nip in NIP:
        given = dict(rows.get(nip, []))
        out += [{"nip": nip, "period": p, code: given.get(p, 0)} for p in periods]
    return pd.DataFrame(out)


def rules(table: dict[str, Any]) -> RuleSet:
    return build_ruleset(
        {
            "name": "potongan",
            "steps": [
                {"id": "base", "type": "lookup", "key": "grade", "table": {5: 1_000_000},
                 "unit": "rupiah"},
                {"id": "cut", "type": "deduction_table", **table},
                {"id": "gross", "type": "formula", "expr": "base * (1 - cut)"},
                {"id": "tpp", "type": "round", "input": "gross"},
            ],
        },
        {},
    )  # fmt: skip


def run(ds: Dataset, rs: RuleSet, period: str, reference: bool = False) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return calculate(ds, rs, period, reference=reference)


def pay(ds: Dataset, rs: RuleSet, period: str, reference: bool = False) -> dict[str, int]:
    f = run(ds, rs, period, reference).to_frame()
    return dict(zip(f["nip"], f["allowance"].astype(int), strict=True))


class TestFreeOverTheYear:
    @BACKENDS
    def test_the_earlier_months_use_the_free_days_up_first(self, reference: bool) -> None:
        """14 free a year, 2 % a day past them: 16 in March with none before cost 4 %; 5
        after 12 earlier cost 6 %; 4 after 20 earlier cost 8 %; 14 in March, none before,
        cost nothing."""
        ds = regency(
            sheet(
                {
                    NIP[0]: [("2025-01", 0), ("2025-02", 0), ("2025-03", 16)],
                    NIP[1]: [("2025-01", 7), ("2025-02", 5), ("2025-03", 5)],
                    NIP[2]: [("2025-01", 20), ("2025-03", 4)],
                    NIP[3]: [("2025-03", 14)],
                }
            )
        )
        got = pay(ds, rules(SICK), "2025-03", reference)
        assert got == {NIP[0]: 960_000, NIP[1]: 940_000, NIP[2]: 920_000, NIP[3]: 1_000_000}

    @BACKENDS
    def test_a_new_year_starts_afresh_and_later_months_do_not_count(self, reference: bool) -> None:
        """December 2024's 20 sick days leave January 2025's 3 free; April's rows do not
        change March."""
        ds = regency(
            sheet(
                {
                    NIP[0]: [("2024-12", 20), ("2025-01", 3)],
                    NIP[1]: [("2025-01", 15), ("2025-04", 30)],
                }
            )
        )
        assert pay(ds, rules(SICK), "2025-01", reference)[NIP[0]] == 1_000_000
        # January alone: 15 - 14 = 1 day × 2 %
        assert pay(ds, rules(SICK), "2025-01", reference)[NIP[1]] == 980_000

    def test_a_quarter_counts_the_months_before_it(self) -> None:
        """Paying 2025-Q2 from a Q2 row: January to March use the free days up."""
        att = pd.DataFrame(
            [
                {"nip": NIP[0], "period": p, "sakit": n}
                for p, n in [("2025-01", 10), ("2025-02", 0), ("2025-03", 2), ("2025-Q2", 5)]
            ]
        )
        ds = regency(att)
        # 12 earlier: 2 free left, 3 × 2 % = 6 %
        assert pay(ds, rules(SICK), "2025-Q2")[NIP[0]] == 940_000

    def test_the_explanation_shows_the_years_earlier_days(self) -> None:
        ds = regency(sheet({NIP[1]: [("2025-01", 7), ("2025-02", 5), ("2025-03", 5)]}))
        result = run(ds, rules(SICK), "2025-03")
        en = result.explain(NIP[1], lang="en").step("cut").notes["working"]
        id_ = result.explain(NIP[1], lang="id").step("cut").notes["working"]
        assert en == "(sakit 5 − 2 free: 14 a year, 12 earlier in 2025) × 2% = 6%"
        assert id_ == "(sakit 5 − 2 bebas: 14 setahun, 12 sebelumnya pada 2025) × 2% = 6%"

    def test_months_without_rows_are_warned_in_both_languages(self) -> None:
        ds = regency(sheet({NIP[0]: [("2025-01", 3), ("2025-04", 1)]}))
        found = run(ds, rules(SICK), "2025-04").warnings
        [w] = [w for w in found if w.code == "free_history_missing"]
        assert w.fields["value"] == "2025-02..2025-03"
        assert w.fields["since"] == "2025-01" and w.fields["step"] == "cut"
        assert "has no monthly rows for 2025-02..2025-03" in w.message("en")
        assert "tidak memiliki baris bulanan untuk 2025-02..2025-03" in w.message("id")
        full = regency(
            sheet({NIP[0]: [("2025-01", 3), ("2025-02", 0), ("2025-03", 0), ("2025-04", 1)]})
        )
        assert not [
            w
            for w in run(full, rules(SICK), "2025-04").warnings
            if w.code == "free_history_missing"
        ]
        # January has nothing before it
        jan = regency(sheet({NIP[0]: [("2025-01", 3)]}))
        assert not [
            w for w in run(jan, rules(SICK), "2025-01").warnings if w.code == "free_history_missing"
        ]

    def test_a_rejected_earlier_row_stops_its_employee(self) -> None:
        """A row of February that validation threw out would drop its sick days from the
        count: its employee is not paid, as for absence_sanction's history."""
        att = sheet({NIP[0]: [("2025-01", 3), ("2025-02", 2), ("2025-03", 1)]})
        att["sakit"] = att["sakit"].astype(object)
        att.loc[(att["nip"] == NIP[0]) & (att["period"] == "2025-02"), "sakit"] = "dua"
        ds = Dataset.from_frames(
            mode="lenient",
            units=pd.DataFrame({"unit_id": ["A"], "name": ["Dinas A"]}),
            positions=pd.DataFrame(
                {"position_id": ["p"], "name": ["Staf"], "unit_id": ["A"], "kind": ["pelaksana"],
                 "grade": [5]}
            ),
            employees=pd.DataFrame({"nip": NIP, "position_id": ["p"] * 4, "status": ["pns"] * 4}),
            attendance=att,
        )  # fmt: skip
        result = run(ds, rules(SICK), "2025-03")
        paid = set(result.to_frame()["nip"])
        assert NIP[0] not in paid and NIP[1] in paid

    @pytest.mark.parametrize(
        "free",
        [
            {"sakit": {"days": 14, "per": "month"}},
            {"sakit": {"days": -1, "per": "year"}},
            {"sakit": {"days": 14}},
            {"tk": {"days": 14, "per": "year"}},
        ],
        ids=["per-month", "negative", "no-per", "no-rate"],
    )
    def test_misuse_is_refused_at_load(self, free: dict[str, Any]) -> None:
        with pytest.raises(RuleSetError) as caught:
            rules({"rates": {"sakit": "2%"}, "free": free})
        assert caught.value.code == "ruleset_invalid"


SPELL = {"rates": {"sakit": "1.5%"}, "free": {"sakit": {"days": 3, "per": "spell"}}}


class TestFreePerSpell:
    """``free: {days: 3, per: spell}`` (BPIP 5/2019 Pasal 13 ayat (1): sick "paling lama 3
    hari kerja", then 1.5 % a day; review 143): a month's count shows no spells, so the
    days are freed once a period and the employees with such days are warned about."""

    @BACKENDS
    def test_the_days_are_freed_once_in_the_period(self, reference: bool) -> None:
        """3 sick days free, 4 cost 1.5 %, 10 cost 7 × 1.5 % = 10.5 %; none cost nothing."""
        ds = regency(sheet({NIP[0]: [("2025-10", 3)], NIP[1]: [("2025-10", 4)],
                            NIP[2]: [("2025-10", 10)]}))  # fmt: skip
        got = pay(ds, rules(SPELL), "2025-10", reference)
        assert got == {NIP[0]: 1_000_000, NIP[1]: 985_000, NIP[2]: 895_000, NIP[3]: 1_000_000}

    def test_the_employees_with_such_days_are_warned_in_both_languages(self) -> None:
        ds = regency(sheet({NIP[0]: [("2025-10", 3)], NIP[2]: [("2025-10", 10)]}))
        [w] = [w for w in run(ds, rules(SPELL), "2025-10").warnings
               if w.code == "free_per_spell_monthly"]  # fmt: skip
        assert w.fields["value"] == 2 and w.fields["step"] == "cut"
        assert w.fields["nips"] == ", ".join(sorted([NIP[0], NIP[2]]))
        assert "were taken once in 2025-10" in w.message("en")
        assert "diambil sekali pada 2025-10" in w.message("id")

    def test_no_warning_without_such_days_or_with_a_plain_free(self) -> None:
        none = regency(sheet({NIP[0]: [("2025-10", 0)]}))
        assert not [w for w in run(none, rules(SPELL), "2025-10").warnings
                    if w.code == "free_per_spell_monthly"]  # fmt: skip
        # an earlier month's sick days do not warn about this one
        before = regency(sheet({NIP[0]: [("2025-09", 5), ("2025-10", 0)]}))
        assert not [w for w in run(before, rules(SPELL), "2025-10").warnings
                    if w.code == "free_per_spell_monthly"]  # fmt: skip
        plain = {"rates": {"sakit": "1.5%"}, "free": {"sakit": 3}}
        some = regency(sheet({NIP[0]: [("2025-10", 5)]}))
        assert not [w for w in run(some, rules(plain), "2025-10").warnings
                    if w.code == "free_per_spell_monthly"]  # fmt: skip

    def test_the_explanation_says_the_spell_was_counted_once(self) -> None:
        ds = regency(sheet({NIP[1]: [("2025-10", 4)]}))
        result = run(ds, rules(SPELL), "2025-10")
        en = result.explain(NIP[1], lang="en").step("cut").notes["working"]
        id_ = result.explain(NIP[1], lang="id").step("cut").notes["working"]
        assert en == "(sakit 4 − 3 free: 3 a spell, counted once in the period) × 1.5% = 1.5%"
        assert (
            id_ == "(sakit 4 − 3 bebas: 3 per episode, dihitung sekali dalam periode) × 1.5% = 1.5%"
        )

    @pytest.mark.parametrize(
        "free",
        [{"days": 3, "per": "episode"}, {"days": -1, "per": "spell"}, {"days": 3}],
        ids=["other-word", "negative", "no-per"],
    )
    def test_refused_at_load(self, free: dict[str, Any]) -> None:
        with pytest.raises(RuleSetError):
            rules({"rates": {"sakit": "1.5%"}, "free": {"sakit": free}})


class TestSpellsFromTheDailyLog:
    """Tally.with_spells: a daily log shows the spells that a month's count hides (review
    143). October 2025: Wed 1 to Fri 31, weekends 4-5, 11-12, 18-19, 25-26."""

    SCHEDULE: ClassVar[dict[str, Any]] = {
        "name": "uji",
        "value": {
            "hours": {d: "07:30-16:00" for d in ("mon", "tue", "wed", "thu", "fri")},
            "late_bands": {"tl1": 1},
            "early_bands": {"psw1": 1},
            "no_check_in": ["tl1"],
            "no_check_out": ["psw1"],
            "no_record": ["tk"],
            "statuses": {"sakit": "sakit"},
        },
    }

    def tally(self, sick: dict[str, list[str]], month: str = "2025-10") -> Any:
        from tukin.daylog import tally_log
        from tukin.period import Period

        rows = []
        for nip in NIP:
            for d in pd.bdate_range(f"{month}-01", Period.parse(month).end):
                day = str(d.date())
                if day in sick.get(nip, []):
                    rows.append((nip, day, None, None, "sakit"))
                else:
                    rows.append((nip, day, "07:30", "16:00", None))
        log = pd.DataFrame(rows, columns=["NIP", "Tanggal", "Jam Masuk", "Jam Pulang", "Status"])
        return tally_log(log, self.SCHEDULE, month)

    def test_each_spell_frees_its_own_first_days(self) -> None:
        """Two spells of 4 (Mon 6-Thu 9, Mon 20-Thu 23) cost 2 days, where free: 3 on the
        month's 8 costs 5; Thu 16 to Tue 21 over the weekend is one spell of 4: 1 day; 3
        days cost nothing; none, nothing."""
        t = self.tally(
            {
                NIP[0]: ["2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09"]
                + ["2025-10-20", "2025-10-21", "2025-10-22", "2025-10-23"],
                NIP[1]: ["2025-10-16", "2025-10-17", "2025-10-20", "2025-10-21"],
                NIP[2]: ["2025-10-13", "2025-10-14", "2025-10-15"],
            }
        )
        att = t.with_spells("sakit", 3).set_index("nip")
        assert att["sakit"].to_dict() == {NIP[0]: 8, NIP[1]: 4, NIP[2]: 3, NIP[3]: 0}
        assert att["sakit_lanjut"].to_dict() == {NIP[0]: 2, NIP[1]: 1, NIP[2]: 0, NIP[3]: 0}
        # charged by the rule with no free days: 2 × 1.5 % = 3 % (free: 3 on 8 would be 7.5 %)
        charged = {"rates": {"sakit_lanjut": "1.5%"}}
        ds = regency(att.reset_index()[["nip", "period", "sakit", "sakit_lanjut"]])
        assert pay(ds, rules(charged), "2025-10")[NIP[0]] == 970_000
        assert pay(ds, rules(SPELL), "2025-10")[NIP[0]] == 925_000

    def test_a_spell_from_the_month_before_uses_its_free_days_there(self) -> None:
        """Sick Mon 29 and Tue 30 September, then Wed 1 and Thu 2 October: one spell of 4.
        October alone frees both of its days; with September's trailing run (2, from
        with_runs' sakit_akhir) the fourth day costs."""
        sep = self.tally({NIP[0]: ["2025-09-29", "2025-09-30"]}, "2025-09")
        tail = sep.with_runs("sakit").set_index("nip")["sakit_akhir"]
        assert tail[NIP[0]] == 2
        oct_ = self.tally({NIP[0]: ["2025-10-01", "2025-10-02"]})
        alone = oct_.with_spells("sakit", 3).set_index("nip")["sakit_lanjut"]
        joined = oct_.with_spells("sakit", 3, before=tail).set_index("nip")["sakit_lanjut"]
        assert alone[NIP[0]] == 0 and joined[NIP[0]] == 1
        assert joined[NIP[1]] == 0
        # a name of its own, and a spell not at the month's start is not carried
        later = self.tally({NIP[0]: ["2025-10-06", "2025-10-07"]})
        named = later.with_spells("sakit", 3, name="sakit_bayar", before={NIP[0]: 2})
        assert named.set_index("nip")["sakit_bayar"][NIP[0]] == 0
        with pytest.raises(ValueError):
            later.with_spells("sakit", -1)

    def test_a_spell_of_at_least_n_days_costs_all_its_days(self) -> None:
        """whole=True (Permenkumham 3/2025 Pasal 18 (1): "sakit selama 3 hari ... dipotong
        2,5% per hari"): a spell of 3 costs 3 days where the BPIP reading frees them all, a
        spell of 2 costs nothing, a spell of 4 over a weekend costs 4. A spell reaching 3
        only with the month before's days costs this month's days (review 147)."""
        t = self.tally(
            {
                NIP[0]: ["2025-10-13", "2025-10-14", "2025-10-15"],
                NIP[1]: ["2025-10-06", "2025-10-07"],
                NIP[2]: ["2025-10-16", "2025-10-17", "2025-10-20", "2025-10-21"],
                NIP[3]: ["2025-10-01", "2025-10-02"],
            }
        )
        whole = t.with_spells("sakit", 3, whole=True).set_index("nip")["sakit_penuh"]
        past = t.with_spells("sakit", 3).set_index("nip")["sakit_lanjut"]
        assert whole.to_dict() == {NIP[0]: 3, NIP[1]: 0, NIP[2]: 4, NIP[3]: 0}
        assert past.to_dict() == {NIP[0]: 0, NIP[1]: 0, NIP[2]: 1, NIP[3]: 0}
        carried = t.with_spells("sakit", 3, before={NIP[3]: 1}, whole=True, carry="bawa")
        assert carried.set_index("nip")["sakit_penuh"][NIP[3]] == 2
        # the spell going on at the month's end, carried days included (none here)
        assert carried["bawa"].tolist() == [0, 0, 0, 0]
        end = self.tally({NIP[0]: ["2025-10-30", "2025-10-31"], NIP[1]: list(self.OCTOBER)})
        tail = end.with_spells("sakit", 3, before={NIP[1]: 7}, carry="bawa")
        assert tail.set_index("nip")["bawa"].to_dict() == {NIP[0]: 2, NIP[1]: 30, NIP[2]: 0,
                                                          NIP[3]: 0}  # fmt: skip

    OCTOBER: ClassVar[list[str]] = [
        str(d.date()) for d in pd.bdate_range("2025-10-01", "2025-10-31")
    ]

    def test_the_attendance_command_writes_the_spell_columns(
        self, tmp_path: Any, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """End to end: ``tukin attendance --spells sakit:3`` (BPIP) and ``sakit:3:penuh``
        (Kumham) write sakit_lanjut, sakit_penuh and sakit_terbawa; September's file (CSV and
        .xlsx) given as ``--spells-before`` carries a spell over 1 October; the files feed a
        rule that charges the column, to the rupiah. Before, the command had no way to write
        them (review 143 built Tally.with_spells for Python only)."""
        import yaml

        import tukin
        from tukin.cli import main
        from tukin.daylog import tally_log
        from tukin.errors import ArgumentError
        from tukin.period import Period

        plan = tmp_path / "jadwal.yaml"
        plan.write_text(yaml.safe_dump(self.SCHEDULE), encoding="utf-8")
        sick = {
            # Mon 29, Tue 30 Sep + Wed 1, Thu 2 Oct: one spell of 4; then Mon 6-Wed 8: 3
            NIP[0]: {"2025-09-29", "2025-09-30", "2025-10-01", "2025-10-02"}
            | {"2025-10-06", "2025-10-07", "2025-10-08"},
            NIP[1]: {"2025-10-13", "2025-10-14"},  # 2: free in both readings
            NIP[2]: {f"2025-10-{d}" for d in (27, 28, 29, 30, 31)},  # 5, going on
        }

        def log(month: str) -> Any:
            lines = [
                f"{nip},{d.date()},,,sakit" if str(d.date()) in sick.get(nip, set())
                else f"{nip},{d.date()},07:30,16:00,"
                for nip in NIP
                for d in pd.bdate_range(f"{month}-01", Period.parse(month).end)
            ]  # fmt: skip
            path = tmp_path / f"log-{month}.csv"
            path.write_text("NIP,Tanggal,Jam Masuk,Jam Pulang,Status\n" + "\n".join(lines) + "\n")
            return path

        spells = ["--spells", "sakit:3", "--spells", "sakit:3:penuh"]

        def attend(month: str, out: Any, *extra: str) -> pd.DataFrame:
            argv = ["attendance", str(log(month)), "--schedule", str(plan), "--period", month]
            assert main([*argv, *spells, *extra, "--out", str(out), "--lang", "en"]) == 0
            assert "sakit_terbawa" not in capsys.readouterr().out  # a length, not days
            return (
                pd.read_csv(out, dtype={"nip": str, "period": str})
                if out.suffix == ".csv"
                else None
            )

        sep = attend("2025-09", tmp_path / "sep.csv")
        assert sep.set_index("nip")["sakit_terbawa"].tolist() == [2, 0, 0, 0]
        attend("2025-09", tmp_path / "sep.xlsx")
        alone = attend("2025-10", tmp_path / "alone.csv").set_index("nip")
        got = attend("2025-10", tmp_path / "oct.csv", "--spells-before", str(tmp_path / "sep.csv"))
        got = got.set_index("nip")
        cols = ["sakit", "sakit_lanjut", "sakit_penuh", "sakit_terbawa"]
        assert got[cols].loc[NIP[0]].tolist() == [5, 1, 5, 0]
        assert alone[cols].loc[NIP[0]].tolist() == [5, 0, 3, 0]  # 1-2 Oct counted from the 1st
        assert got[cols].loc[NIP[1]].tolist() == [2, 0, 0, 0]
        assert got[cols].loc[NIP[2]].tolist() == [5, 2, 5, 5]
        # the .xlsx September and the API give the same October
        api = tally_log(
            log("2025-10"), plan, "2025-10", spells=["sakit:3", "sakit:3:penuh"],
            spells_before=tmp_path / "sep.xlsx",
        ).attendance  # fmt: skip
        assert api.set_index("nip")[cols].equals(got[cols].astype(api[cols].dtypes.to_dict()))
        # the rule charges the column with no free days: BPIP 1.5 %, Kumham 2.5 % a day
        ds = regency(got.reset_index())
        bpip = pay(ds, rules({"rates": {"sakit_lanjut": "1.5%"}}), "2025-10")
        kumham = pay(ds, rules({"rates": {"sakit_penuh": "2.5%"}}), "2025-10")
        assert [bpip[n] for n in NIP] == [985_000, 1_000_000, 970_000, 1_000_000]
        assert [kumham[n] for n in NIP] == [875_000, 1_000_000, 875_000, 1_000_000]
        for bad in ("sakit", "sakit:x", "sakit:3:semua", "tx:3"):
            with tukin.language("en"), pytest.raises(ArgumentError, match="CODE:N") as refused:
                tally_log(log("2025-10"), plan, "2025-10", spells=[bad])
            assert refused.value.code == "log_spells_code"
        with tukin.language("en"), pytest.raises(ArgumentError, match="'sakit_terbawa'") as no:
            tally_log(log("2025-10"), plan, "2025-10", spells=["sakit:3"],
                      spells_before=pd.DataFrame({"nip": NIP}))  # fmt: skip
        assert no.value.code == "log_spells_before"
        # several months' rows together: September's are read; a table without them, or with
        # a NIP twice, is refused rather than carrying a wrong spell or none
        both = pd.concat([sep, got.reset_index()], ignore_index=True)
        api = tally_log(log("2025-10"), plan, "2025-10", spells=["sakit:3"], spells_before=both)
        assert api.attendance.set_index("nip")["sakit_lanjut"][NIP[0]] == 1
        for table, code in ((got.reset_index(), "log_spells_before_month"),
                            (pd.concat([sep, sep]), "log_spells_before_twice")):  # fmt: skip
            with pytest.raises(ArgumentError) as wrong:
                tally_log(log("2025-10"), plan, "2025-10", spells=["sakit:3"], spells_before=table)
            assert wrong.value.code == code


class TestWorkingDaysThreshold:
    @BACKENDS
    @pytest.mark.parametrize(
        ("period", "days"), [("2025-03", 19), ("2025-02", 20), ("2025-10", 23)]
    )
    def test_absent_every_working_day_is_the_whole_month(
        self, period: str, days: int, reference: bool
    ) -> None:
        """19 days absent in March 2025 (19 working days) pay nothing, though 19 × 5 % is
        95 %; a day less is 5 % less; in a 20- and a 23-day month the same."""
        rows = {NIP[0]: [(period, days)], NIP[1]: [(period, days - 1)], NIP[2]: [(period, 0)]}
        got = pay(regency(sheet(rows, "tk")), rules(WHOLE_MONTH), period, reference)
        short = 1_000_000 - min(100, 5 * (days - 1)) * 10_000
        assert got == {NIP[0]: 0, NIP[1]: short, NIP[2]: 1_000_000, NIP[3]: 1_000_000}

    def test_a_mid_month_joiner_is_measured_against_the_whole_month(self) -> None:
        """Review 130's doubt, decided by review 137: huruf g reads "tidak masuk kerja tanpa
        keterangan selama 1 (satu) bulan penuh", a whole month, and a CPNS from 17 March 2025
        was not bound to work before that day. Absent all 8 working days served (17-27
        March; the 28th and 31st are holidays) is 8 × 5 % = 40 %, not the whole month's
        100 %: the threshold counts the period's working days, never the days served. The
        5 % a day still cuts each day served, and pro_rata pays the part month."""
        rows = {NIP[0]: [("2025-03", 8)], NIP[1]: [("2025-03", 19)]}
        ds = Dataset.from_frames(
            mode="strict",
            units=pd.DataFrame({"unit_id": ["A"], "name": ["Dinas A"]}),
            positions=pd.DataFrame(
                {
                    "position_id": ["p"],
                    "name": ["Staf"],
                    "unit_id": ["A"],
                    "kind": ["pelaksana"],
                    "grade": [5],
                }
            ),
            employees=pd.DataFrame(
                {
                    "nip": NIP,
                    "position_id": ["p"] * 4,
                    "status": ["cpns", "pns", "pns", "pns"],
                    "start_date": [pd.Timestamp("2025-03-17"), None, None, None],
                }
            ),
            attendance=sheet(rows, "tk"),
        )
        got = pay(ds, rules(WHOLE_MONTH), "2025-03")
        assert got[NIP[0]] == 600_000 and got[NIP[1]] == 0

    def test_the_explanation_names_the_working_days(self) -> None:
        ds = regency(sheet({NIP[0]: [("2025-03", 19)]}, "tk"))
        result = run(ds, rules(WHOLE_MONTH), "2025-03")
        en = result.explain(NIP[0], lang="en").step("cut").notes["working"]
        id_ = result.explain(NIP[0], lang="id").step("cut").notes["working"]
        assert en == "tk 19 × 5% = 95%; tk 19 ≥ 19 working days of 2025-03: at least 100%"
        assert id_ == "tk 19 × 5% = 95%; tk 19 ≥ 19 hari kerja 2025-03: paling sedikit 100%"

    def test_a_period_without_working_days_stops_the_run(self) -> None:
        table = {**WHOLE_MONTH, "weekend": [0, 1, 2, 3, 4, 5, 6], "holidays": []}
        ds = regency(sheet({NIP[0]: [("2025-03", 1)]}, "tk"))
        with pytest.raises(CalculationError) as caught:
            run(ds, rules(table), "2025-03")
        assert "2025-03 has no working day" in caught.value.message("en")

    @pytest.mark.parametrize(
        "table",
        [
            {"rates": {"tk": "5%"}, "holidays": HOLIDAYS_2025},
            {"rates": {"tk": "5%"}, "weekend": [6]},
            {
                "rates": {"tk": "5%"},
                "thresholds": [{"code": "tk", "at_least": "hari_kerja", "total": "100%"}],
            },
            {"rates": {"tk": "5%"}, "thresholds": [{"code": "tk", "at_least": 0, "total": "100%"}]},
            {**WHOLE_MONTH, "weekend": [7]},
        ],
        ids=["holidays-unread", "weekend-unread", "other-word", "zero", "weekday-8"],
    )
    def test_misuse_is_refused_at_load(self, table: dict[str, Any]) -> None:
        with pytest.raises(RuleSetError) as caught:
            rules(table)
        assert caught.value.code == "ruleset_invalid"
