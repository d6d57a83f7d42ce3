"""The other names offices give the contract's columns, and how a header is compared.

The template titles every column (``Tanggal Selesai``), but a sheet copied from SIMPEG or an
absensi export says ``Tgl. Selesai``, ``TMT Jabatan``, ``Nama Pegawai`` or ``N I P``. Reading
such a column as an unknown extra would ignore it: a retiree's end date unread pays him a full
month. So a header is compared in three steps, each one a person can predict:

1. its *key*: lower case, ``_ - .`` and spaces as one space, letters spaced out joined
   (``N I P``, ``N.I.P.`` -> ``nip``), the usual abbreviations written out
   (:data:`ABBREVIATIONS`: ``tgl`` -> ``tanggal``, ``no`` -> ``nomor``);
2. the key is one of the column's names: its Indonesian and English heading, its contract name,
   or an alias of :data:`ALIASES`, a list of spellings that mean that column and nothing else
   (``TMT Jabatan`` is the first day in the position; ``TMT Pensiun`` is *not* an alias of the
   end date: it is the first day of retirement, one day after the last day served);
3. otherwise the header may *resemble* a column (:func:`resembles`): a near miss of one of its
   names (``Tanggal Selesa``), or, for a date column, one of its signal words
   (:data:`SIGNALS`: ``TMT Pensiun``, ``Tanggal Akhir Tugas``). A resembling header is never
   read as the column (a guessed column is worse than a reported one); the reader reports it.

``docs/data-contract.md`` embeds :func:`to_markdown`; a test keeps them equal.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

__all__ = [
    "ABBREVIATIONS",
    "ALIASES",
    "DESCRIPTIVE",
    "NOT_SIGNALS",
    "SHARED",
    "SIGNALS",
    "compact",
    "header_key",
    "is_descriptive",
    "is_rating",
    "resembles",
    "to_markdown",
    "typos",
]

_SEPARATORS = re.compile(r"[\s_\-.]+")

#: Abbreviations written out before a header is matched (one word each).
ABBREVIATIONS: dict[str, str] = {
    "tgl": "tanggal",
    "no": "nomor",
    "nmr": "nomor",
    "nomer": "nomor",
    "ket": "keterangan",
    "bln": "bulan",
    "thn": "tahun",
    "jml": "jumlah",
    "kd": "kode",
    "jab": "jabatan",
    "peg": "pegawai",
    "gol": "golongan",
}

#: Columns that mean the same in every table holding them: the NIP, the period, and the
#: references named after the key they reference (a position's or a work item's ``unit_id``
#: is the unit's ``unit_id``). Their other spellings are accepted in each of those tables,
#: so an export headed ``Kode Unit`` reads alike in Unit, Jabatan and Program Kegiatan.
#: Columns named alike that mean different things (``status``, ``name``, ``kind``,
#: ``parent_id``) have their spellings per table, below.
SHARED: dict[str, tuple[str, ...]] = {
    "nip": ("nip baru", "nip pegawai"),
    "period": ("bulan", "periode bulan"),
    "unit_id": ("kode unit", "kode unit kerja", "id unit kerja"),
    "position_id": ("kode jabatan",),
    "work_item_id": ("id program kegiatan",),
}

#: table -> column -> other spellings that mean exactly that column in that table only.
_OWN: dict[str, dict[str, tuple[str, ...]]] = {
    "units": {
        "name": ("nama unit kerja",),
        "parent_id": ("kode unit induk", "id induk"),
    },
    "positions": {
        "name": ("jabatan",),
        "grade": ("kelas", "kj"),
        "superior_id": ("id atasan", "kode jabatan atasan", "id jabatan atasan langsung"),
    },
    "employees": {
        "name": ("nama pegawai", "nama lengkap", "nama asn", "nama pns", "full name"),
        "status": ("status pegawai", "status kepegawaian", "status asn"),
        "start_date": (
            "mulai",
            "tanggal awal",
            "awal",
            "tmt jabatan",
            "tanggal mulai jabatan",
            "tanggal mulai tugas",
            "mulai tugas",
            "start",
        ),
        "end_date": (
            "selesai",
            "tanggal akhir",
            "akhir",
            "tanggal selesai jabatan",
            "tanggal akhir jabatan",
            "tanggal selesai tugas",
            "tanggal akhir tugas",
            "selesai tugas",
            "tanggal berhenti",
            "end",
        ),
    },
    "work_items": {"budget": ("pagu", "pagu anggaran")},
    "indicators": {
        "unit_of_measure": ("satuan indikator",),
        "aggregation": ("konsolidasi periode", "jenis konsolidasi periode", "agregasi"),
    },
    "budget_realisations": {
        "spent": ("realisasi keuangan", "realisasi anggaran"),
        "physical_pct": ("realisasi fisik", "fisik"),
    },
    "appraisals": {
        "results": ("rating hasil kerja", "penilaian hasil kerja"),
        "behaviour": ("rating perilaku kerja", "penilaian perilaku kerja"),
    },
    "sanctions": {
        "kind": ("jenis hukuman disiplin", "hukuman disiplin", "hukuman"),
        "percent": ("potongan", "persen potongan", "potongan tpp (%)"),
        "start_period": ("mulai berlaku", "bulan mulai", "tmt hukuman"),
        "months": ("lama", "lama hukuman", "jumlah bulan"),
        "reference": ("nomor sk", "sk", "nomor sk hukuman"),
    },
    "acting": {
        "kind": ("jenis plt plh", "plt plh", "jenis penugasan"),
        "start_date": ("mulai", "tmt plt", "tanggal mulai plt"),
        "end_date": ("selesai", "tanggal akhir", "tanggal selesai plt"),
        "reference": ("nomor sk", "sk", "nomor surat perintah", "surat perintah"),
    },
    "position_history": {
        "start_date": ("mulai", "tmt", "tmt jabatan"),
        "end_date": ("selesai", "tanggal akhir", "sampai"),
        "reference": ("nomor sk", "sk", "nomor sk jabatan"),
    },
}


def _aliases() -> dict[str, dict[str, tuple[str, ...]]]:
    """:data:`SHARED` in every table holding the column, then each table's own, in the
    contract's order of tables and columns."""
    from tukin.contract import TABLES

    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for table, spec in TABLES.items():
        own = _OWN.get(table, {})
        for name in spec.names:
            spelt = (*SHARED.get(name, ()), *own.get(name, ()))
            if spelt:
                out.setdefault(table, {})[name] = spelt
    return out


