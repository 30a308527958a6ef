/* kernel/cmdline.c: words, values, unknown words reported once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <sis/cmdline.h>
#include <sis/printk.h>

#include "host.h"

static void test_words(void **state)
{
	char buf[32];

	cmdline_init("ktest=smp,locks poweroff  loglevel=7");
	assert_true(cmdline_has("poweroff"));
	assert_true(cmdline_has("ktest"));
	assert_false(cmdline_has("power"));
	assert_false(cmdline_has("bench"));
	assert_string_equal(cmdline_get("ktest", buf, sizeof(buf)), "smp,locks");
	assert_null(cmdline_get("poweroff", buf, sizeof(buf)));
	assert_int_equal(cmdline_get_u64("loglevel", 3), 7);
	assert_int_equal(cmdline_get_u64("soak", 30), 30);
	assert_string_equal(cmdline_str(), "ktest=smp,locks poweroff  loglevel=7");
}

static void test_unknown_reported(void **state)
{
	host_log_clear();
	cmdline_init("poweroff frobnicate soak=x");
	assert_null(strstr(host_log, "frobnicate"));	/* not before the banner */
	cmdline_report();
	assert_non_null(strstr(host_log, "[BOOT] ignoring unknown option 'frobnicate'"));
	assert_null(strstr(host_log, "poweroff'"));
	/* A malformed number falls back to the default. */
	assert_int_equal(cmdline_get_u64("soak", 30), 30);
}

static void test_loglevel_clamped(void **state)
{
	host_log_clear();
	cmdline_init("loglevel=99");
	assert_int_equal(console_loglevel, 7);
	cmdline_report();
	assert_non_null(strstr(host_log, "[BOOT] loglevel=99 is out of range 0-7: using 7"));
	host_log_clear();
	cmdline_init("loglevel=3");
	assert_int_equal(console_loglevel, 3);
	cmdline_report();
	assert_null(strstr(host_log, "loglevel"));
	console_loglevel = 7;
}

static void test_long_and_empty(void **state)
{
	char big[2000];
	char buf[4];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cmdline_init(big);		/* truncated, not overflowed */
	assert_true(strlen(cmdline_str()) < 512);
	cmdline_init(NULL);
	assert_false(cmdline_has("poweroff"));
	cmdline_init("ktest=abcdef");
	assert_string_equal(cmdline_get("ktest", buf, sizeof(buf)), "abc");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_unknown_reported),
		cmocka_unit_test(test_loglevel_clamped),
		cmocka_unit_test(test_long_and_empty),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
