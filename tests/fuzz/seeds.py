#!/usr/bin/python3
"""Write the seed corpora and regression inputs of tests/fuzz from the
tree's own fixtures, so they can be rebuilt and reviewed:

  tests/fuzz/seeds.py [--srctree DIR]

corpus/fdt: QEMU virt's device trees (tests/unit/data, dumped with
-machine dumpdtb=), the rpi5 board's tree and tests/unit/data/of-*.dts,
compiled with dtc. corpus/acpi and corpus/multiboot2: a q35 layout built
from QEMU's own FADT, DSDT and HPET (tests/unit/data/qemu-q35-*.bin) with
an XSDT, RSDT and MADT made here, given both ways fuzz_acpi.c reads them,
and boot informations laid out as GRUB builds them. corpus/cmdline,
corpus/vsnprintf, corpus/shell: what the kernel, its tests and a user
type. regressions/: one input per bug fixed, named after it. (The
qemu-virt-* DTBs dumped by QEMU and the qemu-q35-* inputs taken from real
boots by capture.py are kept as they are; this script leaves them alone.)
"""
import argparse
import os
import struct
import subprocess
import sys

sys.dont_write_bytecode = True


def checksum_fix(t, at):
    t[at] = 0
    t[at] = (-sum(t)) & 0xff
    return t


def sdt(sig, body):
    t = bytearray(sig + struct.pack("<I", 36 + len(body)) + b"\x01\x00" + b"SISTST" +
                  b"SISTABLE" + struct.pack("<I", 1) + b"SIS " + struct.pack("<I", 1)) + body
    return checksum_fix(t, 9)


def rsdp(rev, rsdt, xsdt):
    r = bytearray(b"RSD PTR " + b"\x00" + b"SISTST" + bytes([rev]) + struct.pack("<I", rsdt) +
                  struct.pack("<IQ", 36, xsdt) + b"\x00\x00\x00\x00")
    r[8] = (-sum(r[:20])) & 0xff
    r[32] = 0
    r[32] = (-sum(r)) & 0xff
    return r


def madt(ncpus):
    body = struct.pack("<II", 0xfee00000, 1)
    for i in range(ncpus):
        body += struct.pack("<BBBBI", 0, 8, i, i, 1)
    body += struct.pack("<BBBBII", 1, 12, 0, 0, 0xfec00000, 0)          # I/O APIC
    body += struct.pack("<BBBBIH", 2, 10, 0, 0, 2, 0)                   # IRQ0 -> GSI2
    body += struct.pack("<BBBBIH", 2, 10, 0, 9, 9, 0xd)                 # SCI, level low
    body += struct.pack("<BBHB", 4, 6, 0xff, 0) + b"\x01"[:0] + struct.pack("<B", 1)  # LINT1 NMI
    return sdt(b"APIC", body)


def acpi_memory(src, base, xsdt_too=True, ncpus=4):
    """Tables at offsets from base (the physical address of byte 0): RSDP at 0."""
    facp = bytearray(open(os.path.join(src, "tests/unit/data/qemu-q35-facp.bin"), "rb").read())
    dsdt = open(os.path.join(src, "tests/unit/data/qemu-q35-dsdt.bin"), "rb").read()
    hpet = open(os.path.join(src, "tests/unit/data/qemu-q35-hpet.bin"), "rb").read()
    at = {"xsdt": 0x40, "rsdt": 0x80, "madt": 0x100, "facp": 0x200, "hpet": 0x300,
          "dsdt": 0x400}
    mem = bytearray(at["dsdt"] + len(dsdt))
    struct.pack_into("<I", facp, 40, base + at["dsdt"])
    if len(facp) >= 148:
        struct.pack_into("<Q", facp, 140, base + at["dsdt"])
    checksum_fix(facp, 9)
    tables = [base + at[k] for k in ("madt", "facp", "hpet")]
    xsdt = sdt(b"XSDT", b"".join(struct.pack("<Q", a) for a in tables))
    rsdt = sdt(b"RSDT", b"".join(struct.pack("<I", a) for a in tables))
    r = rsdp(2 if xsdt_too else 0, base + at["rsdt"], base + at["xsdt"] if xsdt_too else 0)
    for k, t in (("xsdt", xsdt), ("rsdt", rsdt), ("madt", madt(ncpus)), ("facp", facp),
                 ("hpet", hpet), ("dsdt", dsdt)):
        mem[at[k]:at[k] + len(t)] = t
    mem[0:36] = r
    return bytes(mem)


