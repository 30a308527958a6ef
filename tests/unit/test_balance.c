/*
 * Host tests of the balancing decisions (kernel/sched/balance.c): the
 * same functions the kernel's policy files call, driven over simulated
 * runqueues. Each simulated CPU has one running task (never movable) and
 * queued tasks with affinity masks; the move callback moves only queued
 * tasks whose affinity allows the destination, as the kernel does.
 *
 * Properties: placement picks the least-loaded allowed CPU; push and
 * steal converge (push: spread within the threshold, steal: no idle CPU
 * while another has work it could take); no task ever lands outside its
 * affinity; no task moves back to a CPU it left (no ping-pong); once
 * converged, further rounds move nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <cmocka.h>

#include "host.h"
#include "../../kernel/sched/balance.h"

#define NCPU		8
#define MAX_TASKS	256

struct sim_task {
	unsigned int cpu;
	u64 affinity;		/* the sim's own masks: NCPU <= 64 */
	bool running;
	u64 left;		/* CPUs it was moved away from */
	unsigned int moves;
};

struct sim {
	unsigned int ncpus;
	unsigned int ntasks;
	struct sim_task task[MAX_TASKS];
	unsigned int violations;	/* moved outside affinity */
	unsigned int pingpongs;		/* moved back to a CPU it left */
	unsigned int moves;
};

static unsigned int sim_seed = 12345;

static unsigned int rnd(void)
{
	sim_seed = sim_seed * 1103515245u + 12345u;
	return sim_seed >> 16;
}

static u64 all_cpus(const struct sim *s)
{
	return (1ull << s->ncpus) - 1;
}

/* A kernel mask of the CPUs of word w. */
static cpumask_t to_mask(u64 w)
{
	cpumask_t m;
	unsigned int cpu;

	cpumask_zero(&m);
	for (cpu = 0; cpu < 64 && cpu < CONFIG_MAX_CPUS; cpu++)
		if (w & (1ull << cpu))
			cpumask_set(&m, cpu);
	return m;
}

/* The balance_load_fn of the sim: tasks on cpu. */
static unsigned int sim_load(unsigned int cpu, void *ctx)
{
	const struct sim *s = ctx;
	unsigned int i, n = 0;

	for (i = 0; i < s->ntasks; i++)
		n += s->task[i].cpu == cpu;
	return n;
}

/* The balance_load_fn of a plain array. */
static unsigned int array_load(unsigned int cpu, void *ctx)
{
	return ((const unsigned int *)ctx)[cpu];
}

static void sim_counts(const struct sim *s, unsigned int *nr)
{
	unsigned int i;

	memset(nr, 0, sizeof(unsigned int) * NCPU);
	for (i = 0; i < s->ntasks; i++)
		nr[s->task[i].cpu]++;
}

static void sim_add(struct sim *s, unsigned int cpu, u64 affinity)
{
	struct sim_task *t = &s->task[s->ntasks++];
	unsigned int i;

	t->cpu = cpu;
	t->affinity = affinity;
	t->running = true;
	for (i = 0; i < s->ntasks - 1; i++)
		if (s->task[i].cpu == cpu)
			t->running = false;	/* the first one on a CPU runs */
}

/* The kernel's rule: queued tasks only, and only where affinity allows. */
static unsigned int sim_move(unsigned int src, unsigned int dst, unsigned int count,
			     unsigned int *nr, void *ctx)
{
	struct sim *s = ctx;
	unsigned int i, moved = 0;

	for (i = s->ntasks; i-- > 0 && moved < count;) {
		struct sim_task *t = &s->task[i];

		if (t->cpu != src || t->running || !(t->affinity & (1ull << dst)))
			continue;
		if (t->left & (1ull << dst))
			s->pingpongs++;
		t->left |= 1ull << src;
		t->cpu = dst;
		t->moves++;
		moved++;
	}
	if (nr) {
		nr[src] -= moved;
		nr[dst] += moved;
	}
	s->moves += moved;
	return moved;
}

/* A CPU with nothing running picks its first queued task to run. */
static void sim_settle(struct sim *s)
{
	unsigned int i, cpu;

	for (cpu = 0; cpu < s->ncpus; cpu++) {
		bool has_running = false;

		for (i = 0; i < s->ntasks; i++)
			has_running |= s->task[i].cpu == cpu && s->task[i].running;
		for (i = 0; i < s->ntasks && !has_running; i++)
			if (s->task[i].cpu == cpu)
				s->task[i].running = has_running = true;
	}
}

