"""The build system's promises to a user (docs/building.md), each checked
from what make prints and leaves behind. Run by scripts/check.py as the
"buildsys" step: tests(ctx) with ctx.make(*words) -> (status, output),
ctx.res (the results), ctx.srctree and ctx.out (a scratch folder).
"""
import glob
import json
import os
import pty
import re
import select
import shutil
import socket
import subprocess
import time

BOARDS = {"pc": "pc_defconfig", "rpi5": "rpi5_defconfig"}
# Made with each link (symbol tables, build time and revision), not compiled from sources.
LINK_OBJECTS = ("ksyms.o", "ksyms-empty.o", "buildinfo.o")
# Embeds the whole .config: a user of every symbol.
CONFIG_USERS = {"kernel/shell/configdata.o"}
IMAGES = {"pc": "sis.iso", "rpi5": "kernel8.img"}


def tests(ctx):
    configure_errors(ctx)
    help_lists_everything(ctx)
    savedefconfig_round_trips(ctx)
    dirs = {b: built(ctx, b) for b in BOARDS}
    if not all(dirs.values()):
        return
    one_symbol_rebuild(ctx, dirs["pc"])
    bad_variables(ctx, dirs)
    flags_rebuild(ctx, dirs["pc"])
    single_targets(ctx, dirs["pc"])
    developer_tools(ctx, dirs)
    scripts_config(ctx)
    generated_configs(ctx)
    config_warnings(ctx, dirs["pc"])
    ui_targets(ctx)
    static_analysis(ctx, dirs)
    optional_parts(ctx, dirs["pc"])
    gdb_sessions(ctx, dirs)
    terminal_restored(ctx, dirs["pc"])
    clean_leaves_sources(ctx)


def objdir(ctx, name):
    return os.path.join(ctx.out, "buildsys", name)


def built(ctx, board):
    d = objdir(ctx, board)
    st, out = ctx.make("-s", "O=" + d, BOARDS[board])
    if st == 0:
        st, more = ctx.make("-j2", "O=" + d, "all")
        out += more
    return d if ctx.res.check("buildsys/first-build-" + board, st == 0,
                              "%s build failed" % board, out) else None


def compiled(out):
    """Objects make compiled, from its short lines (the symbol tables the
    link regenerates are not counted)."""
    return set(o for o in re.findall(r"^\s+(?:CC|AS)\s+(\S+\.o)$", out, re.M)
               if o not in LINK_OBJECTS)


def objects(d):
    """The objects under d, but for those the link makes at its top."""
    return set(o for o in (os.path.relpath(p, d) for p in
                           glob.glob(os.path.join(d, "**", "*.o"), recursive=True))
               if o not in LINK_OBJECTS)


# ---------------------------------------------------------------- configuration

def configure_errors(ctx):
    defconfigs = sorted(os.path.basename(p) for p in
                        glob.glob(os.path.join(ctx.srctree, "configs", "*_defconfig")))
    st, out = ctx.make("-s", "O=" + objdir(ctx, "nosuch"), "nosuch_defconfig")
    ctx.res.check("buildsys/unknown-defconfig",
                  st != 0 and "no defconfig named 'nosuch_defconfig'" in out
                  and all(d in out for d in defconfigs), "no failure listing the defconfigs", out)
    d = objdir(ctx, "defconfig")
    st, out = ctx.make("-s", "O=" + d, "defconfig")
    ctx.res.check("buildsys/defconfig-is-pc",
                  st == 0 and "using pc_defconfig" in out and
                  "CONFIG_BOARD_PC_Q35=y" in read(os.path.join(d, ".config")),
                  "make defconfig did not give the pc configuration", out)
    st, out = ctx.make("-s", "O=" + d, "BOARD=rpi5", "defconfig")
    ctx.res.check("buildsys/defconfig-board-rpi5",
                  st == 0 and "CONFIG_BOARD_RPI5=y" in read(os.path.join(d, ".config")),
                  "make BOARD=rpi5 defconfig did not give the rpi5 configuration", out)
    st, out = ctx.make("-s", "O=" + d, "ARCH=arm64", "pc_defconfig")
    ctx.res.check("buildsys/defconfig-arch-mismatch",
                  st != 0 and "pc_defconfig is not for ARCH=arm64" in out,
                  "a defconfig for another arch was accepted", out)


