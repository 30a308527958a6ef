#!/usr/bin/python3
"""make check: every test sis has, one line per test, one total at the end.

  1. host unit tests (tests/unit, cmocka under ASan/UBSan), one line per case;
  1b. the build system: unknown defconfig, help, savedefconfig round trips,
     one Kconfig symbol rebuilding only its users, a malformed .config;
  2. builds: every defconfig with lock-order checking off and on, and
     randconfig seeds for each board;
  3. the QEMU boot matrix (tests/boot/<board>.py): each boot's exit
     status, the lines it must and must not print, and each KTAP result;
  4. the benchmark code once in its quick mode (figures are not judged);
  5. the fuzz targets (tests/fuzz): each built, every seed and regression
     input run once, then a short fuzzing run of a fixed length.

Ends with "N passed, N failed"; exits non-zero when anything failed.
"""
import argparse
import fnmatch
import glob
import importlib.util
import os
import re
import shutil
import queue
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runcmd import run  # noqa: E402  (scripts/runcmd.py)

RANDCONFIG_SEEDS = {"pc": [1, 2, 3, 4], "rpi5": [1, 2, 3, 4], "rpi3": [1, 2], "rpi4": [1, 2]}
QUICK_SEEDS = {"pc": [1], "rpi5": [1]}
BOARD_SYMBOL = {"pc": "CONFIG_BOARD_PC_Q35=y", "rpi5": "CONFIG_BOARD_RPI5=y",
                "rpi3": "CONFIG_BOARD_RPI3=y", "rpi4": "CONFIG_BOARD_RPI4=y"}


class Results:
    """The counts and the lines. Lanes running at once (boots, fuzzing)
    each report into a Results(parent=...) of their own, whose lines go
    to the parent together, so one boot's lines are never split."""

    def __init__(self, verbose, parent=None):
        self.passed = 0
        self.failed = []
        self.skipped = []
        self.verbose = verbose
        self.parent = parent
        self.lines = []
        self.lock = threading.Lock()

    def _say(self, text):
        if self.parent:
            self.lines.append(text)
        else:
            print(text, flush=True)

    def ok(self, name):
        self.passed += 1
        self._say("ok %s" % name)

    def fail(self, name, why, detail=None):
        self.failed.append(name)
        text = "FAIL %s: %s" % (name, why)
        if detail:
            text += "".join("\n    | " + line for line in detail.rstrip().splitlines()[-25:])
        self._say(text)

    def skip(self, name, why):
        """Not run here, never counted as passed: the reason is printed."""
        self.skipped.append(name)
        self._say("skip %s: skipped: %s" % (name, why))

    def flush(self):
        """A lane's results into its parent, lines and counts at once."""
        with self.parent.lock:
            for text in self.lines:
                print(text, flush=True)
            self.parent.passed += self.passed
            self.parent.failed += self.failed
            self.parent.skipped += self.skipped
        self.lines, self.passed, self.failed, self.skipped = [], 0, [], []

    def check(self, name, good, why="", detail=None):
        if good:
            self.ok(name)
        else:
            self.fail(name, why, detail)
        return good


# ---------------------------------------------------------------- unit tests

def unit_tests(args, res):
    out = os.path.join(args.out, "unit")
    st, log = run(["make", "-s", "-j2", "-C", os.path.join(args.srctree, "tests/unit"),
                   "OUT=" + out, "all"])
    if not res.check("unit/build", st == 0, "host unit tests do not build", log):
        return
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
    for exe in sorted(glob.glob(os.path.join(out, "test_*"))):
        if not os.access(exe, os.X_OK) or os.path.isdir(exe):
            continue
        suite = os.path.basename(exe)[len("test_"):]
        st, log = run([exe], env=env, timeout=300)
        cases = re.findall(r"^(not ok|ok) \d+ - (\S+)", log, re.M)
        for verdict, case in cases:
            res.check("unit/%s/%s" % (suite, case), verdict == "ok",
                      "assertion failed", log)
        if st != 0 and not any(v == "not ok" for v, _ in cases):
            res.fail("unit/%s" % suite, "exited with status %d" % st, log)
        elif not cases:
            res.fail("unit/%s" % suite, "ran no test case", log)


# ---------------------------------------------------------------- builds

def kconfig(args, objdir, command, *extra, env_extra=None):
    env = dict(os.environ, srctree=args.srctree, SIS_VERSION="check",
               KCONFIG_CONFIG=os.path.join(objdir, ".config"))
    env.update(env_extra or {})
    return run(["/usr/bin/python3", os.path.join(args.srctree, "scripts/kconfig.py"),
                command] + list(extra), env=env)