#: table -> column -> other spellings that mean exactly that column (keys, see the module
#: docstring): :data:`SHARED` and the table's own. The template's headings and the contract
#: names are always accepted too.
ALIASES: dict[str, dict[str, tuple[str, ...]]] = _aliases()

#: Date columns whose header, holding one of these words, resembles the column. Only dates:
#: an end date read as an unknown extra pays a leaver in full, and these words mean little
#: else in a sheet of staff (``Tanggal Lahir`` holds none of them).
SIGNALS: dict[str, tuple[str, ...]] = {
    "start_date": ("mulai", "awal", "masuk"),
    "end_date": ("selesai", "akhir", "berhenti", "keluar", "pensiun", "purna"),
}

#: Words that make a signal-word header another date of a civil servant's file, never the
#: service's start or end: ``TMT Pangkat Akhir``, ``TMT Golongan Akhir`` (the last
#: promotion), ``Tanggal Masuk CPNS``, ``Tanggal Lahir``. Read as an end date, a promotion
#: date would stop everyone's pay; such a header stays an extra column.
NOT_SIGNALS: frozenset[str] = frozenset(
    {
        "pangkat",
        "golongan",
        "gol",
        "ruang",
        "kgb",
        "berkala",
        "gaji",
        "cpns",
        "pns",
        "sk",
        "lahir",
        "ijazah",
        "pendidikan",
        "pelantikan",
        "kenaikan",
        "diklat",
        "jabatan",
    }
)

#: Headers of the attendance sheet that describe the employee or the row, never count an
#: attendance code: an absensi export's ``No``, ``Nama``, ``Jabatan``, ``Keterangan``...
DESCRIPTIVE: tuple[str, ...] = (
    "nomor",
    "nomor urut",
    "urut",
    "nama",
    "nama pegawai",
    "nama lengkap",
    "jabatan",
    "nama jabatan",
    "keterangan",
    "catatan",
    "lokasi",
    "alamat",
    "bulan",
    "tahun",
    "unit",
    "unit kerja",
    "opd",
    "perangkat daerah",
    "bidang",
    "seksi",
    "sub bagian",
    "golongan",
    "pangkat",
    "pangkat golongan",
    "golongan ruang",
    "eselon",
    "jenis kelamin",
    "tanda tangan",
    "paraf",
    "nik",
)


def _expand(words: list[str]) -> list[str]:
    if len(words) > 1 and all(len(w) == 1 for w in words):
        words = ["".join(words)]  # N I P, N.I.P.
    return [ABBREVIATIONS.get(w, w) for w in words]


