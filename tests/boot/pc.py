"""QEMU boot matrix for the pc-q35 board.

Every boot runs the in-kernel tests ("ktest poweroff") and demands every
KTAP result ok: the generic smp suite checks each CPU's APIC id, that
every CPU takes timer ticks and that an IPI from every CPU to every other
arrives. The lines checked here are the detected list, one AP line per
secondary, the online count and a LAPIC timer line per core.
"""
import bootlib

BOARD, ARCH = "pc-q35", "x86_64"
TIMER = r"^\[APIC\] core{cpu} timer @100Hz$"
FORBID = [r"PANIC on CPU", r"did not come online", r"\[TRAP\]", r"unexpected interrupt",
          r"Boot failed", r"no suitable video mode"]


def smp(n, detected=None):
    ids = [str(i) for i in range(detected or n)]
    return (bootlib.banner(BOARD, ARCH) + [r"^\[SMP\] BSP online \(apic_id=0\)$"]
            + bootlib.smp_online(n, "apic_id", ids, TIMER))


def boot(name, n, expect, vars=None, config=None, forbid=FORBID):
    v = {"SMP": str(n)}
    v.update(vars or {})
    return bootlib.Boot(name=name, defconfig="pc_defconfig", config=config or {},
                        vars=v, cmdline="ktest poweroff", timeout=120,
                        expect=expect, forbid=forbid, ktap=True)


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
              r"^\[SMP\] CPUs detected: 1 \(apic_ids=\[0\]\)$",
              r"^\[SMP\] 1 CPU\(s\) online$", TIMER.format(cpu=0)],
             vars={"FIRMWARE": "uefi", "QEMU_EXTRA": "-machine q35,acpi=off"}),
        # SeaBIOS builds its own ACPI tables when QEMU gives none: still SMP.
        boot("pc-bios-acpi-off", 4, smp(4),
             vars={"QEMU_EXTRA": "-machine q35,acpi=off"}),
    ]
    # Exceptions: each report names the vector, error code, registers, CR2
    # and the faulting function, then the panic ends QEMU with a failure.
    faults = [
        ("x86_page_fault", 1, r"^\[TRAP\] core0: exception 14 \(#PF page fault\), error code 0x2$",
         r"^PANIC on CPU 0: #PF page fault at test_page_fault\+0x[0-9a-f]+ \(CR2=0x100000000\)$"),
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
    if quick:
        keep = {"pc-smp1", "pc-smp4", "pc-smp8-max4", "pc-uefi-smp4"}
        return [b for b in all_boots if b.name in keep]
    return all_boots