def configure(args, objdir, defconfig, overrides):
    """A .config from configs/<defconfig> plus CONFIG_<sym>=<value> lines."""
    os.makedirs(objdir, exist_ok=True)
    frag = os.path.join(objdir, "check.defconfig")
    with open(os.path.join(args.srctree, "configs", defconfig)) as f:
        text = f.read()
    for sym, val in sorted(overrides.items()):
        text = re.sub(r"^(# )?CONFIG_%s[= ].*\n" % sym, "", text, flags=re.M)
        text += "CONFIG_%s=%s\n" % (sym, val) if val != "n" else \
            "# CONFIG_%s is not set\n" % sym
    with open(frag, "w") as f:
        f.write(text)
    return kconfig(args, objdir, "defconfig", frag)


def make_all(args, objdir, make_vars=None):
    words = ["%s=%s" % kv for kv in sorted((make_vars or {}).items())]
    return run(["make", "-s", "-j2", "-C", args.srctree, "O=" + objdir, "all"] + words,
               timeout=900)


def build(args, res, name, objdir, defconfig, overrides, make_vars=None):
    st, log = configure(args, objdir, defconfig, overrides)
    if st == 0:
        st, more = make_all(args, objdir, make_vars)
        log += more
    return res.check("build/" + name, st == 0, "build failed", log)


def randconfig_build(args, res, board, seed):
    name = "randconfig-%s-%d" % (board, seed)
    objdir = os.path.join(args.out, "build", name)
    os.makedirs(objdir, exist_ok=True)
    pin = os.path.join(objdir, "allconfig")
    with open(pin, "w") as f:
        f.write(BOARD_SYMBOL[board] + "\n")
    st, log = kconfig(args, objdir, "randconfig",
                      env_extra={"KCONFIG_SEED": str(seed), "KCONFIG_ALLCONFIG": pin})
    if st == 0:
        st, more = make_all(args, objdir)
        log += more
    res.check("build/" + name, st == 0, "build failed (KCONFIG_SEED=%d)" % seed, log)


def builds(args, res):
    for path in sorted(glob.glob(os.path.join(args.srctree, "configs", "*_defconfig"))):
        defconfig = os.path.basename(path)
        base = defconfig[:-len("_defconfig")]
        for lockorder in ("n", "y"):
            name = "%s-lockorder-%s" % (base, lockorder)
            build(args, res, name, os.path.join(args.out, "build", name), defconfig,
                  {"DEBUG_LOCK_ORDER": lockorder})
        # The extra warnings of W=1 are errors too: the tree stays clean.
        if not args.quick:
            name = "%s-W1" % base
            build(args, res, name, os.path.join(args.out, "build", name), defconfig, {},
                  {"W": "1"})
    seeds = QUICK_SEEDS if args.quick else RANDCONFIG_SEEDS
    for board in sorted(seeds):
        for seed in seeds[board]:
            randconfig_build(args, res, board, seed)


# ---------------------------------------------------------------- build system

class BuildsysContext:
    """What tests/build/buildsys.py gets: make in the source tree, the
    results, and a scratch folder."""

    def __init__(self, args, res):
        self.srctree, self.out, self.res = args.srctree, args.out, res

    def make(self, *words, env=None):
        return run(["make", "-C", self.srctree] + list(words), env=env, timeout=900)


