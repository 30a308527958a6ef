/*
 * The shell's line editor (line.h). The terminal is assumed to be a
 * VT100: the cursor moves with ESC [ n D / C, ESC [ K clears to the end
 * of the line, and the editor redraws what follows the cursor after each
 * change in the middle of the line.
 */
#include <sis/errno.h>
#include <sis/printk.h>
#include <sis/string.h>
#include "line.h"

#define CTRL(c)		((c) & 0x1f)
#define DEL		0x7f
#define ESC		0x1b
#define BELL		"\a"

static void out(struct line_editor *le, const char *s, size_t n)
{
	if (n)
		le->write(le->ctx, s, n);
}

static void outs(struct line_editor *le, const char *s)
{
	out(le, s, strlen(s));
}

/* Cursor n places left or right (ESC [ n D / C). */
static void move(struct line_editor *le, size_t n, bool left)
{
	char seq[24];

	if (!n)
		return;
	snprintf(seq, sizeof(seq), "\x1b[%u%c", (unsigned int)n, left ? 'D' : 'C');
	outs(le, seq);
}

/* From the cursor on: the rest of the line, clear what was after it, cursor back. */
static void redraw_tail(struct line_editor *le)
{
	out(le, le->buf + le->cursor, le->len - le->cursor);
	outs(le, "\x1b[K");
	move(le, le->len - le->cursor, true);
}

/* The whole line again, after the prompt, the cursor where it was. */
static void redraw(struct line_editor *le)
{
	outs(le, "\r");
	outs(le, le->prompt);
	out(le, le->buf, le->len);
	outs(le, "\x1b[K");
	move(le, le->len - le->cursor, true);
}

static void bell(struct line_editor *le)
{
	if (!le->belled)
		outs(le, BELL);
	le->belled = true;
}

void line_init(struct line_editor *le, const char *prompt,
	       void (*write)(void *ctx, const char *s, size_t n), void *ctx)
{
	memset(le, 0, sizeof(*le));
	le->prompt = prompt;
	le->write = write;
	le->ctx = ctx;
	le->hist_pos = -1;
}

void line_start(struct line_editor *le)
{
	le->len = le->cursor = 0;
	le->buf[0] = '\0';
	le->hist_pos = -1;
	le->overlong = le->in_esc = le->belled = false;
	outs(le, le->prompt);
}

/* ---------------------------------------------------------------- editing */

static void insert(struct line_editor *le, const char *s, size_t n)
{
	if (le->len + n > SHELL_LINE_MAX - 1) {
		le->overlong = true;	/* refused whole at Enter */
		return;
	}
	memmove(le->buf + le->cursor + n, le->buf + le->cursor, le->len - le->cursor);
	memcpy(le->buf + le->cursor, s, n);
	le->len += n;
	le->buf[le->len] = '\0';
	out(le, s, n);
	le->cursor += n;
	if (le->cursor < le->len)
		redraw_tail(le);
}

/* Delete n characters before the cursor. */
static void erase_back(struct line_editor *le, size_t n)
{
	n = MIN(n, le->cursor);
	if (!n)
		return;
	memmove(le->buf + le->cursor - n, le->buf + le->cursor, le->len - le->cursor);
	le->len -= n;
	le->cursor -= n;
	le->buf[le->len] = '\0';
	move(le, n, true);
	redraw_tail(le);
}

static void delete_at_cursor(struct line_editor *le)
{
	if (le->cursor == le->len)
		return;
	le->cursor++;
	erase_back(le, 1);
}

/* ^W: the word before the cursor and the spaces after it. */
static void erase_word(struct line_editor *le)
{
	size_t i = le->cursor;

	while (i && le->buf[i - 1] == ' ')
		i--;
	while (i && le->buf[i - 1] != ' ')
		i--;
	erase_back(le, le->cursor - i);
}

static void cursor_to(struct line_editor *le, size_t pos)
{
	if (pos < le->cursor)
		move(le, le->cursor - pos, true);
	else
		move(le, pos - le->cursor, false);
	le->cursor = pos;
}

/* ---------------------------------------------------------------- history */

static char *hist_entry(struct line_editor *le, unsigned int back)
{
	return le->hist[(le->hist_total - 1 - back) % SHELL_HISTORY];
}

void line_history_add(struct line_editor *le, const char *line)
{
	if (!line[0] || (le->hist_count && !strcmp(hist_entry(le, 0), line)))
		return;
	strlcpy(le->hist[le->hist_total % SHELL_HISTORY], line, SHELL_LINE_MAX);
	le->hist_total++;
	if (le->hist_count < SHELL_HISTORY)
		le->hist_count++;
}

static void set_line(struct line_editor *le, const char *s)
{
	strlcpy(le->buf, s, SHELL_LINE_MAX);
	le->len = le->cursor = strlen(le->buf);
	redraw(le);
}

/* Up (older, dir > 0) or down (newer) the history. */
static void history_step(struct line_editor *le, int dir)
{
	int pos = le->hist_pos + dir;

	if (pos >= (int)le->hist_count || pos < -1) {
		bell(le);
		return;
	}
	if (le->hist_pos == -1)
		strlcpy(le->saved, le->buf, SHELL_LINE_MAX);
	le->hist_pos = pos;
	set_line(le, pos == -1 ? le->saved : hist_entry(le, (unsigned int)pos));
}

/* ---------------------------------------------------------------- completion */

/* Longest common prefix of the candidates. */
static size_t common_len(const struct shell_completion *c)
{
	size_t n = strlen(c->cand[0]);
	unsigned int i;

	for (i = 1; i < c->n; i++) {
		size_t k = 0;

		while (k < n && c->cand[i][k] == c->cand[0][k])
			k++;
		n = k;
	}
	return n;
}

