/*
 * drivers/timer/cpuid-clocks.c: the TSC and crystal rates from CPUID
 * leaves 0x15/0x16, on values real CPUs and QEMU return: a stated crystal,
 * a crystal left to leaf 0x16, zeros (QEMU 7.2 with level=0x16), and a
 * highest basic leaf below 0x15, whose "leaf 0x15" is another leaf's data.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sis/errno.h>
#include "cpuid-clocks.h"	/* drivers/timer */

#include "host.h"

static void test_crystal_stated(void **state)
{
	/* A Tiger Lake: 38.4 MHz crystal, TSC/crystal = 146/2. */
	struct cpuid_clock_leaves l = { .max_leaf = 0x1b, .eax15 = 2, .ebx15 = 146,
					.ecx15 = 38400000, .eax16 = 2800 };
	u64 tsc = 0, crystal = 0;
	const char *why = "x";

	assert_int_equal(cpuid_clocks(&l, &tsc, &crystal, &why), 0);
	assert_int_equal(crystal, 38400000);
	assert_int_equal(tsc, 2803200000ull);
}

static void test_crystal_from_base_frequency(void **state)
{
	/* A Skylake client: ECX = 0, ratio 334/2, base 4000 MHz (crystal 24 MHz). */
	struct cpuid_clock_leaves l = { .max_leaf = 0x16, .eax15 = 2, .ebx15 = 334,
					.ecx15 = 0, .eax16 = 4000 };
	u64 tsc = 0, crystal = 0;
	const char *why;

	assert_int_equal(cpuid_clocks(&l, &tsc, &crystal, &why), 0);
	assert_int_equal(tsc, 4000000000ull);
	assert_int_equal(crystal, 23952095);	/* 4 GHz * 2 / 334 */
}

static void test_no_leaf(void **state)
{
	/* -cpu max in QEMU 7.2: highest leaf 0xd, whose data "leaf 0x15" returns. */
	struct cpuid_clock_leaves l = { .max_leaf = 0xd, .eax15 = 0x21f, .ebx15 = 0x240,
					.ecx15 = 0xa88, .eax16 = 0x21f };
	u64 tsc = 7, crystal = 7;
	const char *why = "x";

	assert_int_equal(cpuid_clocks(&l, &tsc, &crystal, &why), -ENOENT);
	assert_null(why);
	assert_int_equal(tsc, 7);
}

static void test_zeros(void **state)
{
	struct cpuid_clock_leaves zero = { .max_leaf = 0x16 };
	struct cpuid_clock_leaves no_ratio = { .max_leaf = 0x16, .eax15 = 2, .ecx15 = 24000000 };
	struct cpuid_clock_leaves no_rate = { .max_leaf = 0x16, .eax15 = 2, .ebx15 = 200 };
	struct cpuid_clock_leaves no_16 = { .max_leaf = 0x15, .eax15 = 2, .ebx15 = 200,
					    .eax16 = 3000 };
	u64 tsc, crystal;
	const char *why;

	assert_int_equal(cpuid_clocks(&zero, &tsc, &crystal, &why), -ENOENT);
	assert_non_null(why);
	assert_int_equal(cpuid_clocks(&no_ratio, &tsc, &crystal, &why), -ENOENT);
	assert_non_null(why);
	assert_int_equal(cpuid_clocks(&no_rate, &tsc, &crystal, &why), -ENOENT);
	assert_non_null(why);
	/* Leaf 0x16 above the highest leaf is not read, whatever it holds. */
	assert_int_equal(cpuid_clocks(&no_16, &tsc, &crystal, &why), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crystal_stated),
		cmocka_unit_test(test_crystal_from_base_frequency),
		cmocka_unit_test(test_no_leaf),
		cmocka_unit_test(test_zeros),
	};

	return cmocka_run_group_tests_name("cpuid_clocks", tests, NULL, NULL);
}
