"""The organisation: how many OPDs a demo has, their units and their positions.

A demo of ``n`` employees is one regency up to :data:`REGENCY_SIZE` employees and several
regencies beyond (each with its own OPDs, ids prefixed ``R01.``, ``R02.``...), because no single
regency has a million civil servants but a province-wide benchmark does. Within a regency the
number of OPDs grows like the square root of the headcount (8 for 600, about 40 for a large
regency); each OPD gets a secretariat and bidang (administrators), seksi (pengawas) under
them and shared staff positions (pelaksana, fungsional) under the seksi.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tukin.demo._catalog import SECRETARIAT_SUBUNITS, SUBUNIT_VARIANTS, OpdType
from tukin.demo._opds import CATALOG
from tukin.demo._util import IntArray, group_rank, ranks, starts, text
from tukin.demo._words import JENJANG, JENJANG_P, PELAKSANA

REGENCY_SIZE = 16_000
KINDS = ("jpt", "administrator", "pengawas", "pelaksana", "fungsional")
JPT, ADMINISTRATOR, PENGAWAS, PELAKSANA_KIND, FUNGSIONAL = range(5)


def bidang_id(opd_id: str, b: int) -> str:
    """Unit id of the ``b``-th second-level unit (0 is the secretariat)."""
    return f"{opd_id}.{b + 1:02d}"


def seksi_id(opd_id: str, b: int, s: int) -> str:
    """Unit id of the ``s``-th third-level unit under second-level unit ``b``."""
    return f"{bidang_id(opd_id, b)}.{s + 1:02d}"


def head_id(unit_id: str) -> str:
    """Position id of the structural head of a unit (JPT, administrator or pengawas)."""
    return f"{unit_id}/KA"


@dataclass(frozen=True)
class Org:
    """Units and positions, plus the arrays later generators need (aligned by OPD index o
    or by position row)."""

    units: pd.DataFrame
    positions: pd.DataFrame
    opd_ids: list[str]
    opd_types: list[OpdType]
    n_bidang: IntArray  # per OPD: second-level units (secretariat included)
    n_seksi: IntArray  # per OPD: third-level units under each second-level unit
    staff: IntArray  # per OPD: employees holding staff (pelaksana/fungsional) positions
    staff_positions: IntArray  # per OPD: number of staff positions
    staff_rows: IntArray  # position rows of the staff positions, OPD by OPD
    staff_start: IntArray  # per OPD: index in staff_rows of its first staff position
    pos_opd: IntArray  # per position row
    pos_kind: IntArray  # per position row, index into KINDS
    pos_grade: IntArray


def _sizes(
    n: int, rng: np.random.Generator
) -> tuple[list[tuple[int, OpdType]], IntArray, IntArray, IntArray]:
    """Choose the OPDs and their size: (regency, type) per OPD, bidang, seksi and staff counts."""
    n_reg = -(-n // REGENCY_SIZE)
    per_reg = np.full(n_reg, n // n_reg, dtype=np.int64)
    per_reg[: n % n_reg] += 1
    opds: list[tuple[int, OpdType]] = []
    bidang, seksi, staff = [], [], []
    for r, m in enumerate(per_reg.tolist()):
        k = int(min(max(round(math.sqrt(m) / 3), 1), len(CATALOG), m // 4))
        types = CATALOG[:k]
        weights = np.array([t.weight for t in types]) / sum(t.weight for t in types)
        expected = m * weights
        # Secretariat plus at least one bidang, more as the OPD grows; seksi likewise.
        b = np.minimum(2 + expected // 25, [1 + len(t.bidang) for t in types]).astype(np.int64)
        s = np.minimum(1 + expected // 30, 3).astype(np.int64)
        if int((1 + b * (1 + s)).sum()) + k > m:  # a tiny demo: one bidang, one seksi each
            b[:], s[:] = 1, 1
        free = m - int((1 + b * (1 + s)).sum()) - k
        staff.append(1 + rng.multinomial(free, weights))
        opds += [(r, t) for t in types]
        bidang.append(b)
        seksi.append(s)
    return opds, np.concatenate(bidang), np.concatenate(seksi), np.concatenate(staff)


@dataclass
class _Rows:
    """Units and structural positions as they are appended, OPD by OPD."""

    u_id: list[str] = field(default_factory=list)
    u_name: list[str] = field(default_factory=list)
    u_parent: list[str | None] = field(default_factory=list)
    u_kind: list[str] = field(default_factory=list)
    p_id: list[str] = field(default_factory=list)
    p_name: list[str] = field(default_factory=list)
    p_unit: list[str] = field(default_factory=list)
    p_unit_row: list[int] = field(default_factory=list)
    p_kind: list[int] = field(default_factory=list)
    p_grade: list[int] = field(default_factory=list)
    p_sup: list[str | None] = field(default_factory=list)
    p_opd: list[int] = field(default_factory=list)
    # Per third-level unit: its row in units, its head's row, its administrator's row and unit.
    l3_unit: list[int] = field(default_factory=list)
    l3_head: list[int] = field(default_factory=list)
    l3_admin: list[int] = field(default_factory=list)
    l3_admin_unit: list[int] = field(default_factory=list)

    def unit(self, uid: str, name: str, parent: str | None, kind: str) -> int:
        self.u_id.append(uid)
        self.u_name.append(name)
        self.u_parent.append(parent)
        self.u_kind.append(kind)
        return len(self.u_id) - 1

    def head(self, uid: str, name: str, kind: int, grade: int, sup: int | None, o: int) -> int:
        self.p_id.append(head_id(uid))
        self.p_name.append(name)
        self.p_unit.append(uid)
        self.p_unit_row.append(len(self.u_id) - 1)  # heads are added right after their unit
        self.p_kind.append(kind)
        self.p_grade.append(grade)
        self.p_sup.append(None if sup is None else self.p_id[sup])
        self.p_opd.append(o)
        return len(self.p_id) - 1


def _structure(
    opds: list[tuple[int, OpdType]], n_bidang: IntArray, n_seksi: IntArray
) -> tuple[_Rows, list[str]]:
    """Units and structural positions: OPD (JPT), bidang (administrator), seksi (pengawas)."""
    rows = _Rows()
    opd_ids: list[str] = []
    n_reg = opds[-1][0] + 1
    width = max(2, len(str(n_reg)))
    for o, (r, t) in enumerate(opds):
        oid = f"R{r + 1:0{width}d}.{t.code}" if n_reg > 1 else t.code
        opd_ids.append(oid)
        rows.unit(
            oid,
            f"{t.name} (Kabupaten Contoh {r + 1:0{width}d})" if n_reg > 1 else t.name,
            None,
            "opd",
        )
        jpt = rows.head(oid, t.head, JPT, 15 if t.big else 14, None, o)
        for b in range(int(n_bidang[o])):
            bid = bidang_id(oid, b)
            topic = t.bidang[b - 1] if b else ""
            bname = f"{t.form.level2} {topic}" if b else t.form.secretariat
            b_row = rows.unit(bid, bname, oid, "bidang" if b else "sekretariat")
            title = f"Kepala {bname}" if b else t.form.secretary
            admin = rows.head(bid, title, ADMINISTRATOR, 12 if t.big else 11, jpt, o)
            for s in range(int(n_seksi[o])):
                sid = seksi_id(oid, b, s)
                sname = (
                    f"{t.form.level3} {SUBUNIT_VARIANTS[s]} {topic}"
                    if b
                    else SECRETARIAT_SUBUNITS[s]
                )
                rows.l3_unit.append(rows.unit(sid, sname, bid, "seksi" if b else "subbagian"))
                rows.l3_head.append(
                    rows.head(sid, f"Kepala {sname}", PENGAWAS, 9 if t.big else 8, admin, o)
                )
                rows.l3_admin.append(admin)
                rows.l3_admin_unit.append(b_row)
    return rows, opd_ids


def build_org(n: int, rng: np.random.Generator) -> Org:
    """Build units and positions for ``n`` employees (see the module docstring).

    Staff positions are drawn vectorised: about ``2 * sqrt(staff)`` per OPD, spread over its
    seksi, functional with the OPD type's share (a fifth of those report to the kabid), the
    rest pelaksana; their ids number them within their unit (``DINKES.02.01/J03``).
    """
    opds, n_bidang, n_seksi, staff = _sizes(n, rng)
    rows, opd_ids = _structure(opds, n_bidang, n_seksi)
    types = [t for _, t in opds]
    n_l3 = n_bidang * n_seksi
    k = np.minimum(staff, np.maximum(n_l3, np.rint(2 * np.sqrt(staff)))).astype(np.int64)
    s_opd = np.repeat(np.arange(len(opds)), k)
    m = len(s_opd)
    l3 = (starts(n_l3)[s_opd] + ranks(k) % n_l3[s_opd]).astype(np.int64)
    is_f = rng.random(m) < np.array([t.fungsional_share for t in types])[s_opd]
    to_admin = is_f & (rng.random(m) < 0.2)
    unit_row = np.where(to_admin, np.array(rows.l3_admin_unit)[l3], np.array(rows.l3_unit)[l3])
    sup_row = np.where(to_admin, np.array(rows.l3_admin)[l3], np.array(rows.l3_head)[l3])
    titles, grades, offsets = _staff_titles()
    catalog_index = {t.code: i for i, t in enumerate(CATALOG)}
    cat = np.array([catalog_index[t.code] for t in types], dtype=np.int64)[s_opd]
    f_pick = offsets[cat] + rng.random(m) * (offsets[cat + 1] - offsets[cat])
    f_title = f_pick.astype(np.int64) * 3 + rng.choice(3, size=m, p=JENJANG_P)
    p_pick = rng.integers(0, len(PELAKSANA), m)
    staff_title = np.where(is_f, titles[f_title], np.array([t for t, _ in PELAKSANA])[p_pick])
    staff_grade = np.where(is_f, grades[f_title], np.array([g for _, g in PELAKSANA])[p_pick])
    u_ids = np.array(rows.u_id, dtype=object)
    unit_rank = group_rank(unit_row)
    staff_ids = [
        f"{u}/J{i + 1:02d}" for u, i in zip(u_ids[unit_row], unit_rank.tolist(), strict=True)
    ]

    kinds = np.concatenate([rows.p_kind, np.where(is_f, FUNGSIONAL, PELAKSANA_KIND)]).astype(
        np.int64
    )
    grade = np.concatenate([rows.p_grade, staff_grade]).astype(np.int64)
    pos_opd = np.concatenate([np.array(rows.p_opd, dtype=np.int64), s_opd])
    # Tree order: each unit's head, then the staff positions of that unit (J01, J02...).
    unit_of = np.concatenate([np.array(rows.p_unit_row, dtype=np.int64), unit_row])
    tie = np.concatenate([np.zeros(len(rows.p_id), dtype=np.int64), 1 + unit_rank])
    order = np.lexsort((tie, unit_of))
    p_ids = np.array(rows.p_id, dtype=object)
    positions = pd.DataFrame(
        {
            "position_id": text(np.concatenate([p_ids, staff_ids])[order]),
            "name": text(np.concatenate([np.array(rows.p_name, dtype=object), staff_title])[order]),
            "unit_id": text(
                np.concatenate([np.array(rows.p_unit, dtype=object), u_ids[unit_row]])[order]
            ),
            "kind": text(np.array(KINDS, dtype=object)[kinds[order]]),
            "grade": grade[order],
            "superior_id": text(
                np.concatenate([np.array(rows.p_sup, dtype=object), p_ids[sup_row]])[order]
            ),
        }
    )
    units = pd.DataFrame(
        {
            "unit_id": text(rows.u_id),
            "name": text(rows.u_name),
            "parent_id": text(rows.u_parent),
            "kind": text(rows.u_kind),
        }
    )
    return Org(
        units=units,
        positions=positions,
        opd_ids=opd_ids,
        opd_types=types,
        n_bidang=n_bidang,
        n_seksi=n_seksi,
        staff=staff,
        staff_positions=k,
        staff_rows=np.flatnonzero(kinds[order] >= PELAKSANA_KIND),
        staff_start=starts(k),
        pos_opd=pos_opd[order],
        pos_kind=kinds[order],
        pos_grade=grade[order],
    )


def _staff_titles() -> tuple[np.ndarray, IntArray, IntArray]:
    """Functional titles of every catalogue type with their three jenjang, flattened.

    Title ``i`` of catalogue type ``c`` at jenjang ``j`` sits at ``(offsets[c] + i) * 3 + j``.
    """
    titles: list[str] = []
    grades: list[int] = []
    counts: list[int] = []
    for t in CATALOG:
        counts.append(len(t.fungsional))
        for base, track in t.fungsional:
            for jenjang, grade in JENJANG[track]:
                titles.append(f"{base} {jenjang}")
                grades.append(grade)
    offsets = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return np.array(titles, dtype=object), np.array(grades, dtype=np.int64), offsets
