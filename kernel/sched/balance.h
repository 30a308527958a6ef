/*
 * The balancing decisions as pure functions over runqueue lengths and
 * CPU masks (kernel/sched/balance.c), so that the host unit tests
 * (tests/unit/test_balance.c) run the very code the kernel runs. The
 * kernel's policy files feed them the runqueue lengths (a load callback,
 * or a snapshot array for the periodic push) and a move callback that
 * migrates real tasks. Costs grow with the number of CPUs in the mask:
 * linearly for placement and stealing, n log n for a push round.
 *
 * Why they cannot ping-pong: a plan moves at most half the difference
 * between its source and its destination, and only when that difference
 * is at least 2, so after any move the source is still at least as
 * loaded as the destination. Push moves only from above a CPU's share
 * to below another's, so no CPU both gives and takes; stealing only ever
 * fills an idle CPU.
 * So a task never goes back to a CPU it left while the load stays put.
 */
#ifndef SCHED_BALANCE_H
#define SCHED_BALANCE_H

#include <sis/cpumask.h>
#include <sis/types.h>

#define BALANCE_NO_CPU	(-1)

/* The load (queued + running tasks) of cpu now. */
typedef unsigned int (*balance_load_fn)(unsigned int cpu, void *ctx);

/*
 * Moves up to count movable tasks from src to dst and returns how many
 * moved (a task moves only if its affinity allows dst and it is not
 * running). With nr (the push's snapshot) it updates nr[] and may refuse
 * (return 0, refreshing nr[src] and nr[dst]) when the lengths it was
 * planned on are stale; nr may be NULL.
 */
typedef unsigned int (*balance_move_fn)(unsigned int src, unsigned int dst,
					unsigned int count, unsigned int *nr, void *ctx);

/*
 * Placement: the least-loaded CPU of allowed; ties go to prefer when it
 * is allowed, then to the lowest id. BALANCE_NO_CPU if allowed is empty.
 */
int balance_place(balance_load_fn load, void *ctx, const cpumask_t *allowed, int prefer);

/* The push's working arrays, indexed by CPU: the caller's (no large stack frames). */
struct balance_scratch {
	unsigned int nr[CONFIG_MAX_CPUS];	/* runqueue lengths: filled by the caller */
	unsigned int target[CONFIG_MAX_CPUS];
	unsigned int order[CONFIG_MAX_CPUS];
};

/*
 * Periodic push: when the busiest and the idlest CPU of cpus differ by
 * more than threshold, move tasks from CPUs above their share of the
 * load to CPUs below it until every CPU holds its share (the even split,
 * within one). Givers never go below their share, takers never above, so
 * no CPU both gives and takes. A source that cannot give anything (its
 * tasks are pinned, or move() found the figures stale) is left out and
 * the shares recomputed without it. s->nr holds the lengths of cpus.
 * Returns the tasks moved.
 */
unsigned int balance_push_round(struct balance_scratch *s, const cpumask_t *cpus,
				unsigned int threshold, balance_move_fn move, void *ctx);

/*
 * Idle stealing: self has nothing to run; take half of the busiest
 * runqueue of cpus (busiest first, the next busiest if nothing there may
 * come). Returns the tasks moved.
 */
unsigned int balance_steal_round(balance_load_fn load, const cpumask_t *cpus, unsigned int self,
				 balance_move_fn move, void *ctx);

/*
 * NUMA: the same decisions, within the node first. local is the CPUs of
 * one node (the preferred CPU's, or the stealing CPU's); on a machine of
 * one node it holds every CPU and these are the plain rounds.
 *
 * Placement stays in local unless a CPU elsewhere has at least
 * BALANCE_NUMA_MARGIN fewer tasks than the best local one (a task's
 * memory and cache stay close while the load is near even). Stealing
 * takes from local before it looks further. The push evens out each node
 * and only then the whole machine, with the threshold raised by the
 * margin, so tasks cross nodes only for a real imbalance.
 */
#define BALANCE_NUMA_MARGIN	2

int balance_place_near(balance_load_fn load, void *ctx, const cpumask_t *allowed,
		       const cpumask_t *local, int prefer);
unsigned int balance_steal_near(balance_load_fn load, const cpumask_t *cpus,
				const cpumask_t *local, unsigned int self,
				balance_move_fn move, void *ctx);
/* nodes[i] (i < nr_nodes): each node's CPUs; s->nr holds the lengths of cpus. */
unsigned int balance_push_nodes(struct balance_scratch *s, const cpumask_t *cpus,
				const cpumask_t *nodes, unsigned int nr_nodes,
				unsigned int threshold, balance_move_fn move, void *ctx);

#endif /* SCHED_BALANCE_H */
