"""What changes when a regency moves its TPP from 80/20 to 60/40?

In 2024 Kutai Kartanegara moved its TPP from 80% attendance / 20% performance to 60%
performance / 40% attendance (DOMAIN.md §2). Before such a change a regency wants to know who
gains, who loses, and what it costs. This script answers that for the synthetic demo regency
"Kabupaten Contoh":

1. generate the demo regency and validate it (:func:`tukin.demo.generate`);
2. load the 60/40 rule file ``examples/tpp_60_40.yaml`` and derive the 80/20 scheme from it
   with ``with_parameters`` (a new rule set: the loaded one is never changed);
3. compare both on the same month (:func:`tukin.scenario.compare`): per employee, per OPD,
   per kelas jabatan, better / worse / same counts;
4. plot the distributions and the OPD totals to a PNG.

Run it::

    python examples/scenario_80_20_vs_60_40.py            # 1,500 employees, October 2025
    python examples/scenario_80_20_vs_60_40.py 15000 out.png

The numbers are synthetic; the rule file's base amounts are one regency's published table used
as example values. Nothing here is a recommendation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tukin.dataset import Dataset
from tukin.demo import generate
from tukin.money import format_rupiah
from tukin.ruleset.load import load_ruleset
from tukin.scenario import Comparison, compare

HERE = Path(__file__).resolve().parent
PERIOD = "2025-10"


def main(
    n_employees: int = 1500, out: str | Path = HERE / "scenario_80_20_vs_60_40.png"
) -> Comparison:
    """Compare 80/20 and 60/40 on the demo regency; print the headline and save the plot."""
    dataset = Dataset.from_frames(**generate(n_employees, seed=2025))
    rules_60_40 = load_ruleset(HERE / "tpp_60_40.yaml")
    # 80 % of the base for discipline (attendance), 20 % for performance: same steps, two numbers.
    rules_80_20 = rules_60_40.with_parameters(kinerja_share="20%", disiplin_share="80%")

    cmp = compare(dataset, rules_80_20, rules_60_40, PERIOD, labels=("80/20", "60/40"))
    s = cmp.summary
    print(cmp)
    print(
        f"total 80/20: {format_rupiah(s.total_a)}   total 60/40: {format_rupiah(s.total_b)}   "
        f"change: {format_rupiah(s.difference)}"
    )
    print(f"better off: {s.better}   worse off: {s.worse}   unchanged: {s.same}")
    print("\nPer OPD (largest changes first):")
    by_opd = cmp.by_opd.sort_values("difference", key=abs, ascending=False)
    print(by_opd.head(10).to_string(index=False))
    print("\nPer kelas jabatan:")
    print(cmp.by_grade.to_string(index=False))
    cmp.plot(out)
    print(f"\nplot written to {out}")
    return cmp


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
    main(n, sys.argv[2] if len(sys.argv) > 2 else HERE / "scenario_80_20_vs_60_40.png")
