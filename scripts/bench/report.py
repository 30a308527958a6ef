"""Turn make bench's results into a terminal table, report.md and a
gnuplot PNG (scripts/bench.py calls these). Figures are printed, never
judged: each target is shown beside its figure."""
import os
import subprocess

TARGETS = {
    "kernel_part_vs_linux": "sis's own part of bring-up (first line -> all CPUs online) "
                            "at most 1/20 of Linux's",
    "above_floor_s": "QEMU start -> all CPUs online within 0.1 s of the empty kernel",
    "lockorder_ratio": "uncontended lock+unlock with DEBUG_LOCK_ORDER=y at most 3x the plain cost",
    "scaling": "speedup at least 0.9 x min(vCPUs, host cores), and at least Linux's",
    "peers": "every time figure at most half of Linux's on the same QEMU line "
             "(ratio sis/Linux <= 0.5)",
    "scale": "sis's per-CPU bring-up cost at 256 CPUs at most 1/10 of Linux's at 64, and "
             "QEMU start -> all online at 512 CPUs under 3 s",
}
SCALE_GOAL_RATIO, SCALE_GOAL_512_S = 0.1, 3.0
PEER_GOAL = 0.5
MICRO_ORDER = ["lock_uncontended", "lock_uncontended_raw",
               "lock_handoff_cpus2", "lock_handoff_cpus2_cpu_changes",
               "lock_handoff_cpus4", "lock_handoff_cpus4_cpu_changes",
               "ipi_roundtrip", "ipi_wake_idle", "smp_call_single", "smp_call_many_cpus4",
               "yield_switch", "port_pingpong", "wake_latency"]
BRINGUP_KINDS = ["floor", "sis", "linux-grub", "linux-kernel", "linux"]


def fmt_load(v):
    return "-" if not v else "/".join("%.2f" % x for x in v)


def num(v, fmt="%.3f", none="-"):
    return none if v is None else fmt % v


def table(headers, rows):
    """Markdown table; also readable on a terminal."""
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    line = lambda r: "| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths)) + " |"  # noqa
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(headers), sep] + [line(r) for r in rows])


def bringup_rows(res):
    rows = []
    for board, kinds in sorted(res.get("bringup", {}).items()):
        for kind in BRINGUP_KINDS:
            for smp, e in sorted(kinds.get(kind, {}).items(), key=lambda kv: int(kv[0])):
                rows.append([board, kind, smp, num(e["first_line_s"]), num(e["all_online_s"]),
                             num(e["kernel_part_s"]),
                             num(e.get("own_view_us"), "%d us"),
                             "%d/%d" % (e["runs"] - e["failed_runs"], e["runs"])])
    return rows


def per_cpu_ms(per, smp, key):
    """(t(smp) - t(1)) / (smp - 1) in ms: the cost of one more CPU, from
    host wall times to all online (key picks sis's or Linux's)."""
    one, here = key(per.get("1") or {}), key(per.get(str(smp)) or {})
    n = int(smp)
    return (here - one) * 1000 / (n - 1) if one is not None and here is not None and n > 1 \
        else None


def sis_online(e):
    return e.get("online_s")


def linux_online(e):
    return (e.get("linux") or {}).get("online_s")


def scale_rows(res):
    """Bring-up as CPUs grow (kernels built for 512 CPUs; full runs only),
    sis and Linux on the same line. Per CPU: the wall time beyond the
    1-CPU boot, shared out; the kernel's own count for sis too."""
    rows = []
    for board, per in sorted(res.get("scale", {}).items()):
        base = (per.get("1") or {}).get("own_us")
        for smp, e in sorted(per.items(), key=lambda kv: int(kv[0])):
            own, n, lx = e.get("own_us"), int(smp), e.get("linux") or {}
            each = (own - base) / 1000 / (n - 1) if own and base and n > 1 else None
            problems = [x for x in (e.get("error"), lx.get("error") and "Linux: " + lx["error"])
                        if x]
            rows.append([board, e.get("machine", ""), smp, str(e.get("ncpus") or "-"),
                         num(e.get("online_s")), num(own / 1000 if own else None, "%.1f"),
                         num(each, "%.2f"), num(per_cpu_ms(per, smp, sis_online), "%.2f"),
                         num(lx.get("online_s")), num(per_cpu_ms(per, smp, linux_online), "%.1f"),
                         "; ".join(problems)])
    return rows


