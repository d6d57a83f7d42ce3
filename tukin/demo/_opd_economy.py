"""Dinas and badan for the economy, infrastructure and revenue (added as the demo grows)."""

from __future__ import annotations

from tukin.demo._catalog import OpdType, opd

ECONOMY: tuple[OpdType, ...] = (
    opd("DISTAN", "Dinas Pertanian dan Peternakan", "3.27", form="dinas", weight=3,
        bidang="Tanaman Pangan; Hortikultura dan Perkebunan; Peternakan dan Kesehatan Hewan; "
        "Penyuluhan dan Sarana Prasarana",
        fungsional="Penyuluh Pertanian/A; Penyuluh Pertanian/T; Medik Veteriner/A; "
        "Pengawas Benih Tanaman/T",
        fungsional_share=0.5,
        programs="""
        Program Penyediaan dan Pengembangan Sarana Pertanian
            Pengawasan Penggunaan Sarana Pendukung Pertanian
            Penyediaan Benih/Bibit Ternak dan Hijauan Pakan Ternak
            Pengendalian dan Pengawasan Penyediaan Benih Tanaman
            Penyediaan Pupuk dan Pestisida
        Program Penyediaan dan Pengembangan Prasarana Pertanian
            Pembangunan Prasarana Pertanian
            Pengembangan Jaringan Irigasi Tersier
            Pembangunan Jalan Usaha Tani
            Perluasan dan Optimasi Lahan Pertanian
        Program Penyuluhan Pertanian
            Pengembangan Penerapan Penyuluhan Pertanian
            Pelatihan Petani dan Pelaku Agribisnis
            Pengembangan Kelembagaan Petani
            Penyediaan Data Statistik Pertanian
        """),
    opd("DLH", "Dinas Lingkungan Hidup", "2.11", form="dinas", weight=2,
        bidang="Tata Lingkungan; Pengendalian Pencemaran dan Kerusakan Lingkungan; "
        "Pengelolaan Sampah dan Limbah B3; Penaatan dan Peningkatan Kapasitas",
        fungsional="Pengendali Dampak Lingkungan/A; Pengawas Lingkungan Hidup/A",
        fungsional_share=0.25,
        lower=("Volume Sampah yang Tidak Tertangani", "ton/hari", 20.0, 60.0),
        programs="""
        Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup
            Pencegahan Pencemaran dan/atau Kerusakan Lingkungan Hidup
            Penanggulangan Pencemaran dan/atau Kerusakan Lingkungan Hidup
            Pemulihan Pencemaran dan/atau Kerusakan Lingkungan Hidup
            Pemantauan Kualitas Air dan Udara
        Program Pengelolaan Persampahan
            Pengelolaan Sampah
            Penerbitan Izin Pendaurulangan Sampah
            Pembinaan dan Pengawasan Pengelolaan Sampah
            Pengembangan Bank Sampah
        """),
    opd("DISHUB", "Dinas Perhubungan", "2.15", form="dinas", weight=2,
        bidang="Lalu Lintas dan Angkutan Jalan; Sarana dan Prasarana; "
        "Perhubungan Sungai dan Danau; Pengendalian dan Operasional",
        fungsional="Penguji Kendaraan Bermotor/T; Pengawas Keselamatan Pelayaran/T",
        fungsional_share=0.3,
        programs="""
        Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)
            Penetapan Rencana Induk Jaringan LLAJ
            Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota
            Pengujian Berkala Kendaraan Bermotor
            Pengelolaan Terminal Penumpang Tipe C
        Program Pengelolaan Pelayaran
            Penerbitan Izin Usaha Angkutan Sungai dan Danau
            Pembangunan Dermaga Sungai dan Danau
            Pengawasan Keselamatan Pelayaran Sungai
            Pengelolaan Pelabuhan Penyeberangan
        """),
    opd("DISPAR", "Dinas Pariwisata", "3.26", form="dinas", weight=1.5,
        bidang="Destinasi Pariwisata; Pemasaran Pariwisata; Ekonomi Kreatif; Sumber Daya Pariwisata",
        fungsional="Adyatama Kepariwisataan dan Ekonomi Kreatif/A", fungsional_share=0.1,
        programs="""
        Program Peningkatan Daya Tarik Destinasi Pariwisata
            Pengelolaan Daya Tarik Wisata Kabupaten/Kota
            Pengelolaan Kawasan Strategis Pariwisata
            Pengelolaan Destinasi Pariwisata
            Penetapan Tanda Daftar Usaha Pariwisata
        Program Pemasaran Pariwisata
            Pemasaran Pariwisata Dalam dan Luar Negeri
            Penyelenggaraan Festival Budaya Daerah
            Pengembangan Promosi Pariwisata Digital
            Pelaksanaan Kerja Sama Pemasaran Pariwisata
        """),
    opd("DISPERINDAG", "Dinas Perindustrian dan Perdagangan", "3.30", form="dinas", weight=2,
        bidang="Perdagangan Dalam Negeri; Perindustrian; Metrologi Legal; Pengembangan Pasar",
        fungsional="Penera/T; Pengawas Perdagangan/A", fungsional_share=0.2,
        programs="""
        Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting
            Menjamin Ketersediaan Barang Kebutuhan Pokok dan Barang Penting
            Pelaksanaan Operasi Pasar
            Pemantauan Harga dan Stok Barang Kebutuhan Pokok
            Pengawasan Distribusi Barang Kebutuhan Pokok
        Program Peningkatan Sarana Distribusi Perdagangan
            Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan
            Revitalisasi Pasar Rakyat
            Pembinaan Pedagang Pasar
            Pengelolaan Pasar Daerah
        Program Standardisasi dan Perlindungan Konsumen
            Pelaksanaan Metrologi Legal
            Tera dan Tera Ulang Alat Ukur, Takar, Timbang dan Perlengkapannya
            Pengawasan Barang Beredar
            Pelayanan Pengaduan Konsumen
        """),
    opd("DISKOPUKM", "Dinas Koperasi dan Usaha Kecil dan Menengah", "2.17", form="dinas",
        weight=1.5,
        bidang="Kelembagaan dan Pengawasan Koperasi; Pemberdayaan Usaha Mikro; "
        "Pembiayaan dan Kemitraan; Pengembangan SDM Koperasi dan UKM",
        fungsional="Pengawas Koperasi/A; Penyuluh Koperasi/T", fungsional_share=0.1,
        programs="""
        Program Pengawasan dan Pemeriksaan Koperasi
            Pemeriksaan dan Pengawasan Koperasi
            Penilaian Kesehatan Koperasi Simpan Pinjam
            Pembinaan Kelembagaan Koperasi
            Pendidikan dan Latihan Perkoperasian
        Program Pemberdayaan Usaha Menengah, Usaha Kecil dan Usaha Mikro (UMKM)
            Pemberdayaan Usaha Mikro
            Pendataan Potensi dan Pengembangan Usaha Mikro
            Fasilitasi Akses Pembiayaan UMKM
            Pengembangan Kewirausahaan
        """),
    opd("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "2.18",
        form="dinas", weight=1.5,
        bidang="Perencanaan dan Promosi Penanaman Modal; Pelayanan Perizinan; "
        "Pengendalian Pelaksanaan Penanaman Modal; Data dan Sistem Informasi",
        fungsional="Analis Kebijakan/A; Pranata Komputer/T", fungsional_share=0.1,
        lower=("Rata-rata Waktu Penerbitan Izin", "hari", 2.0, 7.0),
        programs="""
        Program Pelayanan Penanaman Modal
            Pelayanan Perizinan dan Nonperizinan secara Terpadu Satu Pintu
            Penyelenggaraan Mal Pelayanan Publik
            Pengelolaan Pengaduan Perizinan
            Pelayanan Perizinan Berusaha Berbasis Risiko
        Program Promosi Penanaman Modal
            Penyelenggaraan Promosi Penanaman Modal
            Penyusunan Peta Potensi Investasi
            Fasilitasi Kemitraan Usaha
            Pengendalian Pelaksanaan Penanaman Modal
        """),
    opd("DISKAN", "Dinas Perikanan dan Kelautan", "3.25", form="dinas", weight=2,
        bidang="Perikanan Tangkap; Perikanan Budidaya; Pengolahan dan Pemasaran Hasil Perikanan; "
        "Pengawasan Sumber Daya Perikanan",
        fungsional="Penyuluh Perikanan/A; Penyuluh Perikanan/T", fungsional_share=0.3,
        programs="""
        Program Pengelolaan Perikanan Tangkap
            Pemberdayaan Nelayan Kecil
            Pengelolaan dan Penyelenggaraan Tempat Pelelangan Ikan
            Penyediaan Sarana Penangkapan Ikan
            Pendataan Nelayan dan Kapal Perikanan
        Program Pengelolaan Perikanan Budidaya
            Pemberdayaan Pembudi Daya Ikan Kecil
            Pengelolaan Pembudidayaan Ikan
            Penyediaan Benih Ikan
            Pengembangan Kawasan Budidaya Perikanan
        """),
    opd("DKP", "Dinas Ketahanan Pangan", "2.09", form="dinas", weight=1.5,
        bidang="Ketersediaan Pangan; Distribusi dan Cadangan Pangan; Konsumsi dan Keamanan Pangan",
        fungsional="Analis Ketahanan Pangan/A; Pengawas Mutu Hasil Pertanian/T",
        fungsional_share=0.15,
        programs="""
        Program Peningkatan Diversifikasi dan Ketahanan Pangan Masyarakat
            Penyediaan dan Penyaluran Pangan Pokok atau Pangan Lainnya
            Pengelolaan dan Keseimbangan Cadangan Pangan
            Penyusunan Peta Ketahanan dan Kerentanan Pangan
            Pemberdayaan Masyarakat dalam Penganekaragaman Konsumsi Pangan
        Program Pengawasan Keamanan Pangan
            Pelaksanaan Pengawasan Keamanan Pangan Segar
            Pengujian Mutu Pangan Segar
            Sertifikasi Keamanan Pangan Segar
            Pembinaan Pelaku Usaha Pangan
        """),
    opd("PERKIM", "Dinas Perumahan dan Kawasan Permukiman", "1.04", form="dinas", weight=2,
        bidang="Perumahan; Kawasan Permukiman; Prasarana, Sarana dan Utilitas; Pertanahan",
        fungsional="Teknik Tata Bangunan dan Perumahan/A; Penata Kelola Pertanahan/T",
        fungsional_share=0.2,
        lower=("Luas Kawasan Permukiman Kumuh", "hektar", 50.0, 150.0),
        programs="""
        Program Pengembangan Perumahan
            Pendataan Penyediaan dan Rehabilitasi Rumah Korban Bencana
            Fasilitasi Penyediaan Rumah Layak Huni
            Penerbitan Izin Pembangunan dan Pengembangan Perumahan
            Sertifikasi dan Registrasi Pengembang
        Program Kawasan Permukiman
            Penataan dan Peningkatan Kualitas Kawasan Permukiman Kumuh
            Pencegahan Perumahan dan Kawasan Permukiman Kumuh
            Peningkatan Kualitas Kawasan Permukiman
            Penyediaan Prasarana, Sarana dan Utilitas Umum
        """),
    opd("DISNAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi", "2.07", form="dinas",
        weight=1.5,
        bidang="Penempatan dan Perluasan Kesempatan Kerja; Pelatihan dan Produktivitas; "
        "Hubungan Industrial; Transmigrasi",
        fungsional="Pengantar Kerja/A; Instruktur/T; Mediator Hubungan Industrial/A",
        fungsional_share=0.2,
        lower=("Tingkat Pengangguran Terbuka", "%", 4.0, 8.0),
        programs="""
        Program Pelatihan Kerja dan Produktivitas Tenaga Kerja
            Pelaksanaan Pelatihan Berdasarkan Unit Kompetensi
            Pembinaan Lembaga Pelatihan Kerja Swasta
            Pengukuran Produktivitas Tenaga Kerja
            Konsultansi Produktivitas pada Perusahaan Kecil
        Program Penempatan Tenaga Kerja
            Pelayanan Antarkerja di Daerah Kabupaten/Kota
            Penyelenggaraan Bursa Kerja
            Perluasan Kesempatan Kerja
            Pelindungan Pekerja Migran Indonesia
        """),
    opd("BAPENDA", "Badan Pendapatan Daerah", "5.02", form="badan", weight=2,
        bidang="Pendataan dan Penetapan; Penagihan dan Keberatan; Pajak Bumi dan Bangunan; "
        "Pengendalian dan Evaluasi Pendapatan",
        fungsional="Penilai Pajak Bumi dan Bangunan/A; Pranata Komputer/T", fungsional_share=0.15,
        programs="""
        Program Pengelolaan Pendapatan Daerah
            Perencanaan Pengelolaan Pajak dan Retribusi Daerah
            Analisa dan Pengembangan Pajak dan Retribusi Daerah
            Pelaksanaan Pendataan dan Penetapan Pajak Daerah
            Penagihan dan Penyelesaian Keberatan Pajak Daerah
        Program Pengelolaan Pajak Bumi dan Bangunan
            Pemutakhiran Data Objek Pajak Bumi dan Bangunan
            Penilaian Objek Pajak
            Pelayanan Pajak Bumi dan Bangunan
            Optimalisasi Penerimaan Bea Perolehan Hak atas Tanah dan Bangunan
        """),
)  # fmt: skip
