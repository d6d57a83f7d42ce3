"""The core OPDs of the demo regency and its kecamatan.

Names follow Permendagri 90/2019 nomenclature as regencies use it; the kecamatan names are those
of Kutai Kartanegara, the case the demo is modelled on. Weights give Dinas Pendidikan its
teachers and Dinas Kesehatan its health workers, which dominate a regency's headcount.
"""

from __future__ import annotations

from tukin.demo._catalog import OpdType, opd

CORE: tuple[OpdType, ...] = (
    opd(
        "DISDIK", "Dinas Pendidikan", "1.01", form="dinas", weight=30, big=True,
        bidang="Pembinaan Sekolah Dasar; Pembinaan Sekolah Menengah Pertama; "
        "Pendidikan Anak Usia Dini dan Nonformal; Guru dan Tenaga Kependidikan",
        fungsional="Guru/A; Guru/A; Guru/A; Pengawas Sekolah/A; Penilik/A; Pamong Belajar/A",
        fungsional_share=0.88,
        lower=("Angka Putus Sekolah", "%", 0.5, 2.0),
        programs="""
        Program Pengelolaan Pendidikan
            Pengelolaan Pendidikan Sekolah Dasar
            Pengelolaan Pendidikan Sekolah Menengah Pertama
            Pengelolaan Pendidikan Anak Usia Dini (PAUD)
            Pengelolaan Pendidikan Nonformal/Kesetaraan
        Program Pengembangan Kurikulum
            Penetapan Kurikulum Muatan Lokal Pendidikan Dasar
            Penetapan Kurikulum Muatan Lokal PAUD dan Pendidikan Nonformal
            Pengembangan Kurikulum Berbasis Budaya Daerah
            Pendampingan Implementasi Kurikulum pada Satuan Pendidikan
        Program Pendidik dan Tenaga Kependidikan
            Pemerataan Kuantitas dan Kualitas Pendidik dan Tenaga Kependidikan
            Peningkatan Kompetensi Pendidik
            Penilaian Kinerja Pendidik dan Tenaga Kependidikan
            Pengembangan Karier Pendidik dan Tenaga Kependidikan
        """,
    ),
    opd(
        "DINKES", "Dinas Kesehatan", "1.02", form="dinas", weight=15, big=True,
        bidang="Kesehatan Masyarakat; Pencegahan dan Pengendalian Penyakit; Pelayanan Kesehatan; "
        "Sumber Daya Kesehatan",
        fungsional="Dokter/A; Perawat/T; Perawat/A; Bidan/T; Apoteker/A; Nutrisionis/T; "
        "Sanitarian/T; Epidemiolog Kesehatan/A",
        fungsional_share=0.7,
        lower=("Prevalensi Stunting pada Balita", "%", 14.0, 22.0),
        programs="""
        Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat
            Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP
            Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan
            Penyelenggaraan Sistem Informasi Kesehatan secara Terintegrasi
            Penerbitan Izin Rumah Sakit Kelas C, D dan Fasilitas Pelayanan Kesehatan
        Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan
            Pemberian Izin Praktik Tenaga Kesehatan
            Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya Manusia Kesehatan
            Pengembangan Mutu dan Peningkatan Kompetensi Teknis Sumber Daya Manusia Kesehatan
            Pendayagunaan Tenaga Kesehatan di Puskesmas Terpencil
        Program Pemberdayaan Masyarakat Bidang Kesehatan
            Advokasi, Pemberdayaan, Kemitraan dan Peningkatan Peran Serta Masyarakat
            Pelaksanaan Komunikasi Informasi dan Edukasi Perilaku Hidup Bersih dan Sehat
            Pengembangan Upaya Kesehatan Bersumber Daya Masyarakat (UKBM)
            Percepatan Penurunan Stunting Terintegrasi
        """,
    ),
    opd(
        "BAPPEDA", "Badan Perencanaan Pembangunan Daerah (Bappeda)", "5.01", form="badan",
        weight=2, big=True,
        bidang="Perencanaan, Pengendalian dan Evaluasi; Pemerintahan dan Pembangunan Manusia; "
        "Perekonomian dan Sumber Daya Alam; Infrastruktur dan Kewilayahan",
        fungsional="Perencana/A; Analis Kebijakan/A; Statistisi/A",
        fungsional_share=0.35,
        programs="""
        Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah
            Penyusunan Perencanaan dan Pendanaan
            Analisis Data dan Informasi Perencanaan Pembangunan Daerah
            Pengendalian, Evaluasi dan Pelaporan Pelaksanaan Rencana Pembangunan Daerah
            Koordinasi Sinergitas dan Harmonisasi Perencanaan Pembangunan Daerah
        Program Koordinasi dan Sinkronisasi Perencanaan Pembangunan Daerah
            Koordinasi Perencanaan Bidang Pemerintahan dan Pembangunan Manusia
            Koordinasi Perencanaan Bidang Perekonomian dan Sumber Daya Alam
            Koordinasi Perencanaan Bidang Infrastruktur dan Kewilayahan
            Penyelenggaraan Musyawarah Perencanaan Pembangunan Daerah
        Program Penelitian dan Pengembangan Daerah
            Penelitian dan Pengembangan Pemerintahan dan Pembangunan Manusia
            Penelitian dan Pengembangan Perekonomian
            Pengembangan Inovasi dan Teknologi Daerah
            Pengelolaan Data Pembangunan Daerah
        """,
    ),
    opd(
        "BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "5.02", form="badan", weight=3,
        big=True,
        bidang="Anggaran; Perbendaharaan; Akuntansi dan Pelaporan; Pengelolaan Aset",
        fungsional="Analis Keuangan Pusat dan Daerah/A; Pranata Komputer/T; Analis Kebijakan/A",
        fungsional_share=0.2,
        lower=("Jumlah Temuan BPK atas Laporan Keuangan Daerah", "temuan", 3.0, 8.0),
        programs="""
        Program Pengelolaan Keuangan Daerah
            Koordinasi dan Penyusunan Rencana Anggaran Daerah
            Koordinasi dan Pengelolaan Perbendaharaan Daerah
            Koordinasi dan Pelaksanaan Akuntansi dan Pelaporan Keuangan Daerah
            Pengelolaan Data dan Implementasi Sistem Informasi Pemerintah Daerah
        Program Pengelolaan Barang Milik Daerah
            Pengelolaan Barang Milik Daerah
            Penatausahaan Barang Milik Daerah
            Pemanfaatan Barang Milik Daerah
            Pengamanan Barang Milik Daerah
        """,
    ),
    opd(
        "PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "1.03", form="dinas", weight=4,
        big=True,
        bidang="Bina Marga; Sumber Daya Air; Cipta Karya; Penataan Ruang",
        fungsional="Teknik Jalan dan Jembatan/A; Teknik Pengairan/A; Penata Ruang/A; "
        "Teknik Tata Bangunan dan Perumahan/T",
        fungsional_share=0.3,
        lower=("Persentase Jalan Kabupaten dalam Kondisi Rusak", "%", 15.0, 30.0),
        programs="""
        Program Penyelenggaraan Jalan
            Penyelenggaraan Jalan Kabupaten/Kota
            Pembangunan dan Rehabilitasi Jembatan
            Rehabilitasi dan Pemeliharaan Jalan
            Pengawasan Mutu Konstruksi Jalan
        Program Pengelolaan Sumber Daya Air (SDA)
            Pengelolaan SDA dan Bangunan Pengaman Pantai
            Pengembangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder
            Pengendalian Banjir dan Drainase Perkotaan
            Operasi dan Pemeliharaan Bendung
        Program Penataan Bangunan Gedung
            Penyelenggaraan Bangunan Gedung
            Penataan Ruang Terbuka Hijau
            Pembangunan Gedung Kantor Pemerintah
            Penyelenggaraan Penataan Ruang
        """,
    ),
    opd(
        "SETDA", "Sekretariat Daerah", "4.01", form="setda", weight=4, big=True,
        head="Sekretaris Daerah",
        bidang="Pemerintahan; Hukum; Organisasi; Pengadaan Barang dan Jasa",
        fungsional="Analis Kebijakan/A; Perancang Peraturan Perundang-undangan/A; "
        "Pengelola Pengadaan Barang/Jasa/A",
        fungsional_share=0.2,
        programs="""
        Program Pemerintahan dan Kesejahteraan Rakyat
            Pelaksanaan Kebijakan Pemerintahan
            Pelaksanaan Kebijakan Kesejahteraan Rakyat
            Fasilitasi Kerja Sama Daerah
            Fasilitasi Penyusunan Produk Hukum Daerah
        Program Perekonomian dan Pembangunan
            Pelaksanaan Administrasi Pembangunan
            Pengelolaan Pengadaan Barang dan Jasa
            Pelaksanaan Kebijakan Perekonomian
            Pembinaan Badan Usaha Milik Daerah
        Program Penataan Organisasi dan Tata Laksana
            Penataan Kelembagaan Perangkat Daerah
            Penyusunan Analisis Jabatan dan Beban Kerja
            Pelaksanaan Reformasi Birokrasi
            Peningkatan Kualitas Pelayanan Publik
        """,
    ),
    opd(
        "INSPEKTORAT", "Inspektorat Daerah", "6.01", form="inspektorat", weight=2,
        head="Inspektur Daerah",
        bidang="Bidang Pemerintahan; Bidang Perekonomian dan Pembangunan; "
        "Bidang Kesejahteraan Rakyat; Bidang Keuangan dan Aset",
        fungsional="Auditor/A; Auditor/T; Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah/A",
        fungsional_share=0.65,
        lower=("Jumlah Temuan Audit Berulang", "temuan", 2.0, 8.0),
        programs="""
        Program Penyelenggaraan Pengawasan
            Penyelenggaraan Pengawasan Internal
            Penyelenggaraan Pengawasan dengan Tujuan Tertentu
            Reviu Laporan Keuangan dan Kinerja Pemerintah Daerah
            Evaluasi Sistem Akuntabilitas Kinerja Instansi Pemerintah
        Program Perumusan Kebijakan, Pendampingan dan Asistensi
            Perumusan Kebijakan Teknis di Bidang Pengawasan
            Pendampingan, Asistensi dan Verifikasi
            Koordinasi Pencegahan Korupsi
            Penilaian Maturitas Sistem Pengendalian Intern Pemerintah
        """,
    ),
)  # fmt: skip

