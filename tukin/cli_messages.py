"""The words of the ``tukin`` command's help, in English and Indonesian.

:mod:`tukin.messages` holds what tukin *says* (error codes and their messages); this is what
the command line *offers*: the help of each command and option, the names shown for their
values (``--period PERIODE``), the examples, and the Indonesian of argparse's own words
(``usage:``, ``options:``, ``show this help message and exit``, its argument errors).

* :data:`HELP`: key -> (English, Indonesian), as :data:`tukin.messages.MESSAGES`; the texts
  may hold :meth:`str.format` fields (``{rules}``) and argparse's ``%%`` for a percent sign.
* :data:`ARGPARSE`: argparse's own English text (its gettext message id, as written in
  ``argparse.py``) -> Indonesian. English needs no entry: the message id is the English.
  Only the texts a person typing a command can meet are here; argparse's complaints about
  a badly built parser (``conflicting option string``) are for tukin's developers.
"""

from __future__ import annotations

__all__ = ["ARGPARSE", "EXAMPLES", "HELP"]

HELP: dict[str, tuple[str, str]] = {
    "description": (
        "Performance allowances (tunjangan kinerja / TPP), exact and explainable.",
        "Tunjangan kinerja dan TPP pegawai ASN, dihitung tepat sampai rupiah dan dapat "
        "dijelaskan langkah demi langkah.",
    ),
    "version": ("print the version and exit", "tampilkan versi tukin lalu keluar"),
    "commands": ("commands", "perintah"),
    "metavar_command": ("COMMAND", "PERINTAH"),
    "lang": (
        "language of messages and help: id or en (default: the TUKIN_LANG variable, else id)",
        "bahasa pesan dan bantuan: id (Indonesia) atau en (Inggris); bila tidak diisi: "
        "variabel TUKIN_LANG, bila itu pun kosong: id",
    ),
    "repeatable": ("repeatable", "boleh diulang"),
    # the kind of value argparse names when it refuses one ("invalid whole number value")
    "type_int": ("whole number", "bilangan bulat"),
    # the value an option takes, as its help shows it (--period PERIODE)
    "metavar_param": ("NAME=VALUE", "NAMA=NILAI"),
    "metavar_rules": ("RULES", "ATURAN"),
    "metavar_period": ("PERIOD", "PERIODE"),
    "metavar_size": ("SIZE", "JUMLAH"),
    "metavar_percent": ("PERCENT", "PERSEN"),
    "metavar_seed": ("SEED", "BENIH"),
    "metavar_data_out": ("DATA_OUT", "BERKAS"),
    "metavar_out": ("OUT", "BERKAS"),
    "metavar_out_folder": ("OUT", "FOLDER"),
    "metavar_rollup_step": ("ROLLUP_STEP", "LANGKAH"),
    "metavar_year": ("YEAR", "TAHUN"),
    "metavar_extra": ("SHARE:BASE[:PAID]", "PORSI:DASAR[:BAYAR]"),
    "metavar_pagu_opd": ("OPD=RUPIAH|FILE", "OPD=RUPIAH|BERKAS"),
    "metavar_path": ("path", "berkas"),
    "metavar_files": ("files", "berkas"),
    "metavar_receipt": ("RECEIPT", "KUITANSI"),
    # options several commands share
    "param": (
        "set a parameter of the rules (repeatable), VALUE as in a rule file: "
        "--param tpp_pagu=13000000000 --param absence_cap=50%%",
        "isi satu parameter aturan (boleh diulang), NILAI ditulis seperti di berkas aturan: "
        "--param tpp_pagu=13000000000 --param absence_cap=50%%",
    ),
    "data": (
        "Excel workbook or folder of CSV files (default: demo data)",
        "buku kerja Excel atau folder berkas CSV (bila tidak diisi: data contoh)",
    ),
    "rules": (
        "rule file or packaged pack (default {rules})",
        "berkas aturan atau paket aturan bawaan (bila tidak diisi: {rules})",
    ),
    "period": (
        "period, e.g. 2025-10; required with --data (the demo data's is 2025-10); a quarter "
        "(2025-Q3) or a year only for reports and rules that compute one (the payment packs "
        "pay per month)",
        "periode, mis. 2025-10 (juga Oktober 2025 atau 10/2025); wajib bersama --data (periode "
        "data contoh: 2025-10); triwulan (2025-Q3) atau tahun hanya untuk laporan dan aturan "
        "yang menghitungnya (paket pembayaran membayar per bulan)",
    ),
    # tukin demo
    "demo": (
        "calculate the bundled synthetic regency",
        "hitung kabupaten contoh bawaan (data sintetis)",
    ),
    "demo_size": (
        "employees in the demo regency (default 600)",
        "jumlah pegawai kabupaten contoh (bila tidak diisi: 600)",
    ),
    "demo_seed": (
        "seed of the generator: another seed, another regency (default 2025)",
        "benih pembangkit data: benih lain, kabupaten contoh lain (bila tidak diisi: 2025)",
    ),
    "demo_promotions": (
        "percent of the employees given an earlier position within the year (a promotion, a "
        "CPNS -> PNS appointment: the position_history table), each position paid for its "
        "own days; the employee explained is then one of them (default 0)",
        "persen pegawai yang diberi jabatan sebelumnya dalam tahun itu (promosi, pengangkatan "
        "CPNS -> PNS: tabel position_history), tiap jabatan dibayar untuk harinya sendiri; "
        "pegawai yang dijelaskan lalu salah satunya (bila tidak diisi: 0)",
    ),
    "demo_data_out": (
        "also write the demo input data (.xlsx in the template layout, .json, or a folder of CSV)",
        "tulis juga data masukan contoh (.xlsx berformat templat, .json, atau folder CSV)",
    ),
    "demo_out": (
        "also write the result (.xlsx, .csv, .json or .parquet)",
        "tulis juga hasilnya (.xlsx, .csv, .json atau .parquet)",
    ),
    # tukin calculate
    "calculate": ("calculate allowances for a period", "hitung tunjangan satu periode"),
    "calculate_out": (
        "result file: .xlsx, .csv, .json or .parquet",
        "berkas hasil: .xlsx, .csv, .json atau .parquet",
    ),
    "calculate_explain": (
        "add this employee's step-by-step explanation to the result file, or show it when "
        "there is no --out (repeatable)",
        "tambahkan rincian perhitungan pegawai ini ke berkas hasil, atau tampilkan di layar "
        "bila tanpa --out (boleh diulang)",
    ),
    "calculate_strict": (
        "stop at any data problem (notes aside) instead of rejecting rows",
        "berhenti pada masalah data apa pun (kecuali catatan), bukan menyisihkan barisnya",
    ),
    "calculate_all": (
        "also list every rejected employee row by row (default: one line per reason, with a "
        "count and the first NIPs; --out files hold the full list)",
        "tampilkan juga setiap pegawai yang ditolak baris demi baris (bawaan: satu baris per "
        "alasan, dengan jumlah dan NIP pertama; berkas --out memuat daftar lengkapnya)",
    ),
    # tukin explain
    "explain": (
        "explain one employee's allowance step by step",
        "jelaskan tunjangan seorang pegawai langkah demi langkah",
    ),
    "explain_nip": ("the employee's NIP (18 digits)", "NIP pegawai (18 digit)"),
    "explain_json": ("print JSON instead of text", "cetak JSON, bukan teks"),
    # tukin validate
    "validate": (
        "check input data and list every problem",
        "periksa data masukan dan daftar setiap masalahnya",
    ),
    "validate_rules": (
        "rule file or packaged pack: also report what its steps read that the data lacks "
        "(attendance code columns, other columns, the appraisal sheet) and the parameters "
        "you must supply",
        "berkas aturan atau paket aturan bawaan: laporkan juga apa yang dibaca langkah-"
        "langkahnya tetapi tidak ada di data (kolom kode kehadiran, kolom lain, sheet "
        "Penilaian SKP) dan parameter yang harus Anda isi",
    ),
    "validate_period": (
        "with --rules: the period whose rules are checked (required with --data)",
        "bersama --rules: periode yang aturannya diperiksa (wajib bersama --data)",
    ),
    "validate_all": (
        "list every problem row by row (default: one line per thing to correct, the first 20)",
        "daftar setiap masalah baris demi baris (bila tidak diisi: satu baris per hal yang "
        "harus diperbaiki, 20 yang pertama)",
    ),
    "validate_out": (
        "also write every problem to a .csv or .xlsx file",
        "tulis juga setiap masalah ke berkas .csv atau .xlsx",
    ),
    # tukin monitor
    "monitor": (
        "e-Pantau style monitoring report (Excel, CSV or JSON + plots)",
        "laporan pemantauan ala e-Pantau (Excel, CSV atau JSON + grafik)",
    ),
    "monitor_level": (
        "rows of the report sheet (all: every level); the sheet of who must act always lists "
        "the flagged rows of every level",
        "baris sheet laporan (regency: kabupaten, all: semua tingkat); sheet pihak yang harus "
        "bertindak selalu memuat baris bertanda dari semua tingkat",
    ),
    "monitor_period_only": (
        "money spent and planned in the period alone (a month's own spending); default: from "
        "1 January to the end of the period. Percentages of pagu stay to date",
        "uang yang dibelanjakan dan direncanakan dalam periode itu saja (belanja sebulan); "
        "bila tidak diisi: sejak 1 Januari sampai akhir periode. Persentase terhadap pagu "
        "tetap sampai dengan periode itu",
    ),
    "monitor_out": (
        "output folder (the workbook monitoring-<period>-<level>.xlsx and the plots), or a "
        "file: .xlsx, .json (one document) or .csv (one file per sheet: NAME.csv the report, "
        "NAME.actions.csv, NAME.pending.csv, NAME.pending-by-official.csv, NAME.policy.csv); "
        "the plots go beside it",
        "folder keluaran (buku kerja monitoring-<periode>-<tingkat>.xlsx dan grafik), atau "
        "berkas: .xlsx, .json (satu dokumen) atau .csv (satu berkas per sheet: NAMA.csv "
        "laporan, NAMA.actions.csv, NAMA.pending.csv, NAMA.pending-by-official.csv, "
        "NAMA.policy.csv); grafik ditulis di sebelahnya",
    ),
    "monitor_rules": (
        "rule file or packaged pack whose roll-up policy (min_status, cap, weights...) scores "
        "the report, as the allowance does (default: the report's own defaults)",
        "berkas aturan atau paket aturan bawaan yang kebijakan roll-up-nya (min_status, "
        "batas, bobot...) menilai laporan, seperti pada tunjangan (bila tidak diisi: "
        "kebijakan bawaan laporan)",
    ),
    "monitor_rollup_step": (
        "with --rules: the rollup / opd_score / opd_factor step to take the policy from "
        "(default: the first rollup step)",
        "bersama --rules: langkah rollup / opd_score / opd_factor yang kebijakannya dipakai "
        "(bila tidak diisi: langkah rollup pertama)",
    ),
    # tukin plan
    "plan": (
        "project a year's cost month by month and check it against the pagu",
        "proyeksikan biaya setahun bulan demi bulan dan bandingkan dengan pagu",
    ),
    "plan_year": ("the year to project, e.g. 2026", "tahun yang diproyeksikan, mis. 2026"),
    "plan_pagu": (
        "the year's budget in rupiah (12.000.000.000 or 12000000000)",
        "anggaran setahun dalam rupiah (12.000.000.000 atau 12000000000)",
    ),
    "plan_pagu_opd": (
        "the year's pagu of one OPD (--pagu-opd DINKES=922.500.000, repeatable), or a CSV / "
        "Excel file whose first two columns are the OPD and its pagu: each OPD's cost is "
        "checked against its own pagu",
        "pagu setahun satu OPD (--pagu-opd DINKES=922.500.000, boleh diulang), atau berkas "
        "CSV / Excel yang dua kolom pertamanya OPD dan pagunya: biaya setiap OPD dibandingkan "
        "dengan pagunya sendiri",
    ),
    "plan_cost": (
        "what counts against the pagu (default: the allowance)",
        "yang dihitung terhadap pagu (bila tidak diisi: allowance, tunjangan saja; "
        "allowance_and_employer: ditambah iuran pemberi kerja)",
    ),
    "plan_thr": (
        "count the TPP paid with the THR: SHARE:BASE_MONTH[:PAID_MONTH], e.g. 100%%:2:3 (all of "
        "February's TPP, paid in March; the yearly PP on the THR allows at most one month's)",
        "hitung TPP pada THR: PORSI:BULAN_DASAR[:BULAN_BAYAR], mis. 100%%:2:3 (seluruh TPP "
        "Februari, dibayar Maret; PP THR tahunan membolehkan paling banyak TPP satu bulan)",
    ),
    "plan_gaji13": (
        "count the TPP paid with the 13th salary: SHARE:BASE_MONTH[:PAID_MONTH], e.g. 100%%:5:6",
        "hitung TPP pada gaji ke-13: PORSI:BULAN_DASAR[:BULAN_BAYAR], mis. 100%%:5:6",
    ),
    "plan_out": (
        "workbook (.xlsx) or months as CSV (.csv)",
        "buku kerja (.xlsx) atau bulan-bulannya sebagai CSV (.csv)",
    ),
    # tukin attendance
    "attendance": (
        "count a month's attendance codes (tl1, psw4, tk...) from a daily log",
        "rekap kode kehadiran sebulan (tl1, psw4, tk...) dari log harian",
    ),
    "metavar_log": ("LOG", "LOG"),
    "metavar_schedule": ("SCHEDULE", "JADWAL"),
    "metavar_date": ("DATE", "TANGGAL"),
    "attendance_log": (
        "the daily log (.xlsx or .csv): NIP, date, check-in, check-out and optionally a day "
        "status, one row per employee and day; or a punch log, one row per scan (see --shape)",
        "log harian (.xlsx atau .csv): NIP, tanggal, jam masuk, jam pulang dan bila ada "
        "keterangan hari, satu baris per pegawai per hari; atau log scan, satu baris per scan "
        "(lihat --shape)",
    ),
    "attendance_schedule": (
        "the work schedule (YAML): hours per weekday, late and early bands, what a missing "
        "record counts as, day statuses (docs/daily-log.md)",
        "jadwal kerja (YAML): jam kerja per hari, kelompok terlambat dan pulang cepat, hitungan "
        "hari tanpa catatan, keterangan hari (docs/daily-log.md)",
    ),
    "attendance_period": ("the month to count, e.g. 2025-10", "bulan yang direkap, mis. 2025-10"),
    "attendance_data": (
        "the data (Excel workbook or folder of CSV files) whose employees are expected every "
        "working day, with their start and end dates (default: the NIPs of the log)",
        "data (buku kerja Excel atau folder berkas CSV) yang pegawainya diharapkan hadir setiap "
        "hari kerja, dengan tanggal mulai dan selesainya (bila tidak diisi: NIP yang ada di log)",
    ),
    "attendance_holiday": (
        "a holiday (no working day), e.g. 2025-12-25 (repeatable), beside the schedule's",
        "hari libur (bukan hari kerja), mis. 2025-12-25 (boleh diulang), selain yang ada di jadwal",
    ),
    "attendance_out": (
        "write the counts: .xlsx (the attendance sheet, the days, the rejected rows) or .csv "
        "(with .days.csv, .rejected.csv and .withheld.csv beside it)",
        "tulis hasil rekap: .xlsx (sheet Kehadiran, rincian harian, baris ditolak) atau .csv "
        "(dengan .days.csv, .rejected.csv dan .withheld.csv di sampingnya)",
    ),
    "attendance_strict": (
        "stop at any faulty log row instead of rejecting it",
        "berhenti pada baris log yang salah, bukan menyisihkannya",
    ),
    "attendance_shape": (
        "the log's shape: day (one row per employee and day, check-in and check-out), punch "
        "(one row per scan: a fingerprint machine's raw log or attlog; each day's first scan "
        "is the arrival, the last the departure) or auto (default: told by the headers)",
        "jenis log: day (satu baris per pegawai per hari, jam masuk dan jam pulang), punch "
        "(satu baris per scan: log mentah mesin sidik jari atau attlog; scan pertama tiap hari "
        "adalah jam masuk, yang terakhir jam pulang) atau auto (bawaan: dikenali dari judul "
        "kolom)",
    ),
    "metavar_ids": ("IDS", "ID"),
    "attendance_ids": (
        "a punch log naming the machine's user ids: the table of each id's NIP (.csv or "
        ".xlsx, two columns: ID and NIP; NIP '-' for another office's user: scans set aside)",
        "log scan yang memuat ID pengguna mesin: tabel NIP setiap ID (.csv atau .xlsx, dua "
        "kolom: ID dan NIP; NIP '-' untuk pengguna kantor lain: scan-nya disisihkan)",
    ),
    "metavar_statuses": ("STATUSES", "KETERANGAN"),
    "attendance_statuses": (
        "a punch log's day statuses (sakit, cuti, dinas luar), which a machine does not "
        "record: a daily log without times (.xlsx or .csv: NIP, date, status)",
        "keterangan hari untuk log scan (sakit, cuti, dinas luar), yang tidak direkam mesin: "
        "log harian tanpa jam (.xlsx atau .csv: NIP, tanggal, keterangan)",
    ),
    "metavar_roster": ("ROSTER", "JADWAL_DINAS"),
    "metavar_code": ("CODE", "KODE"),
    "attendance_runs": (
        "also count the runs of consecutive working days of this code (repeatable; e.g. tk): "
        "columns tk_beruntun (longest in the month), tk_awal (from the month's first working "
        "day) and tk_akhir (ending on its last), which absence_sanction's run reads for "
        "PP 94/2021's 10 working days absent in a row",
        "hitung juga rangkaian hari kerja berturut-turut kode ini (dapat diulang; mis. tk): "
        "kolom tk_beruntun (terpanjang dalam bulan), tk_awal (dari hari kerja pertama bulan) "
        "dan tk_akhir (berakhir pada hari kerja terakhir), yang dibaca run pada "
        "absence_sanction untuk 10 hari kerja berturut-turut PP 94/2021",
    ),
    "metavar_spell": ("CODE:N[:penuh]", "KODE:N[:penuh]"),
    "metavar_before": ("PREVIOUS_ATTENDANCE", "KEHADIRAN_BULAN_LALU"),
    "attendance_spells": (
        "also count this code's spells of consecutive working days (repeatable): sakit:3 "
        "writes sakit_lanjut, the days past the first 3 of each spell (Peraturan BPIP "
        "5/2019), sakit:3:penuh writes sakit_penuh, every day of the spells of at least 3 "
        "days (Permenkumham 3/2025 Pasal 18); both write sakit_terbawa, the spell going on "
        "at the month's last working day, which the next month's --spells-before reads",
        "hitung juga rangkaian hari kerja berturut-turut kode ini (dapat diulang): sakit:3 "
        "menulis sakit_lanjut, hari setelah 3 hari pertama tiap rangkaian (Peraturan BPIP "
        "5/2019), sakit:3:penuh menulis sakit_penuh, semua hari rangkaian paling sedikit 3 "
        "hari (Permenkumham 3/2025 Pasal 18); keduanya menulis sakit_terbawa, rangkaian yang "
        "masih berjalan pada hari kerja terakhir bulan, yang dibaca --spells-before bulan "
        "berikutnya",
    ),
    "attendance_spells_before": (
        "the previous month's file written by tukin attendance with the same --spells "
        "(.csv or .xlsx): its CODE_terbawa carries a spell over the month's first day "
        "(without it such a spell is counted from the 1st)",
        "berkas bulan sebelumnya yang ditulis tukin attendance dengan --spells yang sama "
        "(.csv atau .xlsx): kolom KODE_terbawa-nya meneruskan rangkaian yang melewati hari pertama "
        "bulan (tanpanya rangkaian itu dihitung dari tanggal 1)",
    ),
    "attendance_roster": (
        "shift workers' roster (.xlsx or .csv: NIP, date, shift; each shift one of the "
        "schedule's shifts): a rostered date is judged by its shift, a night shift's "
        "departure after midnight counted on the day the shift starts",
        "jadwal dinas pegawai shift (.xlsx atau .csv: NIP, tanggal, shift; setiap shift salah "
        "satu shifts di jadwal): tanggal yang dijadwalkan dinilai menurut shift-nya, absen "
        "pulang shift malam sesudah tengah malam dihitung pada hari shift dimulai",
    ),
    # tukin template
    "template": ("write an empty input workbook", "tulis buku kerja isian yang kosong"),
    "template_path": ("the workbook to write (.xlsx)", "buku kerja yang ditulis (.xlsx)"),
    # tukin schema
    "schema": (
        "JSON Schema of the input tables and models",
        "JSON Schema tabel masukan dan model data",
    ),
    "schema_out": (
        "folder to write one file per schema (default: print)",
        "folder tempat menulis satu berkas per skema (bila tidak diisi: cetak ke layar)",
    ),
    # tukin test
    "test": ("run golden cases (YAML)", "jalankan kasus golden (YAML)"),
    "test_files": (
        "case files (default: the packaged cases)",
        "berkas kasus (bila tidak diisi: kasus bawaan tukin)",
    ),
    # tukin verify
    "verify": (
        "re-run a saved receipt and report any difference",
        "hitung ulang pembayaran sebuah kuitansi dan laporkan setiap perbedaan",
    ),
    "verify_data": (
        "the input the payment was computed from: Excel workbook, folder of CSV files or JSON "
        "file (read with the NIP check the receipt records)",
        "masukan yang dipakai menghitung pembayaran: buku kerja Excel, folder berkas CSV atau "
        "berkas JSON (dibaca dengan pemeriksaan NIP yang dicatat kuitansi)",
    ),
    "verify_rules": (
        "rule file or packaged pack, e.g. tpp-60-40@1 for version 1 (default: the packaged "
        "pack version the receipt names, else the rules filed with the result: "
        "<name>.rules.yaml beside a CSV, the sheet 'Rules' or 'Aturan' of a workbook, the JSON "
        "key rules)",
        "berkas aturan atau paket aturan bawaan, mis. tpp-60-40@1 untuk versi 1 (bila tidak "
        "diisi: versi paket yang disebut kuitansi, bila tidak ada: aturan yang tersimpan "
        "bersama hasil, yaitu <nama>.rules.yaml di samping CSV, sheet 'Aturan' (atau 'Rules') "
        "buku kerja, kunci JSON rules)",
    ),
    "verify_receipt": (
        "the receipt (hasil.receipt.json beside a CSV result) or the result file holding it "
        "(.xlsx, .json, .parquet)",
        "kuitansi (hasil.receipt.json di samping hasil CSV) atau berkas hasil yang memuatnya "
        "(.xlsx, .json, .parquet)",
    ),
    # the reference page docs/cli.md (tukin._clidoc)
    "doc_argument": ("argument", "argumen"),
    "doc_value": ("value", "nilai"),
    "doc_default": ("default", "bawaan"),
    "doc_meaning": ("meaning", "arti"),
    "doc_required": ("required", "wajib"),
    "doc_commands": ("Commands", "Perintah"),
    "doc_command": ("command", "perintah"),
    "doc_what": ("what it does", "kegunaan"),
    "doc_examples": ("Examples", "Contoh"),
}

