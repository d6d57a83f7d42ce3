"""The message catalogue: every error code with its message in English and Indonesian.

A code never changes meaning once released: other systems branch on it, and HR officers act
on its message. Templates use :meth:`str.format` fields (``{value}``, ``{column}``,
``{detail}``...); :func:`tukin.errors.render` fills them, leaving out a field nobody gave.
Messages never print whole input rows: personal data stays in the data, not in logs.

:data:`tukin.errors.MESSAGES` is this very dict, so an entry added there (a plug-in's own
code) is found here too.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

# code -> (English template, Indonesian template). Templates use str.format fields.
MESSAGES: dict[str, tuple[str, str]] = {
    # data contract
    "missing_column": (
        "required column '{column}' is missing",
        "kolom wajib '{column}' tidak ada",
    ),
    "missing_table": ("required table '{table}' is missing", "sheet wajib '{table}' tidak ada"),
    "unknown_table": ("unknown table '{table}'", "tabel '{table}' tidak dikenal"),
    "required_value": ("a value is required", "nilai wajib diisi"),
    "not_a_number": ("'{value}' is not a number", "'{value}' bukan angka"),
    "not_an_integer": ("'{value}' is not a whole number", "'{value}' bukan bilangan bulat"),
    "not_finite": ("'{value}' is not a finite number", "'{value}' bukan angka yang terhingga"),
    "below_minimum": (
        "{value} is below the minimum {minimum}",
        "{value} di bawah batas minimum {minimum}",
    ),
    "above_maximum": (
        "{value} is above the maximum {maximum}",
        "{value} di atas batas maksimum {maximum}",
    ),
    "percent_as_fraction": (
        "{value} would be a cut of {value} %: a fraction typed for a percentage? Type the "
        "percentage (25, or 25% for a quarter)",
        "{value} berarti potongan {value} %: pecahan yang diketik untuk persen? Ketik "
        "persennya (25, atau 25% untuk seperempat)",
    ),
    "invalid_choice": (
        "'{value}' is not one of: {choices}",
        "'{value}' bukan salah satu dari: {choices}",
    ),
    "invalid_nip": (
        "NIP '{value}' is not 18 digits{detail}",
        "NIP '{value}' bukan 18 digit{detail}",
    ),
    "suspicious_nip": (
        "NIP '{value}' does not follow the PNS pattern ({detail})",
        "NIP '{value}' tidak mengikuti pola NIP PNS ({detail})",
    ),
    "invalid_date": ("'{value}' is not a date", "'{value}' bukan tanggal"),
    "date_two_digit_year": (
        "'{value}' has a two-digit year, which could be 2025 or 1925: write the year in full "
        "(1-Oct-2025, 01/10/2025) or format the column as a date",
        "'{value}' memakai tahun dua digit, yang bisa berarti 2025 atau 1925: tulis tahun "
        "lengkap (1-Okt-2025, 01/10/2025) atau format kolom sebagai Tanggal",
    ),
    "date_range": (
        "'{value}' is a range of dates, not one date: write one row per day of the range",
        "'{value}' adalah rentang tanggal, bukan satu tanggal: tulis satu baris untuk setiap "
        "hari dalam rentang itu",
    ),
    "date_as_number": (
        "'{value}' is a number, not a date: the cell has lost its date format (as an Excel "
        "date it is {date}); format the cell as a date and check it",
        "'{value}' adalah angka, bukan tanggal: format tanggal sel hilang (sebagai tanggal "
        "Excel nilainya {date}); format sel sebagai Tanggal lalu periksa",
    ),
    "date_month_first": (
        "'{value}' is written month first ({iso}), and tukin reads dates day first "
        "(dd/mm/yyyy); write it as an ISO date ({iso}), and check the other dates of the "
        "column: they are month first too",
        "'{value}' ditulis dengan bulan lebih dulu ({iso}), sedangkan tukin membaca tanggal "
        "dengan hari lebih dulu (dd/mm/yyyy); tulis sebagai tanggal ISO ({iso}), dan periksa "
        "tanggal lain di kolom ini: bulannya juga ditulis lebih dulu",
    ),
    "ambiguous_date": (
        "'{value}' can be {day_first} (day first) or {month_first} (month first), and another "
        "cell of the column ('{other}') is written month first: write it as an ISO date "
        "(yyyy-mm-dd)",
        "'{value}' bisa berarti {day_first} (hari lebih dulu) atau {month_first} (bulan lebih "
        "dulu), dan sel lain di kolom ini ('{other}') ditulis dengan bulan lebih dulu: tulis "
        "sebagai tanggal ISO (yyyy-mm-dd)",
    ),
    "date_month_first_odd": (
        "'{value}' can only be read month first ({iso}), while the other dates of the column "
        "are day first (dd/mm/yyyy, as '{other}'): check it, and write it day first or as an "
        "ISO date (yyyy-mm-dd)",
        "'{value}' hanya dapat dibaca dengan bulan lebih dulu ({iso}), sedangkan tanggal lain "
        "di kolom ini ditulis dengan hari lebih dulu (dd/mm/yyyy, seperti '{other}'): periksa, "
        "lalu tulis dengan hari lebih dulu atau sebagai tanggal ISO (yyyy-mm-dd)",
    ),
    "invalid_period": (
        "'{value}' is not a period (use 2025-10, 2025-Q3, 2025-C1 or 2025)",
        "'{value}' bukan periode (gunakan 2025-10, 2025-Q3, 2025-C1 atau 2025)",
    ),
    "period_not_month": (
        "'{value}' is not a month: give the first month the cut applies (2025-03); a quarter "
        "or a year does not say which month",
        "'{value}' bukan bulan: isi bulan pertama potongan berlaku (2025-03); triwulan atau "
        "tahun tidak menyebut bulannya",
    ),
    "duplicate_key": (
        "duplicate {column} '{value}' (also in row {other_row})",
        "{column} '{value}' ganda (juga di baris {other_row})",
    ),
    "duplicate_row_same": (
        "{column} '{value}' again, the same in every column as row {other_row}: read once",
        "{column} '{value}' terulang, sama di setiap kolom dengan baris {other_row}: dibaca sekali",
    ),
    "unknown_reference": (
        "'{value}' is not a known {target}{detail}",
        "'{value}' tidak ditemukan di {target}{detail}",
    ),
    "nip_near": (
        "; one typo away from the NIP of employee {near}: meant for them?",
        "; beda satu salah ketik dari NIP pegawai {near}: maksudnya pegawai itu?",
    ),
    "history_needs_employee": (
        "; an earlier position needs the employee's own row, with the position held now and its "
        "TMT, in the employees table",
        "; riwayat jabatan memerlukan baris pegawai itu sendiri, dengan jabatan sekarang dan "
        "TMT-nya, di sheet Pegawai",
    ),
    "cycle": (
        "'{value}' is part of a cycle: {detail}",
        "'{value}' berada dalam siklus: {detail}",
    ),
    "date_order": (
        "end date {value} is before start date {detail}",
        "tanggal akhir {value} sebelum tanggal mulai {detail}",
    ),
    "invalid_level": ("{detail}", "{detail}"),
    "rejected_upstream": (
        "rejected because {detail}",
        "ditolak karena {detail}",
    ),
    # data contract, added with the Dataset validator
    "number_too_large": (
        "'{value}' is too large to be read exactly: tukin reads whole numbers up to {maximum}",
        "'{value}' terlalu besar untuk dibaca dengan tepat: tukin membaca bilangan bulat "
        "sampai {maximum}",
    ),
    "duplicate_column": (
        "column '{column}' is given more than once",
        "kolom '{column}' diberikan lebih dari sekali",
    ),
    "range_order": (
        "target_max {value} is below target {target}",
        "target_max {value} lebih kecil dari target {target}",
    ),
    "overlapping_period": (
        "period '{value}' overlaps period '{other_period}' given for the same work item: its "
        "amounts would be counted twice; keep either the monthly rows or the recap",
        "periode '{value}' tumpang tindih dengan periode '{other_period}' untuk kegiatan yang "
        "sama: jumlahnya akan terhitung dua kali; pertahankan baris bulanan atau rekapnya saja",
    ),
    "blank_default": (
        "{column} is left blank in {count} row(s), this one first{others}: read as "
        "'{default}', as when the column is absent (a level: the latest report is the period's "
        "figure). Fill 'sum' where the reports are each period's own count, and fill the others "
        "to say so (the rows are kept)",
        "{column} dibiarkan kosong pada {count} baris, mulai baris ini{others}: dibaca "
        "'{default}', seperti bila kolom ini tidak ada (nilai terakhir: laporan terakhir menjadi "
        "angka periode). Isi 'dijumlahkan' bila laporannya angka periode itu sendiri, dan isi "
        "yang lain untuk menegaskannya (baris tetap dibaca)",
    ),
    "flow_recap_differs": (
        "{column} of indicator '{indicator}' for {period} is {shown}, but the rows inside "
        "{period} ({parts}; rows {other_rows}) add up to {total}. The indicator is summed, and "
        "a row for the whole period counts instead of the rows inside it: {shown} is "
        "used{status_said}. Check which is right and correct the other (nothing is rejected)",
        "{column} indikator '{indicator}' untuk {period} diisi {shown}, tetapi baris-baris di "
        "dalam {period} ({parts}; baris {other_rows}) berjumlah {total}. Indikator ini "
        "dijumlahkan, dan baris untuk seluruh periode dipakai menggantikan baris di dalamnya: "
        "{shown} dipakai{status_said}. Periksa mana yang benar lalu perbaiki yang lain (tidak "
        "ada baris yang ditolak)",
    ),
    "flow_periods_overlap": (
        "{column} of indicator '{indicator}' for {period} is {shown}, but rows for periods "
        "sharing {shared_months} with it ({parts}; rows {other_rows}) are given too, and "
        "neither period holds the other. The indicator is summed: a figure adding up a period "
        "that holds both (the year, without a row of its own) counts the longer row and leaves "
        "this one out whole, so that the months shared are not counted twice. Give rows of "
        "periods that do not overlap (quarters or caturwulan, not both), or months (nothing "
        "is rejected)",
        "{column} indikator '{indicator}' untuk {period} diisi {shown}, tetapi ada juga baris "
        "untuk periode yang mencakup {shared_months} ({parts}; baris {other_rows}), dan tidak "
        "ada periode yang memuat periode lainnya. Indikator ini dijumlahkan: angka periode "
        "yang memuat keduanya (tahun, tanpa baris tahunan sendiri) menghitung baris yang lebih "
        "panjang dan meninggalkan baris ini seluruhnya, agar bulan yang sama tidak terhitung "
        "dua kali. Isi baris untuk periode yang tidak tumpang tindih (triwulan atau "
        "caturwulan, bukan keduanya), atau per bulan (tidak ada baris yang ditolak)",
    ),
    "flow_recap_status": (
        " where {status} reports count (this row's status); a step counting only {above} "
        "reports or above reads the rows inside instead",
        " bila laporan berstatus {status} dihitung (status baris ini); langkah yang hanya "
        "menghitung laporan berstatus {above} ke atas memakai baris di dalamnya",
    ),
    "acting_own_position": (
        "'{value}' is the employee's own position on days of this acting (employees table or "
        "position_history): a Plt or Plh acts in another post besides their own; correct the "
        "post acted in, the NIP or the dates",
        "'{value}' adalah jabatan pegawai itu sendiri pada hari-hari Plt/Plh ini (sheet Pegawai "
        "atau riwayat jabatan): Plt atau Plh melaksanakan jabatan lain di samping jabatannya "
        "sendiri; perbaiki jabatan yang dilaksanakan, NIP-nya atau tanggalnya",
    ),
    "plt_post_held": (
        "a Plt acts in '{value}', which an employee holds on {detail}: a Plt stands in for a "
        "holder permanently away (the post vacant), a Plh for one away for a while; check the "
        "kind, or the holder's end date in the employees table (the row is kept)",
        "Plt pada '{value}', padahal jabatan itu dipegang pegawai pada {detail}: Plt "
        "menggantikan pejabat yang berhalangan tetap (jabatan kosong), Plh yang berhalangan "
        "sementara; periksa jenisnya, atau tanggal selesai pemegang jabatan di sheet Pegawai "
        "(baris tetap dibaca)",
    ),
    "plh_post_vacant": (
        "a Plh acts in '{value}', which nobody holds on {detail}: a Plh stands in for a holder "
        "away for a while, a Plt for a post left vacant; check the kind (the row is kept)",
        "Plh pada '{value}', padahal jabatan itu tidak dipegang siapa pun pada {detail}: Plh "
        "menggantikan pejabat yang berhalangan sementara, Plt untuk jabatan yang kosong; "
        "periksa jenisnya (baris tetap dibaca)",
    ),
    "acting_outside_service": (
        "acting {value} to {end} runs outside the service of employee {nip} ({served_from} to "
        "{served_to} in the employees table and position_history): nobody acts outside their own service, so the "
        "pay and monitoring count only the days of this acting within it (none, if it lies "
        "wholly outside); correct the acting dates, or the employee's start or end date{early} "
        "(the row is kept)",
        "Plt/Plh {value} s.d. {end} berada di luar masa kerja pegawai {nip} ({served_from} s.d. "
        "{served_to} di sheet Pegawai dan riwayat jabatan): tidak ada yang menjadi Plt/Plh di luar masa kerjanya, "
        "jadi pembayaran dan pemantauan hanya menghitung hari Plt/Plh ini di dalam masa kerja "
        "itu (tidak ada, bila seluruhnya di luar); perbaiki tanggal Plt/Plh, atau tanggal mulai "
        "atau selesai pegawai{early} (baris tetap dibaca)",
    ),
    "acting_before_post": (
        ". If the official began acting while in an earlier post of theirs, nothing is wrong: "
        "keep the start date, the first day in the current post, and give the earlier post in "
        "position_history (its days are then paid, judged by its kelas; without it they are "
        "paid in no row of a period); the acting's terms count from its own start",
        ". Bila pegawai mulai menjadi Plt/Plh saat masih di jabatan sebelumnya, tidak ada yang "
        "salah: biarkan tanggal mulai, hari pertama di jabatan sekarang, dan isi jabatan "
        "sebelumnya di riwayat jabatan (hari-harinya lalu dibayar menurut kelasnya; tanpa itu "
        "tidak dibayar pada baris periode mana pun); masa Plt/Plh tetap dihitung sejak tanggal "
        "mulainya sendiri",
    ),
    "acting_from_appointment": (
        "acting from {value} in post {post} starts on employee {nip}'s appointment to that "
        "post ({appointed}, employees table or position_history): from that day the post is "
        "their own, so no day of this acting is counted (no supplement; monitoring names them "
        "as the holder); an extension typed from the appointment day needs nothing, else "
        "correct the post acted in, the NIP or the dates (the row is kept)",
        "Plt/Plh sejak {value} pada jabatan {post} dimulai pada hari pengangkatan pegawai "
        "{nip} pada jabatan itu ({appointed}, sheet Pegawai atau riwayat jabatan): sejak hari "
        "itu jabatan tersebut jabatannya sendiri, jadi tidak ada hari Plt/Plh ini yang "
        "dihitung (tanpa tambahan; pemantauan menyebutnya sebagai pemegang jabatan); "
        "perpanjangan yang diketik sejak hari pengangkatan tidak perlu diubah, bila bukan, "
        "perbaiki jabatan yang dilaksanakan, NIP-nya atau tanggalnya (baris tetap dibaca)",
    ),
    "acting_cut_at_appointment": (
        "acting from {value} in post {post} runs on past employee {nip}'s appointment to that "
        "post on {appointed} (employees table or position_history): from that day the post is "
        "their own, so the pay and monitoring count this acting to {acted_to} (the supplement "
        "for those days, no supplement after them); if the acting ended earlier, give its end "
        "date, else nothing is wrong (the row is kept)",
        "Plt/Plh sejak {value} pada jabatan {post} berlanjut melewati pengangkatan pegawai "
        "{nip} pada jabatan itu tanggal {appointed} (sheet Pegawai atau riwayat jabatan): sejak "
        "hari itu jabatan tersebut jabatannya sendiri, jadi pembayaran dan pemantauan "
        "menghitung Plt/Plh ini s.d. {acted_to} (tambahan untuk hari-hari itu, tanpa tambahan "
        "sesudahnya); bila Plt/Plh berakhir lebih awal, isikan tanggal selesainya, bila tidak, "
        "tidak ada yang salah (baris tetap dibaca)",
    ),
    "acting_open_past_service": (
        "acting from {value} has no end date, and the service of employee {nip} ends on "
        "{served_to} (employees table): the pay and monitoring end this acting there at the "
        "latest; if it ended earlier, give its end date (the row is kept)",
        "Plt/Plh sejak {value} tanpa tanggal selesai, dan masa kerja pegawai {nip} berakhir "
        "{served_to} (sheet Pegawai): pembayaran dan pemantauan mengakhiri Plt/Plh ini paling "
        "lambat pada tanggal itu; bila berakhir lebih awal, isikan tanggal selesainya (baris "
        "tetap dibaca)",
    ),
    "acting_gap": (
        "acting from {value} in post {post} starts {days} day(s) after the same "
        "official's acting of that post ended on {end}: they are two assignments, each with "
        "its own terms (min_months, max_months); if this row extends the earlier one, start "
        "it on {next_day} (the row is kept)",
        "Plt/Plh sejak {value} pada jabatan {post} dimulai {days} hari setelah "
        "Plt/Plh pegawai yang sama pada jabatan itu berakhir {end}: keduanya dihitung dua "
        "penugasan, masing-masing dengan masa tugasnya (min_months, max_months); bila baris "
        "ini memperpanjang yang sebelumnya, mulailah pada {next_day} (baris tetap dibaca)",
    ),
    "acting_overlap_post": (
        "acting in this post from {value} overlaps the acting from {other_start} in the same "
        "post (row {other_row}): one post has one Plt or Plh at a time; correct the dates or "
        "keep one of the two",
        "Plt/Plh pada jabatan ini mulai {value} tumpang tindih dengan Plt/Plh mulai "
        "{other_start} pada jabatan yang sama (baris {other_row}): satu jabatan hanya dilaksanakan "
        "satu Plt atau Plh pada satu waktu; perbaiki tanggalnya atau pertahankan salah satunya",
    ),
    "acting_overlap_employee": (
        "acting from {value} overlaps this employee's acting from {other_start} in another post "
        "(row {other_row}): both would be paid and answer for at once; correct the dates or "
        "keep one of the two",
        "Plt/Plh mulai {value} tumpang tindih dengan Plt/Plh pegawai yang sama mulai "
        "{other_start} pada jabatan lain (baris {other_row}): keduanya akan dibayar dan "
        "dipertanggungjawabkan sekaligus; perbaiki tanggalnya atau pertahankan salah satunya",
    ),
    "history_overlap": (
        "earlier position from {value} overlaps this employee's earlier position from "
        "{other_start} (row {other_row}): one position at a time, or both would be paid for "
        "the same days; correct the dates",
        "riwayat jabatan mulai {value} tumpang tindih dengan riwayat jabatan pegawai yang sama "
        "mulai {other_start} (baris {other_row}): satu jabatan pada satu waktu, atau keduanya "
        "dibayar untuk hari yang sama; perbaiki tanggalnya",
    ),
    "history_gap": (
        "earlier position ending {value} leaves {days} day(s) in no position before the next "
        "starts on {next_start}: those days are paid nothing; if the position ran on, end it "
        "the day before (the row is kept)",
        "riwayat jabatan berakhir {value} menyisakan {days} hari tanpa jabatan sebelum jabatan "
        "berikutnya mulai {next_start}: hari-hari itu tidak dibayar; bila jabatan itu "
        "berlanjut, akhiri sehari sebelumnya (baris tetap dibaca)",
    ),
    "history_after_current": (
        "earlier position ending {value} does not end before the current position's start "
        "date {current_start} (employees table): end it on {last_day} at the latest (the day "
        "before), or correct the employees row's start date (the TMT of the position now held)",
        "riwayat jabatan berakhir {value}, tidak sebelum tanggal mulai jabatan sekarang "
        "{current_start} (sheet Pegawai): isi tanggal selesai paling lambat {last_day} (sehari "
        "sebelumnya), atau perbaiki tanggal mulai di sheet Pegawai (TMT jabatan yang sekarang)",
    ),
    "history_end_missing": (
        "an earlier position needs its last day: the day before the next position's start "
        "date (for the latest earlier position, the day before the TMT in the employees "
        "table); the position held now belongs in the employees table, not here",
        "riwayat jabatan wajib berisi tanggal selesai: sehari sebelum tanggal mulai jabatan "
        "berikutnya (untuk riwayat terakhir, sehari sebelum TMT di sheet Pegawai); jabatan yang "
        "dipegang sekarang diisi di sheet Pegawai, bukan di sini",
    ),
    "history_current_start_missing": (
        "an earlier position of NIP '{value}' is given, but the employees row gives no start "
        "date: give the TMT of the position now held, so that each position is paid its own days",
        "riwayat jabatan NIP '{value}' diisi, tetapi baris di sheet Pegawai tidak berisi tanggal "
        "mulai: isi TMT jabatan yang sekarang, agar setiap jabatan dibayar untuk harinya sendiri",
    ),
    "employee_positions_twice": (
        "NIP '{value}' twice, with dates that do not overlap (also in row {other_row}): one row "
        "per employee, the position now held; give the earlier position in the table "
        "position_history (sheet 'Riwayat Jabatan')",
        "NIP '{value}' ganda, dengan tanggal yang tidak tumpang tindih (juga di baris "
        "{other_row}): satu baris per pegawai, jabatan yang sekarang; isi jabatan sebelumnya di "
        "sheet 'Riwayat Jabatan' (position_history)",
    ),
    "reserved_column": (
        "'{column}' is a column tukin derives for every employee (grade, days served...), not "
        "an attendance code; the column was not read",
        "'{column}' adalah kolom yang diturunkan tukin untuk setiap pegawai (kelas jabatan, hari "
        "kerja...), bukan kode kehadiran; kolom tidak dibaca",
    ),
    "column_clash": (
        "column '{column}' of {table} has the name of the attendance code '{code}': nobody can "
        "tell which one a rule reading '{code}' means, so nothing is paid until one of them is "
        "renamed",
        "kolom '{column}' di {table} bernama sama dengan kode kehadiran '{code}': tidak jelas "
        "mana yang dimaksud aturan yang membaca '{code}', jadi tidak ada yang dibayar sampai "
        "salah satunya diganti namanya",
    ),
    "column_taken": (
        "column '{column}' of {table} was not read: tukin takes '{name}' from {other} "
        "({source}), and a rule reading '{name}' gets that, not this column: nothing is paid "
        "until the column is removed or renamed",
        "kolom '{column}' di {table} tidak dibaca: tukin mengambil '{name}' dari {other} "
        "({source}), dan aturan yang membaca '{name}' mendapat nilai itu, bukan kolom ini: "
        "tidak ada yang dibayar sampai kolom dihapus atau diganti namanya",
    ),
    "column_taken_same": (
        "column '{column}' of {table} was not read: tukin takes '{name}' from {other} "
        "({source}), which holds the same values",
        "kolom '{column}' di {table} tidak dibaca: tukin mengambil '{name}' dari {other} "
        "({source}), yang isinya sama",
    ),
    # message fragments: rendered into the ``detail`` of another code, in the reader's language
    "tables_also_missing": (
        ". Not in the input either: {value}",
        ". Juga tidak ada dalam masukan: {value}",
    ),
    "nip_birth": (
        "birth date '{part}' is not a plausible date",
        "tanggal lahir '{part}' bukan tanggal yang wajar",
    ),
    "nip_appointment": (
        "appointment month '{part}' is not plausible",
        "bulan pengangkatan '{part}' tidak wajar",
    ),
    "nip_sex": ("sex digit '{part}' is not 1 or 2", "digit jenis kelamin '{part}' bukan 1 atau 2"),
    "level_program_parent": (
        "a program has no parent, but parent_id is '{value}'",
        "program tidak memiliki induk, tetapi parent_id berisi '{value}'",
    ),
    "level_parent": (
        "a {level} belongs to a {expected}, but parent '{value}' is a {actual}",
        "{level} harus berinduk ke {expected}, tetapi induk '{value}' adalah {actual}",
    ),
    "cascade_group": (
        "{n} rows rejected because they depend on a rejected row ({where}: {cause}); by "
        "table: {tables}",
        "{n} baris ditolak karena bergantung pada baris yang ditolak ({where}: {cause}); per "
        "tabel: {tables}",
    ),
    "same_value_rows": (
        "and {n} more row(s) with the same value: rows {rows}",
        "dan {n} baris lain dengan nilai yang sama: baris {rows}",
    ),
    "upstream_cause": (
        "{column} '{value}' refers to a rejected row ({where}: {cause})",
        "{column} '{value}' merujuk ke baris yang ditolak ({where}: {cause})",
    ),
    "upstream_refused": (
        "{column} '{value}' refers to table {target}, refused as a whole ({where}: {cause})",
        "{column} '{value}' merujuk ke sheet {target}, yang ditolak seluruhnya ({where}: {cause})",
    ),
    "cascade_refused_group": (
        "{n} rows rejected because they depend on table {target}, refused as a whole "
        "({where}: {cause}); by table: {tables}",
        "{n} baris ditolak karena bergantung pada sheet {target}, yang ditolak seluruhnya "
        "({where}: {cause}); per tabel: {tables}",
    ),
    "cascade_part": (
        "{table} {n} ({column} → {target}: row(s) {rows})",
        "{table} {n} ({column} → {target}: baris {rows})",
    ),
    # periods and money
    "period_kind": ("{detail}", "{detail}"),
    "float_money": (
        "money must be integer rupiah or Decimal, not float ({value!r})",
        "uang harus rupiah bulat atau Decimal, bukan float ({value!r})",
    ),
    "money_arithmetic": ("{detail}", "{detail}"),
    "invalid_rounding": ("{detail}", "{detail}"),
    # rule sets
    "ruleset_invalid": ("{detail}", "{detail}"),
    "negative_amount": ("{detail}", "{detail}"),
    "no_rollup_step": ("{detail}", "{detail}"),
    "rule_type_failed": ("{detail}", "{detail}"),
    "unknown_rule_type": (
        "unknown rule type '{value}'{detail}",
        "jenis aturan '{value}' tidak dikenal{detail}",
    ),
    "unknown_parameter": (
        "unknown parameter '{value}'{detail}",
        "parameter '{value}' tidak dikenal{detail}",
    ),
    "missing_parameter": (
        "parameter '{value}' has no value in force on {detail}",
        "parameter '{value}' tidak memiliki nilai yang berlaku pada {detail}",
    ),
    "required_parameter": (
        "parameter '{value}' must be supplied (needed on {detail}): the rule set ships no value "
        "for it; give it with RuleSet.with_parameters({value}=...), or as dated values in your "
        "own rule file",
        "parameter '{value}' wajib diisi (diperlukan pada {detail}): aturan ini tidak "
        "menyertakan nilainya; isi dengan RuleSet.with_parameters({value}=...), atau sebagai "
        "nilai bertanggal dalam berkas aturan Anda sendiri",
    ),
    "overlapping_dates": (
        "parameter '{value}': effective periods overlap ({detail})",
        "parameter '{value}': masa berlaku tumpang tindih ({detail})",
    ),
    "unsafe_rule_file": ("{detail}", "{detail}"),
    # calculation
    "calculation_failed": ("step '{value}' failed: {detail}", "langkah '{value}' gagal: {detail}"),
    "missing_base": (
        "no base amount for kelas jabatan {value}",
        "tidak ada besaran dasar untuk kelas jabatan {value}",
    ),
    "missing_lookup": (
        "no value in the table for {value}",
        "tidak ada nilai dalam tabel untuk {value}",
    ),
    "missing_input_row": (
        "no {detail} row for this employee in the period",
        "tidak ada baris {detail} untuk pegawai ini pada periode tersebut",
    ),
    "input_not_read": (
        "nothing is calculated: part of the input (rows or a column) was not read or cannot "
        "be told apart; fix it first ({detail})",
        "tidak ada yang dihitung: sebagian masukan (baris atau kolom) tidak dibaca atau tidak "
        "dapat dipastikan maksudnya; perbaiki dahulu ({detail})",
    ),
    "required_table_missing": (
        "nothing is calculated: rule set '{ruleset}' requires {where_en}, which the input "
        "does not have; its steps would take it for a table without rows (a missing "
        "sanctions table pays everyone under a discipline sanction in full). Add it, without "
        "rows if there is nothing to report for the period{also_en}",
        "tidak ada yang dihitung: aturan '{ruleset}' mewajibkan {where_id}, yang tidak ada "
        "dalam masukan; langkah-langkahnya akan menganggapnya tabel tanpa baris (tanpa "
        "sheet hukuman disiplin, pegawai yang terkena hukuman dibayar penuh). Tambahkan, "
        "tanpa baris bila memang tidak ada isinya pada periode ini{also_id}",
    ),
    "appraisals_table_missing": (
        "nothing is calculated: rule set '{ruleset}' reads the SKP ratings (step(s) {value}) "
        "from {where_en}, which the input does not have; calculated without it, every "
        "employee would be paid under the rule set's rule for a missing appraisal. Add "
        "{where_en}; if nobody was appraised for {period}, add it without rows: everyone is "
        "then paid under that rule, with the warning paid_without_appraisal{also_en}",
        "tidak ada yang dihitung: aturan '{ruleset}' membaca rating SKP (langkah {value}) "
        "dari {where_id}, yang tidak ada dalam masukan; bila dihitung tanpanya, setiap pegawai "
        "dibayar menurut ketentuan untuk SKP yang tidak ada. Tambahkan {where_id}; bila memang "
        "tidak ada pegawai yang dinilai untuk {period}, tambahkan tanpa baris: semua pegawai "
        "lalu dibayar menurut ketentuan itu, dengan peringatan paid_without_appraisal{also_id}",
    ),
    "acting_table_missing": (
        "nothing is calculated: rule set '{ruleset}' pays acting officials (step(s) {value}) "
        "from {where_en}, which the input does not have; calculated without it, no Plt or "
        "Plh would be paid their supplement. Add {where_en}; if nobody acted in another post "
        "in {period}, add it without rows{also_en}",
        "tidak ada yang dihitung: aturan '{ruleset}' membayar Plt/Plh (langkah {value}) dari "
        "{where_id}, yang tidak ada dalam masukan; bila dihitung tanpanya, tidak ada Plt atau "
        "Plh yang dibayar tambahannya. Tambahkan {where_id}; bila memang tidak ada pegawai "
        "yang menjadi Plt/Plh pada {period}, tambahkan tanpa baris{also_id}",
    ),
    "attendance_table_missing": (
        "nothing is calculated: rule set '{ruleset}' reads attendance (step(s) {value}) from "
        "{where_en}, which the input does not have; calculated without it, every employee "
        "would be taken for one without an attendance row (no absence at all). Add "
        "{where_en}, one row per employee and month; if no attendance is recorded for "
        "{period}, add it without rows: each employee is then treated as the rule set treats "
        "one without a row{also_en}",
        "tidak ada yang dihitung: aturan '{ruleset}' membaca data kehadiran (langkah {value}) "
        "dari {where_id}, yang tidak ada dalam masukan; bila dihitung tanpanya, setiap "
        "pegawai dianggap tidak memiliki baris kehadiran (tidak pernah absen). Tambahkan "
        "{where_id}, satu baris per pegawai per bulan; bila memang tidak ada data kehadiran "
        "untuk {period}, tambahkan tanpa baris: setiap pegawai lalu diperlakukan sesuai "
        "ketentuan aturan untuk pegawai tanpa baris kehadiran{also_id}",
    ),
    "input_row_rejected": (
        "a row of this employee's for the period was rejected ({value}: {detail}): nobody is "
        "paid on a row that was thrown out; correct it and calculate again",
        "baris milik pegawai ini untuk periode tersebut ditolak ({value}: {detail}): tidak "
        "ada yang dibayar berdasarkan baris yang ditolak; perbaiki lalu hitung ulang",
    ),
    # the reason of input_row_rejected for a row of an earlier period that a step reads
    "history_row_rejected": (
        "this employee's row for {row_period}, which step '{step}' reads to compute "
        "{period}, was rejected ({value}: {detail}): its days would be left out of the "
        "count, and nobody is paid on a row that was thrown out; correct it and calculate "
        "again",
        "baris pegawai ini untuk {row_period}, yang dibaca langkah '{step}' untuk menghitung "
        "{period}, ditolak ({value}: {detail}): harinya akan hilang dari hitungan, dan tidak "
        "ada yang dibayar berdasarkan baris yang ditolak; perbaiki lalu hitung ulang",
    ),
    # tukin calculate: the employees not paid, one line per reason (or root cause)
    "rejected_group": (
        "{n} employee(s): {reason} [{code}]; NIP {nips}",
        "{n} pegawai: {reason} [{code}]; NIP {nips}",
    ),
    "rejected_cause_group": (
        "rejected because they depend on {where}, which was rejected: {cause}",
        "ditolak karena bergantung pada {where}, yang ditolak: {cause}",
    ),
    "rejected_more_groups": (
        "… and {n} more reason(s), for {m} employee(s)",
        "… dan {n} alasan lain, untuk {m} pegawai",
    ),
    "no_employees": (
        "no employee was read from the data: nothing was calculated (fill in the Employees "
        "sheet, or check its name)",
        "tidak ada pegawai yang terbaca dari data: tidak ada yang dihitung (isi sheet "
        "Pegawai, atau periksa bahwa namanya Pegawai)",
    ),
    "rejected_full_list": (
        "the full list, one row per employee: {value}",
        "daftar lengkap, satu baris per pegawai: {value}",
    ),
    "rejected_full_list_options": (
        "the full list, one row per employee: --out FILE, or --all to show it here",
        "daftar lengkap, satu baris per pegawai: --out BERKAS, atau --all untuk menampilkannya di sini",
    ),
    "score_row_rejected": (
        "the score this employee is paid on reads a row that was rejected ({where}: {detail}): "
        "nobody is paid on a row that was thrown out; correct it and calculate again",
        "nilai yang menjadi dasar pembayaran pegawai ini membaca baris yang ditolak ({where}: "
        "{detail}): tidak ada yang dibayar berdasarkan baris yang ditolak; perbaiki lalu "
        "hitung ulang",
    ),
    # the parts of score_row_rejected's {where} that the row has
    "score_row_item": ("work item {item}", "program/kegiatan {item}"),
    "no_position": (
        "position '{value}' is not in the dataset",
        "jabatan '{value}' tidak ada dalam data",
    ),
    "overlapping_attendance": (
        "this employee's attendance rows for {value} overlap within {period}: summed, the "
        "same days would count twice; keep either the months or their recap",
        "baris kehadiran pegawai ini untuk {value} tumpang tindih dalam {period}: bila "
        "dijumlahkan, hari yang sama terhitung dua kali; simpan bulan-bulannya atau rekapnya "
        "saja",
    ),
    "position_history_not_declared": (
        "held {value} positions within {period} (position_history), but the rule set does not "
        "say how to pay several positions (position_history: sum_at): paying one of them for "
        "every day would be wrong; declare the step in the rule file",
        "memegang {value} jabatan dalam {period} (riwayat jabatan), tetapi aturan tidak "
        "menyebut cara membayar beberapa jabatan (position_history: sum_at): membayar satu "
        "jabatan untuk semua hari akan keliru; nyatakan langkahnya di berkas aturan",
    ),
    "out_of_service": (
        "not in service during the period",
        "tidak aktif bertugas selama periode",
    ),
    # why a built-in rule type rejects an employee (``result.rejected``'s code): the rule
    # words the reason from the same fields, which ``fields`` carries (review 88: these
    # codes were missing from the catalogue)
    "no_target": ("no target in {column}", "tidak ada target pada {column}"),
    "bad_range": ("{column} is below {target}", "{column} di bawah {target}"),
    "unknown_polarity": (
        "{column} is neither 'higher' nor 'lower'",
        "{column} bukan 'higher' atau 'lower'",
    ),
    "no_realisation": ("no realisation in {column}", "tidak ada realisasi pada {column}"),
    "zero_target": ("target is zero ({column})", "target bernilai nol ({column})"),
    "negative_input": (
        "a geometric mean needs values of zero or more ({columns})",
        "rata-rata geometrik memerlukan nilai nol atau lebih ({columns})",
    ),
    "out_of_bands": (
        "{column} is {where} the bands (below the first, above the last, or in a gap)",
        "{column} berada di luar rentang ({where}: di bawah yang pertama, di atas yang "
        "terakhir, atau di antara dua rentang)",
    ),
    "unknown_rating": (
        "a rating ({columns}) is not above, as_expected or below",
        "penilaian ({columns}) bukan di atas, sesuai atau di bawah ekspektasi",
    ),
    "no_appraisal": (
        "no appraisal (SKP rating) for the period {period}",
        "tidak ada penilaian SKP untuk periode {period}",
    ),
    "not_eligible": (
        "{column} {value}: no allowance under this rule",
        "{column} {value}: tidak menerima tunjangan menurut aturan ini",
    ),
    "unknown_status": (
        "no factor for this {column} (known: {choices}); blank: a blank cell, which takes a "
        "factor only with the step's 'missing'",
        "tidak ada faktor untuk {column} ini (yang dikenal: {choices}); blank: sel kosong, "
        "yang mendapat faktor hanya dengan 'missing' pada langkah ini",
    ),
    "bad_count": (
        "an attendance count ({codes}) is missing or negative",
        "jumlah kehadiran ({codes}) kosong atau negatif",
    ),
    "absence_history_not_monthly": (
        "attendance row(s) {rows} count '{column}' days for more than one month of the months "
        "this step counts by month ({months}): give those months' rows instead",
        "baris kehadiran {rows} menghitung hari '{column}' untuk lebih dari satu bulan di "
        "antara bulan-bulan yang dihitung per bulan oleh langkah ini ({months}): isi baris "
        "per bulan sebagai gantinya",
    ),
    "negative_allowance": (
        "the rules give a negative allowance ({allowance} rupiah): check the rule set",
        "aturan menghasilkan tunjangan negatif ({allowance} rupiah): periksa aturannya",
    ),
    "negative_net": (
        "deductions ({deductions} rupiah, steps {steps}) exceed the allowance ({allowance} rupiah)",
        "potongan ({deductions} rupiah, langkah {steps}) melebihi tunjangan ({allowance} rupiah)",
    ),
    "employee_not_found": (
        "employee {value} is not in this result{detail}",
        "pegawai {value} tidak ada dalam hasil ini{detail}",
    ),
    "partition_not_self_contained": (
        "an OPD partition is not self-contained (a row refers to a row of another "
        "partition's OPD): {detail}",
        "partisi OPD tidak berdiri sendiri (ada baris yang merujuk ke baris OPD di partisi "
        "lain): {detail}",
    ),
    "partitions_released": (
        "employee {value} is in this result, but its partitions were released: calculate "
        "again to explain",
        "pegawai {value} ada dalam hasil ini, tetapi partisinya sudah dilepas: hitung ulang "
        "untuk menjelaskannya",
    ),
    "invariant_broken": ("internal check failed: {detail}", "pemeriksaan internal gagal: {detail}"),
    "outside_validity": (
        "rule set '{value}' is valid {detail}, not in {period}",
        "aturan '{value}' berlaku {detail}, tidak pada periode {period}",
    ),
    "period_kind_not_computed": (
        "rule set '{value}' computes periods of a {detail}, not {period}: calculate each "
        "of {target} and add the results",
        "aturan '{value}' dihitung per periode {kinds_id}, bukan untuk {period}: hitung "
        "setiap periode {target} lalu jumlahkan hasilnya",
    ),
    "period_kind_refused": (
        "rule set '{value}' computes periods of a {detail} only, not {period}",
        "aturan '{value}' hanya dihitung per periode {kinds_id}, bukan untuk {period}",
    ),
    "invalid_language": (
        "'{value}' is not a language tukin speaks: use 'id' (Bahasa Indonesia) or 'en' (English)",
        "'{value}' bukan bahasa yang dikenal tukin: gunakan 'id' (Bahasa Indonesia) atau 'en' "
        "(Inggris)",
    ),
    # arguments of public calls (tukin.errors.ArgumentError and its subclasses)
    "invalid_argument": ("{detail}", "{detail}"),
    "invalid_report_level": (
        "report level '{value}' is not one of: {choices}",
        "tingkat laporan (level) '{value}' bukan salah satu dari: {choices}",
    ),
    "argument_type": ("{detail}", "{detail}"),
    "unknown_name": ("{detail}", "{detail}"),
    "argument_not_whole": (
        "{call}: {argument} must be a whole number, not {value}",
        "{call}: {argument} harus bilangan bulat, bukan {value}",
    ),
    "argument_below": (
        "{call}: {argument} must be at least {minimum}, not {value}",
        "{call}: {argument} paling sedikit {minimum}, bukan {value}",
    ),
    "argument_range": (
        "{call}: {argument} must be from {minimum} to {maximum}, not {value}",
        "{call}: {argument} harus antara {minimum} sampai {maximum}, bukan {value}",
    ),
    "unknown_argument": (
        "{call} has no argument '{value}'; its arguments: {choices}",
        "{call} tidak memiliki argumen '{value}'; argumennya: {choices}",
    ),
    "too_many_positional": (
        "{call} takes at most {allowed} argument(s) by position, not {value}: give the others "
        "by name ({choices})",
        "{call} menerima paling banyak {allowed} argumen menurut posisi, bukan {value}: "
        "berikan argumen lainnya dengan namanya ({choices})",
    ),
    "argument_given_twice": (
        "{call} got '{value}' twice, by position and by name",
        "{call} menerima '{value}' dua kali, menurut posisi dan dengan nama",
    ),
    "argument_positive": (
        "{call}: {argument} must be a number above 0, not {value}",
        "{call}: {argument} harus bilangan lebih dari 0, bukan {value}",
    ),
    "argument_not_exact": (
        "{call}: {argument} must be an exact number: an int, a Decimal, a Fraction or text "
        "('0.5', '1/3'), not {value}",
        "{call}: {argument} harus bilangan eksak: int, Decimal, Fraction, atau teks "
        "('0.5', '1/3'), bukan {value}",
    ),
    "pagu_not_rupiah": (
        "{call}: {argument} must be whole rupiah given as an int (e.g. 2_760_000_000), not {value}",
        "{call}: {argument} harus rupiah bulat berupa int (mis. 2_760_000_000), bukan {value}",
    ),
    "pagu_negative": (
        "{call}: {argument} cannot be negative, not {value_en}",
        "{call}: {argument} tidak boleh negatif, bukan {value_id}",
    ),
    "pagu_opd_table": (
        "{call}: pagu_opd must be a mapping {{opd_id: rupiah}}, a Series or a DataFrame of two "
        "columns (OPD, pagu), not {value}",
        "{call}: pagu_opd harus berupa pemetaan {{opd_id: rupiah}}, Series, atau DataFrame dua "
        "kolom (OPD, pagu), bukan {value}",
    ),
    "pagu_opd_unknown": (
        "{call}: pagu_opd names OPD '{value}', which is not an OPD of the data{hint_en} "
        "(the OPDs: {choices})",
        "{call}: pagu_opd menyebut OPD '{value}', yang bukan OPD dalam data{hint_id} "
        "(OPD yang ada: {choices})",
    ),
    "extra_payment_type": (
        "{call}: extra must be tukin.planning.ExtraPayment values (or one), not {value}",
        "{call}: extra harus berupa nilai tukin.planning.ExtraPayment (atau satu), bukan {value}",
    ),
    "extra_payment_kind": (
        "{call}: extra payment kind {value} is not one of: {choices} (the THR, the gaji ke-13)",
        "{call}: jenis pembayaran tambahan {value} bukan salah satu dari: {choices} (THR, "
        "gaji ke-13)",
    ),
    "extra_payment_twice": (
        "{call}: extra names the payment '{value}' twice: a year has one of each",
        "{call}: extra menyebut pembayaran '{value}' dua kali: setahun hanya ada satu",
    ),
    "pagu_opd_blank": (
        "{call}: pagu_opd has no pagu for OPD '{value}' (its cell is blank): give its pagu in "
        "whole rupiah, or leave the OPD out (it is then not checked, and warned)",
        "{call}: pagu_opd tidak memuat pagu untuk OPD '{value}' (selnya kosong): isi "
        "pagunya dalam rupiah bulat, atau hapus OPD itu (OPD itu lalu tidak diperiksa, dan "
        "diperingatkan)",
    ),
    "pagu_opd_no_opd": (
        "{call}: pagu_opd's entry {row} (counting from 1) gives a pagu ({value}) but no OPD",
        "{call}: pagu_opd entri ke-{row} memuat pagu ({value}) tetapi tanpa OPD",
    ),
    "pagu_opd_twice": (
        "{call}: pagu_opd gives OPD '{value}' twice: give each OPD once",
        "{call}: pagu_opd memuat OPD '{value}' dua kali: berikan setiap OPD sekali saja",
    ),
    "option_extra_payment": (
        "{argument} '{value}' must be SHARE:BASE_MONTH[:PAID_MONTH], e.g. 100%:2:3 (the share of "
        "a month's TPP, 0 to 100%, the month whose TPP is the base, the month it is paid: 1-12)",
        "{argument} '{value}' harus PORSI:BULAN_DASAR[:BULAN_BAYAR], mis. 100%:2:3 (porsi TPP "
        "sebulan, 0 sampai 100%, bulan yang TPP-nya menjadi dasar, bulan dibayarkan: 1-12)",
    ),
    "option_not_rupiah": (
        "{argument} '{value}' is not an amount of rupiah (write 2.760.000.000 or 2760000000)",
        "{argument} '{value}' bukan jumlah rupiah (tulis 2.760.000.000 atau 2760000000)",
    ),
    "unknown_organisation_predikat": (
        "unknown organisation predikat '{value}'; known: {choices}",
        "predikat organisasi '{value}' tidak dikenal; yang dikenal: {choices}",
    ),
    "distribution_counts": (
        "ratings given as a mapping are counts, {{predikat: number of employees}}: {value} is "
        "not one; give one predikat per employee as a list otherwise",
        "nilai yang diberikan sebagai pemetaan adalah jumlah, {{predikat: banyak pegawai}}: "
        "{value} bukan jumlah; bila tidak, berikan satu predikat per pegawai sebagai daftar",
    ),
    "unknown_employee_predikat": (
        "ratings that are no employee predikat: {value}; known: {choices} (map them first, "
        "or pass them in ignore=)",
        "nilai yang bukan predikat pegawai: {value}; yang dikenal: {choices} (petakan dahulu, "
        "atau masukkan ke ignore=)",
    ),
    "distribution_breach": (
        "{organisation}: {limit} allowed, observed {observed} ({count} of {total})",
        "{organisation}: dibolehkan {limit}, teramati {observed} ({count} dari {total})",
    ),
    "pagu_opd_empty": (
        "{call}: pagu_opd gives no OPD and its pagu: nothing to compare the OPDs with (leave "
        "it out, or None, to plan against the whole pagu only)",
        "{call}: pagu_opd tidak memuat satu pun OPD beserta pagunya: tidak ada pembanding "
        "untuk OPD (hilangkan, atau None, untuk merencanakan terhadap pagu keseluruhan saja)",
    ),
    "pagu_opd_file_empty": (
        "--pagu-opd {value}: the file gives no OPD and its pagu (a header at most): nothing "
        "to compare the OPDs with",
        "--pagu-opd {value}: berkas tidak memuat satu pun OPD beserta pagunya (paling banyak "
        "judul kolom): tidak ada pembanding untuk OPD",
    ),
    "pagu_opd_file": (
        "--pagu-opd {value}: the file needs two columns, the OPD and its pagu",
        "--pagu-opd {value}: berkas harus memiliki dua kolom, OPD dan pagunya",
    ),
    "param_not_name_value": (
        "--param '{value}' is not NAME=VALUE (e.g. --param absence_cap=50%)",
        "--param '{value}' bukan NAMA=NILAI (mis. --param absence_cap=50%)",
    ),
    "param_given_twice": (
        "--param {value} is given twice: give each parameter once",
        "--param {value} diberikan dua kali: berikan setiap parameter sekali saja",
    ),
    "param_not_yaml": (
        "--param '{value}': the value cannot be read as in a rule file (YAML)",
        "--param '{value}': nilainya tidak dapat dibaca seperti dalam berkas aturan (YAML)",
    ),
    "not_a_dataframe": (
        "table '{table}' must be a pandas DataFrame, not {value}",
        "tabel '{table}' harus berupa pandas DataFrame, bukan {value}",
    ),
    "not_a_dataset": (
        "{call} needs a tukin.Dataset, not {value}: build one with Dataset.from_frames, "
        "Dataset.from_records or tukin.read_dataset",
        "{call} memerlukan tukin.Dataset, bukan {value}: buat dengan Dataset.from_frames, "
        "Dataset.from_records atau tukin.read_dataset",
    ),
    "not_a_ruleset": (
        "{call} needs a tukin.RuleSet, not {value}: load it first, "
        "rules = tukin.load_ruleset({name!r})",
        "{call} memerlukan tukin.RuleSet, bukan {value}: muat dulu, "
        "rules = tukin.load_ruleset({name!r})",
    ),
    "periods_without_ruleset": (
        "prepare(): periods need the rule set whose steps they prepare",
        "prepare(): periode memerlukan aturan yang langkah-langkahnya disiapkan",
    ),
    "no_such_table": (
        "unknown table '{value}'; tables are: {choices}",
        "tabel '{value}' tidak dikenal; tabel yang ada: {choices}",
    ),
    "no_such_receipt_field": (
        "not receipt fields: {value} (fields: {choices})",
        "bukan butir kuitansi: {value} (butirnya: {choices})",
    ),
    "no_group_columns": (
        "totals(by=...): give a column name or a list of column names to group by, not "
        "{value}; one of: {choices}",
        "totals(): berikan nama kolom atau daftar nama kolom untuk pengelompokan, bukan "
        "{value}; salah satu dari: {choices}",
    ),
    "no_such_column": (
        "'{value}' is not a column of the result; group by one of: {choices}",
        "'{value}' bukan kolom hasil; kelompokkan menurut salah satu dari: {choices}",
    ),
    "source_date_epoch": (
        "SOURCE_DATE_EPOCH '{value}' is not a whole number of seconds since 1970",
        "SOURCE_DATE_EPOCH '{value}' bukan bilangan bulat detik sejak 1970",
    ),
    # golden cases (tukin.golden)
    "golden_case_invalid": (
        "golden case file {value}: {detail}",
        "berkas kasus golden {value}: {detail}",
    ),
    # what a golden case's run found (``tukin test``, tukin.golden): the lines of its report;
    # {who} is the case's employee, {column} a result column as the reader's workbook heads it
    "golden_run_succeeded": (
        "expected error {code}, the run succeeded",
        "diharapkan galat {code}, tetapi perhitungan berhasil",
    ),
    "golden_run_crashed": (
        "the run crashed: {kind}: {detail}",
        "perhitungan terhenti tak terduga: {kind}: {detail}",
    ),
    "golden_run_stopped": (
        "the run stopped: [{code}] {detail}",
        "perhitungan berhenti: [{code}] {detail}",
    ),
    "golden_other_error": (
        "expected error {expected}, got [{code}] {detail}",
        "diharapkan galat {expected}, terjadi [{code}] {detail}",
    ),
    "golden_error_text": (
        "error [{code}] does not say '{value}': {detail}",
        "galat [{code}] tidak memuat '{value}': {detail}",
    ),
    "golden_check_stopped": (
        "the check stopped: {detail}",
        "pemeriksaan berhenti: {detail}",
    ),
    "golden_breaches_expected": (
        "breaches expected: {value}",
        "pelanggaran yang diharapkan: {value}",
    ),
    "golden_breaches_found": (
        "breaches found: {value}",
        "pelanggaran yang ditemukan: {value}",
    ),
    "golden_rejected": (
        "{who}: not paid, rejected [{code}] {reason}",
        "{who}: tidak dibayar, ditolak [{code}] {reason}",
    ),
    "golden_rejected_otherwise": (
        "{who}: not paid, rejected [{code}] {reason}; expected [{expected}]",
        "{who}: tidak dibayar, ditolak [{code}] {reason}; diharapkan [{expected}]",
    ),
    "golden_paid": (
        "{who}: expected rejected [{expected}], but paid",
        "{who}: diharapkan ditolak [{expected}], tetapi dibayar",
    ),
    "golden_paths_rejected": (
        "{who}: paid on the fast path, rejected on the exact path",
        "{who}: dibayar pada jalur cepat, ditolak pada jalur eksak",
    ),
    "golden_paths_differ": (
        "{who}: {column} on the fast path {fast} != exact path {exact}",
        "{who}: {column} jalur cepat {fast} != jalur eksak {exact}",
    ),
    "golden_amount": (
        "{who}: {column} expected {expected}, got {got} ({difference})",
        "{who}: {column} diharapkan {expected}, hasil {got} ({difference})",
    ),
    "golden_no_step": (
        "{who}: the rules have no step '{step}'",
        "{who}: aturannya tidak memiliki langkah '{step}'",
    ),
    "golden_step_value": (
        "{who}: {step} expected {expected}, got {got}",
        "{who}: {step} diharapkan {expected}, hasil {got}",
    ),
    "golden_total": (
        "total expected {expected}, got {got}",
        "jumlah diharapkan {expected}, hasil {got}",
    ),
    "golden_xpassed": (
        "declared xfail ({value}) but the case passes: remove 'xfail'",
        "dinyatakan xfail ({value}) tetapi kasusnya lulus: hapus 'xfail'",
    ),
    "golden_misspelt_code": (
        "attendance code {value} is read by no step of {rules} and is no template code: "
        "misspelt? Its count cut nothing",
        "kode kehadiran {value} tidak dibaca langkah mana pun dari {rules} dan bukan kode "
        "templat: salah ketik? Jumlahnya tidak memotong apa pun",
    ),
    "distribution_bound": (
        "distribution curve of {value}: a bound is at_most, at_least or more_than with 'of'",
        "kurva distribusi {value}: sebuah batas berisi at_most, at_least atau more_than "
        "dengan 'of'",
    ),
    # fiscal capacity: ceilings, sanctions, deductions
    "no_ceiling": (
        "no budget ceiling for this employee's group: {detail}",
        "tidak ada pagu untuk kelompok pegawai ini: {detail}",
    ),
    "ceiling_infeasible": (
        "step '{value}': the ceiling cannot be met: {detail}",
        "langkah '{value}': pagu tidak dapat dipenuhi: {detail}",
    ),
    "no_ter_category": (
        "no PPh 21 TER table for the employee's category: {detail}",
        "tidak ada tabel TER PPh 21 untuk kategori pegawai: {detail}",
    ),
    "no_ptkp_status": (
        "no PTKP status for the annual PPh 21 calculation: {detail}",
        "tidak ada status PTKP untuk penghitungan PPh 21 setahun: {detail}",
    ),
    "pph21_year_missing": (
        "the annual PPh 21 calculation lacks a value of the year: {detail}",
        "penghitungan PPh 21 setahun tidak memiliki nilai tahun berjalan: {detail}",
    ),
    "verification_failed": ("{detail}", "{detail}"),
    "input_file": ("{detail}", "{detail}"),
    # the codes of the error classes themselves (tukin.errors): the one a raise without a
    # code of its own carries; a strict Dataset's refusal, whose message is its report
    # (every problem, each with its own code, in ``problems``)
    "tukin_error": ("{detail}", "{detail}"),
    "data_error": ("{detail}", "{detail}"),
    "dataset_invalid": ("{detail}", "{detail}"),
    # reading and writing files (tukin.io): cells only a reader can judge, files, warnings
    "nip_as_number": (
        "NIP cannot be read: {value} was stored as a number and has lost its last digits (a "
        "number keeps 15); format the column as Text and type the NIP again",
        "NIP tidak terbaca: {value} tersimpan sebagai angka dan digit terakhirnya hilang "
        "(angka hanya menyimpan 15 digit); format kolom sebagai Teks lalu ketik ulang NIP",
    ),
    "nip_as_json_number": (
        "NIP cannot be read: {value} was sent as a number; a NIP's 18 digits are more than a "
        "program holding numbers as binary64 doubles (JavaScript, many JSON libraries) keeps, "
        "and it sends another NIP (199405212021052001 becomes 199405212021052000) that cannot "
        "be told from a true one, so no NIP is read from a number: send it as text, in quotes",
        "NIP tidak terbaca: {value} dikirim sebagai angka; 18 digit NIP melebihi yang disimpan "
        "program yang menyimpan angka sebagai double biner64 (JavaScript, banyak pustaka JSON), "
        "dan program itu mengirim NIP lain (199405212021052001 menjadi 199405212021052000) yang "
        "tidak dapat dibedakan dari NIP yang benar, jadi NIP tidak dibaca dari angka: kirim "
        "sebagai teks, dalam tanda kutip",
    ),
    "nip_column_float": (
        "NIP cannot be read: column {column} of the frame {frame} holds floating-point "
        "numbers ({dtype}), which keep 15 to 17 of a NIP's 18 digits, so {value} is another "
        "NIP than the one meant; read the column as text: dtype=str (pd.read_json(..., "
        "dtype={{'{name}': str}}), pd.read_csv(..., dtype={{'{name}': str}}))",
        "NIP tidak terbaca: kolom {column} pada frame {frame} berisi bilangan pecahan "
        "({dtype}), yang hanya menyimpan 15 sampai 17 dari 18 digit NIP, jadi {value} adalah "
        "NIP lain dari yang dimaksud; baca kolom sebagai teks: dtype=str (pd.read_json(..., "
        "dtype={{'{name}': str}}), pd.read_csv(..., dtype={{'{name}': str}}))",
    ),
    "nip_column_rounded": (
        "NIP cannot be read: every NIP of column {column} of the frame {frame} ({count}) is "
        "a number a binary64 double holds, as a NIP that went through one is (pd.read_json of "
        "a file a JavaScript program wrote, a JSON library holding numbers as doubles): "
        "{value} is likely another NIP than the one meant (199405212021052001 becomes "
        "199405212021052000); read the column as text (dtype={{'{name}': str}}) from NIPs "
        "written as text",
        "NIP tidak terbaca: setiap NIP pada kolom {column} frame {frame} ({count}) adalah "
        "angka yang dapat disimpan double biner64, seperti NIP yang pernah melewatinya "
        "(pd.read_json dari berkas yang ditulis program JavaScript, pustaka JSON yang menyimpan "
        "angka sebagai double): {value} kemungkinan NIP lain dari yang dimaksud "
        "(199405212021052001 menjadi 199405212021052000); baca kolom sebagai teks "
        "(dtype={{'{name}': str}}) dari NIP yang ditulis sebagai teks",
    ),
    "formula_no_value": (
        "the formula {value} has no saved result; open the file in Excel and save it again, "
        "or type the value",
        "rumus {value} tidak memiliki hasil tersimpan; buka berkas di Excel lalu simpan ulang, "
        "atau ketik nilainya",
    ),
    "formula_not_calculated": (
        "the formula {value} was saved by a program that did not calculate it (the workbook "
        "asks Excel to calculate every formula when it is opened), so the value stored with "
        "it is not its result; open the file in Excel and save it again, or type the value",
        "rumus {value} disimpan oleh program yang tidak menghitungnya (buku kerja meminta "
        "Excel menghitung semua rumus saat dibuka), jadi nilai yang tersimpan bukan hasilnya; "
        "buka berkas di Excel lalu simpan ulang, atau ketik nilainya",
    ),
    "excel_error": (
        "the cell shows the Excel error {value}; correct the formula or type the value",
        "sel berisi galat Excel {value}; perbaiki rumus atau ketik nilainya",
    ),
    "merged_cell": (
        "the cell is part of the merged cells {value}; unmerge them and fill every row",
        "sel termasuk sel gabungan {value}; pisahkan (unmerge) lalu isi setiap baris",
    ),
    "merged_header": (
        "header cells {value} are merged; give every column its own header",
        "judul kolom {value} digabung (merge); beri setiap kolom judulnya sendiri",
    ),
    "merged_header_column": (
        "column {letter} holds data but its header is hidden under the merged cells {value}: "
        "nobody can tell which column it is, so every row of the sheet is rejected; unmerge the "
        "header cells and give column {letter} its own header",
        "kolom {letter} berisi data tetapi judulnya tertutup sel gabungan {value}: tidak jelas "
        "kolom apa itu, sehingga semua baris sheet ini ditolak; pisahkan (unmerge) sel judul "
        "lalu beri kolom {letter} judulnya sendiri",
    ),
    "unnamed_column": (
        "column {value} has data but no header; its data was not read",
        "kolom {value} berisi data tetapi tanpa judul; datanya tidak dibaca",
    ),
    "unknown_header": (
        "column '{value}' is not a known column; did you mean '{suggestion}'?",
        "kolom '{value}' tidak dikenal; maksud Anda '{suggestion}'?",
    ),
    "duplicate_header": (
        "columns '{first}' and '{value}' both give {column}, with different values in {rows} "
        "row(s) (first in row {row}: '{one}' and '{other}'): which is right cannot be told, so "
        "'{value}' was not read; remove one of the two columns or rename it",
        "kolom '{first}' dan '{value}' sama-sama berisi {column}, dengan nilai berbeda pada "
        "{rows} baris (pertama di baris {row}: '{one}' dan '{other}'): tidak dapat dipastikan "
        "mana yang benar, sehingga '{value}' tidak dibaca; hapus salah satu kolom atau ganti "
        "judulnya",
    ),
    # machine input (JSON documents, Dataset.from_records): machine notation only
    "ambiguous_number": (
        "'{value}' can be {thousands} (a separator of thousands) or {decimal_en} (a decimal "
        "point), and the other cells of the column do not tell which: write the number "
        "without a thousands separator ({thousands}, or {decimal_en})",
        "'{value}' bisa berarti {thousands} (pemisah ribuan) atau {decimal_id} (tanda "
        "desimal), dan sel lain di kolom ini tidak menunjukkan yang mana: tulis angkanya "
        "tanpa pemisah ribuan ({thousands}, atau {decimal_id})",
    ),
    "number_notation": (
        "'{value}' is written as a spreadsheet shows numbers; in JSON and records write the "
        "number itself, with '.' as decimal point and no thousands separator, currency or %: "
        "{suggestion}",
        "'{value}' ditulis seperti tampilan angka di spreadsheet; dalam JSON dan records "
        "tulis angkanya saja, dengan '.' sebagai tanda desimal, tanpa pemisah ribuan, Rp "
        "atau %: {suggestion}",
    ),
    "date_notation": (
        "'{value}' is not an ISO date; in JSON and records write dates as YYYY-MM-DD "
        "(2025-10-31), or a date-time whose time is dropped",
        "'{value}' bukan tanggal ISO; dalam JSON dan records tulis tanggal sebagai "
        "YYYY-MM-DD (2025-10-31), atau tanggal-waktu yang waktunya diabaikan",
    ),
    "repeated_json_key": (
        "key '{value}' is given more than once in {where}; JSON keeps only the last, so the "
        "others would be lost without a word: give each key once",
        "kunci '{value}' diberikan lebih dari sekali di {where}; JSON hanya menyimpan yang "
        "terakhir, sehingga yang lain hilang tanpa jejak: berikan setiap kunci sekali saja",
    ),
    "not_a_table": (
        "table '{table}' must be an array of row objects, not {kind}; none of it was read",
        "tabel '{table}' harus berupa array berisi objek baris, bukan {kind}; tidak ada yang "
        "dibaca",
    ),
    "not_a_row": (
        "a row must be an object of column: value, not {kind}",
        "baris harus berupa objek kolom: nilai, bukan {kind}",
    ),
    "not_tables": (
        "the input must be an object with one array of rows per table "
        '({{"employees": [...], ...}}), not {kind}',
        "masukan harus berupa objek berisi satu array baris per tabel "
        '({{"employees": [...], ...}}), bukan {kind}',
    ),
    "invalid_option": (
        "{option} must be one of {allowed}, not '{value}'",
        "{option} harus salah satu dari {allowed}, bukan '{value}'",
    ),
    "unknown_sheet": (
        "'{value}' is not a known table; did you mean '{suggestion}'?",
        "'{value}' bukan tabel yang dikenal; maksud Anda '{suggestion}'?",
    ),
    "sheet_not_read": (
        "'{value}' looks like table {table} but is not read: table {table} is read from "
        "'{sheet}' only, so its {rows} row(s) are neither paid nor rejected; move them into "
        "'{sheet}' and delete '{value}' (or rename it if it holds no input)",
        "'{value}' tampak seperti tabel {table} tetapi tidak dibaca: tabel {table} hanya dibaca "
        "dari '{sheet}', sehingga {rows} barisnya tidak dibayar maupun ditolak; pindahkan "
        "baris-baris itu ke '{sheet}' lalu hapus '{value}' (atau ganti namanya bila tidak berisi "
        "data masukan)",
    ),
    "duplicate_sheet": (
        "table {table} is given twice ('{other}' and '{value}'); only '{other}' was read",
        "tabel {table} diberikan dua kali ('{other}' dan '{value}'); hanya '{other}' yang dibaca",
    ),
    "os_error": (
        "cannot open or write '{value}': {detail}",
        "tidak dapat membuka atau menulis '{value}': {detail}",
    ),
    "os_error_missing": ("the folder or file does not exist", "folder atau berkas tidak ada"),
    "os_error_permission": ("no permission", "tidak ada izin"),
    "os_error_folder": ("it is a folder, not a file", "itu folder, bukan berkas"),
    "os_error_not_folder": ("a part of the path is not a folder", "bagian jalurnya bukan folder"),
    "os_error_exists": (
        "a file or folder of that name already exists",
        "berkas atau folder dengan nama itu sudah ada",
    ),
    "os_error_full": ("the disk is full", "disk penuh"),
    "os_error_read_only": ("the disk is read-only", "disk hanya-baca"),
    "file_not_found": (
        "'{value}' does not exist",
        "'{value}' tidak ditemukan",
    ),
    "unsupported_format": (
        "'{value}' is not a supported input: {detail}",
        "'{value}' bukan format masukan yang didukung: {detail}",
    ),
    "file_too_large": ("'{value}' is too large ({detail})", "'{value}' terlalu besar ({detail})"),
    "unsafe_file": ("'{value}' was refused: {detail}", "'{value}' ditolak: {detail}"),
    "protected_or_xls": (
        "'{value}' cannot be read: it is protected with a password to open, or it is an "
        "Excel 97-2003 workbook (.xls) under another name; open it in Excel, remove the "
        "password (File > Info > Protect Workbook > Encrypt with Password) and save it as "
        "Excel Workbook (.xlsx)",
        "'{value}' tidak dapat dibaca: berkas dilindungi kata sandi untuk membukanya, atau "
        "berkas Excel 97-2003 (.xls) dengan nama lain; buka di Excel, hapus kata sandinya "
        "(File > Info > Proteksi Buku Kerja > Enkripsi dengan Kata Sandi) lalu simpan sebagai "
        "Excel Workbook (.xlsx)",
    ),
    "unreadable_file": (
        "'{value}' cannot be read as {kind}: {detail}",
        "'{value}' tidak dapat dibaca sebagai {kind}: {detail}",
    ),
    "output_format": (
        "cannot write '{value}': use .xlsx, .csv, .json or .parquet",
        "tidak dapat menulis '{value}': gunakan .xlsx, .csv, .json atau .parquet",
    ),
    "monitoring_output_format": (
        "cannot write the monitoring report to '{value}': use .xlsx, .csv or .json",
        "tidak dapat menulis laporan monitoring ke '{value}': gunakan .xlsx, .csv atau .json",
    ),
    "missing_dependency": (
        "{detail} needs the package '{value}' (pip install {value})",
        "{detail} memerlukan paket '{value}' (pip install {value})",
    ),
    "hidden_sheet": (
        "hidden sheet '{value}' was read as table {table}",
        "sheet tersembunyi '{value}' dibaca sebagai tabel {table}",
    ),
    "sheet_ignored": (
        "'{value}' is not an input table and was not read",
        "'{value}' bukan tabel masukan dan tidak dibaca",
    ),
    "encoding_fallback": (
        "'{value}' is not UTF-8 and was read as Windows-1252 (Latin-1); check names with "
        "accents, or save it as 'CSV UTF-8'",
        "'{value}' bukan UTF-8 dan dibaca sebagai Windows-1252 (Latin-1); periksa nama beraksen, "
        "atau simpan sebagai 'CSV UTF-8'",
    ),
    # headers, hidden rows and columns of a sheet: what a reader did not take as data
    "hidden_rows": (
        "'{value}': hidden or filtered-out row(s) {rows} were read as table {table} (hiding "
        "is not deleting): delete the rows that are not to be paid",
        "'{value}': baris tersembunyi atau tersaring {rows} dibaca sebagai tabel {table} "
        "(menyembunyikan bukan menghapus): hapus baris yang tidak dibayar",
    ),
    "example_row_skipped": (
        "'{value}': row {rows} is the template's example row ({detail}), unchanged though "
        "headers of the sheet were changed: it was skipped, not read as table {table}; delete "
        "it, or type over it with data",
        "'{value}': baris {rows} adalah baris contoh templat ({detail}), tidak diubah walaupun "
        "judul kolom sheet diubah: baris itu dilewati, tidak dibaca sebagai tabel {table}; "
        "hapus, atau timpa dengan data",
    ),
    "example_row_employee": (
        "'{value}': row {rows} holds exactly the template's example values and was skipped as "
        "the example, but its NIP {nip} is an employee of this workbook with no other row in "
        "table {table} for it: if the row is theirs, type anything in another of its cells (a "
        "note under Keterangan, a 0 in an empty column) and it is read; if it is the example, "
        "delete it",
        "'{value}': baris {rows} berisi persis nilai baris contoh templat dan dilewati sebagai "
        "contoh, tetapi NIP {nip} adalah pegawai dalam buku kerja ini yang tidak punya baris "
        "lain untuk itu pada tabel {table}: bila baris itu miliknya, isi sel lain pada baris "
        "itu (catatan di kolom Keterangan, 0 di kolom yang kosong) agar dibaca; bila itu baris "
        "contoh, hapus",
    ),
    "footer_rows": (
        "'{value}': row(s) {rows} below or inside table {table} are a totals line or a "
        "signature block (JUMLAH, NIP. ...), not data: they were skipped",
        "'{value}': baris {rows} pada tabel {table} adalah baris jumlah atau blok tanda tangan "
        "(JUMLAH, NIP. ...), bukan data: baris itu dilewati",
    ),
    "extra_not_numbers": (
        "'{value}': column '{column}' of table {table} holds numbers, but {where}: '{cell}' is "
        "no number ({count} such cell(s)): the column is kept as given, and a rule doing "
        "arithmetic on it stops; write the amount as a number (1.250.000 or Rp 1.250.000,00)",
        "'{value}': kolom '{column}' pada tabel {table} berisi angka, tetapi {where}: '{cell}' "
        "bukan angka ({count} sel seperti itu): kolom dibiarkan apa adanya, dan aturan yang "
        "menghitung dengannya berhenti; tulis jumlahnya sebagai angka (1.250.000 atau "
        "Rp 1.250.000,00)",
    ),
    "number_decimal_comma": (
        "'{value}': column '{column}' of table {table}, {where}: '{cell}' is read as "
        "{decimal_en} (a decimal comma, the Indonesian way), and no other cell of the column "
        "tells whether it is {thousands} (a comma grouping thousands, as an English-locale file "
        "writes it) ({count} such cell(s)): check them, and write {thousands} without a "
        "separator if that is meant",
        "'{value}': kolom '{column}' pada tabel {table}, {where}: '{cell}' dibaca sebagai "
        "{decimal_id} (koma desimal, cara Indonesia), dan tidak ada sel lain di kolom ini yang "
        "menunjukkan apakah maksudnya {thousands} (koma sebagai pemisah ribuan, seperti berkas "
        "berbahasa Inggris) ({count} sel seperti itu): periksa, dan tulis {thousands} tanpa "
        "pemisah bila itu yang dimaksud",
    ),
    "header_repeated": (
        "'{value}': row(s) {rows} of table {table} repeat its header (a header printed again "
        "after a page break), not data: they were skipped",
        "'{value}': baris {rows} pada tabel {table} mengulang baris judul kolom (judul yang "
        "dicetak lagi setelah pindah halaman), bukan data: baris itu dilewati",
    ),
    "template_column_missing": (
        "'{value}': column(s) {columns} of the template are no longer in the sheet (deleted?): "
        "every row of table {table} is read as if they were blank (no Tanggal Selesai: still "
        "in service; no count: 0); put the column back if it held data",
        "'{value}': kolom templat {columns} tidak ada lagi di sheet (terhapus?): setiap baris "
        "tabel {table} dibaca seolah kolom itu kosong (tanpa Tanggal Selesai: masih bertugas; "
        "tanpa jumlah: 0); kembalikan kolom itu bila berisi data",
    ),
    "hidden_columns": (
        "'{value}': hidden column(s) {columns} were read as table {table}",
        "'{value}': kolom tersembunyi {columns} dibaca sebagai tabel {table}",
    ),
    "header_row": (
        "'{value}': row {row} was read as the header of table {table}; row(s) {rows} above it "
        "also name a column but were taken as title lines",
        "'{value}': baris {row} dibaca sebagai judul kolom tabel {table}; baris {rows} di "
        "atasnya juga menyebut kolom tetapi dianggap baris judul (kop)",
    ),
    "header_two_rows": (
        "'{value}': rows {rows} were read together as the header of table {table}: each "
        "column is named by its heading under the merged group heading (Terlambat: TL1 ...)",
        "'{value}': baris {rows} dibaca bersama sebagai judul kolom tabel {table}: tiap kolom "
        "dinamai menurut judulnya di bawah judul kelompok yang digabung (Terlambat: TL1 ...)",
    ),
    "extra_columns": (
        "'{value}': column(s) {columns} are not columns of table {table}: kept as extra "
        "columns, used only by a rule that names them",
        "'{value}': kolom {columns} bukan kolom tabel {table}: disimpan sebagai kolom "
        "tambahan, hanya dipakai aturan yang menyebutnya",
    ),
    "extra_columns_unread": (
        "'{value}': column(s) {columns} are not columns of table {table} and no step of rule "
        "set '{ruleset}' read them: they changed nobody's allowance",
        "'{value}': kolom {columns} bukan kolom tabel {table} dan tidak dibaca oleh langkah "
        "mana pun dari aturan '{ruleset}': kolom itu tidak mengubah tunjangan siapa pun",
    ),
    "duplicate_header_same": (
        "'{value}': columns {first} and {other} both give {column} of table {table}, with the "
        "same values; {other} was not read",
        "'{value}': kolom {first} dan {other} sama-sama berisi {column} tabel {table}, dengan "
        "nilai yang sama; {other} tidak dibaca",
    ),
    "not_codes": (
        "'{value}': column(s) {columns} hold names or notes, not attendance counts, and were "
        "not read",
        "'{value}': kolom {columns} berisi nama atau keterangan, bukan jumlah kehadiran, dan "
        "tidak dibaca",
    ),
    "predikat_column": (
        "column '{value}' holds the final rating (predikat), which tukin does not read: the "
        "allowance needs the two ratings it is made of, in columns '{results}' and "
        "'{behaviour}' (above / as expected / below expectation)",
        "kolom '{value}' berisi predikat kinerja, yang tidak dibaca tukin: tunjangan dihitung "
        "dari dua penilaian pembentuknya, di kolom '{results}' dan '{behaviour}' (di atas / "
        "sesuai / di bawah ekspektasi)",
    ),
    "unread_attendance_code": (
        "attendance code(s) {value} have occurrences in {period} but no step of rule set "
        "'{ruleset}' reads them: they cut nobody's allowance",
        "kode kehadiran {value} memiliki kejadian pada {period} tetapi tidak dibaca oleh langkah "
        "mana pun dari aturan '{ruleset}': kode itu tidak memotong tunjangan siapa pun",
    ),
    "lookup_default": (
        "step '{step}' of rule set '{ruleset}': {value} paid employee(s) in {period} have a "
        "key its table lacks and were given the step's default {default}: {keys_en}; e.g. "
        "NIP {nips}. Check that the table covers them",
        "langkah '{step}' dari aturan '{ruleset}': {value} pegawai yang dibayar pada {period} "
        "memiliki kunci yang tidak ada dalam tabelnya dan diberi nilai default langkah itu "
        "{default}: {keys_id}; mis. NIP {nips}. Periksa apakah tabel sudah mencakup mereka",
    ),
    "ceiling_key_unmatched": (
        "the ceiling table of step '{step}' names {value}, which no employee's group is in "
        "{period}: a typo (the group is then rejected without a ceiling, or paid uncapped), "
        "or a group without employees; that amount is not used",
        "tabel pagu langkah '{step}' memuat {value}, yang tidak menjadi kelompok pegawai mana "
        "pun pada {period}: salah tulis (kelompok yang dimaksud lalu ditolak karena tidak "
        "ada pagu, atau dibayar tanpa pagu), atau kelompok tanpa pegawai; jumlah itu tidak "
        "dipakai",
    ),
    "ceiling_share_unpaid": (
        "{value} employee(s) given a share of the ceiling '{step}' were rejected by a later step "
        "(see the rejected list): their shares, {amount} in all, are kept for them and not paid "
        "in {period}; the others are not paid more. Correct their rows and calculate again, or "
        "pay them these shares later",
        "{value} pegawai yang mendapat bagian pagu '{step}' ditolak oleh langkah sesudahnya "
        "(lihat daftar ditolak): bagian mereka, seluruhnya {amount}, disisihkan untuk mereka dan "
        "tidak dibayar pada {period}; pegawai lain tidak dibayar lebih. Perbaiki baris mereka "
        "lalu hitung ulang, atau bayarkan bagian itu kemudian",
    ),
    "parameter_shadows_column": (
        "the data hold column(s) {value}, named like parameters of rule set '{ruleset}': its "
        "formulas read the parameters, not the columns; rename the columns if they are meant",
        "data memiliki kolom {value} yang bernama sama dengan parameter aturan '{ruleset}': "
        "rumusnya membaca parameter itu, bukan kolomnya; ganti nama kolom bila kolom itu yang "
        "dimaksud",
    ),
    "unapplied_sanctions": (
        "{value} discipline sanction(s) of the sanctions table are in force in {period}, but "
        "rule set '{ruleset}' has no 'sanction' step: they cut nobody's allowance",
        "{value} hukuman disiplin pada tabel sanksi berlaku pada {period}, tetapi aturan "
        "'{ruleset}' tidak memiliki langkah 'sanction': hukuman itu tidak memotong tunjangan "
        "siapa pun",
    ),
    "sanction_kind_unapplied": (
        "{value} discipline sanction(s) of the sanctions table are in force in {period} with "
        "kinds {kinds}, which no 'sanction' step of rule set '{ruleset}' applies (its steps "
        "apply the kinds {applied}): they cut nobody's allowance. Correct the kind, or add it "
        "to the step's kinds",
        "{value} hukuman disiplin pada tabel sanksi berlaku pada {period} dengan jenis "
        "{kinds}, yang tidak diterapkan oleh langkah 'sanction' mana pun dalam aturan "
        "'{ruleset}' (langkahnya menerapkan jenis {applied}): hukuman itu tidak memotong "
        "tunjangan siapa pun. Perbaiki jenisnya, atau tambahkan ke kinds langkah itu",
    ),
    "sanctions_table_absent": (
        "step(s) {value} of rule set '{ruleset}' apply the sanctions table, but the input has "
        "none: nobody's allowance is cut for a discipline sanction in {period}. If there are "
        "no sanctions, give the table without rows; a rule set can refuse to calculate "
        "without it (requires: [sanctions])",
        "langkah {value} pada aturan '{ruleset}' menerapkan tabel hukuman disiplin, tetapi "
        "masukan tidak memilikinya: tidak ada tunjangan yang dipotong karena hukuman disiplin "
        "pada {period}. Bila memang tidak ada hukuman, sertakan sheet Hukuman Disiplin tanpa "
        "baris; aturan dapat menolak menghitung tanpanya (requires: [sanctions])",
    ),
    "absence_history_missing": (
        "step '{step}' of rule set '{ruleset}' counts unexcused absence ('{column}') since "
        "{since} to cut {period}, but the attendance table has no monthly rows for {value}: "
        "absence in those months cuts nobody's allowance (add those months' rows to the same "
        "attendance sheet)",
        "langkah '{step}' pada aturan '{ruleset}' menjumlahkan hari tanpa keterangan "
        "('{column}') sejak {since} untuk menghitung potongan {period}, tetapi tabel kehadiran "
        "tidak memiliki baris bulanan untuk {value}: ketidakhadiran pada bulan-bulan itu tidak "
        "memotong tunjangan siapa pun (tambahkan baris bulan-bulan itu ke sheet Kehadiran yang "
        "sama)",
    ),
    "free_history_missing": (
        "step '{step}' of rule set '{ruleset}' counts the free '{column}' days over the "
        "calendar year since {since} to pay {period}, but the attendance table has no monthly "
        "rows for {value}: days in those months use up no free day, so later ones may be "
        "free that should cost (add those months' rows to the same attendance sheet)",
        "langkah '{step}' pada aturan '{ruleset}' menghitung hari '{column}' yang bebas "
        "potongan dalam setahun sejak {since} untuk membayar {period}, tetapi tabel kehadiran "
        "tidak memiliki baris bulanan untuk {value}: hari pada bulan-bulan itu tidak mengurangi "
        "hari bebas, sehingga hari sesudahnya dapat bebas padahal seharusnya dipotong "
        "(tambahkan baris bulan-bulan itu ke sheet Kehadiran yang sama)",
    ),
    "free_per_spell_monthly": (
        "step '{step}' of rule set '{ruleset}' frees the first days of each spell of "
        "'{column}', but the attendance table counts days per month: the free days of {value} "
        "employee(s) ({nips}) were taken once in {period}, as if the month's days were one "
        "spell begun in it (a spell running on from the month before, or two spells in one "
        "month, come out wrong: check those employees against the leave letters or the daily "
        "log)",
        "langkah '{step}' pada aturan '{ruleset}' membebaskan hari-hari pertama setiap episode "
        "'{column}', tetapi tabel kehadiran menghitung hari per bulan: hari bebas {value} "
        "pegawai ({nips}) diambil sekali pada {period}, seakan-akan hari-hari bulan itu satu "
        "episode yang dimulai di dalamnya (episode yang berlanjut dari bulan sebelumnya, atau "
        "dua episode dalam sebulan, terhitung salah: periksa pegawai tersebut terhadap surat "
        "cuti atau log harian)",
    ),
    "absence_tier_reached": (
        "{value} employee(s) reached a tier of unexcused days ('{column}') of step '{step}' "
        "of rule set '{ruleset}' in {period} ({nips}): its sanction takes effect from {start} "
        "(a cut of the allowance only where the tier gives one; PP 94/2021's highest tiers "
        "are a dismissal, no cut); the sanction is imposed by a decision letter (SK), to be "
        "prepared (and entered in the sanctions sheet when the rules cut by SK)",
        "{value} pegawai mencapai batas hari tanpa keterangan ('{column}') langkah '{step}' "
        "pada aturan '{ruleset}' pada {period} ({nips}): hukumannya berlaku mulai {start} "
        "(memotong tunjangan hanya bila tingkatnya memberi potongan; tingkat tertinggi PP "
        "94/2021 berupa pemberhentian, bukan potongan); hukuman dijatuhkan dengan SK, yang "
        "perlu disiapkan (dan dicatat di sheet Hukuman Disiplin bila aturan memotong menurut SK)",
    ),
    "absence_run_unchecked": (
        "{value} employee(s) had enough unexcused days ('{column}') in {months} to have been "
        "absent {days} working days in a row ({nips}), which step '{step}' of rule set "
        "'{ruleset}' sanctions, but their attendance rows give no run of consecutive days to "
        "tell (a month's total never says whether the days were in a row): nothing was cut "
        "or named for a run; check their daily attendance, or give the run columns the step "
        "names (from the daily log)",
        "{value} pegawai memiliki cukup hari tanpa keterangan ('{column}') pada {months} untuk "
        "tidak masuk {days} hari kerja berturut-turut ({nips}), yang dikenai sanksi oleh "
        "langkah '{step}' pada aturan '{ruleset}', tetapi baris kehadiran mereka tidak memuat "
        "rangkaian hari berturut-turut (jumlah sebulan tidak pernah mengatakan apakah hari-hari "
        "itu berturut-turut): tidak ada yang dipotong atau disebut karena rangkaian itu; "
        "periksa kehadiran harian mereka, atau isi kolom rangkaian yang disebut langkah itu "
        "(dari log harian)",
    ),
    "paid_without_appraisal": (
        "{value} of {total} paid employees have no appraisal (SKP) row for {period}: rule set "
        "'{ruleset}' pays them under its rule for a missing appraisal (check the appraisal "
        "sheet if they were assessed)",
        "{value} dari {total} pegawai yang dibayar tidak memiliki baris penilaian SKP pada "
        "{period}: aturan '{ruleset}' membayar mereka menurut ketentuannya untuk SKP yang "
        "tidak ada (periksa sheet Penilaian SKP bila mereka sudah dinilai)",
    ),
    "paid_without_attendance": (
        "{value} of {total} paid employees have no attendance row for {period}: rule set "
        "'{ruleset}' pays them as if they had no absence (check the attendance sheet)",
        "{value} dari {total} pegawai yang dibayar tidak memiliki baris kehadiran pada "
        "{period}: aturan '{ruleset}' membayar mereka seolah-olah tidak pernah absen "
        "(periksa sheet Kehadiran)",
    ),
    "money_over_pagu": (
        "{value} work item(s) spent more than their pagu by the end of {period}, and step(s) "
        "{step} score their OPD on that spending: the score counts it as performance. Running "
        "totals typed as the month's spending, or a pagu not updated after the APBD-P? Correct "
        "the data before paying. Items (OPD): {items}",
        "{value} program/kegiatan membelanjakan lebih dari pagunya sampai akhir {period}, dan "
        "langkah {step} menilai OPD-nya dari belanja itu: nilai menghitungnya sebagai kinerja. "
        "Angka kumulatif diisi sebagai realisasi bulan, atau pagu belum diperbarui setelah "
        "APBD-P? Perbaiki data sebelum membayar. Item (OPD): {items}",
    ),
    "rollup_own_unscored": (
        "{value} official(s) answer for work items that give no score for {period} (no "
        "indicator, or none with a target), so step(s) {step} took their score from the next "
        "source of their list (their superior, their unit...) instead of their own items: "
        "set the targets so that they are measured. Positions (items): {positions}",
        "{value} pejabat bertanggung jawab atas program/kegiatan yang tidak memberi nilai "
        "untuk {period} (tanpa indikator, atau tanpa target), sehingga langkah {step} "
        "mengambil nilainya dari sumber berikutnya (atasan, unit...) bukan dari kegiatannya "
        "sendiri: tetapkan targetnya agar kinerjanya terukur. Jabatan (kegiatan): {positions}",
    ),
    "duplicate_rows_read_once": (
        "{value} row(s) of {table} repeat another row of the same employee and period, the "
        "same in every column, and were read once (each pair is one row entered twice, so "
        "nobody is rejected for it; remove the copies): {rows}",
        "{value} baris {table} mengulang baris lain untuk pegawai dan periode yang sama, sama "
        "di setiap kolom, dan dibaca sekali (setiap pasangan adalah satu baris yang diisi dua "
        "kali, sehingga tidak ada yang ditolak karenanya; hapus salinannya): {rows}",
    ),
    "flow_target_longer_period": (
        "{value} summed indicator(s) have no target for {period}, only one for a longer "
        "period around it (a quarter's or year's plan, which a summed indicator does not "
        "split into months): step(s) {step} leave them out of the score, and an official "
        "whose work items hold nothing else is scored from another source or rejected. Set a "
        "target for each period paid, or pay per quarter. Indicators (work item, period of "
        "the target): {indicators}",
        "{value} indikator yang dijumlahkan tidak bertarget untuk {period}, hanya untuk "
        "periode yang lebih panjang (target triwulan atau tahun, yang tidak dibagi ke bulan "
        "untuk indikator yang dijumlahkan): langkah {step} tidak menilainya, dan pejabat yang "
        "kegiatannya hanya berisi indikator itu dinilai dari sumber lain atau ditolak. "
        "Tetapkan target untuk setiap periode pembayaran, atau bayar per triwulan. Indikator "
        "(kegiatan, periode targetnya): {indicators}",
    ),
    "flow_reports_unplanned": (
        "{value} summed indicator(s) have reports inside {period} for months without a "
        "target (and no target for {period} itself): step(s) {step} compare only the months "
        "planned, so those reports are left out of the ratio. If a month's target was "
        "forgotten, add it; type 0 if nothing was planned but what was done should count. "
        "Indicators (work item, reports left out): {indicators}",
        "{value} indikator yang dijumlahkan memiliki laporan di dalam {period} untuk bulan "
        "yang tidak bertarget (dan {period} sendiri tidak bertarget): langkah {step} hanya "
        "membandingkan bulan yang direncanakan, sehingga laporan itu tidak ikut dihitung. "
        "Jika target bulan itu terlewat, isikan; isi 0 bila tidak direncanakan tetapi hasilnya "
        "tetap dihitung. Indikator (kegiatan, laporan yang tidak dihitung): {indicators}",
    ),
    "flow_reports_partly_unplanned": (
        "{value} summed indicator(s) have a report inside {period} over months with a target "
        "and months without (a quarter's recap beside monthly targets, and no target for "
        "{period} itself): a report cannot be split, so step(s) {step} counted it whole, the "
        "output of the months without a target included. Add those months' targets (0 if "
        "nothing was planned), or report the months apart. Indicators (work item, reports "
        "counted whole): {indicators}",
        "{value} indikator yang dijumlahkan memiliki laporan di dalam {period} yang mencakup "
        "bulan bertarget dan bulan tanpa target (rekap triwulan di samping target bulanan, "
        "dan {period} sendiri tidak bertarget): laporan tidak dapat dibagi, sehingga langkah "
        "{step} menghitungnya utuh, termasuk hasil bulan yang tidak bertarget. Isikan target "
        "bulan-bulan itu (0 bila tidak direncanakan), atau laporkan per bulan. Indikator "
        "(kegiatan, laporan yang dihitung utuh): {indicators}",
    ),
    "opd_unreported": (
        "{value} OPD(s) have indicators with a target for {period} but not one realisation that "
        "step(s) {step} count (none reported, or none at status {status} or above): under "
        "missing_realisation: zero those indicators score 0, so every official and staff member "
        "scored from them is paid on 0 % output achievement. If their e-Pantau data were not "
        "loaded, load them before paying. OPDs (indicators with a target): {opds}",
        "{value} OPD memiliki indikator bertarget untuk {period} tetapi tidak satu pun "
        "realisasinya dihitung oleh langkah {step} (tidak dilaporkan, atau belum berstatus "
        "{status} atau lebih): dengan missing_realisation: zero indikator itu bernilai 0, "
        "sehingga semua pejabat dan staf yang nilainya diambil darinya dibayar dengan capaian "
        "0 %. Jika data e-Pantau-nya belum dimuat, muat sebelum membayar. OPD (indikator "
        "bertarget): {opds}",
    ),
    "unplaced_rejected_rows": (
        "{value} rejected row(s) of {table} may be for {period} but name no indicator or work "
        "item of the data (an unknown id): no score reads them, and nobody is stopped for "
        "them. Rows: {rows}",
        "{value} baris {table} yang ditolak mungkin untuk {period} tetapi tidak merujuk ke "
        "indikator atau program/kegiatan mana pun dalam data (ID tidak dikenal): tidak ada "
        "nilai yang membacanya, dan tidak ada pegawai yang dihentikan karenanya. Baris: {rows}",
    ),
    "unmatched_rejected_rows": (
        "{value} rejected row(s) of {table} may be for {period} but match no employee (the "
        "NIP is unreadable, mistyped or nobody's): {effect} Rows: {rows}",
        "{value} baris {table} yang ditolak mungkin untuk {period} tetapi tidak cocok dengan "
        "pegawai mana pun (NIP tidak terbaca, salah ketik atau bukan milik siapa pun): "
        "{effect} Baris: {rows}",
    ),
    # what such rows do to the employees they were meant for ({effect} above): a table the
    # rules can do without, or an earlier month a step reads, is read without them; the
    # period's row of a table the rules require (``requires``) leaves its employee unpaid
    "unmatched_effect_paid": (
        "the employees they were meant for are paid without them.",
        "pegawai yang dimaksud dibayar tanpa baris itu.",
    ),
    "unmatched_effect_unpaid": (
        "the employee each was meant for, left without a row for {period}, is not paid "
        "(missing_input_row) until the NIP is corrected.",
        "pegawai yang dimaksud, bila karenanya tanpa baris untuk {period}, tidak dibayar "
        "(missing_input_row) sampai NIP-nya dibetulkan.",
    ),
    "weights_sum": ("{detail}", "{detail}"),
    "empty_table": ("{detail}", "{detail}"),
    "receipt_invalid": (
        "'{value}' holds no tukin receipt: {detail}",
        "'{value}' tidak berisi kuitansi tukin: {detail}",
    ),
    "receipt_version_not_installed": (
        "receipt {value} was computed with the rule pack {detail}, a version this installation "
        "(tukin {installed}) does not have (versions: {versions}); the receipt was made by "
        "tukin {made_by}: install that release to verify it, or give the rule set",
        "kuitansi {value} dihitung dengan paket aturan {detail}, versi yang tidak ada pada "
        "instalasi ini (tukin {installed}; versi: {versions}); kuitansi dibuat oleh tukin "
        "{made_by}: pasang rilis itu untuk memverifikasinya, atau berikan aturannya",
    ),
    "receipt_version_mismatch": (
        "receipt {value} names the rule pack {detail}, but its rule fingerprint is that of "
        "{found}: the version in the receipt does not match its rules (was the receipt "
        "edited?); verify with --rules {found} (load_ruleset('{found}')) to compare the rest",
        "kuitansi {value} menyebut paket aturan {detail}, tetapi sidik aturannya adalah sidik "
        "{found}: versi pada kuitansi tidak cocok dengan aturannya (kuitansi diubah?); "
        "verifikasi dengan --rules {found} (load_ruleset('{found}')) untuk membandingkan sisanya",
    ),
    "receipt_version_unknown": (
        "receipt {value} names the rule pack {detail}, a version this installation does not "
        "have (versions: {versions}), although the receipt says it was made by this same "
        "tukin {installed}: the version in the receipt was edited, or the rules were not the "
        "pack's: give the rule set it was computed with",
        "kuitansi {value} menyebut paket aturan {detail}, versi yang tidak ada pada instalasi "
        "ini (versi: {versions}), padahal kuitansi menyatakan dibuat oleh tukin {installed} "
        "yang sama: versi pada kuitansi diubah, atau aturannya bukan aturan paket: berikan "
        "aturan yang dipakai saat perhitungan itu",
    ),
    "receipt_rules_unknown": (
        "receipt {value} was computed with the rule set {detail}, which is no packaged rule "
        "pack version (a rule file of its own, a pack with changed parameters, or a pack this "
        "tukin does not ship): give the rule set it was computed with",
        "kuitansi {value} dihitung dengan aturan {detail}, yang bukan versi paket aturan "
        "bawaan (berkas aturan sendiri, paket dengan parameter diubah, atau paket yang tidak "
        "disertakan tukin ini): berikan aturan yang dipakai saat perhitungan itu",
    ),
    "template_version": (
        "'{value}' was made by a newer tukin (format {detail}); update tukin to read it reliably",
        "'{value}' dibuat oleh tukin yang lebih baru (format {detail}); perbarui tukin agar "
        "terbaca dengan benar",
    ),
    # annual planning (tukin.planning)
    "projection_left_out": (
        "{value} employees in service are not in the projected cost of {year} "
        "({count} employee-months; reasons: {detail}): the total, the headroom and the fit "
        "against the pagu leave them out; Projection.rejected lists them",
        "{value} pegawai yang aktif bertugas tidak masuk dalam proyeksi biaya tahun {year} "
        "({count} pegawai-bulan; alasan: {detail}): total, sisa pagu dan kecukupan pagu tidak "
        "menghitung mereka; daftarnya ada di Projection.rejected",
    ),
    # fragments of a projected month's ``source`` (tukin._year_inputs); {table} is the
    # table's name, in Indonesian its sheet (Kehadiran, Penilaian...)
    "projection_assumed": ("assumed: {detail}", "asumsi: {detail}"),
    "projection_from": ("{table} from {periods}", "{table} dari {periods}"),
    "projection_table_assumed": ("{table} assumed", "{table} diasumsikan"),
    "projection_other_periods": (
        "{n} other periods ({rows})",
        "{n} periode lain ({rows})",
    ),
    "projection_assumed_clean": ("assumed clean ({n})", "diasumsikan tanpa pelanggaran ({n})"),
    "projection_assumed_rating": ("assumed {rating} ({n})", "diasumsikan {rating} ({n})"),
    "pagu_opd_missing": (
        "the per-OPD pagu names no pagu for OPD {value}: their cost is in the projection, but "
        "not checked against a budget of their own",
        "pagu per OPD tidak memuat pagu untuk OPD {value}: biayanya ada dalam proyeksi, tetapi "
        "tidak diperiksa terhadap pagunya sendiri",
    ),
    "multiplier_under_ceiling": (
        "at × {value} the ceiling step(s) {steps} cut the allowance by {amount_en} over "
        "{months} month(s): the year fits the pagu because those ceilings scale everyone down, "
        "not because the base fits (a larger multiplier would fit too). To find the base the "
        "pagu affords, search with a rule set without those steps",
        "pada × {value} langkah pagu (ceiling) {steps} memotong tunjangan sebesar {amount_id} "
        "dalam {months} bulan: biaya setahun masuk pagu karena pagu itu mengurangi tunjangan "
        "semua pegawai, bukan karena besaran dasarnya muat (pengali yang lebih besar juga akan "
        "muat). Untuk mencari besaran dasar yang dapat dibiayai pagu, cari dengan aturan tanpa "
        "langkah tersebut",
    ),
    "multiplier_zero": (
        "the pagu {pagu_en} affords no multiple of '{parameter}' at the precision {value}: "
        "× {value} costs {cost_en} in the year, so the multiplier found is 0 and pays nothing "
        "from that parameter (a finer precision, or a larger pagu)",
        "pagu {pagu_id} tidak cukup untuk kelipatan '{parameter}' mana pun pada ketelitian "
        "{value}: × {value} memerlukan {cost_id} setahun, sehingga pengali yang ditemukan 0 dan "
        "tidak membayar apa pun dari parameter itu (perhalus ketelitian, atau perbesar pagu)",
    ),
    # responsibility hierarchy and monitoring roll-ups
    "no_rollup_score": (
        "no achievement score for position '{value}': no work item, unit or superior with "
        "counted indicators, and no other source declared",
        "tidak ada nilai capaian untuk jabatan '{value}': tidak ada sub kegiatan, unit atau "
        "atasan dengan indikator yang dihitung, dan tidak ada sumber lain yang ditetapkan",
    ),
    "rollup_flows_longer_target": (
        "its summed indicators {value} have a target for a longer period only, none for "
        "{period}: a quarter's or year's plan is not split into months, so they are left "
        "out; set a target for each period paid",
        "indikatornya yang dijumlahkan {value} hanya bertarget untuk periode yang lebih "
        "panjang, tidak untuk {period}: target triwulan atau tahun tidak dibagi ke bulan, "
        "sehingga tidak dinilai; tetapkan target untuk setiap periode pembayaran",
    ),
    "no_opd_score": (
        "no score for OPD '{value}' in the period (no indicators, budget or plan reported)",
        "tidak ada nilai untuk OPD '{value}' pada periode ini (tidak ada indikator, pagu atau "
        "rencana yang dilaporkan)",
    ),
    "below_bands": (
        "the OPD score is below the lowest band ({value}) and no factor is set for it",
        "nilai OPD di bawah kategori terendah ({value}) dan tidak ada faktor untuknya",
    ),
    "column_total_too_large": (
        "table {table}, column {column}: the {count} amounts add up to more than {limit}, the "
        "largest total tukin adds exactly; check the amounts",
        "tabel {table}, kolom {column}: {count} nilai berjumlah lebih dari {limit}, jumlah "
        "terbesar yang dijumlahkan tukin dengan tepat; periksa nilai-nilainya",
    ),
    # what a rule set reads that the data lacks: the detail of a calculation that cannot
    # go on (calculation_failed), and `tukin validate --rules` telling it before the run;
    # named as the clerk's sheets and headers
    "formula_text_arithmetic": (
        "'{name}' is text (e.g. ya / tidak), and arithmetic needs numbers: compare it "
        'instead, e.g. if_({name} == "ya", 1, 0)',
        "'{name}' berisi teks (mis. ya / tidak), sedangkan hitungan memerlukan angka: "
        'bandingkan saja, mis. if_({name} == "ya", 1, 0)',
    ),
    "formula_text_cell": (
        "'{name}' is text, and arithmetic needs numbers: {where}: '{cell}' is no number "
        "({count} such cell(s) in the column); write the amount as a number (1.250.000 or "
        "Rp 1.250.000,00)",
        "'{name}' berisi teks, sedangkan hitungan memerlukan angka: {where}: '{cell}' bukan "
        "angka ({count} sel seperti itu di kolom ini); tulis jumlahnya sebagai angka "
        "(1.250.000 atau Rp 1.250.000,00)",
    ),
    "formula_condition": (
        "'{name}' is not a yes/no: a condition is a comparison or a yes/no column, e.g. "
        'if_({name} > 0, ...) or if_({name} == "ya", ...)',
        "'{name}' bukan ya/tidak: syarat berupa perbandingan atau kolom ya/tidak, mis. "
        'if_({name} > 0, ...) atau if_({name} == "ya", ...)',
    ),
    "missing_input_columns": (
        "step '{value}' of rule set '{ruleset}' reads column(s) {columns_en} that the data does "
        "not have: add them (as extra columns of the employees, positions, units or "
        "appraisals sheet) or correct their names in the rule file",
        "langkah '{value}' pada aturan '{ruleset}' membaca kolom {columns_id} yang tidak ada "
        "pada data: tambahkan kolom itu (sebagai kolom tambahan sheet Pegawai, Jabatan, Unit "
        "atau Penilaian SKP) atau perbaiki namanya di berkas aturan",
    ),
    "missing_attendance_codes": (
        "{where_en} has no column for the attendance code(s) {codes_en} that rule set "
        "'{ruleset}' reads (its code columns: {found_en}); add columns with these headers (an "
        "empty cell counts 0) or rename the headers that mean them",
        "{where_id} tidak memiliki kolom kode kehadiran {codes_id} yang dibaca aturan '{ruleset}' "
        "(kolom kode yang ada: {found_id}); tambahkan kolom dengan judul tersebut (sel kosong "
        "dihitung 0) atau ganti judul kolom yang dimaksud",
    ),
    "missing_attendance_sheet": (
        "{where_en} does not exist, and rule set '{ruleset}' reads the attendance code(s) "
        "{codes_en} from it; add it, one row per employee and month",
        "{where_id} tidak ada, padahal aturan '{ruleset}' membaca kode kehadiran {codes_id} "
        "darinya; tambahkan, satu baris per pegawai per bulan",
    ),
    "missing_appraisal_sheet": (
        "{where_en} has no rows, but rule set '{ruleset}' reads the SKP ratings from it "
        "(step '{value}'): every employee would be paid under its rule for a missing "
        "appraisal",
        "{where_id} tidak berisi baris, padahal aturan '{ruleset}' membaca "
        "rating SKP darinya (langkah '{value}'): setiap pegawai akan dibayar menurut ketentuan "
        "untuk SKP yang tidak ada",
    ),
    "rating_not_predikat": (
        "a final predikat (Sangat Baik, Baik, ...) is not accepted here, only the two ratings "
        "of PermenPANRB 6/2022, work results and work behaviour",
        "predikat akhir (Sangat Baik, Baik, ...) tidak diterima di sini, hanya dua rating "
        "PermenPANRB 6/2022: hasil kerja dan perilaku kerja",
    ),
    # why a step cannot go on: the ``detail_code`` of calculation_failed (and of
    # ceiling_infeasible), so the whole sentence follows the reader's language; step ids,
    # columns and values as the rule file and the data write them
    "ambiguous_column": (
        "name '{name}' could be any of the columns {columns}: rename them",
        "nama '{name}' dapat berarti salah satu dari kolom {columns}: ganti nama kolom-kolom "
        "tersebut",
    ),
    "unknown_column": (
        "column '{column}' is neither an input column nor an earlier step",
        "kolom '{column}' bukan kolom masukan maupun hasil langkah sebelumnya",
    ),
    "declared_column_type": (
        "column '{column}' is declared {type} in the rule file {ruleset} (columns:), but "
        "{count} cell(s) hold something else, first NIP {nip}: {value}. Type the column as "
        "{type}, or leave a cell blank to take the rule file's default",
        "kolom '{column}' dideklarasikan {type} dalam berkas aturan {ruleset} (columns:), "
        "tetapi {count} sel berisi hal lain, pertama NIP {nip}: {value}. Isi kolom itu "
        "sebagai {type}, atau kosongkan selnya untuk memakai nilai bawaan berkas aturan",
    ),
    "column_not_numeric": (
        "column '{column}' is not numeric",
        "kolom '{column}' tidak berisi angka",
    ),
    "invalid_text": (
        "'{value}' holds half of a character (shown as \ufffd): the sending program cut the "
        "text inside a character; send whole characters",
        "'{value}' memuat separuh karakter (ditampilkan sebagai \ufffd): program pengirim "
        "memotong teks di tengah karakter; kirim karakter utuh",
    ),
    "column_not_text": (
        "column '{column}' is numeric, not text",
        "kolom '{column}' berisi angka, bukan teks",
    ),
    "rule_gave_no_column": (
        "the rule gave {kind}, not a column",
        "jenis aturan menghasilkan {kind}, bukan kolom",
    ),
    "rule_column_length": (
        "the rule returned a column of the wrong length",
        "jenis aturan menghasilkan kolom dengan jumlah baris yang tidak sesuai",
    ),
    "needs_dataset": (
        "this rule reads the monitoring tables: pass a Dataset",
        "jenis aturan ini membaca tabel monitoring kinerja: berikan sebuah Dataset",
    ),
    "no_realisation_for": (
        "no realisation in {column} ({count} employee(s), first NIP {nip})",
        "tidak ada realisasi pada {column} ({count} pegawai, NIP pertama {nip})",
    ),
    "target_zero_in": (
        "target is zero in {column} ({count} employee(s), first NIP {nip})",
        "target bernilai nol pada {column} ({count} pegawai, NIP pertama {nip})",
    ),
    "below_first_band": (
        "{column} is below the first band {band} ({count} employee(s), first NIP {nip})",
        "{column} di bawah rentang pertama {band} ({count} pegawai, NIP pertama {nip})",
    ),
    "above_last_band": (
        "{column} is above the last band {band} ({count} employee(s), first NIP {nip})",
        "{column} di atas rentang terakhir {band} ({count} pegawai, NIP pertama {nip})",
    ),
    "between_bands": (
        "{column} is between two bands ({count} employee(s), first NIP {nip})",
        "{column} berada di antara dua rentang ({count} pegawai, NIP pertama {nip})",
    ),
    "base_not_rupiah": (
        "base '{column}' is not a rupiah column",
        "besaran dasar '{column}' bukan kolom rupiah",
    ),
    "no_working_day": (
        "{period} has no working day",
        "periode {period} tidak memiliki hari kerja",
    ),
    "attendance_column_missing": (
        "the attendance table has no column '{column}'",
        "tabel kehadiran tidak memiliki kolom '{column}'",
    ),
    "ceiling_below_protected": (
        "group '{group}': the parts that may not be scaled already total {protected_en}, "
        "above the ceiling {ceiling_en}",
        "kelompok '{group}': bagian yang tidak boleh dikurangi sudah berjumlah {protected_id}, "
        "melebihi pagu {ceiling_id}",
    ),
    "ceiling_input_not_rupiah": (
        "'{column}' is not rupiah; a ceiling caps money",
        "'{column}' bukan rupiah; pagu hanya membatasi jumlah uang",
    ),
    "ceiling_input_not_whole": (
        "'{column}' is not whole rupiah: round it first",
        "'{column}' bukan rupiah bulat: bulatkan terlebih dahulu",
    ),
    "ceiling_input_negative": (
        "'{column}' has negative amounts; a ceiling cannot scale them",
        "'{column}' berisi jumlah negatif; pagu tidak dapat menyesuaikannya",
    ),
    "performance_part_above": (
        "the performance part '{part}' is above '{column}' for some rows",
        "bagian kinerja '{part}' melebihi '{column}' pada sebagian baris",
    ),
    "no_run_kept": (
        "this result keeps no run; recompute it to reconcile",
        "hasil ini tidak menyimpan proses perhitungannya; hitung ulang untuk rekonsiliasi",
    ),
    "no_ceiling_step": (
        "the rule set has no ceiling step",
        "aturan tidak memiliki langkah ceiling (pagu)",
    ),
    "ceiling_steps_ambiguous": (
        "the rule set has {count} ceiling steps ({steps}); name one",
        "aturan memiliki {count} langkah ceiling ({steps}); sebutkan salah satunya",
    ),
    "not_a_ceiling_step": (
        "not a ceiling step of this rule set",
        "bukan langkah ceiling pada aturan ini",
    ),
    "income_not_rupiah": ("'{column}' is not rupiah", "'{column}' bukan rupiah"),
    "pph21_not_monthly": (
        "PPh 21 is withheld per tax period, which is a calendar month (PP 58/2023, PMK "
        "168/2023), and {period} is not one: TER rates apply to a month's gross income and "
        "December's annual calculation adds one month to the year so far; calculate each "
        "month of {period} on its own",
        "PPh 21 dipotong per masa pajak, yaitu satu bulan kalender (PP 58/2023, PMK "
        "168/2023), dan {period} bukan satu bulan: tarif TER berlaku atas penghasilan bruto "
        "sebulan dan penghitungan setahun Desember menambahkan satu bulan pada tahun berjalan; "
        "hitung setiap bulan dalam {period} sendiri-sendiri",
    ),
    "december_pph21": (
        "December's PPh 21 uses the annual progressive calculation (PP 58/2023, PMK 168/2023), "
        "which this step does only when told: set december: annual (with the year's columns "
        "in annual), or december: ter to apply TER anyway",
        "PPh 21 bulan Desember dihitung dengan tarif progresif setahun (PP 58/2023, PMK "
        "168/2023), yang dilakukan langkah ini hanya bila diminta: isi december: annual "
        "(dengan kolom tahun berjalan pada annual), atau december: ter untuk tetap menerapkan "
        "TER",
    ),
    "sum_at_not_number": (
        "position_history.sum_at must name a step giving a number (an amount for the "
        "position's days), which is summed over the positions held",
        "position_history.sum_at harus menyebut langkah yang menghasilkan angka (jumlah untuk "
        "hari pada jabatan itu), yang dijumlahkan atas jabatan-jabatan yang dipegang",
    ),
    "allowance_not_rupiah": (
        "the allowance step must give rupiah (e.g. a base amount times factors, then a round step)",
        "langkah tunjangan harus menghasilkan rupiah (mis. besaran dasar dikali faktor-faktor, "
        "lalu langkah round)",
    ),
    "allowance_not_whole": (
        "the allowance is not whole rupiah: add a 'round' step at the end",
        "tunjangan bukan rupiah bulat: tambahkan langkah 'round' di akhir",
    ),
    "amount_too_large": (
        "{count} amount(s) are too large to compute exactly to the rupiah (the limit is "
        "{limit}, less for amounts with decimals): check the base amounts and parameters",
        "{count} nilai terlalu besar untuk dihitung tepat sampai rupiah (batasnya {limit}, "
        "lebih kecil untuk nilai berdesimal): periksa besaran dasar dan parameter",
    ),
    "total_too_large": (
        "the {count} amounts of '{column}' add up to more than {limit}, the largest total "
        "tukin adds exactly: check the base amounts and parameters",
        "{count} nilai '{column}' berjumlah lebih dari {limit}, jumlah terbesar yang "
        "dijumlahkan tukin dengan tepat: periksa besaran dasar dan parameter",
    ),
    "deduction_not_whole": (
        "a deduction must be whole rupiah (add a round step)",
        "potongan harus rupiah bulat (tambahkan langkah round)",
    ),
    "group_rule_not_partitioned": (
        "group-level rule type '{type}' cannot be partitioned by OPD",
        "jenis aturan tingkat kelompok '{type}' tidak dapat dihitung per partisi OPD",
    ),
    "ruleset_not_valid_in": (
        "the rule set is not valid in {month}",
        "aturan tidak berlaku pada {month}",
    ),
    "no_such_parameter": (
        "rule set '{ruleset}' has no such parameter",
        "aturan '{ruleset}' tidak memiliki parameter tersebut",
    ),
    "pagu_too_small": (
        "even with {parameter} at zero the year costs more than the pagu {pagu_en}",
        "bahkan dengan {parameter} bernilai nol, biaya setahun melebihi pagu {pagu_id}",
    ),
    "geometric_mean_tie": (
        "a geometric mean lies on a rounding boundary: use equal or indicator weights",
        "rata-rata geometrik jatuh tepat pada batas pembulatan: gunakan bobot equal atau indicator",
    ),
    "formula_unknown_name": (
        "name '{name}' is not a column, an earlier step or a parameter",
        "nama '{name}' bukan kolom, hasil langkah sebelumnya, maupun parameter",
    ),
    "formula_in_list": (
        "after 'in', '{name}' is neither a list written out nor a parameter holding a list",
        "setelah 'in', '{name}' bukan daftar yang ditulis langsung maupun parameter berisi daftar",
    ),
    "formula_rupiah_twice": (
        "rupiah() of something that is already rupiah",
        "rupiah() atas nilai yang sudah dalam rupiah",
    ),
    "formula_texts_compared": (
        "{left!r} is compared with {right!r}: one of them must be a column",
        "{left!r} dibandingkan dengan {right!r}: salah satunya harus berupa kolom",
    ),
    "formula_text_number": (
        "'{name}' compares a text with a number, which are never equal: write the number in "
        'quotes ("101") where the column holds text, or compare a column of numbers',
        "'{name}' membandingkan teks dengan angka, yang tidak pernah sama: tulis angkanya "
        'dalam tanda kutip ("101") bila kolomnya berisi teks, atau bandingkan kolom angka',
    ),
    "formula_text_flag": (
        "'{name}' compares a yes/no column with a text, which are never equal: use the "
        "column itself, if_(flag, ...), or compare it with 1 or 0",
        "'{name}' membandingkan kolom ya/tidak dengan teks, yang tidak pernah sama: pakai "
        "kolomnya langsung, if_(flag, ...), atau bandingkan dengan 1 atau 0",
    ),
    "formula_text_comparison": (
        "text can only be compared with == or !=",
        "teks hanya dapat dibandingkan dengan == atau !=",
    ),
    "formula_unit": (
        "formula gives {unit_en}, but unit: {declared} was declared",
        "rumus menghasilkan {unit_id}, padahal dinyatakan unit: {declared}",
    ),
    # the daily attendance log (tukin.daylog)
    "invalid_time": (
        "'{value}' is not a time of day: write 07:30 or 07:30:15 (or 07.30)",
        "'{value}' bukan jam: tulis 07:30 atau 07:30:15 (atau 07.30)",
    ),
    "time_as_number": (
        "'{value}' is a number, not a time: the cell has lost its time format; format the "
        "cell as a time (hh:mm) and check it",
        "'{value}' adalah angka, bukan jam: format jam sel hilang; format sel sebagai Waktu "
        "(hh:mm) lalu periksa",
    ),
    "punch_datetime_disagrees": (
        "'{value}' is not the scan the date and time columns beside it give ({said}): which "
        "is right is unknown; correct the row",
        "'{value}' bukan scan yang diberikan kolom tanggal dan jam di sebelahnya ({said}): "
        "tidak diketahui mana yang benar; perbaiki baris ini",
    ),
    "time_other_day": (
        "'{value}' is on another day than the row's date {date}",
        "'{value}' jatuh pada hari lain dari tanggal baris ini, {date}",
    ),
    "log_outside_period": (
        "{value} is not in the month tallied ({period}): the row is another month's",
        "{value} tidak termasuk bulan yang direkap ({period}): baris ini milik bulan lain",
    ),
    "log_unknown_employee": (
        "NIP {value} is not in the employees table",
        "NIP {value} tidak ada di tabel pegawai",
    ),
    "log_duplicate_day": (
        "this NIP has more than one row for {value}: which one is right cannot be told; "
        "keep one row per employee and day",
        "NIP ini memiliki lebih dari satu baris untuk {value}: tidak dapat ditentukan mana "
        "yang benar; sisakan satu baris per pegawai per hari",
    ),
    "log_out_before_in": (
        "check-out {value} is before check-in {check_in}",
        "jam pulang {value} lebih awal dari jam masuk {check_in}",
    ),
    "log_column_twice": (
        "headers '{value}' and '{other}' both read as {column}: keep one. In a fingerprint "
        "machine's export, Jam Masuk / Jam Pulang are often the scheduled hours and Scan "
        "Masuk / Scan Pulang the scans: keep the scans",
        "judul '{value}' dan '{other}' sama-sama dibaca sebagai {column}: sisakan satu. Pada "
        "ekspor mesin sidik jari, Jam Masuk / Jam Pulang sering berisi jam kerja terjadwal "
        "dan Scan Masuk / Scan Pulang hasil pindaian: sisakan hasil pindaian",
    ),
    "log_employee_withheld": (
        "no attendance row: {n} of this employee's log rows in the month were rejected; "
        "correct them and tally again",
        "tidak ada baris kehadiran: {n} baris log pegawai ini pada bulan itu ditolak; "
        "perbaiki lalu rekap ulang",
    ),
    "log_employee_unclaimed": (
        "no attendance row: log rows of {value} have no readable NIP, and this employee in "
        "service has no row on those working days: they may be theirs; give every row its NIP "
        "and tally again",
        "tidak ada baris kehadiran: baris log tanggal {value} tidak memiliki NIP yang terbaca, "
        "dan pegawai ini (masih bertugas) tidak memiliki baris pada hari kerja itu: baris itu "
        "mungkin miliknya; isi NIP di setiap baris lalu rekap ulang",
    ),
    "log_roster_gap": (
        "no attendance row: the roster names this employee in the month but lists no shift "
        "for {days} working day(s) ({value}): a roster cut short or a row lost is likelier "
        "than office hours on those dates; add a row for each (a shift, or a day off such "
        "as libur) and tally again, or, for staff on office hours whom the roster names only "
        "on duty days, write unrostered: hours in the schedule",
        "tidak ada baris kehadiran: jadwal dinas memuat pegawai ini pada bulan itu tetapi "
        "tidak mencantumkan shift untuk {days} hari kerja ({value}): jadwal yang terpotong "
        "atau baris yang hilang lebih mungkin daripada jam kantor pada tanggal itu; tambahkan "
        "satu baris untuk setiap tanggal (sebuah shift, atau hari libur seperti libur) lalu "
        "rekap ulang, atau, untuk pegawai berjam kantor yang hanya dicantumkan pada hari "
        "piket, tulis unrostered: hours pada jadwal",
    ),
    "log_employee_no_rows": (
        "no attendance row: NIP {nip} is in service on {days} working day(s) of {period} and "
        "has no log row at all that month: the log may be another office's or machine's, or "
        "cut short, rather than a month of absence; tally a log holding this employee's "
        "rows, or, if the rule counts such a month absent, write no_rows: absent in the "
        "schedule",
        "tidak ada baris kehadiran: NIP {nip} bertugas pada {days} hari kerja bulan {period} "
        "dan sama sekali tidak memiliki baris log bulan itu: log itu mungkin milik kantor "
        "atau mesin lain, atau terpotong, bukan sebulan tidak masuk; rekap log yang memuat "
        "baris pegawai ini, atau, bila aturannya menghitung bulan seperti itu sebagai tidak "
        "masuk, tulis no_rows: absent pada jadwal",
    ),
    "log_present_no_times": (
        "status '{value}' says the employee was at work, but the row has neither a check-in "
        "nor a check-out: enter the times, or the status the day had; a rule that counts such "
        "a day says so in the schedule (present_no_times)",
        "status '{value}' menyatakan pegawai masuk kerja, tetapi baris ini tidak memiliki jam "
        "masuk maupun jam pulang: isi jamnya, atau status hari itu yang sebenarnya; aturan "
        "yang menghitung hari seperti itu menyatakannya pada jadwal (present_no_times)",
    ),
    "log_status_column_unread": (
        "column '{value}' is not read by the log, yet {count} of its cells hold day statuses "
        "({statuses}): those days would count as days without a status. Rename its header "
        "to Keterangan (or Status), or delete the column if its statuses are in the status "
        "column already",
        "kolom '{value}' tidak dibaca sebagai bagian log, padahal {count} selnya berisi "
        "keterangan hari ({statuses}): hari-hari itu akan dihitung tanpa keterangan. Ganti "
        "judulnya menjadi Keterangan (atau Status), atau hapus kolom itu bila keterangannya "
        "sudah ada di kolom keterangan",
    ),
    "log_shape_ambiguous": (
        "the log has check-in / check-out columns ({value}) and scan columns ({other}): "
        "whether it is a daily log or a punch log (one row per scan) cannot be told; delete "
        "the columns of the other kind, or say which it is (--shape day or --shape punch)",
        "log memiliki kolom jam masuk / jam pulang ({value}) dan kolom scan ({other}): tidak "
        "dapat ditentukan apakah log harian atau log scan (satu baris per scan); hapus kolom "
        "jenis yang lain, atau sebutkan jenisnya (--shape day atau --shape punch)",
    ),
    "log_shape_mismatch": (
        "the log was said to be of shape '{shape}', but its columns {value} are those of the "
        "other shape (day: one row per employee and day with check-in and check-out; punch: "
        "one row per scan): it is not read on a guess",
        "log disebut berjenis '{shape}', tetapi kolom {value} milik jenis yang lain (day: "
        "satu baris per pegawai per hari dengan jam masuk dan jam pulang; punch: satu baris "
        "per scan): tidak dibaca dengan menebak",
    ),
    "log_shape_unknown": (
        "'{value}' is no log shape: day or punch",
        "'{value}' bukan jenis log: day atau punch",
    ),
    "punch_ids_no_map": (
        "the punch log names the machine's user ids, not NIPs ({count} of them, e.g. "
        "'{example}'): give the table of each id's NIP (--ids ids.csv, two columns: ID and NIP)",
        "log scan memuat ID pengguna mesin, bukan NIP ({count} di antaranya, mis. "
        "'{example}'): berikan tabel NIP setiap ID (--ids ids.csv, dua kolom: ID dan NIP)",
    ),
    "punch_id_unmapped": (
        "machine id '{value}' is not in the id table: add its NIP (another office's user on "
        "a shared machine: add it too, with that person's NIP)",
        "ID mesin '{value}' tidak ada di tabel ID: tambahkan NIP-nya (pengguna kantor lain "
        "pada mesin bersama: tambahkan juga, dengan NIP orang itu)",
    ),
    "punch_id_not_ours": (
        "machine id '{value}' is not ours (its NIP in the id table is '-': another office's "
        "user on a shared machine): its scans are set aside, no fault",
        "ID mesin '{value}' bukan pegawai kita (NIP-nya di tabel ID ditulis '-': pengguna "
        "kantor lain pada mesin bersama): scan-nya disisihkan, bukan kesalahan",
    ),
    "roster_day_twice": (
        "this NIP has more than one roster row for {value}: which shift is right cannot be told",
        "NIP ini punya lebih dari satu baris jadwal dinas untuk {value}: shift mana yang benar "
        "tidak dapat diketahui",
    ),
    "roster_other_month": (
        "the roster names no date of {period} (its dates run {value}): another month's "
        "roster, which would judge every shift worker by office hours; give the roster of "
        "{period}",
        "jadwal dinas tidak memuat satu pun tanggal {period} (tanggalnya {value}): jadwal "
        "bulan lain, yang akan menilai setiap pegawai shift dengan jam kantor; berikan "
        "jadwal dinas {period}",
    ),
    "punch_off_shift": (
        "scan '{value}' is near no shift of this employee's roster on a date the roster names "
        "(a day off, or hours away from the shift): not read as a mark of any day",
        "scan '{value}' tidak dekat dengan shift mana pun dalam jadwal dinas pegawai ini pada "
        "tanggal yang dimuat jadwal (hari libur, atau berjam-jam dari shift): tidak dibaca "
        "sebagai absen hari mana pun",
    ),
    "datetime_time_zone": (
        "'{value}' names a time zone ({zone}): the schedule's hours are the office's own "
        "time, and which clock the export kept cannot be told; remove the zone if these are "
        "the office's times, or convert them to the office's time first",
        "'{value}' menyebut zona waktu ({zone}): jam kerja pada jadwal adalah waktu kantor "
        "setempat, dan jam mana yang dipakai ekspor itu tidak dapat diketahui; hapus zona "
        "itu bila jamnya sudah waktu kantor, atau ubah dulu ke waktu kantor",
    ),
    "punch_scan_before_overtime": (
        "scan '{value}' lies inside shift {shift} before its end, and the day's departure is "
        "an overtime scan at {departure}: the day is read first in, last out (worked to "
        "{departure}); if the employee left at this scan, correct the day (an early "
        "departure or a permit). No fault",
        "scan '{value}' berada di dalam shift {shift} sebelum shift berakhir, dan jam pulang "
        "hari itu adalah scan lembur pukul {departure}: hari itu dibaca scan pertama masuk, "
        "scan terakhir pulang (bekerja sampai {departure}); bila pegawai pulang pada scan "
        "ini, perbaiki hari itu (pulang sebelum waktunya atau izin). Bukan kesalahan",
    ),
    "punch_shift_swap": (
        "scan '{value}' is near no shift the roster gives this employee, but with their other "
        "scans set aside it fits shift {shift} of {date}: a swap (tukar dinas) the roster "
        "does not say? Not counted as that shift: correct the roster and tally again",
        "scan '{value}' tidak dekat dengan shift mana pun yang diberikan jadwal dinas kepada "
        "pegawai ini, tetapi bersama scan lain yang disisihkan cocok dengan shift {shift} "
        "tanggal {date}: tukar dinas yang tidak tercatat di jadwal? Tidak dihitung sebagai "
        "shift itu: perbaiki jadwal dinas lalu rekap ulang",
    ),
    "punch_ids_unused": (
        "an id table (--ids) was given, but the log names NIPs, not machine ids: it would "
        "not be used; leave it out, or delete the NIP column if the ids are to be read",
        "tabel ID (--ids) diberikan, padahal log memuat NIP, bukan ID mesin: tabel itu tidak "
        "akan dipakai; jangan sertakan, atau hapus kolom NIP bila ID yang harus dibaca",
    ),
    "datetime_as_number": (
        "'{value}' is a number, not a date and time: the cell has lost its format (as an "
        "Excel date-time it is {datetime}); format the column as a date and time "
        "(dd/mm/yyyy hh:mm) and check it",
        "'{value}' adalah angka, bukan tanggal dan jam: format sel hilang (sebagai tanggal-jam "
        "Excel nilainya {datetime}); format kolom sebagai tanggal dan jam (dd/mm/yyyy hh:mm) "
        "lalu periksa",
    ),
    "punch_nip_holds_ids": (
        "the punch log's NIP column holds the machine's user ids, not NIPs ({count} of them, "
        "e.g. '{example}'): head that column ID (or PIN) and give the table of each id's NIP "
        "(--ids ids.csv, two columns: ID and NIP)",
        "kolom NIP log scan berisi ID pengguna mesin, bukan NIP ({count} di antaranya, mis. "
        "'{example}'): beri kolom itu judul ID (atau PIN) dan berikan tabel NIP setiap ID "
        "(--ids ids.csv, dua kolom: ID dan NIP)",
    ),
    "punch_id_twice": (
        "id '{value}' is given twice with different NIPs: keep one",
        "ID '{value}' tertulis dua kali dengan NIP berbeda: sisakan satu",
    ),
    "punch_state_missing": (
        "the schedule says punch_state: use, but the punch log has no state column (Status, "
        "State: C/In, C/Out); a headerless attlog's columns are not told apart",
        "jadwal menyatakan punch_state: use, tetapi log scan tidak memiliki kolom status "
        "(Status, State: C/In, C/Out); kolom attlog tanpa judul tidak dibedakan",
    ),
    "log_no_header": (
        "'{value}' holds no header row naming the NIP (or a machine's user ID) and the date "
        "(Tanggal, or a scan's Tanggal/Waktu) in its first ten rows, nor is it a machine's "
        "attlog (id, tab, YYYY-MM-DD HH:MM:SS)",
        "'{value}' tidak memuat baris judul yang menyebut NIP (atau ID pengguna mesin) dan "
        "Tanggal (atau Tanggal/Waktu scan) pada sepuluh baris pertamanya, dan bukan attlog "
        "mesin (ID, tab, YYYY-MM-DD HH:MM:SS)",
    ),
    "log_not_a_frame": (
        "the log must be a DataFrame or the path of an .xlsx or .csv file, not {value}",
        "log harus berupa DataFrame atau jalur berkas .xlsx atau .csv, bukan {value}",
    ),
    "log_employees_frame": (
        "employees must be a Dataset or a DataFrame with a nip column, not {value}",
        "employees harus berupa Dataset atau DataFrame dengan kolom nip, bukan {value}",
    ),
    "log_employees_nip": (
        "the employees frame has a NIP that is blank, invalid or given twice (row {value})",
        "tabel pegawai memuat NIP yang kosong, tidak sah atau ganda (baris {value})",
    ),
    "log_employees_date": (
        "the employees frame's {column} in row {value} is not a date",
        "{column} tabel pegawai pada baris {value} bukan tanggal",
    ),
    "log_spells_code": (
        "spells '{value}' cannot be counted: write CODE:N (days past the first N of each "
        "spell) or CODE:N:penuh (every day of the spells of at least N days), CODE one the "
        "schedule counts ({detail}), N a whole number, such as sakit:3",
        "rangkaian sakit '{value}' tidak dapat dihitung: tulis KODE:N (hari setelah N hari "
        "pertama tiap rangkaian) atau KODE:N:penuh (semua hari rangkaian paling sedikit N "
        "hari), KODE yang dihitung jadwal ({detail}), N bilangan bulat, misalnya sakit:3",
    ),
    "log_spells_before_month": (
        "the previous month's attendance table has no row of {value}: give the file tukin "
        "attendance wrote for {value}",
        "tabel kehadiran bulan sebelumnya tidak memuat baris {value}: berikan berkas yang "
        "ditulis tukin attendance untuk {value}",
    ),
    "log_spells_before_twice": (
        "the previous month's attendance table has NIP {detail} more than once for {value}: "
        "give one file of that month as tukin attendance wrote it",
        "tabel kehadiran bulan sebelumnya memuat NIP {detail} lebih dari sekali untuk {value}: "
        "berikan satu berkas bulan itu sebagaimana ditulis tukin attendance",
    ),
    "log_spells_before": (
        "the previous month's attendance table has no column '{value}' (for {detail}): give "
        "the file tukin attendance wrote for that month with the same --spells",
        "tabel kehadiran bulan sebelumnya tidak memiliki kolom '{value}' (untuk {detail}): "
        "berikan berkas yang ditulis tukin attendance untuk bulan itu dengan --spells yang sama",
    ),
    "log_runs_code": (
        "runs of '{value}' cannot be counted: the schedule counts no such code (it counts "
        "{detail}); name a code of the attendance table, such as tk",
        "rangkaian '{value}' tidak dapat dihitung: jadwal tidak menghitung kode itu (yang "
        "dihitung: {detail}); sebut kode tabel kehadiran, misalnya tk",
    ),
    "log_days_too_many": (
        "{value} rows do not fit in sheet '{sheet}' of '{detail}' (1,048,575 rows at most): "
        "write CSV files instead (--out absensi.csv)",
        "{value} baris tidak muat dalam sheet '{sheet}' pada '{detail}' (paling banyak "
        "1.048.575 baris): tulis berkas CSV saja (--out absensi.csv)",
    ),
    "log_tally_summary": (
        "{period}, schedule {schedule}: {n} employee(s) counted from {used} log row(s); "
        "{rejected} row(s) rejected",
        "{period}, jadwal {schedule}: {n} pegawai direkap dari {used} baris log; {rejected} "
        "baris ditolak",
    ),
    "log_withheld_summary": (
        "{n} employee(s) have no attendance row: a log row of theirs was rejected, a row "
        "without a readable NIP may be theirs, or they have no log row this month",
        "{n} pegawai tidak mendapat baris kehadiran: ada baris log mereka yang ditolak, "
        "baris tanpa NIP yang terbaca mungkin milik mereka, atau mereka tidak memiliki baris "
        "log bulan ini",
    ),
    "log_no_rows_summary": (
        "{n} of them are in service and have no log row at all in {period}, withheld rather "
        "than counted absent every day (is the log another office's, or cut short?): {nips}",
        "{n} di antaranya bertugas dan sama sekali tidak memiliki baris log pada {period}, "
        "ditahan alih-alih dihitung tidak masuk setiap hari (apakah log itu milik kantor "
        "lain, atau terpotong?): {nips}",
    ),
    "log_without_rows": (
        "{n} employee(s) in service have no log row this month and are counted: every working "
        "day they served as no record (none when they served no working day; the schedule's "
        "no_rows decides whether those who did are counted or withheld): {nips}",
        "{n} pegawai yang bertugas tidak memiliki baris log bulan ini dan tetap dihitung: setiap "
        "hari kerja yang dijalani dihitung tanpa catatan (tidak ada bila tidak menjalani hari "
        "kerja; no_rows pada jadwal menentukan apakah yang menjalaninya dihitung atau "
        "ditahan): {nips}",
    ),
    "log_statuses_unused": (
        "a status file was given (--statuses), but the log is a daily log, whose statuses "
        "are in its own status column: leave the file out, or move its statuses into the log",
        "berkas keterangan diberikan (--statuses), padahal log ini log harian, yang "
        "keterangannya ada di kolom keterangannya sendiri: jangan sertakan berkas itu, atau "
        "pindahkan keterangannya ke log",
    ),
    "punch_statuses_times": (
        "the status file has time columns ({value}): the times are the punch log's scans; "
        "delete them from the status file (it holds NIP, date and status)",
        "berkas keterangan memiliki kolom jam ({value}): jam diambil dari scan pada log scan; "
        "hapus kolom itu dari berkas keterangan (isinya NIP, tanggal dan keterangan)",
    ),
    "punch_statuses_unread": (
        "column '{value}' of the punch log holds day statuses ({count} cells: {statuses}), "
        "which a punch log does not read: those days would count as days without a scan. "
        "Give the statuses as a file of their own (--statuses: NIP, date, status) and delete "
        "the column",
        "kolom '{value}' pada log scan berisi keterangan hari ({count} sel: {statuses}), yang "
        "tidak dibaca dari log scan: hari-hari itu akan dihitung sebagai hari tanpa scan. "
        "Berikan keterangannya sebagai berkas tersendiri (--statuses: NIP, tanggal, "
        "keterangan) dan hapus kolom itu",
    ),
    "log_punch_no_statuses": (
        "read as a punch log (one row per scan): each day's first scan is the arrival, the "
        "last the departure. A punch log holds no day statuses: a day of sakit, cuti or dinas "
        "luar without a scan counts as no record; give them with --statuses",
        "dibaca sebagai log scan (satu baris per scan): scan pertama tiap hari adalah jam "
        "masuk, yang terakhir jam pulang. Log scan tidak memuat keterangan hari: hari sakit, "
        "cuti atau dinas luar tanpa scan dihitung tanpa catatan; berikan dengan --statuses",
    ),
    "log_footer_rows": (
        "rows skipped as a printout's footer (at the log's end, text in the first cell, no "
        "NIP or id, date, time or status): {value}",
        "baris yang dilewati sebagai kaki cetakan (di akhir log, teks di sel pertama, tanpa "
        "NIP atau id, tanggal, jam, atau keterangan): {value}",
    ),
    "log_ignored_columns": (
        "columns not read: {value}",
        "kolom yang tidak dibaca: {value}",
    ),
    "schedule_invalid": (
        "the work schedule is wrong: {detail}",
        "jadwal kerja salah: {detail}",
    ),
}
