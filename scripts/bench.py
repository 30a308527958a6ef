#!/usr/bin/python3
"""make bench: the figures that say how fast sis is, with Linux measured
in the same run on the same QEMU so that the host's noise hits both.

  1. SMP bring-up: host wall time from QEMU start to the kernel's first
     line and to all CPUs online, for sis, Debian's Linux and an empty
     kernel (the floor: firmware, loader and QEMU alone), both boards,
     1/2/4 CPUs, runs interleaved, medians.
  2. In-kernel microbenchmarks ("bench" on the command line), with and
     without the lock-order checker.
  3. Scaling: a fixed CPU-bound job on 1, 2 and 4 CPUs, in boots of
     its own, only when the host gives at least 1.8 cores.
  2b. The Linux peers: scripts/bench/linux-init.c as init under
     Debian's Linux on the same QEMU lines, in the same rounds; every
     sis figure beside its peer with the ratio sis/Linux ("peers").
  4. Host lock benchmark: sis's spinlock compiled for Linux, against
     pthread spinlocks and mutexes, 1 and 2 threads.
  5. Scheduler figures (yield, ports, wake-up, balancing) when the
     kernel prints them; "not yet measured" otherwise.

Writes OUT/results.json, OUT/report.md and OUT/bench.png, and prints a
table. Figures are never judged: the exit status is non-zero only when
the benchmark itself could not run (sis does not build or boot).

usage: bench.py --srctree S --out DIR [--quick | --only scale [--scale-counts rpi5:1,4,16]]
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import select
import shlex
import shutil
import statistics
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench"))
import peers  # noqa: E402  (scripts/bench/peers.py)
import report  # noqa: E402  (scripts/bench/report.py)
import runcmd  # noqa: E402  (scripts/runcmd.py)

BOARDS = {
    "pc": {"defconfig": "pc_defconfig", "qemu": "qemu-system-x86_64",
           "deb_arch": "amd64", "floor": "floor-x86_64.S"},
    "rpi5": {"defconfig": "rpi5_defconfig", "qemu": "qemu-system-aarch64",
             "deb_arch": "arm64", "floor": "floor-arm64.S"},
}
LINUX_ARGS = {
    "pc": "console=ttyS0 earlyprintk=serial,ttyS0,115200 panic=-1",
    "rpi5": "console=ttyAMA0 earlycon panic=-1",
}
# sis lines, after the printk time stamp when there is one.
STAMP = rb"^(?:\[\s*\d+\.\d+\] )?"
SIS_FIRST = re.compile(STAMP + rb"sis \S+ \(.*\) booting on CPU 0", re.M)
SIS_ONLINE = re.compile(STAMP + rb"\[SMP\] (\d+) CPU\(s\) online", re.M)
SIS_OWN = re.compile(STAMP + rb"\[SMP\] all CPUs online in (\d+) us", re.M)
LINUX_FIRST = re.compile(rb"Linux version ")
LINUX_ONLINE = re.compile(rb"smp: Brought up \d+ nodes?, (\d+) CPUs?")
FLOOR_LINE = re.compile(rb"floor: .* up")
USER_DONE = "[BENCH] user done"     # user/bin/ubench's last line
BENCH_LINE = re.compile(r"^(?:\[\s*\d+\.\d+\] )?\[BENCH\] (\S+) ([0-9.]+) (\S+)\s*$", re.M)
# Scaling runs only when two busy host processes get at least this many cores.
SCALING_MIN_CORES = 1.8
# Figures the scheduler benchmarks will print; missing ones are "not yet measured".
SCHED_FIGURES = ["yield_switch", "port_pingpong", "wake_latency"]
BALANCE_POLICIES = ["PLACEMENT", "PUSH", "STEAL"]

MODES = {
    "quick": {"runs": 1, "cpus": [1, 2, 4], "linux_cpus": [4], "micro_runs": 1, "scale": {},
              "host_secs": 0.2, "host_reps": 1, "lockorder_boards": ["pc"],
              "policy_boards": [], "scaling_runs": 1, "scaling_tries": 2},
    "full": {"runs": 5, "cpus": [1, 2, 4], "linux_cpus": [1, 2, 4], "micro_runs": 3,
             "scale": {"rpi5": [1, 4, 16, 64, 128, 256, 512],
                       "pc": [1, 4, 16, 64, 128, 255, 300]},
             "scale_linux_timeout": 300,
             "host_secs": 1.0, "host_reps": 3, "lockorder_boards": ["pc", "rpi5"],
             "policy_boards": ["pc", "rpi5"], "scaling_runs": 3, "scaling_tries": 5},
}


def log(msg):
    print("[bench] " + msg, flush=True)


def run(cmd, cwd=None, env=None, timeout=900):
    return runcmd.run(cmd, cwd=cwd, env=env, timeout=timeout)


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---------------------------------------------------------------- builds

def build_sis(args, name, defconfig, overrides):
    """Configure and build one kernel into OUT/build/<name>; its folder or None."""
    objdir = os.path.join(args.out, "build", name)
    os.makedirs(objdir, exist_ok=True)
    with open(os.path.join(args.srctree, "configs", defconfig)) as f:
        text = f.read()
    for sym, val in sorted(overrides.items()):
        text = re.sub(r"^(# )?CONFIG_%s[= ].*\n" % sym, "", text, flags=re.M)
        text += "CONFIG_%s=%s\n" % (sym, val)
    frag = os.path.join(objdir, "bench.defconfig")
    with open(frag, "w") as f:
        f.write(text)
    env = dict(os.environ, srctree=args.srctree, SIS_VERSION="bench",
               KCONFIG_CONFIG=os.path.join(objdir, ".config"))
    st, out = run(["/usr/bin/python3", os.path.join(args.srctree, "scripts/kconfig.py"),
                   "defconfig", frag], env=env)
    if st == 0:
        st, more = run(["make", "-s", "-j2", "-C", args.srctree, "O=" + objdir, "all"])
        out += more
    with open(os.path.join(objdir, "build.log"), "w") as f:
        f.write(out)
    if st != 0:
        log("build %s FAILED (see %s/build.log):\n%s" % (name, objdir, out[-2000:]))
        return None
    return objdir


_qemu_cmds = {}


def qemu_command(args, objdir, smp, cmdline):
    """The board's own QEMU line (boards/*/board.mk), asked of make. pc
    bakes the command line into its ISO: each command line gets its own
    copy of the ISO so that later builds do not change earlier lines."""
    key = (objdir, smp, cmdline)
    if key in _qemu_cmds:
        return list(_qemu_cmds[key])
    st, out = run(["make", "-s", "-j2", "-C", args.srctree, "O=" + objdir, "all",
                   "CMDLINE=" + cmdline])
    if st != 0:
        raise RuntimeError("make all CMDLINE='%s' in %s failed:\n%s" % (cmdline, objdir, out))
    st, out = run(["make", "-s", "-n", "-C", args.srctree, "O=" + objdir, "run",
                   "SMP=%d" % smp, "CMDLINE=" + cmdline, "TIMEOUT=0"])
    cmd = None
    for line in out.splitlines():
        if "qemu-run.py" in line and " -- " in line:
            cmd = shlex.split(line.split(" -- ", 1)[1])
    if not cmd:
        raise RuntimeError("no QEMU command from 'make -n run' in %s:\n%s" % (objdir, out))
    if "-cdrom" in cmd:
        i = cmd.index("-cdrom") + 1
        copy = "%s-%s.iso" % (cmd[i][:-len(".iso")], re.sub(r"\W+", "-", cmdline) or "none")
        shutil.copy(cmd[i], copy)
        cmd[i] = copy
    _qemu_cmds[key] = cmd
    return list(cmd)


def replace_opt(cmd, opt, value, extra=()):
    """cmd with opt's argument replaced by value (opt appended when absent)."""
    cmd = list(cmd)
    if opt in cmd:
        i = cmd.index(opt)
        cmd[i + 1] = value
    else:
        cmd += [opt, value]
    return cmd + list(extra)


