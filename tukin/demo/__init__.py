"""A synthetic demo regency, "Kabupaten Contoh", modelled on Kutai Kartanegara's e-Pantau.

Examples, notebooks, tests and benchmarks need data that looks like a real regency's without
being anyone's personal data: OPDs with bidang and seksi, a position tree, employees with
plausible NIPs and pay, programs / kegiatan / sub kegiatan with pagu, indicators with targets
and realisations, an S-curve of budget absorption, attendance, appraisals and sanctions.

>>> from tukin.demo import generate
>>> tables = generate(600, seed=2025)  # doctest: +SKIP

All names are synthetic; the kecamatan names are Kutai Kartanegara's.
"""

from __future__ import annotations

from tukin.demo._opds import OPD_NAMES
from tukin.demo.generate import MIN_EMPLOYEES, generate

__all__ = ["MIN_EMPLOYEES", "OPD_NAMES", "generate"]