static unsigned int push_round(struct sim *s, unsigned int threshold)
{
	static struct balance_scratch sc;
	cpumask_t cpus = to_mask(all_cpus(s));
	unsigned int n;

	sim_counts(s, sc.nr);
	n = balance_push_round(&sc, &cpus, threshold, sim_move, s);
	sim_settle(s);
	return n;
}

static unsigned int steal_all_idle(struct sim *s)
{
	cpumask_t cpus = to_mask(all_cpus(s));
	unsigned int cpu, n = 0;

	for (cpu = 0; cpu < s->ncpus; cpu++) {
		n += balance_steal_round(sim_load, &cpus, cpu, sim_move, s);
		sim_settle(s);
	}
	return n;
}

static void spread(const struct sim *s, unsigned int *lo, unsigned int *hi)
{
	unsigned int nr[NCPU], cpu;

	sim_counts(s, nr);
	*lo = ~0u;
	*hi = 0;
	for (cpu = 0; cpu < s->ncpus; cpu++) {
		*lo = nr[cpu] < *lo ? nr[cpu] : *lo;
		*hi = nr[cpu] > *hi ? nr[cpu] : *hi;
	}
}

static void check_affinity(const struct sim *s)
{
	unsigned int i;

	for (i = 0; i < s->ntasks; i++)
		assert_true(s->task[i].affinity & (1ull << s->task[i].cpu));
}

static void test_place_least_loaded(void **state)
{
	unsigned int nr[NCPU] = { 3, 1, 0, 2, 0, 5, 0, 0 };
	cpumask_t all = to_mask(0xff), some = to_mask(0x2b), two = to_mask(0x21);
	cpumask_t one = to_mask(0x20), none = to_mask(0);

	assert_int_equal(balance_place(array_load, nr, &all, -1), 2);
	assert_int_equal(balance_place(array_load, nr, &all, 4), 4);	/* tie: prefer */
	assert_int_equal(balance_place(array_load, nr, &some, -1), 1);	/* 0,1,3,5 allowed */
	assert_int_equal(balance_place(array_load, nr, &two, 5), 0);
	assert_int_equal(balance_place(array_load, nr, &one, 0), 5);	/* only choice */
	assert_int_equal(balance_place(array_load, nr, &none, 0), BALANCE_NO_CPU);
}

/* 16 tasks on CPU 0, as the in-kernel test starts them. */
static void test_push_16_on_cpu0(void **state)
{
	unsigned int n, rounds, lo, hi, i;

	for (n = 1; n <= NCPU; n *= 2) {
		struct sim s = { .ncpus = n };

		for (i = 0; i < 16; i++)
			sim_add(&s, 0, all_cpus(&s));
		for (rounds = 0; rounds < 10 && push_round(&s, 2); rounds++)
			;
		spread(&s, &lo, &hi);
		assert_true(hi - lo <= 1);	/* 16 over a power of two: even */
		assert_true(rounds <= 3);	/* converges in a few intervals */
		assert_int_equal(s.pingpongs, 0);
		assert_int_equal(push_round(&s, 2), 0);
	}
}

static void test_steal_16_on_cpu0(void **state)
{
	unsigned int n, rounds, lo, hi, i;

	for (n = 1; n <= NCPU; n *= 2) {
		struct sim s = { .ncpus = n };

		for (i = 0; i < 16; i++)
			sim_add(&s, 0, all_cpus(&s));
		for (rounds = 0; rounds < 10 && steal_all_idle(&s); rounds++)
			;
		spread(&s, &lo, &hi);
		assert_true(hi - lo <= 1);
		assert_int_equal(s.pingpongs, 0);
		assert_int_equal(steal_all_idle(&s), 0);
	}
}

/* Random loads and affinities: no violation, no ping-pong, convergence. */
static void random_sim(struct sim *s)
{
	unsigned int i;

	s->ncpus = 2 + rnd() % (NCPU - 1);
	s->ntasks = 0;
	for (i = rnd() % 64; i > 0; i--) {
		u64 aff = (rnd() % 3) ? all_cpus(s) : (rnd() & all_cpus(s));
		unsigned int cpu;

		if (!aff)
			aff = 1;
		do
			cpu = rnd() % s->ncpus;
		while (!(aff & (1ull << cpu)));
		sim_add(s, cpu, aff);
	}
	sim_settle(s);
}