def build_system(args, res):
    path = os.path.join(args.srctree, "tests", "build", "buildsys.py")
    spec = importlib.util.spec_from_file_location("buildsys", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.tests(BuildsysContext(args, res))


# ---------------------------------------------------------------- boots

def load_boot_modules(srctree):
    bootdir = os.path.join(srctree, "tests", "boot")
    sys.path.insert(0, bootdir)
    mods = []
    for path in sorted(glob.glob(os.path.join(bootdir, "*.py"))):
        name = os.path.basename(path)[:-3]
        if name.endswith("lib") or name.startswith("_"):   # bootlib, screenlib
            continue
        spec = importlib.util.spec_from_file_location("boot_" + name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mods.append(mod)
    return mods


def ktap_results(log):
    """(name, ok) for every KTAP case and suite line, nested ones included."""
    out = []
    suite = None
    for line in log.splitlines():
        m = re.match(r"^(\s*)# Subtest: (\S+)", line)
        if m:
            suite = m.group(2)
            continue
        m = re.match(r"^(\s*)(not ok|ok) \d+ (\S+)(.*)$", line)
        if not m:
            continue
        nested = len(m.group(1)) > 0
        name = "%s/%s" % (suite, m.group(3)) if nested and suite else m.group(3)
        out.append((name, m.group(2) == "ok", nested))
    return out


# The printk time stamp ("[    0.012345] "), taken off before matching,
# as Linux's kunit.py does.
STAMP = re.compile(r"^\[\s*\d+\.\d+\] ")


def read_times(path):
    """The stamped lines SIS_RUN_TIMES wrote: [(host seconds, line without its printk stamp)]."""
    out = []
    if not os.path.exists(path):
        return out
    with open(path, errors="replace", newline="\n") as f:     # a bare \r is not a line end
        for row in f:
            t, _, line = row.rstrip("\n").partition("\t")
            out.append((float(t), STAMP.sub("", line)))
    return out


def check_log(res, boot, name, status, log, files, times=None):
    lines = [STAMP.sub("", l.rstrip("\r")) for l in log.splitlines()]
    text = "\n".join(lines)
    problems = []
    if status != boot.status:
        problems.append("exit status %d, expected %d" % (status, boot.status))
    for rx in boot.expect:
        if not re.search(rx, text, re.M):
            problems.append("missing line /%s/" % rx)
    for rx in boot.forbid:
        m = re.search(rx, text, re.M)
        if m:
            problems.append("forbidden line /%s/: %s" % (rx, m.group(0)))
    if boot.check:
        problems += boot.check(text, files)
    if boot.timed_check:
        problems += boot.timed_check(times or [])
    if boot.ktap:
        results = ktap_results(text)
        if not any(not nested for _, _, nested in results):
            problems.append("no KTAP results")
        for case, good, nested in results:
            if nested:
                res.check("%s/%s" % (name, case), good, "KTAP not ok", None)
    res.check(name, not problems, "; ".join(problems), text if problems else None)


def boot_one(args, res, boot, objdir, attempt):
    name = boot.name if boot.repeat == 1 else "%s#%d" % (boot.name, attempt)
    logdir = os.path.join(args.out, "boot")
    os.makedirs(logdir, exist_ok=True)
    cmd = ["make", "-s", "-C", args.srctree, "O=" + objdir, "run",
           "CMDLINE=" + boot.cmdline, "TIMEOUT=%d" % boot.timeout]
    cmd += ["%s=%s" % kv for kv in sorted(boot.vars.items())]
    cmd += ["%s=%s" % kv for kv in sorted(boot.build_vars.items())]
    start = time.monotonic()
    status_file = os.path.join(logdir, name.replace("#", "-") + ".status")
    env = dict(os.environ, SIS_RUN_STATUS=status_file)
    files = os.path.join(logdir, name.replace("#", "-") + ".files")
    if boot.script:
        os.makedirs(files, exist_ok=True)
        script_file = os.path.join(files, "script")
        with open(script_file, "w") as f:
            f.write(boot.script)
        env["SIS_RUN_SCRIPT"] = script_file
    if os.path.exists(status_file):
        os.remove(status_file)
    times_file = os.path.join(logdir, name.replace("#", "-") + ".times")
    if os.path.exists(times_file):
        os.remove(times_file)
    if boot.timed_check:
        env["SIS_RUN_TIMES"] = times_file
    status, log = run(cmd, env=env, timeout=boot.timeout + 120)
    if os.path.exists(status_file):
        with open(status_file) as f:
            status = int(f.read().strip() or status)
    with open(os.path.join(logdir, name.replace("#", "-") + ".log"), "w") as f:
        f.write("# %s\n%s" % (" ".join(cmd), log))
    took = time.monotonic() - start
    with res.parent.lock if res.parent else res.lock:
        with open(os.path.join(args.out, "boot-times.txt"), "a") as f:
            f.write("%.1f\t%s\n" % (took, name))
    if args.verbose:
        res._say("   (%s: %.1f s)" % (name, took))
    check_log(res, boot, name, status, log, files,
              read_times(times_file) if boot.timed_check else None)


def in_lanes(args, res, jobs, work):
    """Run work(lane_results, job) for every job, args.jobs at a time; each
    job's lines reach res whole, when it ends."""
    todo = queue.Queue()
    for job in jobs:
        todo.put(job)

    def lane():
        mine = Results(res.verbose, parent=res)
        while True:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            try:
                work(mine, job)
            except Exception:   # a lane that dies must not take its results with it
                import traceback
                mine.fail("lane", "check.py failed on %r" % (job,), traceback.format_exc())
            mine.flush()
    threads = [threading.Thread(target=lane) for _ in range(max(1, args.jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def boot_group(args, key, group):
    """One kernel's boots, in order, in one lane: they share its build
    folder, where make run writes (the pc's ISO carries the command line)."""
    def work(res, _):
        # No '=' in the folder's path: make could not read its saved commands back.
        objdir = os.path.join(args.out, "boot-build", key.replace("=", "-"))
        first = group[0]
        if not build(args, res, "boot-" + key, objdir, first.defconfig, first.config,
                     first.build_vars):
            for boot in group:
                res.fail(boot.name, "its kernel did not build")
            return
        for boot in group:
            for attempt in range(1, boot.repeat + 1):
                boot_one(args, res, boot, objdir, attempt)
                res.flush()     # each boot's lines as soon as it ends
    return work


def boots(args, res):
    """Every boot of tests/boot, grouped by kernel; the groups run in
    args.jobs lanes, the longest first (by their timeouts)."""
    sys.path.insert(0, os.path.join(args.srctree, "tests", "boot"))
    import bootlib
    groups = {}
    qemu = min(bootlib.qemu_version("qemu-system-x86_64"),
               bootlib.qemu_version("qemu-system-aarch64"))
    for mod in load_boot_modules(args.srctree):
        for boot in mod.boots(args.quick):
            if args.match and not fnmatch.fnmatch(boot.name, args.match):
                continue
            why = bootlib.skip_reason(boot, qemu)
            if why:
                res.skip(boot.name, why)
                continue
            groups.setdefault(bootlib.build_key(boot), []).append(boot)
    weight = lambda kv: -sum(b.timeout * b.repeat for b in kv[1])  # noqa: E731
    jobs = sorted(groups.items(), key=weight)
    in_lanes(args, res, jobs, lambda lane, job: boot_group(args, *job)(lane, job))


# ---------------------------------------------------------------- bench

def bench_smoke(args, res):
    script = os.path.join(args.srctree, "scripts", "bench.py")
    if not os.path.exists(script):
        return
    st, log = run(["/usr/bin/python3", script, "--srctree", args.srctree,
                   "--out", os.path.join(args.out, "bench"), "--quick"], timeout=600)
    res.check("bench/quick-run", st == 0, "make bench QUICK=1 failed", log)


# ---------------------------------------------------------------- fuzz

FUZZ_SECONDS, FUZZ_QUICK_SECONDS = 20, 5


def fuzz_targets(args, res):
    import fuzz  # scripts/fuzz.py, what make fuzz runs
    out = os.path.join(args.out, "fuzz")
    st, log = fuzz.build(args.srctree, out)
    if not res.check("fuzz/build", st == 0, "fuzz targets do not build", log):
        return
    seconds = FUZZ_QUICK_SECONDS if args.quick else FUZZ_SECONDS

    def one(lane, name):
        st, log = fuzz.replay(args.srctree, out, name)
        lane.check("fuzz/%s/inputs" % name, st == 0,
                   "a seed or regression input fails", log)
        st, log, stats, found = fuzz.fuzz(args.srctree, out, name, seconds)
        why = "; ".join("saved %s, reproduce: %s" % (c, fuzz.reproduce(out, name, c))
                        for c in found) or "libFuzzer exited with status %d" % st
        if lane.check("fuzz/%s/run" % name, st == 0 and not found, why, log):
            if args.verbose:
                lane._say("    " + fuzz.summary(name, seconds, stats))
    in_lanes(args, res, fuzz.targets(args.srctree), one)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srctree", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--only", choices=["unit", "buildsys", "build", "boot", "bench", "fuzz"])
    ap.add_argument("--match", help="boot: only the boots whose name matches this glob")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="boots (one kernel's at a time each) and fuzz targets run in this "
                         "many lanes at once (default: the host's CPUs)")
    args = ap.parse_args()
    args.srctree = os.path.abspath(args.srctree)
    args.out = os.path.abspath(args.out)
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    res = Results(args.verbose)
    start = time.monotonic()
    steps = {"unit": unit_tests, "buildsys": build_system, "build": builds, "boot": boots,
             "bench": bench_smoke, "fuzz": fuzz_targets}
    for step, fn in steps.items():
        if args.only in (None, step):
            print("# %s" % step, flush=True)
            t0 = time.monotonic()
            fn(args, res)
            print("# %s: %.0f s" % (step, time.monotonic() - t0), flush=True)
    print("# %.0f s; logs in %s" % (time.monotonic() - start, args.out))
    if res.failed:
        print("# failed: " + " ".join(res.failed))
    if res.skipped:
        print("%d skipped (see the skip lines above)" % len(res.skipped))
    print("%d passed, %d failed" % (res.passed, len(res.failed)))
    sys.exit(1 if res.failed else 0)


if __name__ == "__main__":
    main()
