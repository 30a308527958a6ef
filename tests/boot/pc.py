"""QEMU boot matrix for the pc-q35 board.

Every boot runs the in-kernel tests ("ktest poweroff") and demands every
KTAP result ok: the generic smp suite checks each CPU's APIC id, that
every CPU takes timer ticks and that an IPI from every CPU to every other
arrives. The lines checked here are the detected list, one AP line per
secondary, the online count and a LAPIC timer line per core.
"""
import re

import bootlib

BOARD, ARCH = "pc-q35", "x86_64"
TIMER = r"^\[APIC\] core{cpu} timer @100Hz$"
FORBID = [r"PANIC on CPU", r"did not come online", r"\[TRAP\]", r"unexpected interrupt",
          r"Boot failed", r"no suitable video mode"]


def smp(n, detected=None):
    ids = [str(i) for i in range(detected or n)]
    return (bootlib.banner(BOARD, ARCH) + [r"^\[SMP\] BSP online \(apic_id=0\)$"]
            + bootlib.smp_online(n, "apic_id", ids, TIMER))


def boot(name, n, expect, vars=None, config=None, forbid=FORBID, check=None,
         cmdline="ktest poweroff", timeout=120, needs_qemu=()):
    v = {"SMP": str(n)}
    v.update(vars or {})
    return bootlib.Boot(name=name, defconfig="pc_defconfig", config=config or {},
                        vars=v, cmdline=cmdline, timeout=timeout,
                        expect=expect, forbid=forbid, ktap=True, check=check,
                        needs_qemu=needs_qemu)


LINK = 0x200000
IMAGE = r"^\[MM\] kernel image at 0x([0-9a-f]+)-0x[0-9a-f]+ \(linked for 0x200000\)$"
CUT_END = 32 << 20      # GRUB_EXTRA below cuts [2 MiB, 32 MiB) from the memory map


HIGH_RAM = [r"^\[MM\] \d+ MiB free in \d+ region\(s\), 409\d MiB of it above 4 GiB$",
            r"^    ok \d+ test_high_page$",    # ok, not "# SKIP"
            r"^    ok \d+ test_table_above_4g$"]


def relocated(text, files):
    """The kernel ran somewhere else than where it was linked: outside the
    range GRUB was told to leave alone, on a 2 MiB boundary."""
    m = re.search(IMAGE, text, re.M)
    if not m:
        return ["no kernel image line"]
    base = int(m.group(1), 16)
    if base == LINK or base < CUT_END or base % (2 << 20):
        return ["kernel image at 0x%x: not relocated out of [0x%x, 0x%x) on a 2 MiB boundary"
                % (base, LINK, CUT_END)]
    return []


HZ = 100                # pc_defconfig's SCHED_HZ
CLOCK_SUITES = "ktest=smp,tick_rate,lapic_timer poweroff"


def clock(name, n, source, vars, expect=(), forbid=()):
    """A boot whose LAPIC timer and TSC are calibrated against source,
    judged against the host's clock (bootlib.tick_rate_check) with every
    CPU up."""
    ids = smp(n) if n > 1 else [r"^\[SMP\] 1 CPU\(s\) online$", TIMER.format(cpu=0)]
    if "pit=off" in vars.get("QEMU_EXTRA", "") and vars.get("FIRMWARE") != "uefi":
        # SeaBIOS's GRUB without a PIT never sends the end of its
        # "Booting `sis'" line: the banner goes on from there.
        ids[0] = ids[0].lstrip("^")
    return bootlib.Boot(name=name, defconfig="pc_defconfig", vars=dict(vars, SMP=str(n)),
                        cmdline=CLOCK_SUITES, timeout=180, ktap=True,
                        expect=ids + [r"^\[APIC\] calibrated against the %s: " % source]
                        + list(expect),
                        forbid=FORBID + list(forbid),
                        timed_check=bootlib.tick_rate_check(HZ, n))


