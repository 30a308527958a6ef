/*
 * lib/cpumask.c and include/sis/cpumask.h at one CONFIG_MAX_CPUS, which
 * the including test_cpumask_<N>.c sets through the Makefile: 1, 63, 64,
 * 65, 511 and 512 bits (a single word, one bit short of a word, a word,
 * one bit into the next, and the same at the largest size). Each
 * operation is checked against a plain array of bools.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <sis/cpumask.h>
#include "host.h"

#define N	CONFIG_MAX_CPUS

static unsigned int seed = 99;

static unsigned int rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 16;
}

static void random_mask(cpumask_t *m, bool *ref, unsigned int density)
{
	unsigned int i;

	cpumask_zero(m);
	for (i = 0; i < N; i++) {
		ref[i] = rnd() % 100 < density;
		if (ref[i])
			cpumask_set(m, i);
	}
}

static void test_all_mask(void **state)
{
	unsigned int cpu, n = 0;

	assert_int_equal(cpumask_weight(cpu_all_mask), N);
	for_each_cpu(cpu, cpu_all_mask)
		assert_int_equal(cpu, n++);
	assert_int_equal(n, N);
	assert_int_equal(cpumask_first(cpu_all_mask), 0);
	assert_int_equal(cpumask_next(cpu_all_mask, N - 1), N);
	assert_false(cpumask_test(cpu_all_mask, N));	/* past the end: never */
}

static void test_single_bits(void **state)
{
	unsigned int cpu, other;

	for (cpu = 0; cpu < N; cpu++) {
		cpumask_t m = cpumask_of(cpu);

		assert_int_equal(cpumask_weight(&m), 1);
		assert_int_equal(cpumask_first(&m), cpu);
		assert_int_equal(cpumask_next(&m, (int)cpu), N);
		assert_int_equal(cpumask_nth(&m, 7), cpu);
		for (other = 0; other < N; other += 1 + N / 50)
			assert_int_equal(cpumask_test(&m, other), other == cpu);
		cpumask_clear(&m, cpu);
		assert_true(cpumask_empty(&m));
	}
	{
		cpumask_t none = cpumask_of(N);	/* out of range: empty */

		assert_true(cpumask_empty(&none));
		assert_int_equal(cpumask_first(&none), N);
		assert_int_equal(cpumask_nth(&none, 3), 0);
	}
}

static void test_random_ops(void **state)
{
	static bool ra[N], rb[N];
	unsigned int iter, i, n, cpu;

	for (iter = 0; iter < 200; iter++) {
		cpumask_t a, b, r;
		bool any;

		random_mask(&a, ra, iter % 100);
		random_mask(&b, rb, (iter * 37) % 100);
		n = 0;
		for (i = 0; i < N; i++)
			n += ra[i];
		assert_int_equal(cpumask_weight(&a), n);
		assert_int_equal(cpumask_empty(&a), n == 0);
		i = 0;
		for_each_cpu(cpu, &a) {
			while (!ra[i])
				i++;
			assert_int_equal(cpu, i++);
		}
		any = cpumask_and(&r, &a, &b);
		for (i = 0, n = 0; i < N; i++) {
			assert_int_equal(cpumask_test(&r, i), ra[i] && rb[i]);
			n += ra[i] && rb[i];
		}
		assert_int_equal(any, n != 0);
		assert_int_equal(cpumask_intersects(&a, &b), n != 0);
		any = cpumask_andnot(&r, &a, &b);
		for (i = 0, n = 0; i < N; i++) {
			assert_int_equal(cpumask_test(&r, i), ra[i] && !rb[i]);
			n += ra[i] && !rb[i];
		}
		assert_int_equal(any, n != 0);
		cpumask_or(&r, &a, &b);
		for (i = 0; i < N; i++)
			assert_int_equal(cpumask_test(&r, i), ra[i] || rb[i]);
		r = a;
		assert_true(cpumask_equal(&r, &a));
		if (cpumask_weight(&a))
			assert_true(cpumask_test(&a, cpumask_nth(&a, rnd())));
	}
}

static void test_atomic_and_str(void **state)
{
	cpumask_t m, c;
	char buf[64];

	cpumask_zero(&m);
	cpumask_set_atomic(&m, 0);
	cpumask_set_atomic(&m, N - 1);
	assert_true(cpumask_test_atomic(&m, N - 1));
	cpumask_copy_atomic(&c, &m);
	assert_true(cpumask_equal(&c, &m));
	cpumask_clear_atomic(&m, N - 1);
	assert_false(cpumask_test_atomic(&m, N - 1));
	if (N == 1)
		snprintf(buf, sizeof(buf), "0");
	else
		snprintf(buf, sizeof(buf), "0-%u", N - 1);
	{
		char got[64];

		assert_string_equal(cpumask_str(cpu_all_mask, got, sizeof(got)), buf);
	}
	cpumask_str(&c, buf, sizeof(buf));
	if (N > 2) {
		char want[32];

		snprintf(want, sizeof(want), "0,%u", N - 1);
		assert_string_equal(buf, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_mask),
		cmocka_unit_test(test_single_bits),
		cmocka_unit_test(test_random_ops),
		cmocka_unit_test(test_atomic_and_str),
	};
	char name[32];

	snprintf(name, sizeof(name), "cpumask_%u", N);
	return cmocka_run_group_tests_name(name, tests, NULL, NULL);
}
