/*
 * drivers/video/textcon.c: the text screen behind the screen consoles,
 * drawn into a fake backend that keeps what is shown and counts draws:
 * text, wrapping, new lines and scrolling (redrawing only cells that
 * changed), the escape sequences the shell sends, colours by level, the
 * cursor, and garbage that must neither crash nor leave the screen wrong.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <sis/printk.h>
#include "../../drivers/video/textcon.h"
#include "host.h"

#define COLS 10
#define ROWS 4

static struct text_cell shown[ROWS][COLS];
static unsigned int draws, cursor_x, cursor_y, cursor_draws;
static struct textcon tc;

static void fake_draw(struct textcon *t, unsigned int x, unsigned int y, struct text_cell c,
		      bool cursor)
{
	assert_true(x < t->cols && y < t->rows);
	shown[y][x] = c;
	if (cursor) {
		cursor_x = x;
		cursor_y = y;
		cursor_draws++;
	} else {
		draws++;
	}
}

static const struct textcon_ops fake_ops = { .draw = fake_draw };

static int setup(void **state)
{
	memset(shown, 0, sizeof(shown));
	textcon_init(&tc, &fake_ops, NULL, COLS, ROWS);
	draws = 0;
	return 0;
}

static void put(const char *s)
{
	textcon_write(&tc, s, strlen(s));
}

/* Row y as shown, trailing blanks removed. */
static const char *row(unsigned int y)
{
	static char buf[COLS + 1];
	int x;

	for (x = 0; x < COLS; x++)
		buf[x] = (char)shown[y][x].ch;
	buf[COLS] = '\0';
	for (x = COLS - 1; x >= 0 && buf[x] == ' '; x--)
		buf[x] = '\0';
	return buf;
}

static void test_init_blank(void **state)
{
	unsigned int y;

	for (y = 0; y < ROWS; y++)
		assert_string_equal(row(y), "");
	assert_int_equal(shown[0][0].attr, 0x07);
}

static void test_text_and_newline(void **state)
{
	put("ab\ncd");
	assert_string_equal(row(0), "ab");
	assert_string_equal(row(1), "cd");
	assert_int_equal(draws, 4 + 1);	/* and the cell the cursor left */
	assert_int_equal(cursor_x, 2);
	assert_int_equal(cursor_y, 1);
}

static void test_wrap_is_deferred(void **state)
{
	put("0123456789");		/* exactly one row: no blank line after it */
	assert_string_equal(row(0), "0123456789");
	assert_int_equal(cursor_y, 0);
	put("x");
	assert_string_equal(row(1), "x");
	put("\r\nnext");
	assert_string_equal(row(2), "next");
}

static void test_scroll_redraws_only_changes(void **state)
{
	put("a\nb\nc\nd");
	draws = 0;
	put("\ne");			/* rows: b c d e */
	assert_string_equal(row(0), "b");
	assert_string_equal(row(1), "c");
	assert_string_equal(row(2), "d");
	assert_string_equal(row(3), "e");
	/* the cursor's cell, one cell per row moved, then 'e' */
	assert_int_equal(draws, 1 + 4 + 1);
	put("\n\n\n\n");
	assert_string_equal(row(0), "");
	assert_string_equal(row(3), "");
}

static void test_escapes_from_the_shell(void **state)
{
	put("sis> helo");
	put("\x1b[3D");			/* cursor left 3 */
	put("\x1b[K");			/* erase to the end of the line */
	assert_string_equal(row(0), "sis> h");
	assert_int_equal(cursor_x, 6);
	put("\x1b[2C!");
	assert_string_equal(row(0), "sis> h  !");
	put("\r0123456789\x1b[D\x1b[K");	/* from the wrap-pending column, as xterm */
	assert_string_equal(row(0), "01234567");
	put("\x1b[H\x1b[2J");		/* top's clear screen */
	assert_string_equal(row(0), "");
	assert_int_equal(cursor_x, 0);
	assert_int_equal(cursor_y, 0);
	put("\x1b[3;4Hz");
	assert_int_equal(shown[2][3].ch, 'z');
}

static void test_colours(void **state)
{
	put("\x1b[31mr\x1b[1mR\x1b[0mn\x1b[92;44mg");
	assert_int_equal(shown[0][0].attr, 0x01);
	assert_int_equal(shown[0][1].attr, 0x09);
	assert_int_equal(shown[0][2].attr, 0x07);
	assert_int_equal(shown[0][3].attr, 0x4a);
	put("\x1b[m");
	textcon_set_level(&tc, LOG_WARN);
	put("w");
	textcon_set_level(&tc, LOG_ERR);
	put("e");
	textcon_set_level(&tc, -1);
	put("i");
	assert_int_equal(shown[0][4].attr, 0x0b);
	assert_int_equal(shown[0][5].attr, 0x09);
	assert_int_equal(shown[0][6].attr, 0x07);
}

static void test_controls(void **state)
{
	put("ab\bc\tx\a");
	assert_string_equal(row(0), "ac      x");
	put("\x1b[99999999999A");	/* huge count: clamped */
	assert_int_equal(cursor_y, 0);
	put("\x1b[1;2;3;4;5;6;7;8m\x1b[?25l\x1b" "cq");	/* too many, private, two-byte */
	assert_int_equal(shown[0][9].ch, 'q');
}

/* Any bytes: the cursor stays on the screen, every draw is in bounds. */
static void test_garbage(void **state)
{
	unsigned int seed = 12345, i;
	char buf[256];

	for (i = 0; i < 2000; i++) {
		unsigned int j;

		for (j = 0; j < sizeof(buf); j++) {
			seed = seed * 1103515245 + 12345;
			buf[j] = (char)(seed >> 16);
		}
		textcon_write(&tc, buf, sizeof(buf));
		assert_true(tc.x <= tc.cols && tc.y < tc.rows);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_init_blank, setup),
		cmocka_unit_test_setup(test_text_and_newline, setup),
		cmocka_unit_test_setup(test_wrap_is_deferred, setup),
		cmocka_unit_test_setup(test_scroll_redraws_only_changes, setup),
		cmocka_unit_test_setup(test_escapes_from_the_shell, setup),
		cmocka_unit_test_setup(test_colours, setup),
		cmocka_unit_test_setup(test_controls, setup),
		cmocka_unit_test_setup(test_garbage, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
