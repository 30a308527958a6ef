#!/usr/bin/python3
"""Turn `nm -n` output into ksyms.S: the kernel's symbol table for
backtraces (read by kernel/ksyms.c). Offsets are relative to _text, so
the table is right wherever the image runs.

usage: nm -n --defined-only sis.elf | ksyms.py > ksyms.S
       ksyms.py --empty > ksyms-empty.S
"""
import sys


def emit(syms):
    out = ['\t.section .rodata.ksyms, "a"', '\t.balign 4',
           '\t.globl ksyms_count', 'ksyms_count:', '\t.long %d' % len(syms),
           '\t.globl ksyms_offsets', 'ksyms_offsets:']
    out += ['\t.long 0x%x' % off for off, _ in syms]
    out += ['\t.globl ksyms_name_offsets', 'ksyms_name_offsets:']
    pos = 0
    for _, name in syms:
        out.append('\t.long %d' % pos)
        pos += len(name) + 1
    out += ['\t.globl ksyms_names', 'ksyms_names:']
    out += ['\t.asciz "%s"' % name for _, name in syms]
    print("\n".join(out))


def main():
    if sys.argv[1:] == ["--empty"]:
        emit([])
        return
    text = None
    syms = []
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 3:
            continue
        addr, kind, name = int(parts[0], 16), parts[1], parts[2]
        if name == "_text":
            text = addr
        if kind in "tTwW" and not name.startswith((".L", "$")):
            syms.append((addr, name))
    if text is None:
        sys.exit("ksyms: no _text symbol in the kernel image")
    emit(sorted((a - text, n) for a, n in syms if a >= text))


if __name__ == "__main__":
    main()
