"""Word lists and pay tables the demo draws from.

Kept apart from the generators so the code reads as the algorithm and this file as the data.
The figures are plausible orders of magnitude for a regency in 2024-2025, not legal tables:
the demo feeds examples and benchmarks, never a payroll.
"""

from __future__ import annotations

# --- people -------------------------------------------------------------------------------

MALE_FIRST = (
    "Ahmad", "Agus", "Andi", "Arif", "Awang", "Bambang", "Budi", "Dedi", "Dimas", "Eko",
    "Fajar", "Fauzan", "Gilang", "Hendra", "Hadi", "Irfan", "Iwan", "Joko", "Kurnia", "Lukman",
    "Muhammad", "Rizky", "Rahmat", "Ridwan", "Slamet", "Syahrul", "Taufik", "Teguh", "Wahyu",
    "Yusuf", "Zainal", "Heri", "Anton", "Bayu", "Darmawan", "Eddy", "Firman", "Gunawan",
    "Hasan", "Ilham", "Jamal", "Khairul", "Nanang", "Rudi", "Sugeng", "Yoga", "Aji", "Rusdi",
)  # fmt: skip
FEMALE_FIRST = (
    "Siti", "Sri", "Dewi", "Nur", "Rina", "Fitri", "Ayu", "Wulan", "Putri", "Indah", "Lestari",
    "Nurul", "Ratna", "Yuliana", "Kartika", "Dian", "Eka", "Fatimah", "Hana", "Intan",
    "Maya", "Mega", "Novi", "Rahmawati", "Sari", "Tri", "Utami", "Vina", "Winda", "Yanti",
    "Anisa", "Dayang", "Desi", "Elok", "Erna", "Herlina", "Irma", "Juwita", "Lina", "Marlina",
    "Nita", "Puspita", "Rosa", "Suryani", "Tuti", "Yuni", "Zahra", "Aisyah",
)  # fmt: skip
MALE_LAST = (
    "Saputra", "Pratama", "Nugroho", "Setiawan", "Kurniawan", "Hidayat", "Santoso", "Wibowo",
    "Susanto", "Firmansyah", "Ramadhan", "Hakim", "Syahputra", "Prasetyo", "Effendi", "Rahman",
)  # fmt: skip
FEMALE_LAST = (
    "Lestari", "Rahayu", "Sari", "Wati", "Ningsih", "Handayani", "Puspitasari", "Wulandari",
    "Anggraini", "Safitri", "Permatasari", "Maharani", "Kusumawati", "Novitasari",
)  # fmt: skip
COMMON_LAST = (
    "Siregar", "Nasution", "Harahap", "Lubis", "Tanjung", "Sinaga", "Simanjuntak", "Wijaya",
    "Hamzah", "Syahrani", "Mappanyukki", "Daeng", "Pakpahan", "Manurung", "Sitompul",
    "Pattiasina", "Latuconsina", "Mokodompit", "Bachtiar", "Iskandar",
)  # fmt: skip

# Academic degrees appended to a name, by position kind (an empty string is frequent).
DEGREES_STRUCTURAL = (", S.E., M.M.", ", S.Sos., M.Si.", ", S.T., M.T.", ", S.H., M.H.",
                      ", S.Sos.", ", S.E.", ", S.Pd., M.Pd.", ", S.STP., M.Si.")  # fmt: skip
DEGREES_FUNGSIONAL = (", S.Pd.", ", S.Pd.", ", S.Kep., Ns.", ", S.E.", ", S.T.", ", A.Md.",
                      ", S.Kom.", ", S.Si.", "")  # fmt: skip
DEGREES_PELAKSANA = ("", "", "", "", ", A.Md.", ", S.E.", ", S.Kom.", ", S.AP.")

# --- positions ----------------------------------------------------------------------------