def help_lists_everything(ctx):
    st, out = ctx.make("-s", "help")
    words = ["_defconfig", "menuconfig", "xconfig", "oldconfig", "olddefconfig",
             "savedefconfig", "listnewconfig", "allnoconfig", "allyesconfig",
             "alldefconfig", "randconfig", "debug.config", "scripts/config", "all ",
             ".i", ".lst", "run ", "debug ", "install ", "image_name", "kernelversion",
             "check ", "check-static", "bench ", "soak ", "compile_commands.json",
             "tags", "cscope", "clean ", "mrproper", "O=", "V=1", "CROSS_COMPILE",
             "LLVM=1", "CC=clang", "W=1", "C=1", "BOARD=", "ARCH=", "SMP=", "GIC=",
             "EL2=", "FIRMWARE=", "CMDLINE=", "QEMU_EXTRA=", "GRUB_EXTRA=", "TIMEOUT=",
             "GDBPORT=", "INSTALL_PATH=", "QUICK=1", "KCONFIG_ALLCONFIG", "KCONFIG_SEED",
             "fuzz ", "FUZZ_TIME=", "FUZZ_TARGET=", "JOBS="]
    missing = [w for w in words if w not in out]
    defconfigs = [os.path.basename(p) for p in
                  glob.glob(os.path.join(ctx.srctree, "configs", "*_defconfig"))]
    missing += [d for d in defconfigs if d not in out]
    ctx.res.check("buildsys/help-lists-everything", st == 0 and not missing,
                  "make help does not mention %s" % missing, out)


def savedefconfig_round_trips(ctx):
    for d in sorted(BOARDS.values()):
        o = objdir(ctx, "save-" + d)
        st, out = ctx.make("-s", "O=" + o, d)
        if st == 0:
            st, more = ctx.make("-s", "O=" + o, "savedefconfig")
            out += more
        want = read(os.path.join(ctx.srctree, "configs", d))
        got = read(os.path.join(o, "defconfig")) if st == 0 else None
        ctx.res.check("buildsys/savedefconfig-%s" % d, got == want,
                      "savedefconfig does not reproduce configs/%s" % d, out)


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


# ---------------------------------------------------------------- rebuilds

def one_symbol_rebuild(ctx, d):
    """Changing SCHED_HZ recompiles exactly the objects whose sources or
    headers name CONFIG_SCHED_HZ (their .cmd files list its symbol file)."""
    users = set()
    for cmd in glob.glob(os.path.join(d, "**", ".*.o.cmd"), recursive=True):
        obj = os.path.relpath(os.path.join(os.path.dirname(cmd),
                                           os.path.basename(cmd)[1:-4]), d)
        if "include/config/sched/hz.h" in read(cmd) or obj in CONFIG_USERS:
            users.add(obj)
    cfg = os.path.join(d, ".config")
    text = read(cfg).replace("CONFIG_SCHED_HZ_100=y", "# CONFIG_SCHED_HZ_100 is not set")
    text = text.replace("# CONFIG_SCHED_HZ_1000 is not set", "CONFIG_SCHED_HZ_1000=y")
    with open(cfg, "w") as f:
        f.write(text)
    st, out = ctx.make("O=" + d, "all")
    got = compiled(out)
    ctx.res.check("buildsys/one-symbol-rebuilds-its-users",
                  st == 0 and users and got == users and got < objects(d),
                  "rebuilt %s, users of CONFIG_SCHED_HZ are %s" % (sorted(got), sorted(users)),
                  out)
    st, out = ctx.make("O=" + d, "all")
    ctx.res.check("buildsys/nothing-to-do", st == 0 and not compiled(out),
                  "a second make rebuilt %s" % sorted(compiled(out)), out)