def scale_goal_rows(res):
    """The figure to beat, per board: sis's wall cost per CPU at 256 (pc:
    its largest count up to 256) against Linux's at 64; sis at 512."""
    rows = []
    for board, per in sorted(res.get("scale", {}).items()):
        counts = sorted(int(n) for n in per)
        big = max([n for n in counts if n <= 256] or [0])
        sis_each = per_cpu_ms(per, str(big), sis_online) if big else None
        lx_each = per_cpu_ms(per, "64", linux_online)
        ratio = sis_each / lx_each if sis_each is not None and lx_each else None
        at512 = (per.get("512") or {}).get("online_s")
        rows.append([board, big or "-", num(sis_each, "%.2f"), num(lx_each, "%.1f"),
                     num(ratio, "%.4f"),
                     "-" if ratio is None else ("yes" if ratio <= SCALE_GOAL_RATIO else "no"),
                     num(at512, "%.2f"),
                     "-" if at512 is None else ("yes" if at512 < SCALE_GOAL_512_S else "no")])
    return rows


def plot_scale(res, outdir):
    """scale.png: QEMU start -> all CPUs online against CPUs, log-log, sis
    and Linux per board, each with its per-CPU slope at the largest count
    in the legend. Returns an error string or None (nothing to plot: None)."""
    plots = []
    for board, per in sorted(res.get("scale", {}).items()):
        for kind, key in (("sis", sis_online), ("Linux", linux_online)):
            pts = sorted((int(n), key(e)) for n, e in per.items() if key(e) is not None)
            if not pts:
                continue
            name = "scale-%s-%s.dat" % (board, kind.lower())
            write_dat(os.path.join(outdir, name), pts)
            slope = per_cpu_ms(per, str(pts[-1][0]), key)
            plots.append("'%s' using 1:2 with linespoints lw 2 title '%s %s%s'" % (
                name, board, kind, "" if slope is None else
                " (%.2f ms per CPU at %d)" % (slope, pts[-1][0])))
    if not plots:
        return None
    gp = ["set terminal pngcairo size 1000,700 font ',11'", "set output 'scale.png'",
          "set title 'QEMU start -> every CPU online (%s)' noenhanced"
          % res.get("machine", {}).get("date", ""),
          "set logscale xy", "set grid", "set key top left noenhanced",
          "set xlabel 'CPUs (log)'", "set ylabel 'seconds (log)'",
          "plot " + ", ".join(plots) + ", %g with lines dt 2 title 'goal at 512: %g s'"
          % (SCALE_GOAL_512_S, SCALE_GOAL_512_S)]
    return gnuplot(outdir, "scale", gp)


def ratio_rows(res):
    rows = []
    for board, per in sorted(res.get("bringup_ratios", {}).items()):
        for smp, r in sorted(per.items(), key=lambda kv: int(kv[0])):
            parts = ["%s %.3f" % (k.replace("kernel_part_vs_", ""), v)
                     for k, v in sorted(r.items()) if k.startswith("kernel_part_vs_")]
            totals = ["%s %.2f" % (k.replace("all_online_vs_", ""), v)
                      for k, v in sorted(r.items()) if k.startswith("all_online_vs_")]
            above = r.get("above_floor_s")
            rows.append([board, smp, ", ".join(parts) or "no Linux figure",
                         ", ".join(totals) or "-", num(above),
                         "yes" if above is not None and above <= 0.1 else "no"])
    return rows


