#!/usr/bin/python3
"""Write a cpio archive in the "newc" format (the one Linux unpacks as an
initramfs), without root and without the cpio program: device nodes are
written as entries, never created on the host.

  mkcpio.py OUT ENTRY...
    ENTRY is  path=FILE          a regular file, mode from FILE
              path/              a directory (0755)
              path@c:MAJ:MIN     a character device (0600)

Paths are relative (no leading '/'); parents are not added for you.
"""
import os
import stat
import sys

MAGIC = b"070701"


def _pad4(n):
    return (4 - n % 4) % 4


def _entry(ino, name, mode, data=b"", rdev=(0, 0)):
    name_b = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0, len(data),
              0, 0, rdev[0], rdev[1], len(name_b), 0]
    head = MAGIC + b"".join(b"%08X" % f for f in fields)
    out = head + name_b + b"\0" * _pad4(len(head) + len(name_b))
    return out + data + b"\0" * _pad4(len(data))


def write(path, entries):
    """entries: list of (name, kind, arg): kind "file" (arg: host path),
    "dir" (arg ignored) or "chr" (arg: (major, minor))."""
    blob = b""
    for ino, (name, kind, arg) in enumerate(entries, start=1):
        name = name.strip("/")
        if not name or name.startswith("..") or "/../" in "/%s/" % name:
            raise ValueError("mkcpio: bad path %r" % name)
        if kind == "file":
            with open(arg, "rb") as f:
                data = f.read()
            mode = stat.S_IFREG | (os.stat(arg).st_mode & 0o777)
            blob += _entry(ino, name, mode, data)
        elif kind == "dir":
            blob += _entry(ino, name, stat.S_IFDIR | 0o755)
        elif kind == "chr":
            blob += _entry(ino, name, stat.S_IFCHR | 0o600, rdev=arg)
        else:
            raise ValueError("mkcpio: unknown kind %r" % kind)
    blob += _entry(0, "TRAILER!!!", 0)
    blob += b"\0" * _pad4(len(blob))
    with open(path, "wb") as f:
        f.write(blob)


def parse(spec):
    if "=" in spec:
        name, src = spec.split("=", 1)
        return name, "file", src
    if spec.endswith("/"):
        return spec, "dir", None
    if "@c:" in spec:
        name, dev = spec.split("@c:", 1)
        major, minor = dev.split(":")
        return name, "chr", (int(major), int(minor))
    raise ValueError("mkcpio: cannot read entry %r (path=FILE, path/ or path@c:MAJ:MIN)" % spec)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    try:
        write(argv[1], [parse(a) for a in argv[2:]])
    except ValueError as e:
        sys.stderr.write("%s\n" % e)
        return 1
    except OSError as e:
        sys.stderr.write("mkcpio: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
