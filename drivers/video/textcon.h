/*
 * A text screen: a grid of character cells, the cursor, the colours and
 * the escape sequences a terminal understands, shared by the two ways
 * of showing it (fbcon.c: glyphs drawn in a linear framebuffer;
 * vgacon.c: the EGA text screen). The grid is the truth; a backend only
 * draws one cell, so nothing ever reads the screen's memory back (it is
 * uncached or write-combined: reads are slow).
 *
 * Colours are ANSI indices: 0-7 black, red, green, yellow, blue,
 * magenta, cyan, white; 8-15 their bright forms. Each backend maps them.
 *
 * Locking: a textcon is written only under the console lock.
 */
#ifndef DRIVERS_VIDEO_TEXTCON_H
#define DRIVERS_VIDEO_TEXTCON_H

#include <sis/types.h>

#define TEXTCON_MAX_COLS	480	/* 3840 pixels of 8 */
#define TEXTCON_MAX_ROWS	135	/* 2160 pixels of 16 */
#define TEXTCON_MAX_PARAMS	4

struct text_cell {
	u8 ch;
	u8 attr;	/* foreground | background << 4 (ANSI indices) */
};

struct textcon;

struct textcon_ops {
	/* Show cell c at column x, row y; cursor: the cursor is on it. */
	void (*draw)(struct textcon *tc, unsigned int x, unsigned int y, struct text_cell c,
		     bool cursor);
};

struct textcon {
	const struct textcon_ops *ops;
	void *priv;			/* the backend's */
	unsigned int cols, rows;
	unsigned int x, y;		/* the cursor; x == cols: wrap before the next */
	u8 attr;			/* what SGR sequences set */
	u8 level_attr;			/* what the printk level sets, 0: none */
	struct text_cell *cells;	/* rows * cols */
	unsigned int state;		/* escape sequence parser */
	unsigned int params[TEXTCON_MAX_PARAMS], nparams;
};

/* An empty screen of cols x rows (at most TEXTCON_MAX_*) drawn through ops. */
void textcon_init(struct textcon *tc, const struct textcon_ops *ops, void *priv,
		  unsigned int cols, unsigned int rows);
void textcon_write(struct textcon *tc, const char *s, size_t n);
/* Warnings in yellow, errors in red (LOG_*; -1: back to normal). */
void textcon_set_level(struct textcon *tc, int level);

#endif /* DRIVERS_VIDEO_TEXTCON_H */