# Pelaksana titles with their kelas jabatan (KepmenPANRB nomenclature, simplified).
PELAKSANA = (
    ("Operator Layanan Operasional", 5),
    ("Pengadministrasi Perkantoran", 5),
    ("Pengelola Umum Operasional", 6),
    ("Pengolah Data dan Informasi", 6),
    ("Penata Layanan Operasional", 7),
    ("Penata Kelola Keuangan", 7),
)
# Jenjang of functional positions by track (A = keahlian, T = keterampilan) with kelas jabatan.
JENJANG = {
    "A": (("Ahli Pertama", 8), ("Ahli Muda", 9), ("Ahli Madya", 11)),
    "T": (("Terampil", 7), ("Mahir", 8), ("Penyelia", 9)),
}
JENJANG_P = (0.45, 0.40, 0.15)

# --- pay ------------------------------------------------------------------------------------

# Lowest basic salary (masa kerja 0) per golongan ruang I/a .. IV/e, rupiah (order of PP 5/2024).
GAJI_POKOK_MIN = (
    1_685_700, 1_840_800, 1_918_700, 1_999_900,  # I/a-d
    2_184_000, 2_385_000, 2_485_900, 2_591_100,  # II/a-d
    2_785_700, 2_903_600, 3_026_400, 3_154_400,  # III/a-d
    3_287_800, 3_426_900, 3_571_900, 3_723_000, 3_880_400,  # IV/a-e
)  # fmt: skip
GAJI_STEP = 1.0157  # growth per year of service, applied every two years (MKG 0-32)
# Position allowance by kelas jabatan (rupiah): structural posts by eselon (IV/b 490,000 ..
# II/a 4,375,000, Perpres 26/2007 order of magnitude) and functional posts by jenjang.
TUNJANGAN_STRUKTURAL = {8: 490_000, 9: 980_000, 11: 1_260_000, 12: 2_025_000,
                        14: 3_250_000, 15: 4_375_000}  # fmt: skip
TUNJANGAN_FUNGSIONAL = {7: 350_000, 8: 540_000, 9: 960_000, 11: 1_260_000}
TUNJANGAN_UMUM = (175_000, 180_000, 185_000, 190_000)  # general allowance by golongan I-IV
PAYROLL_PER_EMPLOYEE = 72_000_000  # a year of salary and allowances, for the payroll pagu

# --- indicators -----------------------------------------------------------------------------
# (name prefix, unit of measure, value kind, low, high). The work item's name follows the
# prefix. Kinds: count (whole numbers), pct (0-100), index (a score), duration (lower better).

SUB_HIGHER = (
    ("Jumlah Dokumen Hasil ", "dokumen", "count", 1, 3),
    ("Jumlah Laporan ", "laporan", "count", 1, 2),
    ("Persentase Penyelesaian ", "%", "pct", 80, 100),
    ("Jumlah Penerima Manfaat ", "orang", "count", 20, 400),
    ("Jumlah Paket Pekerjaan ", "paket", "count", 1, 5),
)
SUB_LOWER = (("Rata-rata Waktu Penyelesaian ", "hari", "duration", 3, 21),)
KEGIATAN_HIGHER = (
    ("Persentase Capaian Output ", "%", "pct", 85, 100),
    ("Tingkat Ketepatan Waktu ", "%", "pct", 80, 100),
    ("Indeks Kualitas ", "indeks", "index", 70, 90),
)
KEGIATAN_LOWER = (("Jumlah Temuan Pemeriksaan atas ", "temuan", "count", 1, 5),)
PROGRAM_HIGHER = (
    ("Persentase Capaian Sasaran ", "%", "pct", 80, 100),
    ("Indeks Kepuasan Masyarakat atas ", "indeks", "index", 75, 90),
    ("Nilai Akuntabilitas Kinerja ", "nilai", "index", 60, 80),
)
PROGRAM_LOWER = (("Rata-rata Waktu Tunggu Layanan ", "menit", "duration", 10, 60),)
