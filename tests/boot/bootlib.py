"""Helpers for the QEMU boot matrix: what a boot is and what its log
must show. Each board has tests/boot/<board>.py with a function
boots(quick) that returns a list of Boot; scripts/check.py builds each
distinct configuration once, runs every boot and checks its log.
"""
import re
from dataclasses import dataclass, field


@dataclass
class Boot:
    name: str                  # unique test name, e.g. "pc-smp4"
    defconfig: str             # configs/<defconfig>
    config: dict = field(default_factory=dict)  # Kconfig overrides {"MAX_CPUS": "4"}
    vars: dict = field(default_factory=dict)    # make variables {"SMP": "4", "GIC": "3"}
    build_vars: dict = field(default_factory=dict)  # make variables of the build {"LLVM": "1"}
    cmdline: str = "poweroff"
    timeout: int = 120         # seconds; generous: the machine is shared
    status: int = 0            # expected exit status of scripts/qemu-run.py
    expect: list = field(default_factory=list)  # regexes that must match a line
    forbid: list = field(default_factory=list)  # regexes that must match no line
    ktap: bool = False         # the log must hold KTAP with every test ok
    repeat: int = 1            # run this many times (SMP races)
    script: str = ""           # typed on the console (scripts/qemu-run.py, Script)
    # check(text, files) -> list of problems, for what regexes cannot say;
    # files: the folder of the script and what it saved (screendumps)
    check: object = None
    timed_check: object = None  # timed_check([(host seconds, line)]) -> problems: lines
                                # stamped as they reached the host (scripts/qemu-run.py)
    # (major, minor, why): skipped, with the reason, on an older QEMU
    needs_qemu: tuple = ()
    # (major, minor, why): skipped, with the reason, from that QEMU on
    qemu_below: tuple = ()


def qemu_version(binary):
    """(major, minor) of an installed QEMU binary, or (0, 0) when absent."""
    import subprocess
    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return (0, 0)
    m = re.search(r"version (\d+)\.(\d+)", out)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def skip_reason(boot, have):
    """Why boot cannot run on QEMU version have, or None."""
    if boot.qemu_below and have >= boot.qemu_below[:2]:
        major, minor, why = boot.qemu_below
        return "needs QEMU < %d.%d: %s (QEMU %d.%d here)" % (major, minor, why, *have)
    if not boot.needs_qemu or have >= boot.needs_qemu[:2]:
        return None
    major, minor, why = boot.needs_qemu
    return "needs QEMU >= %d.%d for %s (QEMU %d.%d here)" % (major, minor, why, *have)


# Every rpi5 kernel of the boot matrix (rpi5, sched, locks, shell) checks
# break-before-make at each live page-table write: a report is a panic,
# which those boots forbid. cmdline.py boots rpi5_defconfig as shipped.
RPI5_DEBUG = {"DEBUG_MMU": "y"}


def build_key(boot):
    """Boots with the same defconfig, overrides and build variables share one build."""
    over = ",".join("%s=%s" % kv for kv in sorted(list(boot.config.items())
                                                   + list(boot.build_vars.items())))
    return boot.defconfig.replace("_defconfig", "") + (("-" + over) if over else "")


def banner(board, arch):
    return [r"^sis \S+ \(%s/%s\) booting on CPU 0$" % (re.escape(board), arch),
            r"^\[BOOT\] cmdline: "]


def id_list(ids):
    """The kernel's list of ids (kernel/smp.c hwid_list_str): runs of
    consecutive ids as ranges, "0-3,8"; ids as the log prints them."""
    nums = [int(i, 0) for i in ids]
    out, i = [], 0
    while i < len(nums):
        j = i + 1
        while j < len(nums) and nums[j] == nums[j - 1] + 1:
            j += 1
        out.append(ids[i] if j - i == 1 else "%s-%s" % (ids[i], ids[j - 1]))
        i = j
    return ",".join(out)


LIST_LINE_MAX = 200     # kernel/topology.c: longer id lists go on lines of their own


def list_pieces(lst):
    """The kernel's split of a long id list: pieces of at most
    LIST_LINE_MAX characters, each ending before a comma."""
    out = []
    while lst:
        if len(lst) <= LIST_LINE_MAX:
            out.append(lst)
            break
        cut = lst.rfind(",", 0, LIST_LINE_MAX + 1)
        cut = cut if cut > 0 else LIST_LINE_MAX
        out.append(lst[:cut])
        lst = lst[cut + 1:] if lst[cut:cut + 1] == "," else lst[cut:]
    return out


