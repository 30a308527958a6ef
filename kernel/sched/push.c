/*
 * Balancing policy "periodic push": every SCHED_BALANCE_INTERVAL_MS the
 * tick of the lowest scheduling CPU compares runqueue lengths and moves
 * queued tasks from the busiest to the idlest CPU while the difference
 * exceeds SCHED_BALANCE_THRESHOLD (balance_push_round), kicking the
 * receiving CPU with IPI_RESCHEDULE when it idles. Runs in interrupt
 * context; the moves take two runqueue locks in ascending CPU id.
 */
#include "balance.h"
#include "internal.h"

#define INTERVAL_NS	(CONFIG_SCHED_BALANCE_INTERVAL_MS * 1000000ull)

static void push_tick(unsigned int cpu, u64 now_ns)
{
	struct runqueue *rq = cpu_rq(cpu);
	unsigned int nr[CONFIG_MAX_CPUS] = { 0 };
	cpumask_t cpus = sched_cpu_mask();
	unsigned int i;

	if (cpu != (unsigned int)__builtin_ctzll(cpus) || now_ns < rq->balance_next_ns)
		return;
	rq->balance_next_ns = now_ns + INTERVAL_NS;
	for (i = 0; i < CONFIG_MAX_CPUS; i++)
		if (cpus & BIT(i))
			nr[i] = sched_nr_running(i);
	balance_push_round(nr, cpus, CONFIG_SCHED_BALANCE_THRESHOLD, sched_move_tasks, NULL);
}

BALANCE_POLICY(push, "push", push_tick, NULL);
