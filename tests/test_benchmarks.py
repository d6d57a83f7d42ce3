"""The benchmark script runs, and tukin, the exact kernel and exact fractions agree (small N)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
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
    ds = Dataset.from_frames(**{k: tables[k] for k in ("units", "positions", "employees", "attendance")})
    result = calculate(ds, load_ruleset(bench.REFERENCE_RULE), bench.REFERENCE_PERIOD)
    pay = K.kernel(arrays)
    bench.check_agreement(1500, result, arrays, pay)
    pay[np.flatnonzero(arrays.payable)[0]] += 1
    with pytest.raises(bench.Disagreement, match="1 employees differ"):
        bench.check_agreement(1500, result, arrays, pay)


def test_script_runs(tmp_path: Path) -> None:
    """One command, a Markdown report, exit code 0."""
    out = tmp_path / "bench.md"
    cmd = [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--sizes", "1200", "--quick",
           "--excel-employees", "60", "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    text = out.read_text()
    assert "agree on every employee" in text
    for heading in ("## Reference rule: compute", "## Reference rule: the whole `calculate`",
                    "## Full regional TPP pack", "## Excel"):
        assert heading in text
    assert "| 1.2k |" in text and "error" not in text
