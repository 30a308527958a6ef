/*
 * Balancing decisions (see balance.h): plain C over masks and arrays, no
 * locks and no hardware, compiled into the kernel and into the host
 * unit tests.
 */
#include "balance.h"

#define MAX_ROUNDS	64	/* bounds a round even if move() misbehaves */

static unsigned int min_u(unsigned int a, unsigned int b)
{
	return a < b ? a : b;
}

int balance_place(balance_load_fn load, void *ctx, const cpumask_t *allowed, int prefer)
{
	unsigned int cpu, n, best_n = 0;
	int best = BALANCE_NO_CPU;

	for_each_cpu(cpu, allowed) {
		n = load(cpu, ctx);
		if (best == BALANCE_NO_CPU || n < best_n || (n == best_n && (int)cpu == prefer)) {
			best = (int)cpu;
			best_n = n;
		}
	}
	return best;
}

static unsigned int nr_load(unsigned int cpu, void *ctx)
{
	return ((const unsigned int *)ctx)[cpu];
}

/* The busiest CPU of cpus (lowest id on ties), or BALANCE_NO_CPU. */
static int busiest_of(balance_load_fn load, void *ctx, const cpumask_t *cpus)
{
	unsigned int cpu, n, best_n = 0;
	int best = BALANCE_NO_CPU;

	for_each_cpu(cpu, cpus) {
		n = load(cpu, ctx);
		if (best == BALANCE_NO_CPU || n > best_n) {
			best = (int)cpu;
			best_n = n;
		}
	}
	return best;
}

/* order[a] goes before order[b]: busier, then the lower id. */
static bool before(const unsigned int *nr, unsigned int a, unsigned int b)
{
	return nr[a] > nr[b] || (nr[a] == nr[b] && a < b);
}

/* Heapsort of order[0..n) by before(): O(n log n), no recursion, no memory. */
static void sift(const unsigned int *nr, unsigned int *order, unsigned int i, unsigned int n)
{
	unsigned int child, tmp;

	for (; (child = 2 * i + 1) < n; i = child) {
		if (child + 1 < n && before(nr, order[child], order[child + 1]))
			child++;
		if (!before(nr, order[i], order[child]))
			return;
		tmp = order[i];
		order[i] = order[child];
		order[child] = tmp;
	}
}

static void sort_busiest_first(const unsigned int *nr, unsigned int *order, unsigned int n)
{
	unsigned int i, tmp;

	/* A max-heap on "after", so the sorted array ends with the latest: busiest first. */
	for (i = n / 2; i-- > 0;)
		sift(nr, order, i, n);
	for (i = n; i-- > 1;) {
		tmp = order[0];
		order[0] = order[i];
		order[i] = tmp;
		sift(nr, order, 0, i);
	}
}

/*
 * Each CPU's target: the even share of cpus' load, rounded down, plus one
 * for the remainder, which goes to the most loaded CPUs (they keep it
 * instead of moving it around).
 */
static void push_targets(struct balance_scratch *s, const cpumask_t *cpus)
{
	unsigned int total = 0, n = 0, extra, i, cpu;

	for_each_cpu(cpu, cpus) {
		total += s->nr[cpu];
		s->order[n++] = cpu;
	}
	if (!n)
		return;
	sort_busiest_first(s->nr, s->order, n);
	extra = total % n;
	for (i = 0; i < n; i++)
		s->target[s->order[i]] = total / n + (i < extra);
}

/* The CPU of cpus farthest above (sign 1) or below (sign -1) its target. */
static int farthest(const struct balance_scratch *s, const cpumask_t *cpus, int sign)
{
	int best = BALANCE_NO_CPU;
	long gap, best_gap = 0;
	unsigned int cpu;

	for_each_cpu(cpu, cpus) {
		gap = sign * ((long)s->nr[cpu] - (long)s->target[cpu]);
		if (gap > best_gap) {
			best = (int)cpu;
			best_gap = gap;
		}
	}
	return best;
}

