#!/usr/bin/python3
"""Kconfig front end for the sis build: every configuration target in one place.

Called by the top Makefile as `kconfig.py <command> [args]` with the
environment it sets: srctree (source tree), KCONFIG_CONFIG (the .config
in the output folder), SIS_VERSION.  Uses Debian's python3-kconfiglib.
"""
import os
import random
import re
import subprocess
import sys

try:
    import kconfiglib
except ImportError:
    sys.exit("kconfig: Kconfiglib is missing: run scripts/install-deps.sh "
             "(Debian package python3-kconfiglib)")

SRCTREE = os.environ.get("srctree", ".")
CONFIG = os.environ.get("KCONFIG_CONFIG", ".config")
OBJTREE = os.path.dirname(os.path.abspath(CONFIG))


def load(path=None, replace=True):
    """Parse Kconfig and load a configuration (warnings go to stderr)."""
    kconf = kconfiglib.Kconfig(os.path.join(SRCTREE, "Kconfig"),
                               suppress_traceback=True)
    kconf.warn_assign_undef = True
    kconf.warn_assign_override = False
    kconf.warn_assign_redun = False
    if path is not None and os.path.exists(path):
        kconf.load_config(path, replace=replace)
        warn_not_applied(kconf, path)
    return kconf


def warn_not_applied(kconf, path):
    """Say which values of the file did not take: a symbol without a
    prompt (SCHED_HZ follows its choice), a value out of range, unmet
    dependencies. Kconfiglib keeps quiet about the first on purpose
    (its own .config files list every symbol), so only values that
    differ from the result are reported."""
    for sym in kconf.unique_defined_syms:
        want = sym.user_value
        if want is None or sym.choice:
            continue
        if sym.orig_type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
            if want == sym.tri_value:
                continue
            want = kconfiglib.TRI_TO_STR[want]
        elif str(want) == sym.str_value or any(n.prompt for n in sym.nodes):
            continue    # equal, or Kconfiglib has said why (out of range)
        why = ("it has no prompt: its value follows from other options"
               if not any(n.prompt for n in sym.nodes) else
               "selected by " + kconfiglib.expr_str(sym.rev_dep)
               if kconfiglib.expr_value(sym.rev_dep) else
               "it depends on " + kconfiglib.expr_str(sym.direct_dep))
        sys.stderr.write("%s: warning: CONFIG_%s=%s was not applied (%s); it is %s\n"
                         % (os.path.basename(path), sym.name, want, why,
                            sym.str_value or "n"))


def write_config(kconf):
    kconf.write_config(CONFIG, save_old=False)
    print("kconfig: wrote " + CONFIG)


def sync(kconf):
    """Write the files the build reads: autoconf.h, auto.conf and the
    per-symbol dependency files (include/config/<sym>.h), touching a
    symbol's file only when its value changed."""
    inc = os.path.join(OBJTREE, "include")
    os.makedirs(os.path.join(inc, "generated"), exist_ok=True)
    os.makedirs(os.path.join(inc, "config"), exist_ok=True)
    header = os.path.join(inc, "generated", "autoconf.h")
    tmp = header + ".tmp"
    kconf.write_autoconf(tmp)
    replace_if_changed(tmp, header)
    kconf.sync_deps(os.path.join(inc, "config"))


def replace_if_changed(tmp, path):
    """Keep the old file (and its timestamp) when nothing changed."""
    with open(tmp) as f:
        new = f.read()
    old = None
    if os.path.exists(path):
        with open(path) as f:
            old = f.read()
    if old == new:
        os.remove(tmp)
    else:
        os.replace(tmp, path)


def cmd_defconfig(path):
    if not os.path.exists(path):
        sys.exit("kconfig: no such file: " + path)
    kconf = load(path)
    write_config(kconf)


def cmd_syncconfig():
    if not os.path.exists(CONFIG):
        sys.exit("kconfig: no .config in %s: run 'make <board>_defconfig' "
                 "or 'make menuconfig' first" % OBJTREE)
    kconf = load(CONFIG)
    # A .config from an older Kconfig is brought up to date silently,
    # like Kbuild's syncconfig: new symbols take their defaults.
    kconf.write_config(CONFIG, save_old=False)
    sync(kconf)


def cmd_olddefconfig():
    write_config(load(CONFIG))


def cmd_oldconfig():
    # Kconfiglib's interactive oldconfig asks for each new symbol.
    os.execv(sys.executable, [sys.executable, "-m", "oldconfig",
                              os.path.join(SRCTREE, "Kconfig")])


def cmd_menuconfig():
    os.execv(sys.executable, [sys.executable, "-m", "menuconfig",
                              os.path.join(SRCTREE, "Kconfig")])


def cmd_guiconfig():
    if not os.environ.get("DISPLAY"):
        sys.exit("kconfig: xconfig/gconfig open a window, and DISPLAY is not set: "
                 "use 'make menuconfig' in a terminal")
    os.execv(sys.executable, [sys.executable, "-m", "guiconfig",
                              os.path.join(SRCTREE, "Kconfig")])


def cmd_merge(path):
    """A fragment on top of .config (make pc_defconfig debug.config)."""
    if not path or not os.path.exists(path):
        sys.exit("kconfig: no such fragment: %s" % path)
    if not os.path.exists(CONFIG):
        sys.exit("kconfig: no .config in %s to merge %s into: run "
                 "'make <board>_defconfig %s'" % (OBJTREE, os.path.basename(path),
                                                   os.path.basename(path)))
    kconf = load(CONFIG)
    kconf.warn_assign_override = False
    print(kconf.load_config(path, replace=False))
    for name, want in fragment_values(path):
        sym = kconf.syms.get(name)
        if sym is not None and sym.str_value != want:
            print("kconfig: warning: %s asks for %s=%s; it is %s here (see its "
                  "dependencies in menuconfig)" % (os.path.basename(path), name, want,
                                                    sym.str_value or "n"))
    write_config(kconf)


