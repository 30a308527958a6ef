/*
 * The per-CPU tick: the platform timer calls tick_handle() on every CPU
 * that runs something. An idle CPU stops its tick (tickless idle) unless
 * the scheduler needs it there: tasks sleeping on its runqueue wake on
 * its tick, and a balancing policy may balance from it. Under TCG every
 * ticking idle vCPU costs the host a wake-up a tick; with hundreds of
 * them that, not the kernel, was what bring-up time grew with.
 *
 * tickless_off is written by timer_init ("nohz=off") and by
 * tick_set_tickless(), read by every CPU's idle task; percpu->tick_stopped
 * only by its own CPU, interrupts off.
 */
#include <sis/clockevent.h>
#include <sis/cmdline.h>
#include <sis/errno.h>
#include <sis/ipi.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/string.h>

static bool tickless_off;

/* "nohz=off" keeps every tick; "nohz=on" is the default. */
static void tick_parse_cmdline(void)
{
	char v[8];

	if (!cmdline_get("nohz", v, sizeof(v)))
		return;
	if (!strcmp(v, "off"))
		tickless_off = true;
	else if (strcmp(v, "on"))
		pr_warn("[TIMER] nohz=%s: expected on or off; idle CPUs stop their tick\n", v);
}

void timer_init(void)
{
	int err = platform.timer->init(platform.timer_dev);

	if (err)
		panic("timer %s failed to initialise (%s)", platform.timer->match.name,
		      err_name(err));
	tick_parse_cmdline();
	if (!IS_ENABLED(CONFIG_TICKLESS_IDLE) || !platform.timer->pause_cpu)
		pr_info("[TIMER] idle CPUs keep their tick (%s)\n",
			IS_ENABLED(CONFIG_TICKLESS_IDLE) ? "the timer cannot pause" :
			"CONFIG_TICKLESS_IDLE=n");
	else
		pr_info("[TIMER] tickless idle: %s\n", tickless_off ?
			"off (nohz=off), idle CPUs keep their tick" :
			"idle CPUs stop their tick when nothing needs it");
}

void timer_init_cpu(unsigned int cpu)
{
	platform.timer->init_cpu(cpu);
}

void timer_stop_cpu(unsigned int cpu)
{
	if (platform.timer->stop_cpu)
		platform.timer->stop_cpu(cpu);
}

bool tick_tickless(void)
{
	return IS_ENABLED(CONFIG_TICKLESS_IDLE) && platform.timer->pause_cpu &&
	       !READ_ONCE(tickless_off);
}

void tick_idle_enter(void)
{
	struct percpu *p = this_cpu();

	if (p->tick_stopped || !tick_tickless() || sched_idle_needs_tick(p->cpu))
		return;
	platform.timer->pause_cpu(p->cpu);
	p->tick_stopped = true;
	WRITE_ONCE(p->tick_stops, p->tick_stops + 1);
}

void tick_idle_exit(void)
{
	struct percpu *p = this_cpu();

	if (!p->tick_stopped)
		return;
	p->tick_stopped = false;
	platform.timer->resume_cpu(p->cpu);
}

void tick_set_tickless(bool on)
{
	cpumask_t others;

	store_release(&tickless_off, !on);
	if (on)
		return;
	/* Wake every idle CPU: the interrupt restarts its tick and it stays on. */
	cpumask_copy_atomic(&others, cpu_online_mask());
	cpumask_clear(&others, smp_processor_id());
	ipi_send_mask(&others, IPI_RESCHEDULE);
}

void tick_handle(void)
{
	struct percpu *p = this_cpu();

	/* Read by other CPUs (tests, statistics): one untorn store. */
	WRITE_ONCE(p->ticks, p->ticks + 1);
	sched_tick();		/* time slices, sleepers, periodic balancing */
}
