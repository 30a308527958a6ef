/*
 * kernel/sync/lockorder.c on the host: each test starts from an empty
 * graph and drives the checker through the spinlock API on one or more
 * "CPUs" (host_set_cpu), then reads what it reported.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <sis/lockorder.h>
#include <sis/percpu.h>
#include <sis/spinlock.h>

#include "host.h"

static DEFINE_SPINLOCK(lock_a);
static DEFINE_SPINLOCK(lock_b);
static DEFINE_SPINLOCK(lock_c);

static int reset(void **state)
{
	lockorder_reset();
	host_log_clear();
	host_set_cpu(0);
	for (unsigned int i = 0; i < CONFIG_MAX_CPUS; i++)
		percpu_of(i)->irq_depth = 0;
	host_irqs_on = true;
	return 0;
}

static void take_two(spinlock_t *x, spinlock_t *y)
{
	spin_lock(x);
	spin_lock(y);
	spin_unlock(y);
	spin_unlock(x);
}

static void test_ab_ba(void **state)
{
	take_two(&lock_a, &lock_b);
	assert_int_equal(lockorder_reports(), 0);
	host_set_cpu(1);		/* another CPU, later: never at the same time */
	take_two(&lock_b, &lock_a);
	assert_int_equal(lockorder_reports(), 1);
	assert_string_equal(lockorder_last_report(), "cycle: lock_b -> lock_a -> lock_b");
	assert_non_null(strstr(host_log, "possible circular locking dependency: core1 takes lock_a while holding lock_b"));
	assert_non_null(strstr(host_log, "first seen on core0"));
	/* Reported once: the same inversion again says nothing. */
	take_two(&lock_b, &lock_a);
	assert_int_equal(lockorder_reports(), 1);
}

static void test_three_lock_cycle(void **state)
{
	take_two(&lock_a, &lock_b);
	take_two(&lock_b, &lock_c);
	assert_int_equal(lockorder_reports(), 0);
	host_set_cpu(2);
	take_two(&lock_c, &lock_a);
	assert_int_equal(lockorder_reports(), 1);
	assert_string_equal(lockorder_last_report(),
			    "cycle: lock_c -> lock_a -> lock_b -> lock_c");
	assert_non_null(strstr(host_log, "cycle of 3 lock classes"));
}

static void test_consistent_order_is_quiet(void **state)
{
	int i;

	for (i = 0; i < 10; i++) {
		host_set_cpu(i % 4);
		spin_lock(&lock_a);
		spin_lock(&lock_b);
		spin_lock(&lock_c);
		spin_unlock(&lock_c);
		spin_unlock(&lock_b);	/* out-of-order release is fine */
		spin_unlock(&lock_a);
		take_two(&lock_a, &lock_c);
	}
	assert_int_equal(lockorder_reports(), 0);
	assert_string_equal(host_log, "");
}

static void test_trylock_adds_no_edge(void **state)
{
	spin_lock(&lock_a);
	assert_true(spin_trylock(&lock_b));
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);
	take_two(&lock_b, &lock_a);
	assert_int_equal(lockorder_reports(), 0);
}

static spinlock_t rq[3];

static void init_rq(void)
{
	int i;

	for (i = 0; i < 3; i++) {
		spin_lock_init(&rq[i], "rq");	/* one site, one class */
		spin_lock_set_order(&rq[i], i);
	}
}

static void test_nested_ascending_accepted(void **state)
{
	init_rq();
	spin_lock(&rq[0]);
	spin_lock_nested(&rq[2], 1);
	spin_unlock(&rq[2]);
	spin_unlock(&rq[0]);
	spin_lock(&rq[1]);
	spin_lock_nested(&rq[2], 1);
	spin_unlock(&rq[2]);
	spin_unlock(&rq[1]);
	assert_int_equal(lockorder_reports(), 0);
}

static void test_nested_descending_reported(void **state)
{
	init_rq();
	spin_lock(&rq[2]);
	spin_lock_nested(&rq[1], 1);
	spin_unlock(&rq[1]);
	spin_unlock(&rq[2]);
	assert_int_equal(lockorder_reports(), 1);
	assert_string_equal(lockorder_last_report(), "nesting: rq");
	assert_non_null(strstr(host_log, "takes order 1 while holding order 2"));
}

static void test_same_class_without_nested_reported(void **state)
{
	init_rq();
	spin_lock(&rq[0]);
	spin_lock(&rq[1]);
	spin_unlock(&rq[1]);
	spin_unlock(&rq[0]);
	assert_int_equal(lockorder_reports(), 1);
	assert_non_null(strstr(host_log, "possible recursive locking"));
}

