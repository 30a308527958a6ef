/*
 * The console font: 8x16 glyphs for the bytes 0-255 read as Latin-1,
 * generated at build time from a PSF font (scripts/psf2c.py; which font
 * and its licence: docs/building.md).
 */
#ifndef DRIVERS_VIDEO_FONT_H
#define DRIVERS_VIDEO_FONT_H

#include <sis/types.h>

#define FONT_WIDTH	8
#define FONT_HEIGHT	16

/* Sixteen rows, the leftmost pixel in the top bit. */
const u8 *font_glyph(u8 ch);

#endif /* DRIVERS_VIDEO_FONT_H */