def flags_rebuild(ctx, d):
    """Every object depends on the command that built it: another
    compiler or W=1 rebuilds all of them, and going back does too."""
    everything = objects(d)
    for name, words in (("cc-clang", ["CC=clang"]), ("w1", ["W=1"]), ("back", [])):
        st, out = ctx.make("-j2", "O=" + d, "all", *words)
        ctx.res.check("buildsys/flags-rebuild-" + name,
                      st == 0 and compiled(out) == everything,
                      "rebuilt %d of %d objects" % (len(compiled(out)), len(everything)), out)


def bad_variables(ctx, dirs):
    """A wrong variable: one line naming it, its value and what is
    accepted; a failing status; nothing compiled."""
    cases = [
        ("pc", "SMP=0", "a CPU count"), ("pc", "SMP=abc", "a CPU count"),
        ("pc", "SMP=2,frob=1", "maxcpus=N"), ("rpi5", "GIC=5", "2 or 3"),
        ("rpi5", "EL2=maybe", "on or off"), ("pc", "FIRMWARE=coreboot", "bios or uefi"),
        ("pc", "GIC=3", "pc-q35 has no GIC"), ("pc", "EL2=off", "pc-q35 has no EL2"),
        ("rpi5", "FIRMWARE=uefi", "rpi5 has no FIRMWARE"),
        ("pc", "GFXPAYLOAD=huge", "WxH or WxHxD"), ("pc", "GFXPAYLOAD=1024xx768", "WxH"),
        ("rpi5", "GFXPAYLOAD=text", "rpi5 has no GFXPAYLOAD"),
        ("pc", "BOARD=rpi5", "make rpi5_defconfig"), ("rpi5", "ARCH=x86_64", "is for arm64"),
        ("pc", "BOARD=amiga", "one of"), ("pc", "TIMEOUT=soon", "seconds"),
        ("pc", "LLVM=yes", "version suffix"), ("pc", "W=9", "extra warnings"),
        ("pc", "V=7", "0 or 1"), ("pc", "CMDLINE=a;b", "words of letters"),
        ("pc", "GRUB_EXTRA=cutmem 2M;reboot", "plain words"),
        ("rpi5", "GRUB_EXTRA=cutmem 2M 32M", "rpi5 has no GRUB_EXTRA"),
        ("pc", "O=" + ctx.srctree, "the source tree"), ("pc", "QUICK=maybe", "1"),
        ("pc", "FUZZ_TIME=long", "seconds"), ("pc", "FUZZ_TARGET=nosuch", "one of"),
        ("pc", "JOBS=0", "from 1 up"), ("pc", "JOBS=many", "from 1 up"),
        ("pc", "O=" + os.path.join(ctx.out, "buildsys", "a=b"), "no '='"),
    ]
    for board, assign, accepted in cases:
        var, val = assign.split("=", 1)
        d = objdir(ctx, "badvar-" + board)
        if not os.path.exists(os.path.join(d, ".config")):
            ctx.make("-s", "O=" + d, BOARDS[board])
        before = objects(d)
        words = [assign] if var == "O" else ["O=" + d, assign]
        st, out = ctx.make("-s", *words, "all", "run")
        errors = [l for l in out.splitlines() if "is not valid" in l]
        good = (st != 0 and len(errors) == 1 and "%s=%s" % (var, val) in errors[0]
                and accepted in errors[0] and objects(d) == before)
        ctx.res.check("buildsys/bad-variable-%s-%s" % (board, re.sub(r"\W", "_", assign)),
                      good, "no single clear error, or something was built", out)


# ---------------------------------------------------------------- targets

