#!/usr/bin/python3
"""Kconfig front end for the sis build: every configuration target in one place.

Called by the top Makefile as `kconfig.py <command> [args]` with the
environment it sets: srctree (source tree), KCONFIG_CONFIG (the .config
in the output folder), SIS_VERSION.  Uses Debian's python3-kconfiglib.
"""
import os
import random
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
    return kconf


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


def cmd_allvalues(value):
    """allnoconfig / allyesconfig: every visible bool to n or y."""
    kconf = load()
    for _ in range(3):  # visibility changes as values are set
        for sym in kconf.unique_defined_syms:
            if sym.orig_type == kconfiglib.BOOL and not sym.choice:
                sym.set_value(value)
    write_config(kconf)


def cmd_randconfig():
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
    # KCONFIG_ALLCONFIG pins symbols (the board, say), as in Kbuild.
    pinned = os.environ.get("KCONFIG_ALLCONFIG")
    if pinned:
        kconf.load_config(pinned, replace=False)
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
        "allnoconfig": lambda: cmd_allvalues(0),
        "allyesconfig": lambda: cmd_allvalues(2),
    }
    if cmd == "defconfig" and len(args) == 1:
        cmd_defconfig(args[0])
    elif cmd in simple and not args:
        simple[cmd]()
    else:
        sys.exit("kconfig.py: unknown command '%s'" % " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
