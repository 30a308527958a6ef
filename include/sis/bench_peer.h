/*
 * What kernel/bench.c and its Linux peer (scripts/bench/linux-init.c)
 * share, so that both measure the same thing the same way: the sample
 * counts and batch sizes, the median, and the scaling job's piece of
 * work. The peer is a Linux program built with Debian's libc, so this
 * header includes nothing and needs nothing but a u64 from its includer.
 */
#ifndef SIS_BENCH_PEER_H
#define SIS_BENCH_PEER_H

#define BENCH_SAMPLES	101	/* odd, so the median is one sample */
#define LOCK_SAMPLES	63
#define LOCK_BATCH	1000	/* lock+unlock pairs per sample */
#define HANDOFF_ROUNDS	5
#define HANDOFF_ITERS	400	/* acquisitions per CPU per round */
#define YIELD_BATCH	200	/* yields per sample */
#define WAKE_SAMPLES	31
#define SCALE_RUNS	5
#define SCALE_PIECES	64	/* the job is split into this many tasks */
#define SCALE_PIECE_WORK 400000	/* xorshift steps per task */

/* The median of v[0..n) (n odd), sorting v: an insertion sort, n is small. */
static inline u64 bench_median(u64 *v, unsigned int n)
{
	unsigned int i, j;
	u64 x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	return v[n / 2];
}

/* One piece of the scaling job: CPU-bound, nothing shared until the end. */
static inline u64 bench_scale_work(u64 piece)
{
	u64 x = piece * 0x9e3779b97f4a7c15ull + 1;
	unsigned int i;

	for (i = 0; i < SCALE_PIECE_WORK; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	return x;
}

#endif /* SIS_BENCH_PEER_H */
