/*
 * Balancing policy "idle work stealing": a CPU about to go idle (its
 * idle task, before each halt, so again on every tick while idle) takes
 * half of the busiest runqueue (balance_steal_round). No periodic cost
 * on busy CPUs; the idle path takes one remote runqueue lock.
 */
#include "balance.h"
#include "internal.h"

static bool steal_idle(unsigned int cpu)
{
	unsigned int nr[CONFIG_MAX_CPUS] = { 0 };
	cpumask_t cpus = sched_cpu_mask();
	unsigned int i;

	for (i = 0; i < CONFIG_MAX_CPUS; i++)
		if (cpus & BIT(i))
			nr[i] = sched_nr_running(i);
	if (balance_steal_round(nr, cpus, cpu, sched_move_tasks, NULL)) {
		stat_add(&cpu_rq(cpu)->stats.steals, 1);
		return true;
	}
	return false;
}

BALANCE_POLICY(steal, "steal", NULL, steal_idle);
