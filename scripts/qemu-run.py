#!/usr/bin/python3
"""Run QEMU for sis: copy the serial console to the terminal and to a log,
enforce a timeout, and turn the run into one exit status:

  0    clean poweroff, no panic, no failed test
  1    a panic ("PANIC on CPU"), a failed KTAP test ("not ok"), the
       kernel saying "powering off (tests failed)", or its failure code
       through isa-debug-exit
  124  the timeout ran out (QEMU is killed)
  else QEMU's own status (it failed to start, say)

x86's isa-debug-exit turns the kernel's code c into (c << 1) | 1: the
kernel writes 0x10 for success (33) and 0x11 for failure (35).

usage: qemu-run.py [--timeout S] [--log FILE] [--quiet] -- qemu args...
With SIS_RUN_STATUS=file in the environment, the status is also written there.
With SIS_RUN_TIMES=file, every console line is also written there, after the
host's time.monotonic() when it arrived and a tab: the boot tests judge the
guest's clocks against the host's that way.
With SIS_RUN_SCRIPT=file, the file types on the console (see Script): the
shell tests drive the kernel that way.
"""
import argparse
import json
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time

X86_SUCCESS = (0x10 << 1) | 1
X86_FAILURE = (0x11 << 1) | 1
PANIC = re.compile(rb"PANIC on CPU")
# The kernel's own verdict when it powers off after failed tests (arm64's
# PSCI SYSTEM_OFF carries no status, so the line is what tells).
TESTS_FAILED = re.compile(rb"\[BOOT\] done: powering off \(tests failed\)")
# KTAP failures, after the printk time stamp when there is one.
NOT_OK = re.compile(rb"^(?:\[\s*\d+\.\d+\] )?\s*not ok \d+", re.M)
# SeaBIOS turns the terminal's line wrap off (ESC [?7l) and GRUB leaves
# its colours: put both back after the run.
TERMINAL_RESET = b"\x1b[?7h\x1b[0m"


class Script:
    """Typing on the console, one step a line:
         expect REGEX    wait (up to EXPECT_S) until the output since the last
                         match matches REGEX (Python syntax, multi-line)
         send TEXT       type TEXT; Python escapes: \\r \\t \\x03 \\x1b \\\\
         sleep SECONDS
         screendump FILE what the screen shows, as a PPM image (QMP screendump)
         memsave ADDR LEN FILE  guest physical memory into FILE (QMP pmemsave)
         kill            end the run here (QEMU is stopped), as it stands
       FILE is relative to the script's folder. Blank lines and lines
       starting with # are skipped. A step that waits too long ends the run
       with status 1 and a note naming it."""
    EXPECT_S = 90

    def __init__(self, path):
        self.dir = os.path.dirname(os.path.abspath(path))
        self.qmp = None
        with open(path) as f:
            self.steps = [l.rstrip("\n").split(" ", 1) for l in f
                          if l.strip() and not l.startswith("#")]
        self.pos = 0          # where the next expect starts looking
        self.since = time.monotonic()
        self.failed = None
        self.killed = False

    def done(self):
        return not self.steps or self.failed is not None or self.killed

    def advance(self, seen, proc):
        """Run the steps that can run now."""
        while self.steps and self.failed is None and not self.killed:
            word, arg = self.steps[0][0], (self.steps[0] + [""])[1]
            now = time.monotonic()
            if word == "expect":
                m = re.compile(arg.encode(), re.M).search(seen, self.pos)
                if not m:
                    if now - self.since > self.EXPECT_S:
                        self.failed = "script: /%s/ not seen in %d s" % (arg, self.EXPECT_S)
                    return
                self.pos = m.end()
            elif word == "send":
                proc.stdin.write(arg.encode().decode("unicode_escape").encode("latin-1"))
                proc.stdin.flush()
            elif word == "sleep":
                if now - self.since < float(arg):
                    return
            elif word == "screendump":
                self.qmp_do("screendump", filename=os.path.join(self.dir, arg))
            elif word == "memsave":
                addr, size, name = arg.split()
                self.qmp_do("pmemsave", val=int(addr, 0), size=int(size, 0),
                            filename=os.path.join(self.dir, name))
            elif word == "kill":
                self.killed = True
                proc.kill()
            else:
                self.failed = "script: unknown step '%s'" % word
            self.steps.pop(0)
            self.since = time.monotonic()


    def needs_qmp(self):
        return any(step[0] in ("screendump", "memsave") for step in self.steps)

    def qmp_do(self, command, **arguments):
        """One QMP command, waiting for its answer; a failure fails the script."""
        try:
            reply = self.qmp.call(command, arguments)
        except (OSError, ValueError) as e:
            reply = {"error": {"desc": str(e)}}
        if "error" in reply:
            self.failed = "script: QMP %s failed: %s" % (command, reply["error"].get("desc"))