def grub_iso(workdir, name, files, entry):
    """A GRUB rescue ISO holding files (dest -> src) and one menu entry."""
    isodir = os.path.join(workdir, name + ".isodir")
    shutil.rmtree(isodir, ignore_errors=True)
    os.makedirs(os.path.join(isodir, "boot", "grub"))
    for dest, src in files.items():
        shutil.copy(src, os.path.join(isodir, dest))
    with open(os.path.join(isodir, "boot", "grub", "grub.cfg"), "w") as f:
        f.write("set timeout=0\nset default=0\nmenuentry \"%s\" {\n%s\n\tboot\n}\n"
                % (name, entry))
    iso = os.path.join(workdir, name + ".iso")
    st, out = run(["grub-mkrescue", "-o", iso, isodir])
    if st != 0:
        raise RuntimeError("grub-mkrescue for %s failed:\n%s" % (name, out[-1500:]))
    return iso


def build_floors(args):
    """The empty kernels: (pc ISO, rpi5 Image)."""
    src = os.path.join(args.srctree, "scripts", "bench")
    work = os.path.join(args.out, "floor")
    os.makedirs(work, exist_ok=True)
    steps = [
        ["gcc", "-m32", "-c", os.path.join(src, "floor-x86_64.S"), "-o", work + "/floor-x86.o"],
        ["ld", "-m", "elf_i386", "-Ttext", "0x100000", "-e", "_start", "-o",
         work + "/floor-x86.elf", work + "/floor-x86.o"],
        ["aarch64-linux-gnu-gcc", "-c", os.path.join(src, "floor-arm64.S"), "-o",
         work + "/floor-arm64.o"],
        ["aarch64-linux-gnu-ld", "-Ttext", "0", "-e", "_start", "-o",
         work + "/floor-arm64.elf", work + "/floor-arm64.o"],
        ["aarch64-linux-gnu-objcopy", "-O", "binary", work + "/floor-arm64.elf",
         work + "/floor-arm64.img"],
    ]
    for cmd in steps:
        st, out = run(cmd)
        if st != 0:
            raise RuntimeError("floor build failed: %s\n%s" % (" ".join(cmd), out))
    iso = grub_iso(work, "floor", {"boot/floor.elf": work + "/floor-x86.elf"},
                   "\tmultiboot2 /boot/floor.elf")
    return iso, work + "/floor-arm64.img"


# ---------------------------------------------------------------- Linux

def apt_download(pkg, dest):
    st, out = run(["apt-get", "download", pkg], cwd=dest, timeout=600)
    return st == 0, out