def mb2(tags):
    out = b""
    for typ, payload in tags + [(0, b"")]:
        t = struct.pack("<II", typ, 8 + len(payload)) + payload
        out += t + b"\x00" * (-len(t) % 8)
    return struct.pack("<II", 8 + len(out), 0) + out


def mb2_mmap(entries):
    return struct.pack("<II", 24, 0) + b"".join(struct.pack("<QQII", b, l, t, 0)
                                                for b, l, t in entries)


def mb2_fb(addr, pitch, w, h, bpp, typ):
    p = struct.pack("<QIIIBBH", addr, pitch, w, h, bpp, typ, 0)
    if typ == 1:
        p += bytes([16, 8, 8, 8, 0, 8])
    return p


def multiboot2_infos(src):
    """What GRUB 2.06 builds: BIOS (SeaBIOS e820, ACPI 1.0 + 2.0 tags) and UEFI (OVMF)."""
    bios_map = [(0, 0x9fc00, 1), (0x9fc00, 0x400, 2), (0xf0000, 0x10000, 2),
                (0x100000, 0x7ee0000, 1), (0x7fe0000, 0x20000, 2), (0xb0000000, 0x10000000, 2),
                (0xfed1c000, 0x4000, 2), (0xfeffc000, 0x4000, 2), (0xfffc0000, 0x40000, 2),
                (0x100000000, 0x40000000, 1)]
    uefi_map = [(0, 0xa0000, 1), (0x100000, 0x700000, 1), (0x800000, 0x8000, 10),
                (0x808000, 0x3000, 1), (0x80b000, 0x1000, 4), (0x900000, 0x7e000000, 1),
                (0x7f8ee000, 0x100000, 3), (0xffc00000, 0x400000, 2)]
    r1 = rsdp(0, 0x7fe14e4, 0)[:20]
    r2 = rsdp(2, 0x7fe14e4, 0x7fe1550)
    bios = mb2([(1, b"ktest poweroff\x00"), (2, b"GRUB 2.06\x00"),
                (4, struct.pack("<II", 639, 2095744)), (5, struct.pack("<IIII", 0x80, 0, 0, 0)),
                (6, mb2_mmap(bios_map)), (8, mb2_fb(0xfd000000, 4096, 1024, 768, 32, 1)),
                (14, r1), (15, r2)])
    uefi = mb2([(1, b"\x00"), (2, b"GRUB 2.06\x00"), (6, mb2_mmap(uefi_map)),
                (8, mb2_fb(0x80000000, 5120, 1280, 800, 32, 1)), (12, struct.pack("<Q", 0x7f9ee018)),
                (15, r2), (18, b"")])
    text = mb2([(1, b"shell\x00"), (6, mb2_mmap(bios_map[:4])), (8, mb2_fb(0xb8000, 160, 80, 25, 16, 2)),
                (14, r1)])
    # The RSDP the tag points at with its tables right after it in the information itself.
    mem = acpi_memory(src, 0)
    return {"grub-bios": bios, "grub-uefi": uefi, "grub-ega-text": text,
            "acpi-inline": mb2([(1, b"ktest\x00"), (6, mb2_mmap(bios_map[:4])), (15, mem[:36])])}


def vsnprintf_seeds():
    def s(size, fmt, args=b""):
        return bytes([size]) + fmt + b"\x00" + args
    ints = struct.pack("<QQQQ", 42, 0xffffffffffffffff, 0x80000000, 7)
    return {
        "integers": s(64, b"%d %i %u %x %X %o %p", ints * 2),
        "widths": s(32, b"%3d|%-3d|%03d|%012lx|%zu|%lld", ints * 2),
        "strings": s(24, b"%s|%4s|%-4s|%.1s|%.*s", b"\x01\x01\x01\x01\x03\x00\x00\x00\x01abcdef"),
        "star": s(16, b"%*d %-*s %.*s", b"\x05\x00\x00\x00" + ints + b"\xfb\xff\xff\xff\x01\x02\x00\x00\x00\x01xyz"),
        "cpu-line": s(80, b"[SMP] CPU%u online (hwid 0x%llx, %s)\n", ints + b"\x01" * 9 + b"\x01lapic"),
        "percent": s(8, b"100%% %c %q %", b"A"),
        "empty-buffer": s(0, b"%20s", b"\x01hello"),
    }


