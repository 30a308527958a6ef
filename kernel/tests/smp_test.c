/*
 * KTAP suite "smp": what bring-up promises. Every CPU firmware listed
 * (up to MAX_CPUS) is online, and the hardware id each CPU reads from
 * its own register is the one its logical id maps to and one the
 * firmware's table lists; every CPU takes timer ticks, an IPI from every
 * CPU to every other arrives, and a cross-call runs exactly once on
 * each CPU.
 */
#include <sis/cmdline.h>
#include <sis/firmware.h>
#include <sis/ipi.h>
#include <sis/ktest.h>
#include <sis/mm.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/preempt.h>
#include <sis/smp.h>
#include <sis/string.h>
#include <sis/time.h>
#include <sis/tlb.h>
#include <sis/topology.h>

#define WAIT_MS 2000

static u64 seen_hwid[CONFIG_MAX_CPUS];
static int call_count[CONFIG_MAX_CPUS];

static void record_hwid(void *arg)
{
	seen_hwid[smp_processor_id()] = arch_cpu_hwid();
}

/* Enabled entries of the firmware's CPU list with hardware id hwid. */
static unsigned int fw_count(u64 hwid)
{
	unsigned int n, i, count = 0;
	const struct fw_cpu *fw = platform_fw_cpus(&n);

	for (i = 0; i < n; i++)
		count += (fw[i].flags & FW_CPU_ENABLED) && fw[i].hwid == hwid;
	return count;
}

/* Distinct hardware ids the firmware lists as enabled. */
static unsigned int fw_distinct(void)
{
	unsigned int n, i, j, distinct = 0;
	const struct fw_cpu *fw = platform_fw_cpus(&n);

	for (i = 0; i < n; i++) {
		bool earlier = false;

		if (!(fw[i].flags & FW_CPU_ENABLED))
			continue;
		for (j = 0; j < i; j++)
			earlier |= (fw[j].flags & FW_CPU_ENABLED) && fw[j].hwid == fw[i].hwid;
		distinct += !earlier;
	}
	return distinct;
}

static void test_cpus_online(struct ktest *t)
{
	unsigned int cpu, other, boot_missing;

	KTEST_EXPECT_EQ(t, num_online_cpus(), nr_cpu_ids);
	memset(seen_hwid, 0xff, sizeof(seen_hwid));
	smp_call_function_many(cpu_online_mask(), record_hwid, NULL, true);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		KTEST_EXPECT(t, cpu_is_online(cpu));
		KTEST_EXPECT_EQ(t, percpu_of(cpu)->cpu, cpu);
		/* What the CPU reads from its own register is what its logical id maps to, */
		KTEST_EXPECT_EQ(t, seen_hwid[cpu], cpu_hwid(cpu));
		for (other = 0; other < cpu; other++)
			KTEST_EXPECT(t, seen_hwid[other] != seen_hwid[cpu]);
		/* and the firmware's table lists it once (only the boot CPU may be missing). */
		KTEST_EXPECT(t, fw_count(seen_hwid[cpu]) == 1 ||
				(cpu == 0 && fw_count(seen_hwid[cpu]) == 0));
	}
	/* Every CPU the table lists is online, up to MAX_CPUS and maxcpus=. */
	boot_missing = fw_count(seen_hwid[0]) == 0;
	KTEST_EXPECT_EQ(t, nr_cpu_ids, MIN(MIN(fw_distinct() + boot_missing,
					       (unsigned int)CONFIG_MAX_CPUS),
					   (unsigned int)MAX(cmdline_get_u64("maxcpus", ~0u), 1ull)));
}

static void count_call(void *arg)
{
	__atomic_add_fetch(&call_count[smp_processor_id()], 1, __ATOMIC_RELAXED);
}

static void test_cross_call_once(struct ktest *t)
{
	unsigned int cpu, round;

	for (round = 0; round < 50; round++) {
		memset(call_count, 0, sizeof(call_count));
		smp_call_function_many(cpu_online_mask(), count_call, NULL, true);
		for (cpu = 0; cpu < nr_cpu_ids; cpu++)
			if (!KTEST_EXPECT_EQ(t, load_acquire(&call_count[cpu]), 1))
				return;
	}
}

