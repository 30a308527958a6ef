"""CPU hotplug under load, on both boards.

The "hotplug" suite runs in every ktest boot of the matrix (pc BIOS and
UEFI, rpi5 GICv2/GICv3 x EL2/EL1, 1, 2 and 4 CPUs, with and without the
lock-order checker). Here the explicit "hotplug_stress" suite runs on 4
CPUs: 200 off/on cycles of random CPUs while tasks on the others add to
a shared counter under a lock and stream messages through a port; with
the lock-order checker and spinlock debugging on, nothing may be
reported. Each CPU's return is checked by its AP line with its hardware
id.
"""
import bootlib

BOARDS = {
    "pc": ("pc_defconfig", "pc-q35", "x86_64", {}, "apic_id", ["1", "2", "3"]),
    "rpi5-gicv2-el2": ("rpi5_defconfig", "rpi5", "arm64", {"GIC": "2", "EL2": "on"}, "mpidr",
                       ["0x1", "0x2", "0x3"]),
    "rpi5-gicv3-el1": ("rpi5_defconfig", "rpi5", "arm64", {"GIC": "3", "EL2": "off"}, "mpidr",
                       ["0x1", "0x2", "0x3"]),
}
FORBID = [r"PANIC on CPU", r"\[TRAP\]", r"\[LOCKDEP\]", r"\[LOCK\] possible deadlock",
          r"did not come online", r"scheduling while atomic", r"\[WARN\]"]


def stress_boot(name, board):
    defconfig, bname, arch, extra, hwid_name, hwids = BOARDS[board]
    back = [r"^\[HOTPLUG\] core\d online again$"] + \
        [r"^\[SMP\] AP#%d online \(%s=%s\)$" % (i + 1, hwid_name, h) for i, h in enumerate(hwids)]
    return bootlib.Boot(
        name=name, defconfig=defconfig,
        config={"DEBUG_LOCK_ORDER": "y", "DEBUG_SPINLOCK": "y"},
        vars=dict({"SMP": "4"}, **extra), cmdline="ktest=hotplug_stress,hotplug poweroff",
        timeout=300, ktap=True, forbid=FORBID,
        expect=bootlib.banner(bname, arch) + back +
        [r"# test_stress: 200 cycles; [1-9]\d* adds, [1-9]\d* messages$",
         r"^ok \d+ hotplug_stress$", r"^ok \d+ hotplug$"])


def boots(quick):
    out = [stress_boot("hotplug-stress-%s" % b, b) for b in sorted(BOARDS)]
    if quick:
        return [b for b in out if b.name in ("hotplug-stress-pc", "hotplug-stress-rpi5-gicv2-el2")]
    return out
