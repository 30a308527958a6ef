#!/usr/bin/python3
"""compile_commands.json for clangd and other tools, from the command
lines the build really ran: every .<object>.cmd file under the output
folder holds "savedcmd_<object> := <command>" (scripts/Makefile.lib).

usage: gen_compile_commands.py <objtree> > compile_commands.json
"""
import json
import os
import re
import shlex
import sys

SAVED = re.compile(r"^savedcmd_(\S+) := (.*)$")


def unescape(cmd):
    """The .cmd file's make escaping undone: '$$' -> '$', '\\#' -> '#'."""
    return cmd.replace("$$", "$").replace("\\#", "#")


def entries(objtree):
    for root, dirs, files in os.walk(objtree):
        dirs[:] = sorted(d for d in dirs if d not in ("check", "bench", "soak", "fuzz"))
        for name in sorted(files):
            if not (name.startswith(".") and name.endswith(".o.cmd")):
                continue
            with open(os.path.join(root, name)) as f:
                m = SAVED.match(f.readline().rstrip("\n"))
            if not m:
                continue
            args = shlex.split(unescape(m.group(2)))
            if "-c" not in args:
                continue
            src = args[args.index("-c") + 1]
            yield {"directory": objtree, "file": src, "arguments": args,
                   "output": m.group(1)}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_compile_commands.py <objtree>")
    objtree = os.path.abspath(sys.argv[1])
    out = list(entries(objtree))
    if not out:
        sys.exit("gen_compile_commands: no .cmd files under %s: build first" % objtree)
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
