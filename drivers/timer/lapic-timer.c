/*
 * The LAPIC timer as the per-CPU tick: periodic, divide by 16, vector
 * 0x20, CONFIG_SCHED_HZ. Its input clock (the APIC bus or the core
 * crystal), and the TSC's rate with it, are learned in init() from the
 * best source the machine has:
 *
 *   1. CPUID leaves 0x15/0x16, when they state the rates (cpuid-clocks.c);
 *   2. else a measurement against the platform's calibration references
 *      (include/sis/refclock.h), best first: the HPET, the ACPI PM timer,
 *      the PIT. A reference that is missing or does not count is passed
 *      over, so a PC without a PIT boots.
 *
 * A measurement is WINDOWS windows of 10 ms of the reference. Each end of
 * a window is a bracketed sample (TSC, LAPIC count, reference, TSC),
 * taken a few times keeping the narrowest bracket, so an interruption
 * between the reads (an emulator's thread descheduled) is passed over
 * rather than measured. Rates come from the exact reference ticks between
 * the samples; the median window wins. The result must be plausible,
 * else the next attempt or reference is tried: a nonsense tick rate would
 * break every timeout in the kernel.
 */
#include <sis/acpi_tables.h>
#include <sis/arch.h>
#include <sis/clockevent.h>
#include <sis/errno.h>
#include <sis/irq.h>
#include <sis/printk.h>
#include <sis/refclock.h>
#include <asm/apic.h>
#include <asm/cpu.h>
#include <asm/trap.h>
#include "cpuid-clocks.h"
#include "lapic-timer.h"

#define WINDOW_US	10000
#define WINDOWS		5
#define ATTEMPTS	3		/* per reference */
#define SAMPLE_TRIES	5
#define SPREAD_MAX_PCT	25		/* max - min, in percent of min */
#define APIC_DIVIDER	16
#define APIC_HZ_MIN	1000000ull	/* after the divider */
#define APIC_HZ_MAX	2000000000ull
#define TSC_HZ_MIN	100000000ull
#define TSC_HZ_MAX	20000000000ull
#define GIVE_UP_TSC	5000000000ull	/* over a second at any plausible TSC rate */

static u64 apic_hz;	/* LAPIC timer ticks per second, after divide-by-16 */

struct rates {
	u64 apic, tsc;
};

/* The three counters read together: tsc is the middle of the narrowest bracket. */
struct sample {
	u64 ref, tsc;
	u32 apic;
};

static struct sample take_sample(const struct refclock *rc)
{
	struct sample s = { 0, 0, 0 };
	u64 best = ~0ull, t0, t1, r;
	unsigned int i;
	u32 a;

	for (i = 0; i < SAMPLE_TRIES; i++) {
		t0 = arch_counter_read();
		a = lapic_read(APIC_TIMER_CUR);
		r = rc->read();
		t1 = arch_counter_read();
		if (t1 - t0 < best) {
			best = t1 - t0;
			s = (struct sample){ .ref = r, .tsc = t0 + (t1 - t0) / 2, .apic = a };
		}
	}
	return s;
}

/* count per d reference ticks, as a rate at hz reference ticks per second. */
static u64 scale(u64 count, u64 hz, u64 d)
{
	return count / d * hz + count % d * hz / d;
}

/* One window of the reference: the LAPIC timer's and the TSC's rates. */
static int measure_window(const struct refclock *rc, const struct refclock_info *ri,
			  struct rates *out)
{
	u64 want = ri->hz * WINDOW_US / 1000000, start, d;
	struct sample s0, s1;

	lapic_write(APIC_TIMER_DIV, APIC_TIMER_DIV_16);
	lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | VEC_TIMER);
	lapic_write(APIC_TIMER_INIT, 0xffffffff);
	s0 = take_sample(rc);
	start = arch_counter_read();
	while (((rc->read() - s0.ref) & ri->mask) < want)
		if (arch_counter_read() - start > GIVE_UP_TSC)
			return -ETIMEDOUT;	/* the reference stopped */
	s1 = take_sample(rc);
	lapic_write(APIC_TIMER_INIT, 0);
	d = (s1.ref - s0.ref) & ri->mask;
	if (!d || !s1.apic)
		return -ERANGE;		/* no ticks, or the LAPIC count ran out */
	out->apic = scale(s0.apic - s1.apic, ri->hz, d);
	out->tsc = scale(s1.tsc - s0.tsc, ri->hz, d);
	return 0;
}

