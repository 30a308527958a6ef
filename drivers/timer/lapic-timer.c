/*
 * The LAPIC timer as the per-CPU tick: periodic, divide by 16, vector
 * 0x20, CONFIG_SCHED_HZ. Its input clock (the APIC bus or core crystal)
 * is not given anywhere we can read, so init() measures it, and the TSC
 * with it, against PIT channel 2 over 10 ms windows.
 *
 * Under an emulator the boot CPU's thread may be descheduled inside a
 * window, which stretches both counts; a stretched window only ever
 * reads high, so the smallest of several windows is the best estimate.
 * The result must also be plausible and the windows must roughly agree,
 * else we say so and stop: a nonsense tick rate would break every
 * timeout in the kernel.
 */
#include <sis/acpi_tables.h>
#include <sis/arch.h>
#include <sis/clockevent.h>
#include <sis/errno.h>
#include <sis/irq.h>
#include <sis/panic.h>
#include <sis/printk.h>
#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/trap.h>
#include "pit.h"

#define WINDOW_US	10000
#define WINDOWS		5
#define WINDOWS_PER_S	(1000000 / WINDOW_US)
#define SPREAD_MAX_PCT	25		/* max - min, in percent of min */
#define APIC_HZ_MIN	1000000ull	/* after the divider */
#define APIC_HZ_MAX	2000000000ull
#define TSC_HZ_MIN	100000000ull
#define TSC_HZ_MAX	20000000000ull
#define PIT_GIVE_UP_TSC	5000000000ull	/* over a second at any plausible TSC rate */

static u64 apic_hz;	/* LAPIC timer ticks per second, after divide-by-16 */

struct window {
	u64 apic;
	u64 tsc;
};

/* One window: LAPIC count-down and TSC over one PIT countdown. */
static struct window measure_window(void)
{
	struct window w;
	u32 a0;
	u64 t0;

	lapic_write(APIC_TIMER_DIV, APIC_TIMER_DIV_16);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | VEC_TIMER);
	lapic_write(APIC_TIMER_INIT, 0xffffffff);
	/* Read both counters before the PIT starts: any delay only lengthens the window. */
	a0 = lapic_read(APIC_TIMER_CUR);
	t0 = arch_counter_read();
	pit_oneshot_start(WINDOW_US);
	while (!pit_oneshot_done())
		if (arch_counter_read() - t0 > PIT_GIVE_UP_TSC)
			break;	/* no PIT: the range check below reports it */
	w.apic = a0 - lapic_read(APIC_TIMER_CUR);
	w.tsc = arch_counter_read() - t0;
	lapic_write(APIC_TIMER_INIT, 0);
	return w;
}

static bool spread_ok(u64 min, u64 max)
{
	return (max - min) * 100 <= min * SPREAD_MAX_PCT;
}

static int calibrate(void)
{
	struct window w, lo = { ~0ull, ~0ull }, hi = { 0, 0 };
	unsigned int i;

	for (i = 0; i < WINDOWS; i++) {
		w = measure_window();
		lo.apic = MIN(lo.apic, w.apic);
		lo.tsc = MIN(lo.tsc, w.tsc);
		hi.apic = MAX(hi.apic, w.apic);
		hi.tsc = MAX(hi.tsc, w.tsc);
	}
	apic_hz = lo.apic * WINDOWS_PER_S;
	if (apic_hz < APIC_HZ_MIN || apic_hz > APIC_HZ_MAX ||
	    lo.tsc * WINDOWS_PER_S < TSC_HZ_MIN || lo.tsc * WINDOWS_PER_S > TSC_HZ_MAX) {
		pr_err("[APIC] timer calibration out of range: LAPIC %llu Hz, TSC %llu Hz\n",
		       (unsigned long long)apic_hz,
		       (unsigned long long)(lo.tsc * WINDOWS_PER_S));
		return -ERANGE;
	}
	if (!spread_ok(lo.apic, hi.apic) || !spread_ok(lo.tsc, hi.tsc))
		pr_warn("[APIC] calibration windows disagree (LAPIC %llu..%llu per 10 ms): using the smallest\n",
			(unsigned long long)lo.apic, (unsigned long long)hi.apic);
	x86_set_tsc_freq(lo.tsc * WINDOWS_PER_S);
	pr_info("[APIC] calibrated against the PIT: LAPIC timer input %llu Hz (divided by 16), TSC %llu Hz\n",
		(unsigned long long)apic_hz, (unsigned long long)(lo.tsc * WINDOWS_PER_S));
	return 0;
}

static void lapic_timer_tick(unsigned int vec, void *arg)
{
	tick_handle();
}

static int lapic_timer_init(const struct fw_device *dev)
{
	int err, tries;

	for (tries = 0; tries < 3; tries++) {
		err = calibrate();
		if (!err)
			break;
	}
	if (err)
		return err;
	return irq_register(VEC_TIMER, "timer", lapic_timer_tick, NULL);
}

static void lapic_timer_init_cpu(unsigned int cpu)
{
	lapic_write(APIC_TIMER_DIV, APIC_TIMER_DIV_16);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_PERIODIC | VEC_TIMER);
	lapic_write(APIC_TIMER_INIT, (u32)(apic_hz / CONFIG_SCHED_HZ));
	pr_info("[APIC] core%u timer @%dHz\n", cpu, CONFIG_SCHED_HZ);
}

static void lapic_timer_stop_cpu(unsigned int cpu)
{
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | VEC_TIMER);
	lapic_write(APIC_TIMER_INIT, 0);
}

/* Every local APIC has its timer: the class's fallback, as the LAPIC is. */
static const struct clockevent lapic_timer = {
	.match = {
		.name = "lapic-timer",
		.acpi = ACPI_SIG_MADT,
		.fallback = true,
	},
	.init = lapic_timer_init,
	.init_cpu = lapic_timer_init_cpu,
	.stop_cpu = lapic_timer_stop_cpu,
};

TIMER_DECLARE(lapic_timer);
