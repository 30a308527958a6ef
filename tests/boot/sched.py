"""QEMU boots of the scheduler, ports and system calls, on both boards.

Every board x CPU count (1, 2, 4) x balancing policy (placement, push,
steal) boots with "ktest poweroff" and must pass every KTAP test, among
them the "sched" and "ipc" suites (tasks on every CPU, 16 tasks spread to
within one of even, affinity, preemption of a task that never yields,
100000 messages in order across cores, port_close waking waiters, the
system calls' argument checks). The 4-CPU push boots run twice (SMP races).

A short soak ("soak=5": every suite in a loop for 5 s) on 4 CPUs with the
lock-order checker on must end clean: no panic, no lock-order report,
statistics for every core (one soak round takes about 70 s on 4 emulated
CPUs, mostly the "locks" suite's lock hammering under the checker, hence
the longer timeout). "sched_demo" must show tasks running on every core
and at least one migration.
"""
import bootlib

POLICIES = {"placement": "SCHED_BALANCE_PLACEMENT", "push": "SCHED_BALANCE_PUSH",
            "steal": "SCHED_BALANCE_STEAL"}
BOARDS = {
    "pc": ("pc_defconfig", "pc-q35", "x86_64", {}),
    "rpi5": ("rpi5_defconfig", "rpi5", "arm64", {"GIC": "2", "EL2": "on"}),
}
FORBID = [r"PANIC on CPU", r"\[TRAP\]", r"\[LOCKDEP\]", r"did not come online",
          r"scheduling while atomic"]


def board_boot(board, name, n, cmdline, expect, config=None, ktap=False, repeat=1,
               timeout=120):
    defconfig, bname, arch, extra = BOARDS[board]
    v = dict(extra)
    v["SMP"] = str(n)
    config = dict(bootlib.RPI5_DEBUG if board == "rpi5" else {}, **(config or {}))
    return bootlib.Boot(name=name, defconfig=defconfig, config=config, vars=v,
                        cmdline=cmdline, timeout=timeout, expect=bootlib.banner(bname, arch)
                        + [r"^\[SMP\] %d CPU\(s\) online$" % n] + expect,
                        forbid=FORBID, ktap=ktap, repeat=repeat)


def ktest_boot(board, policy, n):
    return board_boot(board, "sched-%s-%s-smp%d" % (board, policy, n), n, "ktest poweroff",
                      [r"^\[SCHED\] .* balancing: %s$" % policy, r"^ok \d+ sched$",
                       r"^ok \d+ ipc$"],
                      config={POLICIES[policy]: "y"}, ktap=True,
                      repeat=2 if n == 4 and policy == "push" else 1,
                      timeout=240 if n == 4 else 120)


def soak_boot(board):
    per_core = [r"^\[SCHED\] core%d: switches=[1-9]\d* migrations_in=\d+ " % c for c in range(4)]
    return board_boot(board, "sched-%s-soak" % board, 4, "soak=5 poweroff",
                      [r"^\[SOAK\] \d+ rounds, [1-9]\d* test cases, 0 failed$"] + per_core,
                      config={"DEBUG_LOCK_ORDER": "y"}, timeout=300)


def demo_boot(board):
    runs = [r"^\[SCHED\]\[core%d\] run [A-D]$" % c for c in range(4)]
    return board_boot(board, "sched-%s-demo" % board, 4, "sched_demo poweroff",
                      runs + [r"^\[SCHED\] migrate [A-D] core\d -> core\d$",
                              r"^\[SCHED\] demo: done$"])


def boots(quick):
    if quick:
        return [ktest_boot("pc", "push", 4), ktest_boot("rpi5", "steal", 4),
                ktest_boot("rpi5", "placement", 2), soak_boot("pc"), demo_boot("rpi5")]
    out = [ktest_boot(b, p, n) for b in BOARDS for p in POLICIES for n in (1, 2, 4)]
    out += [soak_boot(b) for b in BOARDS] + [demo_boot(b) for b in BOARDS]
    return out