def clock_boots():
    nopit, nohpet, neither = ("-machine q35,pit=off", "-machine q35,hpet=off",
                              "-machine q35,pit=off,hpet=off")
    uefi = {"FIRMWARE": "uefi"}
    return [
        clock("pc-clock-hpet", 2, "HPET", {}),
        # No PIT (as on recent Intel platforms that gate its clock): the HPET.
        clock("pc-clock-nopit", 2, "HPET", {"QEMU_EXTRA": nopit}, forbid=[r"PIT"]),
        clock("pc-uefi-clock-nopit", 2, "HPET", dict(uefi, QEMU_EXTRA=nopit), forbid=[r"PIT"]),
        # No HPET: the ACPI PM timer the FADT describes.
        clock("pc-clock-nohpet", 2, "ACPI PM timer", {"QEMU_EXTRA": nohpet}),
        clock("pc-clock-pmtimer", 2, "ACPI PM timer", {"QEMU_EXTRA": neither}),
        clock("pc-uefi-clock-pmtimer", 2, "ACPI PM timer", dict(uefi, QEMU_EXTRA=neither)),
        # QEMU 7.2's TCG gives no leaf 0x15: with -cpu max the highest
        # basic leaf is 0xd (a leaf above returns leaf 0xd's data, which
        # must not be read as rates); with level=0x16 leaf 0x15 is zeros.
        clock("pc-clock-cpu-max", 2, "HPET", {"QEMU_EXTRA": "-cpu max"}, forbid=[r"CPUID"]),
        clock("pc-clock-cpuid-zeros", 2, "HPET", {"QEMU_EXTRA": "-cpu max,level=0x16"},
              expect=[r"^\[APIC\] CPUID leaf 0x15 gives no TSC/crystal ratio: "
                      r"measuring against a reference counter$"]),
        # OVMF with acpi=off: no FADT, no HPET table, so the PIT, the last resort.
        clock("pc-uefi-clock-pit", 1, "PIT", dict(uefi, QEMU_EXTRA="-machine q35,acpi=off")),
        # ...and without the PIT either there is nothing to measure against:
        # one line saying so and a panic, never a hang.
        bootlib.Boot(name="pc-uefi-no-clock", defconfig="pc_defconfig",
                     vars=dict(uefi, SMP="1", QEMU_EXTRA="-machine q35,acpi=off,pit=off"),
                     cmdline="poweroff", timeout=120, status=1,
                     expect=[r"^\[PIT\] channel 2 does not count: ",
                             r"^\[APIC\] no clock to calibrate the LAPIC timer against ",
                             r"^PANIC on CPU 0: timer lapic-timer failed to initialise \(ENODEV\)$"]),
    ]


S5 = [r"^\[POWER\] power-off: ACPI S5 \(PM1a_CNT at I/O 0x604, SLP_TYPa=0 SLP_TYPb=0\)$",
      r"^\[BOOT\] done: powering off$", r"^\[POWER\] entering ACPI S5$"]


def power_boots():
    """Power-off and reset as on a real PC: QEMU_DEBUG_EXIT off, so the
    kernel never touches the isa-debug-exit device and QEMU ends only if
    ACPI S5 (QEMU's \\_S5 sleep type is 0) or the FADT's reset register
    (-no-reboot turns a reset into an exit) works; else the kernel halts
    and the run times out."""
    acpi_only = {"QEMU_DEBUG_EXIT": "n"}
    forbid = FORBID + [r"isa-debug-exit", r"could not power off", r"could not reset",
                       r"did not reset"]
    reset = [r"^\[POWER\] reset: the FADT's reset register \(I/O 0xcf9 <- 0xf\), ",
             r"^rebooting$"]
    return [
        boot("pc-acpi-poweroff", 2, smp(2) + S5, config=acpi_only, forbid=forbid),
        boot("pc-uefi-acpi-poweroff", 2, smp(2) + S5, config=acpi_only,
             vars={"FIRMWARE": "uefi"}, forbid=forbid),
        bootlib.Boot(name="pc-acpi-reset", defconfig="pc_defconfig", config=acpi_only,
                     vars={"SMP": "1"}, cmdline="", timeout=120, expect=reset, forbid=forbid,
                     script="expect ^sis> \nsend reboot\\r\n"),
        bootlib.Boot(name="pc-uefi-acpi-reset", defconfig="pc_defconfig", config=acpi_only,
                     vars={"SMP": "1", "FIRMWARE": "uefi"}, cmdline="", timeout=120,
                     expect=reset, forbid=forbid, script="expect ^sis> \nsend reboot\\r\n"),
    ]


