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

/* The even share of cpus' load, rounded down (*lo) and up (*hi). */
static void even_share(const unsigned int *nr, cpumask_t cpus, unsigned int *lo,
		       unsigned int *hi)
{
	unsigned int total = 0, n = 0;
	int cpu;

	for (cpu = 0; cpu < 64; cpu++)
		if (cpus & (1ull << cpu)) {
			total += nr[cpu];
			n++;
		}
	*lo = n ? total / n : 0;
	*hi = *lo + (n && total % n);
}

unsigned int balance_push_round(unsigned int *nr, cpumask_t cpus, unsigned int threshold,
				balance_move_fn move, void *ctx)
{
	cpumask_t stuck = 0, givers = 0, takers = 0;
	unsigned int moved = 0, round, n, count, lo, hi;
	int src, dst;

	for (round = 0; round < MAX_ROUNDS; round++) {
		dst = balance_place(nr, cpus & ~givers, BALANCE_NO_CPU);
		src = busiest_of(nr, cpus & ~stuck & ~takers);
		if (src == BALANCE_NO_CPU || dst == BALANCE_NO_CPU ||
		    nr[src] <= nr[dst] + threshold)
			break;
		/* The share among CPUs whose load can move at all. */
		even_share(nr, cpus & ~stuck, &lo, &hi);
		/* Half the gap, and neither side past the even share. */
		count = min_u((nr[src] - nr[dst]) / 2,
			      min_u(nr[src] - min_u(nr[src], lo), hi - min_u(nr[dst], hi)));
		n = count ? move((unsigned int)src, (unsigned int)dst, count, nr, ctx) : 0;
		if (!n) {
			stuck |= 1ull << src;	/* nothing there may go to dst */
			continue;
		}
		givers |= 1ull << src;
		takers |= 1ull << dst;
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
