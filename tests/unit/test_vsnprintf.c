/* lib/vsnprintf.c against the formats the kernel uses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <sis/printk.h>

static void expect_fmt(const char *want, const char *fmt, ...)
{
	char buf[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	assert_string_equal(buf, want);
	assert_int_equal(n, (int)strlen(want));
}

static void test_integers(void **state)
{
	expect_fmt("0 -1 42", "%d %d %u", 0, -1, 42u);
	expect_fmt("-9223372036854775808", "%lld", (long long)(-9223372036854775807ll - 1));
	expect_fmt("18446744073709551615", "%llu", ~0ull);
	expect_fmt("ff FF 0x1f", "%x %X %p", 255u, 255u, (void *)0x1f);
	expect_fmt("  7|7  |007", "%3d|%-3d|%03d", 7, 7, 7);
	expect_fmt("00000000cafe", "%012lx", 0xcafeul);
	expect_fmt("17", "%zu", (size_t)17);
	expect_fmt("-05", "%03d", -5);
}

static void test_strings(void **state)
{
	expect_fmt("ab|  ab|ab  |a", "%s|%4s|%-4s|%.1s", "ab", "ab", "ab", "ab");
	expect_fmt("(null)", "%s", (char *)NULL);
	expect_fmt("x%", "%c%%", 'x');
	expect_fmt("abc", "%.*s", 3, "abcdef");
}

static void test_truncation(void **state)
{
	char buf[5];
	int n = snprintf(buf, sizeof(buf), "%s", "abcdefgh");

	assert_int_equal(n, 8);
	assert_string_equal(buf, "abcd");
	n = snprintf(buf, 0, "%d", 12345);
	assert_int_equal(n, 5);
	n = snprintf(buf, 1, "%d", 12345);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_truncation),
	};

	return cmocka_run_group_tests_name("vsnprintf", tests, NULL, NULL);
}
