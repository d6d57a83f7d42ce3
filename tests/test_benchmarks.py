"""The benchmark script runs, and tukin, the exact kernel and exact fractions agree (small N)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import kernels as K  # noqa: E402


def random_arrays(n: int, seed: int) -> K.Arrays:
    rng = np.random.default_rng(seed)
    t = rng.integers(1, K.MAX_CENTS + 1, size=n)
    t[: n // 4] = rng.integers(1, 300, size=n // 4)  # small targets: r/t far from short decimals
    r = (t * rng.uniform(0, 1.5, size=n)).astype(np.int64)
    r[::7] = t[::7]
    counts = rng.integers(0, 12, size=(n, len(K.CODES)))
    counts[::5] *= 9  # discipline above 100 %: capped
    return K.Arrays(
        nip=np.array([str(i) for i in range(n)], dtype=object),
        grade=rng.integers(1, 18, size=n),
        cpns=rng.random(n) < 0.3,
        counts=counts.astype(np.int64),
        r=r,
        t=t.astype(np.int64),
        payable=np.ones(n, dtype=bool),
    )


def test_kernel_is_exact_against_fractions() -> None:
    """Integer kernel == Fraction oracle, extremes included (largest base, target 10^9 cents)."""
    a = random_arrays(3000, 1)
    a.grade[:50], a.t[:50], a.r[:50] = 17, K.MAX_CENTS, K.MAX_CENTS - 1
    assert np.array_equal(K.kernel(a), K.oracle(a, np.arange(3000)))


def test_kernel_rounds_ties_up() -> None:
    """A value ending in exactly .5 rupiah rounds up."""
    a = random_arrays(1, 2)
    a.grade[:], a.cpns[:], a.counts[:] = 1, False, 0
    a.r[:], a.t[:] = 1, 6  # capaian 1/6: 894,961 × (0.1 + 0.4) = 447,480.5
    assert K.kernel(a)[0] == 447_481 == K.oracle(a, np.array([0]))[0]
    a.grade[:] = 2
    a.r[:] = a.t[:] = 5  # 1,131,487 × 1.0 × ... whole; with CPNS 0.8: 905,189.6
    a.cpns[:] = True
    assert K.kernel(a)[0] == K.oracle(a, np.array([0]))[0] == 905_190


def test_tukin_agrees_with_the_kernel() -> None:
    """Every employee of a small demo regency: same paid set, same rupiah."""
    from benchmarks import bench
    from tukin.calc.engine import calculate
    from tukin.dataset import Dataset
    from tukin.ruleset.load import load_ruleset

    tables = K.reference_tables(1500, seed=3)
    arrays = K.to_arrays(tables)
    ds = Dataset.from_frames(
        **{k: tables[k] for k in ("units", "positions", "employees", "attendance")}
    )
    result = calculate(ds, load_ruleset(bench.REFERENCE_RULE), bench.REFERENCE_PERIOD)
    pay = K.kernel(arrays)
    bench.check_agreement(1500, result, arrays, pay)
    pay[np.flatnonzero(arrays.payable)[0]] += 1
    with pytest.raises(bench.Disagreement, match="1 employees differ"):
        bench.check_agreement(1500, result, arrays, pay)


def test_script_runs(tmp_path: Path) -> None:
    """One command, a Markdown report, exit code 0."""
    out = tmp_path / "bench.md"
    cmd = [
        sys.executable,
        str(ROOT / "benchmarks" / "bench.py"),
        "--sizes",
        "1200",
        "--quick",
        "--excel-employees",
        "60",
        "--out",
        str(out),
    ]
    done = subprocess.run(
        cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text()
    assert "agree on every employee" in text
    for heading in (
        "## Reference rule: compute",
        "## Reference rule: the whole `calculate`",
        "## Full regional TPP pack",
        "## Full pack with employees promoted",
        "## The result document",
        "## Excel",
        "## Daily attendance log",
    ):
        assert heading in text
    assert "| 1.2k |" in text and "error" not in text
    assert "| 1.2k | 12 (1.0%; " in text  # 1 % promoted, each checked, then timed
    assert "| punch (1–4 scans a day), the same counts | 200 |" in text


def test_the_document_line_checks_what_it_times() -> None:
    """The result document's line times a document that parses, lists every paid employee
    once and pays the Result's totals; a row dropped or an amount changed is a
    disagreement, not a time."""
    import json
    import warnings

    from benchmarks import bench
    from tukin.calc.engine import calculate
    from tukin.dataset import Dataset
    from tukin.ruleset.load import load_ruleset

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the demo month's codes no step reads
        tables = small_month(300)
        result = calculate(
            Dataset.from_frames(**tables), load_ruleset(bench.FULL_PACK), bench.FULL_PERIOD
        )
    text = result.to_json()
    bench.check_document(text, result)
    doc = json.loads(text)
    doc["employees"][0]["net"] += 1
    with pytest.raises(bench.Disagreement, match="net sums to"):
        bench.check_document(json.dumps(doc), result)
    doc["employees"] = doc["employees"][1:]
    with pytest.raises(bench.Disagreement, match="paid rows"):
        bench.check_document(json.dumps(doc), result)


def small_month(n: int = 1500) -> dict:
    from benchmarks import bench

    return bench._month_tables(n, 2025, int(bench.FULL_PERIOD[-2:]))


def test_promotions_are_drawn_as_the_line_says() -> None:
    """1 % of the demo regency promoted on a day between the 5th and the 25th to a position of
    another kelas, the history row ending the day before; some CPNS then, PNS now; the rows
    validate, and ``alone`` holds the earlier position until the day before."""
    from benchmarks import bench
    from tukin.dataset import Dataset

    with_history, without, alone = bench.spell_tables(small_month(), 0.01, 7)
    history, employees = (
        with_history["position_history"],
        with_history["employees"].set_index("nip"),
    )
    assert len(history) == 15 and without["position_history"].empty
    now = employees.loc[history["nip"]]
    grade = bench_grades(with_history)
    assert (
        grade.loc[now["position_id"]].to_numpy() != grade.loc[history["position_id"]].to_numpy()
    ).all()
    days = now["start_date"].dt.day.to_numpy()
    assert ((days >= 5) & (days <= 25)).all()
    assert (
        history["end_date"].to_numpy() == (now["start_date"] - np.timedelta64(1, "D")).to_numpy()
    ).all()
    assert ((history["status"] == "cpns").to_numpy() & (now["status"] == "pns").to_numpy()).any()
    before = alone["employees"].set_index("nip").loc[history["nip"]]
    assert (before["position_id"].to_numpy() == history["position_id"].to_numpy()).all()
    assert (before["end_date"].to_numpy() == history["end_date"].to_numpy()).all()
    assert not [
        p for p in Dataset.from_frames(**with_history).report if p.table == "position_history"
    ]


def bench_grades(tables: dict) -> object:
    return tables["positions"].set_index("position_id")["grade"]


def test_the_spells_check_finds_a_wrong_sum() -> None:
    """The check before the line's times: every promoted employee's sum equals its two
    positions computed alone (here it does), and a sum off by a fraction of a rupiah, or a
    rounded TPP off by one, is a Disagreement."""
    from fractions import Fraction

    from benchmarks import bench
    from tukin.calc.engine import calculate
    from tukin.dataset import Dataset
    from tukin.ruleset.load import load_ruleset

    rs = load_ruleset(bench.FULL_PACK)
    tables = bench.spell_tables(small_month(600), 0.02, 3)  # with history, without, alone
    nips = tables[0]["position_history"]["nip"].to_numpy().astype(str)
    results = [calculate(Dataset.from_frames(**t), rs, bench.FULL_PERIOD) for t in tables]
    (summed, where), (new, _), (old, _) = (bench.exact_sums(r, nips, "tpp_kotor") for r in results)
    assert (where >= 0).all()  # this month pays every promoted employee
    tpp = results[0].to_frame()["tpp"].to_numpy(dtype=np.int64)[where]
    bench.check_spell_sums(nips, summed, new + old, tpp)
    assert all(o > 0 for o in old) and any(x != int(x) for x in summed)  # both paid; fractions
    wrong = new + old
    wrong[0] += Fraction(1, 3)
    with pytest.raises(bench.Disagreement, match="1 promoted employees' tpp_kotor"):
        bench.check_spell_sums(nips, summed, wrong, tpp)
    tpp[-1] += 1
    with pytest.raises(bench.Disagreement, match="and 1 TPPs"):
        bench.check_spell_sums(nips, summed, new + old, tpp)


def test_the_punch_log_counts_what_the_daily_log_counts() -> None:
    """The same month as scans (1 to 4 a day, double presses, single-scan days) tallies the
    same counts; a departure scan moved 40 minutes earlier is a Disagreement."""
    from benchmarks import bench
    from tukin.daylog import load_schedule, tally_log

    log = bench.daylog_rows(120, 5)
    scans = bench.punch_rows(log, 5)
    schedule = load_schedule(bench.DAYLOG_SCHEDULE)
    daily, punched = tally_log(log, schedule, "2025-10"), tally_log(scans, schedule, "2025-10")
    bench.check_same_counts(daily, punched)
    per_day = punched.days["scans"].dropna().astype(int)
    assert set(per_day) == {1, 2, 3, 4}
    assert len(scans) == per_day.sum() and (scans["Tanggal/Waktu"].str.len() == 19).all()
    assert scans["Tanggal/Waktu"].is_monotonic_increasing  # the machine's order
    # a day of two scans leaving at most 30 minutes early: its departure scan 40 minutes
    # earlier moves it to another PSW band
    days = punched.days
    day = days[(days["scans"] == 2).fillna(False) & (days["early_minutes"].fillna(0) <= 30)].iloc[0]
    mine = (scans["NIP"] == day["nip"]) & scans["Tanggal/Waktu"].str.startswith(
        str(day["date"])[:10]
    )
    last = scans.index[mine][-1]
    moved = scans.copy()
    stamp = pd.Timestamp(moved.at[last, "Tanggal/Waktu"]) - pd.Timedelta(minutes=40)
    moved.at[last, "Tanggal/Waktu"] = stamp.strftime("%Y-%m-%d %H:%M:%S")
    with pytest.raises(bench.Disagreement, match="counts differ"):
        bench.check_same_counts(daily, tally_log(moved, schedule, "2025-10"))