def fetch_linux(args, deb_arch):
    """Debian's kernel image for deb_arch, unpacked under OUT/linux (never
    installed). Returns (vmlinuz path, version) or (None, reason)."""
    base = os.path.join(args.out, "linux")
    dest = os.path.join(base, deb_arch)
    found = glob.glob(os.path.join(dest, "boot", "vmlinuz-*"))
    if found:
        return found[0], os.path.basename(found[0])[len("vmlinuz-"):]
    os.makedirs(dest, exist_ok=True)
    _, native = run(["dpkg", "--print-architecture"])
    suffix = "" if native.strip() == deb_arch else ":" + deb_arch
    meta = "linux-image-%s%s" % (deb_arch, suffix)
    st, out = run(["apt-cache", "depends", meta])
    if st != 0 or "Depends:" not in out:
        # A foreign architecture must be known to apt before it lists its packages.
        if suffix and os.geteuid() == 0:
            run(["dpkg", "--add-architecture", deb_arch])
        run(["apt-get", "update", "-qq"], timeout=600)
        st, out = run(["apt-cache", "depends", meta])
    m = re.search(r"Depends: (linux-image-\S+)", out)
    if not m:
        return None, "apt knows no %s (%s)" % (meta, out.strip()[-200:])
    pkg = m.group(1)
    ok, out = apt_download(pkg, base)
    if not ok:
        return None, "apt-get download %s failed: %s" % (pkg, out.strip()[-300:])
    debs = sorted(glob.glob(os.path.join(base, pkg.split(":")[0] + "_*.deb")))
    if not debs:
        return None, "no .deb after apt-get download %s" % pkg
    st, out = run(["dpkg", "-x", debs[-1], dest])
    found = glob.glob(os.path.join(dest, "boot", "vmlinuz-*"))
    if st != 0 or not found:
        return None, "dpkg -x %s failed: %s" % (debs[-1], out[-300:])
    os.unlink(debs[-1])
    return found[0], os.path.basename(found[0])[len("vmlinuz-"):]


# ---------------------------------------------------------------- timing boots

def time_boot(cmd, first_re, online_re, after_re=None, timeout=120, logfile=None):
    """Start QEMU and time the console: seconds from start to the first
    match of first_re and of online_re. Stops QEMU once online_re (and
    after_re, when given) have been seen. Returns a dict."""
    res = {"first_s": None, "online_s": None, "ncpus": None, "own_us": None}
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    fd, seen, deadline = proc.stdout.fileno(), b"", t0 + timeout
    online_at = None
    while True:
        ready, _, _ = select.select([fd], [], [], max(0, deadline - time.monotonic()))
        if not ready:
            res["error"] = "timeout after %d s" % timeout
            break
        chunk = os.read(fd, 65536)
        now = time.monotonic() - t0
        if not chunk:
            break
        seen += chunk
        if res["first_s"] is None and first_re.search(seen):
            res["first_s"] = now
        m = online_re.search(seen) if res["online_s"] is None else None
        if m:
            # Both lines in one read: the host was late reading, the
            # difference between them is not the kernel's time.
            res["same_read"] = res["first_s"] == now and first_re is not online_re
            res["online_s"] = now
            res["ncpus"] = int(m.group(1)) if m.groups() else None
            online_at = time.monotonic()
            deadline = min(deadline, online_at + 5)
        if res["online_s"] is not None:
            if after_re is None:
                break
            m = after_re.search(seen)
            if m:
                res["own_us"] = int(m.group(1))
                break
    proc.kill()
    proc.wait()
    if res["first_s"] is None and res["online_s"] is not None:
        res["first_s"] = res["online_s"]
    if res["online_s"] is None and "error" not in res:
        res["error"] = "QEMU exited (status %d) before the online line" % proc.returncode
    if logfile:
        with open(logfile, "wb") as f:
            f.write(seen)
    return res


# Many CPUs: rpi5 on GICv3 (virt takes 512 there), pc in x2APIC mode with
# the IOMMU QEMU demands past 255 CPUs.
SCALE_MACHINES = {"rpi5": ("virt, GICv3", [], [("gic-version=2", "gic-version=3")]),
                  "pc": ("q35, x2APIC", ["-cpu", "max", "-device", "intel-iommu,intremap=on,eim=on"],
                         [])}


def scale_linux_cmd(board, sis_cmd, vmlinuz):
    """Debian's Linux on the scale QEMU line: only the kernel and its
    command line swapped in (pc: -kernel instead of the ISO)."""
    if board == "pc":
        return pc_linux_kernel(sis_cmd, vmlinuz)
    return replace_opt(replace_opt(sis_cmd, "-kernel", vmlinuz), "-append", LINUX_ARGS[board])


