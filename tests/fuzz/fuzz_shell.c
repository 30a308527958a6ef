/*
 * The shell's line editor and argument splitter (kernel/shell/line.c):
 * every input byte typed into line_feed, with Tab completion offering a
 * fixed set of words; each finished line split by shell_split as the
 * shell does before running a command. (The commands themselves, in
 * shell.c, reach the scheduler and the hardware and are not hosted.)
 *
 * Checked: the line stays NUL-terminated inside its buffer, the cursor
 * inside the line, and shell_split's words inside the line.
 */
#include <sis/shell.h>

#include "../../kernel/shell/line.h"
#include "fuzz.h"
#include "host.h"

static size_t written;

static void out(void *ctx, const char *s, size_t n)
{
	FUZZ_CHECK(n < (1u << 20));
	written += n;
}

static void complete(void *ctx, const char *line, size_t len, struct shell_completion *c)
{
	static const char *const words[] = { "uptime", "upgrade", "version", "cpus", "u", "" };
	unsigned int i;

	c->n = 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (c->n < LINE_CAND_MAX && !strncmp(words[i], c->prefix, c->prefix_len))
			c->cand[c->n++] = words[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct line_editor le;
	char *argv[SHELL_ARGS_MAX];
	size_t i;
	int n, k;

	line_init(&le, "sis> ", out, NULL);
	le.complete = complete;
	line_start(&le);
	for (i = 0; i < size; i++) {
		enum line_result r = line_feed(&le, (char)data[i]);

		FUZZ_CHECK(le.len < SHELL_LINE_MAX && le.cursor <= le.len);
		FUZZ_CHECK(memchr(le.buf, 0, SHELL_LINE_MAX) != NULL);
		if (r != LINE_DONE)
			continue;
		FUZZ_CHECK(strlen(le.buf) < SHELL_LINE_MAX);
		n = shell_split(le.buf, argv, SHELL_ARGS_MAX);
		for (k = 0; k < n; k++)
			FUZZ_CHECK(argv[k] >= le.buf && argv[k] < le.buf + SHELL_LINE_MAX);
		line_start(&le);
	}
	host_log_clear();
	return 0;
}
