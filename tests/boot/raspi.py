"""QEMU boot matrix for the rpi3 and rpi4 boards, on QEMU's models of
their SoCs: -M raspi3b (BCM2837) and -M raspi4b (BCM2711, QEMU 9.0 and
later: skipped with the reason on an older QEMU).

Both machines have exactly four CPUs, so 1 and 2 are started with the
maxcpus= command-line word; the log still lists the four the tree has.
QEMU's boot stub enters the kernel at EL2 and parks the other cores on
the spin table, so every boot exercises the spin-table enable method
(per-CPU release words from the tree), and each core must report the
MPIDR its logical id maps to. Every boot runs the in-kernel tests with
every KTAP result ok: the smp suite sends every IPI type between every
pair of CPUs (the Pi 3: mailbox bits through the ARM-local controller;
the Pi 4: GIC SGIs), each core ticks (the Pi 3's timer through the local
controller), and the hotplug suite finds CPUs refused cleanly (the
spin-table cannot take one back). CONFIG_DEBUG_MMU is on: the spin
table's page 0, mapped for each release and unmapped after, must pass
the break-before-make checker. Also: the scheduler demo on four cores, a
short soak (every suite for 5 s, lock-order checker on), and a write to
page 0 faulting where RAM starts at 0.
"""
import bootlib

ARCH = "arm64"
TIMER = r"^\[TIMER\] core{cpu} tick @100Hz \(cntfrq=\d+\)$"
FORBID = [r"PANIC on CPU", r"did not come online", r"\[TRAP\]", r"unexpected interrupt",
          r"\[OF\] device tree .* unusable", r"\[LOCKDEP\]"]
BOARDS = {
    "rpi3": {"needs": (), "irqchip": [
        r"^\[OF\] irqchip brcm,bcm2836-l1-intc at 0x40000000$",
        r"^\[IRQ\] bcm2836-l1-intc at 0x40000000: mailbox IPIs, peripherals to core0$",
        r"^\[IRQ\] bcm2835-armctrl-ic at 0x3f00b200, chained on line 8$",
        r"^\[TIMER\] EL1 physical timer, INTID 1$"]},
    "rpi4": {"needs": (9, 0, "raspi4b"), "irqchip": [
        r"^\[OF\] irqchip arm,gic-400 at 0xff841000$",
        r"^\[GIC\] GICv2 at 0xff841000/0xff842000, \d+ interrupts$",
        r"^\[TIMER\] EL1 physical timer, INTID 30$"]},
}


def boot(board, name, cmdline, expect, status=0, ktap=True, forbid=FORBID, timeout=180,
         config=None):
    return bootlib.Boot(name=name, defconfig=board + "_defconfig",
                        config=dict(bootlib.RPI5_DEBUG, **(config or {})), vars={"SMP": "4"},
                        cmdline=cmdline, timeout=timeout, status=status,
                        expect=bootlib.banner(board, ARCH) + expect, forbid=forbid,
                        ktap=ktap, needs_qemu=BOARDS[board]["needs"])


def smp(board, n):
    ids = ["0x%x" % i for i in range(4)]
    lines = [r"^\[SMP\] BSP online \(mpidr=0x0\)$"] + bootlib.smp_online(n, "mpidr", ids, TIMER)
    if n < 4:
        lines.append(r"^\[SMP\] maxcpus=%d: starting %d of 4$" % (n, n))
    return BOARDS[board]["irqchip"] + lines + [
        r"^\[HOTPLUG\] core1 stays online \(check\): its enable method cannot take a CPU back$"
        if n > 1 else r"^ok \d+ hotplug$"]


def board_boots(board):
    out = [boot(board, "%s-smp%d" % (board, n), "maxcpus=%d ktest poweroff" % n, smp(board, n))
           for n in (1, 2, 4)]
    runs = [r"^\[SCHED\]\[core%d\] run [A-D]$" % c for c in range(4)]
    out.append(boot(board, "%s-demo" % board, "sched_demo poweroff",
                    runs + [r"^\[SCHED\] demo: done$"], ktap=False))
    per_core = [r"^\[SCHED\] core%d: switches=[1-9]\d* migrations_in=\d+ " % c for c in range(4)]
    out.append(boot(board, "%s-soak" % board, "soak=5 poweroff",
                    [r"^\[SOAK\] \d+ rounds, [1-9]\d* test cases, 0 failed$"] + per_core,
                    ktap=False, timeout=300, config={"DEBUG_LOCK_ORDER": "y"}))
    abort = r"^\[TRAP\] core0: data abort \(sync, EC 0x25, ESR 0x[0-9a-f]+\) at PC 0x[0-9a-f]+, "
    out.append(boot(board, "%s-page-fault" % board, "ktest=arm64_page_fault poweroff",
                    [abort + r"FAR 0x10$",
                     r"^PANIC on CPU 0: data abort in test_page_fault\+0x[0-9a-f]+, FAR 0x10$"],
                    status=1, ktap=False, forbid=[r"did not fault"]))
    return out


def boots(quick):
    out = board_boots("rpi3") + board_boots("rpi4")
    if quick:
        return [b for b in out if b.name in ("rpi3-smp4", "rpi4-smp4")]
    return out