def regressions():
    vs = {
        # issue 16 bug 3: width digits overflowing int
        "vsnprintf/width-overflow": b"\x10%6886368866d\x00" + b"\x05" * 8,
        "vsnprintf/precision-overflow": b"\x10%.99999999999s\x00\x01abc",
        # digits after '*' multiplied the argument
        "vsnprintf/star-digits": b"\x10%*99999999d\x00\xff\xff\xff\x7f",
        # a '*' width of INT_MIN negated
        "vsnprintf/star-int-min": b"\x10%*d|%*s\x00" + b"\x00\x00\x00\x80" + b"\x2a" + b"\x00" * 7 +
                                  b"\x00\x00\x00\x80\x01x",
        # issue 16 bug 4: INT_MAX of padding written one byte at a time
        "vsnprintf/padding-time": b"\x10%2147483647d%-2147483647s\x00" + b"\x01" + b"\x00" * 7 + b"\x01a",
    }
    # issue 16 bug 1: the entry size wraps the bound (the 32 bytes)
    mb = {"multiboot2/mmap-entry-size-wrap": struct.pack("<8I", 0x20, 0, 6, 0x10, 0xffffffff, 0, 0, 8),
          "multiboot2/mmap-entry-size-fff0": struct.pack("<8I", 0x20, 0, 6, 0x10, 0xfffffff0, 0, 0, 8)}
    # issue 16 bug 2: a 20-byte copy whose revision says 2 (mode: loader copy of 20 bytes)
    full = rsdp(2, 0x40, 0x80)
    ac = {"acpi/rsdp-old-tag-rev2": bytes([(20 << 1) | 1]) + bytes(full) + b"\x00" * 0x100}
    mb["multiboot2/rsdp-old-tag-rev2"] = mb2([(14, bytes(full[:20]))])
    return dict(vs, **mb, **ac)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def dtc(src_file):
    return subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", src_file], check=True,
                          stdout=subprocess.PIPE).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srctree", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                      "../.."))
    args = ap.parse_args()
    src = os.path.abspath(args.srctree)
    fz = os.path.join(src, "tests/fuzz")
    data = os.path.join(src, "tests/unit/data")
    for f in sorted(os.listdir(data)):
        if f.endswith(".dtb"):
            write(os.path.join(fz, "corpus/fdt", f), open(os.path.join(data, f), "rb").read())
        elif f.startswith("of-") and f.endswith(".dts"):
            write(os.path.join(fz, "corpus/fdt", f[:-4] + ".dtb"), dtc(os.path.join(data, f)))
    write(os.path.join(fz, "corpus/fdt/rpi5.dtb"), dtc(os.path.join(src, "boards/rpi5/rpi5.dts")))
    write(os.path.join(fz, "regressions/fdt/reg-outside-ranges.dtb"),
          dtc(os.path.join(data, "of-bad-ranges.dts")))
    write(os.path.join(fz, "regressions/fdt/phandle-zero.dtb"),
          dtc(os.path.join(data, "of-phandle-zero.dts")))
    mem = acpi_memory(src, 0)
    write(os.path.join(fz, "corpus/acpi/q35-loader-v2"), bytes([(36 << 1) | 1]) + mem)
    write(os.path.join(fz, "corpus/acpi/q35-loader-v1"),
          bytes([(20 << 1) | 1]) + acpi_memory(src, 0, xsdt_too=False))
    write(os.path.join(fz, "corpus/acpi/q35-bios-area"), b"\x00" + acpi_memory(src, 0xe0000))
    write(os.path.join(fz, "corpus/acpi/q35-one-cpu"), bytes([(36 << 1) | 1]) +
          acpi_memory(src, 0, ncpus=1))
    for name, info in multiboot2_infos(src).items():
        write(os.path.join(fz, "corpus/multiboot2", name), info)
    for i, line in enumerate([b"ktest poweroff", b"ktest=smp,locks loglevel=7 soak=30",
                              b"sched_demo bench loglevl=9 ktset frobnicate",
                              b"loglevel=0x10 soak= =x ktest=", b"  poweroff  "]):
        write(os.path.join(fz, "corpus/cmdline/%d" % i), line)
    for name, s in vsnprintf_seeds().items():
        write(os.path.join(fz, "corpus/vsnprintf", name), s)
    for i, keys in enumerate([b"version\r", b"ktest smp\r", b"up\tx\x7f\x7f\r",
                              b"echo \"a b\" c\x1b[D\x1b[D\x17\x15cpus\n",
                              b"\x1b[A\x1b[B\x1b[3~\x01\x05\x02\x06 x\r\n",
                              b"\"open quote\r" + b"w " * 20 + b"\r", b"a" * 300 + b"\r"]):
        write(os.path.join(fz, "corpus/shell/%d" % i), keys)
    for name, d in regressions().items():
        write(os.path.join(fz, "regressions", name), d)


if __name__ == "__main__":
    main()
