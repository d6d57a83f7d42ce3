"""The kinds of OPD (perangkat daerah) a demo regency is built from.

An :class:`OpdType` bundles what makes an agency recognisable in reports: its name, its
Permendagri 90 urusan code, its bidang, the sector programs and kegiatan it runs, the functional
posts of its staff and how many employees it has relative to the others. The data live in
``_opd_core`` and ``_opd_more`` (ordered in ``_opds``); this module holds the shapes, the
parsing of the compact program outlines and the support program every OPD runs.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass


@dataclass(frozen=True)
class Form:
    """How an agency of one legal form names its units and their heads."""

    level2: str  # label of a second-level unit: "Bidang", "Bagian", "Seksi"...
    level3: str  # label of a third-level unit: "Seksi", "Subbidang", "Subbagian"...
    secretariat: str  # name of the secretariat, always the first second-level unit
    secretary: str  # title of its head (an administrator)


FORMS: dict[str, Form] = {
    "dinas": Form("Bidang", "Seksi", "Sekretariat", "Sekretaris Dinas"),
    "badan": Form("Bidang", "Subbidang", "Sekretariat", "Sekretaris Badan"),
    "satuan": Form("Bidang", "Seksi", "Sekretariat", "Sekretaris Satuan"),
    "setda": Form("Bagian", "Subbagian", "Bagian Umum", "Kepala Bagian Umum"),
    "setwan": Form(
        "Bagian", "Subbagian", "Bagian Umum dan Keuangan", "Kepala Bagian Umum dan Keuangan"
    ),
    "inspektorat": Form("Inspektorat Pembantu", "Subbagian", "Sekretariat", "Sekretaris"),
    "kecamatan": Form("Seksi", "Subseksi", "Sekretariat Kecamatan", "Sekretaris Kecamatan"),
}
SECRETARIAT_SUBUNITS = (
    "Subbagian Umum dan Kepegawaian",
    "Subbagian Keuangan dan Aset",
    "Subbagian Perencanaan dan Pelaporan",
)
SUBUNIT_VARIANTS = ("Program", "Pelaksanaan", "Evaluasi")  # "Seksi Program <bidang topic>"...


@dataclass(frozen=True)
class Program:
    """A program and the names of its kegiatan (at least four, the most the demo draws)."""

    name: str
    kegiatan: tuple[str, ...]


@dataclass(frozen=True)
class OpdType:
    """One kind of OPD, as the generator needs it."""

    code: str  # short identifier, e.g. DINKES; unit ids derive from it
    name: str
    urusan: str  # Permendagri 90 urusan / bidang urusan code, e.g. 1.02
    form: Form
    head: str  # title of the JPT heading the OPD
    bidang: tuple[str, ...]  # topics of the second-level units after the secretariat
    programs: tuple[Program, ...]  # sector programs (the support program is added to all)
    weight: float  # relative number of employees
    fungsional: tuple[tuple[str, str], ...]  # (functional title, track A or T)
    fungsional_share: float  # share of staff positions that are functional
    lower: tuple[str, str, float, float] | None  # lower-is-better program indicator
    big: bool  # a large OPD: its heads sit one kelas higher


def parse_programs(outline: str) -> tuple[Program, ...]:
    """Read an outline: a program on an unindented line, its kegiatan indented below it."""
    programs: list[Program] = []
    name = ""
    kegiatan: list[str] = []
    for line in textwrap.dedent(outline).splitlines():
        if not line.strip():
            continue
        if line[0].isspace():
            kegiatan.append(line.strip())
            continue
        if name:
            programs.append(Program(name, tuple(kegiatan)))
        name, kegiatan = line.strip(), []
    if name:
        programs.append(Program(name, tuple(kegiatan)))
    for program in programs:
        if len(program.kegiatan) < 4:
            raise ValueError(f"program {program.name!r} needs four kegiatan")
    return tuple(programs)


def opd(
    code: str,
    name: str,
    urusan: str,
    *,
    form: str,
    bidang: str,
    programs: str,
    weight: float,
    fungsional: str,
    fungsional_share: float,
    head: str = "",
    lower: tuple[str, str, float, float] | None = None,
    big: bool = False,
) -> OpdType:
    """Build an :class:`OpdType` from the compact notation used in the data modules.

    ``bidang`` and ``fungsional`` are ``;``-separated; a functional title ends in ``/A``
    (keahlian) or ``/T`` (keterampilan); ``head`` defaults to "Kepala <name>".
    """
    funcs = tuple(
        (title.strip().rsplit("/", 1)[0], title.strip().rsplit("/", 1)[1])
        for title in fungsional.split(";")
    )
    return OpdType(
        code=code,
        name=name,
        urusan=urusan,
        form=FORMS[form],
        head=head or f"Kepala {name}",
        bidang=tuple(b.strip() for b in bidang.split(";")),
        programs=parse_programs(programs),
        weight=weight,
        fungsional=funcs,
        fungsional_share=fungsional_share,
        lower=lower,
        big=big,
    )


SUPPORT_PROGRAM = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
# Kegiatan of the support program with their sub kegiatan (Permendagri 90 names). The second
# kegiatan's first sub kegiatan pays salaries: its pagu follows the OPD's headcount.
SUPPORT_KEGIATAN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        (
            "Penyusunan Dokumen Perencanaan Perangkat Daerah",
            "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
            "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
            "Evaluasi Kinerja Perangkat Daerah",
        ),
    ),
    (
        "Administrasi Keuangan Perangkat Daerah",
        (
            "Penyediaan Gaji dan Tunjangan ASN",
            "Penyediaan Administrasi Pelaksanaan Tugas ASN",
            "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
            "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
        ),
    ),
    (
        "Administrasi Umum Perangkat Daerah",
        (
            "Penyediaan Peralatan dan Perlengkapan Kantor",
            "Penyediaan Bahan Logistik Kantor",
            "Penyediaan Barang Cetakan dan Penggandaan",
            "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        ),
    ),
    (
        "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        (
            "Penyediaan Jasa Surat Menyurat",
            "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
            "Penyediaan Jasa Peralatan dan Perlengkapan Kantor",
            "Penyediaan Jasa Pelayanan Umum Kantor",
        ),
    ),
)
# Sub kegiatan of a sector kegiatan are named "<prefix> <kegiatan>".
SUB_PREFIXES = (
    "Penyusunan Rencana",
    "Pelaksanaan",
    "Penyediaan Sarana Pendukung",
    "Monitoring, Evaluasi dan Pelaporan",
)