def micro_rows(res, variants_shown=None):
    rows = []
    for board, variants in sorted(res.get("micro", {}).items()):
        for variant, figs in sorted(variants.items()):
            if variants_shown and variant not in variants_shown:
                continue
            names = [n for n in MICRO_ORDER if n in figs] + \
                sorted(n for n in figs if n not in MICRO_ORDER)
            for n in names:
                rows.append([board, variant, n, num(figs[n]["value"], "%.1f"),
                             figs[n]["unit"]])
        for n in res.get("micro_not_yet_measured", {}).get(board, []):
            rows.append([board, "default", n, "not yet measured", "-"])
    return rows


def scaling_rows(res):
    rows = []
    host = res.get("scaling_host", {})
    for board, per in sorted(res.get("scaling", {}).items()):
        if not per and host.get("status") == "host busy":
            cores = "/".join("%.2f" % c for c in host.get("cores_measured", []))
            rows.append([board, "-", "host busy (gave %s cores, needs %.1f)" % (
                cores or "?", host.get("min_cores", 0))] + ["-"] * 5)
        for n, e in sorted(per.items(), key=lambda kv: int(kv[0])):
            rows.append([board, n, num(e["wall_ms"], "%.1f"), num(e["speedup"], "%.2f"),
                         num(e.get("linux_wall_ms"), "%.1f"), num(e.get("linux_speedup"), "%.2f"),
                         "%.2f" % e["target_speedup"],
                         ("yes" if e["meets_target"] else "no") + " / " +
                         ("-" if e.get("linux_speedup") is None else
                          "yes" if e.get("at_least_linux") else "no")])
    return rows


def peer_notes(res):
    """What a ratio does not say by itself (report.md, under the table)."""
    notes = ["- %s %s: %s" % (b, n, e["note"])
             for b, figs in sorted(res.get("peers", {}).items())
             for n, e in figs.items() if e.get("note") and e.get("sis") is not None]
    return notes + [""] if notes else []


def peer_rows(res):
    """Every sis figure beside its Linux peer: ratio sis/Linux, lower is better."""
    rows = []
    for board, figs in sorted(res.get("peers", {}).items()):
        for name, e in figs.items():
            r = e.get("ratio")
            rows.append([board, name, num(e.get("sis"), "%.1f", e.get("note", "-")),
                         num(e.get("linux"), "%.1f"), e.get("unit", "-"), num(r, "%.3f"),
                         "-" if r is None else ("yes" if r <= PEER_GOAL else "no")])
    return rows


def lockorder_rows(res):
    rows = []
    for board, e in sorted(res.get("lock_order_cost", {}).items()):
        r = e.get("ratio")
        rows.append([board, num(e.get("plain_ns"), "%.1f"), num(e.get("lockorder_ns"), "%.1f"),
                     num(r, "%.2f"), "-" if r is None else ("yes" if r <= 3 else "no")])
    return rows


def host_rows(res):
    hl = res.get("host_locks", {})
    rows = []
    for name, per in sorted(hl.get("ops", {}).items()):
        for threads, e in sorted(per.items()):
            sis = hl["ops"].get("sis_spinlock", {}).get(threads, {}).get("ops_per_s")
            v = e["ops_per_s"]
            rows.append([name, threads, num(v / 1e6 if v else None, "%.2f"),
                         num(v / sis if v and sis else None, "%.2f")])
    return rows


def balance_rows(res):
    rows = []
    for board, per in sorted(res.get("balancing", {}).items()):
        for policy, e in sorted(per.items()):
            if isinstance(e, str):
                rows.append([board, policy, e, e, e])
            else:
                rows.append([board, policy, "%.1f ms" % e["time_to_even_ms"],
                             num(e["migrations"], "%.0f"),
                             "yes" if e["reached_even"] else "no (gave up)"])
    return rows