static void list_candidates(struct line_editor *le, const struct shell_completion *c)
{
	unsigned int i;

	outs(le, "\n");
	for (i = 0; i < c->n; i++) {
		outs(le, c->cand[i]);
		outs(le, i + 1 < c->n ? "  " : "");
	}
	outs(le, c->more ? "  ...\n" : "\n");
	redraw(le);
}

static void complete(struct line_editor *le)
{
	struct shell_completion c = { 0 };
	size_t start = le->cursor, n;

	if (!le->complete || le->cursor != le->len) {
		bell(le);
		return;
	}
	while (start && le->buf[start - 1] != ' ')
		start--;
	c.prefix = le->buf + start;
	c.prefix_len = le->cursor - start;
	le->complete(le->ctx, le->buf, le->len, &c);
	if (!c.n) {
		bell(le);
		return;
	}
	n = common_len(&c);
	if (n > c.prefix_len)
		insert(le, c.cand[0] + c.prefix_len, n - c.prefix_len);
	else if (c.n > 1)
		list_candidates(le, &c);
	if (c.n == 1 && !le->overlong)
		insert(le, " ", 1);
}

/* ---------------------------------------------------------------- input */

/* A finished escape sequence (after ESC): CSI "[..." or SS3 "O...". */
static void escape(struct line_editor *le)
{
	char final = le->esc[le->esc_len - 1];
	bool csi = le->esc[0] == '[' || le->esc[0] == 'O';
	bool plain = le->esc_len == 2;

	if (!csi)
		bell(le);
	else if (plain && final == 'A')
		history_step(le, 1);
	else if (plain && final == 'B')
		history_step(le, -1);
	else if (plain && final == 'C')
		cursor_to(le, MIN(le->cursor + 1, le->len));
	else if (plain && final == 'D')
		cursor_to(le, le->cursor ? le->cursor - 1 : 0);
	else if ((plain && final == 'H') || (le->esc_len == 3 && final == '~' && le->esc[1] == '1'))
		cursor_to(le, 0);
	else if ((plain && final == 'F') || (le->esc_len == 3 && final == '~' && le->esc[1] == '4'))
		cursor_to(le, le->len);
	else if (le->esc_len == 3 && final == '~' && le->esc[1] == '3')
		delete_at_cursor(le);
	else
		bell(le);
}

/*
 * One byte of an escape sequence, up to its final byte (0x40-0x7e after
 * "[" or "O"). One too long for any we know is skipped to its end.
 */
static void escape_byte(struct line_editor *le, char c)
{
	bool final = le->esc_len > 0 && (unsigned char)c >= 0x40 && (unsigned char)c <= 0x7e;

	if (le->esc_len == 0 && c != '[' && c != 'O') {
		le->in_esc = false;	/* ESC x: not a sequence we take */
		bell(le);
		return;
	}
	if (le->esc_len < LINE_ESC_MAX)
		le->esc[le->esc_len] = c;
	le->esc_len++;
	if (!final)
		return;
	le->in_esc = false;
	if (le->esc_len > LINE_ESC_MAX)
		bell(le);
	else
		escape(le);
}

static enum line_result enter(struct line_editor *le)
{
	outs(le, "\n");
	if (le->overlong) {
		char msg[64];

		snprintf(msg, sizeof(msg), "line too long (at most %d characters): ignored\n",
			 SHELL_LINE_MAX - 1);
		outs(le, msg);
		return LINE_CANCEL;
	}
	line_history_add(le, le->buf);
	return LINE_DONE;
}

/* A control byte or a byte outside printable ASCII. */
static enum line_result control(struct line_editor *le, char c)
{
	switch (c) {
	case DEL:
	case CTRL('H'):
		erase_back(le, 1);
		break;
	case CTRL('U'):
		erase_back(le, le->cursor);
		break;
	case CTRL('W'):
		erase_word(le);
		break;
	case CTRL('A'):
		cursor_to(le, 0);
		break;
	case CTRL('E'):
		cursor_to(le, le->len);
		break;
	case CTRL('B'):
		cursor_to(le, le->cursor ? le->cursor - 1 : 0);
		break;
	case CTRL('F'):
		cursor_to(le, MIN(le->cursor + 1, le->len));
		break;
	case '\t':
		complete(le);
		break;
	case CTRL('C'):
		outs(le, "^C\n");
		return LINE_CANCEL;
	case ESC:
		le->in_esc = true;
		le->esc_len = 0;
		break;
	default:
		bell(le);
		return LINE_MORE;
	}
	le->belled = false;
	return LINE_MORE;
}

enum line_result line_feed(struct line_editor *le, char c)
{
	bool after_cr = le->after_cr;

	le->after_cr = c == '\r';
	if (le->in_esc) {
		escape_byte(le, c);
		return LINE_MORE;
	}
	if (c == '\n' && after_cr)
		return LINE_MORE;	/* the LF of a CR LF */
	if (c == '\r' || c == '\n')
		return enter(le);
	if ((unsigned char)c >= 0x20 && (unsigned char)c < DEL) {
		le->belled = false;
		insert(le, &c, 1);
		return LINE_MORE;
	}
	return control(le, c);
}

/* ---------------------------------------------------------------- words */

int shell_split(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line, *w;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return argc;
		if (argc == max)
			return -E2BIG;
		if (*p == '"' || *p == '\'') {
			char q = *p++;

			w = p;
			while (*p && *p != q)
				p++;
			if (!*p)
				return -EINVAL;	/* the quote is never closed */
		} else {
			w = p;
			while (*p && *p != ' ' && *p != '\t')
				p++;
		}
		argv[argc++] = w;
		if (*p)
			*p++ = '\0';
	}
}