def scale_bringup(args, mode, linux):
    """Bring-up at growing CPU counts, one run each, on kernels built for
    512 CPUs: host time to the online line and the kernel's own count;
    Debian's Linux on the same line at each count until one takes longer
    than scale_linux_timeout (the larger counts are then not tried)."""
    out, lx_timeout = {}, mode.get("scale_linux_timeout", 300)
    os.makedirs(os.path.join(args.out, "logs"), exist_ok=True)
    for board, counts in mode["scale"].items():
        objdir = build_sis(args, board + "-max512", BOARDS[board]["defconfig"],
                           {"MAX_CPUS": "512"})
        if not objdir:
            continue
        machine, extra, subst = SCALE_MACHINES[board]
        vmlinuz, lx_stop = (linux.get(board) or {}).get("vmlinuz"), None
        for smp in counts:
            cmd = qemu_command(args, objdir, smp, "poweroff")
            for old, new in subst:
                cmd = [a.replace(old, new) for a in cmd]
            logf = os.path.join(args.out, "logs", "scale-%s-smp%d.log" % (board, smp))
            res = time_boot(cmd + extra, SIS_FIRST, SIS_ONLINE, SIS_OWN, timeout=1200,
                            logfile=logf)
            res["machine"] = machine
            out.setdefault(board, {})[str(smp)] = res
            log("scale %-4s smp=%d: online %s, kernel %s us%s" % (
                board, smp, fmt_s(res["online_s"]), res.get("own_us"),
                " (%s)" % res["error"] if res.get("error") else ""))
            if not vmlinuz:
                continue
            if lx_stop:
                res["linux"] = {"error": lx_stop}
                continue
            logf = os.path.join(args.out, "logs", "scale-%s-linux-smp%d.log" % (board, smp))
            lx = time_boot(scale_linux_cmd(board, cmd, vmlinuz) + extra, LINUX_FIRST,
                           LINUX_ONLINE, timeout=lx_timeout, logfile=logf)
            res["linux"] = lx
            if lx.get("error"):
                lx_stop = "not tried: Linux did not have every CPU online within %d s at %d" \
                          % (lx_timeout, smp)
            log("scale %-4s smp=%d: Linux online %s%s" % (
                board, smp, fmt_s(lx["online_s"]),
                " (%s)" % lx["error"] if lx.get("error") else ""))
    return out


def bringup(args, mode, kernels):
    """kernels: {board: {kind: (cmd_for(smp), first_re, online_re, after_re, cpus)}}.
    Runs every (board, cpus, kind) once per round, rounds interleaved."""
    raw = {}
    logdir = os.path.join(args.out, "logs")
    os.makedirs(logdir, exist_ok=True)
    for r in range(mode["runs"]):
        for board, kinds in kernels.items():
            for smp in mode["cpus"]:
                for kind, (cmd_for, first_re, online_re, after_re, cpus) in kinds.items():
                    if smp not in cpus:
                        continue
                    lf = os.path.join(logdir, "bringup-%s-%s-smp%d-run%d.log"
                                      % (board, kind, smp, r))
                    res = time_boot(cmd_for(smp), first_re, online_re, after_re,
                                    timeout=180 if kind.startswith("linux") else 120,
                                    logfile=lf)
                    raw.setdefault(board, {}).setdefault(kind, {}) \
                       .setdefault(str(smp), []).append(res)
                    log("bring-up %-5s %-13s smp=%d run %d: first %s online %s%s" % (
                        board, kind, smp, r, fmt_s(res["first_s"]), fmt_s(res["online_s"]),
                        (" (%s)" % res["error"]) if res.get("error") else ""))
    return raw


def fmt_s(v):
    return "-" if v is None else "%.3f s" % v


def summarise_bringup(raw):
    out = {}
    for board, kinds in raw.items():
        for kind, per_cpu in kinds.items():
            for smp, runs in per_cpu.items():
                first = med([x["first_s"] for x in runs])
                online = med([x["online_s"] for x in runs])
                timed = [x for x in runs if x["online_s"] is not None and
                         x["first_s"] is not None]
                clean = [x for x in timed if not x.get("same_read")] or timed
                part = med([x["online_s"] - x["first_s"] for x in clean])
                entry = {"first_line_s": first, "all_online_s": online,
                         "kernel_part_s": part, "runs": len(runs),
                         "failed_runs": sum(1 for x in runs if x["online_s"] is None)}
                own = med([x["own_us"] for x in runs])
                if own is not None:
                    entry["own_view_us"] = own
                ncpus = [x["ncpus"] for x in runs if x["ncpus"] is not None]
                if ncpus:
                    entry["cpus_seen"] = ncpus[0]
                out.setdefault(board, {}).setdefault(kind, {})[smp] = entry
    return out


def bringup_ratios(summary):
    """ours / Linux per board and CPU count; sis minus floor."""
    ratios = {}
    for board, kinds in summary.items():
        sis = kinds.get("sis", {})
        for smp, s in sis.items():
            r = {}
            for kind, per in kinds.items():
                if not kind.startswith("linux") or smp not in per:
                    continue
                lx = per[smp]
                if s["kernel_part_s"] is not None and lx["kernel_part_s"]:
                    r["kernel_part_vs_%s" % kind] = s["kernel_part_s"] / lx["kernel_part_s"]
                if s["all_online_s"] is not None and lx["all_online_s"]:
                    r["all_online_vs_%s" % kind] = s["all_online_s"] / lx["all_online_s"]
            fl = kinds.get("floor", {}).get(smp)
            if fl and s["all_online_s"] is not None and fl["all_online_s"] is not None:
                r["above_floor_s"] = s["all_online_s"] - fl["all_online_s"]
            ratios.setdefault(board, {})[smp] = r
    return ratios


# ---------------------------------------------------------------- microbenchmarks