def single_targets(ctx, d):
    st, out = ctx.make("O=" + d, "kernel/sched/core.o", "kernel/sched/core.i",
                       "kernel/sched/core.s", "kernel/sched/core.lst")
    base = os.path.join(d, "kernel", "sched", "core")
    ok = ("kernel/sched/core.c" in read(base + ".i") and ".text" in read(base + ".s")
          and re.search(r"^[0-9a-f]+ <\w+>:$", read(base + ".lst"), re.M))
    ctx.res.check("buildsys/single-targets", st == 0 and ok and os.path.exists(base + ".o"),
                  "make kernel/sched/core.{o,i,s,lst} did not write them", out)


def developer_tools(ctx, dirs):
    for board, d in sorted(dirs.items()):
        st, out = ctx.make("-s", "O=" + d, "compile_commands.json")
        try:
            db = json.loads(read(os.path.join(d, "compile_commands.json")))
        except ValueError:
            db = []
        srcs = set(e["file"] for e in db if os.path.exists(e["file"]) and "-c" in e["arguments"])
        want = set(p for p in (os.path.join(ctx.srctree, os.path.splitext(o)[0] + ext)
                               for o in objects(d) for ext in (".c", ".S"))
                   if os.path.exists(p))
        want |= set(os.path.join(d, s) for s in ("ksyms.S", "ksyms-empty.S", "buildinfo.S"))
        # The initramfs (user/Makefile) is generated too, when user mode is built.
        want |= set(p for p in [os.path.join(d, "user", "initramfs.S")] if os.path.exists(p))
        ctx.res.check("buildsys/compile-commands-" + board, st == 0 and want and srcs == want,
                      "%d entries for %d sources" % (len(srcs), len(want)), out)
        st, out = ctx.make("-s", "O=" + d, "kernelversion", "image_name")
        lines = out.split()
        ctx.res.check("buildsys/kernelversion-image-name-" + board,
                      st == 0 and len(lines) == 2 and re.match(r"^\d+\.\d+", lines[0])
                      and lines[1].endswith(IMAGES[board]) and os.path.exists(lines[1]),
                      "kernelversion/image_name printed %r" % lines, out)
        inst = os.path.join(d, "inst")
        st, out = ctx.make("-s", "O=" + d, "install", "INSTALL_PATH=" + inst)
        want = {"pc": ["sis.elf", "sis.iso", "grub.cfg"],
                "rpi5": ["kernel8.img", "config.txt", "rpi5.dtb", "cmdline.txt"]}[board]
        have = sorted(os.listdir(inst)) if os.path.isdir(inst) else []
        ctx.res.check("buildsys/install-" + board, st == 0 and sorted(want) == have,
                      "install wrote %s" % have, out)
    d = dirs["pc"]
    st, out = ctx.make("-s", "O=" + d, "tags", "cscope")
    ctx.res.check("buildsys/tags-cscope",
                  st == 0 and "kernel_main" in read(os.path.join(d, "tags"))
                  and os.path.getsize(os.path.join(d, "cscope.out")) > 0
                  if st == 0 else False, "no tags or cscope index", out)


