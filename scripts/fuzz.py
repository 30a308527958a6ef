#!/usr/bin/python3
"""make fuzz: build every libFuzzer target of tests/fuzz and run each.

  fuzz.py --srctree S --out O/fuzz [--target NAME] [--time SECONDS]

Each target is built into O/fuzz/<name> (a libFuzzer binary: it takes
libFuzzer's usual options, and files to run once). First every file of
its seed corpus (tests/fuzz/corpus/<name>) and regressions
(tests/fuzz/regressions/<name>) runs once; then it fuzzes for SECONDS with
its dictionary (tests/fuzz/dict/<name>.dict), new inputs kept in
O/fuzz/corpus/<name>, a crash or timeout saved in O/fuzz/crashes/<name>/
and the command that reproduces it printed. One line per target with the
executions, coverage and features; exits non-zero when any target found
something. check.py uses the same functions for make check's short runs.
"""
import argparse
import glob
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runcmd import run  # noqa: E402  (scripts/runcmd.py)

# Per input: a parser that takes longer than this on one input is a finding.
INPUT_TIMEOUT = 10


def targets(srctree):
    return sorted(os.path.basename(p)[len("fuzz_"):-2]
                  for p in glob.glob(os.path.join(srctree, "tests/fuzz/fuzz_*.c")))


def build(srctree, out):
    """Build every target into out; (status, log)."""
    return run(["make", "-s", "-j2", "-C", os.path.join(srctree, "tests/fuzz"),
                "OUT=" + out, "all"], timeout=1800)


def inputs(srctree, name):
    """The seed corpus and the regression inputs of target name."""
    files = []
    for d in ("corpus", "regressions"):
        files += sorted(p for p in glob.glob(os.path.join(srctree, "tests/fuzz", d, name, "*"))
                        if os.path.isfile(p))
    return files


def replay(srctree, out, name):
    """Every seed and regression input once; (status, log)."""
    files = inputs(srctree, name)
    if not files:
        return 0, "no input files"
    return run([os.path.join(out, name), "-timeout=%d" % INPUT_TIMEOUT] + files,
               timeout=600)


def fuzz(srctree, out, name, seconds):
    """Fuzz target name for seconds; (status, log, stats, crash files)."""
    corpus = os.path.join(out, "corpus", name)
    crashes = os.path.join(out, "crashes", name)
    os.makedirs(corpus, exist_ok=True)
    os.makedirs(crashes, exist_ok=True)
    before = set(os.listdir(crashes))
    cmd = [os.path.join(out, name), corpus, os.path.join(srctree, "tests/fuzz/corpus", name),
           "-max_total_time=%d" % seconds, "-timeout=%d" % INPUT_TIMEOUT,
           "-rss_limit_mb=2048", "-print_final_stats=1",
           "-artifact_prefix=" + crashes + "/"]
    d = os.path.join(srctree, "tests/fuzz/dict", name + ".dict")
    if os.path.exists(d):
        cmd.append("-dict=" + d)
    st, log = run(cmd, timeout=seconds + 600)
    found = sorted(os.path.join(crashes, f) for f in set(os.listdir(crashes)) - before)
    return st, log, stats(log), found


def stats(log):
    """Executions, coverage (edges) and features from libFuzzer's last lines."""
    s = {"execs": 0, "cov": 0, "ft": 0, "corpus": 0}
    m = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    if m:
        s["execs"] = int(m.group(1))
    for m in re.finditer(r"^#\d+\s+\S+\s+cov: (\d+) ft: (\d+) corp: (\d+)", log, re.M):
        s["cov"], s["ft"], s["corpus"] = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return s


def summary(name, seconds, s):
    return "%s: %d s, %d executions, coverage %d edges, %d features, corpus %d" % (
        name, seconds, s["execs"], s["cov"], s["ft"], s["corpus"])


def reproduce(out, name, crash):
    return "%s %s" % (os.path.join(out, name), crash)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srctree", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--target")
    ap.add_argument("--time", type=int, default=60)
    args = ap.parse_args()
    srctree, out = os.path.abspath(args.srctree), os.path.abspath(args.out)
    names = targets(srctree)
    if args.target and args.target not in names:
        print("fuzz: no target '%s' (targets: %s)" % (args.target, " ".join(names)),
              file=sys.stderr)
        return 2
    st, log = build(srctree, out)
    if st:
        print(log, end="")
        print("fuzz: the targets do not build", file=sys.stderr)
        return 1
    bad = 0
    for name in [args.target] if args.target else names:
        st, log = replay(srctree, out, name)
        if st:
            bad += 1
            print(log.rstrip()[-3000:])
            print("FAIL %s: a seed or regression input fails (%s)" % (
                name, " ".join(inputs(srctree, name))))
            continue
        print("== %s: fuzzing for %d s" % (name, args.time), flush=True)
        st, log, s, found = fuzz(srctree, out, name, args.time)
        print(summary(name, args.time, s), flush=True)
        if st or found:
            bad += 1
            print(log.rstrip()[-3000:])
            for c in found:
                print("FAIL %s: saved %s; reproduce: %s" % (name, c, reproduce(out, name, c)))
            if not found:
                print("FAIL %s: libFuzzer exited with status %d" % (name, st))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