def micro_boot(cmd, logfile, linux=False, timeout=300, done="[BENCH] done"):
    """Boot sis with "bench... poweroff" (or "init=/bin/ubench poweroff":
    its own done line) or Linux with the benchmark guest; the figures it
    printed."""
    st, out = run(cmd, timeout=timeout)
    with open(logfile, "w") as f:
        f.write(out)
    line, done = (peers.LX_LINE, peers.LX_DONE) if linux else (BENCH_LINE, done)
    figs = {}
    for name, value, unit in line.findall(out):
        figs[name] = (float(value), unit)
    ok = done in out
    return figs, (None if ok else "no '%s' (status %d)" % (done, st))


def microbench(args, rounds, variants, before_round=None, tag="micro"):
    """variants: {(board, variant): cmd}, taking turns in each round (a
    variant whose name starts with "linux" is the Linux guest). Median of
    each figure over the boots. before_round(r) False skips round r."""
    results, errors = {}, {}
    logdir = os.path.join(args.out, "logs")
    for r in range(rounds):
        if before_round and not before_round(r):
            continue
        for (board, variant), cmd in variants.items():
            lf = os.path.join(logdir, "%s-%s-%s-run%d.log" % (tag, board, variant, r))
            figs, err = micro_boot(cmd, lf, linux=variant.startswith("linux"),
                                   done=USER_DONE if variant == "user" else "[BENCH] done")
            log("micro %s/%s run %d: %d figures%s" % (board, variant, r, len(figs),
                                                      (" (%s)" % err) if err else ""))
            if err:
                errors.setdefault(board, {})[variant] = err
            for name, (value, unit) in figs.items():
                results.setdefault(board, {}).setdefault(variant, {}) \
                       .setdefault(name, {"unit": unit, "samples": []})["samples"].append(value)
    for board in results.values():
        for figs in board.values():
            for fig in figs.values():
                fig["value"] = med(fig["samples"])
    return results, errors


def scaling(micro, linux_micro, host_cores):
    """Speedup over 1 CPU per board and CPU count, sis's and Linux's on
    the same job; host_cores: what the host gave (the target's limit)."""
    out = {}
    for board, variants in micro.items():
        figs = variants.get("scaling", {})
        lx = linux_micro.get(board, {})
        base = figs.get("scaling_cpus1", {}).get("value")
        lbase = lx.get("scaling_cpus1", {}).get("value")
        rows = {}
        for n in (1, 2, 4):
            t = figs.get("scaling_cpus%d" % n, {}).get("value")
            lt = lx.get("scaling_cpus%d" % n, {}).get("value")
            if t is None:
                continue
            sp = base / t if base and t else None
            lsp = lbase / lt if lbase and lt else None
            target = 0.9 * min(n, host_cores)
            rows[str(n)] = {"wall_ms": t, "speedup": sp, "target_speedup": target,
                            "meets_target": sp is not None and sp >= target,
                            "linux_wall_ms": lt, "linux_speedup": lsp,
                            "at_least_linux": sp is not None and lsp is not None and
                            sp >= lsp}
        out[board] = rows
    return out


def scaling_gate(attempts, tries, pause_s=2.0):
    """Before a scaling round: measure the cores the host gives, a few
    tries apart; True when one try reached SCALING_MIN_CORES. Every
    measure goes into attempts."""
    for i in range(tries):
        cores = host_parallelism()
        attempts.append(cores)
        if cores >= SCALING_MIN_CORES:
            log("scaling: the host gives %.2f cores: measuring" % cores)
            return True
        log("scaling: the host gives %.2f cores (< %.1f), try %d/%d"
            % (cores, SCALING_MIN_CORES, i + 1, tries))
        if i + 1 < tries:
            time.sleep(pause_s)
    return False


# ---------------------------------------------------------------- host locks