KECAMATAN_NAMES = (
    "Tenggarong", "Tenggarong Seberang", "Loa Kulu", "Loa Janan", "Sebulu", "Muara Kaman",
    "Kota Bangun", "Muara Muntai", "Kenohan", "Kembang Janggut", "Tabang", "Muara Wis",
    "Anggana", "Sanga-Sanga", "Muara Jawa", "Samboja", "Marang Kayu", "Muara Badak",
)  # fmt: skip

_KECAMATAN_PROGRAMS = """
Program Penyelenggaraan Pemerintahan dan Pelayanan Publik
    Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan
    Penyelenggaraan Urusan Pemerintahan yang Tidak Dilaksanakan oleh Unit Kerja Perangkat Daerah
    Pelaksanaan Pelayanan Publik di Tingkat Kecamatan
    Koordinasi Pelayanan Administrasi Terpadu Kecamatan
Program Pemberdayaan Masyarakat Desa dan Kelurahan
    Pemberdayaan Masyarakat Desa dan Kelurahan
    Pembinaan dan Pengawasan Penyelenggaraan Pemerintahan Desa
    Koordinasi Pembangunan Desa
    Fasilitasi Musyawarah Perencanaan Pembangunan Kecamatan
Program Koordinasi Ketentraman dan Ketertiban Umum
    Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum
    Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan Kepala Daerah
    Pembinaan Wawasan Kebangsaan
    Koordinasi Pemeliharaan Sarana dan Prasarana Umum
"""

KECAMATAN: tuple[OpdType, ...] = tuple(
    opd(
        "KEC-" + name.upper().replace(" ", "").replace("-", ""),
        f"Kecamatan {name}",
        "7.01",
        form="kecamatan",
        head=f"Camat {name}",
        bidang="Pemerintahan; Ketenteraman dan Ketertiban Umum; Pemberdayaan Masyarakat dan Desa; "
        "Kesejahteraan Sosial",
        fungsional="Analis Kebijakan/A; Penyuluh Sosial/A; Arsiparis/T",
        fungsional_share=0.1,
        weight=1.5,
        programs=_KECAMATAN_PROGRAMS,
    )
    for name in KECAMATAN_NAMES
)
