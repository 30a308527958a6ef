/*
 * kernel/topology.c: logical CPUs from a firmware CPU list. The boot CPU
 * is always logical 0; the others follow in firmware order; duplicates,
 * disabled and online-capable entries are left out; MAX_CPUS (8 on the
 * host) caps the count; an empty list means the boot CPU alone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include <sis/firmware.h>
#include <sis/printk.h>
#include <sis/topology.h>

#include "host.h"

static struct fw_cpu list[FW_CPUS_MAX];
static u64 maxcpus;	/* the command line's maxcpus=, 0: not given */

/* kernel/cmdline.c stands in: only maxcpus= is asked. */
u64 cmdline_get_u64(const char *name, u64 def)
{
	return !strcmp(name, "maxcpus") && maxcpus ? maxcpus : def;
}

/* A list of n enabled CPUs with the given hardware ids. */
static unsigned int fill(const u64 *ids, unsigned int n)
{
	unsigned int i;

	memset(list, 0, sizeof(list));
	for (i = 0; i < n; i++) {
		list[i].hwid = ids[i];
		list[i].flags = FW_CPU_ENABLED;
	}
	return n;
}

static void expect_hwids(const u64 *want, unsigned int n)
{
	unsigned int i;

	assert_int_equal(nr_cpu_ids, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(percpu_of(i)->cpu, i);
		assert_int_equal(cpu_hwid(i), want[i]);
	}
}

static int setup(void **state)
{
	unsigned int i;

	host_log_clear();
	host_cpu_hwid = 0;
	maxcpus = 0;
	for (i = 0; i < CONFIG_MAX_CPUS; i++)
		memset(percpu_of(i), 0, sizeof(struct percpu));
	return 0;
}

static void test_qemu_four(void **state)
{
	const u64 ids[] = { 0, 1, 2, 3 };

	topology_init(list, fill(ids, 4), 0);
	expect_hwids(ids, 4);
	assert_non_null(strstr(host_log, "[SMP] CPUs detected: 4 (hwids=[0-3])"));
}

static void test_pi5_mpidrs(void **state)
{
	const u64 ids[] = { 0x000, 0x100, 0x200, 0x300 };

	topology_init(list, fill(ids, 4), 0);
	expect_hwids(ids, 4);
	assert_non_null(strstr(host_log, "hwids=[0,256,512,768]"));
}

static void test_boot_cpu_first(void **state)
{
	const u64 ids[] = { 5, 7, 2 };
	const u64 want[] = { 7, 5, 2 };

	host_cpu_hwid = 7;
	topology_init(list, fill(ids, 3), 0);
	expect_hwids(want, 3);
	assert_null(strstr(host_log, "not in the firmware's list"));
}

static void test_boot_cpu_not_listed(void **state)
{
	const u64 ids[] = { 1, 2, 3 };
	const u64 want[] = { 0, 1, 2, 3 };

	topology_init(list, fill(ids, 3), 0);
	expect_hwids(want, 4);
	assert_non_null(strstr(host_log, "[SMP] boot CPU (hwid=0) is not in the firmware's list; adding it"));
	assert_non_null(strstr(host_log, "CPUs detected: 4 (hwids=[1-3,0])"));
}

static void test_duplicates(void **state)
{
	const u64 ids[] = { 0, 1, 1, 2, 0 };
	const u64 want[] = { 0, 1, 2 };

	topology_init(list, fill(ids, 5), 0);
	expect_hwids(want, 3);
	assert_non_null(strstr(host_log, "firmware lists CPU hwid=1 twice; ignoring the second"));
	assert_non_null(strstr(host_log, "firmware lists CPU hwid=0 twice"));
}

static void test_more_than_max_cpus(void **state)
{
	u64 ids[12];
	unsigned int i;

	for (i = 0; i < 12; i++)
		ids[i] = 11 - i;	/* the boot CPU (0) is listed last */
	topology_init(list, fill(ids, 12), 0);
	assert_int_equal(nr_cpu_ids, CONFIG_MAX_CPUS);
	assert_int_equal(cpu_hwid(0), 0);
	for (i = 1; i < CONFIG_MAX_CPUS; i++)
		assert_int_equal(cpu_hwid(i), 12 - i);
	assert_non_null(strstr(host_log, "[SMP] 12 CPUs detected, MAX_CPUS=8: starting 8"));
}