def host_locks(args, mode):
    """Build scripts/bench/hostlock.c against kernel/sync/ and run it."""
    work = os.path.join(args.out, "hostlock")
    os.makedirs(os.path.join(work, "include", "generated"), exist_ok=True)
    with open(os.path.join(work, "include", "generated", "version.h"), "w") as f:
        f.write('#define SIS_VERSION "host"\n')
    unit = os.path.join(args.srctree, "tests", "unit")
    with open(os.path.join(work, "plain_config.h"), "w") as f:
        f.write('#include "%s/host_config.h"\n#undef CONFIG_DEBUG_SPINLOCK\n'
                '#undef CONFIG_DEBUG_LOCK_ORDER\n' % unit)
    src = lambda *p: os.path.join(args.srctree, *p)  # noqa: E731
    base = ["gcc", "-std=gnu11", "-O2", "-pthread", "-I" + unit, "-I" + unit + "/include",
            "-I" + src("include"), "-I" + os.path.join(work, "include")]
    common = [src("scripts/bench/hostlock.c"),
              src("tests/unit/host.c"), src("kernel/sched/preempt.c"), src("kernel/time.c")]
    builds = {"plain": base + ["-include", os.path.join(work, "plain_config.h")] + common +
              [src("kernel/sync/spinlock.c")]}
    if os.path.exists(src("kernel/sync/lockorder.c")):
        builds["lockorder"] = base + ["-include", unit + "/host_config.h"] + common + \
            sorted(glob.glob(src("kernel/sync/*.c")))
    exes, errors = {}, {}
    for name, cmd in builds.items():
        exe = os.path.join(work, "hostlock-" + name)
        st, out = run(cmd + ["-o", exe])
        if st == 0:
            exes[name] = exe
        else:
            errors[name] = out[-1500:]
            log("host lock build %s failed:\n%s" % (name, out[-1500:]))
    locks = []
    if "plain" in exes:
        locks += [("sis_spinlock", exes["plain"], "sis"),
                  ("sis_spinlock_nohalt", exes["plain"], "sis_nohalt"),
                  ("mcs_lock", exes["plain"], "mcs"),
                  ("pthread_spin_lock", exes["plain"], "pthread_spin"),
                  ("pthread_mutex_lock", exes["plain"], "pthread_mutex")]
    if "lockorder" in exes:
        locks.append(("sis_spinlock_lockorder", exes["lockorder"], "sis"))
    samples = {}
    for _ in range(mode["host_reps"]):
        for threads in (1, 2):
            for name, exe, kind in locks:
                st, out = run([exe, kind, str(threads), str(mode["host_secs"])], timeout=60)
                m = re.search(r"ops_per_sec (\d+)", out)
                samples.setdefault(name, {}).setdefault(str(threads), []).append(
                    float(m.group(1)) if st == 0 and m else None)
                if st != 0:
                    errors["%s-%d" % (name, threads)] = out[-500:]
    res = {}
    for name, per in samples.items():
        for threads, vals in per.items():
            res.setdefault(name, {})[threads] = {"ops_per_s": med(vals), "unit": "ops/s"}
    ratios = {}
    for threads in ("1", "2"):
        sis = res.get("sis_spinlock", {}).get(threads, {}).get("ops_per_s")
        for other in ("sis_spinlock_nohalt", "mcs_lock", "pthread_spin_lock",
                      "pthread_mutex_lock", "sis_spinlock_lockorder"):
            o = res.get(other, {}).get(threads, {}).get("ops_per_s")
            if sis and o:
                ratios.setdefault(threads, {})["sis_vs_" + other] = sis / o
    return {"ops": res, "ratios_ops_per_s": ratios, "errors": errors,
            "seconds_per_run": mode["host_secs"], "reps": mode["host_reps"]}


# ---------------------------------------------------------------- machine

def machine_info(args):
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"^model name\s*:\s*(.*)$", f.read(), re.M)
            model = m.group(1) if m else platform.processor()
    except OSError:
        model = platform.processor()
    qemu = {}
    for b in BOARDS.values():
        st, out = run([b["qemu"], "--version"])
        qemu[b["qemu"]] = out.splitlines()[0] if st == 0 and out else "unknown"
    _, rev = run(["git", "-C", args.srctree, "rev-parse", "HEAD"])
    _, dirty = run(["git", "-C", args.srctree, "status", "--porcelain", "--untracked-files=no"])
    return {"nproc": os.cpu_count(), "cpu_model": model, "qemu": qemu,
            "loadavg_at_start": os.getloadavg(),
            "host_cores_available": host_parallelism(),
            "git_revision": rev.strip() + ("-dirty" if dirty.strip() else ""),
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "host_kernel": platform.release()}


