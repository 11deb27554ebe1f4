"""Small measuring tools: medians with their spread, timed commands with the machine's CPU
while they ran, a reference loop for the machine's speed, process-tree memory."""

from __future__ import annotations

import ctypes
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Run", "Stat", "TreeMemory", "machine_cpu", "reference_loop", "run_measured",
           "run_timed", "shares_memory", "stat"]


@dataclass(frozen=True)
class Stat:
    """The median of several runs, with the lowest and highest."""

    median: float
    low: float
    high: float
    runs: int

    def as_dict(self) -> dict[str, float | int]:
        return {"median": self.median, "min": self.low, "max": self.high, "runs": self.runs}

    def show(self, unit: str = "", digits: int = 2) -> str:
        return (f"{self.median:.{digits}f}{unit} "
                f"({self.low:.{digits}f}-{self.high:.{digits}f}, n={self.runs})")


def stat(values: Sequence[float]) -> Stat:
    """``Stat`` of ``values``.

    Example:
        >>> stat([3.0, 1.0, 2.0])
        Stat(median=2.0, low=1.0, high=3.0, runs=3)
    """
    return Stat(statistics.median(values), min(values), max(values), len(values))


def machine_cpu(text: str | None = None) -> tuple[float, float]:
    """The seconds of CPU this machine has spent so far, from the ``cpu`` line of
    ``/proc/stat`` (or ``text``): busy (user, nice, system, irq, softirq; on every core)
    and stolen (``steal``: a virtual core ready to run while the host ran something else).

    Example:
        >>> machine_cpu("cpu  700 0 200 5000 10 0 100 50 0 0\\n")  # at 100 ticks a second
        (10.0, 0.5)
    """
    if text is None:
        text = Path("/proc/stat").read_text()
    user, nice, system, _, _, irq, softirq, steal = (int(f) for f in text.split()[1:9])
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, steal / tick


@dataclass(frozen=True)
class Run:
    """A command's wall seconds, and the machine's CPU seconds while it ran: busy on every
    core (the command's, and anything else's: run nothing else beside it), and stolen by
    the host (none on a quiet machine)."""

    wall: float
    cpu: float
    stolen: float


def run_measured(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None,
                 on_start: Callable[[int], None] | None = None) -> Run:
    """Run ``cmd`` to completion and return its :class:`Run`; fail loudly."""
    cpu, stolen = machine_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if on_start is not None:
        on_start(proc.pid)
    out, _ = proc.communicate()
    elapsed = time.perf_counter() - start
    cpu_after, stolen_after = machine_cpu()
    if proc.returncode != 0:
        tail = "\n".join(out.splitlines()[-30:])
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{tail}")
    return Run(elapsed, cpu_after - cpu, stolen_after - stolen)


def run_timed(cmd: Sequence[str], cwd: Path, env: dict[str, str] | None = None,
              on_start: Callable[[int], None] | None = None) -> float:
    """Run ``cmd`` to completion and return its wall time in seconds; fail loudly."""
    return run_measured(cmd, cwd, env, on_start).wall


#: A fixed amount of one core's work: pure Python, no I/O, no memory to speak of.
_REFERENCE = """
import time
start = time.perf_counter()
total = 0
for n in range(4_000_000):
    total += n
print(time.perf_counter() - start)
"""


def reference_loop() -> float:
    """Seconds a new ``python`` takes for a fixed loop on one core (its start not
    counted): this machine's speed at the moment, which varies by the hour on a shared
    host. Figures measured minutes apart at different reference speeds compare poorly."""
    done = subprocess.run([sys.executable, "-c", _REFERENCE], capture_output=True, text=True,
                          check=True)
    return float(done.stdout)


#: The ``kcmp`` system call's number, by machine (``KCMP_VM`` compares two processes'
#: memory): where it is not known, :func:`shares_memory` says no.
_KCMP = {"x86_64": 312, "aarch64": 272}


