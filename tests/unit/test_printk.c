/*
 * kernel/printk.c and kernel/console.c: time stamps at the start of
 * every line, whole lines, long messages cut with a marker and still
 * ending in a newline, the log level filter.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <sis/console.h>
#include <sis/printk.h>
#include <sis/time.h>

#include "host.h"


static char out[4096];
static size_t out_len;

static void capture_putc(char c)
{
	if (out_len + 1 < sizeof(out))
		out[out_len++] = c;
	out[out_len] = '\0';
}

static const struct console capture = { .name = "capture", .putc = capture_putc };

static int setup(void **state)
{
	console_register(&capture);
	console_loglevel = LOG_DEBUG;
	out_len = 0;
	out[0] = '\0';
	boot_counter_start = 1000;
	host_counter_fixed = 1000 + 1500000000ull;	/* 1.5 s after boot */
	return 0;
}

static void test_stamp_each_line(void **state)
{
	printk(LOG_INFO, "[SMP] %d CPU(s) online\n", 4);
	assert_string_equal(out, "[    1.500000] [SMP] 4 CPU(s) online\r\n");
	out_len = 0;
	printk(LOG_INFO, "a\nb\n");
	assert_string_equal(out, "[    1.500000] a\r\n[    1.500000] b\r\n");
}

static void test_continued_line_one_stamp(void **state)
{
	printk(LOG_INFO, "part ");
	printk(LOG_INFO, "rest\n");
	assert_string_equal(out, "[    1.500000] part rest\r\n");
}

static void test_before_boot_counter(void **state)
{
	boot_counter_start = 0;		/* before kernel_main: no time yet */
	printk(LOG_INFO, "early\n");
	assert_string_equal(out, "[    0.000000] early\r\n");
}

static void test_long_message_cut(void **state)
{
	char big[2000];
	size_t len;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	printk(LOG_INFO, "[SMP] CPUs detected: 200 (apic_ids=[%s])\n", big);
	len = strlen(out);
	assert_true(len < 512 + 32);
	assert_string_equal(out + len - strlen(" [...]\r\n"), " [...]\r\n");
	out_len = 0;
	printk(LOG_INFO, "next\n");	/* starts on a line of its own */
	assert_string_equal(out, "[    1.500000] next\r\n");
}

static void test_loglevel_filters(void **state)
{
	console_loglevel = LOG_INFO;
	printk(LOG_DEBUG, "hidden\n");
	assert_int_equal(out_len, 0);
	printk(LOG_WARN, "shown\n");
	assert_non_null(strstr(out, "shown"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_stamp_each_line, setup),
		cmocka_unit_test_setup(test_continued_line_one_stamp, setup),
		cmocka_unit_test_setup(test_before_boot_counter, setup),
		cmocka_unit_test_setup(test_long_message_cut, setup),
		cmocka_unit_test_setup(test_loglevel_filters, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
