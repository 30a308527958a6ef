/*
 * The text screen behind the screen consoles (textcon.h): cells, cursor,
 * scrolling and the escape sequences the shell and a terminal user send
 * (cursor moves, erase, colours). Scrolling moves the grid up one row and
 * redraws only the cells whose contents changed: a log line seldom fills
 * the screen's width, so most of a scroll is blanks staying blank.
 */
#include <sis/compiler.h>
#include <sis/printk.h>
#include <sis/string.h>
#include "textcon.h"

#define ATTR(fg, bg)	((u8)((fg) | (bg) << 4))
#define FG(attr)	((attr) & 0x0f)
#define BG(attr)	((attr) >> 4)
#define DEFAULT_ATTR	ATTR(7, 0)	/* white (light grey) on black */
#define WARN_FG		11		/* bright yellow */
#define ERR_FG		9		/* bright red */
#define TAB		8

enum { ST_TEXT, ST_ESC, ST_CSI };

/* One screen per kernel: the boot loader sets up one. */
static struct text_cell grid[TEXTCON_MAX_COLS * TEXTCON_MAX_ROWS];

static struct text_cell *cell(struct textcon *tc, unsigned int x, unsigned int y)
{
	return &tc->cells[y * tc->cols + x];
}

/* Store c at (x, y) and draw it if it changed. */
static void put(struct textcon *tc, unsigned int x, unsigned int y, struct text_cell c)
{
	struct text_cell *old = cell(tc, x, y);

	if (old->ch == c.ch && old->attr == c.attr)
		return;
	*old = c;
	tc->ops->draw(tc, x, y, c, false);
}

static struct text_cell blank(const struct textcon *tc)
{
	return (struct text_cell){ ' ', ATTR(7, BG(tc->attr)) };
}

static void clear_span(struct textcon *tc, unsigned int y, unsigned int from, unsigned int to)
{
	for (; from < to; from++)
		put(tc, from, y, blank(tc));
}

static void scroll_up(struct textcon *tc)
{
	unsigned int x, y;

	for (y = 0; y + 1 < tc->rows; y++)
		for (x = 0; x < tc->cols; x++)
			put(tc, x, y, *cell(tc, x, y + 1));
	clear_span(tc, tc->rows - 1, 0, tc->cols);
}

static void newline(struct textcon *tc)
{
	tc->x = 0;
	if (tc->y + 1 < tc->rows)
		tc->y++;
	else
		scroll_up(tc);
}

static void printable(struct textcon *tc, u8 ch)
{
	u8 attr = tc->attr;

	if (tc->level_attr)
		attr = ATTR(FG(tc->level_attr), BG(tc->attr));
	if (tc->x >= tc->cols)
		newline(tc);
	put(tc, tc->x, tc->y, (struct text_cell){ ch, attr });
	tc->x++;
}

static void control(struct textcon *tc, u8 ch)
{
	switch (ch) {
	case '\n':
		newline(tc);
		break;
	case '\r':
		tc->x = 0;
		break;
	case '\b':
		tc->x = MIN(tc->x, tc->cols - 1);
		if (tc->x)
			tc->x--;
		break;
	case '\t':
		tc->x = MIN(ALIGN_DOWN(tc->x, TAB) + TAB, tc->cols - 1);
		break;
	case 0x1b:
		tc->state = ST_ESC;
		break;
	default:
		break;	/* bell and the rest: nothing to show */
	}
}

/* Select Graphic Rendition: reset, bold as bright, 30-37/90-97, 40-47, 39, 49. */
static void sgr(struct textcon *tc)
{
	unsigned int i, p;

	if (!tc->nparams)
		tc->attr = DEFAULT_ATTR;
	for (i = 0; i < tc->nparams; i++) {
		p = tc->params[i];
		if (p == 0)
			tc->attr = DEFAULT_ATTR;
		else if (p == 1)
			tc->attr |= 0x08;
		else if (p == 22)
			tc->attr &= (u8)~0x08;
		else if (p >= 30 && p <= 37)
			tc->attr = ATTR((FG(tc->attr) & 0x08) | (p - 30), BG(tc->attr));
		else if (p == 39)
			tc->attr = ATTR(FG(DEFAULT_ATTR), BG(tc->attr));
		else if (p >= 40 && p <= 47)
			tc->attr = ATTR(FG(tc->attr), p - 40);
		else if (p == 49)
			tc->attr = ATTR(FG(tc->attr), BG(DEFAULT_ATTR));
		else if (p >= 90 && p <= 97)
			tc->attr = ATTR(p - 90 + 8, BG(tc->attr));
	}
}

static void erase_display(struct textcon *tc, unsigned int mode)
{
	unsigned int y, x = MIN(tc->x, tc->cols);

	if (mode == 0) {
		clear_span(tc, tc->y, x, tc->cols);
		for (y = tc->y + 1; y < tc->rows; y++)
			clear_span(tc, y, 0, tc->cols);
	} else if (mode == 1) {
		for (y = 0; y < tc->y; y++)
			clear_span(tc, y, 0, tc->cols);
		clear_span(tc, tc->y, 0, MIN(x + 1, tc->cols));
	} else {
		for (y = 0; y < tc->rows; y++)
			clear_span(tc, y, 0, tc->cols);
	}
}

