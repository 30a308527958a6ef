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


def smp_online(ncpus, hwid_name, hwids, timer_line):
    """The lines every SMP boot must print: the detected list, an AP line
    per secondary with its hardware id, the online count and a timer line
    per core. hwids: the expected hardware ids as the log prints them;
    timer_line: a format with {cpu} for the per-core timer regex."""
    lst = id_list(hwids)
    exp = [r"^\[SMP\] CPUs detected: %d \(%ss=\[%s\]\)$"
           % (len(hwids), re.escape(hwid_name), re.escape(lst))]
    for n in range(1, ncpus):
        exp.append(r"^\[SMP\] AP#%d online \(%s=%s\)$"
                   % (n, re.escape(hwid_name), re.escape(hwids[n])))
    exp.append(r"^\[SMP\] %d CPU\(s\) online$" % ncpus)
    for n in range(ncpus):
        exp.append(timer_line.format(cpu=n))
    return exp
