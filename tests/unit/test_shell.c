/*
 * kernel/shell/line.c: the line editor (editing keys, history, Tab,
 * escape sequences, lines too long, random bytes) and the word splitter,
 * driven byte by byte as the shell task drives them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <sis/errno.h>
#include <sis/printk.h>
#include "../../kernel/shell/line.h"

#include "host.h"

static char screen[1 << 16];
static size_t screen_len;
static struct line_editor le;

static void capture(void *ctx, const char *s, size_t n)
{
	if (screen_len + n < sizeof(screen)) {
		memcpy(screen + screen_len, s, n);
		screen_len += n;
		screen[screen_len] = '\0';
	}
}

/* Candidates the fake command table offers. */
static void complete(void *ctx, const char *line, size_t len, struct shell_completion *c)
{
	static const char *const words[] = { "uptime", "upgrade", "version", "cpus" };
	unsigned int i;

	for (i = 0; i < 4; i++)
		if (!strncmp(words[i], c->prefix, c->prefix_len))
			c->cand[c->n++] = words[i];
}

static int setup(void **state)
{
	line_init(&le, "sis> ", capture, NULL);
	le.complete = complete;
	screen_len = 0;
	screen[0] = '\0';
	line_start(&le);
	return 0;
}

/* Feed s (n bytes); the result of the last byte. */
static enum line_result feed(const char *s, size_t n)
{
	enum line_result r = LINE_MORE;
	size_t i;

	for (i = 0; i < n; i++)
		r = line_feed(&le, s[i]);
	return r;
}

#define FEED(lit)	feed(lit, sizeof(lit) - 1)

static void expect_line(const char *typed, size_t n, const char *want)
{
	line_start(&le);
	assert_int_equal(feed(typed, n), LINE_DONE);
	assert_string_equal(le.buf, want);
}

#define EXPECT_LINE(lit, want)	expect_line(lit, sizeof(lit) - 1, want)

static void test_plain_and_enter_kinds(void **state)
{
	EXPECT_LINE("help\r", "help");
	EXPECT_LINE("cpus\n", "cpus");
	EXPECT_LINE("irqs\r", "irqs");
	/* The LF of a CR LF does not end a second, empty line. */
	line_start(&le);
	assert_int_equal(FEED("\nuptime\r"), LINE_DONE);
	assert_string_equal(le.buf, "uptime");
	assert_non_null(strstr(screen, "sis> help"));
}

static void test_editing_keys(void **state)
{
	EXPECT_LINE("ab\x7f" "c\r", "ac");		/* DEL */
	EXPECT_LINE("ab\b\bxy\r", "xy");		/* ^H */
	EXPECT_LINE("junk\x15version\r", "version");	/* ^U */
	EXPECT_LINE("foo bar  \x17" "baz\r", "foo baz");	/* ^W and its spaces */
	EXPECT_LINE("ac\x1b[Db\r", "abc");		/* left, insert in the middle */
	EXPECT_LINE("abd\x1b[D\x1b[Dx\x1b[C\x1b[Cy\r", "axbdy");
	EXPECT_LINE("bc\x01" "a\x05" "d\r", "abcd");	/* ^A home, ^E end */
	EXPECT_LINE("abc\x1b[H\x1b[3~\r", "bc");	/* Home, Delete */
	EXPECT_LINE("\x7f\x7f\x1b[D\x15ok\r", "ok");	/* nothing to erase: no harm */
}

static void test_history(void **state)
{
	EXPECT_LINE("one\r", "one");
	EXPECT_LINE("two\r", "two");
	EXPECT_LINE("two\r", "two");			/* not kept twice in a row */
	EXPECT_LINE("\x1b[A\r", "two");
	EXPECT_LINE("\x1b[A\x1b[A\r", "one");		/* run again: now the newest */
	EXPECT_LINE("\x1b[A\x1b[A\x1b[B\r", "one");
	EXPECT_LINE("typed\x1b[A\x1b[B\r", "typed");	/* down again: what was typed */
	line_start(&le);
	screen_len = 0;
	FEED("\x1b[A\x1b[A\x1b[A\x1b[A\x1b[A");	/* 4 kept: the 5th is a bell */
	assert_non_null(strchr(screen, '\a'));
}