def scripts_config(ctx):
    d = objdir(ctx, "scripts-config")
    ctx.make("-s", "O=" + d, "pc_defconfig")
    tool = [os.path.join(ctx.srctree, "scripts", "config"), "--file", os.path.join(d, ".config")]

    def cfg(*words):
        p = subprocess.run(tool + list(words), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout.decode()
    st, out = cfg("--enable", "DEBUG_LOCK_ORDER", "--set-val", "MAX_CPUS", "8",
                  "--state", "DEBUG_SPINLOCK", "-s", "CONFIG_MAX_CPUS")
    ctx.res.check("buildsys/scripts-config-set", st == 0 and out.split() == ["y", "8"],
                  "expected y and 8", out)
    for name, words, msg in (
            ("unknown-symbol", ["-e", "NO_SUCH_THING"], "no symbol named NO_SUCH_THING"),
            ("out-of-range", ["--set-val", "MAX_CPUS", "999"], "out of its range"),
            ("not-a-number", ["--set-val", "MAX_CPUS", "lots"], "is not a number"),
            ("promptless", ["-e", "GIC_V2"], "has no prompt"),
            ("selected", ["-d", "DEBUG_SPINLOCK"], "selected by DEBUG_LOCK_ORDER")):
        before = read(os.path.join(d, ".config"))
        st, out = cfg(*words)
        ctx.res.check("buildsys/scripts-config-" + name,
                      st != 0 and msg in out and read(os.path.join(d, ".config")) == before,
                      "expected '%s' and an unchanged .config" % msg, out)


def generated_configs(ctx):
    """all*config and randconfig through Kconfiglib, KCONFIG_ALLCONFIG
    and BOARD= pinning the board, no warning about the tree's own
    promptless symbols; fragments merged."""
    pin = os.path.join(ctx.out, "buildsys", "pin-rpi5.config")
    os.makedirs(os.path.dirname(pin), exist_ok=True)
    with open(pin, "w") as f:
        f.write("CONFIG_BOARD_RPI5=y\n")
    for target in ("allnoconfig", "allyesconfig", "alldefconfig", "randconfig"):
        for how, words, env in (("allconfig", [], {"KCONFIG_ALLCONFIG": pin}),
                                ("board", ["BOARD=rpi5"], {})):
            d = objdir(ctx, "%s-%s" % (target, how))
            st, out = ctx.make("-s", "O=" + d, target, *words,
                               env=dict(os.environ, KCONFIG_SEED="7", **env))
            cfg = read(os.path.join(d, ".config"))
            ctx.res.check("buildsys/%s-pinned-by-%s" % (target, how),
                          st == 0 and "CONFIG_BOARD_RPI5=y" in cfg and "warning" not in out,
                          "board not pinned, or warnings", out)
    d = objdir(ctx, "fragment")
    st, out = ctx.make("-s", "O=" + d, "pc_defconfig", "debug.config")
    cfg = read(os.path.join(d, ".config"))
    ctx.res.check("buildsys/fragment-debug-config",
                  st == 0 and all(s in cfg for s in ("CONFIG_DEBUG_LOCK_ORDER=y",
                                                     "CONFIG_DEBUG_SPINLOCK=y",
                                                     "CONFIG_DEBUG_MMU=y",
                                                     "CONFIG_KTEST=y")),
                  "debug.config was not merged", out)


def config_warnings(ctx, d):
    cfg = os.path.join(d, ".config")
    good = read(cfg)
    with open(cfg, "a") as f:
        f.write("this line is junk\nCONFIG_MAX_CPUS=banana\nCONFIG_NO_SUCH_SYMBOL=y\n"
                "CONFIG_SCHED_HZ=333\n")
    st, out = ctx.make("-s", "O=" + d, "all")
    ctx.res.check("buildsys/malformed-config-warns-and-builds",
                  st == 0 and "ignoring malformed line 'this line is junk'" in out
                  and "'banana' is invalid for MAX_CPUS" in out and "NO_SUCH_SYMBOL" in out
                  and "SCHED_HZ" in out and "333" in out,
                  "a warning is missing, or the build stopped", out)
    with open(cfg, "w") as f:
        f.write(good)


def ui_targets(ctx):
    d = objdir(ctx, "pc")
    st, out = ctx.make("-s", "O=" + d, "nconfig")
    ctx.res.check("buildsys/nconfig-points-to-menuconfig", st != 0 and "menuconfig" in out,
                  "nconfig did not say to use menuconfig", out)
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    st, out = ctx.make("-s", "O=" + d, "xconfig", env=env)
    ctx.res.check("buildsys/xconfig-without-display", st != 0 and "DISPLAY" in out,
                  "xconfig with no display did not say why it cannot start", out)


def static_analysis(ctx, dirs):
    for board, d in sorted(dirs.items()):
        st, out = ctx.make("-s", "O=" + d, "check-static")
        ctx.res.check("buildsys/check-static-" + board, st == 0 and "warning:" not in out,
                      "the static analyser reported something", out)


def symbols(elf):
    p = subprocess.run(["nm", elf], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return set(l.split()[-1] for l in p.stdout.decode().splitlines() if l.strip())


def optional_parts(ctx, default_dir):
    """BENCH, SCHED_DEMO and SYSCALL off: their code is not in the kernel."""
    parts = {"BENCH": "bench_run", "SCHED_DEMO": "sched_demo", "SYSCALL": "syscall"}
    d = objdir(ctx, "optional-off")
    st, out = ctx.make("-s", "O=" + d, "pc_defconfig")
    tool = [os.path.join(ctx.srctree, "scripts", "config"), "--file", os.path.join(d, ".config")]
    for sym in parts:
        tool += ["--disable", sym]
    p = subprocess.run(tool, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out += p.stdout.decode()
    if st == 0 and p.returncode == 0:
        st, more = ctx.make("-s", "-j2", "O=" + d, "all")
        out += more
    on, off = symbols(os.path.join(default_dir, "sis.elf")), symbols(os.path.join(d, "sis.elf"))
    ctx.res.check("buildsys/optional-parts-left-out",
                  st == 0 and all(s in on and s not in off for s in parts.values()),
                  "symbols in the default build %s, in the build without them %s"
                  % (sorted(on & set(parts.values())), sorted(off & set(parts.values()))), out)


# ---------------------------------------------------------------- run and debug

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def gdb_sessions(ctx, dirs):
    """make debug's printed gdb command, in batch mode: the breakpoint at
    kernel_main is hit and the backtrace names it (both boards)."""
    for board, d in sorted(dirs.items()):
        port = free_port()
        qemu = subprocess.Popen(["make", "-s", "-C", ctx.srctree, "O=" + d, "debug",
                                 "GDBPORT=%d" % port], stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        printed = wait_for_line(qemu, "gdb-multiarch ", 120)
        out = printed
        st = 1
        m = re.search(r"(gdb-multiarch .*)$", printed, re.M)
        if m:
            args = re.findall(r"-ex '([^']*)'", m.group(1))
            cmd = ["gdb-multiarch", "-batch", "-nx"]
            for a in args + ["break kernel_main", "continue", "bt", "kill"]:
                cmd += ["-ex", a]
            try:
                p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, timeout=240)
                st, out = p.returncode, printed + p.stdout.decode(errors="replace")
            except subprocess.TimeoutExpired as e:
                out = printed + (e.stdout or b"").decode(errors="replace") + "\n(timeout)"
        stop(qemu)
        ctx.res.check("buildsys/gdb-breaks-at-kernel_main-" + board,
                      st == 0 and re.search(r"Breakpoint 1, .*kernel_main", out)
                      and re.search(r"^#0 .*kernel_main", out, re.M),
                      "gdb did not stop in kernel_main", out)


def wait_for_line(proc, text, timeout):
    out, end = b"", time.monotonic() + timeout
    fd = proc.stdout.fileno()
    while time.monotonic() < end and text.encode() not in out:
        r, _, _ = select.select([fd], [], [], 1)
        if r:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            out += chunk
    # the line is complete once its end arrives
    while b"target remote" in out and not out.rstrip(b" ").endswith(b"\n"):
        r, _, _ = select.select([fd], [], [], 1)
        if not r:
            break
        out += os.read(fd, 4096)
    return out.decode(errors="replace")


def stop(proc):
    try:
        os.killpg(proc.pid, 9)
    except OSError:
        pass
    proc.wait()


def terminal_restored(ctx, d):
    """After make run on pc, a terminal gets its line wrap back (SeaBIOS
    turns it off) and no boot-disk or video-mode noise was printed."""
    master, slave = pty.openpty()
    p = subprocess.Popen(["make", "-s", "-C", ctx.srctree, "O=" + d, "run",
                          "CMDLINE=poweroff", "TIMEOUT=120"], stdin=subprocess.DEVNULL,
                         stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    out = b""
    while True:
        try:
            r, _, _ = select.select([master], [], [], 200)
            chunk = os.read(master, 65536) if r else b""
        except OSError:
            chunk = b""
        if not chunk:
            break
        out += chunk
    p.wait()
    os.close(master)
    text = out.decode(errors="replace")
    off, on = out.rfind(b"\x1b[?7l"), out.rfind(b"\x1b[?7h")
    ctx.res.check("buildsys/run-restores-terminal",
                  p.returncode == 0 and off >= 0 and on > off
                  and "Boot failed" not in text,
                  "line wrap not restored after the run (or the run failed)", text)


# ---------------------------------------------------------------- clean

def git(repo, *words):
    p = subprocess.run(["git", "-C", repo] + list(words), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode()


def fresh_repo(ctx):
    """A git repository holding the tree's sources (what git tracks and
    what it would add), as a fresh clone has them."""
    repo = os.path.join(ctx.out, "buildsys", "fresh")
    shutil.rmtree(repo, ignore_errors=True)
    st, files = git(ctx.srctree, "ls-files", "-co", "--exclude-standard", "-z")
    if st != 0:
        return None, "the source tree is not a git checkout"
    for rel in files.split("\0"):
        if rel and os.path.isfile(os.path.join(ctx.srctree, rel)):
            dst = os.path.join(repo, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(os.path.join(ctx.srctree, rel), dst)
    for words in (["init", "-q"], ["add", "-A"],
                  ["-c", "user.name=check", "-c", "user.email=check@localhost",
                   "commit", "-qm", "sources"]):
        st, out = git(repo, *words)
        if st != 0:
            return None, out
    return repo, ""


def clean_leaves_sources(ctx):
    """Build both boards in-tree (build/) and out of tree, switching board
    in one output folder; clean leaves only the configuration, mrproper
    nothing; git status shows no source touched at any point."""
    repo, why = fresh_repo(ctx)
    if not ctx.res.check("buildsys/fresh-repo", repo is not None, why):
        return
    outside = os.path.join(ctx.out, "buildsys", "outside")
    shutil.rmtree(outside, ignore_errors=True)

    def mk(*words):
        return subprocess_make(repo, *words)
    steps = []
    for o, boards in (([], ("pc", "rpi5")), (["O=" + outside], ("rpi5", "pc"))):
        for board in boards:
            st, out = mk("-j2", *o, BOARDS[board], "all")
            steps.append((st, out))
    if not ctx.res.check("buildsys/board-switch-in-one-folder", all(s == 0 for s, _ in steps),
                         "a build after switching boards failed",
                         "\n".join(o for s, o in steps if s)):
        return
    st, status = git(repo, "status", "--porcelain", "--ignored")
    ctx.res.check("buildsys/build-writes-only-build-folder", status == "!! build/\n",
                  "git status after the builds", status)
    for o in ([], ["O=" + outside]):
        mk(*o, "clean")
    left_in = sorted(os.listdir(os.path.join(repo, "build")))
    left_out = sorted(os.listdir(outside))
    st, status = git(repo, "status", "--porcelain", "--ignored")
    ctx.res.check("buildsys/clean-keeps-only-config",
                  status == "!! build/\n" and left_in == [".config"] and left_out == [".config"],
                  "after clean: build/ has %s, O= has %s" % (left_in, left_out), status)
    with open(os.path.join(repo, ".config"), "w") as f:
        f.write("CONFIG_BOARD_PC_Q35=y\n")
    st, out = mk("O=" + outside, "all")
    ctx.res.check("buildsys/o-refuses-configured-source-tree",
                  st != 0 and "source tree is not clean" in out and "make mrproper" in out,
                  "an O= build started with a .config in the source tree", out)
    for o in ([], ["O=" + outside]):
        mk(*o, "mrproper")
    st, status = git(repo, "status", "--porcelain", "--ignored")
    ctx.res.check("buildsys/mrproper-leaves-nothing",
                  status == "" and os.listdir(outside) == [],
                  "after mrproper: O= has %s" % os.listdir(outside), status)


def subprocess_make(repo, *words):
    p = subprocess.run(["make", "-C", repo] + list(words), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=900)
    return p.returncode, p.stdout.decode(errors="replace")