def fragment_values(path):
    """(name, value) for every CONFIG_ line of a fragment ('n' for 'is not set')."""
    out = []
    with open(path) as f:
        for line in f:
            m = re.match(r"^CONFIG_(\w+)=(.*)$", line.strip())
            if m:
                out.append((m.group(1), m.group(2).strip('"')))
                continue
            m = re.match(r"^# CONFIG_(\w+) is not set$", line.strip())
            if m:
                out.append((m.group(1), "n"))
    return out


def cmd_savedefconfig():
    kconf = load(CONFIG)
    out = os.path.join(OBJTREE, "defconfig")
    kconf.write_min_config(out)
    print("kconfig: wrote " + out)


def cmd_listnewconfig():
    kconf = load(CONFIG)
    for sym in kconf.unique_defined_syms:
        if sym.nodes[0].prompt and sym.user_value is None and \
           sym.visibility and sym.type != kconfiglib.UNKNOWN and \
           not sym.choice:
            print("CONFIG_%s=%s" % (sym.name, sym.str_value))


def module_env():
    """The environment for Kconfiglib's own scripts, with the board that
    BOARD=/ARCH= named (SIS_PIN_BOARD) added to KCONFIG_ALLCONFIG."""
    env = dict(os.environ)
    pin = os.environ.get("SIS_PIN_BOARD")
    if not pin:
        return env
    text = "CONFIG_%s=y\n" % board_symbol(pin)
    allconfig = os.environ.get("KCONFIG_ALLCONFIG")
    if allconfig and os.path.isfile(allconfig):
        with open(allconfig) as f:
            text = f.read() + "\n" + text
    path = os.path.join(OBJTREE, ".allconfig")
    with open(path, "w") as f:
        f.write(text)
    env["KCONFIG_ALLCONFIG"] = path
    return env


def board_symbol(board):
    return "BOARD_" + board.upper().replace("-", "_")


def cmd_kconfiglib(module):
    """allnoconfig, allyesconfig, alldefconfig: Kconfiglib's own scripts,
    which honour KCONFIG_ALLCONFIG as Kbuild does."""
    env = module_env()
    st = subprocess.call([sys.executable, "-m", module, os.path.join(SRCTREE, "Kconfig")],
                         env=env, stdout=subprocess.DEVNULL)
    if env.get("KCONFIG_ALLCONFIG", "").endswith("/.allconfig"):
        os.remove(env["KCONFIG_ALLCONFIG"])
    if st:
        sys.exit(st)
    print("kconfig: wrote " + CONFIG)


def cmd_randconfig():
    """Kconfiglib has no randconfig: every visible choice and symbol gets
    a random value from KCONFIG_SEED's generator, then KCONFIG_ALLCONFIG
    (allrandom.config) pins what it names, as in Kbuild."""
    seed = os.environ.get("KCONFIG_SEED")
    seed = int(seed, 0) if seed else random.SystemRandom().getrandbits(32)
    print("KCONFIG_SEED=0x%x" % seed)
    rng = random.Random(seed)
    kconf = load()
    for _ in range(3):
        for choice in kconf.unique_choices:
            if choice.visibility:
                rng.choice(choice.syms).set_value(2)
        for sym in kconf.unique_defined_syms:
            randomise(sym, rng)
    env = module_env()
    old = os.environ.get("KCONFIG_ALLCONFIG")
    if env.get("KCONFIG_ALLCONFIG"):
        os.environ["KCONFIG_ALLCONFIG"] = env["KCONFIG_ALLCONFIG"]
        kconf.load_allconfig("allrandom.config")
        if env["KCONFIG_ALLCONFIG"] != old:
            os.remove(env["KCONFIG_ALLCONFIG"])
    write_config(kconf)


def randomise(sym, rng):
    if not sym.visibility or sym.choice:
        return
    if sym.orig_type == kconfiglib.BOOL:
        sym.set_value(rng.choice((0, 2)))
    elif sym.orig_type in (kconfiglib.INT, kconfiglib.HEX):
        lo, hi = int_range(sym)
        if lo is not None:
            val = rng.randint(lo, hi)
            sym.set_value(str(val) if sym.orig_type == kconfiglib.INT
                          else hex(val))


def int_range(sym):
    base = 10 if sym.orig_type == kconfiglib.INT else 16
    for low, high, cond in sym.ranges:
        if kconfiglib.expr_value(cond):
            return int(low.str_value, base), int(high.str_value, base)
    return None, None


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: kconfig.py <command> [file]")
    cmd, args = sys.argv[1], sys.argv[2:]
    simple = {
        "syncconfig": cmd_syncconfig,
        "olddefconfig": cmd_olddefconfig,
        "oldconfig": cmd_oldconfig,
        "menuconfig": cmd_menuconfig,
        "savedefconfig": cmd_savedefconfig,
        "listnewconfig": cmd_listnewconfig,
        "randconfig": cmd_randconfig,
        "allnoconfig": lambda: cmd_kconfiglib("allnoconfig"),
        "allyesconfig": lambda: cmd_kconfiglib("allyesconfig"),
        "alldefconfig": lambda: cmd_kconfiglib("alldefconfig"),
        "guiconfig": cmd_guiconfig,
    }
    if cmd == "defconfig" and len(args) == 1:
        cmd_defconfig(args[0])
    elif cmd == "merge" and len(args) == 1:
        cmd_merge(args[0])
    elif cmd in simple and not args:
        simple[cmd]()
    else:
        sys.exit("kconfig.py: unknown command '%s'" % " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