class Qmp:
    """QEMU's machine protocol on a Unix socket: JSON lines, events skipped."""
    def __init__(self, path):
        self.path = path
        self.sock = None
        self.buf = b""

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(60)
        for _ in range(100):
            try:
                self.sock.connect(self.path)
                break
            except OSError:
                time.sleep(0.1)
        self.read()                      # the greeting
        self.call("qmp_capabilities", {})

    def read(self):
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise OSError("QMP connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def call(self, command, arguments):
        if self.sock is None:
            self.connect()
        self.sock.sendall(json.dumps({"execute": command, "arguments": arguments}).encode())
        while True:
            msg = self.read()
            if "return" in msg or "error" in msg:
                return msg


class LineTimes:
    """Each complete console line with the host time its last byte arrived."""

    def __init__(self, path):
        self.out = open(path, "w")
        self.partial = b""

    def add(self, chunk, now):
        lines = (self.partial + chunk).split(b"\n")
        self.partial = lines.pop()
        for line in lines:
            self.out.write("%.6f\t%s\n" % (now, line.rstrip(b"\r").decode(errors="replace")))
        self.out.flush()

    def close(self):
        self.out.close()


def run(args):
    log = open(args.log, "wb") if args.log else None
    times_path = os.environ.get("SIS_RUN_TIMES")
    times = LineTimes(times_path) if times_path else None
    script_path = os.environ.get("SIS_RUN_SCRIPT")
    script = Script(script_path) if script_path else None
    stdin = subprocess.PIPE if script else None if sys.stdin.isatty() else subprocess.DEVNULL
    qmp_dir = None
    if script and script.needs_qmp():
        qmp_dir = tempfile.mkdtemp(prefix="sis-qmp-")
        qmp_path = os.path.join(qmp_dir, "qmp.sock")
        args.qemu = args.qemu + ["-qmp", "unix:%s,server=on,wait=off" % qmp_path]
        script.qmp = Qmp(qmp_path)
    proc = subprocess.Popen(args.qemu, stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + args.timeout if args.timeout > 0 else None
    seen = b""
    timed_out = False
    fd = proc.stdout.fileno()
    while True:
        wait = None if deadline is None else max(0, deadline - time.monotonic())
        if script and not script.done():
            wait = 0.2 if wait is None else min(wait, 0.2)
        ready, _, _ = select.select([fd], [], [], wait)
        if script and not script.done():
            script.advance(seen, proc)
            if script.failed:
                proc.kill()
        if not ready:
            if deadline is not None and time.monotonic() >= deadline:
                timed_out = True
                proc.kill()
                break
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        if times:
            times.add(chunk, time.monotonic())
        seen += chunk
        if log:
            log.write(chunk)
            log.flush()
        if not args.quiet:
            sys.stdout.buffer.write(chunk)
            sys.stdout.flush()
    status = proc.wait()
    if qmp_dir:
        if script.qmp.sock:
            script.qmp.sock.close()
        shutil.rmtree(qmp_dir, ignore_errors=True)
    if times:
        times.close()
    if not args.quiet and sys.stdout.isatty():
        sys.stdout.buffer.write(TERMINAL_RESET)
        sys.stdout.flush()
    note = None
    if script and script.failed:
        note, result = script.failed, 1
    elif timed_out:
        note, result = "timeout after %g s" % args.timeout, 124
    elif PANIC.search(seen) or status == X86_FAILURE:
        note, result = "kernel panic or failure exit", 1
    elif NOT_OK.search(seen) or TESTS_FAILED.search(seen):
        note, result = "a test failed", 1
    elif status in (0, X86_SUCCESS):
        result = 0
    else:
        note, result = "QEMU exited with status %d" % status, status
    if note:
        msg = "\n[qemu-run] %s\n" % note
        if log:
            log.write(msg.encode())
        sys.stderr.write(msg)
    if log:
        log.close()
    # make turns any failing recipe into status 2: leave the real one for
    # callers that need it (scripts/check.py).
    status_file = os.environ.get("SIS_RUN_STATUS")
    if status_file:
        with open(status_file, "w") as f:
            f.write("%d\n" % result)
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=0)
    ap.add_argument("--log")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("qemu", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    if args.qemu and args.qemu[0] == "--":
        args.qemu = args.qemu[1:]
    if not args.qemu:
        ap.error("no QEMU command given")
    sys.exit(run(args))


if __name__ == "__main__":
    main()