SECTIONS = [
    ("SMP bring-up (host wall time from QEMU start, median)",
     ["board", "kernel", "CPUs", "first line s", "all online s", "kernel part s",
      "kernel's own view", "runs ok"], bringup_rows),
    ("Bring-up as CPUs grow (MAX_CPUS=512; host wall time and the kernel's own view; "
     "Linux on the same line)",
     ["board", "machine", "CPUs", "online", "all online s", "kernel ms", "kernel ms per CPU",
      "wall ms per CPU", "Linux all online s", "Linux wall ms per CPU", "problem"], scale_rows),
    ("Scale goals (wall ms per CPU: (t(n) - t(1)) / (n - 1))",
     ["board", "sis at CPUs", "sis ms per CPU", "Linux ms per CPU at 64",
      "ratio (goal <= 0.1)", "meets", "sis 512 CPUs s", "< 3 s"], scale_goal_rows),
    ("Bring-up ratios (sis / Linux; sis - floor)",
     ["board", "CPUs", "kernel part sis/Linux (target <= 0.05)", "all online sis/Linux",
      "sis - floor s", "<= 0.1 s"], ratio_rows),
    ("In-kernel microbenchmarks (median)",
     ["board", "build", "figure", "value", "unit"], micro_rows),
    ("Lock-order checker cost (uncontended lock+unlock)",
     ["board", "plain ns", "DEBUG_LOCK_ORDER ns", "ratio", "<= 3x"], lockorder_rows),
    ("sis beside Linux (same QEMU line, same run; ratio sis/Linux, lower is better)",
     ["board", "figure", "sis", "Linux", "unit", "ratio", "<= 0.5"], peer_rows),
    ("Scaling (fixed job split into 64 tasks; Linux: 64 threads)",
     ["board", "CPUs", "sis wall ms", "sis speedup", "Linux wall ms", "Linux speedup",
      "target", "meets target / >= Linux"], scaling_rows),
    ("Host lock benchmark (lock+unlock pairs, all threads)",
     ["lock", "threads", "Mops/s", "ops/s vs sis_spinlock"], host_rows),
    ("Balancing quality (16 tasks on CPU 0)",
     ["board", "policy", "time to within one of even", "migrations", "reached"], balance_rows),
]


def host_cores_line(res):
    m, host = res.get("machine", {}), res.get("scaling_host", {})
    before = "/".join("%.2f" % c for c in host.get("cores_measured", []))
    micro = "/".join("%.2f" % c for c in res.get("micro_host_cores", []))
    return "two busy processes got %s cores at the start%s%s" % (
        m.get("host_cores_available"),
        ", %s before the microbenchmark rounds" % micro if micro else "",
        ", %s before scaling (%s)" % (before, host.get("status")) if before else "")


def terminal_table(res):
    m = res.get("machine", {})
    out = ["sis make bench (%s): %s, %s CPUs, load %s, %s"
           % (res.get("mode"), m.get("cpu_model"), m.get("nproc"),
              fmt_load(m.get("loadavg_at_start")), host_cores_line(res))]
    for title, headers, fn in SECTIONS:
        # The terminal shows the default builds; report.md has every build.
        rows = micro_rows(res, ["default"]) if fn is micro_rows else fn(res)
        out.append("\n== %s ==" % title)
        out.append(table(headers, rows) if rows else "(no figures)")
        if fn is peer_rows:
            out += peer_notes(res)[:-1]
    return "\n".join(out)


