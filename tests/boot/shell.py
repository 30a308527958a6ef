"""Shell sessions on both boards at 1, 2 and 4 CPUs, typed through QEMU's
serial input (scripts/qemu-run.py's Script): the prompt after boot;
`cpus` lists every CPU with its hardware id; `irqs` taken before and
after pinging every other CPU shows the timer and the cross-call IPIs
rising on every CPU they reach and the UART's receive interrupt rising
with what was typed (input is interrupt-driven: nothing polls it);
`ktest` passes again (the sessions run with nohz=off, so that idle
CPUs keep their tick for the irqs check); `tasks` shows the shell; editing (backspace, ^U,
^W, history, Tab), a 10 KiB line, random bytes and unknown escape
sequences; ^C stops `top`; `poweroff` ends QEMU with status 0. And
`stop` does what a panic does: every other CPU reports, then all halt.
"""
import random
import re

import bootlib

BOARDS = {
    "pc": ("pc_defconfig", "pc-q35", "x86_64", "apic_id", {}, lambda c: "%d" % c),
    "rpi5": ("rpi5_defconfig", "rpi5", "arm64", "mpidr", {"GIC": "2", "EL2": "on"},
             lambda c: "0x%x" % c),
    "rpi3": ("rpi3_defconfig", "rpi3", "arm64", "mpidr", {}, lambda c: "0x%x" % c),
    "rpi4": ("rpi4_defconfig", "rpi4", "arm64", "mpidr", {}, lambda c: "0x%x" % c),
}
# QEMU's raspi machines have exactly 4 CPUs: fewer are started with
# maxcpus=; their spin-table enable method cannot take a CPU back.
FIXED_CPUS = {"rpi3", "rpi4"}
# -M raspi4b came with QEMU 9.0.
NEEDS_QEMU = {"rpi4": (9, 0, "raspi4b")}
PROMPT = r"^sis> "
# Script regexes see the raw console: printk lines carry their time stamp.


def steps(*pairs):
    """The script: (text to type, regex to wait for after it) pairs."""
    out = ["expect %s" % PROMPT]
    for send, expect in pairs:
        out.append("send %s" % send)
        for rx in ([expect] if isinstance(expect, str) else expect):
            out.append("expect %s" % rx)
    return "\n".join(out) + "\n"


def noise(seed, n):
    """Bytes a line must survive: controls and high bytes, no Enter and no ^C."""
    rng = random.Random(seed)
    keep = [b for b in range(256) if b not in (0x0a, 0x0d, 0x03) and (b < 0x20 or b > 0x7e)]
    return "".join("\\x%02x" % rng.choice(keep) for _ in range(n))


def hotplug(n, hwid_name, can=True):
    """cpu off / cpus / cpu on for the last CPU (nothing to do on one CPU);
    without hotplug, the refusal and the CPU still online."""
    if n < 2:
        return [("cpu off 0\\r", [r"^cpu: failed \(EPERM\)", PROMPT])]
    if not can:
        c = n - 1
        return [("cpu off %d\\r" % c,
                 [r"\[HOTPLUG\] core%d stays online \(check\): its enable method cannot" % c,
                  r"^cpu: failed \(ENOTSUP\)", PROMPT]),
                ("cpus\\r", [r"^%d +\S+ +online " % c, PROMPT])]
    c = n - 1
    return [("cpu off %d\\r" % c, [r"^core%d is offline" % c, PROMPT]),
            ("cpus\\r", [r"^%d +\S+ +offline " % c, PROMPT]),
            ("cpu on %d\\r" % c, [r"^core%d is online" % c, PROMPT]),
            ("cpus\\r", [r"^%d +\S+ +online " % c, PROMPT])]


def session(n, board, arch, hwid_name, can_hotplug=True):
    pings = [("ipi ping %d 5\\r" % c, PROMPT) for c in range(n)]
    return steps(
        ("version\\r", r"^sis \S+ \(%s/%s\), git \S+, built " % (re.escape(board), arch)),
        ("irqs\\r", [r"spurious", PROMPT]),
        ("cpus\\r", PROMPT),
        *pings,
        ("call %d\\r" % (n - 1), r"^core%d: called from core\d+" % (n - 1)),
        ("irqs\\r", [r"spurious", PROMPT]),
        ("ktest smp\\r", [r"# Totals: pass:\d+ fail:0 ", PROMPT]),
        ("tasks\\r", [r"^ +\d+ shell ", PROMPT]),
        ("verz\\x7fsion\\r", [r"^sis \S+ \(", PROMPT]),
        ("foo bar\\x17\\x17uptime\\r", [r"^up \d+\.\d+ s, %d CPU" % n, PROMPT]),
        ("garbage\\x15cpus\\r", [r"^CPU +%s " % hwid_name, PROMPT]),
        ("\\x1b[A\\r", [r"^CPU +%s " % hwid_name, PROMPT]),
        ("upt\\t\\r", [r"^up \d+\.\d+ s", PROMPT]),
        ("x" * 10240 + "\\r", [r"^line too long \(at most \d+ characters\): ignored", PROMPT]),
        (noise(n, 300) + "\\x1b[99~\\x1b[1;2;3;4;5;6;7;8;9;10m\\x15\\r", PROMPT),
        ("nosuch\\r", [r"^nosuch: no such command", PROMPT]),
        ("top\\r", r"top: every"),
        ("\\x03", [r"\^C", PROMPT]),
        ("watch -n 1 uptime\\r", [r"every 1 s: uptime", r"^up \d+", r"every 1 s: uptime"]),
        ("\\x03", [r"\^C", PROMPT]),
        *hotplug(n, hwid_name, can_hotplug),
        ("dmesg\\r", [r"\[C0\] \[BOOT\] done: starting the shell", PROMPT]),
        ("poweroff\\r", r"powering off"),
    )