static void test_irq_unsafe(void **state)
{
	spin_lock(&lock_a);		/* interrupts on */
	spin_unlock(&lock_a);
	assert_int_equal(lockorder_reports(), 0);
	host_set_cpu(1);
	host_irqs_on = false;
	this_cpu()->irq_depth = 1;	/* in an interrupt handler */
	spin_lock(&lock_a);		/* in an interrupt handler */
	spin_unlock(&lock_a);
	assert_int_equal(lockorder_reports(), 1);
	assert_string_equal(lockorder_last_report(), "irq-unsafe: lock_a");
	assert_non_null(strstr(host_log, "IRQ-unsafe use of lock class lock_a"));
}

static void test_irqsave_everywhere_is_safe(void **state)
{
	unsigned long f = spin_lock_irqsave(&lock_b);

	spin_unlock_irqrestore(&lock_b, f);
	host_irqs_on = false;
	this_cpu()->irq_depth = 1;	/* in an interrupt handler */
	spin_lock(&lock_b);
	spin_unlock(&lock_b);
	assert_int_equal(lockorder_reports(), 0);
}

static void test_class_table_exhaustion(void **state)
{
	static spinlock_t many[CONFIG_LOCK_ORDER_MAX_CLASSES + 4];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(many); i++) {
		__spin_lock_init(&many[i], "many", (const void *)&many[i]);
		spin_lock(&many[i]);
		spin_unlock(&many[i]);
	}
	assert_false(lockorder_enabled());
	assert_non_null(strstr(host_log, "out of lock classes (CONFIG_LOCK_ORDER_MAX_CLASSES=32)"));
	/* Said once, and locking goes on working. */
	assert_null(strstr(strstr(host_log, "out of") + 1, "out of"));
	take_two(&lock_b, &lock_a);
	take_two(&lock_a, &lock_b);
	assert_int_equal(lockorder_reports(), 0);
}

static void test_edge_table_exhaustion(void **state)
{
	static spinlock_t chain[12];
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(chain); i++)
		__spin_lock_init(&chain[i], "chain", (const void *)&chain[i]);
	/* 12 * 11 / 2 = 66 edges > CONFIG_LOCK_ORDER_MAX_EDGES=64. */
	for (i = 0; i < ARRAY_SIZE(chain); i++)
		for (j = i + 1; j < ARRAY_SIZE(chain); j++)
			take_two(&chain[i], &chain[j]);
	assert_false(lockorder_enabled());
	assert_non_null(strstr(host_log, "out of dependency edges"));
}

static void test_depth_exhaustion(void **state)
{
	static spinlock_t deep[CONFIG_LOCK_ORDER_MAX_DEPTH + 1];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(deep); i++) {
		__spin_lock_init(&deep[i], "deep", (const void *)&deep[i]);
		spin_lock(&deep[i]);
	}
	for (i = ARRAY_SIZE(deep); i > 0; i--)
		spin_unlock(&deep[i - 1]);
	assert_false(lockorder_enabled());
	assert_non_null(strstr(host_log, "out of held locks per CPU"));
}

static void test_assert_held(void **state)
{
	spin_lock(&lock_c);
	spin_assert_held(&lock_c);
	spin_unlock(&lock_c);
	host_expect_panic = true;
	if (!setjmp(host_panic_jmp)) {
		spin_assert_held(&lock_c);
		fail_msg("spin_assert_held on a free lock did not panic");
	}
	assert_non_null(strstr(host_panic_msg, "lock_c must be held"));
}

static void test_recursion_panics(void **state)
{
	spin_lock(&lock_c);
	host_expect_panic = true;
	if (!setjmp(host_panic_jmp)) {
		spin_lock(&lock_c);
		fail_msg("recursive spin_lock did not panic");
	}
	assert_non_null(strstr(host_panic_msg, "recursive lock of lock_c on CPU 0"));
	/* Leave lock_c free for the next test (the panic left our ticket). */
	lock_c = (spinlock_t)SPINLOCK_INIT(lock_c, "lock_c");
}

static void test_unlock_by_other_cpu_panics(void **state)
{
	spin_lock(&lock_c);
	host_set_cpu(3);
	host_expect_panic = true;
	if (!setjmp(host_panic_jmp)) {
		spin_unlock(&lock_c);
		fail_msg("unlock by a non-owner did not panic");
	}
	assert_non_null(strstr(host_panic_msg, "unlock of lock_c on CPU 3, but CPU 0 holds it"));
	host_set_cpu(0);
	spin_unlock(&lock_c);
}

#define T(f) cmocka_unit_test_setup(f, reset)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_ab_ba),
		T(test_three_lock_cycle),
		T(test_consistent_order_is_quiet),
		T(test_trylock_adds_no_edge),
		T(test_nested_ascending_accepted),
		T(test_nested_descending_reported),
		T(test_same_class_without_nested_reported),
		T(test_irq_unsafe),
		T(test_irqsave_everywhere_is_safe),
		T(test_class_table_exhaustion),
		T(test_edge_table_exhaustion),
		T(test_depth_exhaustion),
		T(test_assert_held),
		T(test_recursion_panics),
		T(test_unlock_by_other_cpu_panics),
	};

	return cmocka_run_group_tests_name("lockorder", tests, NULL, NULL);
}
