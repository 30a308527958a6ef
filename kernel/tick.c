/* The per-CPU tick: the platform timer calls tick_handle() on every CPU. */
#include <sis/clockevent.h>
#include <sis/errno.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/platform.h>
#include <sis/sched.h>

void timer_init(void)
{
	int err = platform.timer->init(platform.timer_dev);

	if (err)
		panic("timer %s failed to initialise (%s)", platform.timer->match.name,
		      err_name(err));
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

void tick_handle(void)
{
	struct percpu *p = this_cpu();

	/* Read by other CPUs (tests, statistics): one untorn store. */
	WRITE_ONCE(p->ticks, p->ticks + 1);
	sched_tick();		/* time slices, sleepers, periodic balancing */
}
