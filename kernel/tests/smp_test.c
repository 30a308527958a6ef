/*
 * KTAP suite "smp": what bring-up promises. Every CPU firmware listed
 * (up to MAX_CPUS) is online, and the hardware id each CPU reads from
 * its own register is the one its logical id maps to and one the
 * firmware's table lists; every CPU takes timer ticks, an IPI from every
 * CPU to every other arrives, and a cross-call runs exactly once on
 * each CPU.
 */
#include <sis/clockevent.h>
#include <sis/cmdline.h>
#include <sis/firmware.h>
#include <sis/ipi.h>
#include <sis/ktest.h>
#include <sis/mm.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/preempt.h>
#include <sis/sched.h>
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

/*
 * Every CPU's timer interrupt fires. Idle CPUs stop their tick
 * (tickless idle): it is kept on for the test, so each one ticks.
 */
static void test_timer_ticks(struct ktest *t)
{
	static u64 before[CONFIG_MAX_CPUS];	/* 4 KiB at 512 CPUs: not on the stack */
	unsigned int cpu, n = nr_cpu_ids;
	bool tickless = tick_tickless();
	u64 start;

	tick_set_tickless(false);
	start = time_ns();
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
	tick_set_tickless(tickless);
}

static int spin_ms(void *arg)
{
	u64 end = time_ns() + (uintptr_t)arg * 1000000ull;

	while (time_ns() < end)
		arch_cpu_relax();
	return 0;
}

/*
 * Tickless idle: an idle CPU that nothing needs (not the balancer, no
 * sleepers) stops its tick, taking far fewer than SCHED_HZ ticks a
 * second; given work it ticks again while it runs.
 */
static void test_tickless_idle(struct ktest *t)
{
	const unsigned int ms = 300, hz_ticks = CONFIG_SCHED_HZ * ms / 1000;
	unsigned int cpu = nr_cpu_ids - 1;
	u64 ticks, stops;
	struct task *busy;

	if (!tick_tickless()) {
		ktest_skip(t, "tickless idle is off");
		return;
	}
	if (nr_cpu_ids < 2 || cpu == smp_processor_id() || sched_idle_needs_tick(cpu)) {
		ktest_skip(t, "no CPU here that may idle without its tick");
		return;
	}
	stops = READ_ONCE(percpu_of(cpu)->tick_stops);
	ticks = READ_ONCE(percpu_of(cpu)->ticks);
	sleep_ms(ms);
	ticks = READ_ONCE(percpu_of(cpu)->ticks) - ticks;
	ktest_log(t, "idle core%u: %llu ticks in %u ms (%u with its tick on), %llu stops", cpu,
		  (unsigned long long)ticks, ms, hz_ticks,
		  (unsigned long long)(READ_ONCE(percpu_of(cpu)->tick_stops) - stops));
	KTEST_EXPECT(t, ticks < hz_ticks / 2);
	ticks = READ_ONCE(percpu_of(cpu)->ticks);
	busy = task_create_on("busy", spin_ms, (void *)(uintptr_t)ms, SCHED_PRIO_DEFAULT, cpu);
	if (!KTEST_EXPECT(t, busy != NULL))
		return;
	task_join(busy);
	ticks = READ_ONCE(percpu_of(cpu)->ticks) - ticks;
	ktest_log(t, "busy core%u: %llu ticks in %u ms", cpu, (unsigned long long)ticks, ms);
	KTEST_EXPECT(t, ticks >= hz_ticks / 2);
}

/*
 * IPIs between pairs of CPUs. Each CPU sends IPI_TEST to the CPUs at
 * offsets off[0..nr_off-1] from it (modulo n): every other CPU when
 * there are at most PAIRS_ALL + 1 CPUs, else PAIRS_SAMPLE offsets spread
 * over the whole range, so that every CPU still sends and receives
 * PAIRS_SAMPLE IPIs and ids far apart (x2APIC ids past 255) are paired,
 * without n * n interrupts on a 512-CPU machine. A sender sets
 * pending[dst][k] and then sends; the receiver's handler claims every
 * pending flag addressed to it. Flags, not interrupt counts: two IPIs of
 * one vector that arrive together may be delivered as one interrupt (x86
 * IRR), and that must not lose a pair.
 */