static void test_history_wraps(void **state)
{
	char line[16];
	unsigned int i;

	for (i = 0; i < SHELL_HISTORY + 5; i++) {
		snprintf(line, sizeof(line), "cmd%u\r", i);
		line_start(&le);
		feed(line, strlen(line));
	}
	line_start(&le);
	for (i = 0; i < SHELL_HISTORY; i++)
		FEED("\x1b[A");
	assert_int_equal(FEED("\r"), LINE_DONE);
	snprintf(line, sizeof(line), "cmd%u", 5);	/* the oldest kept */
	assert_string_equal(le.buf, line);
}

static void test_tab_completion(void **state)
{
	EXPECT_LINE("upt\t\r", "uptime ");
	EXPECT_LINE("ver\t\r", "version ");
	line_start(&le);
	screen_len = 0;
	FEED("up\t");					/* two: listed */
	assert_non_null(strstr(screen, "uptime  upgrade"));
	assert_string_equal(le.buf, "up");
	screen_len = 0;
	FEED("\x15zz\t");				/* none: a bell */
	assert_non_null(strchr(screen, '\a'));
	assert_string_equal(le.buf, "zz");
}

static void test_ctrl_c_cancels(void **state)
{
	line_start(&le);
	assert_int_equal(FEED("half a line\x03"), LINE_CANCEL);
	EXPECT_LINE("next\r", "next");
}

static void test_line_too_long(void **state)
{
	static char big[10 * 1024 + 1];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\r';
	line_start(&le);
	screen_len = 0;
	assert_int_equal(feed(big, sizeof(big)), LINE_CANCEL);
	assert_non_null(strstr(screen, "line too long"));
	assert_true(le.len < SHELL_LINE_MAX);
	EXPECT_LINE("cpus\r", "cpus");			/* and the next line is fine */
}

static void test_unknown_bytes_ring_once(void **state)
{
	const char junk[] = "\x02\x80\xff\xfe\x1b[99~\x1bZ\x1b[1;2;3;4;5;6;7;8;9;10m";
	size_t i;
	unsigned int bells = 0;

	line_start(&le);
	screen_len = 0;
	feed(junk + 1, sizeof(junk) - 2);
	assert_int_equal(le.len, 0);		/* nothing of it became text */
	for (i = 0; i < screen_len; i++)
		bells += screen[i] == '\a';
	assert_true(bells >= 1 && bells <= 4);
	EXPECT_LINE("ok\r", "ok");
}

static void test_random_bytes(void **state)
{
	unsigned int i;

	srand(7);
	line_start(&le);
	for (i = 0; i < 200000; i++) {
		enum line_result r = line_feed(&le, (char)(rand() & 0xff));

		assert_true(le.len < SHELL_LINE_MAX);
		assert_true(le.cursor <= le.len);
		assert_int_equal(le.buf[le.len], '\0');
		if (r != LINE_MORE)
			line_start(&le);
		if (screen_len > sizeof(screen) / 2)
			screen_len = 0;
	}
}

static void test_split(void **state)
{
	char line[128];
	char *argv[4];

	strcpy(line, "  ktest  smp locks ");
	assert_int_equal(shell_split(line, argv, 4), 3);
	assert_string_equal(argv[0], "ktest");
	assert_string_equal(argv[2], "locks");
	strcpy(line, "config \"a b\" 'c d'");
	assert_int_equal(shell_split(line, argv, 4), 3);
	assert_string_equal(argv[1], "a b");
	assert_string_equal(argv[2], "c d");
	strcpy(line, "a b c d e");
	assert_int_equal(shell_split(line, argv, 4), -E2BIG);
	strcpy(line, "echo \"open");
	assert_int_equal(shell_split(line, argv, 4), -EINVAL);
	strcpy(line, "   ");
	assert_int_equal(shell_split(line, argv, 4), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_plain_and_enter_kinds, setup),
		cmocka_unit_test_setup(test_editing_keys, setup),
		cmocka_unit_test_setup(test_history, setup),
		cmocka_unit_test_setup(test_history_wraps, setup),
		cmocka_unit_test_setup(test_tab_completion, setup),
		cmocka_unit_test_setup(test_ctrl_c_cancels, setup),
		cmocka_unit_test_setup(test_line_too_long, setup),
		cmocka_unit_test_setup(test_unknown_bytes_ring_once, setup),
		cmocka_unit_test_setup(test_random_bytes, setup),
		cmocka_unit_test_setup(test_split, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