def shares_memory(pid: int, other: int) -> bool:
    """Whether ``pid`` and ``other`` run in the same memory (``kcmp(2)``, ``KCMP_VM``), as
    threads of a process do, and a child ``vfork`` made until it ``exec``s; False if
    that cannot be told (a process that has ended, another machine).

    Example:
        >>> shares_memory(os.getpid(), os.getpid()), shares_memory(os.getpid(), 1)
        (True, False)
    """
    number = _KCMP.get(platform.machine())
    if number is None:
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.syscall(number, pid, other, 1, 0, 0) == 0  # 1: KCMP_VM


class TreeMemory:
    """Samples the memory of a process and all its descendants (Linux /proc).

    ``peak_mb`` is the highest sum of their proportional set sizes (PSS, from
    ``/proc/PID/smaps_rollup``): each page counts once, shared among the processes that
    map it, so Chromium's processes and the forked ``python`` children are not counted
    several times over for the same library pages. ``peak_rss_mb`` is the highest sum
    of their resident sizes, which counts a shared page once per process (an upper
    bound, reported beside it).

    A child that ``subprocess`` started with ``vfork`` runs in its parent's memory until
    it ``exec``s, so its figures are its parent's, whole: it is left out
    (:func:`shares_memory`). A sample reads the processes one after another, so it is kept only if the tree was
    the same (the same processes, each running the same command) when its reading ended
    as when it began. Otherwise a process forked during the reading could count twice:
    its parent read whole before the fork, then the child's share of the same pages read
    after it. Such a sample is dropped and taken again at once; ``dropped`` counts them.
    """

    def __init__(self, interval: float = 0.1) -> None:
        self.interval, self.peak_mb, self.peak_rss_mb = interval, 0.0, 0.0
        self.samples = self.dropped = 0
        #: At the PSS peak: each process's MiB and the start of its command line.
        self.at_peak: list[tuple[float, str]] = []
        self._root: int | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def watch(self, pid: int) -> None:
        self._root = pid
        self._thread.start()

    def stop(self) -> float:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.peak_mb

    def _sample(self) -> None:
        while not self._stop.is_set():
            sample = self._tree_mb()
            if sample is None:
                self.dropped += 1
                continue
            self.samples += 1
            pss, rss, each = sample
            if pss > self.peak_mb:
                self.at_peak = sorted(each, reverse=True)
            self.peak_mb = max(self.peak_mb, pss)
            self.peak_rss_mb = max(self.peak_rss_mb, rss)
            time.sleep(self.interval)

    def _tree(self) -> dict[int, tuple[str, bytes]]:
        """Each process of the tree: its start time (a new process has another even if
        its PID is reused) and its command line (``exec`` changes it)."""
        parents: dict[int, int] = {}
        starts: dict[int, str] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    parents[int(entry.name)], starts[int(entry.name)] = int(fields[1]), fields[19]
                except (OSError, IndexError, ValueError):
                    continue
        tree, frontier = set(), {self._root}
        while frontier:
            tree |= frontier
            frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - tree
        identities = {}
        for pid in tree:
            try:
                identities[pid] = (starts[pid], Path(f"/proc/{pid}/cmdline").read_bytes())
            except (OSError, KeyError):
                continue
        return identities

    def _tree_mb(self) -> tuple[float, float, list[tuple[float, str]]] | None:
        """(PSS, RSS) of the tree in MiB and each process's PSS, or None if the tree
        changed while it was read."""
        before = self._tree()
        pss_kb = rss_kb = 0
        each = []
        counted: dict[bytes, list[int]] = {}
        for pid, (_, cmdline) in before.items():
            if any(shares_memory(pid, other) for other in counted.get(cmdline, ())):
                continue  # a child vfork'd and not yet exec'd: its parent's memory
            counted.setdefault(cmdline, []).append(pid)
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        pss_kb += int(line.split()[1])
                        command = cmdline.replace(b"\0", b" ").decode(errors="replace")
                        each.append((int(line.split()[1]) / 1024, command[:120]))
                    elif line.startswith("Rss:"):
                        rss_kb += int(line.split()[1])
            except (OSError, ValueError):
                return None
        if self._tree() != before:
            return None
        return pss_kb / 1024, rss_kb / 1024, each
