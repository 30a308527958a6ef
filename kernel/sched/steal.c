/*
 * Balancing policy "idle work stealing": a CPU about to go idle (its
 * idle task, before each halt, so again on every tick while idle) takes
 * half of the busiest runqueue, of its own NUMA node first
 * (balance_steal_near). No periodic cost
 * on busy CPUs; the idle path takes one remote runqueue lock.
 */
#include <sis/numa.h>
#include "balance.h"
#include "internal.h"

static bool steal_idle(unsigned int cpu)
{
	cpumask_t cpus = sched_cpus_now();

	if (balance_steal_near(sched_load, &cpus, numa_node_cpus(cpu_to_node(cpu)), cpu,
			       sched_move_tasks, NULL)) {
		stat_add(&cpu_rq(cpu)->stats.steals, 1);
		return true;
	}
	return false;
}

/* Idle CPUs steal when they wake: each keeps its tick. */
static bool steal_idle_tick(unsigned int cpu)
{
	return true;
}

BALANCE_POLICY(steal, "steal", NULL, steal_idle, steal_idle_tick);
