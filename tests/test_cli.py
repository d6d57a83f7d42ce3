"""The CLI's file commands: template, validate, schema, calculate --out (exit codes 0/1/2)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from io_helpers import RULES, SHEET_ROWS, fill

import tukin
from tukin import io
from tukin.cli import main


def test_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """tukin template writes the workbook and exits 0."""
    assert main(["template", str(tmp_path / "isian.xlsx")]) == 0
    assert "Pegawai" in openpyxl.load_workbook(tmp_path / "isian.xlsx").sheetnames


def test_validate_good_and_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Clean data exits 0; a bad cell exits 1 and names sheet, row and column."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    assert main(["validate", "--data", str(path)]) == 0
    wb = openpyxl.load_workbook(path)
    wb["Jabatan"]["E4"] = "dua belas"
    wb.save(path)
    capsys.readouterr()
    assert main(["validate", "--data", str(path)]) == 1
    assert "sheet Jabatan, baris 4, kolom E (Kelas Jabatan)" in capsys.readouterr().out


def test_validate_lists_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Thirty cells with one bad value: the default text is one line naming the rows; --all
    lists all thirty row by row, --out writes them to a sheet, one row each."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    wb = openpyxl.load_workbook(path)
    sheet = wb["Jabatan"]
    first = sheet.max_row + 1
    for r in range(first, first + 30):  # thirty positions, each with kelas 20
        for c in range(1, sheet.max_column + 1):
            sheet.cell(r, c, sheet.cell(2, c).value)
        sheet.cell(r, 1, f"J-X{r}")
        sheet.cell(r, 5, 20)
    wb.save(path)
    capsys.readouterr()
    assert main(["validate", "--data", str(path)]) == 1
    text = capsys.readouterr().out
    assert f"29 baris lain dengan nilai yang sama: baris {first + 1}, {first + 2}," in text
    assert main(["validate", "--data", str(path), "--all"]) == 1
    text = capsys.readouterr().out
    assert all(f"baris {r}, kolom E" in text for r in range(first, first + 30))
    out = tmp_path / "masalah.xlsx"
    assert main(["validate", "--data", str(path), "--out", str(out)]) == 1
    listed = openpyxl.load_workbook(out).active
    assert listed is not None and listed.max_row - 1 == text.count("\n  - ")
    # a sheet for a person: named, headed in the session's language, the sheet's own row
    # numbers in the location (no 0-based table row to confuse them with)
    assert listed.title == "Masalah"
    head = [c.value for c in listed[1]]
    assert head[:2] == ["Lokasi", "Masalah"] and "row" not in head
    assert str(listed["A2"].value).startswith(f"sheet Jabatan, baris {first}")


def test_validate_unreadable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    bad = tmp_path / "x.xlsx"
    bad.write_text("nope")
    assert main(["validate", "--data", str(bad)]) == 2
    assert "unreadable_file" in capsys.readouterr().err
    assert main(["validate", "--data", str(tmp_path / "missing.xlsx")]) == 2


def test_warnings_are_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """An input warning is one line on stderr, in the chosen language."""
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "units.csv").write_bytes("unit_id;name\nU1;Dinas Pendidikan é\n".encode("cp1252"))
    main(["validate", "--data", str(folder)])
    assert "peringatan [encoding_fallback]" in capsys.readouterr().err


def test_schema_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["schema", "--out", str(tmp_path / "schema")]) == 0
    assert (tmp_path / "schema" / "employees.schema.json").exists()
    assert (tmp_path / "schema" / "receipt.schema.json").exists()


def test_calculate_csv_folder_to_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """calculate --out on a CSV folder writes the result workbook with an explanation."""
    from io_helpers import frames

    folder = io.write_frames(frames(), tmp_path / "data")
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    out = tmp_path / "hasil.xlsx"
    code = main(
        [
            "calculate",
            "--data",
            str(folder),
            "--rules",
            str(rules),
            "--period",
            "2025-10",
            "--out",
            str(out),
            "--explain",
            "198001012005011001",
        ]
    )
    assert code == 0
    assert "Penjelasan" in openpyxl.load_workbook(out).sheetnames


def test_explain_without_out_is_shown_not_dropped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """--explain without --out had no file to go to and was dropped without a word, an
    unknown NIP too (review 44). It is shown; an unknown NIP is an error."""
    from io_helpers import frames

    folder = io.write_frames(frames(), tmp_path / "data")
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    args = ["calculate", "--data", str(folder), "--rules", str(rules), "--period", "2025-10"]
    assert main([*args, "--explain", "198001012005011001"]) == 0
    out = capsys.readouterr().out
    assert "198001012005011001" in out and "→" in out
    assert main([*args, "--explain", "199999999999999999"]) == 2
    err = capsys.readouterr().err
    assert "199999999999999999" in err


def test_help_has_examples(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "tukin template isian.xlsx" in capsys.readouterr().out


def test_calculate_on_a_workbook_without_employees_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """The template calculated before it is filled in printed pandas' "Empty DataFrame /
    Columns: [...] / Index: []" and exited 0: now one line says no employee was read, and
    where they go, in the clerk's language."""
    path = io.write_template(tmp_path / "isian.xlsx")
    args = ["calculate", "--data", str(path), "--rules", "tpp-60-40", "--period", "2025-10"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "Empty DataFrame" not in out and "Index: []" not in out
    assert "tidak ada pegawai" in out and "Pegawai" in out
    assert main([*args, "--lang", "en"]) == 1
    assert "no employee" in capsys.readouterr().out


def test_calculate_reasons_follow_lang(capsys: pytest.CaptureFixture[str]):
    """--lang is the command's language: the rejected list's heading and the reasons a
    calculation gives, not only the messages printed around them."""
    assert main(["calculate", "--period", "2025-10", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert " rejected:" in out and "not in service during the period" in out
    assert main(["calculate", "--period", "2025-10"]) == 1
    out = capsys.readouterr().out
    assert " ditolak:" in out and "tidak aktif bertugas selama periode" in out
    assert tukin.get_language() == "id"  # the session's setting is put back


def test_calculate_groups_the_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """The rejected employees were listed row by row (30 of them, and no more): HR reads one
    line per reason first, with a count and the first NIPs; those rejected because they
    depend on a sheet refused as a whole are one line naming it, not one per position they
    name. The full list: --all here, or the --out file (which the text names)."""
    from io_helpers import frames

    assert main(["calculate", "--period", "2025-10", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("  - ")]
    assert lines == [
        "  - 18 employee(s): not in service during the period [out_of_service]; NIP 196701141994112001, "
        "196702211989082001, 196703272002122001, …"
    ]
    assert "198806112015092001" not in out  # the 16th: in the full list only
    assert "the full list, one row per employee: --out FILE, or --all" in out
    assert main(["calculate", "--period", "2025-10", "--lang", "en", "--all"]) == 1
    assert "198806112015092001" in capsys.readouterr().out
    result = tmp_path / "hasil.xlsx"
    assert main(["calculate", "--period", "2025-10", "--out", str(result)]) == 1
    said = f"daftar lengkap, satu baris per pegawai: {result} (sheet Ditolak)"
    assert said in capsys.readouterr().out

    tables = frames()
    tables["positions"] = tables["positions"].drop(columns=["position_id"])
    folder = io.write_frames(tables, tmp_path / "data")
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    args = ["calculate", "--data", str(folder), "--rules", str(rules), "--period", "2025-10"]
    assert main(args) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  - ")]
    n = len(tables["employees"])
    assert len(lines) == 1 and lines[0].startswith(
        f"  - {n} pegawai: ditolak karena bergantung pada berkas positions.csv, kolom ID Jabatan, yang "
        "ditolak: kolom wajib 'ID Jabatan' tidak ada [rejected_upstream]; NIP "
    )


def test_a_result_saved_in_the_data_folder_is_not_input(tmp_path: Path):
    """A payment list written into the CSV folder it was computed from is no table: the next
    run warns that it is not read, and pays (its header names position_id, name, unit_id,
    but beside twenty amounts, not as a positions table)."""
    from io_helpers import frames

    folder = io.write_frames(frames(), tmp_path / "data")
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    run = ["calculate", "--data", str(folder), "--rules", str(rules), "--period", "2025-10"]
    assert main([*run, "--out", str(folder / "hasil_2025-10.csv")]) == 0
    assert main(run) == 0


def test_validate_out_shows_formulas_as_text(tmp_path: Path):
    """A value like =HYPERLINK(...) in the problems sheet is text a person sees, never run."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    wb = openpyxl.load_workbook(path)
    wb["Pegawai"]["C2"] = '=HYPERLINK("http://x.example","klik")'
    wb.save(path)
    out = tmp_path / "masalah.xlsx"
    assert main(["validate", "--data", str(path), "--out", str(out)]) == 1
    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_calculating_real_data_needs_the_period(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --data there is no default month: a clerk in November who forgets --period would
    otherwise pay October's figures. The demo data keeps its own month."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    capsys.readouterr()
    for command in (["calculate"], ["explain", "--nip", "198001012005011001"]):
        assert main([*command, "--data", str(path), "--lang", "en"]) == 2
        assert "--period is required with --data" in capsys.readouterr().err
    assert main(["calculate", "--data", str(path), "--lang", "id"]) == 2
    assert "--period wajib diisi" in capsys.readouterr().err
    assert main(["validate", "--data", str(path)]) == 0  # no rules: no month to check
    assert main(["calculate", "--lang", "en"]) in (0, 1)  # the demo data: its own month
    assert "--period" not in capsys.readouterr().err


def test_period_in_the_forms_a_sheet_accepts(tmp_path: Path) -> None:
    """``--period "Oktober 2025"`` and ``10/2025`` mean 2025-10, as in the Periode column."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    outs = []
    for period in ("2025-10", "Oktober 2025", "10/2025"):
        out = tmp_path / f"h{len(outs)}.json"
        main(
            [
                "calculate",
                "--data",
                str(path),
                "--rules",
                "tpp-60-40",
                "--period",
                period,
                "--out",
                str(out),
            ]
        )
        outs.append(json.loads(out.read_text())["receipt"]["period"])
    assert outs == ["2025-10"] * 3


def test_plan_checks_a_year_against_the_pagu(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """tukin plan: the year's cost, the pagu in the clerk's spelling, the exit code says
    whether it fits; the workbook holds the summary, months, OPDs, who is left out."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    args = ["plan", "--data", str(path), "--rules", "tpp-60-40", "--year", "2026", "--lang", "id"]
    out = tmp_path / "rencana.xlsx"
    assert main([*args, "--pagu", "1.000.000.000.000", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Cukup dalam pagu: ya" in text and "Pagu (Rp): 1.000.000.000.000" in text
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Ringkasan", "Bulanan", "Per OPD", "Tidak Dihitung", "Peringatan"]
    months = [row[0].value for row in wb["Bulanan"].iter_rows(min_row=2)]
    assert months == [f"2026-{m:02d}" for m in range(1, 13)]
    total = sum(row[8].value for row in wb["Bulanan"].iter_rows(min_row=2))
    assert wb["Ringkasan"]["B2"].value == total  # the summary is the months' sum, to the rupiah
    assert main([*args, "--pagu", "Rp 1"]) == 1  # does not fit
    assert "Cukup dalam pagu: tidak" in capsys.readouterr().out
    assert main([*args, "--pagu", "banyak"]) == 2


def test_plan_counts_the_tpp_of_the_thr_and_the_gaji_13(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--thr / --gaji13 SHARE:BASE[:PAID]: each payment a line of the summary (the year's
    cost is the twelve months plus them), a column of the months in the month paid, and of
    the workbook; a value that is not SHARE:MONTH[:MONTH] is refused naming the option."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    args = ["plan", "--data", str(path), "--rules", "tpp-60-40", "--year", "2026", "--lang", "id"]
    assert main(args) == 0
    plain = capsys.readouterr().out
    out = tmp_path / "rencana.xlsx"
    assert main([*args, "--thr", "100%:2:3", "--gaji13", "12,5%:5:6", "--out", str(out)]) == 0
    text = capsys.readouterr().out

    def rupiah(label: str, text: str) -> int:
        line = next(x for x in text.splitlines() if x.startswith(label + ":"))
        return int(line.split(":")[1].replace(".", ""))

    twelve = rupiah("Biaya setahun (Rp)", plain)
    assert rupiah("Biaya 12 bulan (Rp)", text) == twelve
    thr, g13 = rupiah("TPP pada THR (Rp)", text), rupiah("TPP pada gaji ke-13 (Rp)", text)
    # 12,5 % of May's TPP (the months are all alike here), rounded down for each of the 4
    assert thr > 0 and thr / 8 - 4 < g13 <= thr / 8
    assert rupiah("Biaya setahun (Rp)", text) == twelve + thr + g13
    assert "Dasar TPP pada gaji ke-13: 12.5% × TPP 2026-05, dibayar 2026-06" in text
    sheet = openpyxl.load_workbook(out)["Bulanan"]
    header = [c.value for c in sheet[1]]
    col = header.index("TPP pada THR") + 1
    assert [sheet.cell(r, col).value for r in range(2, 14)] == [0, 0, thr] + [0] * 9
    for bad in ("100%", "100%:13", "100%:2:x", "seratus:2", "150%:2", "0.5:2:3:4"):
        assert main([*args, "--thr", bad]) == 2
        assert "--thr" in capsys.readouterr().err


def test_plan_checks_each_opd_against_its_own_pagu(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--pagu-opd, typed or as a file of OPD and pagu: the OPD's cost against its DPA line,
    shown per OPD and in the workbook; an OPD over its pagu makes the plan not fit (exit 1)."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    args = ["plan", "--data", str(path), "--rules", "tpp-60-40", "--year", "2026", "--lang", "id"]
    assert main([*args, "--pagu-opd", "DINAS-A=1.000.000.000.000"]) == 0
    text = capsys.readouterr().out
    assert "OPD melebihi pagunya: tidak ada" in text and "1.000.000.000.000" in text
    dpa = tmp_path / "dpa.csv"
    dpa.write_text("OPD,Pagu TPP 2026\nDINAS-A,Rp 1\n", encoding="utf-8")
    out = tmp_path / "rencana.xlsx"
    assert main([*args, "--pagu-opd", str(dpa), "--out", str(out)]) == 1
    assert "OPD melebihi pagunya: DINAS-A" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out)["Per OPD"]
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["Pagu", "Sisa pagu"] and sheet.cell(2, len(header) - 1).value == 1


@pytest.mark.parametrize(
    "content",
    [
        b"OPD;Pagu TPP\nDINAS-A;1.000.000.000.000\n",  # Indonesian Excel's ';'
        "OPD,Pagu,Nama\nDINAS-A,1000000000000,Dinas A \u2013 Umum\n".encode("cp1252"),
        "\ufeffOPD\tPagu\nDINAS-A\t1.000.000.000.000\n".encode(),  # BOM and tab
    ],
    ids=["semicolon", "windows-1252", "bom-tab"],
)
def test_plan_reads_a_pagu_file_as_it_reads_a_data_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    """--pagu-opd FILE.csv is read as the data's CSV files: ';' was "needs two columns", a
    Windows-1252 byte an uncaught UnicodeDecodeError."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    args = ["plan", "--data", str(path), "--rules", "tpp-60-40", "--year", "2026", "--lang", "id"]
    (tmp_path / "dpa.csv").write_bytes(content)
    assert main([*args, "--pagu-opd", str(tmp_path / "dpa.csv")]) == 0
    assert "OPD melebihi pagunya: tidak ada" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"OPD;Pagu TPP\n", b"OPD;Pagu\n;\n"])
def test_plan_refuses_a_pagu_file_of_no_opd(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    """An empty pagu file (or a header alone) planned with no pagu per OPD and said "no OPD
    over its pagu" (review 38): refused, naming the file."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    args = ["plan", "--data", str(path), "--rules", "tpp-60-40", "--year", "2026", "--lang", "id"]
    (tmp_path / "dpa.csv").write_bytes(content)
    assert main([*args, "--pagu-opd", str(tmp_path / "dpa.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kesalahan [pagu_opd_file_empty]: --pagu-opd ") and "dpa.csv" in err


@pytest.mark.parametrize("name", ["rusak.xlsx", "tidak_ada.csv", "tidak_ada.xlsx"])
def test_plan_says_in_one_line_that_a_pagu_file_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A file that is no workbook, or none at all: exit 2, one line in the session's
    language naming it (a broken workbook was a traceback)."""
    if name == "rusak.xlsx":
        (tmp_path / name).write_bytes(b"not a workbook")
    assert main(["plan", "--year", "2026", "--lang", "id", "--pagu-opd", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kesalahan [unreadable_file]: '{name}' tidak dapat dibaca sebagai ")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("given", "code", "said"),
    [
        (["--pagu", "-1"], "pagu_negative", "--pagu tidak boleh negatif, bukan -1\n"),
        (["--pagu-opd", "DINAS-A=-5"], "pagu_negative", "tidak boleh negatif, bukan -5\n"),
        (["--pagu", "banyak"], "option_not_rupiah", "--pagu 'banyak' bukan jumlah rupiah"),
        (["--pagu-opd", "DINAS-B=1"], "pagu_opd_unknown", "maksud Anda 'DINAS-A'?"),
        (["--pagu-opd", "DINAS-A=1,5"], "option_not_rupiah", "'1,5' bukan jumlah rupiah"),
        (["--pagu-opd", "DINAS-A=1", "--pagu-opd", "DINAS-A=2"], "pagu_opd_twice", "dua kali"),
    ],
)
def test_plan_refuses_a_pagu_it_cannot_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], given: list[str], code: str, said: str
) -> None:
    """A pagu that is no amount, negative, or for an OPD the data lacks: exit 2, one line
    naming the option, nothing computed."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    args = ["plan", "--data", str(path), "--rules", "tpp-60-40", "--year", "2026", "--lang", "id"]
    assert main([*args, *given]) == 2
    err = capsys.readouterr()
    assert err.out == "" and err.err.startswith(f"kesalahan [{code}]: ") and said in err.err


@pytest.mark.parametrize(
    ("args", "code", "en", "id_"),
    [
        (["--size", "-5"], "argument_below", "--size must be at least 4, not -5", "--size paling sedikit 4, bukan -5"),
        (["--size", "0"], "argument_below", "--size must be at least 4, not 0", "--size paling sedikit 4, bukan 0"),
        (["--size", "abc"], "argument_not_whole", "--size must be a whole number, not 'abc'", "--size harus bilangan bulat, bukan 'abc'"),
        (["--size", "10.5"], "argument_not_whole", "--size must be a whole number, not '10.5'", "--size harus bilangan bulat, bukan '10.5'"),
        (["--seed", "-1"], "argument_below", "--seed must be at least 0, not -1", "--seed paling sedikit 0, bukan -1"),
        (["--seed", "x"], "argument_not_whole", "--seed must be a whole number, not 'x'", "--seed harus bilangan bulat, bukan 'x'"),
        (["--promotions", "101"], "argument_range", "--promotions must be from 0 to 100, not 101", "--promotions harus antara 0 sampai 100, bukan 101"),
        (["--period", "2025-13"], "invalid_period", "'2025-13' is not a period", "'2025-13' bukan periode"),
        (["--period", "Oktober2025"], "invalid_period", "'Oktober2025' is not a period", "'Oktober2025' bukan periode"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("lang", ["id", "en"])
def test_demo_mistakes_are_one_line(
    args: list[str], code: str, en: str, id_: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """tukin demo with a count, seed or period it cannot use: exit 2 and one line on stderr,
    ``error [code]: ...`` (``kesalahan [code]: ...``) in the language asked, naming the option
    as typed; no traceback, no usage text, nothing calculated."""
    assert main(["demo", *args, "--lang", lang]) == 2
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err.splitlines() == [said.err.strip()], said.err
    word = "error" if lang == "en" else "kesalahan"  # no English word on an Indonesian line
    assert said.err.startswith(f"{word} [{code}]: ")
    assert (en if lang == "en" else id_) in said.err
    if code.startswith("argument"):
        assert said.err.startswith(f"{word} [{code}]: tukin demo: ")


def test_demo_size_and_seed_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    """--size and --seed, read as text, are the counts typed (spaces aside)."""
    assert main(["demo", "--size", " 12 ", "--seed", "7", "--lang", "en"]) == 0
    said = re.search(r"Paid: (\d+), rejected: (\d+)", capsys.readouterr().out)
    assert said is not None and int(said[1]) + int(said[2]) == 12


def test_demo_promotions_explains_an_employee_with_two_positions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--promotions gives a share of the employees an earlier position (review 113): the
    employee explained is one who changed position in the month, both positions shown;
    without it, the explanation is of one position, as before."""
    assert main(["demo", "--promotions", "5", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Positions held in the period (position_history)" in out
    assert re.search(r"\n  a\. .*\n .*\n  b\. .*SK SK-2025/", out)
    assert main(["demo", "--lang", "en"]) == 0
    assert "Positions held in the period" not in capsys.readouterr().out


def test_param_sets_a_rule_parameter_and_is_filed_with_the_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """--param NAME=VALUE changes the rules as with_parameters does: the amounts follow it,
    the receipt names the change, and verify re-runs it from the rules filed with the result."""
    data = tmp_path / "data.json"
    plain, changed = tmp_path / "plain.json", tmp_path / "changed.json"
    demo = ["demo", "--size", "60", "--lang", "en"]
    assert main([*demo, "--data-out", str(data), "--out", str(plain)]) == 0
    assert main([*demo, "--out", str(changed), "--param", "kinerja_share=20%"]) == 0
    before = json.loads(plain.read_text())["receipt"]
    after = json.loads(changed.read_text())["receipt"]
    assert after["total_allowance"] != before["total_allowance"]
    assert "kinerja_share" in json.dumps(after["ruleset_changes"])
    capsys.readouterr()
    code = main(["verify", "--receipt", str(changed), "--data", str(data), "--lang", "en"])
    assert code == 0, capsys.readouterr()


@pytest.mark.parametrize(
    ("given", "code"),
    [
        (["--param", "kinerja_share"], "param_not_name_value"),
        (["--param", "=5%"], "param_not_name_value"),
        (["--param", "kinerja_share=[1"], "param_not_yaml"),
        (["--param", "kinerja_share=5%", "--param", "kinerja_share=6%"], "param_given_twice"),
        (["--param", "no_such=1"], "unknown_parameter"),
    ],
)
def test_param_mistakes_are_one_line(
    given: list[str], code: str, capsys: pytest.CaptureFixture[str]
):
    assert main(["demo", "--size", "60", *given, "--lang", "en"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error [{code}]")


def test_param_decimal_is_exact_and_a_bad_value_is_located_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    """0.6 reads as a rule file reads it (the decimal, not a float refused as money), and a
    value outside its range is named as typed, not as a line of the packaged file."""
    outs = []
    for value in ("60%", "0.6"):
        out = tmp_path / f"r{len(outs)}.json"
        assert (
            main(["demo", "--size", "60", "--out", str(out), "--param", f"kinerja_share={value}"])
            == 0
        )
        outs.append(json.loads(out.read_text())["receipt"]["total_allowance"])
    assert outs[0] == outs[1]
    capsys.readouterr()
    assert main(["demo", "--size", "60", "--lang", "en", "--param", "absence_cap=150%"]) == 2
    err = capsys.readouterr().err
    assert "--param absence_cap=150%" in err and "tpp-60-40.yaml" not in err


def test_with_parameters_names_itself_as_where_a_bad_value_comes_from():
    with pytest.raises(tukin.RuleSetError) as info:
        tukin.load_ruleset("tpp-60-40").with_parameters(absence_cap="150%")
    [problem] = info.value.problems
    assert problem.file == "with_parameters" and problem.line is None


@pytest.mark.parametrize(
    ("lang", "said"),
    [("id", "tidak dapat membuka atau menulis"), ("en", "cannot open or write")],
)
def test_an_out_path_that_cannot_be_written_is_said_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, said: str
):
    """--out into a file where a folder should be: the OS's English '[Errno 20] Not a
    directory' was printed as it was, in an Indonesian session too."""
    from io_helpers import frames

    folder = io.write_frames(frames(), tmp_path / "data")
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    blocker = tmp_path / "berkas"
    blocker.write_text("x")
    args = ["calculate", "--data", str(folder), "--rules", str(rules), "--period", "2025-10"]
    code = main([*args, "--lang", lang, "--out", str(blocker / "hasil.xlsx")])
    err = capsys.readouterr().err
    assert code == 2
    line = next(x for x in err.splitlines() if "os_error" in x)
    assert said in line and "Errno" not in line
    assert ("sudah ada" in line) == (lang == "id")


def test_a_result_file_that_cannot_be_put_in_place_names_the_users_path(tmp_path: Path) -> None:
    """The workbook is written to a temporary file beside the target and renamed: an OS
    refusal of either named that temporary file ('/proc/.x.xlsx.kt7lg_i3'), not the path
    the user typed (review 44)."""
    from tukin.io._xlsx import _atomic_write

    target = tmp_path / "a-folder.xlsx"
    target.mkdir()  # a folder where the file should go: the rename is refused
    with pytest.raises(OSError) as err:
        _atomic_write(target, b"data")
    assert err.value.filename == str(target)
    assert [p.name for p in tmp_path.iterdir()] == ["a-folder.xlsx"]  # no temporary left


def test_the_printed_rejected_list_reads_in_the_session_language_without_none() -> None:
    """The terminal's rejected list says the stage as the workbook does ('perhitungan',
    'masukan') and leaves an empty location blank, not 'None' (review 46)."""
    import pandas as pd

    from tukin import cli

    rejected = pd.DataFrame(
        {
            "nip": ["197406032019062030"],
            "stage": ["calculation"],
            "step": ["input"],
            "code": ["missing_input_row"],
            "location": [None],
        }
    )
    text = cli._table(cli._labelled(cli._rejected_shown(rejected, "id"), "id"))
    assert "perhitungan" in text and "masukan" in text and "None" not in text
    english = cli._table(cli._labelled(cli._rejected_shown(rejected, "en"), "en"))
    assert "calculation" in english and "None" not in english


def test_validate_says_a_refused_sheet_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """The Jabatan sheet's id header unreadable: the sheet is refused, and the employees
    (and their attendance) referring to it are its consequences: the text says the root
    first, then one line for them all, with a few rows; --out lists every row, each with
    where its root cause is."""
    path = fill(io.write_template(tmp_path / "isian.xlsx"), SHEET_ROWS)
    wb = openpyxl.load_workbook(path)
    wb["Jabatan"]["A1"] = "Nomor Urut Jabatan Lama"  # the example row is still skipped
    wb.save(path)
    capsys.readouterr()
    assert main(["validate", "--data", str(path)]) == 1
    said = capsys.readouterr()
    lines = [line for line in said.out.splitlines() if line.startswith("  - ")]
    assert len(lines) == 2
    assert "[example_row_skipped]: 'Jabatan': baris 2 adalah baris contoh" in said.out + said.err
    assert lines[0].startswith("  - sheet Jabatan, kolom ID Jabatan: kolom wajib")
    assert lines[1].startswith(
        "  - 10 baris ditolak karena bergantung pada sheet Jabatan, yang ditolak seluruhnya "
        "(sheet Jabatan, kolom ID Jabatan: "
    )
    assert "Jabatan 2 (ID Jabatan Atasan → Jabatan: baris 4, 5)" in lines[1]
    assert "Pegawai 4 (ID Jabatan → Jabatan: baris 3, 4, 5, …)" in lines[1]
    assert "Kehadiran 4 (NIP → Pegawai: baris 3, 4, 5, …)" in lines[1]
    out = tmp_path / "masalah.xlsx"
    assert main(["validate", "--data", str(path), "--out", str(out)]) == 1
    listed = list(openpyxl.load_workbook(out).active.values)
    head, rows = listed[0], listed[1:]
    cause = head.index("Penyebab")
    consequences = [r for r in rows if r[head.index("Kode")] == "rejected_upstream"]
    assert len(consequences) == 10
    assert {r[cause] for r in consequences} == {"sheet Jabatan, kolom ID Jabatan"}
