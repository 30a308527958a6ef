/*
 * KTAP suite "tick_rate", run only when named: the tick's rate, judged
 * against the host's clock. The kernel cannot judge its own clocks (an
 * error in the calibration is in every measure it has), so the suite
 * prints a line at the start and after each second, for TICK_SAMPLES
 * lines:
 *
 *   [TICK] sample N: ns=T ticks=C0,C1,...
 *
 * with time_ns() (the TSC / CNTVCT) and each online CPU's tick count, and
 * the boot test stamps each line as it arrives on the host
 * (tests/boot/bootlib.py tick_rate_check): every CPU must tick at
 * SCHED_HZ and the clock run at the host's pace, within 5%. Here the
 * suite fails only when a CPU took no tick at all. Idle CPUs keep their
 * tick for the suite (tickless idle off, then as it was).
 */
#include <sis/clockevent.h>
#include <sis/ktest.h>
#include <sis/percpu.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/time.h>

#define TICK_SAMPLES	5
#define TICK_LINE_MAX	400

static void print_sample(unsigned int n, u64 *ticks)
{
	char buf[TICK_LINE_MAX];
	unsigned int cpu, len = 0;

	buf[0] = '\0';
	for (cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++) {
		if (!cpu_is_online(cpu))
			continue;
		ticks[cpu] = READ_ONCE(percpu_of(cpu)->ticks);
		len += snprintf(buf + len, sizeof(buf) - len, "%s%llu", len ? "," : "",
				(unsigned long long)ticks[cpu]);
		if (len >= sizeof(buf))
			break;
	}
	pr_info("[TICK] sample %u: ns=%llu ticks=%s\n", n, (unsigned long long)time_ns(), buf);
}

static void test_tick_rate(struct ktest *t)
{
	static u64 first[CONFIG_MAX_CPUS], last[CONFIG_MAX_CPUS];
	bool tickless = tick_tickless();
	unsigned int n, cpu;

	tick_set_tickless(false);	/* the rate of the tick: idle CPUs keep theirs */
	sleep_ms(20);
	print_sample(0, first);
	for (n = 1; n < TICK_SAMPLES; n++) {
		sleep_ms(1000);
		print_sample(n, last);
	}
	for (cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++) {
		if (!cpu_is_online(cpu))
			continue;
		if (last[cpu] == first[cpu])
			ktest_log(t, "CPU %u took no tick in %u s", cpu, TICK_SAMPLES - 1);
		KTEST_EXPECT(t, last[cpu] > first[cpu]);
	}
	tick_set_tickless(tickless);
}

KTEST_SUITE_EXPLICIT(tick_rate, KTEST_CASE(test_tick_rate));