def smp_online(ncpus, hwid_name, hwids, timer_line):
    """The lines every SMP boot must print: the detected list, an AP line
    per secondary with its hardware id, the online count and a timer line
    per core. hwids: the expected hardware ids as the log prints them;
    timer_line: a format with {cpu} for the per-core timer regex."""
    lst = id_list(hwids)
    if len(lst) <= LIST_LINE_MAX:
        exp = [r"^\[SMP\] CPUs detected: %d \(%ss=\[%s\]\)$"
               % (len(hwids), re.escape(hwid_name), re.escape(lst))]
    else:
        pieces = list_pieces(lst)
        exp = [r"^\[SMP\] CPUs detected: %d \(%ss: %d lines follow\)$"
               % (len(hwids), re.escape(hwid_name), len(pieces))]
        exp += [r"^\[SMP\]   %ss %s$" % (re.escape(hwid_name), re.escape(p)) for p in pieces]
    for n in range(1, ncpus):
        exp.append(r"^\[SMP\] AP#%d online \(%s=%s\)$"
                   % (n, re.escape(hwid_name), re.escape(hwids[n])))
    exp.append(r"^\[SMP\] %d CPU\(s\) online$" % ncpus)
    for n in range(ncpus):
        exp.append(timer_line.format(cpu=n))
    return exp


# ---------------------------------------------------------------- clock rates

TICK_SAMPLE = re.compile(r"^\[TICK\] sample (\d+): ns=(\d+) ticks=([\d,]+)$")
LAPIC_SAMPLE = re.compile(r"^\[TICK\] lapic sample (\d+): elapsed=(\d+) hz=(\d+)$")
SAMPLES = 5             # lines per suite (kernel/tests/tick_test.c, drivers/timer/lapic-timer-test.c)
MIN_SPAN_S = 3.0        # samples that reach the host closer together than this prove nothing


def median(values):
    v = sorted(values)
    return v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2


def samples(lines, rx):
    """(host time, match) of every line rx matches, which must number
    their samples 0..SAMPLES-1 in order; else a problem string."""
    got = [(t, m) for t, m in ((t, rx.match(l)) for t, l in lines) if m]
    if [int(m.group(1)) for _, m in got] != list(range(SAMPLES)):
        return None, "samples %s, expected 0..%d" % ([m.group(1) for _, m in got], SAMPLES - 1)
    if got[-1][0] - got[0][0] < MIN_SPAN_S:
        return None, "the samples reached the host within %.2f s" % (got[-1][0] - got[0][0])
    return got, None


def interval_rates(got, value):
    """The rate of value(match) per host second over each interval between samples."""
    return [(value(b[1]) - value(a[1])) / (b[0] - a[0]) for a, b in zip(got, got[1:])]


def off_by(rate, want):
    return abs(rate / want - 1)


def tick_rate_check(hz, ncpus, tolerance=0.05):
    """timed_check for "ktest=tick_rate,lapic_timer" on the pc: judged
    against the host's clock by the median over the 1 s intervals (a
    line that reaches the host late stretches one interval and shortens
    the next):

    - the LAPIC timer counts at the rate it was calibrated to, within
      tolerance: then its period of hz-th of that lasts 1/hz s (the
      lapic_timer suite reads the counter, which misses nothing);
    - the kernel's clock (the TSC) keeps the host's pace, within tolerance;
    - every one of ncpus CPUs takes ticks, never more than hz per second
      (+tolerance), and at least half of them: an emulator loses the
      ticks its vCPU thread misses while descheduled, so counted
      interrupts bound the rate from above only."""
    def check(lines):
        problems = []
        lapic, why = samples(lines, LAPIC_SAMPLE)
        if why:
            return ["lapic_timer: " + why]
        want = int(lapic[0][1].group(3))
        rate = median(interval_rates(lapic, lambda m: int(m.group(2))))
        if off_by(rate, want) > tolerance:
            problems.append("the LAPIC timer counts %.0f Hz by the host's clock, calibrated as %d Hz"
                            % (rate, want))
        ticks, why = samples(lines, TICK_SAMPLE)
        if why:
            return problems + ["tick_rate: " + why]
        ns = median(interval_rates(ticks, lambda m: int(m.group(2)) / 1e9))
        if off_by(ns, 1.0) > tolerance:
            problems.append("the kernel's clock runs %.3f s per host second" % ns)
        counts = [m.group(3).split(",") for _, m in ticks]
        if any(len(c) != ncpus for c in counts):
            return problems + ["tick counts for %s CPUs, expected %d"
                               % (sorted(set(len(c) for c in counts)), ncpus)]
        for cpu in range(ncpus):
            r = median(interval_rates(ticks, lambda m: int(m.group(3).split(",")[cpu])))
            if r > hz * (1 + tolerance) or r < hz / 2:
                problems.append("CPU %d ticks %.1f times per host second, SCHED_HZ=%d" % (cpu, r, hz))
        return problems
    return check
