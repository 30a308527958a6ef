/*
 * Balancing policy "periodic push": every SCHED_BALANCE_INTERVAL_MS the
 * tick of the lowest scheduling CPU compares runqueue lengths and moves
 * queued tasks from the busiest to the idlest CPU while the difference
 * exceeds SCHED_BALANCE_THRESHOLD, within each NUMA node and then across
 * nodes (balance_push_nodes), kicking the
 * receiving CPU with IPI_RESCHEDULE when it idles. Runs in interrupt
 * context; the moves take two runqueue locks in ascending CPU id.
 */
#include <sis/numa.h>
#include "balance.h"
#include "internal.h"

#define INTERVAL_NS	(CONFIG_SCHED_BALANCE_INTERVAL_MS * 1000000ull)

/* The round's arrays: only the lowest scheduling CPU (CPU 0, which never goes offline) uses them. */
static struct balance_scratch scratch;

static void push_tick(unsigned int cpu, u64 now_ns)
{
	struct runqueue *rq = cpu_rq(cpu);
	cpumask_t cpus = sched_cpus_now();
	unsigned int i;

	if (cpu != cpumask_first(&cpus) || now_ns < rq->balance_next_ns)
		return;
	rq->balance_next_ns = now_ns + INTERVAL_NS;
	for_each_cpu(i, &cpus)
		scratch.nr[i] = sched_nr_running(i);
	balance_push_nodes(&scratch, &cpus, numa_node_masks(), numa_nr_nodes(),
			   CONFIG_SCHED_BALANCE_THRESHOLD, sched_move_tasks, NULL);
}

/* The balancing CPU keeps its tick when idle: the push runs from it. */
static bool push_idle_tick(unsigned int cpu)
{
	cpumask_t cpus = sched_cpus_now();

	return cpu == cpumask_first(&cpus);
}

BALANCE_POLICY(push, "push", push_tick, NULL, push_idle_tick);
