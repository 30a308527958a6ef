/* lib/vsnprintf.c against the formats the kernel uses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
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

/* snprintf without the compiler's format checking: these formats are meant to be wrong. */
static int unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Widths and precisions too large for an int saturate instead of overflowing. */
static void test_huge_fields(void **state)
{
	char buf[16];
	int n;

	n = unchecked(buf, sizeof(buf), "%6886368866d", 5);
	assert_int_equal(n, INT_MAX);
	assert_string_equal(buf, "               ");
	n = unchecked(buf, sizeof(buf), "%.99999999999s|", "abc");
	assert_int_equal(n, 4);
	assert_string_equal(buf, "abc|");
	n = unchecked(buf, sizeof(buf), "%99999999999999999999999999999d", 1);
	assert_int_equal(n, INT_MAX);
}

/* No digits after '*': "%*3d" is the width argument, then a bad conversion. */
static void test_star_then_digits(void **state)
{
	expect_fmt("%3d", "%*3d", 10);
	expect_fmt("  7", "%*d", 3, 7);
	expect_fmt("ab", "%.*s%s", 1, "a", "b");
}

/* Negative '*' widths mean '-' (C); INT_MIN's magnitude saturates; negative precision is none. */
static void test_negative_star(void **state)
{
	char buf[8];
	int n;

	expect_fmt("7  |", "%*d|", -3, 7);
	expect_fmt("ab   |", "%*s|", -5, "ab");
	expect_fmt("abcdef", "%.*s", -1, "abcdef");
	n = unchecked(buf, sizeof(buf), "%*d", INT_MIN, 42);
	assert_int_equal(n, INT_MAX);
	assert_string_equal(buf, "42     ");
	n = unchecked(buf, sizeof(buf), "%*s", INT_MIN, "x");
	assert_int_equal(n, INT_MAX);
	assert_string_equal(buf, "x      ");
}

/*
 * Padding costs what fits in the buffer, not the width: a million
 * INT_MAX-wide fields into 16 bytes would take minutes written one
 * character at a time; bounded, they take milliseconds. The figure is
 * counted, not timed: the count must still be the full length.
 */
static void test_padding_bounded(void **state)
{
	char buf[16];
	int n;

	n = unchecked(buf, sizeof(buf), "%2147483647d", 1);
	assert_int_equal(n, INT_MAX);
	assert_string_equal(buf, "               ");
	n = unchecked(buf, sizeof(buf), "%-2147483646d|", 1);
	assert_int_equal(n, INT_MAX);
	assert_string_equal(buf, "1              ");
	n = unchecked(buf, sizeof(buf), "%0100d", -3);
	assert_int_equal(n, 100);
	assert_string_equal(buf, "-00000000000000");
	n = unchecked(NULL, 0, "%2000000000s", "x");
	assert_int_equal(n, 2000000000);
	n = unchecked(buf, 1, "%50d", 1);
	assert_int_equal(n, 50);
	assert_string_equal(buf, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_huge_fields),
		cmocka_unit_test(test_star_then_digits),
		cmocka_unit_test(test_negative_star),
		cmocka_unit_test(test_padding_bounded),
	};

	return cmocka_run_group_tests_name("vsnprintf", tests, NULL, NULL);
}