X2APIC = [r"^\[APIC\] x2APIC mode, MSRs, base 0x"]
# QEMU's TCG emulates x2APIC from 8.1 on; 7.2 drops the CPUID bit.
NEEDS_X2APIC = (8, 1, "x2APIC under TCG")
# More than 255 CPUs: x2APIC ids, and an IOMMU with extended interrupt
# mode (QEMU refuses the machine without it). The smp suite checks each
# CPU's own id and IPIs between CPUs at offsets spread over all 300
# (ids past 255 included); the rest of ktest would take minutes at 300.
IOMMU = "-device intel-iommu,intremap=on,eim=on"


def numa_mem(sizes):
    """-object/-numa options: node i gets sizes[i] MiB and the CPUs given."""
    return " ".join("-object memory-backend-ram,id=m%d,size=%dM" % (i, mib)
                    for i, (mib, _) in enumerate(sizes)) + " " + " ".join(
        "-numa node,nodeid=%d,memdev=m%d%s" % (i, i, ",cpus=" + cpus if cpus else "")
        for i, (_, cpus) in enumerate(sizes))


def numa_lines(nodes):
    """[NUMA] lines for (cpus, MiB) per node and the distance rows."""
    lines = [r"^\[NUMA\] node %d: cpus %s, %d MiB$" % (i, re.escape(c), mib)
             for i, (c, mib) in enumerate(nodes[0])]
    return lines + [r"^\[NUMA\] node %d distances: %s$" % (i, row)
                    for i, row in enumerate(nodes[1])]


def numa_boots():
    """NUMA from QEMU's SRAT and SLIT: two nodes, four uneven ones (node 0's
    SRAT ranges leave out the legacy hole below 1 MiB), and tables the
    kernel refuses with one line, running on one node."""
    two = numa_mem([(256, "0-1"), (256, "2-3")]) + " -numa dist,src=0,dst=1,val=21"
    four = (numa_mem([(256, "0-2"), (128, "3"), (64, "4"), (64, "5")]) + " " +
            " ".join("-numa dist,src=%d,dst=%d,val=%d" % d
                     for d in [(0, 1, 20), (0, 2, 30), (0, 3, 40), (1, 2, 20), (1, 3, 30),
                               (2, 3, 20)]))
    memless = numa_mem([(512, "0-1")]) + " -numa node,nodeid=1,cpus=2-3"
    skewed = two + " -numa dist,src=1,dst=0,val=31"
    one = [r"^\[NUMA\] node"]
    return [
        boot("pc-numa", 4, smp(4) + numa_lines(
            ([("0-1", 255), ("2-3", 256)], ["10 21", "21 10"])), vars={"QEMU_EXTRA": two}),
        boot("pc-numa4", 6, smp(6) + numa_lines(
            ([("0-2", 255), ("3", 128), ("4", 64), ("5", 64)],
             ["10 20 30 40", "20 10 20 30", "30 20 10 20", "40 30 20 10"])),
             vars={"QEMU_EXTRA": four}, cmdline="ktest=smp,sched poweroff", timeout=300),
        boot("pc-numa-memoryless", 4, smp(4) + [
            r"^\[NUMA\] firmware NUMA information unusable \(node 1 has CPUs but no memory\): "
            r"one node$"], vars={"QEMU_EXTRA": memless}, forbid=FORBID + one,
            cmdline="ktest=smp poweroff"),
        boot("pc-numa-asymmetric", 4, smp(4) + [
            r"^\[NUMA\] firmware NUMA information unusable \(the distance from node 1 to 0 "
            r"is 31, back 21\): one node$"], vars={"QEMU_EXTRA": skewed},
            forbid=FORBID + one, cmdline="ktest=smp poweroff"),
    ]