#define PAIRS_ALL	63
#define PAIRS_SAMPLE	16

static struct {
	unsigned int n, nr_off;
	unsigned int off[PAIRS_ALL];
	int *pending, *arrived;		/* [dst * nr_off + k] */
} pairs;

static void ipi_test_handler(void)
{
	unsigned int me = smp_processor_id(), k;
	int *cell;

	if (me >= pairs.n)
		return;
	for (k = 0; k < pairs.nr_off; k++) {
		cell = &pairs.pending[me * pairs.nr_off + k];
		if (__atomic_exchange_n(cell, 0, __ATOMIC_ACQ_REL))
			__atomic_add_fetch(&pairs.arrived[me * pairs.nr_off + k], 1,
					   __ATOMIC_RELAXED);
	}
}

static void send_to_others(void *arg)
{
	unsigned int me = smp_processor_id(), k, dst;

	for (k = 0; k < pairs.nr_off; k++) {
		dst = (me + pairs.off[k]) % pairs.n;
		store_release(&pairs.pending[dst * pairs.nr_off + k], 1);
		ipi_send(dst, IPI_TEST);
	}
}

static unsigned int pairs_arrived(void)
{
	unsigned int i, got = 0;

	for (i = 0; i < pairs.n * pairs.nr_off; i++)
		got += load_acquire(&pairs.arrived[i]) == 1;
	return got;
}

/* The offsets for n CPUs; the flag arrays; false when out of memory. */
static bool pairs_setup(unsigned int n, size_t *pages)
{
	unsigned int k;

	pairs.n = n;
	pairs.nr_off = n - 1 <= PAIRS_ALL ? n - 1 : PAIRS_SAMPLE;
	for (k = 0; k < pairs.nr_off; k++)
		pairs.off[k] = n - 1 <= PAIRS_ALL ? k + 1 : 1 + k * (n - 1) / PAIRS_SAMPLE;
	*pages = (2 * n * pairs.nr_off * sizeof(int) + PAGE_SIZE - 1) / PAGE_SIZE;
	pairs.pending = page_alloc(*pages ? *pages : 1);
	if (!pairs.pending)
		return false;
	memset(pairs.pending, 0, (*pages ? *pages : 1) * PAGE_SIZE);
	pairs.arrived = pairs.pending + n * pairs.nr_off;
	return true;
}

static void test_ipi_all_pairs(struct ktest *t)
{
	unsigned int n = nr_cpu_ids, i, k, want;
	size_t pages;
	u64 start;

	if (!KTEST_EXPECT(t, pairs_setup(n, &pages)))
		return;
	want = n * pairs.nr_off;
	if (pairs.nr_off < n - 1)
		ktest_log(t, "%u CPUs: %u offsets per CPU, %u pairs of %u", n, pairs.nr_off,
			  want, n * (n - 1));
	ipi_set_test_handler(ipi_test_handler);
	smp_call_function_many(cpu_online_mask(), send_to_others, NULL, true);
	start = time_ns();
	while (pairs_arrived() < want && time_ns() - start < WAIT_MS * 1000000ull)
		arch_cpu_relax();
	ipi_set_test_handler(NULL);
	for (i = 0; i < n; i++)
		for (k = 0; k < pairs.nr_off; k++)
			if (load_acquire(&pairs.arrived[i * pairs.nr_off + k]) != 1)
				ktest_log(t, "IPI core%u -> core%u: arrived %d times",
					  (i + n - pairs.off[k]) % n, i,
					  pairs.arrived[i * pairs.nr_off + k]);
	KTEST_EXPECT_EQ(t, pairs_arrived(), want);
	page_free(pairs.pending, pages ? pages : 1);
}

/*
 * A kernel TLB shootdown reaches every online CPU exactly once (x86, by
 * cross-call), or is one broadcast invalidation (arm64); and a stack
 * guard page made while every CPU runs goes through it.
 */
static void test_tlb_shootdown(struct ktest *t)
{
	static u64 before[CONFIG_MAX_CPUS];	/* 4 KiB at 512 CPUs: not on the stack */
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
	KTEST_CASE(test_tickless_idle),
	KTEST_CASE(test_ipi_all_pairs),
	KTEST_CASE(test_tlb_shootdown));
