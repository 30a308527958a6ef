"""QEMU boot matrix for the rpi5 board.

No QEMU models a Pi 5: the same kernel8.img boots on -M virt -cpu
cortex-a76 in the four shapes the kernel must handle, GICv2 or GICv3,
entered at EL2 (PSCI over SMC, like the Pi) or at EL1 (PSCI over HVC),
each with 1, 2 and 4 CPUs. Every boot runs the in-kernel tests and
demands every KTAP result ok (the generic smp suite: each CPU online with
its MPIDR, timer ticks on every CPU, an IPI between every pair). The log
must show the detected MPIDR list, one AP line per secondary, the online
count and a timer line per core.

The UART: programmed from the tree's clock when QEMU's reset state leaves
it disabled, its divisor kept when "firmware" (QEMU's generic loader
writing the registers at reset) left it running.

Exceptions: a write to page 0, a read of a stack's guard page in the
stack area, and a live page-table change without break-before-make,
each ending in the panic that names it. The whole matrix runs with
CONFIG_DEBUG_MMU (bootlib.RPI5_DEBUG): any live valid-to-valid change
would be such a panic.

Bad input: a device tree without an interrupt controller (one clear line,
then a panic that says why), a tree listing CPUs QEMU does not have (the
PSCI error by name, the others carry on), and more CPUs than MAX_CPUS.
"""
import os
import subprocess
import tempfile

import bootlib

BOARD, ARCH = "rpi5", "arm64"
TIMER = r"^\[TIMER\] core{cpu} tick @100Hz \(cntfrq=\d+\)$"
FORBID = [r"PANIC on CPU", r"did not come online", r"\[TRAP\]", r"unexpected interrupt",
          r"\[OF\] device tree .* unusable"]
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unit", "data")
SHAPES = [("gic2-el2", "2", "on"), ("gic3-el2", "3", "on"),
          ("gic2-el1", "2", "off"), ("gic3-el1", "3", "off")]


# QEMU's PL011 comes out of reset disabled: programmed from the tree's 24 MHz clock.
UART_PROGRAMMED = (r"^\[UART\] pl011 at 0x9000000: 115200 baud from the 24000000 Hz clock "
                   r"in the device tree \(divisor 13\+1/64\)$")
# As the Pi firmware with enable_uart=1 would leave it: running, with its own
# divisor (26+3/64: 115200 baud from 48 MHz). QEMU's generic loader writes the
# registers at reset (IBRD, FBRD, LCR_H 8N1 + FIFO, CR UARTEN|TXE|RXE).
UART_LEFT_ENABLED = " ".join("-device loader,addr=0x%x,data=0x%x,data-len=4" % rv for rv in
                             [(0x9000024, 26), (0x9000028, 3), (0x900002c, 0x70),
                              (0x9000030, 0x301)])