def gnuplot(outdir, name, gp):
    """Write OUTDIR/NAME.gp and run gnuplot on it: None, or what went wrong."""
    with open(os.path.join(outdir, name + ".gp"), "w") as f:
        f.write("\n".join(gp) + "\n")
    try:
        p = subprocess.run(["gnuplot", name + ".gp"], cwd=outdir, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    return None if p.returncode == 0 else p.stdout.decode(errors="replace")[-800:]


def write_dat(path, rows):
    with open(path, "w") as f:
        for r in rows:
            f.write(" ".join("NaN" if x is None else str(x) for x in r) + "\n")


def plot(res, outdir):
    """bench.png: bring-up per CPU count per board, the kernel's own part,
    and scaling. Returns an error string or None."""
    series = []
    for board, kinds in sorted(res.get("bringup", {}).items()):
        for kind in BRINGUP_KINDS:
            per = kinds.get(kind)
            if not per:
                continue
            name = "bringup-%s-%s.dat" % (board, kind)
            write_dat(os.path.join(outdir, name),
                      [(int(n), e["all_online_s"], e["kernel_part_s"])
                       for n, e in sorted(per.items(), key=lambda kv: int(kv[0]))])
            series.append((board, kind, name))
    scal = []
    for board, per in sorted(res.get("scaling", {}).items()):
        if not per:
            continue  # the host was busy: nothing measured
        name = "scaling-%s.dat" % board
        write_dat(os.path.join(outdir, name),
                  [(int(n), e["speedup"], e.get("linux_speedup"))
                   for n, e in sorted(per.items(), key=lambda kv: int(kv[0]))])
        scal.append((board, name))
    nproc = res.get("machine", {}).get("nproc", 2)
    gp = ["set terminal pngcairo size 1400,1000 font ',11'",
          "set output 'bench.png'",
          "set multiplot layout 2,2 title 'sis make bench (%s, %s, %s)'" % (
              res.get("mode"), res.get("machine", {}).get("git_revision", "")[:12],
              res.get("machine", {}).get("date", "")),
          "set xtics (1, 2, 4)", "set xrange [0.5:4.5]", "set grid",
          "set key top left", "set logscale y"]
    for board in ("pc", "rpi5"):
        plots = ["'%s' using 1:2 with linespoints lw 2 title '%s'" % (f, k)
                 for b, k, f in series if b == board]
        gp += ["set title '%s: QEMU start -> all CPUs online (s, log)'" % board,
               "set xlabel 'CPUs'", "set ylabel 'seconds'"]
        gp.append("plot " + ", ".join(plots) if plots else "plot 1/0 notitle")
    plots = ["'%s' using 1:3 with linespoints lw 2 title '%s %s'" % (f, b, k)
             for b, k, f in series if k != "floor"]
    gp += ["set title 'kernel part: first line -> all CPUs online (s, log)'",
           "set ylabel 'seconds'"]
    gp.append("plot " + ", ".join(plots) if plots else "plot 1/0 notitle")
    gp += ["unset logscale y", "set yrange [0:4.5]",
           "set title 'scaling: speedup of a fixed job over 1 CPU'", "set ylabel 'speedup'"]
    plots = ["x with lines dt 2 title 'ideal'",
             "(x < %d ? x : %d) * 0.9 with lines dt 3 lw 2 title 'target 0.9 x min(CPUs, %d host cores)'"
             % (nproc, nproc, nproc)]
    plots += ["'%s' using 1:2 with linespoints lw 2 title '%s sis'" % (f, b) for b, f in scal]
    plots += ["'%s' using 1:3 with linespoints lw 1 dt 4 title '%s Linux'" % (f, b)
              for b, f in scal]
    gp.append("plot " + ", ".join(plots))
    gp.append("unset multiplot")
    return gnuplot(outdir, "bench", gp)


def plot_peers(res, outdir):
    """peers.png: the ratio sis/Linux of every figure with both, one bar
    cluster per figure, one bar per board; log scale, the goal and 1 drawn.
    Returns an error string or None."""
    names, boards = [], sorted(res.get("peers", {}))
    for b in boards:
        for n, e in res["peers"][b].items():
            if e.get("ratio") and n not in names:
                names.append(n)
    if not names:
        return "no figure has both a sis and a Linux value"
    with open(os.path.join(outdir, "peers.dat"), "w") as f:
        f.write("# figure " + " ".join(boards) + "\n")
        for n in names:
            vals = [res["peers"][b].get(n, {}).get("ratio") for b in boards]
            f.write(n + " " + " ".join("NaN" if v is None else "%.4g" % v for v in vals) + "\n")
    cols = ", ".join("'peers.dat' using %d:xtic(1) title '%s'" % (i + 2, b)
                     for i, b in enumerate(boards))
    gp = ["set terminal pngcairo size 1200,600 font ',11'",
          "set output 'peers.png'",
          "set title 'sis / Linux on the same QEMU line (%s run, %s): lower is better' noenhanced"
          % (res.get("mode"), res.get("machine", {}).get("date", "")),
          "set style data histogram", "set style histogram cluster gap 1",
          "set style fill solid 0.8 border -1", "set boxwidth 0.9",
          "set logscale y", "set grid ytics", "set ylabel 'ratio sis / Linux (log)'",
          "set xtics rotate by -35 noenhanced", "set key top left noenhanced",
          "plot %s, %g with lines dt 2 lw 2 title 'goal %g', 1 with lines dt 3 title 'same as Linux'"
          % (cols, PEER_GOAL, PEER_GOAL)]
    return gnuplot(outdir, "peers", gp)


def write_report(res, outdir):
    err = plot(res, outdir)
    m = res.get("machine", {})
    lines = ["# sis benchmarks (%s run)" % res.get("mode"), "",
             "- date: %s" % m.get("date"),
             "- machine: %s, %s CPUs (nproc), host kernel %s" % (
                 m.get("cpu_model"), m.get("nproc"), m.get("host_kernel")),
             "- host load: %s at start, %s at end; %s" % (
                 fmt_load(m.get("loadavg_at_start")), fmt_load(m.get("loadavg_at_end")),
                 host_cores_line(res)),
             "- QEMU: %s" % "; ".join(sorted(set(m.get("qemu", {}).values()))),
             "- sis revision: %s" % m.get("git_revision"),
             "- Linux: %s" % ", ".join("%s %s" % (b, e["version"] or ("not measured: " + e["error"]))
                                       for b, e in sorted(res.get("linux", {}).items())),
             "- run took %.0f s" % res.get("elapsed_s", 0), "",
             "Targets: " + "; ".join(TARGETS.values()) + ".", ""]
    if err:
        lines += ["(no plot: gnuplot failed: %s)" % err.strip(), ""]
    else:
        lines += ["![bring-up and scaling](bench.png)", ""]
    err = plot_peers(res, outdir)
    if err:
        lines += ["(no ratio plot: %s)" % err.strip(), ""]
    else:
        lines += ["![sis / Linux per figure](peers.png)", ""]
    if res.get("scale"):
        err = plot_scale(res, outdir)
        lines += ["(no scale plot: %s)" % err.strip(), ""] if err else \
            ["![bring-up as CPUs grow, log-log](scale.png)", ""]
    for title, headers, fn in SECTIONS:
        rows = fn(res)
        lines += ["## " + title, "", table(headers, rows) if rows else "(no figures)", ""]
        if fn is peer_rows:
            lines += peer_notes(res)
    errs = res.get("host_locks", {}).get("errors") or {}
    guest = res.get("linux_guest_errors") or {}
    if errs or res.get("micro_errors") or guest:
        lines += ["## Problems seen", ""]
        for k, v in sorted(errs.items()):
            lines.append("- host lock %s: `%s`" % (k, v.strip().splitlines()[-1] if v.strip() else ""))
        for board, per in sorted(res.get("micro_errors", {}).items()):
            for variant, e in sorted(per.items()):
                lines.append("- microbenchmarks %s/%s: %s" % (board, variant, e))
        for board, e in sorted(guest.items()):
            lines.append("- Linux benchmark guest for %s: %s" % (board, e.strip().splitlines()[0]))
        lines.append("")
    with open(os.path.join(outdir, "report.md"), "w") as f:
        f.write("\n".join(lines))