#: ``tukin --help``'s examples, each a command a reader can type as it is.
EXAMPLES: tuple[str, str] = (
    """examples:
  tukin demo                                   calculate the bundled demo regency
  tukin demo --size 5000 --period 2025-03 --lang en
  tukin demo --data-out contoh.xlsx --out hasil.xlsx   a filled example workbook and its result
  tukin template isian.xlsx                    an empty workbook to fill in
  tukin validate --data isian.xlsx             check a workbook, list every problem
  tukin validate --data csv/ --lang en         a folder of CSV files (pegawai.csv, ...)
  tukin validate --data isian.xlsx --out masalah.xlsx   every problem in a sheet, one row each
  tukin calculate --data isian.xlsx --rules tpp-60-40 --period 2025-10 --out hasil.xlsx
  tukin calculate --data isian.xlsx --period 2025-10 --out hasil.xlsx --explain 199110282024061001
  tukin explain --data isian.xlsx --rules tpp-60-40 --period 2025-10 --nip 199110282024061001
  tukin monitor --data isian.xlsx --period 2025-Q3 --out laporan/
  tukin plan --data isian.xlsx --year 2026 --pagu 160.000.000.000 --out rencana.xlsx
  tukin attendance log.xlsx --schedule jadwal.yaml --period 2025-10 --out absensi.xlsx
  tukin schema --out schema/                   JSON Schema of the input tables
  tukin test kasus.yaml                        run golden cases
  tukin verify --receipt hasil.xlsx --data isian.xlsx   re-run a payment from its result file
""",
    """contoh:
  tukin demo                                   hitung kabupaten contoh bawaan
  tukin demo --size 5000 --period 2025-03 --lang en
  tukin demo --data-out contoh.xlsx --out hasil.xlsx   buku kerja contoh yang terisi, dan hasilnya
  tukin template isian.xlsx                    buku kerja kosong untuk diisi
  tukin validate --data isian.xlsx             periksa buku kerja, daftar setiap masalah
  tukin validate --data csv/ --lang en         folder berkas CSV (pegawai.csv, ...)
  tukin validate --data isian.xlsx --out masalah.xlsx   setiap masalah di satu sheet, satu per baris
  tukin calculate --data isian.xlsx --rules tpp-60-40 --period 2025-10 --out hasil.xlsx
  tukin calculate --data isian.xlsx --period 2025-10 --out hasil.xlsx --explain 199110282024061001
  tukin explain --data isian.xlsx --rules tpp-60-40 --period 2025-10 --nip 199110282024061001
  tukin monitor --data isian.xlsx --period 2025-Q3 --out laporan/
  tukin plan --data isian.xlsx --year 2026 --pagu 160.000.000.000 --out rencana.xlsx
  tukin attendance log.xlsx --schedule jadwal.yaml --period 2025-10 --out absensi.xlsx
  tukin schema --out schema/                   JSON Schema tabel masukan
  tukin test kasus.yaml                        jalankan kasus golden
  tukin verify --receipt hasil.xlsx --data isian.xlsx   hitung ulang pembayaran dari berkas hasilnya
""",
)

#: argparse's own words: its message id (English) -> Indonesian.
ARGPARSE: dict[str, str] = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen posisi",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan %(option)s tidak jelas, bisa berarti %(matches)s"
    ),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan %(value)r tidak ada (pilih dari %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "%(value)r bukan nilai %(type)s yang sah",
    "expected one argument": "perlu satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "paling sedikit satu nilai",
    "expected %s argument": "perlu %s nilai",
    "expected %s arguments": "perlu %s nilai",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "ignored explicit argument %r": "nilai %r diabaikan: pilihan ini tidak menerima nilai",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "perintah %(parser_name)r tidak ada (pilihan: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "'%(filename)s' tidak dapat dibuka: %(error)s",
    "subcommands": "subperintah",
}
