/*
 * Balancing decisions (see balance.h): plain C over arrays, no locks and
 * no hardware, compiled into the kernel and into the host unit tests.
 */
#include "balance.h"

#define MAX_ROUNDS	64	/* bounds a round even if move() misbehaves */

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

unsigned int balance_push_round(unsigned int *nr, cpumask_t cpus, unsigned int threshold,
				balance_move_fn move, void *ctx)
{
	cpumask_t sources = cpus;
	unsigned int moved = 0, round, n;
	int src, dst;

	for (round = 0; round < MAX_ROUNDS; round++) {
		dst = balance_place(nr, cpus, BALANCE_NO_CPU);
		src = busiest_of(nr, sources);
		if (src == BALANCE_NO_CPU || dst == BALANCE_NO_CPU ||
		    nr[src] <= nr[dst] + threshold)
			break;
		n = move((unsigned int)src, (unsigned int)dst, (nr[src] - nr[dst]) / 2, nr, ctx);
		if (!n)
			sources &= ~(1ull << src);	/* nothing there may go to dst */
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