def host_parallelism(seconds=0.5):
    """How many host cores two busy processes actually get right now: the
    machine is shared, and every SMP figure depends on it."""
    procs = [subprocess.Popen(["/bin/sh", "-c", "while :; do :; done"]) for _ in range(2)]
    time.sleep(seconds)
    cpu = 0.0
    for p in procs:
        p.kill()
        _, _, ru = os.wait4(p.pid, 0)
        cpu += ru.ru_utime + ru.ru_stime
    return round(cpu / seconds, 2)


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srctree", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", choices=["scale"],
                    help="scale: only bring-up as CPUs grow, sis and Linux (a full run's part)")
    ap.add_argument("--scale-counts", metavar="BOARD:N,N,...;...",
                    help="with --only scale: these CPU counts instead of the full run's")
    args = ap.parse_args()
    args.srctree = os.path.abspath(args.srctree)
    args.out = os.path.abspath(args.out)
    os.makedirs(args.out, exist_ok=True)
    shutil.rmtree(os.path.join(args.out, "logs"), ignore_errors=True)
    mode_name = "quick" if args.quick else "full"
    mode = MODES[mode_name]
    start = time.monotonic()
    results = {"mode": mode_name, "machine": machine_info(args), "targets": report.TARGETS}
    log("%s run on %s (%d CPUs), revision %s" % (mode_name, results["machine"]["cpu_model"],
        results["machine"]["nproc"], results["machine"]["git_revision"]))

    if args.only == "scale":
        return scale_only(args, mode, results, start)

    # Builds: plain and lock-order kernels for both boards.
    objs = {}
    for board, b in BOARDS.items():
        objs[(board, "default")] = build_sis(args, board, b["defconfig"], {})
        if board in mode["lockorder_boards"]:
            objs[(board, "lockorder")] = build_sis(args, board + "-lockorder", b["defconfig"],
                                                   {"DEBUG_LOCK_ORDER": "y"})
        # The default build balances with PUSH; one build per other policy.
        if board in mode["policy_boards"]:
            for pol in ("PLACEMENT", "STEAL"):
                objs[(board, "balance-" + pol.lower())] = build_sis(
                    args, "%s-balance-%s" % (board, pol.lower()), b["defconfig"],
                    {"SCHED_BALANCE_" + pol: "y"})
    if not objs[("pc", "default")] or not objs[("rpi5", "default")]:
        log("sis does not build: no figures")
        return 1
    floor_iso, floor_img = build_floors(args)
    log("builds done after %.0f s" % (time.monotonic() - start))

    linux = linux_kernels(args, results)
    lx_iso = None
    if linux["pc"]["vmlinuz"]:
        lx_iso = grub_iso(os.path.join(args.out, "linux"), "linux-pc",
                          {"boot/vmlinuz": linux["pc"]["vmlinuz"]},
                          "\tlinux /boot/vmlinuz %s" % LINUX_ARGS["pc"])

    # Bring-up: every kernel on the board's own QEMU line.
    sis_cmd = {board: (lambda smp, o=objs[(board, "default")]:
                       qemu_command(args, o, smp, "poweroff")) for board in BOARDS}
    kernels = {"pc": {}, "rpi5": {}}
    allc, lxc = mode["cpus"], mode["linux_cpus"]
    kernels["pc"]["sis"] = (sis_cmd["pc"], SIS_FIRST, SIS_ONLINE, SIS_OWN, allc)
    kernels["pc"]["floor"] = (lambda smp: replace_opt(sis_cmd["pc"](smp), "-cdrom", floor_iso),
                              FLOOR_LINE, FLOOR_LINE, None, allc)
    kernels["rpi5"]["sis"] = (sis_cmd["rpi5"], SIS_FIRST, SIS_ONLINE, SIS_OWN, allc)
    kernels["rpi5"]["floor"] = (lambda smp: replace_opt(
        replace_opt(sis_cmd["rpi5"](smp), "-kernel", floor_img), "-append", ""),
        FLOOR_LINE, FLOOR_LINE, None, allc)
    if lx_iso:
        kernels["pc"]["linux-grub"] = (
            lambda smp: replace_opt(sis_cmd["pc"](smp), "-cdrom", lx_iso),
            LINUX_FIRST, LINUX_ONLINE, None, lxc)
        kernels["pc"]["linux-kernel"] = (
            lambda smp: pc_linux_kernel(sis_cmd["pc"](smp), linux["pc"]["vmlinuz"]),
            LINUX_FIRST, LINUX_ONLINE, None, lxc)
    if linux["rpi5"]["vmlinuz"]:
        kernels["rpi5"]["linux"] = (lambda smp: replace_opt(
            replace_opt(sis_cmd["rpi5"](smp), "-kernel", linux["rpi5"]["vmlinuz"]),
            "-append", LINUX_ARGS["rpi5"]), LINUX_FIRST, LINUX_ONLINE, None, lxc)
    raw = bringup(args, mode, kernels)
    results["bringup"] = summarise_bringup(raw)
    results["bringup_ratios"] = bringup_ratios(results["bringup"])
    log("bring-up done after %.0f s" % (time.monotonic() - start))

    # In-kernel microbenchmarks, each board's sis and Linux boots taking turns.
    guest, guest_err = peers.build_guest(args.srctree, args.out, run)
    for board, err in guest_err.items():
        log("Linux benchmark guest for %s: %s" % (board, err))
    variants, scal_variants = {}, {}
    for board in BOARDS:
        for (b, variant), objdir in objs.items():
            if b != board or not objdir:
                continue
            if variant == "default":
                variants[(board, variant)] = qemu_command(args, objdir, 4, peers.SIS_MICRO)
                # User mode's figures (and the getpid / shootdown peers): /bin/ubench as init.
                variants[(board, "user")] = qemu_command(args, objdir, 4, peers.SIS_USER)
            else:
                variants[(board, variant)] = qemu_command(
                    args, objdir, 2 if variant == "lockorder" else 4,
                    "bench=locks poweroff" if variant == "lockorder" else
                    "bench=balance poweroff")
            if variant != "default":
                continue
            scal_variants[(board, "scaling")] = qemu_command(args, objdir, 4, peers.SIS_SCALING)
            if linux[board]["vmlinuz"] and board in guest:
                # The same line as sis's microbenchmarks, Linux and the guest swapped in.
                for kind, parts, to in (("linux", peers.GUEST_MICRO, variants),
                                        ("linux-scaling", peers.GUEST_SCALING, scal_variants)):
                    to[(board, kind)] = peers.linux_cmd(board, variants[(board, variant)],
                                                        linux[board]["vmlinuz"], guest[board],
                                                        parts)
    # Not a gate: the contended figures of a round depend on these cores too.
    micro_cores = []
    micro, micro_err = microbench(args, mode["micro_runs"], variants,
                                  lambda r: micro_cores.append(host_parallelism()) or True)
    log("microbenchmarks done after %.0f s" % (time.monotonic() - start))
    # Scaling: only when the host gives the cores (measured just before).
    attempts, ran = [], []

    def gate(r):
        ok = scaling_gate(attempts, mode["scaling_tries"])
        ran.append(ok)
        return ok
    scal, scal_err = microbench(args, mode["scaling_runs"], scal_variants, gate, "scaling")
    for board, vs in scal.items():
        micro.setdefault(board, {}).update(vs)
    for board, vs in scal_err.items():
        micro_err.setdefault(board, {}).update(vs)
    split = lambda keep: {b: {v: {n: {"value": f["value"], "unit": f["unit"]}  # noqa: E731
                                  for n, f in figs.items()}
                              for v, figs in vs.items() if v.startswith("linux") == keep}
                          for b, vs in micro.items()}
    results["micro"] = split(False)
    results["linux_micro"] = {b: all_figures(vs) for b, vs in split(True).items()}
    results["micro_errors"] = micro_err
    results["linux_guest_errors"] = guest_err
    results["micro_not_yet_measured"] = not_yet_measured(results["micro"])
    results["lock_order_cost"] = lock_order_cost(results["micro"])
    given = max(attempts) if attempts else None
    results["micro_host_cores"] = micro_cores
    results["scaling_host"] = {
        "min_cores": SCALING_MIN_CORES, "cores_measured": attempts,
        "rounds_run": sum(ran), "rounds_asked": mode["scaling_runs"],
        "status": "measured" if any(ran) else "host busy"}
    results["scaling"] = scaling(results["micro"], results["linux_micro"],
                                 min(given or os.cpu_count(), os.cpu_count()))
    results["peers"] = {b: peers.peers(all_figures(results["micro"].get(b, {})),
                                       results["linux_micro"].get(b, {}),
                                       results["machine"]["qemu"].get(BOARDS[b]["qemu"]))
                        for b in BOARDS}
    results["balancing"] = balancing(results["micro"])
    log("scaling (%s) and Linux peers done after %.0f s"
        % (results["scaling_host"]["status"], time.monotonic() - start))

    results["scale"] = scale_bringup(args, mode, linux)
    results["host_locks"] = host_locks(args, mode)
    results["elapsed_s"] = time.monotonic() - start
    results["machine"]["loadavg_at_end"] = os.getloadavg()

    return write_results(args, results, start)


