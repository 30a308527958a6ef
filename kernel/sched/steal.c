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
	cpumask_t cpus = sched_cpus_now();

	if (balance_steal_round(sched_load, &cpus, cpu, sched_move_tasks, NULL)) {
		stat_add(&cpu_rq(cpu)->stats.steals, 1);
		return true;
	}
	return false;
}

BALANCE_POLICY(steal, "steal", NULL, steal_idle);
