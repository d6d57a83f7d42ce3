"""The ``tukin`` command keeps freed memory for reuse (glibc); the library leaves its host's
allocator alone. Each case runs in a process of its own: the setting is process-wide."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

glibc = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.confstr("CS_GNU_LIBC_VERSION") is None,
    reason="glibc only",
)

PROBE = textwrap.dedent(
    """
    import os, sys
    import numpy as np
    {setup}
    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    a = np.ones(256 << 17)  # 256 MiB, touched
    held = rss()
    del a
    print(round((rss() - held) / 2**20))  # MiB the free gave back (negative) or kept (0)
    """
)


def run_probe(code: str, **env: str) -> list[str]:
    """The words ``code`` prints, run in a new process whose allocator settings are only
    ``env`` (none of this one's)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("MALLOC_", "GLIBC_"))}
    base.pop("TUKIN_MALLOC", None)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


def freed(setup: str, **env: str) -> int:
    """MiB of RSS a 256 MiB numpy array's free takes away (0: kept for reuse)."""
    return -int(run_probe(PROBE.format(setup=setup), **env)[-1])


@glibc
class TestKeepFreedMemory:
    def test_the_command_keeps_what_numpy_frees(self) -> None:
        """By default glibc unmaps a large freed array at once; the command's entry point
        asks it to keep the memory, so the next array of that size is not faulted in again."""
        assert freed("") >= 250
        assert freed("import tukin") >= 250  # importing the library changes nothing
        assert freed("from tukin._allocator import keep_freed_memory; keep_freed_memory()") == 0

    @pytest.mark.parametrize(
        "env",
        [
            {"TUKIN_MALLOC": "default"},
            {"TUKIN_MALLOC": "off"},
            {"MALLOC_ARENA_MAX": "2"},
            {"GLIBC_TUNABLES": "x=1"},
        ],
    )
    def test_a_users_own_choice_is_left_alone(self, env: dict[str, str]) -> None:
        setup = "from tukin._allocator import keep_freed_memory; assert not keep_freed_memory()"
        assert freed(setup, **env) >= 250

    def test_the_entry_point_sets_it(self) -> None:
        setup = (
            "import tukin.cli, tukin._allocator as a\n"
            "calls = []\n"
            "a_keep = tukin.cli.keep_freed_memory\n"
            "tukin.cli.keep_freed_memory = lambda: calls.append(a_keep())\n"
            "tukin.cli.main = lambda argv=None: 0\n"
            "assert tukin.cli.console() == 0 and calls == [True]"
        )
        assert freed(setup) == 0


HEAP_PROBE = textwrap.dedent(
    """
    import os
    {setup}
    from tukin._allocator import release_freed_memory
    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    blocks = [bytearray(100_000) for _ in range(2000)]  # 200 MB of heap blocks, touched
    pin = bytearray(100_000)  # above them: the heap's top is not free, glibc cannot shrink it
    del blocks
    held = rss()
    done = release_freed_memory()
    print(done, round((held - rss()) / 2**20))  # MiB handed back
    """
)


def released(setup: str = "", **env: str) -> tuple[bool, int]:
    """Whether release_freed_memory() acted, and the MiB of freed heap it handed back."""
    done, mib = run_probe(HEAP_PROBE.format(setup=setup), **env)[-2:]
    return done == "True", int(mib)


@glibc
class TestReleaseFreedMemory:
    """A large calculation hands freed heap back before its Result is built (its peak)."""

    def test_freed_heap_goes_back_to_the_kernel(self) -> None:
        done, mib = released()
        assert done and mib >= 150

    @pytest.mark.parametrize("env", [{"TUKIN_MALLOC": "default"}, {"MALLOC_ARENA_MAX": "2"}])
    def test_a_users_own_choice_is_left_alone(self, env: dict[str, str]) -> None:
        assert released(**env) == (False, 0)

    def test_a_process_keeping_freed_memory_keeps_it(self) -> None:
        """The ``tukin`` command keeps freed memory on purpose: a calculation in it does
        not undo that."""
        setup = "from tukin._allocator import keep_freed_memory; assert keep_freed_memory()"
        assert released(setup) == (False, 0)

    def test_a_first_calculation_releases_the_tables_its_sort_freed(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Once per Dataset: the tables as read are freed by their first sort; the later
        calculations keep their heap for reuse (handing it back costs them page faults)."""
        import tukin
        import tukin.dataset
        from tukin.demo import generate

        calls: list[int] = []
        monkeypatch.setattr(tukin.dataset, "release_freed_memory", lambda: bool(calls.append(1)))
        monkeypatch.setattr(tukin.dataset, "PARALLEL_ROWS", 50)
        tables = generate(60)
        tables["employees"] = tables["employees"].iloc[::-1]  # not in NIP order: sorted
        ds = tukin.Dataset.from_frames(tables)
        ds.fingerprint()  # every table sorted now (a large calculation does it meanwhile)
        assert calls == []  # handed back by the calculation, before its peak
        rules = tukin.load_ruleset("tpp-60-40")
        tukin.calculate(ds, rules, "2025-10")
        assert calls == [1]
        tukin.calculate(ds, rules, "2025-10")
        assert calls == [1]
        shuffled = tukin.Dataset.from_frames(tables)
        tukin.prepare(shuffled)  # the per-Dataset work, the release with it
        assert calls == [1, 1]
        tukin.calculate(shuffled, rules, "2025-10")
        assert calls == [1, 1]
        calls[:] = [1]
        sorted_tables = {name: ds.table(name).reset_index(drop=True) for name in ds.tables}
        in_order = tukin.Dataset.from_frames(sorted_tables)  # nothing to sort, nothing freed
        tukin.calculate(in_order, rules, "2025-10")
        assert calls == [1]