def irq_tables(text):
    """Each `irqs` output: {name: [count per CPU]}."""
    tables = []
    for block in re.findall(r"^ +core0.*?\n(.*?)^ +SPU:", text, re.M | re.S):
        table = {}
        for row in block.splitlines():
            m = re.match(r"^ *\d+:((?: +\d+)+)  (.+)$", row)
            if m:
                table[m.group(2).strip()] = [int(x) for x in m.group(1).split()]
        tables.append(table)
    return tables


def rising(n):
    """What the two irqs tables must show (a check for bootlib.Boot)."""
    def check(text, files):
        tables = irq_tables(text)
        if len(tables) < 2:
            return ["expected two irqs tables, found %d" % len(tables)]
        a, b = tables[0], tables[1]
        problems = []
        m = re.search(r"ipi: core(\d+) is the CPU this runs on", text)
        shell_cpu = int(m.group(1)) if m else -1
        uart = [k for k in b if k.startswith("uart")]
        for cpu in range(n):
            if b["timer"][cpu] <= a["timer"][cpu]:
                problems.append("core%d: timer count did not rise" % cpu)
            if n > 1 and cpu != shell_cpu and \
               b["IPI CALL_FUNC"][cpu] < a["IPI CALL_FUNC"][cpu] + 5:
                problems.append("core%d: IPI CALL_FUNC did not rise by the 5 pings" % cpu)
        if not uart or sum(b[uart[0]]) <= sum(a[uart[0]]):
            problems.append("the UART's receive interrupt count did not rise")
        return problems
    return check


def cpus_lines(n, hwid):
    return [r"^%d +%s +online " % (c, re.escape(hwid(c))) for c in range(n)]


def boots(quick):
    out = []
    for name, (defconfig, board, arch, hwid_name, extra, hwid) in sorted(BOARDS.items()):
        cfg = dict(bootlib.RPI5_DEBUG) if name == "rpi5" else {}
        fixed = name in FIXED_CPUS
        for n in (1, 2, 4):
            v = dict({"SMP": "4" if fixed else str(n)}, **extra)
            out.append(bootlib.Boot(
                name="shell-%s-smp%d" % (name, n), defconfig=defconfig, vars=v, config=cfg,
                # nohz=off: the irqs check wants every CPU's timer to rise
                # between its two tables, idle CPUs' too (tickless idle
                # would stop theirs; the smp suite tests that).
                cmdline=("maxcpus=%d nohz=off" % n) if fixed else "nohz=off", timeout=240,
                script=session(n, board, arch, hwid_name, not fixed),
                expect=[r"^\[BOOT\] done: starting the shell$"] + cpus_lines(n, hwid),
                forbid=[r"PANIC", r"\[TRAP\]", r"not ok", r"no receive interrupt"],
                check=rising(n), needs_qemu=NEEDS_QEMU.get(name, ())))
        out.append(bootlib.Boot(
            name="shell-%s-stop" % name, defconfig=defconfig, config=cfg,
            vars=dict({"SMP": "4" if fixed else "2"}, **extra),
            cmdline="maxcpus=2" if fixed else "", timeout=120, status=1,
            # kill only once the other CPU's report is whole (its line ended)
            script=steps(("stop\\r", [r"PANIC on CPU \d: stop: asked from the shell",
                                      r"\[PANIC\] core\d stopped: running \S+, preempt_count="
                                      r"\d+ irq_depth=\d+ ticks=\d+\s"]),) + "kill\n",
            expect=[r"^PANIC on CPU (\d): stop: asked from the shell on core\1$",
                    r"^\[PANIC\] core\d stopped: running \S+, preempt_count=",
                    r"^Backtrace:$"], needs_qemu=NEEDS_QEMU.get(name, ())))
    if quick:
        return [b for b in out if b.name in ("shell-pc-smp4", "shell-rpi5-smp4")]
    return out