def write_results(args, results, start):
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f, indent=2, sort_keys=True)
    text = report.terminal_table(results)
    print(text, flush=True)
    report.write_report(results, args.out)
    log("results in %s/results.json, report in %s/report.md (%.0f s)"
        % (args.out, args.out, time.monotonic() - start))
    return 0


def linux_kernels(args, results):
    """Debian's Linux for each board from the archive: {board: {vmlinuz, version, error}}."""
    linux = {}
    for board, b in BOARDS.items():
        vmlinuz, info = fetch_linux(args, b["deb_arch"])
        linux[board] = {"vmlinuz": vmlinuz, "version": info if vmlinuz else None,
                        "error": None if vmlinuz else info}
        log("Linux for %s: %s" % (board, vmlinuz or ("not available: " + info)))
    results["linux"] = {k: {"version": v["version"], "error": v["error"],
                            "cmdline": LINUX_ARGS[k]} for k, v in linux.items()}
    return linux


def scale_only(args, mode, results, start):
    """--only scale: the full run's bring-up as CPUs grow, or --scale-counts."""
    mode = dict(MODES["full"])
    if args.scale_counts:
        try:
            mode["scale"] = {b: [int(n) for n in ns.split(",")]
                             for b, ns in (part.split(":") for part in args.scale_counts.split(";"))}
        except ValueError:
            log("--scale-counts: expected BOARD:N,N,...;BOARD:N,... (got %r)" % args.scale_counts)
            return 2
        bad = [b for b in mode["scale"] if b not in SCALE_MACHINES]
        if bad:
            log("--scale-counts: no scale machine for %s (have %s)"
                % (", ".join(bad), ", ".join(sorted(SCALE_MACHINES))))
            return 2
    results["mode"] = "scale"
    results["scale"] = scale_bringup(args, mode, linux_kernels(args, results))
    results["elapsed_s"] = time.monotonic() - start
    return write_results(args, results, start)


def pc_linux_kernel(cmd, vmlinuz):
    """The pc QEMU line booting Linux with -kernel instead of the ISO."""
    cmd = list(cmd)
    i = cmd.index("-cdrom")
    del cmd[i:i + 2]
    return cmd + ["-kernel", vmlinuz, "-append", LINUX_ARGS["pc"]]


def all_figures(variants):
    """Every figure of a board, the default build's first."""
    figs = {}
    for variant in sorted(variants, key=lambda v: v != "default"):
        for name, f in variants[variant].items():
            figs.setdefault(name, f)
    return figs


def not_yet_measured(micro):
    missing = {}
    for board, variants in micro.items():
        figs = all_figures(variants)
        miss = [n for n in SCHED_FIGURES if n not in figs]
        miss += ["balance_%s" % p.lower() for p in BALANCE_POLICIES
                 if "balance_%s_time" % p.lower() not in figs]
        missing[board] = miss
    return missing


def lock_order_cost(micro):
    out = {}
    for board, variants in micro.items():
        plain = variants.get("default", {}).get("lock_uncontended", {}).get("value")
        lo = variants.get("lockorder", {}).get("lock_uncontended_lockorder", {}).get("value")
        out[board] = {"plain_ns": plain, "lockorder_ns": lo,
                      "ratio": lo / plain if plain and lo else None}
    return out


def balancing(micro):
    out = {}
    for board, variants in micro.items():
        figs = all_figures(variants)
        for p in BALANCE_POLICIES:
            key = "balance_%s_" % p.lower()
            if key + "time" not in figs:
                out.setdefault(board, {})[p.lower()] = "not yet measured"
                continue
            out.setdefault(board, {})[p.lower()] = {
                "time_to_even_ms": figs[key + "time"]["value"],
                "migrations": figs.get(key + "migrations", {}).get("value"),
                "reached_even": bool(figs.get(key + "even", {}).get("value"))}
    return out


if __name__ == "__main__":
    sys.exit(main())
