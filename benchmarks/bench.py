"""tukin benchmarks: the reference rule against the exact numpy kernel and the peers, the full
regional TPP pack end to end, validation, explanations and Excel, in one run.

    python benchmarks/bench.py                    # 10k, 100k, 1M employees
    python benchmarks/bench.py --national         # and 4.3M (the whole country)
    python benchmarks/bench.py --sizes 2000 --quick --out /tmp/bench.md   # a smoke run

Before it prints any time it checks, for every size, that tukin and the kernel pay the same
employees the same rupiah (and the kernel against exact fractions on a sample). The tables are
Markdown, written to ``--out`` (default ``benchmarks/results.md``) and to stdout. See
``benchmarks/README.md`` for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if __package__ in (None, ""):
    sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from benchmarks import kernels as K  # noqa: E402

REFERENCE_RULE = HERE / "reference_rule.yaml"
FULL_PACK = HERE / "full_pack.yaml"
REFERENCE_PERIOD = "2025-01"
FULL_PERIOD = "2025-06"
NATIONAL = 4_300_000
PARTITIONS = 4  # the partitioned path measured in one process (tukin.distributed, client=None)
CLOCK = "wall"


# -- measuring -------------------------------------------------------------------------------


def now() -> float:
    return time.process_time() if CLOCK == "cpu" else time.perf_counter()


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """(best time in seconds over ``repeat`` calls, the last call's value)."""
    best, value = float("inf"), None
    for _ in range(max(1, repeat)):
        t = now()
        value = fn()
        best = min(best, now() - t)
    return best, value


def rss() -> int:
    """Resident set size now, in bytes."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def peak_during(fn: Callable[[], Any]) -> tuple[Any, int, int]:
    """(value, RSS before, peak RSS while ``fn`` ran), in bytes.

    Linux: the kernel's high-water mark is reset first (``clear_refs`` 5), so the peak is that
    of ``fn`` itself; elsewhere it is the process's peak so far (an upper bound).
    """
    before = rss()
    reset = False
    try:
        Path("/proc/self/clear_refs").write_text("5")
        reset = True
    except OSError:
        pass
    value = fn()
    peak = 0
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) * 1024
    except OSError:
        pass
    if not reset or peak == 0:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return value, before, peak


def fmt_s(x: float | None) -> str:
    if x is None or x != x:
        return "—"
    if x >= 100:
        return f"{x:,.0f} s"
    if x >= 1:
        return f"{x:.2f} s"
    if x >= 1e-3:
        return f"{x * 1e3:.1f} ms"
    return f"{x * 1e6:.0f} µs"


def fmt_ratio(x: float | None) -> str:
    return "—" if x is None or x != x else (f"{x:,.0f}×" if x >= 100 else f"{x:.1f}×")


def fmt_mib(b: int | None) -> str:
    if not b:
        return "—"
    if b >= 2**30:
        return f"{b / 2**30:.2f} GiB"
    return f"{b / 2**20:.0f} MiB" if b >= 2**20 else f"{b / 2**10:.0f} KiB"


def fmt_n(n: int) -> str:
    return f"{n / 1e6:g}M" if n >= 1_000_000 else f"{n / 1e3:g}k" if n >= 1000 else str(n)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


# -- the reference rule --------------------------------------------------------------------


class Disagreement(AssertionError):
    pass


def reference(n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Every reference-rule figure for ``n`` employees (checked before being returned)."""
    from tukin.calc.engine import _Run
    from tukin.calc.frame import _JOINED, employee_frame
    from tukin.dataset import Dataset
    from tukin.period import Period
    from tukin.result import Result
    from tukin.ruleset.load import load_ruleset

    rep = args.repeat if n < 1_000_000 else max(1, args.repeat - 1)
    out: dict[str, Any] = {"n": n}
    out["generate"], tables = timed(lambda: K.reference_tables(n, seed=args.seed))
    out["joins"], arrays = timed(lambda: K.to_arrays(tables, REFERENCE_PERIOD), rep)
    out["kernel"], pay = timed(lambda: K.kernel(arrays), max(3, rep))
    sample = np.random.default_rng(n).choice(n, size=min(n, args.oracle_rows), replace=False)
    if not np.array_equal(K.oracle(arrays, sample), pay[sample]):
        raise Disagreement(f"{n}: the kernel disagrees with exact fractions")

    keep = {name: tables[name] for name in ("units", "positions", "employees", "attendance")}
    out["validation"], ds = timed(lambda: Dataset.from_frames(**keep), rep)
    if not ds.report.ok:
        raise Disagreement(f"{n}: the demo data does not validate: {ds.report.describe(limit=3)}")
    out["fingerprint"], _ = timed(ds.fingerprint)
    rs = load_ruleset(REFERENCE_RULE)
    period = Period.parse(REFERENCE_PERIOD)
    best: dict[str, float] = {}
    result: Result | None = None
    for _ in range(rep):
        # the previous repeat's frame, run and Result go first, as between two monthly runs:
        # each repeat then measures the work, not the first touch of memory still held
        frame = run = result = None  # type: ignore[assignment]
        # every repeat joins from scratch, like the kernel's to_arrays: the period-free part
        # of the frame is kept per Dataset, which would make later repeats cheaper
        _JOINED.pop(ds, None)
        gc.collect()
        t0 = now()
        frame = employee_frame(ds, period)
        t1 = now()
        run = _Run(frame, rs, period, ds)
        run.pre_checks()
        run.evaluate()
        t2 = now()
        result = Result.build(run, ds)
        t3 = now()
        for key, value in (("frame", t1 - t0), ("result", t3 - t2), ("calculate", t3 - t0)):
            best[key] = min(best.get(key, float("inf")), value)
    # the compute alone timed as the kernel is (best of max(3, repeats) runs back to back),
    # on the last frame, each run released before the next
    for _ in range(max(3, rep)):
        run = None  # type: ignore[assignment]
        gc.collect()
        t1 = now()
        run = _Run(frame, rs, period, ds)
        run.pre_checks()
        run.evaluate()
        best["compute"] = min(best.get("compute", float("inf")), now() - t1)
    run = None  # type: ignore[assignment]
    out.update(best)
    assert result is not None
    check_agreement(n, result, arrays, pay)
    out["paid"], out["rejected"] = len(result), len(result.rejected)
    _JOINED.pop(ds, None)
    _, before, peak = peak_during(lambda: _calculate(ds, rs))
    out["rss_before"], out["rss_peak"] = before, peak

    nips = result.to_frame()["nip"].to_numpy()
    pick = np.random.default_rng(1).choice(len(nips), size=min(len(nips), 7), replace=False)
    times = [timed(lambda i=i: result.explain(str(nips[i])))[0] for i in pick]
    out["explain_first"], out["explain_median"] = times[0], statistics.median(times)

    rows = np.arange(min(n, args.naive_rows))
    frame_naive = K.naive_frame(arrays, rows)
    t, naive = timed(lambda: K.naive(frame_naive))
    out["naive_rows"], out["naive"] = len(rows), t * n / max(len(rows), 1)
    out["naive_off"] = int((naive != pay[rows]).sum())

    from benchmarks import peers

    if peers.available():
        out["openfisca_version"] = peers.version()
        out["openfisca"], of = timed(lambda: peers.openfisca(arrays, REFERENCE_PERIOD), max(2, rep))
        payable = arrays.payable
        out["openfisca_off"] = int((of[payable] != pay[payable]).sum())
    return out


def _calculate(ds: Any, rs: Any) -> Any:
    from tukin.calc.engine import calculate

    return calculate(ds, rs, REFERENCE_PERIOD)


def check_agreement(n: int, result: Any, arrays: K.Arrays, pay: np.ndarray) -> None:
    """tukin pays exactly the payable employees, each exactly the kernel's rupiah."""
    frame = result.to_frame()
    where = pd.Index(arrays.nip).get_indexer(frame["nip"].astype(str))
    if (where < 0).any():
        raise Disagreement(f"{n}: tukin paid employees the kernel does not know")
    paid = np.zeros(len(arrays.nip), dtype=bool)
    paid[where] = True
    if not np.array_equal(paid, arrays.payable):
        extra = int((paid & ~arrays.payable).sum())
        missing = int((~paid & arrays.payable).sum())
        raise Disagreement(f"{n}: paid sets differ ({extra} paid only by tukin, {missing} only by the kernel)")
    off = frame["allowance"].to_numpy(dtype=np.int64) != pay[where]
    if off.any():
        i = int(np.flatnonzero(off)[0])
        raise Disagreement(
            f"{n}: {int(off.sum())} employees differ, e.g. {frame['nip'].iat[i]}: "
            f"tukin {frame['allowance'].iat[i]} vs kernel {pay[where[i]]}"
        )
    codes = set(result.rejected["code"])
    if not codes <= {"out_of_service", "missing_input_row"}:
        raise Disagreement(f"{n}: unexpected rejections {sorted(codes)}")


# -- the full pack, in a child process (memory of its own, a timeout) --------------------------


def full_pack_child(n: int, seed: int) -> dict[str, Any]:
    from tukin.calc.engine import calculate, prepare
    from tukin.dataset import Dataset
    from tukin.distributed import calculate_partitioned
    from tukin.ruleset.load import load_ruleset

    out: dict[str, Any] = {"n": n}
    month = int(FULL_PERIOD[-2:])
    out["generate"], tables = timed(lambda: _month_tables(n, seed, month))
    out["rows"] = int(sum(len(t) for t in tables.values()))
    out["validation"], ds = timed(partial(Dataset.from_frames, **tables))
    # the raw frames go once validated, as a reader's would: the Dataset holds what is used
    del tables
    gc.collect()
    rs = load_ruleset(FULL_PACK)
    t = now()
    result, before, peak = peak_during(lambda: calculate(ds, rs, FULL_PERIOD))
    out["calculate"] = now() - t
    out["rss_before"], out["rss_peak"] = before, peak
    out["paid"], out["rejected"] = len(result), len(result.rejected)
    nips = result.to_frame()["nip"].to_numpy()
    times = [timed(lambda i=i: result.explain(str(nips[i])))[0] for i in range(0, len(nips), max(1, len(nips) // 5))][:5]
    out["explain_first"], out["explain_median"] = times[0], statistics.median(times)
    # a scenario or another run on the same Dataset: the per-Dataset work (key order,
    # fingerprint, hierarchy, indicator figures, the frame's joins) is kept, the rest is redone
    result = None  # type: ignore[assignment]
    gc.collect()
    out["again"], _ = timed(lambda: calculate(ds, rs, FULL_PERIOD))
    # the per-Dataset work done ahead (tukin.prepare), as a service would on upload: a new
    # Dataset of the same tables (the first one gone), prepared, then calculated
    ds = None  # type: ignore[assignment]
    gc.collect()
    tables = _month_tables(n, seed, month)
    fresh = Dataset.from_frames(**tables)
    del tables
    gc.collect()
    out["prepare"], _ = timed(lambda: prepare(fresh, rs, [FULL_PERIOD]))
    out["prepared"], single = timed(lambda: calculate(fresh, rs, FULL_PERIOD))
    # the partitioned path (tukin.distributed, Dask's algorithm without a cluster): the split
    # by OPD, each partition's calculation one after the other, the merge; equal receipts first
    want = single.receipt.model_dump(exclude={"computed_at"})
    single = None
    gc.collect()
    out["partitioned"], parted = timed(
        lambda: calculate_partitioned(fresh, rs, FULL_PERIOD, npartitions=PARTITIONS)
    )
    got = parted.receipt.model_dump(exclude={"computed_at"})
    if got != want:
        raise SystemExit(f"partitioned result differs from calculate at {n:,}: {got} != {want}")
    return out


def _month_tables(n: int, seed: int, month: int) -> dict[str, pd.DataFrame]:
    """The demo regency with the attendance and appraisals of the benchmarked month only."""
    from tukin.demo import generate

    tables = generate(n, seed=seed, months=month)
    for name in ("attendance", "appraisals"):
        t = tables[name]
        tables[name] = t[t["period"] == FULL_PERIOD].reset_index(drop=True)
    return tables


def full_pack(n: int, args: argparse.Namespace) -> dict[str, Any]:
    return _child(n, args, ["--child-full", str(n), "--seed", str(args.seed), "--clock", CLOCK])


def _child(n: int, args: argparse.Namespace, options: list[str]) -> dict[str, Any]:
    """This script run again with ``options`` in a process of its own (a measure of peak
    memory and first-touch costs of its own): its last line of output read as JSON, or the
    size with its timeout or error."""
    cmd = [sys.executable, str(Path(__file__).resolve()), *options]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.full_timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"n": n, "timeout": args.full_timeout}
    if done.returncode != 0:
        return {"n": n, "error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# -- several positions in one month (position_history) -------------------------------------

#: The packs' key (benchmarks/full_pack.yaml declares it as examples/epantau_tpp.yaml does)
SPELLS_SUM_AT = "tpp_kotor"


def spell_tables(
    tables: dict[str, pd.DataFrame], share: float, seed: int
) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """The demo month with ``share`` of its employees promoted within it: ``(with_history,
    without, alone)``. ``with_history``: each promoted employee's row holds its position from
    a day between the 5th and the 25th (its TMT), a ``position_history`` row the earlier
    position up to the day before (a pelaksana or fungsional position of another kelas, a
    lower one where there is one; a quarter of them CPNS then, PNS now). ``without``: the
    same without the history rows (the demo's empty table): the promoted employees paid from
    their TMT, what the new position pays on its own. ``alone``: the promoted employees' rows
    holding the earlier position instead, until the day before the TMT: what the earlier
    position pays on its own. The last two are for the check.

    Only employees in a pelaksana or fungsional position with no start or end date of their
    own are promoted: most of a month's promotions, and none of them moves the holder of a
    structural post, whom the roll-up credits from the employees table alone."""
    rng = np.random.default_rng(seed)
    employees, positions = tables["employees"], tables["positions"]
    staff = positions[positions["kind"].isin(["pelaksana", "fungsional"])]
    grade_of = positions.set_index("position_id")["grade"]
    undated = employees["start_date"].isna() & employees["end_date"].isna()
    can = np.flatnonzero((employees["position_id"].isin(staff["position_id"]) & undated).to_numpy())
    take = np.sort(rng.choice(can, size=min(len(can), round(share * len(employees))), replace=False))
    if not len(take):
        raise Disagreement(f"no employee to promote: {share:.2%} of {len(employees):,}")
    grade = grade_of.loc[employees["position_id"].to_numpy()[take]].to_numpy()
    # an earlier position of another kelas: among the staff positions sorted by kelas, one of
    # the nearest kelas below (above where none is below)
    order = np.argsort(staff["grade"].to_numpy(), kind="stable")
    ids, grades = staff["position_id"].to_numpy()[order], staff["grade"].to_numpy()[order]
    below = np.searchsorted(grades, grade, "left")
    above = np.minimum(np.searchsorted(grades, grade, "right"), len(grades) - 1)
    other = np.where(below > 0, grades[np.maximum(below - 1, 0)], grades[above])
    lo, hi = np.searchsorted(grades, other, "left"), np.searchsorted(grades, other, "right")
    earlier = ids[lo + (rng.random(len(take)) * (hi - lo)).astype(np.int64)]
    if (grade_of.loc[earlier].to_numpy() == grade).any():
        raise Disagreement("the demo has one kelas of staff positions: no promotion to draw")
    year, month = (int(x) for x in FULL_PERIOD.split("-"))
    tmt = pd.to_datetime([dt.date(year, month, d) for d in rng.integers(5, 26, len(take))])
    status = employees["status"].to_numpy()[take].astype(object)
    was = status.copy()
    to_pns = rng.random(len(take)) < 0.25
    was[to_pns], status[to_pns] = "cpns", "pns"
    nips = employees["nip"].to_numpy()[take]
    history = pd.DataFrame(
        {"nip": nips, "position_id": earlier, "status": was,
         "start_date": pd.Timestamp(year - 5, 1, 1), "end_date": tmt - pd.Timedelta(days=1),
         "reference": "800/BENCH"}
    )
    promoted = employees.copy()
    promoted.loc[take, "start_date"] = tmt
    promoted.loc[take, "status"] = status
    before = employees.copy()
    before.loc[take, "position_id"] = earlier
    before.loc[take, "status"] = was
    before.loc[take, "end_date"] = tmt - pd.Timedelta(days=1)
    return (
        {**tables, "employees": promoted, "position_history": history},
        {**tables, "employees": promoted},
        {**tables, "employees": before},
    )


def exact_sums(result: Any, nips: np.ndarray, step: str) -> tuple[np.ndarray, np.ndarray]:
    """``(step's exact values, their rows in result.to_frame())`` of the employees ``nips``:
    their rows of the run recomputed on the exact backend in one pass (``_Run.exact_rows``, as
    the exact texts of ``Result.to_json`` are; every position of an employee holding several).
    An employee not paid (rejected at a later step: a part month's allowance smaller than its
    deductions is ``negative_net``) has its value too, and -1 as its row of the paid frame."""
    run = result._run
    rows = pd.Index(run.frame["nip"].astype(str)).get_indexer(nips)
    if (rows < 0).any():
        raise Disagreement(f"{int((rows < 0).sum())} promoted employees are not in the calculation")
    values = run.exact_rows(rows.astype(np.int64))[step]
    where = pd.Index(result.to_frame()["nip"].astype(str)).get_indexer(nips)
    return np.asarray(getattr(values, "v", values), dtype=object), where


def rejected_by(result: Any, nips: np.ndarray, steps: list[str]) -> np.ndarray:
    """Which of ``nips`` ``result`` rejects before the calculation or at one of ``steps``
    (those up to ``sum_at``: their value there means nothing)."""
    rejected = result.rejected
    early = rejected[
        (rejected["stage"] != "calculation")
        | rejected["step"].astype(str).map(lambda s: any(p in steps for p in s.split(",")))
    ]
    return np.isin(nips, early["nip"].astype(str).to_numpy())


def check_spell_sums(
    nips: np.ndarray, summed: np.ndarray, want: np.ndarray, tpp: np.ndarray, paid: np.ndarray | None = None
) -> None:
    """Each promoted employee's value at ``sum_at`` (``summed``, exact) is ``want`` (what its
    positions pay alone, summed exactly), and its rounded TPP is that sum rounded half up
    (``paid``: those paid; the others were rejected after ``sum_at``, e.g. ``negative_net``)."""
    from fractions import Fraction

    paid = np.ones(len(nips), dtype=bool) if paid is None else paid
    off = np.flatnonzero([a != b for a, b in zip(summed, want, strict=True)])
    rounded = np.array([int((q + Fraction(1, 2)) // 1) for q in want], dtype=np.int64)
    off_tpp = np.flatnonzero(paid & (np.asarray(tpp, dtype=np.int64) != rounded))
    if len(off) or len(off_tpp):
        i = int((off if len(off) else off_tpp)[0])
        raise Disagreement(
            f"{len(off)} promoted employees' {SPELLS_SUM_AT} and {len(off_tpp)} TPPs are not the sum "
            f"of their positions alone, e.g. {nips[i]}: {summed[i]} and {tpp[i]} vs {want[i]}"
        )


def spells_child(n: int, seed: int, share: float, repeat: int) -> dict[str, Any]:
    """The full pack at ``n`` employees, ``share`` of them promoted within the month
    (:func:`spell_tables`): a repeated calculation with the history rows against one of the
    same employees without them, and explanations of promoted employees, after checking that
    every promoted employee is paid the exact sum of what each of its positions pays alone."""
    from tukin.calc.engine import calculate
    from tukin.dataset import Dataset
    from tukin.ruleset.load import load_ruleset

    rs = load_ruleset(FULL_PACK)
    if rs.position_history is None or rs.position_history.sum_at != SPELLS_SUM_AT:
        raise Disagreement(f"{FULL_PACK.name} does not sum the positions at {SPELLS_SUM_AT}")
    out: dict[str, Any] = {"n": n, "share": share}
    with_history, without, alone = spell_tables(_month_tables(n, seed, int(FULL_PERIOD[-2:])), share, seed)
    history = with_history["position_history"]
    nips = history["nip"].to_numpy().astype(str)
    now_pns = with_history["employees"].set_index("nip").loc[history["nip"], "status"].to_numpy() == "pns"
    out["promoted"], out["to_pns"] = len(history), int((now_pns & (history["status"] == "cpns").to_numpy()).sum())

    def run(tables: dict[str, pd.DataFrame], repeats: int) -> tuple[float, Any]:
        """(best of ``repeats`` calculations after the first, the last Result) on a Dataset
        of ``tables``: the first does the per-Dataset work once (key order, fingerprint,
        hierarchy, joins), the repeats measure a calculation on the same Dataset."""
        ds = Dataset.from_frames(**tables)
        problems = [p for p in ds.report if p.table == "position_history"]
        if problems:
            raise Disagreement(f"the history rows do not validate: {problems[0].message('en')}")
        result = calculate(ds, rs, FULL_PERIOD)
        if not repeats:
            return float("nan"), result
        result = None
        gc.collect()
        return timed(lambda: calculate(ds, rs, FULL_PERIOD), repeats)

    # each Dataset and Result goes before the next is built: one at a time in memory
    upto = [s.id for s in rs.steps][: [s.id for s in rs.steps].index(SPELLS_SUM_AT) + 1]
    out["again_without"], result = run(without, repeat)
    new_part, _ = exact_sums(result, nips, SPELLS_SUM_AT)
    early = rejected_by(result, nips, upto)
    plain = result.to_frame()[["nip", "tpp"]]
    result = without = None  # type: ignore[assignment]
    gc.collect()
    _, result = run(alone, 0)
    old_part, _ = exact_sums(result, nips, SPELLS_SUM_AT)
    early |= rejected_by(result, nips, upto)
    result = alone = None  # type: ignore[assignment]
    gc.collect()
    out["again"], result = run(with_history, repeat)
    summed, where = exact_sums(result, nips, SPELLS_SUM_AT)
    early |= rejected_by(result, nips, upto)
    # an employee rejected at or before sum_at by its own data (a missing input) has no sum
    # to check; one rejected after it (negative_net: a part month's allowance smaller than
    # its deductions, in either position alone or in all) has its sum checked, not its TPP
    keep = ~early
    frame = result.to_frame()
    tpp = np.where(where >= 0, frame["tpp"].to_numpy(dtype=np.int64)[np.maximum(where, 0)], -1)
    check_spell_sums(nips[keep], summed[keep], (new_part + old_part)[keep], tpp[keep], (where >= 0)[keep])
    # everyone else is paid as without the history rows (before the OPD ceiling)
    others = frame[["nip", "tpp"]].merge(plain, on="nip", suffixes=("", "_without"))
    others = others[~others["nip"].astype(str).isin(nips)]
    if len(others) != len(frame) - int((where >= 0).sum()) or (others["tpp"] != others["tpp_without"]).any():
        raise Disagreement("the history rows changed the TPP of employees without any")
    out["rejected_early"] = int(early.sum())
    out["checked"] = int(keep.sum())
    times = [timed(lambda nip=nip: result.explain(nip))[0] for nip in nips[where >= 0][:5]]
    out["explain_first"], out["explain_median"] = times[0], statistics.median(times)
    return out


def spells(n: int, args: argparse.Namespace) -> dict[str, Any]:
    return _child(n, args, ["--child-spells", str(n), "--seed", str(args.seed), "--clock", CLOCK,
                            "--spells-share", str(args.spells_share), "--repeat", str(args.repeat)])


# -- the result document --------------------------------------------------------------------


def check_document(text: str, result: Any) -> None:
    """The result document ``text`` parses, lists every paid employee once, and its paid
    rows' allowances and net amounts sum to the Result's totals (its receipt's too)."""
    doc = json.loads(text)
    employees, receipt = doc["employees"], result.receipt
    if len(employees) != len(result) or len(doc.get("exact", [])) != len(result):
        raise Disagreement(f"the document lists {len(employees):,} paid rows, the Result {len(result):,}")
    for column, total in (("allowance", receipt.total_allowance), ("net", receipt.total_net)):
        paid = sum(row[column] for row in employees)
        if paid != int(total) or doc["receipt"][f"total_{column}"] != int(total):
            raise Disagreement(f"the document's {column} sums to {paid:,}, the Result's to {int(total):,}")


def document_child(n: int, seed: int) -> dict[str, Any]:
    """The full pack's Result at ``n`` employees as the result document (schema ``result``):
    written once to a ``.json`` file and checked (:func:`check_document`), then
    ``Result.to_json`` and ``tukin.io.write_result`` to a ``.json`` file timed, each with its
    peak memory; the text returned is the file's."""
    from tukin import io
    from tukin.calc.engine import calculate
    from tukin.dataset import Dataset
    from tukin.ruleset.load import load_ruleset

    ds = Dataset.from_frames(**_month_tables(n, seed, int(FULL_PERIOD[-2:])))
    result = calculate(ds, load_ruleset(FULL_PACK), FULL_PERIOD)
    out: dict[str, Any] = {"n": n, "paid": len(result)}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hasil.json"
        io.write_result(result, path)
        check_document(path.read_text(encoding="utf-8"), result)
        out["bytes"] = path.stat().st_size
        path.unlink()
        gc.collect()
        t = now()
        text, out["rss_before"], out["to_json_peak"] = peak_during(result.to_json)
        out["to_json"] = now() - t
        if len(text.encode("utf-8")) != out["bytes"]:
            raise Disagreement("Result.to_json and the .json file differ in size")
        text = None  # type: ignore[assignment]
        gc.collect()
        t = now()
        _, out["write_before"], out["write_peak"] = peak_during(lambda: io.write_result(result, path))
        out["write"] = now() - t
    return out


def document(n: int, args: argparse.Namespace) -> dict[str, Any]:
    return _child(n, args, ["--child-document", str(n), "--seed", str(args.seed), "--clock", CLOCK])


# -- Excel -----------------------------------------------------------------------------------


def excel(n: int, seed: int) -> dict[str, Any]:
    from tukin import io

    tables = K.reference_tables(n, seed=seed)
    keep = {name: tables[name] for name in ("units", "positions", "employees", "attendance")}
    rows = int(sum(len(t) for t in keep.values()))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.xlsx"
        write, _ = timed(lambda: io.write_frames(keep, path))
        read, ds = timed(lambda: io.read_dataset(path))
        if len(ds["employees"]) != len(keep["employees"]):
            raise Disagreement("Excel round trip lost employees")
        size = path.stat().st_size
    return {"employees": n, "rows": rows, "write": write, "read": read, "bytes": size}


# -- daily attendance log -------------------------------------------------------------------

#: The schedule the daily log is tallied against: the example with Permentan 68/2012's bands
DAYLOG_SCHEDULE = HERE.parent / "examples" / "jadwal_permentan_68_2012.yaml"


def daylog_rows(n: int, seed: int) -> pd.DataFrame:
    """A month's daily log of ``n`` employees (22 working days of October 2025, text times as
    a CSV or an e-absensi export gives them, 2 % of check-outs missing)."""
    rng = np.random.default_rng(seed)
    days = pd.bdate_range("2025-10-01", periods=22).strftime("%Y-%m-%d").to_numpy()
    rows = n * len(days)

    def text(seconds: np.ndarray) -> np.ndarray:
        hours, minutes = (seconds // 3600).astype(str), (seconds % 3600 // 60).astype(str)
        return np.char.add(np.char.add(np.char.zfill(hours, 2), ":"), np.char.zfill(minutes, 2))

    check_in = text(7 * 3600 + 1800 + rng.integers(-1800, 7200, rows))
    check_out = text(16 * 3600 + rng.integers(-7200, 1800, rows)).astype(object)
    check_out[rng.random(rows) < 0.02] = None
    nips = np.array([str(198001012005011000 + i) for i in range(n)])
    return pd.DataFrame(
        {"NIP": np.repeat(nips, len(days)), "Tanggal": np.tile(days, n), "Jam Masuk": check_in, "Jam Pulang": check_out}
    ).astype({"NIP": "str", "Tanggal": "str", "Jam Masuk": "str", "Jam Pulang": "str"})


def punch_rows(log: pd.DataFrame, seed: int) -> pd.DataFrame:
    """The month of ``log`` (:func:`daylog_rows`) as a fingerprint machine's punch log: one
    row per scan (NIP, date and time to the second), in the machine's order (by time).

    A day with both times gives the check-in scan and the check-out scan (at the minute the
    daily log shows) and sometimes more between them: a scan at midday (30 %), a double press
    of the arrival or of the departure within a minute (10 % each; at most 4 scans a day). A
    day without a check-out gives its check-in scan only, double pressed on 10 % of them: a
    single-scan day, which the schedule's ``single_scan: midpoint`` reads as the arrival (the
    check-ins are before 09:31, the hours' middle about noon). Its tally is then the daily
    log's, which :func:`daylog` checks."""
    rng = np.random.default_rng(seed + 1)
    n = len(log)

    def seconds(column: str) -> np.ndarray:
        """A time column's HH:MM in seconds of the day (-1 where missing)."""
        digits = log[column].to_numpy(dtype="U5").view(np.uint32).reshape(-1, 5).astype(np.int64) - ord("0")
        secs = (digits[:, 0] * 10 + digits[:, 1]) * 3600 + (digits[:, 3] * 10 + digits[:, 4]) * 60
        return np.where(digits[:, 2] == ord(":") - ord("0"), secs, -1)

    check_in, check_out = seconds("Jam Masuk"), seconds("Jam Pulang")
    both = check_out >= 0
    midday = both & (rng.random(n) < 0.3)
    press_in = rng.random(n) < 0.1
    press_out = both & (rng.random(n) < 0.1) & ~(midday & press_in)
    dates, which = np.unique(log["Tanggal"].to_numpy(dtype=str), return_inverse=True)
    day = dates.astype("datetime64[s]")[which]
    row = np.arange(n)
    parts = [
        (row, check_in),
        (row[both], check_out[both]),
        (row[midday], 12 * 3600 + rng.integers(0, 3600, int(midday.sum()))),
        (row[press_in], check_in[press_in] + rng.integers(5, 60, int(press_in.sum()))),
        (row[press_out], check_out[press_out] - rng.integers(5, 60, int(press_out.sum()))),
    ]
    at = np.concatenate([r for r, _ in parts])
    when = day[at] + np.concatenate([x for _, x in parts]).astype("timedelta64[s]")
    order = np.lexsort((at, when))  # the machine's order: by time
    at, when = at[order], when[order]
    text = np.datetime_as_string(when, unit="s").astype("S19")
    chars = text.view(np.uint8).reshape(-1, 19)
    chars[:, 10] = ord(" ")  # 2025-10-01 07:30:00, as machines write it
    return pd.DataFrame(
        {"NIP": log["NIP"].to_numpy()[at], "Tanggal/Waktu": chars.view("S19").ravel().astype(str)}
    ).astype({"NIP": "str", "Tanggal/Waktu": "str"})


def check_same_counts(daily: Any, punched: Any) -> None:
    """The punch log's tally (read as one, nothing rejected) counts every code of every
    employee as the daily log's tally of the same month does."""
    if punched.shape != "punch" or len(punched.rejected):
        raise Disagreement("the punch log was not read as one, or rows were rejected")
    want = daily.attendance.sort_values("nip", ignore_index=True)
    got = punched.attendance.sort_values("nip", ignore_index=True)
    if list(want.columns) != list(got.columns) or len(want) != len(got) or not want.equals(got):
        differ = [c for c in want.columns if c in got.columns and not want[c].equals(got[c])]
        raise Disagreement(f"the punch log's counts differ from the daily log's of the same month: {differ}")


def daylog(n: int, seed: int, repeat: int) -> dict[str, Any]:
    """``tukin.daylog.tally_log`` of a month's log of ``n`` employees, after checking that
    every row was used and every employee counted; then of the same month as a punch log
    (:func:`punch_rows`), after checking that it counts what the daily log counts."""
    from tukin.daylog import load_schedule, tally_log

    log = daylog_rows(n, seed)
    schedule = load_schedule(DAYLOG_SCHEDULE)
    seconds, tally = timed(lambda: tally_log(log, schedule, "2025-10"), repeat)
    if len(tally.attendance) != n or len(tally.rejected):
        raise Disagreement("the daily log's tally lost employees or rejected rows")
    scans = punch_rows(log, seed)
    punch_s, punched = timed(lambda: tally_log(scans, schedule, "2025-10"), repeat)
    check_same_counts(tally, punched)
    per_day = punched.days["scans"].dropna().to_numpy(dtype=np.int64)  # days with scans
    return {"employees": n, "rows": len(log), "tally": seconds, "days": len(tally.days),
            "scans": len(scans), "punch": punch_s, "punch_days": len(punched.days),
            "fewest": int(per_day.min()), "most": int(per_day.max())}


# -- report ----------------------------------------------------------------------------------


def machine() -> str:
    import numpy
    import pandas

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ", load average {:.1f} / {:.1f} / {:.1f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}{load}; Python {platform.python_version()}, "
        f"numpy {numpy.__version__}, pandas {pandas.__version__}; "
        f"{'process CPU time' if CLOCK == 'cpu' else 'wall-clock time'}, best of repeats"
    )


def report(
    ref: list[dict[str, Any]], full: list[dict[str, Any]], xl: dict[str, Any] | None, args: argparse.Namespace,
    dl: dict[str, Any] | None = None, sp: dict[str, Any] | None = None, doc: dict[str, Any] | None = None,
) -> str:
    parts = [
        f"# tukin benchmark, {dt.date.today().isoformat()}",
        "",
        f"Machine: {machine()}.",
        f"Command: `python benchmarks/bench.py {' '.join(sys.argv[1:])}`".rstrip() + ".",
        "",
        "tukin and the exact kernel agree on every employee at every size (checked before any "
        f"time was printed); the kernel agrees with exact fractions on {args.oracle_rows:,} "
        "sampled employees per size.",
        "",
        "## Reference rule: compute, against the limit and the peers",
        "",
    ]
    of = next((r["openfisca_version"] for r in ref if "openfisca_version" in r), None)
    rows = []
    for r in ref:
        n = r["n"]
        ofc = [fmt_s(r["openfisca"]), fmt_ratio(r["openfisca"] / r["kernel"]), f"{r['openfisca_off']:,}"] if "openfisca" in r else ["not installed"] * 3
        rows.append(
            [fmt_n(n), fmt_s(r["kernel"]), fmt_s(r["compute"]), fmt_ratio(r["compute"] / r["kernel"]), *ofc,
             fmt_s(r["naive"]), fmt_ratio(r["naive"] / r["kernel"]), f"{r['naive_off']:,} of {r['naive_rows']:,}"]
        )
    parts.append(table(
        ["employees", "exact numpy kernel", "tukin compute", "tukin / kernel",
         f"OpenFisca{' ' + of if of else ''}", "OpenFisca / kernel", "OpenFisca rupiah off",
         "pandas + Decimal row by row (est.)", "naive / kernel", "naive rupiah off (subset)"],
        rows,
    ))
    parts += [
        "",
        "*tukin compute* is the rule's steps over the employee frame (`calculate` minus building "
        "the frame and the Result); the kernel gets ready-made integer arrays. The naive version "
        f"runs on the first {args.naive_rows:,} employees and is scaled to the size.",
        "",
        "## Reference rule: the whole `calculate`",
        "",
    ]
    rows = []
    for r in ref:
        e2e_kernel = r["joins"] + r["kernel"]
        rows.append(
            [fmt_n(r["n"]), fmt_s(r["validation"]), fmt_s(r["fingerprint"]), fmt_s(r["frame"]), fmt_s(r["compute"]),
             fmt_s(r["result"]), fmt_s(r["calculate"]), fmt_s(e2e_kernel), fmt_ratio(r["calculate"] / e2e_kernel),
             fmt_mib(r["rss_peak"]), fmt_mib(r["rss_before"]), fmt_s(r["explain_first"]), fmt_s(r["explain_median"])]
        )
    parts.append(table(
        ["employees", "validation (4 tables)", "dataset fingerprint (once)", "frame (joins)", "compute", "Result",
         "calculate", "kernel incl. its joins", "calculate / kernel+joins", "peak RSS in calculate",
         "RSS before", "explain (first)", "explain (median)"],
        rows,
    ))
    parts += ["", "## Full regional TPP pack on the demo regency (end to end)", ""]
    rows = []
    for r in full:
        if "timeout" in r:
            rows.append([fmt_n(r["n"]), "—", f"> {r['timeout']:,.0f} s (stopped)", *["—"] * 9])
            continue
        if "error" in r:
            rows.append([fmt_n(r["n"]), "—", f"error: {r['error'][:80]}", *["—"] * 9])
            continue
        rows.append(
            [fmt_n(r["n"]), f"{r['validation']:.2f} s ({r['rows']:,} rows)", fmt_s(r["calculate"]),
             f"{r['calculate'] / r['n'] * 1e6:.1f} µs", fmt_s(r.get("again")), fmt_s(r.get("prepare")),
             fmt_s(r.get("prepared")), fmt_s(r.get("partitioned")), fmt_mib(r["rss_peak"]),
             fmt_mib(r["rss_before"]), fmt_s(r["explain_first"]), fmt_s(r["explain_median"])]
        )
    parts.append(table(
        ["employees", "validation (all tables, one month)", "calculate", "per employee", "again on the same Dataset",
         "tukin.prepare (a new Dataset)", "calculate after prepare",
         f"partitioned by OPD ({PARTITIONS} parts, one process)", "peak RSS in calculate", "RSS before", "explain (first)", "explain (median)"],
        rows,
    ))
    if sp:
        parts += ["", "## Full pack with employees promoted within the month (`position_history`)", ""]
        if "timeout" in sp or "error" in sp:
            why = f"> {sp['timeout']:,.0f} s (stopped)" if "timeout" in sp else f"error: {sp['error'][:80]}"
            parts.append(table(["employees", "result"], [[fmt_n(sp["n"]), why]]))
        else:
            parts.append(table(
                ["employees", "promoted (CPNS → PNS)", "checked: paid the sum of their positions",
                 "calculate again without history", "calculate again with history", "with / without",
                 "explain a promoted employee (first)", "(median of 5)"],
                [[fmt_n(sp["n"]), f"{sp['promoted']:,} ({sp['share']:.1%}; {sp['to_pns']:,})", f"{sp['checked']:,}" + (f" ({sp['rejected_early']:,} rejected by their own data)" if sp.get("rejected_early") else ""),
                  fmt_s(sp["again_without"]), fmt_s(sp["again"]), fmt_ratio(sp["again"] / sp["again_without"]),
                  fmt_s(sp["explain_first"]), fmt_s(sp["explain_median"])]],
            ))
    if doc:
        parts += ["", "## The result document (`Result.to_json`, `write_result` to `.json`), full pack", ""]
        if "timeout" in doc or "error" in doc:
            why = f"> {doc['timeout']:,.0f} s (stopped)" if "timeout" in doc else f"error: {doc['error'][:80]}"
            parts.append(table(["employees", "result"], [[fmt_n(doc["n"]), why]]))
        else:
            parts.append(table(
                ["employees", "paid rows", "document", "Result.to_json", "peak RSS in to_json",
                 "write_result (.json)", "peak RSS in write_result", "RSS before"],
                [[fmt_n(doc["n"]), f"{doc['paid']:,}", f"{doc['bytes'] / 1e6:,.1f} MB", fmt_s(doc["to_json"]),
                  fmt_mib(doc["to_json_peak"]), fmt_s(doc["write"]), fmt_mib(doc["write_peak"]),
                  fmt_mib(doc["rss_before"])]],
            ))
    if xl:
        parts += [
            "",
            "## Excel",
            "",
            table(
                ["employees", "rows (4 tables)", "write", "rows/s", "read + validate", "rows/s", "file"],
                [[fmt_n(xl["employees"]), f"{xl['rows']:,}", fmt_s(xl["write"]), f"{xl['rows'] / xl['write']:,.0f}",
                  fmt_s(xl["read"]), f"{xl['rows'] / xl['read']:,.0f}", fmt_mib(xl["bytes"])]],
            ),
        ]
    if dl:
        parts += [
            "",
            "## Daily attendance log to the month's counts",
            "",
            table(
                ["log", "employees", "log rows", "tally_log", "rows/s", "days frame rows"],
                [["daily (check-in, check-out)", fmt_n(dl["employees"]), f"{dl['rows']:,}", fmt_s(dl["tally"]),
                  f"{dl['rows'] / dl['tally']:,.0f}", f"{dl['days']:,}"],
                 [f"punch ({dl['fewest']}–{dl['most']} scans a day), the same counts", fmt_n(dl["employees"]),
                  f"{dl['scans']:,}", fmt_s(dl["punch"]), f"{dl['scans'] / dl['punch']:,.0f}", f"{dl['punch_days']:,}"]],
            ),
        ]
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    global CLOCK
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000], help="employees per run")
    p.add_argument("--national", action="store_true", help=f"add {NATIONAL:,} employees (the whole country)")
    p.add_argument("--full-sizes", type=int, nargs="*", default=None, help="sizes for the full pack (default: --sizes)")
    p.add_argument("--full-timeout", type=float, default=1800, help="seconds before a full-pack run is stopped")
    p.add_argument("--repeat", type=int, default=3, help="repeats (best kept); one fewer from 1M")
    p.add_argument("--naive-rows", type=int, default=20_000, help="employees for the row-by-row version")
    p.add_argument("--oracle-rows", type=int, default=2_000, help="employees checked against fractions")
    p.add_argument("--excel-employees", type=int, default=2_000, help="employees for the Excel round trip (0: skip)")
    p.add_argument("--daylog-employees", type=int, default=50_000, help="employees of the daily log tallied (0: skip)")
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--clock", choices=["wall", "cpu"], default="wall", help="cpu: process CPU time (shared machines)")
    p.add_argument("--quick", action="store_true", help="one repeat, small subsets (smoke test)")
    p.add_argument("--out", type=Path, default=HERE / "results.md", help="Markdown output ('-': stdout only)")
    p.add_argument("--spells-share", type=float, default=0.01,
                   help="share of employees promoted within the month, full pack at the largest size (0: skip)")
    p.add_argument("--document", action=argparse.BooleanOptionalAction, default=True,
                   help="the result document (to_json, write_result .json) at the largest full-pack size")
    p.add_argument("--child-full", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--child-document", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--child-spells", type=int, default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    CLOCK = args.clock
    if args.child_full is not None:
        print(json.dumps(full_pack_child(args.child_full, args.seed)))
        return 0
    if args.child_document is not None:
        print(json.dumps(document_child(args.child_document, args.seed)))
        return 0
    if args.child_spells is not None:
        print(json.dumps(spells_child(args.child_spells, args.seed, args.spells_share, args.repeat)))
        return 0
    if args.quick:
        args.repeat, args.naive_rows, args.oracle_rows = 1, min(args.naive_rows, 500), min(args.oracle_rows, 300)
        args.excel_employees = min(args.excel_employees, 200)
        args.daylog_employees = min(args.daylog_employees, 200)
    sizes = sorted(set(args.sizes + ([NATIONAL] if args.national else [])))
    full_sizes = sorted(set(args.full_sizes if args.full_sizes is not None else sizes))
    ref, full = [], []
    try:
        for n in sizes:
            print(f"reference rule, {n:,} employees ...", file=sys.stderr, flush=True)
            ref.append(reference(n, args))
    except Disagreement as exc:
        print(f"DISAGREEMENT, no times printed: {exc}", file=sys.stderr)
        return 1
    for n in full_sizes:
        print(f"full pack, {n:,} employees ...", file=sys.stderr, flush=True)
        full.append(full_pack(n, args))
    sp = None
    if args.spells_share > 0 and full_sizes:
        print(f"full pack with earlier positions, {full_sizes[-1]:,} employees ...", file=sys.stderr, flush=True)
        sp = spells(full_sizes[-1], args)
    rd = None
    if args.document and full_sizes:
        print(f"the result document, {full_sizes[-1]:,} employees ...", file=sys.stderr, flush=True)
        rd = document(full_sizes[-1], args)
    xl = excel(args.excel_employees, args.seed) if args.excel_employees else None
    dl = daylog(args.daylog_employees, args.seed, args.repeat) if args.daylog_employees else None
    text = report(ref, full, xl, args, dl, sp, rd)
    print(text)
    if str(args.out) != "-":
        args.out.write_text(text)
        print(f"written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
