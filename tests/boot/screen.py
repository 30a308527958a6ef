"""The PC's screen: what the serial console gets is on the screen too.

GRUB hands the kernel a framebuffer (SeaBIOS: VBE, 24 bits per pixel by
default; OVMF: the GOP, 32) or, with GFXPAYLOAD=text, the EGA text
screen. At the shell prompt the test saves the screen through QMP and
reads it back (screenlib.py: cells decoded against the build's font; the
text screen's memory as characters) and wants the banner, the CPUs
online line and the prompt on it, an unknown command-line word's warning
in yellow while the banner is not (the 80x25 text screen, one CPU, keeps
only the last 25 rows: the online line in grey and a warning printed at
the prompt in yellow), and after `stop` the panic's last line in red.
"""
import os
import re

import bootlib
import screenlib

YELLOW, RED, GREY = (0xff, 0xff, 0x55), (0xff, 0x55, 0x55), (0xaa, 0xaa, 0xaa)
# VGA attributes of the same: bright yellow, bright red, light grey, on black.
VGA_YELLOW, VGA_RED, VGA_GREY = 0x0e, 0x0c, 0x07
WARNING = "[BOOT] ignoring unknown option 'frobnicate'"


def wanted_lines(ncpus):
    return [re.compile(r"\[ *\d+\.\d+\] sis \S+ \(pc-q35/x86_64\) booting on CPU 0$"),
            re.compile(r"\[ *\d+\.\d+\] \[SMP\] %d CPU\(s\) online$" % ncpus),
            re.compile(r"^sis>( |$)")]


def near(rgb, want):
    """The colour, allowing for 16 bpp's 5- and 6-bit channels."""
    return rgb is not None and all(abs(a - b) <= 8 for a, b in zip(rgb, want))


def missing(lines, wanted):
    return ["the screen does not show /%s/" % rx.pattern for rx in wanted
            if not any(rx.search(l) for l in lines)]


def row_of(lines, text):
    for y, line in enumerate(lines):
        x = line.find(text)
        if x >= 0:
            return y, x
    return None


def framebuffer_check(name, ncpus):
    def check(text, files):
        path = os.path.join(files, name)
        if not os.path.exists(path):
            return ["no screendump %s" % path]
        scr = screenlib.Screen(path)
        lines = scr.lines()
        problems = missing(lines, wanted_lines(ncpus))
        m = re.search(r"\[CONSOLE\] .*fbcon \((\d+)x(\d+), (\d+) bpp", text)
        if not m:
            problems.append("no [CONSOLE] line naming fbcon")
        elif (int(m.group(1)), int(m.group(2))) != (scr.width, scr.height):
            problems.append("fbcon says %sx%s, the screen is %dx%d"
                            % (m.group(1), m.group(2), scr.width, scr.height))
        warn, banner = row_of(lines, WARNING), row_of(lines, "booting on CPU 0")
        if not warn:
            problems.append("the warning is not on the screen")
        elif not near(scr.colour_at(*warn), YELLOW):
            problems.append("the warning is %s, not yellow" % (scr.colour_at(*warn),))
        if banner and not near(scr.colour_at(*banner), GREY):
            problems.append("the banner is %s, not grey" % (scr.colour_at(*banner),))
        if problems:
            problems.append("the screen reads:\n" + "\n".join(l for l in lines if l))
        return problems
    return check


def panic_check(name):
    def check(text, files):
        scr = screenlib.Screen(os.path.join(files, name))
        lines = scr.lines()
        at = row_of(lines, "[PANIC] halted: CPU ")
        if not at:
            return ["the panic is not on the screen:\n" + "\n".join(l for l in lines if l)]
        if not near(scr.colour_at(*at), RED):
            return ["the panic line is %s, not red" % (scr.colour_at(*at),)]
        return []
    return check


# The 80x25 text screen holds only the last 25 rows of the boot: the
# banner has scrolled away by the prompt. A warning printed at the prompt
# (the shell's refused "cpu off 0") stands for the yellow lines, the
# online line for the grey ones.
TEXT_WARNING = "[HOTPLUG] core0 stays online"


def text_check(name, ncpus):
    def check(text, files):
        path = os.path.join(files, name)
        if not os.path.exists(path):
            return ["no dump of the text screen %s" % path]
        lines = screenlib.text_screen(path)
        problems = missing(lines, wanted_lines(ncpus)[1:])
        if "[CONSOLE] ns16550, vgacon" not in text:
            problems.append("no [CONSOLE] line naming vgacon")
        warn, online = row_of(lines, TEXT_WARNING), row_of(lines, "CPU(s) online")
        if not warn or screenlib.text_attr(path, *warn) != VGA_YELLOW:
            problems.append("the warning is not on the screen in yellow")
        if not online or screenlib.text_attr(path, *online) != VGA_GREY:
            problems.append("the online line is not on the screen in grey")
        if problems:
            problems.append("the screen reads:\n" + "\n".join(l for l in lines if l))
        return problems
    return check


def screen_boot(name, vars, script, check, status=0, expect=(), ncpus=4):
    return bootlib.Boot(
        name=name, defconfig="pc_defconfig", vars=dict({"SMP": str(ncpus)}, **vars),
        cmdline="frobnicate", timeout=240, status=status, script=script, check=check,
        expect=list(expect), forbid=[] if status else [r"PANIC"])


def boots(quick):
    dump = "expect ^sis> \nscreendump screen.ppm\nsend poweroff\\r\nexpect powering off\n"
    out = [
        screen_boot("screen-pc-bios", {}, dump, framebuffer_check("screen.ppm", 4)),
        screen_boot("screen-pc-uefi", {"FIRMWARE": "uefi"}, dump, framebuffer_check("screen.ppm", 4)),
    ]
    if quick:
        return out
    out += [
        screen_boot("screen-pc-bios-1024x768x16", {"GFXPAYLOAD": "1024x768x16"}, dump,
                    framebuffer_check("screen.ppm", 4)),
        screen_boot("screen-pc-bios-1024x768x32", {"GFXPAYLOAD": "1024x768x32"}, dump,
                    framebuffer_check("screen.ppm", 4)),
        screen_boot("screen-pc-text", {"GFXPAYLOAD": "text"},
                    "expect ^sis> \nsend cpu off 0\\r\nexpect stays online\nexpect ^sis> \n"
                    "memsave 0xb8000 4000 text.bin\nsend poweroff\\r\n"
                    "expect powering off\n", text_check("text.bin", 1), ncpus=1),
        screen_boot("screen-pc-panic", {}, "expect ^sis> \nsend stop\\r\n"
                    "expect \\[PANIC\\] halted\nscreendump panic.ppm\nkill\n",
                    panic_check("panic.ppm"), status=1,
                    expect=[r"^PANIC on CPU (\d): stop: asked from the shell",
                            r"^\[PANIC\] halted: CPU \d: stop: asked from the shell"]),
    ]
    return out