static void erase_line(struct textcon *tc, unsigned int mode)
{
	unsigned int x = MIN(tc->x, tc->cols);

	if (mode == 0)
		clear_span(tc, tc->y, x, tc->cols);
	else if (mode == 1)
		clear_span(tc, tc->y, 0, MIN(x + 1, tc->cols));
	else
		clear_span(tc, tc->y, 0, tc->cols);
}

/* The n-th parameter, or def when absent or 0 (as terminals read counts). */
static unsigned int count(const struct textcon *tc, unsigned int n, unsigned int def)
{
	return n < tc->nparams && tc->params[n] ? tc->params[n] : def;
}

static void csi_final(struct textcon *tc, u8 ch)
{
	unsigned int x = MIN(tc->x, tc->cols - 1);
	unsigned int mode = tc->nparams ? tc->params[0] : 0;

	switch (ch) {
	case 'A':
		tc->y -= MIN(count(tc, 0, 1), tc->y);
		break;
	case 'B':
		tc->y = MIN(tc->y + count(tc, 0, 1), tc->rows - 1);
		break;
	case 'C':
		tc->x = MIN(x + count(tc, 0, 1), tc->cols - 1);
		break;
	case 'D':
		tc->x = x - MIN(count(tc, 0, 1), x);
		break;
	case 'H':
	case 'f':
		tc->y = MIN(count(tc, 0, 1), tc->rows) - 1;
		tc->x = MIN(count(tc, 1, 1), tc->cols) - 1;
		break;
	case 'J':
		erase_display(tc, mode);
		break;
	case 'K':
		erase_line(tc, mode);
		break;
	case 'm':
		sgr(tc);
		break;
	default:
		break;	/* not one we know: swallowed whole */
	}
}

static void csi_byte(struct textcon *tc, u8 ch)
{
	if (ch >= '0' && ch <= '9') {
		if (!tc->nparams)
			tc->nparams = 1;
		if (tc->nparams <= TEXTCON_MAX_PARAMS) {
			unsigned int *p = &tc->params[tc->nparams - 1];

			*p = MIN(*p * 10 + (ch - '0'), 9999u);
		}
	} else if (ch == ';') {
		if (!tc->nparams)
			tc->nparams = 1;
		if (tc->nparams <= TEXTCON_MAX_PARAMS)
			tc->nparams++;
		if (tc->nparams <= TEXTCON_MAX_PARAMS)
			tc->params[tc->nparams - 1] = 0;
	} else if (ch >= 0x40 && ch <= 0x7e) {
		tc->nparams = MIN(tc->nparams, (unsigned int)TEXTCON_MAX_PARAMS);
		csi_final(tc, ch);
		tc->state = ST_TEXT;
	} else if (ch < 0x20 || ch > 0x7e) {
		tc->state = ST_TEXT;	/* not a sequence after all */
		control(tc, ch);
	}
	/* intermediates and '?': part of a sequence we do not tell apart */
}

static void feed(struct textcon *tc, u8 ch)
{
	switch (tc->state) {
	case ST_ESC:
		if (ch == '[') {
			tc->state = ST_CSI;
			tc->nparams = 0;
			tc->params[0] = 0;
		} else {
			tc->state = ST_TEXT;	/* a two-byte sequence: ignored */
		}
		return;
	case ST_CSI:
		csi_byte(tc, ch);
		return;
	default:
		if (ch < 0x20 || ch == 0x7f)
			control(tc, ch);
		else
			printable(tc, ch);
	}
}

static void cursor(struct textcon *tc, bool on)
{
	unsigned int x = MIN(tc->x, tc->cols - 1);

	tc->ops->draw(tc, x, tc->y, *cell(tc, x, tc->y), on);
}

void textcon_write(struct textcon *tc, const char *s, size_t n)
{
	cursor(tc, false);
	for (; n; n--, s++)
		feed(tc, (u8)*s);
	cursor(tc, true);
}

void textcon_set_level(struct textcon *tc, int level)
{
	if (level >= 0 && level <= LOG_ERR)
		tc->level_attr = ATTR(ERR_FG, 0);
	else if (level == LOG_WARN)
		tc->level_attr = ATTR(WARN_FG, 0);
	else
		tc->level_attr = 0;
}

void textcon_init(struct textcon *tc, const struct textcon_ops *ops, void *priv,
		  unsigned int cols, unsigned int rows)
{
	unsigned int i;

	memset(tc, 0, sizeof(*tc));
	tc->ops = ops;
	tc->priv = priv;
	tc->cols = MIN(cols, (unsigned int)TEXTCON_MAX_COLS);
	tc->rows = MIN(rows, (unsigned int)TEXTCON_MAX_ROWS);
	tc->attr = DEFAULT_ATTR;
	tc->cells = grid;
	for (i = 0; i < tc->cols * tc->rows; i++) {
		grid[i] = blank(tc);
		ops->draw(tc, i % tc->cols, i / tc->cols, grid[i], false);
	}
}
