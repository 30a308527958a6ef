"""Reading the screen back: a QEMU screendump (PPM) of the framebuffer
console decoded cell by cell against the font the kernel was built with,
and the EGA text screen's memory decoded as characters and colours.

A cell is 8x16 pixels from the top left. Its background is the colour of
its top-left pixel (every glyph of the font leaves the first row blank);
the pixels of any other colour form the glyph, looked up among the
font's printable ASCII glyphs, also inverted (the cursor's cell). What is
not a glyph of the font reads as U+FFFD, so nothing can match by chance.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
import psf2c  # noqa: E402  (scripts/psf2c.py: the same font reader as the build)

FONT = "/usr/share/consolefonts/Lat15-VGA16.psf.gz"
CELL_W, CELL_H = 8, 16
UNKNOWN = "\ufffd"


def read_ppm(path):
    """(width, height, rgb bytes) of a binary PPM (P6, maxval 255)."""
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ValueError("%s: not a P6 PPM with maxval 255" % path)
    w, h = int(fields[1]), int(fields[2])
    pos += 1
    return w, h, data[pos:pos + w * h * 3]


def glyph_table():
    """{16 row bytes: char} for printable ASCII (the first char wins a shared glyph)."""
    _, glyphs = psf2c.load_psf(FONT)
    table = {}
    for c in range(0x20, 0x7f):
        g = bytes(glyphs.get(c, b""))
        if len(g) == CELL_H:
            table.setdefault(g, chr(c))
    return table


class Screen:
    """The text a framebuffer screendump shows, and each cell's colours."""

    def __init__(self, path):
        self.width, self.height, self.rgb = read_ppm(path)
        self.cols, self.rows = self.width // CELL_W, self.height // CELL_H
        table = glyph_table()
        self.chars = []
        self.fg = []
        for cy in range(self.rows):
            line, colours = [], []
            for cx in range(self.cols):
                ch, fg = self.cell(cx, cy, table)
                line.append(ch)
                colours.append(fg)
            self.chars.append("".join(line))
            self.fg.append(colours)

    def pixel(self, x, y):
        i = (y * self.width + x) * 3
        return tuple(self.rgb[i:i + 3])

    def cell(self, cx, cy, table):
        x0, y0 = cx * CELL_W, cy * CELL_H
        bg = self.pixel(x0, y0)
        rows, fg = [], None
        for y in range(CELL_H):
            bits = 0
            for x in range(CELL_W):
                p = self.pixel(x0 + x, y0 + y)
                if p != bg:
                    bits |= 0x80 >> x
                    fg = fg or p
            rows.append(bits)
        g = bytes(rows)
        if not any(g):
            return " ", bg
        if g in table:
            return table[g], fg
        inverted = bytes(b ^ 0xff for b in g)
        if inverted in table:
            return table[inverted], bg
        return UNKNOWN, fg

    def lines(self):
        return [l.rstrip() for l in self.chars]

    def find(self, text):
        """(row, col) of the first place text is shown, or None."""
        for y, line in enumerate(self.chars):
            x = line.find(text)
            if x >= 0:
                return y, x
        return None

    def colour_at(self, y, x):
        return self.fg[y][x]


# The VGA text screen: 80x25 cells of (code page 437 character, attribute).
def text_screen(path, cols=80, rows=25):
    """The lines an EGA/VGA text screen shows (ASCII; other bytes as U+FFFD)."""
    with open(path, "rb") as f:
        data = f.read()
    lines = []
    for y in range(rows):
        line = ""
        for x in range(cols):
            c = data[(y * cols + x) * 2]
            line += chr(c) if 0x20 <= c < 0x7f else (" " if c == 0 else UNKNOWN)
        lines.append(line.rstrip())
    return lines


def text_attr(path, y, x, cols=80):
    with open(path, "rb") as f:
        data = f.read()
    return data[(y * cols + x) * 2 + 1]