unsigned int balance_push_round(struct balance_scratch *s, const cpumask_t *cpus,
				unsigned int threshold, balance_move_fn move, void *ctx)
{
	unsigned int moved = 0, round, n;
	cpumask_t live = *cpus;
	int src, dst;

	/* Start only above the threshold; then go all the way to even. */
	src = busiest_of(nr_load, s->nr, cpus);
	dst = balance_place(nr_load, s->nr, cpus, BALANCE_NO_CPU);
	if (src == BALANCE_NO_CPU || s->nr[src] <= s->nr[dst] + threshold)
		return 0;
	for (round = 0; round < MAX_ROUNDS; round++) {
		push_targets(s, &live);
		src = farthest(s, &live, 1);
		dst = farthest(s, &live, -1);
		if (src == BALANCE_NO_CPU || dst == BALANCE_NO_CPU)
			break;
		n = move((unsigned int)src, (unsigned int)dst,
			 min_u(s->nr[src] - s->target[src], s->target[dst] - s->nr[dst]), s->nr, ctx);
		if (!n)
			cpumask_clear(&live, (unsigned int)src);	/* nothing may go (or stale) */
		moved += n;
	}
	return moved;
}

unsigned int balance_steal_round(balance_load_fn load, const cpumask_t *cpus, unsigned int self,
				 balance_move_fn move, void *ctx)
{
	cpumask_t sources = *cpus;
	unsigned int n, have;
	int src;

	if (!cpumask_test(cpus, self) || load(self, ctx) != 0)
		return 0;
	cpumask_clear(&sources, self);
	for (;;) {
		src = busiest_of(load, ctx, &sources);
		if (src == BALANCE_NO_CPU)
			return 0;
		have = load((unsigned int)src, ctx);
		if (have < 2)
			return 0;
		n = move((unsigned int)src, self, have / 2, NULL, ctx);
		if (n)
			return n;
		cpumask_clear(&sources, (unsigned int)src);
	}
}

/* ---------------------------------------------------------------- NUMA */

int balance_place_near(balance_load_fn load, void *ctx, const cpumask_t *allowed,
		       const cpumask_t *local, int prefer)
{
	cpumask_t near;
	int best_near, best_all;

	cpumask_and(&near, allowed, local);
	best_near = balance_place(load, ctx, &near, prefer);
	best_all = balance_place(load, ctx, allowed, prefer);
	if (best_near == BALANCE_NO_CPU || best_all == best_near)
		return best_all;
	if (load((unsigned int)best_all, ctx) + BALANCE_NUMA_MARGIN <=
	    load((unsigned int)best_near, ctx))
		return best_all;
	return best_near;
}

unsigned int balance_steal_near(balance_load_fn load, const cpumask_t *cpus,
				const cpumask_t *local, unsigned int self,
				balance_move_fn move, void *ctx)
{
	cpumask_t near;
	unsigned int moved;

	cpumask_and(&near, cpus, local);
	moved = balance_steal_round(load, &near, self, move, ctx);
	if (moved || cpumask_equal(&near, cpus))
		return moved;
	return balance_steal_round(load, cpus, self, move, ctx);
}

unsigned int balance_push_nodes(struct balance_scratch *s, const cpumask_t *cpus,
				const cpumask_t *nodes, unsigned int nr_nodes,
				unsigned int threshold, balance_move_fn move, void *ctx)
{
	unsigned int node, moved = 0;
	cpumask_t part;

	for (node = 0; node < nr_nodes; node++) {
		cpumask_and(&part, cpus, &nodes[node]);
		if (cpumask_equal(&part, cpus))
			return balance_push_round(s, cpus, threshold, move, ctx);
		if (cpumask_weight(&part) > 1)
			moved += balance_push_round(s, &part, threshold, move, ctx);
	}
	return moved + balance_push_round(s, cpus, threshold + BALANCE_NUMA_MARGIN, move, ctx);
}