def scale_boots():
    out = []
    for fw in ("bios", "uefi"):
        pre = "pc-" if fw == "bios" else "pc-uefi-"
        for n in (1, 2, 4):
            out.append(boot(pre + "x2apic-smp%d" % n, n, smp(n) + X2APIC,
                            vars={"FIRMWARE": fw, "QEMU_EXTRA": "-cpu max"},
                            needs_qemu=NEEDS_X2APIC))
    out.append(boot("pc-x2apic-smp300", 300, smp(300) + X2APIC + [
                        r"^\s+# test_ipi_all_pairs: 300 CPUs: 16 offsets per CPU, 4800 pairs of 89700$"],
                    config={"MAX_CPUS": "512"}, cmdline="ktest=smp poweroff", timeout=900,
                    vars={"QEMU_EXTRA": "-cpu max " + IOMMU}, needs_qemu=NEEDS_X2APIC))
    # xAPIC ids are 8 bits: 255 CPUs (ids 0-254) is all an xAPIC machine has.
    out.append(boot("pc-smp255", 255, smp(255), config={"MAX_CPUS": "512"},
                    cmdline="ktest=smp poweroff", timeout=900))
    # 300 CPUs on a kernel built for 64: all detected, 64 started, one line for the rest.
    out.append(boot("pc-x2apic-smp300-max64", 300,
                    smp(64, detected=300) + [
                        r"^\[SMP\] 300 CPUs detected, MAX_CPUS=64: starting 64$"],
                    config={"MAX_CPUS": "64"}, cmdline="ktest=smp poweroff", timeout=900,
                    vars={"QEMU_EXTRA": "-cpu max " + IOMMU}, needs_qemu=NEEDS_X2APIC))
    out += numa_boots()
    return out


