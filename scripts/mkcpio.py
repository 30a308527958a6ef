#!/usr/bin/env python3
"""Write a cpio archive in the "newc" format (as Linux's initramfs).

    mkcpio.py OUT NAME=FILE ...

Each NAME (a path inside the archive, "bin/hello") gets FILE's bytes,
mode 0755; the folders on the way are made as entries of their own. The
archive is reproducible: inode numbers count up, times and owners are 0.
"""
import sys


def entry(ino, name, mode, data):
    """One header + name + data, each padded to 4 bytes."""
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0]
    head = b"070701" + b"".join(b"%08x" % f for f in fields)
    out = head + name.encode() + b"\0"
    out += b"\0" * (-len(out) % 4)
    out += data
    out += b"\0" * (-len(out) % 4)
    return out


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: mkcpio.py OUT NAME=FILE ...")
    files, dirs = [], []
    for arg in argv[2:]:
        name, sep, path = arg.partition("=")
        if not sep or not name or name.startswith("/"):
            sys.exit("mkcpio.py: '%s' is not NAME=FILE with a relative NAME" % arg)
        parts = name.split("/")
        for i in range(1, len(parts)):
            d = "/".join(parts[:i])
            if d not in dirs:
                dirs.append(d)
        with open(path, "rb") as f:
            files.append((name, f.read()))
    out, ino = b"", 1
    for d in dirs:
        out += entry(ino, d, 0o040755, b"")
        ino += 1
    for name, data in files:
        out += entry(ino, name, 0o100755, data)
        ino += 1
    out += entry(0, "TRAILER!!!", 0, b"")
    with open(argv[1], "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main(sys.argv)