static void test_timer_ticks(struct ktest *t)
{
	u64 before[CONFIG_MAX_CPUS];
	unsigned int cpu, n = nr_cpu_ids;
	u64 start = time_ns();

	for (cpu = 0; cpu < n; cpu++)
		before[cpu] = READ_ONCE(percpu_of(cpu)->ticks);
	/* Wait until every CPU ticked at least twice, or give up. */
	for (cpu = 0; cpu < n; cpu++)
		while (READ_ONCE(percpu_of(cpu)->ticks) < before[cpu] + 2 &&
		       time_ns() - start < WAIT_MS * 1000000ull)
			arch_cpu_relax();
	for (cpu = 0; cpu < n; cpu++) {
		u64 got = READ_ONCE(percpu_of(cpu)->ticks) - before[cpu];

		ktest_log(t, "core%u: %llu ticks", cpu, (unsigned long long)got);
		KTEST_EXPECT(t, got >= 2);
	}
}

/*
 * All-pairs IPIs. A sender sets pending[dst][src] and then sends
 * IPI_TEST; the receiver's handler claims every pending flag addressed
 * to it. Flags, not interrupt counts: two IPIs of one vector that arrive
 * together may be delivered as one interrupt (x86 IRR), and that must
 * not lose a pair.
 */
static int pending[CONFIG_MAX_CPUS][CONFIG_MAX_CPUS];
static int arrived[CONFIG_MAX_CPUS][CONFIG_MAX_CPUS];

static void ipi_test_handler(void)
{
	unsigned int me = smp_processor_id(), src;

	for (src = 0; src < CONFIG_MAX_CPUS; src++)
		if (__atomic_exchange_n(&pending[me][src], 0, __ATOMIC_ACQ_REL))
			__atomic_add_fetch(&arrived[me][src], 1, __ATOMIC_RELAXED);
}

static void send_to_all_others(void *arg)
{
	unsigned int me = smp_processor_id(), dst;

	for (dst = 0; dst < nr_cpu_ids; dst++) {
		if (dst == me)
			continue;
		store_release(&pending[dst][me], 1);
		ipi_send(dst, IPI_TEST);
	}
}

static unsigned int pairs_arrived(void)
{
	unsigned int i, j, n = 0;

	for (i = 0; i < nr_cpu_ids; i++)
		for (j = 0; j < nr_cpu_ids; j++)
			n += i != j && load_acquire(&arrived[i][j]) == 1;
	return n;
}

static void test_ipi_all_pairs(struct ktest *t)
{
	unsigned int n = nr_cpu_ids, i, j;
	u64 start;

	memset(pending, 0, sizeof(pending));
	memset(arrived, 0, sizeof(arrived));
	ipi_set_test_handler(ipi_test_handler);
	smp_call_function_many(cpu_online_mask(), send_to_all_others, NULL, true);
	start = time_ns();
	while (pairs_arrived() < n * (n - 1) && time_ns() - start < WAIT_MS * 1000000ull)
		arch_cpu_relax();
	ipi_set_test_handler(NULL);
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			if (i != j && load_acquire(&arrived[i][j]) != 1)
				ktest_log(t, "IPI core%u -> core%u: arrived %d times", j, i,
					  arrived[i][j]);
	KTEST_EXPECT_EQ(t, pairs_arrived(), n * (n - 1));
}

/*
 * A kernel TLB shootdown reaches every online CPU exactly once (x86, by
 * cross-call), or is one broadcast invalidation (arm64); and a stack
 * guard page made while every CPU runs goes through it.
 */
static void test_tlb_shootdown(struct ktest *t)
{
	u64 before[CONFIG_MAX_CPUS];
	unsigned int cpu, n = nr_cpu_ids;
	void *stack;

	preempt_disable();
	for (cpu = 0; cpu < n; cpu++)
		before[cpu] = READ_ONCE(percpu_of(cpu)->tlb_flushes);
	tlb_flush_kernel_range((uintptr_t)before, sizeof(before));
	for (cpu = 0; cpu < n; cpu++) {
		/* broadcast: one TLBI on this CPU; else one flush on each CPU */
		u64 want = before[cpu] + (ARCH_TLB_BROADCAST ? cpu == smp_processor_id() : 1);

		KTEST_EXPECT_EQ(t, READ_ONCE(percpu_of(cpu)->tlb_flushes), want);
	}
	preempt_enable();
	stack = stack_alloc(4 * PAGE_SIZE);
	KTEST_EXPECT(t, stack != NULL);
	if (!ARCH_TLB_BROADCAST)
		for (cpu = 0; cpu < n; cpu++)
			KTEST_EXPECT(t, READ_ONCE(percpu_of(cpu)->tlb_flushes) > before[cpu] + 1);
}

KTEST_SUITE(smp,
	KTEST_CASE(test_cpus_online),
	KTEST_CASE(test_cross_call_once),
	KTEST_CASE(test_timer_ticks),
	KTEST_CASE(test_ipi_all_pairs),
	KTEST_CASE(test_tlb_shootdown));
