"""Sheet names, column headers and drop-down labels in Bahasa Indonesia and English.

HR officers read and type Indonesian headers ("ID Jabatan", "Tanggal Mulai"); other systems
send the contract's names (``position_id``). Both, and the English headers, must land on the
same contract column, so every spelling lives here once and the template, the readers and the
result workbook all use it. Matching ignores case, surrounding spaces and the difference
between spaces, ``_``, ``-`` and ``.`` (``"id  jabatan"``, ``"ID_Jabatan"``), letters spaced
out (``N I P``) and the usual abbreviations (``Tgl.``); besides the headings, a documented list
of aliases is accepted (``Nama Pegawai``, ``TMT Jabatan``: :mod:`tukin.io._aliases`). Anything
else is not read as a contract column, because a guessed column is worse than a reported one:
a header that merely resembles one is reported by the reader.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tukin.contract import TABLES
from tukin.errors import Lang
from tukin.io._aliases import ALIASES, compact, header_key, is_descriptive, is_rating

__all__ = [
    "ATTENDANCE_CODES",
    "CONTRACT_SHEET",
    "INSTRUCTIONS_SHEET",
    "SHEETS",
    "TEMPLATE_FORMAT",
    "Heading",
    "choice_labels",
    "choice_value",
    "code_column",
    "column_for_header",
    "header",
    "header_score",
    "heading",
    "map_columns",
    "names_a_column",
    "names_column",
    "normalise",
    "rating_header",
    "sheet_name",
    "spellings",
    "suggest",
    "table_for_header",
    "table_for_sheet",
    "table_named_in",
]

CONTRACT_SHEET = "_kontrak"
#: Format of the template's ``_kontrak`` sheet; a reader refuses nothing newer, but warns.
TEMPLATE_FORMAT = "tukin-template/1"
INSTRUCTIONS_SHEET = {"id": "Petunjuk", "en": "Instructions"}

#: table -> (Indonesian sheet name, English sheet name)
SHEETS: dict[str, tuple[str, str]] = {
    "units": ("Unit", "Units"),
    "positions": ("Jabatan", "Positions"),
    "employees": ("Pegawai", "Employees"),
    "work_items": ("Program Kegiatan", "Work items"),
    "indicators": ("Indikator", "Indicators"),
    "targets": ("Target", "Targets"),
    "realisations": ("Realisasi", "Realisations"),
    "budget_realisations": ("Realisasi Anggaran", "Budget realisations"),
    "attendance": ("Kehadiran", "Attendance"),
    "appraisals": ("Penilaian SKP", "Appraisals"),
    "sanctions": ("Hukuman Disiplin", "Sanctions"),
    "acting": ("Plt Plh", "Acting officials"),
    "position_history": ("Riwayat Jabatan", "Earlier positions"),
}

#: The attendance codes of the demo rule packs: one column each in the template. Any other
#: column of the attendance sheet is a code too (lower case, spaces as ``_``).
ATTENDANCE_CODES: dict[str, str] = {
    "tl1": "terlambat masuk 1-30 menit (kali)",
    "tl2": "terlambat masuk 31-60 menit (kali)",
    "tl3": "terlambat masuk 61-90 menit (kali)",
    "tl4": "terlambat masuk lebih dari 90 menit atau tidak absen masuk (kali)",
    "psw1": "pulang sebelum waktunya 1-30 menit (kali)",
    "psw2": "pulang sebelum waktunya 31-60 menit (kali)",
    "psw3": "pulang sebelum waktunya 61-90 menit (kali)",
    "psw4": "pulang sebelum waktunya lebih dari 90 menit atau tidak absen pulang (kali)",
    "tk": "tidak masuk kerja tanpa keterangan (hari)",
    "sakit": "sakit (hari)",
    "izin": "izin (hari)",
    "cuti": "cuti (hari)",
    "apel": "tidak mengikuti apel (kali)",
}


@dataclass(frozen=True)
class Heading:
    """How one contract column is titled for people: Indonesian, English, and what to type."""

    id: str
    en: str
    doc_id: str

    def text(self, lang: Lang) -> str:
        return self.id if lang == "id" else self.en


def _h(id_: str, en: str, doc: str) -> Heading:
    return Heading(id_, en, doc)


_NIP = _h("NIP", "NIP", "NIP 18 digit, diisi sebagai teks (NIP PPPK juga 18 digit).")
_PERIOD = _h(
    "Periode",
    "Period",
    "Periode: 2025-10 (bulan), 2025-Q3 (triwulan), 2025-C1 (caturwulan) atau 2025 (tahun).",
)
_REPORT = _h(
    "Status Laporan",
    "Report status",
    "Status verifikasi: diinput, disetujui atau ditandatangani. Sel kosong ditolak (belum "
    "tentu sudah ditandatangani); tanpa kolom ini semua laporan dianggap ditandatangani.",
)
_UNIT = _h("ID Unit", "Unit ID", "Unit (ID Unit pada sheet Unit).")
_ITEM = _h("ID Program/Kegiatan", "Work item ID", "Program/kegiatan (sheet Program Kegiatan).")
_INDICATOR = _h("ID Indikator", "Indicator ID", "Indikator (ID Indikator pada sheet Indikator).")

HEADINGS: dict[str, dict[str, Heading]] = {
    "units": {
        "unit_id": _h("ID Unit", "Unit ID", "Kode unik unit kerja."),
        "name": _h("Nama Unit", "Unit name", "Nama unit, mis. 'Dinas Kesehatan'."),
        "parent_id": _h(
            "ID Unit Induk", "Parent unit ID", "Unit induk; kosongkan untuk OPD (perangkat daerah)."
        ),
        "kind": _h("Jenis Unit", "Unit kind", "Label bebas: opd, bidang, seksi, kecamatan..."),
    },
    "positions": {
        "position_id": _h("ID Jabatan", "Position ID", "Kode unik jabatan."),
        "name": _h("Nama Jabatan", "Position name", "Nama jabatan, mis. 'Kepala Bidang Anggaran'."),
        "unit_id": _UNIT,
        "kind": _h(
            "Jenis Jabatan",
            "Position kind",
            "JPT, administrator, pengawas, pelaksana atau fungsional.",
        ),
        "grade": _h(
            "Kelas Jabatan", "Grade", "Kelas jabatan, bilangan bulat 1-17 ('Kelas 9' dibaca 9)."
        ),
        "superior_id": _h(
            "ID Jabatan Atasan",
            "Superior position ID",
            "Jabatan atasan langsung; kosongkan untuk kepala OPD.",
        ),
    },
    "employees": {
        "nip": _NIP,
        "name": _h("Nama", "Name", "Nama lengkap."),
        "position_id": _h("ID Jabatan", "Position ID", "Jabatan yang diduduki (sheet Jabatan)."),
        "status": _h("Status", "Status", "PNS, CPNS atau PPPK."),
        "start_date": _h(
            "Tanggal Mulai",
            "Start date",
            "Hari pertama pada jabatan ini (pembayaran sebagian bulan); kosong = sebelum periode.",
        ),
        "end_date": _h(
            "Tanggal Selesai",
            "End date",
            "Hari terakhir pada jabatan ini; kosong = masih menjabat.",
        ),
    },
    "work_items": {
        "work_item_id": _h(
            "ID Program/Kegiatan", "Work item ID", "Kode unik (sering kode Permendagri 90)."
        ),
        "code": _h("Kode", "Code", "Kode nomenklatur, mis. 1.02.02.2.01.0001."),
        "name": _h("Nama Program/Kegiatan", "Name", "Nama program / kegiatan / sub kegiatan."),
        "level": _h("Tingkat", "Level", "program, kegiatan atau sub kegiatan."),
        "parent_id": _h(
            "ID Induk",
            "Parent ID",
            "Induk: program dari kegiatan, kegiatan dari sub kegiatan; kosong untuk program.",
        ),
        "unit_id": _h("ID Unit", "Unit ID", "Unit (OPD) pelaksana."),
        "responsible_position_id": _h(
            "ID Jabatan Penanggung Jawab",
            "Responsible position ID",
            "Jabatan penanggung jawab (JPT, administrator atau pengawas).",
        ),
        "budget": _h(
            "Pagu (Rp)",
            "Budget (Rp)",
            "Pagu setahun, rupiah bulat; tulis 0 bila tidak ada pagu (sel kosong ditolak).",
        ),
    },
    "indicators": {
        "indicator_id": _h("ID Indikator", "Indicator ID", "Kode unik indikator."),
        "work_item_id": _ITEM,
        "name": _h("Nama Indikator", "Indicator name", "Apa yang diukur."),
        "unit_of_measure": _h("Satuan", "Unit of measure", "Satuan, mis. 'dokumen', '%'."),
        "polarity": _h(
            "Polaritas",
            "Polarity",
            "tinggi lebih baik atau rendah lebih baik; isi setiap baris (sel kosong ditolak; "
            "tanpa kolom ini: tinggi lebih baik).",
        ),
        "weight": _h(
            "Bobot",
            "Weight",
            "Bobot dalam agregasi; isi setiap baris (sel kosong ditolak; tanpa kolom ini: 1).",
        ),
        "aggregation": _h(
            "Cara Agregasi",
            "Aggregation",
            "nilai terakhir (capaian s.d. periode, persentase) atau dijumlahkan (angka per "
            "bulan, mis. jumlah pelatihan: triwulan = jumlah bulannya); kosong = nilai terakhir "
            "(dicatat pada laporan validasi), seperti tanpa kolom ini.",
        ),
    },
    "targets": {
        "indicator_id": _INDICATOR,
        "period": _PERIOD,
        "target": _h("Target", "Target", "Target (batas bawah bila target berupa rentang)."),
        "target_max": _h(
            "Target Maksimum",
            "Target max",
            "Batas atas target rentang; kosong untuk target tunggal.",
        ),
    },
    "realisations": {
        "indicator_id": _INDICATOR,
        "period": _PERIOD,
        "value": _h("Realisasi", "Value", "Nilai realisasi pada periode."),
        "status": _REPORT,
    },
    "budget_realisations": {
        "work_item_id": _ITEM,
        "period": _PERIOD,
        "spent": _h(
            "Realisasi Anggaran (Rp)",
            "Spent (Rp)",
            "Rupiah dibelanjakan pada periode (bukan kumulatif).",
        ),
        "physical_pct": _h(
            "Realisasi Fisik (%)",
            "Physical progress (%)",
            "Kemajuan fisik s.d. akhir periode, 0-100.",
        ),
        "planned_spent": _h(
            "Rencana Anggaran (Rp)",
            "Planned spending (Rp)",
            "Rupiah yang direncanakan pada periode.",
        ),
        "planned_physical_pct": _h(
            "Rencana Fisik (%)",
            "Planned physical progress (%)",
            "Rencana kemajuan fisik s.d. akhir periode, 0-100.",
        ),
        "status": _REPORT,
    },
    "attendance": {"nip": _NIP, "period": _PERIOD},
    "appraisals": {
        "nip": _NIP,
        "period": _PERIOD,
        "results": _h(
            "Hasil Kerja",
            "Work results",
            "Rating hasil kerja: di atas / sesuai / di bawah ekspektasi.",
        ),
        "behaviour": _h(
            "Perilaku Kerja",
            "Work behaviour",
            "Rating perilaku kerja: di atas / sesuai / di bawah ekspektasi.",
        ),
    },
    "sanctions": {
        "nip": _NIP,
        "kind": _h(
            "Jenis Hukuman", "Sanction kind", "Jenis hukuman, mis. 'hukuman disiplin sedang'."
        ),
        "percent": _h("Potongan (%)", "Cut (%)", "Potongan dalam persen tunjangan, mis. 25."),
        "start_period": _h(
            "Periode Mulai", "Start period", "Bulan pertama potongan berlaku, mis. 2025-03."
        ),
        "months": _h("Lama (Bulan)", "Months", "Jumlah bulan potongan berlaku."),
        "reference": _h("Nomor SK", "Decision letter (SK)", "Nomor surat keputusan hukuman."),
    },
    "acting": {
        "nip": _NIP,
        "position_id": _h(
            "ID Jabatan Plt/Plh",
            "Acting position ID",
            "Jabatan yang dilaksanakan sebagai Plt/Plh (sheet Jabatan), bukan jabatan sendiri.",
        ),
        "kind": _h(
            "Jenis",
            "Kind",
            "Plt (pejabat definitif berhalangan tetap, jabatan kosong) atau Plh (berhalangan "
            "sementara).",
        ),
        "start_date": _h("Tanggal Mulai", "Start date", "Hari pertama sebagai Plt/Plh."),
        "end_date": _h(
            "Tanggal Selesai", "End date", "Hari terakhir sebagai Plt/Plh; kosong = masih."
        ),
        "reference": _h(
            "Nomor SK", "Decision letter (SK)", "Nomor SK / surat perintah Plt atau Plh."
        ),
    },
    "position_history": {
        "nip": _NIP,
        "position_id": _h(
            "ID Jabatan", "Position ID", "Jabatan yang diduduki sebelumnya (sheet Jabatan)."
        ),
        "status": _h("Status", "Status", "PNS, CPNS atau PPPK pada jabatan itu."),
        "start_date": _h("Tanggal Mulai", "Start date", "TMT jabatan itu (hari pertama)."),
        "end_date": _h(
            "Tanggal Selesai",
            "End date",
            "Hari terakhir pada jabatan itu: sebelum TMT jabatan berikutnya (sheet Pegawai).",
        ),
        "reference": _h("Nomor SK", "Decision letter (SK)", "Nomor SK jabatan itu."),
    },
}

# Drop-down labels: contract value -> (Indonesian label, other accepted spellings...).
# The first spelling is what the Indonesian template offers; the contract value itself and the
# English words are always accepted too.
_CHOICES: dict[str, tuple[str, ...]] = {
    "jpt": ("JPT", "pimpinan tinggi", "jabatan pimpinan tinggi"),
    "administrator": ("Administrator",),
    "pengawas": ("Pengawas",),
    "pelaksana": ("Pelaksana",),
    "fungsional": ("Fungsional",),
    "pns": ("PNS",),
    "cpns": ("CPNS",),
    "pppk": ("PPPK", "P3K"),
    "program": ("program",),
    "kegiatan": ("kegiatan",),
    "sub_kegiatan": ("sub kegiatan", "subkegiatan"),
    "higher": ("tinggi lebih baik", "maksimal", "maximize", "positif", "naik"),
    "lower": ("rendah lebih baik", "minimal", "minimize", "negatif", "turun"),
    # "kumulatif" is no spelling of either: offices use it for a figure reported to date
    # (a level) and for one whose periods are added up (a sum)
    "level": ("nilai terakhir", "take last known value", "last", "terakhir", "posisi akhir"),
    "sum": ("dijumlahkan", "jumlah", "penjumlahan", "total"),
    "above": ("di atas ekspektasi", "diatas ekspektasi", "above expectation"),
    "as_expected": ("sesuai ekspektasi", "as expected"),
    "below": ("di bawah ekspektasi", "dibawah ekspektasi", "below expectation"),
    "entered": ("diinput", "dientri", "input", "entri"),
    "approved": ("disetujui", "setuju"),
    "signed": ("ditandatangani", "disahkan", "ttd"),
    "plt": ("Plt", "pelaksana tugas", "acting"),
    "plh": ("Plh", "pelaksana harian", "daily acting"),
}
_LOOSE = re.compile(r"[\s_\-]+")
_SEPARATORS = re.compile(r"[\s_\-.]+")


def normalise(text: object) -> str:
    """A header or sheet name as compared: lower case, separators as one space, no ``*``."""
    return _SEPARATORS.sub(" ", str(text).replace("*", " ")).strip().lower()


_SPELLINGS: dict[str, dict[str, list[str]]] = {}


def _build_index() -> tuple[dict[str, str], dict[str, dict[str, tuple[str, bool]]]]:
    """Sheet name -> table; per table, header key -> (column, exact).

    ``exact`` marks the template's headings and the contract names: when a sheet holds both an
    exact header and an alias of one column, the exact one is the column (:func:`map_columns`).
    A spelling that fits two columns of one table is left out: it names neither.
    """
    sheets: dict[str, str] = {}
    columns: dict[str, dict[str, tuple[str, bool]]] = {}
    for table, (id_name, en_name) in SHEETS.items():
        for alias in (id_name, en_name, table):
            sheets[normalise(alias)] = table
        index: dict[str, tuple[str, bool]] = {}
        for col in TABLES[table].columns:
            h = HEADINGS[table][col.name]
            for alias in (h.id, h.en, col.name):
                index.setdefault(header_key(alias), (col.name, True))
        for column, aliases in ALIASES.get(table, {}).items():
            for alias in aliases:
                index.setdefault(header_key(alias), (column, False))
        for key, (column, _) in index.items():
            _SPELLINGS.setdefault(table, {}).setdefault(column, []).append(key)
        squeezed: dict[str, set[tuple[str, bool]]] = {}
        for key, found in index.items():
            squeezed.setdefault(compact(key), set()).add(found)
        for key, found_set in squeezed.items():  # IDJabatan, TanggalSelesai
            if len({c for c, _ in found_set}) == 1 and key not in index:
                index[key] = min(found_set, key=lambda f: not f[1])
        columns[table] = index
    return sheets, columns


_SHEET_INDEX, _COLUMN_INDEX = _build_index()
_CHOICE_INDEX: dict[str, str] = {
    _LOOSE.sub("", alias.lower()): value
    for value, aliases in _CHOICES.items()
    for alias in (value, *aliases)
}


def sheet_name(table: str, lang: Lang) -> str:
    """The sheet (or CSV file stem) a person sees for ``table``."""
    id_name, en_name = SHEETS[table]
    return id_name if lang == "id" else en_name


def table_for_sheet(name: str) -> str | None:
    """The contract table a sheet or CSV file stem stands for (any language), or None."""
    return _SHEET_INDEX.get(normalise(name))


def table_named_in(name: object) -> str | None:
    """The table a sheet or file name points at without being its name.

    ``Pegawai (2)`` (Excel's Move or Copy), ``Pegawai PPPK``, ``data_pegawai_2`` hold a table's
    name as a word (the longest name wins: ``Realisasi Anggaran 2`` is budget realisations);
    ``Pegawi`` is a near miss. Such a sheet holds rows of that table more often than not.
    """
    key = normalise(name)
    found = [
        (len(alias), table)
        for alias, table in _SHEET_INDEX.items()
        if re.search(rf"(?<![^\W_]){re.escape(alias)}(?![^\W_])", key)
    ]
    if found:
        return max(found)[1]
    near = suggest(key, list(_SHEET_INDEX))
    return _SHEET_INDEX[near] if near is not None else None


def table_for_header(
    cells: Sequence[object], rows: Sequence[Sequence[object]] | None = None
) -> str | None:
    """The table whose every required column a header row names, and whose columns are at
    least half of the header's, or None.

    When several qualify (``NIP``/``Periode`` are in attendance and appraisals), the one with
    the most columns named wins, then contract order. Attendance needs a code column besides
    (not a name or a note, holding a number in ``rows`` when given): ``NIP, Nama, Periode,
    Predikat`` holds no count of anything.
    """
    texts = [c for c in cells if c is not None and normalise(c)]
    best, score = None, 0
    for table, spec in TABLES.items():
        named = {column_for_header(table, c) for c in texts} & set(spec.names)
        if len(named) > score and all(c.name in named for c in spec.columns if c.required):
            if spec.open_int_columns and not _has_codes(table, cells, rows):
                continue
            best, score = table, len(named)
    # a table's columns must be most of the header: a payment list tukin wrote (nip, name,
    # position_id, unit_id beside twenty amounts) names positions' required columns too
    return best if best is not None and 2 * score >= len(texts) else None


def _has_codes(
    table: str, cells: Sequence[object], rows: Sequence[Sequence[object]] | None
) -> bool:
    """A header row of ``table`` (attendance) has a column that counts something."""
    from tukin.io._cells import is_number

    names = set(TABLES[table].names)
    for j, c in enumerate(cells):
        if c is None or not normalise(c) or column_for_header(table, c) in names:
            continue
        if is_descriptive(c) or is_rating(c):
            continue
        if rows is None or any(j < len(r) and is_number(r[j]) for r in rows):
            return True
    return False


def rating_header(cells: Sequence[object]) -> bool:
    """A header naming a NIP and a final SKP rating (``Predikat``): appraisal data in a form
    tukin does not read (it needs the two ratings the predikat is made of)."""
    texts = [c for c in cells if c is not None]
    return any(column_for_header("appraisals", c) == "nip" for c in texts) and any(
        is_rating(c) for c in texts
    )


def names_a_column(table: str, cells: Sequence[object]) -> bool:
    """The row names at least one contract column of ``table``: it is a header row."""
    names = TABLES[table].names
    return any(column_for_header(table, c) in names for c in cells if c is not None)


def heading(table: str, column: str) -> Heading | None:
    """The :class:`Heading` of a contract column, or None for an extra / attendance code."""
    return HEADINGS.get(table, {}).get(column)


def header(table: str, column: str, lang: Lang) -> str:
    """The header text a person sees for ``column``; attendance codes in capitals (``TL1``)."""
    h = heading(table, column)
    if h is not None:
        return h.text(lang)
    if table == "attendance" and column in ATTENDANCE_CODES:
        return column.upper() if len(column) <= 4 else column.capitalize()
    return column


def _match(table: str, text: object) -> tuple[str, bool] | None:
    """(contract column, exact) a header names, or None."""
    key = header_key(text)
    if not key:
        return None
    return _COLUMN_INDEX[table].get(key) or _COLUMN_INDEX[table].get(compact(key))


def names_column(table: str, text: object) -> str | None:
    """The contract column a header names (heading, contract name, alias, any case and
    separators), or None; never an attendance code."""
    found = _match(table, text)
    return None if found is None else found[0]


def column_for_header(table: str, text: object) -> str | None:
    """The contract column a header names, the code of an attendance column, or None.

    Attendance: every header that is not ``nip``/``period`` is a code, lower case with
    spaces as ``_`` (``"TL1"`` -> ``tl1``, ``"Tugas Luar"`` -> ``tugas_luar``).
    """
    found = _match(table, text)
    if found is not None:
        return found[0]
    if TABLES[table].open_int_columns and normalise(text):
        return code_column(str(text))
    return None


def map_columns(table: str, headers: Sequence[str]) -> list[str | None]:
    """The column each header of a sheet stands for: a contract column, an attendance code,
    or (any other text) the header itself as an extra column; None for a blank header.

    An alias gives way to an exact heading of the same column elsewhere in the sheet
    (``Nama`` beside ``Nama Pegawai``: ``Nama`` is the name, the other an extra column), so
    adding an alias never turns a sheet that was read into one with a column given twice.
    """
    matches = [_match(table, h) if normalise(h) else None for h in headers]
    exact = {m[0] for m in matches if m is not None and m[1]}
    out: list[str | None] = []
    for text, m in zip(headers, matches, strict=True):
        if not normalise(text):
            out.append(None)
        elif m is not None and (m[1] or m[0] not in exact):
            out.append(m[0])
        else:
            out.append((column_for_header(table, text) or text) if m is None else text)
    return out


def spellings(table: str, columns: Iterable[str]) -> dict[str, list[str]]:
    """Every key that names each of ``columns``: headings, contract name, aliases."""
    return {c: _SPELLINGS[table].get(c, []) for c in columns}


def header_score(table: str, cells: Sequence[object]) -> int:
    """How well a row reads as the header of ``table``: contract columns it names, and for
    attendance the demo codes (``TL1``...) too. The header is the best row, not the first
    that names one column (a title line ``Periode : Oktober 2025`` names ``period``)."""
    named = {_match(table, c) for c in cells if c is not None}
    score = len({m[0] for m in named if m is not None})
    if TABLES[table].open_int_columns:
        score += sum(code_column(str(c)) in ATTENDANCE_CODES for c in cells if c is not None)
    return score


#: The lateness and early-leave codes' level written apart: ``tl 1``, ``psw 4``, ``cp 2``
#: (DOMAIN.md §3: TL1-TL4, PSW1-PSW4, also written CP1-CP4). Only these: ``Izin 1`` or
#: ``Cuti 2`` is a word and a number, kept apart as any other header.
_CODE_AND_LEVEL = re.compile(r"(?:tl|psw|cp) [1-9]")


def code_column(text: str) -> str:
    """The attendance code a header stands for (``"TL1"`` -> ``tl1``, ``"T K"`` -> ``tk``,
    ``"TL 1"`` or ``"PSW-2"`` -> ``tl1``, ``psw2``: a lateness or early-leave code and its
    level written apart; any other word and number stay apart, ``Terlambat 1`` ->
    ``terlambat_1``, ``Izin 1`` -> ``izin_1``).

    No abbreviation is written out here: a rule file names codes as the sheet spells them.
    """
    words = normalise(text).split()
    if len(words) > 1 and all(len(w) == 1 for w in words):
        return "".join(words)
    if _CODE_AND_LEVEL.fullmatch(" ".join(words)):
        return "".join(words)
    return "_".join(words)


def choice_labels(choices: tuple[str, ...], lang: Lang) -> list[str]:
    """What a drop-down offers: Indonesian labels for ``id``, contract values for ``en``."""
    if lang == "en":
        return list(choices)
    return [_CHOICES.get(c, (c,))[0] for c in choices]


def choice_value(text: str, choices: tuple[str, ...]) -> str | None:
    """The contract value of a drop-down label or accepted spelling, if it is one of ``choices``."""
    value = _CHOICE_INDEX.get(_LOOSE.sub("", text.lower()))
    return value if value in choices else None


def suggest(text: object, candidates: list[str]) -> str | None:
    """The closest candidate to a misspelt header or sheet name (``"Stauts"`` -> ``"Status"``)."""
    by_key = {normalise(c): c for c in candidates}
    hit = difflib.get_close_matches(normalise(text), list(by_key), n=1, cutoff=0.75)
    return by_key[hit[0]] if hit else None
