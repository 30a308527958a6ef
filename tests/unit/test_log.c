/*
 * kernel/log.c: the kernel log ring. Lines come back in order with time,
 * CPU and level; when the ring is full the oldest go and a reader learns
 * how many it missed; a record never wraps the end of the ring;
 * log_clear() starts dmesg afresh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <sis/log.h>
#include <sis/printk.h>

#include "host.h"

static void test_in_order(void **state)
{
	struct log_line l;
	u64 seq = log_start();

	log_store(6, 2, 1500, "[SMP] 4 CPU(s) online", 21);
	log_store(4, 0, 1600, "warning", 7);
	assert_true(log_read(&seq, &l));
	assert_string_equal(l.text, "[SMP] 4 CPU(s) online");
	assert_int_equal(l.cpu, 2);
	assert_int_equal(l.level, 6);
	assert_int_equal(l.ts_ns, 1500);
	assert_true(log_read(&seq, &l));
	assert_string_equal(l.text, "warning");
	assert_false(log_read(&seq, &l));
	log_clear();
	seq = log_start();
	assert_false(log_read(&seq, &l));
}

/* Far more than the ring holds (4 KiB on the host): the newest survive, in order. */
static void test_full_ring_drops_oldest(void **state)
{
	struct log_line l;
	char text[80];
	unsigned int i, last = 0, got = 0;
	u64 seq, first;

	log_clear();
	first = log_start();
	for (i = 0; i < 5000; i++) {
		int n = snprintf(text, sizeof(text), "line %u %.*s", i, (int)(i % 40), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");

		log_store(6, 0, i, text, (size_t)n);
	}
	seq = first;
	while (log_read(&seq, &l)) {
		unsigned int v;

		assert_int_equal(sscanf(l.text, "line %u", &v), 1);
		if (got)
			assert_int_equal(v, last + 1);	/* consecutive: nothing torn */
		else
			assert_true(l.seq > first);	/* the oldest were lost, and said so */
		last = v;
		got++;
	}
	assert_int_equal(last, 4999);
	assert_true(got > 20 && got < 5000);
}

static void test_long_line_cut(void **state)
{
	static char big[2000];
	struct log_line l;
	u64 seq;

	memset(big, 'y', sizeof(big));
	log_clear();
	seq = log_start();
	log_store(6, 0, 0, big, sizeof(big));
	assert_true(log_read(&seq, &l));
	assert_int_equal(l.len, LOG_LINE_MAX - 1);
	assert_int_equal(strlen(l.text), LOG_LINE_MAX - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order),
		cmocka_unit_test(test_full_ring_drops_oldest),
		cmocka_unit_test(test_long_line_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