static void test_push_random(void **state)
{
	unsigned int iter, rounds, lo, hi, threshold;

	for (iter = 0; iter < 2000; iter++) {
		static struct sim s;
		bool free_only = iter % 2;
		unsigned int i;

		memset(&s, 0, sizeof(s));
		random_sim(&s);
		if (free_only)
			for (i = 0; i < s.ntasks; i++)
				s.task[i].affinity = all_cpus(&s);
		threshold = 1 + rnd() % 3;
		for (rounds = 0; rounds < 64 && push_round(&s, threshold); rounds++)
			;
		assert_true(rounds < 64);
		assert_int_equal(push_round(&s, threshold), 0);	/* stable */
		check_affinity(&s);
		if (s.pingpongs)
			printf("iter %u free %d ncpus %u tasks %u\n", iter, free_only, s.ncpus, s.ntasks);
		assert_int_equal(s.pingpongs, 0);
		spread(&s, &lo, &hi);
		if (free_only)
			assert_true(hi - lo <= threshold);
	}
}

static void test_steal_random(void **state)
{
	unsigned int iter, rounds, nr[NCPU], cpu, i;

	for (iter = 0; iter < 2000; iter++) {
		static struct sim s;

		memset(&s, 0, sizeof(s));
		random_sim(&s);
		for (rounds = 0; rounds < 64 && steal_all_idle(&s); rounds++)
			;
		assert_true(rounds < 64);
		check_affinity(&s);
		assert_int_equal(s.pingpongs, 0);
		/* No idle CPU while a CPU with two or more has a task it may take. */
		sim_counts(&s, nr);
		for (cpu = 0; cpu < s.ncpus; cpu++) {
			if (nr[cpu])
				continue;
			for (i = 0; i < s.ntasks; i++) {
				struct sim_task *t = &s.task[i];

				assert_false(!t->running && nr[t->cpu] >= 2 &&
					     (t->affinity & (1ull << cpu)));
			}
		}
	}
}

/* Pinned tasks stay: nothing moves off a CPU whose queue is all pinned. */
static void test_pinned_never_move(void **state)
{
	struct sim s = { .ncpus = 4 };
	unsigned int i;

	for (i = 0; i < 12; i++)
		sim_add(&s, 0, 1);
	sim_add(&s, 1, 0xf);
	sim_add(&s, 1, 0xf);
	sim_add(&s, 1, 0xf);
	assert_int_equal(push_round(&s, 1), 2);	/* CPU 1 gives one to CPU 2 and CPU 3 */
	steal_all_idle(&s);
	check_affinity(&s);
	for (i = 0; i < 12; i++)
		assert_int_equal(s.task[i].moves, 0);
}

/* Steal with nothing worth taking: one task each, or a lone running task. */
static void test_steal_nothing(void **state)
{
	struct sim s = { .ncpus = 4 };
	cpumask_t cpus = to_mask(0xf);

	sim_add(&s, 0, 0xf);
	sim_add(&s, 1, 0xf);
	sim_add(&s, 3, 0xf);
	assert_int_equal(balance_steal_round(sim_load, &cpus, 2, sim_move, &s), 0);
	sim_add(&s, 2, 0x4);
	sim_add(&s, 0, 0xf);	/* now CPU 0 has one to give, but CPU 2 is not idle */
	assert_int_equal(balance_steal_round(sim_load, &cpus, 2, sim_move, &s), 0);
	assert_int_equal(s.moves, 0);
}

/* ---------------------------------------------------------------- NUMA */

/* Two nodes of four: CPUs 0-3 and 4-7. */
#define NODE0	0x0full
#define NODE1	0xf0ull

static void test_place_near_stays_local(void **state)
{
	/* Node 0's best has 2 tasks, node 1's 1: within the margin, stay local. */
	unsigned int nr[NCPU] = { 3, 2, 3, 3, 1, 4, 4, 4 };
	cpumask_t all = to_mask(0xff), local = to_mask(NODE0);

	assert_int_equal(balance_place_near(array_load, nr, &all, &local, 0), 1);
	/* ...node 1 has an idle CPU: 2 fewer than the best local one, so go there. */
	nr[4] = 0;
	assert_int_equal(balance_place_near(array_load, nr, &all, &local, 0), 4);
	/* Affinity wins over locality: only node 1 allowed. */
	all = to_mask(NODE1);
	nr[4] = 4;
	assert_int_equal(balance_place_near(array_load, nr, &all, &local, 0), 4);
}

