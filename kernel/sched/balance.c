/*
 * Balancing decisions (see balance.h): plain C over arrays, no locks and
 * no hardware, compiled into the kernel and into the host unit tests.
 */
#include "balance.h"

#define MAX_ROUNDS	64	/* bounds a round even if move() misbehaves */

static unsigned int min_u(unsigned int a, unsigned int b)
{
	return a < b ? a : b;
}

int balance_place(const unsigned int *nr, cpumask_t allowed, int prefer)
{
	int best = BALANCE_NO_CPU, cpu;

	for (cpu = 0; cpu < 64; cpu++) {
		if (!(allowed & (1ull << cpu)))
			continue;
		if (best == BALANCE_NO_CPU || nr[cpu] < nr[best] ||
		    (nr[cpu] == nr[best] && cpu == prefer))
			best = cpu;
	}
	return best;
}

/* The busiest CPU of cpus (lowest id on ties), or BALANCE_NO_CPU. */
static int busiest_of(const unsigned int *nr, cpumask_t cpus)
{
	int best = BALANCE_NO_CPU, cpu;

	for (cpu = 0; cpu < 64; cpu++)
		if ((cpus & (1ull << cpu)) && (best == BALANCE_NO_CPU || nr[cpu] > nr[best]))
			best = cpu;
	return best;
}

/*
 * Each CPU's target: the even share of cpus' load, rounded down, plus one
 * for the remainder, which goes to the most loaded CPUs (they keep it
 * instead of moving it around).
 */
static void push_targets(const unsigned int *nr, cpumask_t cpus, unsigned int *target)
{
	unsigned int total = 0, n = 0, extra, i;
	cpumask_t left = cpus;
	int cpu;

	for (cpu = 0; cpu < 64; cpu++)
		if (cpus & (1ull << cpu)) {
			total += nr[cpu];
			n++;
		}
	if (!n)
		return;
	extra = total % n;
	for (i = 0; i < n; i++) {
		cpu = busiest_of(nr, left);
		left &= ~(1ull << cpu);
		target[cpu] = total / n + (i < extra);
	}
}

/* The CPU of cpus farthest above (sign 1) or below (sign -1) its target. */
static int farthest(const unsigned int *nr, const unsigned int *target, cpumask_t cpus,
		    int sign)
{
	int best = BALANCE_NO_CPU, cpu;
	long gap, best_gap = 0;

	for (cpu = 0; cpu < 64; cpu++) {
		if (!(cpus & (1ull << cpu)))
			continue;
		gap = sign * ((long)nr[cpu] - (long)target[cpu]);
		if (gap > best_gap) {
			best = cpu;
			best_gap = gap;
		}
	}
	return best;
}

unsigned int balance_push_round(unsigned int *nr, cpumask_t cpus, unsigned int threshold,
				balance_move_fn move, void *ctx)
{
	unsigned int target[64], moved = 0, round, n;
	cpumask_t stuck = 0;
	int src, dst;

	/* Start only above the threshold; then go all the way to even. */
	src = busiest_of(nr, cpus);
	dst = balance_place(nr, cpus, BALANCE_NO_CPU);
	if (src == BALANCE_NO_CPU || nr[src] <= nr[dst] + threshold)
		return 0;
	for (round = 0; round < MAX_ROUNDS; round++) {
		push_targets(nr, cpus & ~stuck, target);
		src = farthest(nr, target, cpus & ~stuck, 1);
		dst = farthest(nr, target, cpus & ~stuck, -1);
		if (src == BALANCE_NO_CPU || dst == BALANCE_NO_CPU)
			break;
		n = move((unsigned int)src, (unsigned int)dst,
			 min_u(nr[src] - target[src], target[dst] - nr[dst]), nr, ctx);
		if (!n)
			stuck |= 1ull << src;	/* nothing there may go to dst (or stale) */
		moved += n;
	}
	return moved;
}

unsigned int balance_steal_round(unsigned int *nr, cpumask_t cpus, unsigned int self,
				 balance_move_fn move, void *ctx)
{
	cpumask_t sources = cpus & ~(1ull << self);
	unsigned int n;
	int src;

	if (!(cpus & (1ull << self)) || nr[self] != 0)
		return 0;
	for (;;) {
		src = busiest_of(nr, sources);
		if (src == BALANCE_NO_CPU || nr[src] < 2)
			return 0;
		n = move((unsigned int)src, self, nr[src] / 2, nr, ctx);
		if (n)
			return n;
		sources &= ~(1ull << src);
	}
}