static void sort(u64 *v, unsigned int n)
{
	unsigned int i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u64 t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static bool plausible(const struct rates *r)
{
	return r->apic >= APIC_HZ_MIN && r->apic <= APIC_HZ_MAX &&
	       r->tsc >= TSC_HZ_MIN && r->tsc <= TSC_HZ_MAX;
}

/* WINDOWS windows against rc: the median rates, checked. */
static int measure(const struct refclock *rc, const struct refclock_info *ri, struct rates *out)
{
	u64 apic[WINDOWS], tsc[WINDOWS];
	struct rates w;
	unsigned int i;
	int err;

	for (i = 0; i < WINDOWS; i++) {
		err = measure_window(rc, ri, &w);
		if (err)
			return err;
		apic[i] = w.apic;
		tsc[i] = w.tsc;
	}
	sort(apic, WINDOWS);
	sort(tsc, WINDOWS);
	*out = (struct rates){ apic[WINDOWS / 2], tsc[WINDOWS / 2] };
	if (!plausible(out)) {
		pr_err("[APIC] calibration against the %s out of range: LAPIC %llu Hz, TSC %llu Hz\n",
		       rc->label, (unsigned long long)out->apic, (unsigned long long)out->tsc);
		return -ERANGE;
	}
	if ((apic[WINDOWS - 1] - apic[0]) * 100 > apic[0] * SPREAD_MAX_PCT)
		pr_warn("[APIC] calibration windows disagree (LAPIC %llu..%llu Hz): using the median\n",
			(unsigned long long)apic[0], (unsigned long long)apic[WINDOWS - 1]);
	return 0;
}

/* Calibrate against reference rc; 0, or the error that made it unusable. */
static int calibrate_against(const struct refclock *rc, const struct fw_device *dev,
			     struct rates *out)
{
	struct refclock_info ri = { 0, 0 };
	int err, tries;

	err = rc->init(dev, &ri);
	if (err)
		return err;
	for (tries = 0; tries < ATTEMPTS; tries++) {
		err = measure(rc, &ri, out);
		if (err != -ERANGE)
			break;
	}
	return err;
}

/* The rates CPUID states, when it states them and they are plausible. */
static int rates_from_cpuid(struct rates *out)
{
	struct cpuid_clock_leaves l = { .max_leaf = cpuid(0, 0).eax };
	u64 tsc, crystal;
	const char *why;
	int err;

	if (l.max_leaf >= 0x15) {
		struct cpuid_regs r = cpuid(0x15, 0);

		l.eax15 = r.eax, l.ebx15 = r.ebx, l.ecx15 = r.ecx;
	}
	if (l.max_leaf >= 0x16)
		l.eax16 = cpuid(0x16, 0).eax;
	err = cpuid_clocks(&l, &tsc, &crystal, &why);
	if (err) {
		if (why)
			pr_info("[APIC] %s: measuring against a reference counter\n", why);
		return err;
	}
	*out = (struct rates){ crystal / APIC_DIVIDER, tsc };
	if (!plausible(out)) {
		pr_warn("[APIC] CPUID's rates are out of range (crystal %llu Hz, TSC %llu Hz): measuring instead\n",
			(unsigned long long)crystal, (unsigned long long)tsc);
		return -ERANGE;
	}
	return 0;
}

/* CPUID's rates, else the first reference that gives good ones; the log names the source. */
static int calibrate(void)
{
	const struct fw_device *dev;
	const struct refclock *rc;
	const char *source = "CPUID 0x15 crystal";
	struct rates r;
	unsigned int n;
	int err = rates_from_cpuid(&r);

	for (n = 0; err && (rc = refclock_nth(n, &dev)) != NULL; n++) {
		err = calibrate_against(rc, dev, &r);
		source = rc->label;
		if (err)
			pr_warn("[APIC] cannot calibrate against the %s (%s): trying the next source\n",
				rc->label, err_name(err));
	}
	if (err) {
		pr_err("[APIC] no clock to calibrate the LAPIC timer against (CPUID, HPET, ACPI PM timer, PIT)\n");
		return -ENODEV;
	}
	apic_hz = r.apic;
	x86_set_tsc_freq(r.tsc);
	pr_info("[APIC] calibrated against the %s: LAPIC timer input %llu Hz (divided by 16), TSC %llu Hz\n",
		source, (unsigned long long)r.apic, (unsigned long long)r.tsc);
	return 0;
}

u64 lapic_timer_input_hz(void)
{
	return apic_hz;
}

static void lapic_timer_tick(unsigned int vec, void *arg)
{
	tick_handle();
}

static int lapic_timer_init(const struct fw_device *dev)
{
	int err = calibrate();

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

/* Tickless idle: an initial count of 0 stops the periodic count; a new one restarts it. */
static void lapic_timer_pause_cpu(unsigned int cpu)
{
	lapic_write(APIC_TIMER_INIT, 0);
}

static void lapic_timer_resume_cpu(unsigned int cpu)
{
	lapic_write(APIC_TIMER_INIT, (u32)(apic_hz / CONFIG_SCHED_HZ));
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
	.pause_cpu = lapic_timer_pause_cpu,
	.resume_cpu = lapic_timer_resume_cpu,
};

TIMER_DECLARE(lapic_timer);
