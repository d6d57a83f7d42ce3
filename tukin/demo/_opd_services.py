"""Dinas and badan for public services, people and government affairs (added as the demo grows)."""

from __future__ import annotations

from tukin.demo._catalog import OpdType, opd

SERVICES: tuple[OpdType, ...] = (
    opd("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "5.03", form="badan",
        weight=2,
        bidang="Pengadaan, Pemberhentian dan Informasi; Mutasi dan Promosi; "
        "Pengembangan Kompetensi Aparatur; Penilaian Kinerja Aparatur dan Penghargaan",
        fungsional="Analis Sumber Daya Manusia Aparatur/A; Asesor SDM Aparatur/A; Widyaiswara/A",
        fungsional_share=0.3,
        programs="""
        Program Kepegawaian Daerah
            Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN
            Mutasi dan Pengembangan Karier
            Penilaian Kinerja dan Pembinaan ASN
            Pengelolaan Tambahan Penghasilan Pegawai
        Program Pengembangan Sumber Daya Manusia
            Pengembangan Kompetensi Teknis
            Pengembangan Kompetensi Manajerial dan Fungsional
            Penyelenggaraan Pelatihan Dasar CPNS
            Pengembangan Sistem Informasi Kepegawaian
        """),
    opd("DINSOS", "Dinas Sosial", "1.06", form="dinas", weight=2,
        bidang="Perlindungan dan Jaminan Sosial; Rehabilitasi Sosial; Pemberdayaan Sosial; "
        "Penanganan Fakir Miskin",
        fungsional="Pekerja Sosial/A; Penyuluh Sosial/A", fungsional_share=0.25,
        lower=("Persentase Penduduk Miskin", "%", 6.0, 10.0),
        programs="""
        Program Perlindungan dan Jaminan Sosial
            Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota
            Perlindungan Sosial Korban Bencana Alam dan Sosial
            Pemberian Jaminan Sosial bagi Keluarga Miskin
            Verifikasi dan Validasi Data Terpadu Kesejahteraan Sosial
        Program Rehabilitasi Sosial
            Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar
            Rehabilitasi Sosial Dasar Anak Terlantar
            Rehabilitasi Sosial Dasar Lanjut Usia Terlantar
            Rehabilitasi Sosial Penyandang Masalah Kesejahteraan Sosial
        """),
    opd("DISKOMINFO", "Dinas Komunikasi dan Informatika", "2.16", form="dinas", weight=2,
        bidang="Informasi dan Komunikasi Publik; Aplikasi Informatika; Statistik dan Persandian; "
        "Infrastruktur Teknologi Informasi",
        fungsional="Pranata Komputer/A; Pranata Komputer/T; Pranata Hubungan Masyarakat/A; "
        "Statistisi/A",
        fungsional_share=0.35,
        programs="""
        Program Informasi dan Komunikasi Publik
            Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah
            Pengelolaan Media Komunikasi Publik
            Layanan Hubungan Masyarakat
            Pengelolaan Pengaduan Masyarakat
        Program Aplikasi Informatika
            Pengelolaan Nama Domain dan Sub Domain
            Pengelolaan E-Government
            Pengembangan Aplikasi dan Layanan Publik Digital
            Penyelenggaraan Pusat Data Daerah
        Program Penyelenggaraan Statistik Sektoral
            Penyelenggaraan Statistik Sektoral
            Pengelolaan Portal Satu Data
            Penyusunan Buku Data Daerah
            Pengelolaan Metadata Statistik
        """),
    opd("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "2.12", form="dinas", weight=2,
        bidang="Pelayanan Pendaftaran Penduduk; Pelayanan Pencatatan Sipil; "
        "Pengelolaan Informasi Administrasi Kependudukan; Pemanfaatan Data dan Inovasi Pelayanan",
        fungsional="Administrator Database Kependudukan/A; Pranata Komputer/T",
        fungsional_share=0.2,
        lower=("Rata-rata Waktu Penerbitan Dokumen Kependudukan", "hari", 1.0, 5.0),
        programs="""
        Program Pendaftaran Penduduk
            Pelayanan Pendaftaran Penduduk
            Penyelenggaraan Pendaftaran Penduduk
            Pembinaan dan Pengawasan Penyelenggaraan Pendaftaran Penduduk
            Pelayanan Kartu Identitas Anak
        Program Pencatatan Sipil
            Pelayanan Pencatatan Sipil
            Penyelenggaraan Pencatatan Sipil
            Pelayanan Akta Kelahiran
            Pelayanan Akta Kematian
        """),
    opd("SATPOLPP", "Satuan Polisi Pamong Praja", "1.05", form="satuan", weight=2.5,
        bidang="Penegakan Peraturan Daerah; Ketertiban Umum dan Ketenteraman Masyarakat; "
        "Sumber Daya Aparatur; Perlindungan Masyarakat",
        fungsional="Polisi Pamong Praja/T; Polisi Pamong Praja/A", fungsional_share=0.5,
        programs="""
        Program Peningkatan Ketenteraman dan Ketertiban Umum
            Penanganan Gangguan Ketenteraman dan Ketertiban Umum
            Penegakan Peraturan Daerah dan Peraturan Kepala Daerah
            Pembinaan Penyidik Pegawai Negeri Sipil
            Patroli Wilayah Rawan Gangguan Ketertiban
        Program Pencegahan, Penanggulangan, Penyelamatan Kebakaran
            Pencegahan, Pengendalian, Pemadaman, Penyelamatan dan Penanganan Bahan Berbahaya
            Inspeksi Peralatan Proteksi Kebakaran
            Pemberdayaan Masyarakat dalam Pencegahan Kebakaran
            Penyediaan Sarana dan Prasarana Pemadam Kebakaran
        """),
    opd("BPBD", "Badan Penanggulangan Bencana Daerah", "1.05", form="badan", weight=1.5,
        head="Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
        bidang="Pencegahan dan Kesiapsiagaan; Kedaruratan dan Logistik; Rehabilitasi dan Rekonstruksi",
        fungsional="Analis Kebencanaan/A; Pranata Komputer/T", fungsional_share=0.15,
        lower=("Rata-rata Waktu Tanggap Darurat Bencana", "jam", 2.0, 12.0),
        programs="""
        Program Penanggulangan Bencana
            Pelayanan Informasi Rawan Bencana
            Pelayanan Pencegahan dan Kesiapsiagaan terhadap Bencana
            Pelayanan Penyelamatan dan Evakuasi Korban Bencana
            Penanganan Pascabencana
        Program Pengelolaan Logistik Kebencanaan
            Penyediaan Logistik Penyelamatan dan Evakuasi Korban Bencana
            Pengelolaan Gudang Logistik Bencana
            Penyediaan Peralatan Penanganan Darurat Bencana
            Pelatihan Relawan Penanggulangan Bencana
        """),
    opd("DPMD", "Dinas Pemberdayaan Masyarakat dan Desa", "2.13", form="dinas", weight=2,
        bidang="Pemerintahan Desa; Pemberdayaan Masyarakat; Kelembagaan dan Pembangunan Desa; "
        "Keuangan dan Aset Desa",
        fungsional="Penggerak Swadaya Masyarakat/T; Analis Kebijakan/A", fungsional_share=0.15,
        programs="""
        Program Penataan Desa
            Penyelenggaraan Penataan Desa
            Fasilitasi Penataan Batas Desa
            Pembinaan Administrasi Pemerintahan Desa
            Fasilitasi Pengelolaan Keuangan Desa
        Program Pemberdayaan Lembaga Kemasyarakatan, Lembaga Adat dan Masyarakat Hukum Adat
            Pemberdayaan Lembaga Kemasyarakatan dan Lembaga Adat
            Fasilitasi Badan Usaha Milik Desa
            Pengembangan Desa Wisata
            Peningkatan Kapasitas Aparatur Pemerintah Desa
        """),
    opd("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "2.08", form="dinas",
        weight=1.5,
        bidang="Pemberdayaan Perempuan; Perlindungan Hak Perempuan; Pemenuhan Hak Anak; "
        "Perlindungan Khusus Anak",
        fungsional="Analis Kebijakan/A; Penyuluh Sosial/A", fungsional_share=0.1,
        lower=("Jumlah Kasus Kekerasan terhadap Perempuan dan Anak", "kasus", 5.0, 20.0),
        programs="""
        Program Pengarusutamaan Gender dan Pemberdayaan Perempuan
            Pelembagaan Pengarusutamaan Gender pada Lembaga Pemerintah
            Pemberdayaan Perempuan Bidang Politik, Hukum, Sosial dan Ekonomi
            Penguatan Lembaga Penyedia Layanan Pemberdayaan Perempuan
            Penyusunan Data Gender dan Anak
        Program Perlindungan Khusus Anak
            Pencegahan Kekerasan terhadap Anak
            Penyediaan Layanan bagi Anak yang Memerlukan Perlindungan Khusus
            Penguatan Jejaring Antarlembaga Penyedia Layanan Perlindungan Anak
            Pengembangan Kabupaten Layak Anak
        """),
    opd("DISPORA", "Dinas Pemuda dan Olahraga", "2.19", form="dinas", weight=1.5,
        bidang="Kepemudaan; Olahraga; Sarana dan Prasarana",
        fungsional="Analis Kebijakan/A", fungsional_share=0.1,
        programs="""
        Program Pengembangan Kapasitas Daya Saing Kepemudaan
            Pemberdayaan dan Pengembangan Pemuda
            Pemberdayaan dan Pengembangan Organisasi Kepemudaan
            Pengembangan Kepemimpinan Pemuda
            Pengembangan Kewirausahaan Pemuda
        Program Pengembangan Daya Saing Keolahragaan
            Pembinaan dan Pengembangan Olahraga Prestasi
            Penyelenggaraan Kejuaraan Olahraga
            Pembinaan dan Pengembangan Organisasi Olahraga
            Pengelolaan Sarana dan Prasarana Olahraga
        """),
    opd("DISPUSIP", "Dinas Perpustakaan dan Kearsipan", "2.23", form="dinas", weight=1.5,
        bidang="Layanan Perpustakaan; Pengembangan Koleksi dan Pelestarian; Pengelolaan Arsip; "
        "Pembinaan Kearsipan",
        fungsional="Pustakawan/A; Pustakawan/T; Arsiparis/T; Arsiparis/A", fungsional_share=0.35,
        programs="""
        Program Pembinaan Perpustakaan
            Pengelolaan Perpustakaan Tingkat Daerah Kabupaten/Kota
            Pembudayaan Gemar Membaca
            Pengembangan Perpustakaan Digital
            Pembinaan Perpustakaan Desa dan Sekolah
        Program Pengelolaan Arsip
            Pengelolaan Arsip Dinamis Pemerintah Daerah
            Pengelolaan Arsip Statis
            Pengelolaan Simpul Jaringan Informasi Kearsipan Nasional
            Pembinaan Kearsipan Perangkat Daerah
        """),
    opd("SETWAN", "Sekretariat DPRD", "4.02", form="setwan", weight=2,
        head="Sekretaris DPRD",
        bidang="Persidangan dan Perundang-undangan; Fasilitasi Penganggaran dan Pengawasan; "
        "Hubungan Masyarakat dan Protokol",
        fungsional="Analis Kebijakan/A; Perancang Peraturan Perundang-undangan/A",
        fungsional_share=0.2,
        programs="""
        Program Dukungan Pelaksanaan Tugas dan Fungsi DPRD
            Pembentukan Peraturan Daerah dan Peraturan DPRD
            Pembahasan Kebijakan Anggaran
            Pengawasan Penyelenggaraan Pemerintahan
            Fasilitasi Tugas DPRD
        Program Penyelenggaraan Urusan Pemerintahan Umum
            Penyerapan dan Penghimpunan Aspirasi Masyarakat
            Penyelenggaraan Reses Anggota DPRD
            Peningkatan Kapasitas Anggota DPRD
            Publikasi dan Dokumentasi Kegiatan DPRD
        """),
    opd("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", "8.01", form="badan", weight=1,
        bidang="Ideologi dan Wawasan Kebangsaan; Politik Dalam Negeri; "
        "Ketahanan Ekonomi, Sosial dan Budaya; Kewaspadaan Nasional dan Penanganan Konflik",
        fungsional="Analis Kebijakan/A", fungsional_share=0.1,
        programs="""
        Program Penguatan Ideologi Pancasila dan Karakter Kebangsaan
            Perumusan Kebijakan Teknis Bidang Ideologi Pancasila dan Karakter Kebangsaan
            Pembinaan Wawasan Kebangsaan
            Pelaksanaan Forum Pembauran Kebangsaan
            Peningkatan Pemahaman Empat Pilar Kebangsaan
        Program Peningkatan Peran Partai Politik dan Lembaga Pendidikan melalui Pendidikan Politik
            Perumusan Kebijakan Teknis di Bidang Pendidikan Politik
            Pelaksanaan Kebijakan di Bidang Pendidikan Politik
            Fasilitasi Bantuan Keuangan Partai Politik
            Pemantauan Situasi Politik Daerah
        """),
    opd("DPPKB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "2.14", form="dinas",
        weight=1.5,
        bidang="Pengendalian Penduduk; Keluarga Berencana; Ketahanan dan Kesejahteraan Keluarga",
        fungsional="Penyuluh Keluarga Berencana/A; Penyuluh Keluarga Berencana/T",
        fungsional_share=0.4,
        lower=("Angka Kelahiran Total", "anak per wanita", 2.0, 2.6),
        programs="""
        Program Pembinaan Keluarga Berencana (KB)
            Pelaksanaan Advokasi, Komunikasi, Informasi dan Edukasi Pengendalian Penduduk dan KB
            Pengendalian dan Pendistribusian Kebutuhan Alat dan Obat Kontrasepsi
            Pemberdayaan Organisasi Kemasyarakatan dalam Pelayanan KB
            Pendayagunaan Penyuluh KB
        Program Pemberdayaan dan Peningkatan Keluarga Sejahtera (KS)
            Pembinaan Ketahanan dan Kesejahteraan Keluarga
            Pendampingan Keluarga Berisiko Stunting
            Pembinaan Bina Keluarga Balita
            Pembinaan Bina Keluarga Lansia
        """),
)  # fmt: skip