def header_key(text: object) -> str:
    """A header as compared: ``" Tgl. Selesai "`` -> ``tanggal selesai``, ``N.I.P.`` -> ``nip``.

    ``*`` (the template's mark of a required column) and the separators ``_ - .`` count as
    spaces; ``/`` stays, so ``Pangkat/Gol`` is one word-pair only when written with a space.
    """
    base = _SEPARATORS.sub(" ", str(text).replace("*", " ")).strip().lower()
    return " ".join(_expand(base.split())) if base else ""


def compact(key: str) -> str:
    """A key without spaces: ``IDJabatan`` and ``ID Jabatan`` meet here."""
    return key.replace(" ", "")


_DESCRIPTIVE_KEYS = frozenset(compact(header_key(d)) for d in DESCRIPTIVE)


def is_descriptive(text: object) -> bool:
    """The header names something about the employee or the row (``Nama``), not a code."""
    return compact(header_key(text)) in _DESCRIPTIVE_KEYS


def is_rating(text: object) -> bool:
    """The header holds the final SKP rating (``Predikat``, ``Predikat Kinerja``)."""
    return "predikat" in header_key(text).split()


@functools.lru_cache(maxsize=1 << 14)
def typos(a: str, b: str) -> int:
    """Letters to insert, delete, replace or swap with the next to turn ``a`` into ``b``.

    Remembered (a pure function of two strings): every Dataset compares each header it
    does not know with every spelling of each missing column, the same few dozen pairs
    each time, and this loop was the largest single cost of a small ``from_frames``."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            cur.append(cost)
        prev2, prev = prev, cur
    return prev[-1]


@functools.lru_cache(maxsize=1 << 14)
def _near(a: str, b: str) -> bool:
    """Two keys differ by a typo in the words they do not share: one letter wrong, missing,
    extra or swapped (two in a word over eight letters; none under four): ``tanggal selesa`` / ``tanggal selesai``, ``stauts``
    / ``status``. A different word is no typo, however alike (``lahir`` / ``akhir``)."""
    wa, wb = a.split(), b.split()
    rest_a = " ".join(w for w in wa if w not in wb)
    rest_b = " ".join(w for w in wb if w not in wa)
    if not rest_a or not rest_b or max(len(rest_a), len(rest_b)) < 4:
        return False  # NIK is no typo of NIP
    return typos(rest_a, rest_b) <= (1 if max(len(rest_a), len(rest_b)) <= 8 else 2)


def resembles(text: object, spellings: Mapping[str, Iterable[str]]) -> tuple[str, bool] | None:
    """The column (of ``spellings``: column -> its keys) a header resembles, and whether only
    by a signal word; or None.

    A near miss of a spelling (:func:`_near`), else a signal word of a date column
    (:data:`SIGNALS`). Several near misses: the closest wins. A signal word alone is weaker
    evidence (``Golongan Akhir``), so the reader also asks for dates in the column.
    """
    key = header_key(text)
    if not key:
        return None
    best: tuple[int, str] | None = None
    for column, keys in spellings.items():
        for spelling in keys:
            if _near(key, spelling):
                score = typos(key, spelling)
                if best is None or score < best[0]:
                    best = (score, column)
    if best is not None:
        return best[1], False
    words = set(key.split())
    if words & NOT_SIGNALS:
        return None
    for column in spellings:
        if words & set(SIGNALS.get(column, ())):
            return column, True
    return None


def to_markdown() -> str:
    """The alias list as the Markdown table ``docs/data-contract.md`` shows."""
    lines = [
        "The spellings of "
        + ", ".join(f"`{c}`" for c in SHARED)
        + " are the same in every table holding the column (a NIP, a period, a reference"
        " named after the key it references: `Kode Unit` is the unit in Jabatan and Program"
        " Kegiatan as in Unit).",
        "",
        "| table | column | also accepted |",
        "|---|---|---|",
    ]
    for table, columns in ALIASES.items():
        for column, aliases in columns.items():
            lines.append(f"| `{table}` | `{column}` | {', '.join(aliases)} |")
    lines += ["", "Abbreviations written out first: "]
    lines[-1] += ", ".join(f"`{k}` = {v}" for k, v in ABBREVIATIONS.items()) + "."
    lines += [
        "",
        "Signal words of the date columns (a header holding one resembles the column): "
        + "; ".join(f"`{c}`: {', '.join(ws)}" for c, ws in SIGNALS.items())
        + "; unless it also holds one of "
        + ", ".join(sorted(NOT_SIGNALS))
        + " (another date of the file, e.g. `TMT Pangkat Akhir`: an extra column).",
        "",
        "Descriptive headers of the attendance sheet (never a code): "
        + ", ".join(DESCRIPTIVE)
        + ".",
    ]
    return "\n".join(lines)
