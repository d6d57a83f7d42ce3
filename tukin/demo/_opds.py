"""The OPDs of one regency, in the order a growing demo adds them.

The core agencies come first, so 600 employees already show education, health, planning,
finance, public works, the regional secretariat, the inspectorate and a kecamatan; then the
other agencies, interleaved two to one with the remaining kecamatan, so a mid-sized demo mixes
both kinds as a real regency does.
"""

from __future__ import annotations

from tukin.demo._catalog import OpdType
from tukin.demo._opd_core import CORE, KECAMATAN
from tukin.demo._opd_economy import ECONOMY
from tukin.demo._opd_services import SERVICES

# Dinas and badan after the core, most common (and largest) first.
_AGENCY_ORDER = (
    "BKPSDM", "DINSOS", "DISTAN", "DLH", "DISHUB", "DISKOMINFO", "DISDUKCAPIL", "SATPOLPP",
    "BPBD", "DPMD", "DP3A", "DISPAR", "DISPERINDAG", "DISKOPUKM", "DPMPTSP", "DISKAN", "DKP",
    "PERKIM", "DISNAKERTRANS", "DISPORA", "DISPUSIP", "BAPENDA", "SETWAN", "KESBANGPOL", "DPPKB",
)  # fmt: skip


def _ordered() -> tuple[OpdType, ...]:
    by_code = {t.code: t for t in (*ECONOMY, *SERVICES)}
    if sorted(by_code) != sorted(_AGENCY_ORDER):
        raise RuntimeError("_AGENCY_ORDER and the OPD data modules disagree")
    order = [*CORE, KECAMATAN[0]]
    rest = list(KECAMATAN[1:])
    for i, code in enumerate(_AGENCY_ORDER):
        order.append(by_code[code])
        if i % 2 == 1 and rest:
            order.append(rest.pop(0))
    order.extend(rest)
    return tuple(order)


CATALOG: tuple[OpdType, ...] = _ordered()
OPD_NAMES: tuple[str, ...] = tuple(t.name for t in CATALOG)