def mpidr(i, gic="2"):
    """QEMU virt's MPIDR for CPU i: clusters of 16 (GICv3) or 8 (GICv2) in Aff1."""
    per = 16 if gic == "3" else 8
    return "0x%x" % ((i // per) << 8 | i % per)


def smp(n, detected=None, gic="2"):
    ids = [mpidr(i, gic) for i in range(detected or n)]
    return (bootlib.banner(BOARD, ARCH) + [r"^\[SMP\] BSP online \(mpidr=0x0\)$"]
            + bootlib.smp_online(n, "mpidr", ids, TIMER))


def boot(name, n, gic, el2, expect, cmdline="ktest poweroff", config=None,
         extra=None, forbid=FORBID, status=0, ktap=True, timeout=120):
    v = {"SMP": str(n), "GIC": gic, "EL2": el2}
    if extra:
        v["QEMU_EXTRA"] = extra
    return bootlib.Boot(name=name, defconfig="rpi5_defconfig",
                        config=dict(bootlib.RPI5_DEBUG, **(config or {})),
                        vars=v, cmdline=cmdline, timeout=timeout, status=status,
                        expect=expect, forbid=forbid, ktap=ktap)


# Two NUMA nodes of two CPUs and 512 MiB each, 21 apart (QEMU puts
# numa-node-id on the cpu and memory nodes and adds a distance-map).
NUMA = ("-object memory-backend-ram,id=m0,size=512M -object memory-backend-ram,id=m1,size=512M "
        "-numa node,nodeid=0,cpus=0-1,memdev=m0 -numa node,nodeid=1,cpus=2-3,memdev=m1 "
        "-numa dist,src=0,dst=1,val=21")
NUMA_LINES = [r"^\[NUMA\] node 0: cpus 0-1, 512 MiB$", r"^\[NUMA\] node 1: cpus 2-3, 512 MiB$",
              r"^\[NUMA\] node 0 distances: 10 21$", r"^\[NUMA\] node 1 distances: 21 10$"]


def scale_boots():
    """Many CPUs on GICv3 (QEMU virt takes up to 512 there): each online with
    its MPIDR (clusters of 16), the smp suite's IPI pairs sampled; and NUMA."""
    out = [boot("rpi5-gic3-smp%d" % n, n, "3", "on", smp(n, gic="3"),
                cmdline="ktest=smp poweroff", config={"MAX_CPUS": "512"}, timeout=900)
           for n in (128, 512)]
    numa = boot("rpi5-numa", 4, "2", "on", smp(4) + NUMA_LINES, extra=NUMA)
    numa.vars["SMP"] = "4,sockets=2,cores=2"
    # Four nodes, uneven: CPUs 0-2 and 512 MiB, then one CPU and 256, 128, 128 MiB.
    four = ("-object memory-backend-ram,id=m0,size=512M -object memory-backend-ram,id=m1,size=256M "
            "-object memory-backend-ram,id=m2,size=128M -object memory-backend-ram,id=m3,size=128M "
            "-numa node,nodeid=0,cpus=0-2,memdev=m0 -numa node,nodeid=1,cpus=3,memdev=m1 "
            "-numa node,nodeid=2,cpus=4,memdev=m2 -numa node,nodeid=3,cpus=5,memdev=m3 " +
            " ".join("-numa dist,src=%d,dst=%d,val=%d" % d
                     for d in [(0, 1, 20), (0, 2, 30), (0, 3, 40), (1, 2, 20), (1, 3, 30),
                               (2, 3, 20)]))
    numa4 = boot("rpi5-numa4", 6, "2", "on", smp(6) + [
        r"^\[NUMA\] node 0: cpus 0-2, 512 MiB$", r"^\[NUMA\] node 1: cpus 3, 256 MiB$",
        r"^\[NUMA\] node 2: cpus 4, 128 MiB$", r"^\[NUMA\] node 3: cpus 5, 128 MiB$",
        r"^\[NUMA\] node 0 distances: 10 20 30 40$",
        r"^\[NUMA\] node 3 distances: 40 30 20 10$"], extra=four, config={"MAX_CPUS": "8"},
        cmdline="ktest=smp,sched poweroff", timeout=300)
    numa4.vars["SMP"] = "6,sockets=6,cores=1"
    return out + [numa, numa4]


def damaged_dtb(name, node):
    """QEMU's own GICv2/EL2 tree with one node removed (fdtput -r)."""
    out = os.path.join(tempfile.gettempdir(), "sis-rpi5-%s.dtb" % name)
    with open(os.path.join(DATA, "qemu-virt-gicv2-el2on.dtb"), "rb") as src, \
            open(out, "wb") as dst:
        dst.write(src.read())
    subprocess.run(["fdtput", "-r", out, node], check=True)
    return out


def bad_input_boots():
    nogic = damaged_dtb("no-gic", "/intc@8000000")
    four = os.path.join(DATA, "qemu-virt-gicv2-el2on.dtb")
    return [
        # No interrupt controller: the reason, then a panic naming it.
        boot("rpi5-dtb-no-gic", 4, "2", "on",
             bootlib.banner(BOARD, ARCH) +
             [r"^\[OF\] no usable interrupt controller in the device tree",
              r"^PANIC on CPU 0: no interrupt controller"],
             cmdline="poweroff", extra="-dtb " + nogic, forbid=[r"\[TRAP\]"],
             status=1, ktap=False),
        # The tree lists 4 CPUs, QEMU has 2: CPU_ON's error by name, 2 online.
        boot("rpi5-dtb-absent-cpus", 2, "2", "on",
             [r"^\[SMP\] CPUs detected: 4 \(mpidrs=\[0x0-0x3\]\)$",
              r"^\[SMP\] AP#1 online \(mpidr=0x1\)$",
              r"^\[SMP\] CPU 2 \(0x2\) did not come online: PSCI CPU_ON returned \w+",
              r"^\[SMP\] CPU 3 \(0x3\) did not come online: PSCI CPU_ON returned \w+",
              r"^\[SMP\] 2 CPU\(s\) online$"],
             cmdline="poweroff", extra="-dtb " + four, forbid=[r"PANIC", r"\[TRAP\]"],
             ktap=False),
        # More CPUs than MAX_CPUS: all 4 detected, 2 started.
        boot("rpi5-smp4-max2", 4, "2", "on",
             smp(2, detected=4) + [r"^\[SMP\] 4 CPUs detected, MAX_CPUS=2: starting 2$"],
             config={"MAX_CPUS": "2"}),
    ]


def fault_boots():
    """Exceptions and the break-before-make checker: each report names what
    happened and where, then the panic ends QEMU with a failure."""
    abort = r"^\[TRAP\] core0: data abort \(sync, EC 0x25, ESR 0x[0-9a-f]+\) at PC 0x[0-9a-f]+, "
    stack_va = r"0xff80[0-9a-f]{8}"
    faults = [
        ("arm64_page_fault", [abort + r"FAR 0x10$",
                              r"^PANIC on CPU 0: data abort in test_page_fault\+0x[0-9a-f]+, "
                              r"FAR 0x10$"]),
        ("arm64_stack_guard", [abort + r"FAR %s$" % stack_va,
                               r"^\[TRAP\] core0: the address is in the kernel stack area but "
                               r"not mapped: stack overflow onto a guard page\?$",
                               r"^PANIC on CPU 0: data abort in test_stack_guard\+0x[0-9a-f]+, "
                               r"FAR %s$" % stack_va]),
        # A live stack page remapped without the break, through mmu.c's own
        # writer (map_level in the backtrace): stopped before the write.
        ("arm64_mmu_bbm", [r"^PANIC on CPU 0: MMU: live level 3 entry for VA %s changed from "
                           r"0x[0-9a-f]{16} to 0x[0-9a-f]{16} without break-before-make$"
                           % stack_va,
                           r"^  \[<[0-9a-f]+>\] mmu_debug_check\+0x[0-9a-f]+\n"
                           r"  \[<[0-9a-f]+>\] map_level\+"]),
    ]
    return [boot("rpi5-" + suite.replace("_", "-"), 2, "2", "on",
                 bootlib.banner(BOARD, ARCH) + lines + [r"^Backtrace:$"],
                 cmdline="ktest=%s poweroff" % suite, forbid=[r"the checker let it through",
                                                           r"the guard page is mapped",
                                                           r"did not fault"],
                 status=1, ktap=False)
            for suite, lines in faults]


def boots(quick):
    all_boots = [boot("rpi5-smp%d-%s" % (n, shape), n, gic, el2, smp(n) + [UART_PROGRAMMED])
                 for shape, gic, el2 in SHAPES for n in (1, 2, 4)]
    # The firmware left the UART running: its divisor is kept, and the console works.
    # QEMU 10.0 resets the PL011 after the generic loader's writes (7.2 does
    # not; 8.x and 9.x were not tried), so this way of leaving it running
    # works only on the older one; the decision itself is unit tested
    # (tests/unit/test_pl011.c).
    left = boot("rpi5-uart-left-enabled", 2, "2", "on",
                smp(2) + [r"^\[UART\] pl011 at 0x9000000: keeping the firmware's "
                          r"divisor 26\+3/64$"],
                extra=UART_LEFT_ENABLED, forbid=FORBID + [r"from the \d+ Hz clock"])
    left.qemu_below = (8, 0, "the PL011 is reset after the loader writes its registers "
                             "(seen on QEMU 10.0)")
    all_boots.append(left)
    all_boots += bad_input_boots() + fault_boots() + scale_boots()
    if quick:
        keep = {"rpi5-smp4-gic2-el2", "rpi5-smp4-gic3-el2", "rpi5-smp4-gic2-el1",
                "rpi5-smp4-gic3-el1", "rpi5-dtb-no-gic", "rpi5-uart-left-enabled"}
        return [b for b in all_boots if b.name in keep]
    return all_boots