static void test_steal_near_takes_local_first(void **state)
{
	static struct sim s;
	cpumask_t all, local = to_mask(NODE0);
	unsigned int i, from_local = 0;

	memset(&s, 0, sizeof(s));
	s.ncpus = NCPU;
	for (i = 0; i < 4; i++)
		sim_add(&s, 1, all_cpus(&s));	/* node 0: CPU 1 has 4 */
	for (i = 0; i < 8; i++)
		sim_add(&s, 5, all_cpus(&s));	/* node 1: CPU 5 has 8, the busiest */
	all = to_mask(all_cpus(&s));
	assert_true(balance_steal_near(sim_load, &all, &local, 0, sim_move, &s) > 0);
	for (i = 0; i < s.ntasks; i++)
		from_local += s.task[i].cpu == 0 && i < 4;
	assert_true(from_local > 0);		/* took CPU 1's, not the busier remote one */
	assert_int_equal(sim_load(5, &s), 8);
	check_affinity(&s);
}

static void test_steal_near_goes_remote_when_local_empty(void **state)
{
	static struct sim s;
	cpumask_t all, local = to_mask(NODE0);
	unsigned int i;

	memset(&s, 0, sizeof(s));
	s.ncpus = NCPU;
	for (i = 0; i < 6; i++)
		sim_add(&s, 6, all_cpus(&s));
	all = to_mask(all_cpus(&s));
	assert_int_equal(balance_steal_near(sim_load, &all, &local, 0, sim_move, &s), 3);
	assert_int_equal(sim_load(0, &s), 3);
}

/* rounds NUMA push rounds over two nodes of four (threshold 1). */
static void push_nodes_rounds(struct sim *s, unsigned int rounds)
{
	static struct balance_scratch sc;
	cpumask_t all = to_mask(all_cpus(s)), nodes[2] = { to_mask(NODE0), to_mask(NODE1) };

	while (rounds--) {
		sim_counts(s, sc.nr);
		balance_push_nodes(&sc, &all, nodes, 2, 1, sim_move, s);
		sim_settle(s);
	}
}

static void test_push_nodes_within_node_first(void **state)
{
	static struct sim s;
	unsigned int i, lo, hi;

	memset(&s, 0, sizeof(s));
	s.ncpus = NCPU;
	/* Node 0: 8 tasks on CPU 0; node 1: 2 on each CPU. Even within node 0
	 * is 2 per CPU too: nothing needs to cross. */
	for (i = 0; i < 8; i++)
		sim_add(&s, 0, all_cpus(&s));
	for (i = 0; i < 8; i++)
		sim_add(&s, 4 + i % 4, all_cpus(&s));
	push_nodes_rounds(&s, 4);
	spread(&s, &lo, &hi);
	assert_int_equal(lo, 2);
	assert_int_equal(hi, 2);
	for (i = 0; i < 8; i++)			/* node 0's tasks stayed in node 0 */
		assert_true(s.task[i].cpu < 4);
	assert_int_equal(s.pingpongs, 0);
}

static void test_push_nodes_crosses_for_real_imbalance(void **state)
{
	static struct sim s;
	unsigned int i, lo, hi;

	memset(&s, 0, sizeof(s));
	s.ncpus = NCPU;
	for (i = 0; i < 24; i++)		/* all on node 0, node 1 idle */
		sim_add(&s, i % 4, all_cpus(&s));
	push_nodes_rounds(&s, 8);
	spread(&s, &lo, &hi);
	assert_true(hi - lo <= 1 + BALANCE_NUMA_MARGIN);
	assert_true(lo > 0);
	check_affinity(&s);
	assert_int_equal(s.pingpongs, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_place_least_loaded),
		cmocka_unit_test(test_push_16_on_cpu0),
		cmocka_unit_test(test_steal_16_on_cpu0),
		cmocka_unit_test(test_push_random),
		cmocka_unit_test(test_steal_random),
		cmocka_unit_test(test_pinned_never_move),
		cmocka_unit_test(test_steal_nothing),
		cmocka_unit_test(test_place_near_stays_local),
		cmocka_unit_test(test_steal_near_takes_local_first),
		cmocka_unit_test(test_steal_near_goes_remote_when_local_empty),
		cmocka_unit_test(test_push_nodes_within_node_first),
		cmocka_unit_test(test_push_nodes_crosses_for_real_imbalance),
	};

	return cmocka_run_group_tests_name("balance", tests, NULL, NULL);
}