def boots(quick):
    max4 = {"MAX_CPUS": "4"}
    all_boots = [
        boot("pc-smp1", 1, smp(1)),
        boot("pc-smp2", 2, smp(2)),
        boot("pc-smp4", 4, smp(4)),
        # More CPUs than MAX_CPUS: all 8 detected, 4 started.
        boot("pc-smp8-max4", 8,
             smp(4, detected=8) + [r"^\[SMP\] 8 CPUs detected, MAX_CPUS=4: starting 4$"],
             config=max4),
        # Hot-plug slots: QEMU lists CPUs 2 and 3 as disabled MADT entries.
        boot("pc-smp2-maxcpus4", 2,
             smp(2) + [r"^\[ACPI\] 2 CPU slot\(s\) marked disabled \(not present\)$"],
             vars={"SMP": "2,maxcpus=4"}),
        # The same ISO under UEFI firmware (OVMF, GRUB's EFI image).
        boot("pc-uefi-smp4", 4, smp(4), vars={"FIRMWARE": "uefi"}),
        # No MADT: OVMF with acpi=off still has an RSDP but no MADT.
        boot("pc-uefi-acpi-off", 4,
             [r"^\[ACPI\] .*MADT.*: booting on one CPU$",
              r"^\[ACPI\] no valid FADT: no PM timer, no ACPI power-off or reset$",
              r"^\[POWER\] power-off: QEMU's isa-debug-exit, then halt \(no ACPI S5\)$",
              r"^\[SMP\] CPUs detected: 1 \(apic_ids=\[0\]\)$",
              r"^\[SMP\] 1 CPU\(s\) online$", TIMER.format(cpu=0)],
             vars={"FIRMWARE": "uefi", "QEMU_EXTRA": "-machine q35,acpi=off"}),
        # Relocated: GRUB under UEFI keeps off the memory cutmem removes, so
        # it loads the image above 32 MiB; every CPU comes up from there.
        boot("pc-uefi-relocated", 4, smp(4) + [IMAGE],
             vars={"FIRMWARE": "uefi", "GRUB_EXTRA": "cutmem 2M 32M"}, check=relocated),
        # 6 GiB: q35 puts 4 GiB of it above 4 GiB; the allocator reports it
        # and the mm suite writes and reads a page there.
        boot("pc-6g", 2, smp(2) + HIGH_RAM, vars={"QEMU_EXTRA": "-m 6G"}),
        boot("pc-uefi-6g", 2, smp(2) + HIGH_RAM, vars={"FIRMWARE": "uefi", "QEMU_EXTRA": "-m 6G"}),
        # SeaBIOS builds its own ACPI tables when QEMU gives none: still SMP.
        # ...but they have no \_S5: one line says so, and power-off will halt.
        boot("pc-bios-acpi-off", 4, smp(4) + [
            r"^\[ACPI\] the DSDT at 0x[0-9a-f]+ has no \\_S5 package: no sleep type for power-off$",
            r"^\[POWER\] power-off: QEMU's isa-debug-exit, then halt \(no ACPI S5\)$"],
             vars={"QEMU_EXTRA": "-machine q35,acpi=off"}),
    ]
    # Exceptions: each report names the vector, error code, registers, CR2
    # and the faulting function, then the panic ends QEMU with a failure.
    faults = [
        ("x86_page_fault", 1, r"^\[TRAP\] core0: exception 14 \(#PF page fault\), error code 0x2$",
         r"^PANIC on CPU 0: #PF page fault at test_page_fault\+0x[0-9a-f]+ \(CR2=0x7fff00000000\)$"),
        ("x86_stack_guard", 1, r"^\[TRAP\] core0: exception 14 \(#PF page fault\)",
         r"^PANIC on CPU 0: #PF page fault at test_stack_guard\+"),
        ("x86_stack_overflow", 2, r"^\[TRAP\] core1: exception 8 \(#DF double fault\)",
         r"^PANIC on CPU 1: #DF double fault at recurse\+"),
    ]
    for suite, n, trap, pan in faults:
        all_boots.append(bootlib.Boot(
            name="pc-" + suite.replace("_", "-"), defconfig="pc_defconfig",
            vars={"SMP": str(n)}, cmdline="ktest=%s poweroff" % suite, timeout=120,
            status=1, expect=[trap, r"^\[TRAP\] RIP=[0-9a-f]{16} ", r"^\[TRAP\] RSP=.* CR2=",
                              r"^\[TRAP\] RAX=", r"^\[TRAP\] R12=", pan, r"^Backtrace:$"]))
    # CONFIG_DEBUG_MMU: mmu.c's live writes (guard pages splitting 2 MiB
    # pages, device pages made uncached) pass the break-before-make check;
    # a change the rule forbids panics before it is written.
    debug = {"DEBUG_MMU": "y"}
    all_boots.append(boot("pc-debug-mmu-smp4", 4, smp(4) + [r"^ok \d+ x86_mmu$", r"^ok \d+ mmu$"],
                          config=debug))
    bbm = r"^PANIC on CPU 0: MMU: live level 2 entry for VA 0x200000 changed from 0x%s to 0x%s " \
          r"without break-before-make$"
    for suite, old, new in [("x86_mmu_bbm", "0000000000200083", "0000000000400083"),
                            ("x86_mmu_bad_split", "000000000020009b", "[0-9a-f]{13}003")]:
        all_boots.append(bootlib.Boot(
            name="pc-" + suite.replace("_", "-"), defconfig="pc_defconfig", config=debug,
            vars={"SMP": "2"}, cmdline="ktest=%s poweroff" % suite, timeout=120, status=1,
            expect=[bbm % (old, new), r"^Backtrace:$"],
            forbid=[r"the checker let it through"]))
    all_boots += clock_boots() + power_boots() + scale_boots()
    if quick:
        keep = {"pc-smp1", "pc-smp4", "pc-smp8-max4", "pc-uefi-smp4", "pc-clock-pmtimer"}
        return [b for b in all_boots if b.name in keep]
    return all_boots
