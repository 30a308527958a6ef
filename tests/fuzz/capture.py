#!/usr/bin/python3
"""Seeds from a real PC boot: the multiboot2 information GRUB built and the
firmware's ACPI tables, out of a dump of the guest's memory.

  SIS_RUN_SCRIPT=s make O=o run SMP=1 CMDLINE=loglevel=6 [FIRMWARE=uefi]
     with the script s:  expect ^sis> \\n memsave 0 0x20000000 mem.bin \\n
                         send poweroff\\r \\n expect powering off
  tests/fuzz/capture.py mem.bin loglevel=6 NAME

writes corpus/multiboot2/NAME (the information, found by its command-line
tag: the kernel keeps it reserved) and corpus/acpi/NAME: the RSDP of the
information's ACPI tag, the XSDT/RSDT and every table they list with the
FADT's DSDT, moved next to each other (addresses and checksums fixed, the
FACS left out) as fuzz_acpi.c reads a loader's copy of that length.
"""
import os
import re
import struct
import sys

sys.dont_write_bytecode = True


def find_mbi(mem, cmdline):
    def walk(s):
        total = struct.unpack_from("<I", mem, s)[0]
        if not 16 <= total <= 65536:
            return None
        o = 8
        while o + 8 <= total:
            t, sz = struct.unpack_from("<II", mem, s + o)
            if sz < 8 or o + sz > total:
                return None
            if t == 0:
                return total
            o += (sz + 7) & ~7
        return None
    for m in re.finditer(rb"\x01\x00\x00\x00....[^\x00]*" + re.escape(cmdline) + rb"\x00", mem):
        for s in range(m.start() - 8, max(0, m.start() - 8192), -8):
            total = walk(s)
            if total and s + total > m.start():
                return mem[s:s + total]
    sys.exit("capture: no multiboot2 information with that command line")


def tags(mbi):
    o = 8
    while o + 8 <= len(mbi):
        t, sz = struct.unpack_from("<II", mbi, o)
        if t == 0:
            return
        yield t, mbi[o + 8:o + sz]
        o += (sz + 7) & ~7


def seal(buf, at):
    buf[at] = 0
    buf[at] = (-sum(buf)) & 0xff


def acpi_seed(mem, mbi):
    rsdp = None
    for t, p in tags(mbi):
        if t in (14, 15) and (rsdp is None or t == 15):
            rsdp = p
    if rsdp is None:
        sys.exit("capture: the information has no ACPI tag")

    def table(a):
        return bytearray(mem[a:a + struct.unpack_from("<I", mem, a + 4)[0]])
    roots = {}
    if rsdp[15] >= 2 and len(rsdp) >= 36 and struct.unpack_from("<Q", rsdp, 24)[0]:
        roots["XSDT"] = (struct.unpack_from("<Q", rsdp, 24)[0], 8)
    roots["RSDT"] = (struct.unpack_from("<I", rsdp, 16)[0], 4)
    lists, tables = {}, {}
    for name, (a, w) in roots.items():
        t = table(a)
        n = (len(t) - 36) // w
        lists[name] = (t, [struct.unpack_from("<Q" if w == 8 else "<I", t, 36 + i * w)[0]
                           for i in range(n)])
        for x in lists[name][1]:
            tables[x] = table(x)
    facp = next(x for x, t in tables.items() if t[:4] == b"FACP")
    f = tables[facp]
    dsdt = struct.unpack_from("<I", f, 40)[0]
    if len(f) >= 148 and struct.unpack_from("<Q", f, 140)[0]:
        dsdt = struct.unpack_from("<Q", f, 140)[0]
    tables[dsdt] = table(dsdt)
    out = bytearray(64)
    new = {}

    def place(t):
        a = len(out)
        out.extend(t)
        out.extend(b"\0" * (-len(out) % 16))
        return a
    at = {name: place(t) for name, (t, _) in lists.items()}
    for x, t in tables.items():
        new[x] = place(t)
    for name, (t, addrs) in lists.items():
        w = roots[name][1]
        seg = out[at[name]:at[name] + len(t)]
        for i, x in enumerate(addrs):
            struct.pack_into("<Q" if w == 8 else "<I", seg, 36 + i * w, new[x])
        seal(seg, 9)
        out[at[name]:at[name] + len(t)] = seg
    seg = out[new[facp]:new[facp] + len(f)]
    struct.pack_into("<II", seg, 36, 0, new[dsdt])      # FACS (left out), DSDT
    if len(seg) >= 148:
        struct.pack_into("<QQ", seg, 132, 0, new[dsdt])  # X_FIRMWARE_CTRL, X_DSDT
    seal(seg, 9)
    out[new[facp]:new[facp] + len(f)] = seg
    r = bytearray(rsdp[:36].ljust(36, b"\0"))
    struct.pack_into("<I", r, 16, at["RSDT"])
    if r[15] >= 2:
        struct.pack_into("<Q", r, 24, at.get("XSDT", 0))
    r[8] = 0
    r[8] = (-sum(r[:20])) & 0xff
    if r[15] >= 2:
        r[32] = 0
        r[32] = (-sum(r)) & 0xff
    out[0:36] = r
    return bytes([(len(rsdp) << 1) | 1]) + bytes(out)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    mem = open(sys.argv[1], "rb").read()
    mbi = find_mbi(mem, sys.argv[2].encode())
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "corpus/multiboot2", sys.argv[3]), "wb") as f:
        f.write(mbi)
    with open(os.path.join(here, "corpus/acpi", sys.argv[3]), "wb") as f:
        f.write(acpi_seed(mem, mbi))


if __name__ == "__main__":
    main()
