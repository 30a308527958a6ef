"""User mode (docs/user.md) on both boards: /bin/usertests as init at 1,
2 and 4 CPUs, its KTAP all ok and QEMU's status 0 only then; the same on
a kernel with the lock-order checker (the process, mm and handle locks in
the graph); and the shell's run and ps.
"""
import bootlib

USERTESTS = "init=/bin/usertests poweroff"
CASES = 9
FORBID = [r"PANIC on CPU", r"\[TRAP\]", r"\[LOCKDEP\]", r"not ok"]
PROMPT = r"^sis> "


def expect():
    return [r"^\[USER\] init: /bin/usertests is pid 1$",
            r"^# Totals: pass:%d fail:0 skip:0 total:%d$" % (CASES, CASES),
            r"^\[USER\] pid \d+ \(crash\) killed: page fault at 0x0 ip 0x[0-9a-f]+$",
            r"^\[USER\] pid \d+ \(usertests\) killed: page fault at 0x[0-9a-f]+ ip ",
            r"^\[SCHED\]\[core\d+\] run D$",
            r"^\[USER\] /bin/usertests \(pid 1\) exited with code 0$",
            r"^\[BOOT\] done: powering off$"]


FEATURES = {
    "pc": r"^\[USER\] x86_64: SMEP (on|off), SMAP (on|off), NX (on|off), PCID off$",
    "rpi5": r"^\[USER\] arm64: 16-bit ASIDs, 255 per CPU; PAN on$",   # a Cortex-A76
}


def usertests(name, defconfig, n, config=None, vars=None, timeout=240, more=()):
    board = name.split("-")[0]
    return bootlib.Boot(name=name, defconfig=defconfig, config=config or {},
                        vars=dict(vars or {}, SMP=str(n)), cmdline=USERTESTS,
                        timeout=timeout, ktap=True,
                        expect=expect() + [FEATURES[board]] + list(more), forbid=FORBID)


def shell_session():
    lines = ["expect %s" % PROMPT,
             "send run hello one two\\r", "expect ^hello from user mode: pid \\d+ on cpu\\d+",
             "expect ^  argv\\[2\\] = two", "expect %s" % PROMPT,
             "send run crash null\\r", "expect killed: page fault at 0x0 ",
             "expect ^run: /bin/crash \\(pid \\d+\\) was killed", "expect %s" % PROMPT,
             "send run nosuch\\r", "expect ^run: /bin/nosuch: ENOENT", "expect %s" % PROMPT,
             "send ps\\r", "expect ^  PID  PPID S NAME", "expect %s" % PROMPT,
             "send poweroff\\r"]
    return "\n".join(lines) + "\n"


BOARDS = {
    "pc": ("pc_defconfig", {}, {}),
    "rpi5": ("rpi5_defconfig", bootlib.RPI5_DEBUG, {"GIC": "2", "EL2": "on"}),
}


def boots(quick):
    out = []
    for board, (defconfig, config, vars) in BOARDS.items():
        out += [usertests("%s-user-smp%d" % (board, n), defconfig, n, config, vars)
                for n in (1, 2, 4)]
        out.append(usertests("%s-user-lockorder-smp4" % board, defconfig, 4,
                             dict(config, DEBUG_LOCK_ORDER="y"), vars, timeout=300))
        if board == "pc":   # QEMU's "max" CPU: SMEP, SMAP and NX in use
            out.append(usertests("pc-user-cpumax-smp4", defconfig, 4, config,
                                 dict(vars, QEMU_EXTRA="-cpu max"),
                                 more=[r"^\[USER\] x86_64: SMEP on, SMAP on, NX on, PCID off$"]))
        out.append(bootlib.Boot(name="%s-user-shell" % board, defconfig=defconfig,
                                config=config, vars=dict(vars, SMP="2"), cmdline="",
                                timeout=240, script=shell_session(),
                                forbid=[r"PANIC on CPU", r"\[TRAP\]"]))
    return out
