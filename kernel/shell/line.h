/*
 * The shell's line editor (kernel/shell/line.c): bytes in, a finished
 * line out, the terminal kept in step through a write callback. Pure C
 * over its own state, so the host tests drive it byte by byte.
 *
 * Keys: printable ASCII inserts at the cursor; Backspace (DEL or ^H)
 * deletes before it; ^U deletes the line, ^W the word before the cursor;
 * left/right (and ^B/^F), Home/End (and ^A/^E), Delete; up/down walk the
 * history; Tab completes (through the complete callback); ^C drops the
 * line; Enter (CR, LF or CR LF) ends it. Other control bytes, bytes above
 * 0x7e and escape sequences it does not know ring the bell once per run
 * and are dropped. A line longer than SHELL_LINE_MAX - 1 is refused
 * whole when it ends, with one line saying so.
 */
#ifndef SHELL_LINE_H
#define SHELL_LINE_H

#include <sis/shell.h>
#include <sis/types.h>

#define LINE_ESC_MAX	8	/* longest escape sequence taken apart */
#define LINE_CAND_MAX	32	/* completions offered at once */

enum line_result {
	LINE_MORE,	/* keep feeding */
	LINE_DONE,	/* le->buf holds a line */
	LINE_CANCEL,	/* ^C or a refused line: nothing to run */
};

/* Completion candidates for the word at the cursor (filled by the callback). */
struct shell_completion {
	const char *prefix;		/* what is typed of the word */
	size_t prefix_len;
	const char *cand[LINE_CAND_MAX];
	unsigned int n;
	bool more;			/* some did not fit */
};

struct line_editor {
	char buf[SHELL_LINE_MAX];
	size_t len, cursor;
	char hist[SHELL_HISTORY][SHELL_LINE_MAX];
	unsigned int hist_count;	/* entries kept, newest at hist_count - 1 (mod) */
	unsigned int hist_total;	/* lines ever added */
	int hist_pos;			/* entries back from the newest; -1: editing */
	char saved[SHELL_LINE_MAX];	/* the line typed before walking the history */
	unsigned int esc_len;
	char esc[LINE_ESC_MAX];
	bool in_esc, overlong, after_cr, belled;
	const char *prompt;
	void (*write)(void *ctx, const char *s, size_t n);
	/* Fill c with the candidates for the word at the end of line[0..len). */
	void (*complete)(void *ctx, const char *line, size_t len, struct shell_completion *c);
	void *ctx;
};

void line_init(struct line_editor *le, const char *prompt,
	       void (*write)(void *ctx, const char *s, size_t n), void *ctx);
/* Print the prompt and the line as it stands (a new line begins). */
void line_start(struct line_editor *le);
/* One byte typed. LINE_DONE: le->buf holds the line (kept in the history). */
enum line_result line_feed(struct line_editor *le, char c);
/* Keep line in the history (LINE_DONE does it for non-empty lines). */
void line_history_add(struct line_editor *le, const char *line);

/*
 * Split line (modified in place) into at most max words; "quoted words"
 * keep their spaces. The count, -E2BIG for more, -EINVAL for an open quote.
 */
int shell_split(char *line, char **argv, int max);

/* shell.c: the commands in name order, the one after `after` (NULL: the first). */
const struct shell_cmd *shell_cmd_next(const struct shell_cmd *after);
/* shell.c: the command of that name, or NULL. */
const struct shell_cmd *shell_cmd_find(const char *name);

#endif /* SHELL_LINE_H */
