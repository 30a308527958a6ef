"""Boots about the build and the command line, on both boards: kernels
built with LLVM (clang, ld.lld) pass ktest like the GCC ones; a ktest
suite that does not exist fails the run and lists the suites there are;
loglevel out of range is clamped with a warning; unknown bare words and
misspelt words of ours are reported after the banner, not before it,
and the Pi firmware's key=value words are taken quietly.
"""
import bootlib

BOARDS = {
    "pc": ("pc_defconfig", "pc-q35", "x86_64", {}),
    "rpi5": ("rpi5_defconfig", "rpi5", "arm64", {"GIC": "2", "EL2": "on"}),
}
FORBID = [r"PANIC on CPU", r"\[TRAP\]"]


def boots(quick):
    out = []
    for board, (defconfig, name, arch, extra) in sorted(BOARDS.items()):
        v = dict({"SMP": "4"}, **extra)
        out.append(bootlib.Boot(
            name="%s-llvm" % board, defconfig=defconfig, vars=v,
            build_vars={"LLVM": "1", "W": "1"}, cmdline="ktest poweroff", timeout=180,
            expect=bootlib.banner(name, arch) + [r"^\[SMP\] 4 CPU\(s\) online$",
                                                 r"^# Totals: pass:\d+ fail:0 skip:\d+ total:\d+$"],
            forbid=FORBID, ktap=True))
        out.append(bootlib.Boot(
            name="%s-ktest-unknown-suite" % board, defconfig=defconfig, vars=v,
            cmdline="ktest=smp,nosuchsuite poweroff", timeout=120, status=1,
            expect=[r"^\[KTEST\] no suite named 'nosuchsuite'$",
                    r"^\[KTEST\] suites in this kernel: (?=.*\bsmp\b)(?=.*\blocks\b)",
                    r"^ok 1 smp$", r"^\[BOOT\] done: powering off \(tests failed\)$"],
            forbid=FORBID))
        out.append(bootlib.Boot(
            name="%s-cmdline-words" % board, defconfig=defconfig, vars=v,
            cmdline="loglevel=99 frobnicate reboot=w coherent_pool=1M 8250.nr_uarts=1 "
                    "console=ttyAMA10,115200 ktset poweroff", timeout=120,
            expect=[r"^sis \S+ .*booting on CPU 0\n(?:.*\n)*?"
                    r"\[BOOT\] loglevel=99 is out of range 0-7: using 7$",
                    r"^sis \S+ .*booting on CPU 0\n(?:.*\n)*?"
                    r"\[BOOT\] ignoring unknown option 'frobnicate'$",
                    r"^\[BOOT\] ignoring unknown option 'ktset': did you mean 'ktest'\?$"],
            forbid=FORBID + [r"ignoring unknown option '(loglevel|poweroff|reboot|coherent|"
                             r"8250|console)", r"^KTAP"]))
    if quick:
        return [b for b in out if b.name.endswith("-llvm")]
    return out
