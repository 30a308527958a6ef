"""The Linux peers of the in-kernel microbenchmarks (scripts/bench.py
calls these): the benchmark guest (scripts/bench/linux-init.c) built
static for both boards and packed as an initramfs, the QEMU lines that
boot it under Debian's Linux on each board's own line, and the table of
sis / Linux ratios."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import mkcpio  # noqa: E402  (scripts/mkcpio.py)

# Debian's compilers, static glibc for each board's architecture.
GUEST_CC = {"pc": "gcc", "rpi5": "aarch64-linux-gnu-gcc"}
# The guest prints "[LXBENCH] name value unit" and "[LXBENCH] done".
LX_LINE = re.compile(r"^\[LXBENCH\] (\S+) ([0-9.]+) (\S+)\s*$", re.M)
LX_DONE = "[LXBENCH] done"
# Linux's console and, after "--", the guest's own arguments (its parts).
LINUX_BENCH_ARGS = {
    "pc": "console=ttyS0 panic=-1 quiet",
    "rpi5": "console=ttyAMA0 panic=-1 quiet",
}
GUEST_MICRO = "locks yield ports wake user"
GUEST_SCALING = "scaling"
# sis's command lines: the microbenchmarks without scaling, and scaling
# alone (run only when the host gives enough cores).
SIS_MICRO = "bench=locks,ipi,calls,yield,ports,balance poweroff"
SIS_SCALING = "bench=scaling poweroff"
SIS_USER = "init=/bin/ubench poweroff"  # user mode: user/bin/ubench

# peer name -> (sis figure, Linux figure). Every one is a time: lower is better.
PEERS = [
    ("lock_uncontended", "lock_uncontended", "lock_uncontended"),
    ("lock_uncontended_raw", "lock_uncontended_raw", "lock_uncontended"),
    ("lock_handoff_cpus2", "lock_handoff_cpus2", "lock_handoff_cpus2"),
    ("lock_handoff_cpus4", "lock_handoff_cpus4", "lock_handoff_cpus4"),
    ("yield_switch", "yield_switch", "yield_switch"),
    ("port_pingpong_pipe", "port_pingpong", "port_pingpong_pipe"),
    ("port_pingpong_futex", "port_pingpong", "port_pingpong_futex"),
    ("wake_latency", "wake_latency", "wake_latency"),
    ("scaling_cpus1", "scaling_cpus1", "scaling_cpus1"),
    ("scaling_cpus2", "scaling_cpus2", "scaling_cpus2"),
    ("scaling_cpus4", "scaling_cpus4", "scaling_cpus4"),
    ("getpid", "getpid", "getpid"),
    ("mmap_shootdown", "mmap_shootdown", "mmap_shootdown"),
]
# Figures sis measures in user mode (user/bin/ubench); without them, "no sis figure yet".
USER_MODE = {"getpid", "mmap_shootdown"}
RATIO_GOAL = 0.5
# Below this share of acquisitions changing CPU (%), sis's "contended"
# lock figure measured CPUs taking turns, not a contended lock.
CONTENDED_CHANGES = 10.0


def build_guest(srctree, out, run):
    """linux-init.c for each board, static, in a newc initramfs with
    /dev/console. Returns ({board: cpio path}, {board: error})."""
    work = os.path.join(out, "linux-guest")
    os.makedirs(work, exist_ok=True)
    src = os.path.join(srctree, "scripts", "bench", "linux-init.c")
    cpios, errors = {}, {}
    for board, cc in GUEST_CC.items():
        exe = os.path.join(work, "init-" + board)
        st, text = run([cc, "-std=gnu11", "-O2", "-Wall", "-Wextra", "-static", "-pthread",
                        "-I", os.path.join(srctree, "include"), src, "-o", exe])
        if st != 0:
            errors[board] = "%s -static failed (%s):\n%s" % (
                cc, "install gcc / gcc-aarch64-linux-gnu and libc6-dev / "
                "libc6-dev-arm64-cross: scripts/install-deps.sh --all", text[-1500:])
            continue
        cpio = os.path.join(work, "initramfs-%s.cpio" % board)
        mkcpio.write(cpio, [("dev", "dir", None), ("dev/console", "chr", (5, 1)),
                            ("init", "file", exe)])
        cpios[board] = cpio
    return cpios, errors


def linux_cmd(board, sis_cmd, vmlinuz, cpio, guest_args):
    """sis's QEMU line for board with the kernel swapped for Linux and the
    guest: machine, CPU model, SMP and memory stay as they are."""
    cmd = list(sis_cmd)
    append = "%s -- %s" % (LINUX_BENCH_ARGS[board], guest_args)
    for opt in ("-cdrom", "-kernel", "-append", "-initrd"):
        while opt in cmd:
            i = cmd.index(opt)
            del cmd[i:i + 2]
    return cmd + ["-kernel", vmlinuz, "-initrd", cpio, "-append", append]


def peers(sis_figs, linux_figs, qemu=None):
    """{figure: {"sis", "linux", "unit", "ratio", "qemu"}} for one board;
    sis_figs and linux_figs map a name to {"value", "unit"}; qemu: the
    version line of the QEMU both ran on."""
    out = {}
    for name, sname, lname in PEERS:
        s, lx = sis_figs.get(sname), linux_figs.get(lname)
        if not s and not lx:
            continue
        unit = (lx or s)["unit"]
        e = {"sis": s["value"] if s else None, "linux": lx["value"] if lx else None,
             "unit": unit, "ratio": None, "qemu": qemu}
        if s and lx and s["unit"] != lx["unit"]:
            e["note"] = "units differ: sis %s, Linux %s" % (s["unit"], lx["unit"])
        elif e["sis"] is not None and e["linux"]:
            e["ratio"] = e["sis"] / e["linux"]
        # sis's ticket lock is FIFO: contended, it changes CPU nearly every
        # time. Linux's pthread spinlock is not fair, so its share proves nothing.
        changes = [f.get(lname + "_cpu_changes", {}).get("value")
                   for f in (sis_figs, linux_figs)]
        if changes[0] is not None and changes[0] < CONTENDED_CHANGES:
            e["note"] = ("sis's CPUs did not overlap: its FIFO lock changed CPU in %s%% of "
                         "the acquisitions (each CPU took its share in one go while the "
                         "others waited for the host); Linux's unfair lock: %s%%"
                         % tuple("-" if c is None else c for c in changes))
        elif changes[1] is not None and changes[1] < CONTENDED_CHANGES:
            e["note"] = ("the locks differ: sis's FIFO lock changed CPU in %s%% of the "
                         "acquisitions, Linux's unfair pthread spinlock in %s%% (its holder "
                         "takes it again)" % tuple(changes))
        if not s:
            e["note"] = ("no sis figure yet (needs user mode)" if name in USER_MODE
                         else "no sis figure in this run")
        elif not lx:
            e["note"] = "no Linux figure in this run"
        out[name] = e
    return out
