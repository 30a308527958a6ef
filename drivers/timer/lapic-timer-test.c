/*
 * KTAP suite "lapic_timer", run only when named: the LAPIC timer's
 * calibrated input rate, judged against the host's clock.
 *
 * Counting tick interrupts cannot judge it under an emulator: a tick its
 * vCPU thread misses (descheduled for a period) is lost, not late, and a
 * periodic count wraps every period. So the timer's own counter is read:
 * this CPU's timer runs one-shot and masked from 0xffffffff (over a
 * minute at any plausible rate) while LAPIC_SAMPLES lines are printed a
 * second apart,
 *
 *   [TICK] lapic sample N: elapsed=E hz=F
 *
 * E the counts since the first line, F the calibrated rate. The boot
 * test stamps each line as it arrives (tests/boot/bootlib.py) and demands
 * E per host second within 5% of F: the tick period, F / SCHED_HZ counts,
 * then lasts 1 / SCHED_HZ seconds within 5%. Every CPU must run its
 * periodic timer with that period, which the suite checks itself.
 */
#include <sis/ipi.h>
#include <sis/ktest.h>
#include <sis/percpu.h>
#include <sis/preempt.h>
#include <sis/printk.h>
#include <sis/smp.h>
#include <sis/time.h>
#include <asm/apic.h>
#include <asm/trap.h>
#include "lapic-timer.h"

#define LAPIC_SAMPLES	5

static u32 init_count[CONFIG_MAX_CPUS];

static void read_init_count(void *arg)
{
	init_count[smp_processor_id()] = lapic_read(APIC_TIMER_INIT);
}

static void test_same_period(struct ktest *t)
{
	u32 want = (u32)(lapic_timer_input_hz() / CONFIG_SCHED_HZ);
	unsigned int cpu;

	smp_call_function_many(cpu_online_mask(), read_init_count, NULL, true);
	for (cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++)
		if (cpu_is_online(cpu))
			KTEST_EXPECT_EQ(t, init_count[cpu], want);
}

static void test_input_rate(struct ktest *t)
{
	u64 hz = lapic_timer_input_hz();
	u32 lvt, init, start, elapsed = 0;
	unsigned int n;

	/* Stay on this CPU: its tick stops while the timer counts one-shot. */
	preempt_disable();
	lvt = lapic_read(APIC_LVT_TIMER);
	init = lapic_read(APIC_TIMER_INIT);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | VEC_TIMER);
	lapic_write(APIC_TIMER_INIT, 0xffffffff);
	start = lapic_read(APIC_TIMER_CUR);
	for (n = 0; n < LAPIC_SAMPLES; n++) {
		if (n)
			mdelay(1000);
		elapsed = start - lapic_read(APIC_TIMER_CUR);
		pr_info("[TICK] lapic sample %u: elapsed=%u hz=%llu\n", n, elapsed,
			(unsigned long long)hz);
	}
	lapic_write(APIC_LVT_TIMER, lvt);
	lapic_write(APIC_TIMER_INIT, init);
	preempt_enable();
	KTEST_EXPECT(t, elapsed > 0);
}

KTEST_SUITE_EXPLICIT(lapic_timer, KTEST_CASE(test_same_period), KTEST_CASE(test_input_rate));