static void test_disabled_and_online_capable(void **state)
{
	const u64 ids[] = { 0, 1, 2, 3 };
	const u64 want[] = { 0, 2 };

	fill(ids, 4);
	list[1].flags = 0;				/* disabled: not present */
	list[3].flags = FW_CPU_ONLINE_CAPABLE;		/* may come later: not now */
	topology_init(list, 4, 0);
	expect_hwids(want, 2);
	assert_non_null(strstr(host_log, "CPUs detected: 2 (hwids=[0,2])"));
}

static void test_empty_list(void **state)
{
	const u64 want[] = { 9 };

	host_cpu_hwid = 9;
	topology_init(list, 0, 0);
	expect_hwids(want, 1);
	assert_non_null(strstr(host_log, "no CPU list from firmware: booting on the boot CPU only"));
	assert_non_null(strstr(host_log, "CPUs detected: 1 (hwids=[9])"));
}

static void test_dropped_are_said(void **state)
{
	const u64 ids[] = { 0, 1 };

	topology_init(list, fill(ids, 2), 44);
	expect_hwids(ids, 2);
	assert_non_null(strstr(host_log, "CPUs detected: 46 (hwids=[0-1])"));
	assert_non_null(strstr(host_log, "firmware lists 44 more CPU(s) than the 512 its list holds"));
}

/*
 * A list too long for one line (every other id: no ranges) is split
 * between ids over lines of at most 200 characters, which together hold
 * the whole list, in order.
 */
static void test_long_list_split(void **state)
{
	static u64 ids[200];
	char want[2048] = "", got[2048] = "", *p, *end;
	unsigned int i, lines = 0;
	size_t len = 0;

	for (i = 0; i < 200; i++) {
		ids[i] = 2 * i;
		len += (size_t)snprintf(want + len, sizeof(want) - len, "%s%u", i ? "," : "", 2 * i);
	}
	topology_init(list, fill(ids, 200), 0);
	assert_non_null(strstr(host_log, "[SMP] CPUs detected: 200 (hwids: "));
	for (p = host_log; (p = strstr(p, "[SMP]   hwids ")); p = end) {
		p += strlen("[SMP]   hwids ");
		end = strchr(p, '\n');
		assert_non_null(end);
		assert_true(end - p <= 200);
		assert_true(end[-1] != ',');
		len = strlen(got);
		snprintf(got + len, sizeof(got) - len, "%s%.*s", len ? "," : "", (int)(end - p), p);
		lines++;
	}
	assert_true(lines >= 4);
	assert_string_equal(got, want);
}

static void test_maxcpus(void **state)
{
	const u64 ids[] = { 3, 0, 1, 2 };
	const u64 want[] = { 0, 3 };

	maxcpus = 2;
	topology_init(list, fill(ids, 4), 0);
	expect_hwids(want, 2);
	assert_non_null(strstr(host_log, "[SMP] maxcpus=2: starting 2 of 4"));
	host_log_clear();
	maxcpus = 1;
	topology_init(list, fill(ids, 4), 0);
	expect_hwids(want, 1);
	maxcpus = 99;		/* more than there are: all, quietly */
	host_log_clear();
	topology_init(list, fill(ids, 4), 0);
	assert_int_equal(nr_cpu_ids, 4);
	assert_null(strstr(host_log, "maxcpus"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_qemu_four, setup),
		cmocka_unit_test_setup(test_pi5_mpidrs, setup),
		cmocka_unit_test_setup(test_boot_cpu_first, setup),
		cmocka_unit_test_setup(test_boot_cpu_not_listed, setup),
		cmocka_unit_test_setup(test_duplicates, setup),
		cmocka_unit_test_setup(test_more_than_max_cpus, setup),
		cmocka_unit_test_setup(test_disabled_and_online_capable, setup),
		cmocka_unit_test_setup(test_empty_list, setup),
		cmocka_unit_test_setup(test_dropped_are_said, setup),
		cmocka_unit_test_setup(test_maxcpus, setup),
		cmocka_unit_test_setup(test_long_list_split, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
