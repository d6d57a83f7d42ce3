"""Who answers for a post in a monitoring report when its holder changed within the period
(``position_history``, review 113): each holder with the days they held it, a post vacant for
part of the period, an employee who moved from one post to another answering for each in his
own days; in the report frame, the list of who must act, the Excel workbook and the CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests import strategies as ts
from tukin.dataset import Dataset
from tukin.hierarchy import Hierarchy

NIP = ts.nips(4)
EKA, FAJAR = "Eka (2026-01-01–2026-02-14)", "Fajar (2026-02-15–2026-03-31)"


def tables() -> dict[str, pd.DataFrame]:
    """Kepala seksi Eka (KASI) is appointed kepala bidang (KABID2, vacant until then) on 15
    February 2026; staff Fajar takes Eka's seksi the same day. Ani heads the OPD, Dedi is
    staff all along."""
    return {
        "units": pd.DataFrame(
            {"unit_id": ["A", "A1"], "name": ["Dinas A", "Bidang 1"], "parent_id": [None, "A"]}
        ),
        "positions": pd.DataFrame(
            {
                "position_id": ["KADIS", "KABID2", "KASI", "STAF"],
                "name": ["Kepala Dinas", "Kepala Bidang 2", "Kepala Seksi", "Staf"],
                "unit_id": ["A", "A1", "A1", "A1"],
                "kind": ["jpt", "administrator", "pengawas", "pelaksana"],
                "grade": [14, 11, 9, 7],
                "superior_id": [None, "KADIS", "KABID2", "KASI"],
            }
        ),
        "employees": pd.DataFrame(
            {
                "nip": NIP,
                "name": ["Ani", "Eka", "Fajar", "Dedi"],
                "position_id": ["KADIS", "KABID2", "KASI", "STAF"],
                "status": ["pns"] * 4,
                "start_date": [None, "2026-02-15", "2026-02-15", None],
            }
        ),
        "position_history": pd.DataFrame(
            {
                "nip": [NIP[1], NIP[2]],
                "position_id": ["KASI", "STAF"],
                "status": ["pns", "pns"],
                "start_date": ["2020-01-01", "2019-03-01"],
                "end_date": ["2026-02-14", "2026-02-14"],
            }
        ),
        "work_items": pd.DataFrame(
            {
                "work_item_id": ["PRG", "KEG", "SUB"],
                "name": ["Program", "Kegiatan", "Sub Kegiatan"],
                "level": ["program", "kegiatan", "sub_kegiatan"],
                "parent_id": [None, "PRG", "KEG"],
                "unit_id": ["A", "A1", "A1"],
                "responsible_position_id": ["KADIS", "KABID2", "KASI"],
                "budget": [300, 200, 100],
            }
        ),
    }


def dataset() -> Dataset:
    ds = Dataset.from_frames(**tables())
    assert not ds.report.problems, [p.code for p in ds.report.problems]
    return ds


def holders(ds: Dataset, period: str) -> pd.Series:
    return Hierarchy.from_dataset(ds).in_period(period).positions.set_index("position_id")["holder"]


class TestHolders:
    def test_two_holders_of_a_post_in_a_quarter_each_with_their_days(self) -> None:
        """The Q1 report named only Fajar for the seksi Eka held until 14 February."""
        q1 = holders(dataset(), "2026-Q1")
        assert q1["KASI"] == f"{EKA}; {FAJAR}"

    def test_a_post_vacant_for_part_of_the_period_shows_the_days_held(self) -> None:
        """KABID2 was vacant until 15 February: Eka is named for his days only, January has
        no holder (the report passes the post over to its superior)."""
        ds = dataset()
        assert holders(ds, "2026-Q1")["KABID2"] == "Eka (2026-02-15–2026-03-31)"
        assert pd.isna(holders(ds, "2026-01")["KABID2"])
        assert holders(ds, "2026-03")["KABID2"] == "Eka"  # the whole month: his name alone

    def test_an_employee_who_moved_answers_for_each_post_in_his_own_days(self) -> None:
        """Eka answers for the seksi in January (whole month: no dates) and for the bidang
        in March; in February for each post in his own days."""
        ds = dataset()
        jan, feb, mar = (holders(ds, p) for p in ("2026-01", "2026-02", "2026-03"))
        assert (jan["KASI"], mar["KASI"], mar["KABID2"]) == ("Eka", "Fajar", "Eka")
        assert feb["KASI"] == "Eka (2026-02-01–2026-02-14); Fajar (2026-02-15–2026-02-28)"
        assert feb["KABID2"] == "Eka (2026-02-15–2026-02-28)"
        assert jan["STAF"] == "Dedi; Fajar" and mar["STAF"] == "Dedi"

    def test_held_counts_the_history_rows_in_a_period(self) -> None:
        """held() (a run's checks) says what the holder column says, history included."""
        h = Hierarchy.from_dataset(dataset())
        kasi = (h.position_table["position_id"] == "KASI").to_numpy()
        assert h.held(kasi, period="2026-01")[kasi].all()  # by Eka, whose row now says KABID2
        for p in ("2026-01", "2026-02", "2026-Q1", "2026-04"):
            view = h.in_period(p)
            expected = view.positions["holder"].notna().to_numpy()
            assert (view.held() == expected).all()
            assert (h.held(period=p) == expected).all()

    def test_a_cpns_appointed_pns_in_the_same_post_is_one_holder(self) -> None:
        """Dedi, CPNS in STAF until 14 February and PNS in it from the 15th (a history row
        and the employees row), held the post without a break: one holder, named alone for
        a month, a quarter and a year, not twice with split days (review 119). A holder
        who left a post and came back keeps two spells."""
        t = tables()
        t["employees"].loc[3, "start_date"] = "2026-02-15"
        cpns = {"nip": [NIP[3]], "position_id": ["STAF"], "status": ["cpns"]}
        cpns |= {"start_date": ["2025-02-01"], "end_date": ["2026-02-14"]}
        t["position_history"] = pd.concat(
            [t["position_history"], pd.DataFrame(cpns)], ignore_index=True
        )
        ds = Dataset.from_frames(**t)
        assert not ds.report.problems
        for period in ("2026-02", "2026-Q1", "2026"):
            staf = holders(ds, period)["STAF"]
            assert staf.split("; ")[0] == "Dedi" and staf.count("Dedi") == 1, staf
        t["position_history"].loc[2, "end_date"] = "2026-01-31"  # away 1-14 February
        back = holders(Dataset.from_frames(**t), "2026-Q1")["STAF"]
        assert sorted(back.split("; ")) == [
            "Dedi (2026-01-01–2026-01-31)",
            "Dedi (2026-02-15–2026-03-31)",
            "Fajar (2026-01-01–2026-02-14)",
        ]

    def test_the_whole_hierarchy_names_the_holders_now(self) -> None:
        """Without a period: the employees table's holders, no dates, no former holders."""
        now = Hierarchy.from_dataset(dataset()).positions.set_index("position_id")["holder"]
        assert (now["KASI"], now["KABID2"], now["STAF"]) == ("Fajar", "Eka", "Dedi")


class TestReport:
    def test_report_actions_excel_and_csv_name_both_holders(self, tmp_path: Path) -> None:
        """The report's official columns, the Excel sheet and the CSV carry the days."""
        from tukin.monitoring import monitoring_report
        from tukin.monitoring.excel import export_excel

        report = monitoring_report(dataset(), "2026-Q1", "all").set_index("id")
        assert report.loc["SUB", "official_sub_kegiatan_holder"] == f"{EKA}; {FAJAR}"
        assert report.loc["KEG", "official_kegiatan_holder"] == "Eka (2026-02-15–2026-03-31)"
        assert report.loc["SUB", "official_opd_holder"] == "Ani"
        path = export_excel(tmp_path / "r.xlsx", report.reset_index(), lang="id")
        sheet = pd.read_excel(path, sheet_name="Laporan").set_index("kode_id")
        assert sheet.loc["SUB", "pemangku_sub_kegiatan"] == f"{EKA}; {FAJAR}"
        report.to_csv(tmp_path / "r.csv")
        back = pd.read_csv(tmp_path / "r.csv").set_index("id")
        assert back.loc["SUB", "official_sub_kegiatan_holder"] == f"{EKA}; {FAJAR}"
