/*
 * KTAP suite "sched": what the scheduler promises, on any number of CPUs
 * and under each balancing policy. Tasks run on every CPU; a task never
 * runs outside its affinity and pinning moves it; a task that never
 * yields is still preempted, and a woken higher priority takes the CPU;
 * sleeping lasts as long as asked; 16 CPU-bound tasks started on CPU 0
 * spread to within one of even in a second (push and steal; placement
 * never moves them, so it skips that case).
 *
 * The test itself runs as task "main", pinned to CPU 0. Worker tasks run
 * below its priority so that it gets CPU 0 back whenever it wakes.
 */
#include <sis/errno.h>
#include <sis/ktest.h>
#include <sis/percpu.h>
#include <sis/preempt.h>
#include <sis/sched.h>
#include <sis/string.h>
#include <sis/time.h>

#define WORKER_PRIO	(SCHED_PRIO_DEFAULT - 1)
#define SPREAD_TASKS	16
#define SPREAD_LIMIT_MS	1000
#define WAIT_LIMIT_NS	(2 * NSEC_PER_SEC)

static unsigned int cpu_now(void)
{
	unsigned int cpu;

	preempt_disable();
	cpu = smp_processor_id();
	preempt_enable();
	return cpu;
}

static void busy_ms(u64 ms)
{
	u64 t0 = time_ns();

	while (time_ns() - t0 < ms * 1000000ull)
		arch_cpu_relax();
}

/* Returns the mask of CPUs it ran on over a few slices. */
static int record_cpus(void *arg)
{
	cpumask_t *seen = arg;
	int i;

	for (i = 0; i < 4; i++) {
		cpumask_set_atomic(seen, cpu_now());
		busy_ms(5);
		yield();
	}
	return 0;
}

static bool free_go;

/*
 * record_cpus once every task exists: what the CPUs hold when the last
 * one is placed is then what placement chose, not what was left after
 * the first ones had already finished (a host that stalls the creator
 * would otherwise let a far NUMA node's CPU see no imbalance).
 */
static int record_cpus_after_go(void *arg)
{
	while (!load_acquire(&free_go))
		yield();
	return record_cpus(arg);
}

static void test_tasks_run_everywhere(struct ktest *t)
{
	static cpumask_t pinned[CONFIG_MAX_CPUS], all;
	static struct task *tasks[2 * CONFIG_MAX_CPUS];
	unsigned int n = sched_ncpus(), i;
	cpumask_t cpus = sched_cpus_now(), one;
	char buf[64];

	memset(pinned, 0, sizeof(pinned));
	cpumask_zero(&all);
	/* Pinned: each task on exactly its CPU. */
	for (i = 0; i < n; i++)
		tasks[i] = task_create_on("task", record_cpus, &pinned[i], WORKER_PRIO,
					  sched_cpu_nth(i));
	for (i = 0; i < n; i++)
		if (KTEST_EXPECT(t, tasks[i] != NULL))
			task_join(tasks[i]);
	for (i = 0; i < n; i++) {
		one = cpumask_of(sched_cpu_nth(i));
		KTEST_EXPECT(t, cpumask_equal(&pinned[i], &one));
	}
	/* Free: placement alone puts them on every CPU. */
	store_release(&free_go, false);
	for (i = 0; i < 2 * n; i++)
		tasks[i] = task_create(record_cpus_after_go, &all, WORKER_PRIO, cpu_all_mask);
	store_release(&free_go, true);
	for (i = 0; i < 2 * n; i++)
		if (KTEST_EXPECT(t, tasks[i] != NULL))
			task_join(tasks[i]);
	ktest_log(t, "free tasks ran on CPUs %s", cpumask_str(&all, buf, sizeof(buf)));
	KTEST_EXPECT(t, cpumask_equal(&all, &cpus));
}

static int return_arg(void *arg)
{
	return (int)(uintptr_t)arg;
}

static void test_create_join(struct ktest *t)
{
	struct task *a;
	int err = 0;

	cpumask_t none;

	cpumask_zero(&none);
	a = task_create(return_arg, (void *)42, WORKER_PRIO, cpu_all_mask);
	KTEST_EXPECT(t, a != NULL);
	if (a)
		KTEST_EXPECT_EQ(t, task_join(a), 42);
	KTEST_EXPECT(t, !task_create_err(return_arg, NULL, SCHED_PRIO_MAX + 1,
					  cpu_all_mask, "bad", &err));
	KTEST_EXPECT_EQ(t, err, -EINVAL);
	KTEST_EXPECT(t, !task_create_err(return_arg, NULL, WORKER_PRIO, &none, "bad", &err));
	KTEST_EXPECT_EQ(t, err, -EINVAL);
}

static void test_sleep(struct ktest *t)
{
	u64 t0 = time_ns(), took;

	sleep_ms(30);
	took = (time_ns() - t0) / 1000000;
	ktest_log(t, "sleep_ms(30) took %llu ms", (unsigned long long)took);
	KTEST_EXPECT(t, took >= 30 && took < 1000);
}

/* Affinity: phase 0 under the first mask, phase 1 after main re-pinned it. */
struct pin_job {
	cpumask_t seen[2];
	int phase;		/* written by main */
	int ready;		/* phase 0 done */
	unsigned int self_to;	/* then it pins itself here */
	bool self_ok;
};

static int pinned_worker(void *arg)
{
	struct pin_job *j = arg;
	int i;

	for (i = 0; i < 20; i++) {
		cpumask_set(&j->seen[0], cpu_now());
		sleep_ms(1);
	}
	store_release(&j->ready, 1);
	while (!load_acquire(&j->phase))
		yield();
	for (i = 0; i < 20; i++) {
		cpumask_set(&j->seen[1], cpu_now());
		yield();
	}
	task_pin(task_current(), j->self_to);
	j->self_ok = cpu_now() == j->self_to;
	return 0;
}

static void test_affinity(struct ktest *t)
{
	unsigned int a = sched_cpu_nth(1), b = sched_cpu_nth(2), c = sched_cpu_nth(3);
	struct pin_job job = { .self_to = c };
	struct task *w = task_create_on("task", pinned_worker, &job, WORKER_PRIO, a);
	cpumask_t none, one_a = cpumask_of(a), one_b = cpumask_of(b);
	char sa[64], sb[64];

	cpumask_zero(&none);
	if (!KTEST_EXPECT(t, w != NULL))
		return;
	while (!load_acquire(&job.ready))
		sleep_ms(1);
	if (a != b)
		KTEST_EXPECT_EQ(t, migrate_task(w, b), -EINVAL);	/* outside its mask */
	KTEST_EXPECT_EQ(t, task_set_affinity(w, &none), -EINVAL);
	KTEST_EXPECT_EQ(t, task_set_affinity(w, &one_b), 0);
	store_release(&job.phase, 1);
	task_join(w);
	ktest_log(t, "pinned to core%u: ran on %s; then core%u: %s", a,
		  cpumask_str(&job.seen[0], sa, sizeof(sa)), b,
		  cpumask_str(&job.seen[1], sb, sizeof(sb)));
	KTEST_EXPECT(t, cpumask_equal(&job.seen[0], &one_a));
	KTEST_EXPECT(t, cpumask_equal(&job.seen[1], &one_b));
	KTEST_EXPECT(t, job.self_ok);
}

/* A task that never yields, and one at its priority on its CPU. */
static int spin_flag, spin_started;

static int never_yields(void *arg)
{
	u64 t0 = time_ns();

	store_release(&spin_started, 1);
	while (!load_acquire(&spin_flag) && time_ns() - t0 < WAIT_LIMIT_NS)
		;	/* no yield, no lock, no sleep */
	return load_acquire(&spin_flag);
}

static int set_flag_after_start(void *arg)
{
	while (!load_acquire(&spin_started))
		sleep_ms(1);
	if (arg)
		sleep_ms(20);	/* the waking higher priority preempts */
	store_release(&spin_flag, 1);
	return 0;
}

static void preempt_case(struct ktest *t, int setter_prio, bool sleeps)
{
	unsigned int cpu = sched_cpu_nth(sched_ncpus() - 1);
	struct task *spinner, *setter;

	spin_flag = 0;
	spin_started = 0;
	spinner = task_create_on("task", never_yields, NULL, WORKER_PRIO, cpu);
	setter = task_create_on("task", set_flag_after_start, (void *)(uintptr_t)sleeps,
				setter_prio, cpu);
	if (!KTEST_EXPECT(t, spinner && setter))
		return;
	KTEST_EXPECT_EQ(t, task_join(spinner), 1);
	task_join(setter);
}

static void test_never_yielding_preempted(struct ktest *t)
{
	preempt_case(t, WORKER_PRIO, false);
}

static void test_priority_preempts(struct ktest *t)
{
	preempt_case(t, WORKER_PRIO + 1, true);
}

/* 16 CPU-bound tasks started on CPU 0, then let loose. */
static int spread_stop;

static int cpu_bound(void *arg)
{
	while (!load_acquire(&spread_stop))
		;
	return 0;
}

static bool spread_even(struct task **tasks, unsigned int *count)
{
	unsigned int n = sched_ncpus(), lo = SPREAD_TASKS / n, hi = lo + !!(SPREAD_TASKS % n), i;
	bool even = true;

	memset(count, 0, CONFIG_MAX_CPUS * sizeof(*count));
	for (i = 0; i < SPREAD_TASKS; i++)
		count[task_cpu(tasks[i])]++;
	for (i = 0; i < n; i++)
		even &= count[sched_cpu_nth(i)] >= lo && count[sched_cpu_nth(i)] <= hi;
	return even;
}

static void test_balance_spread(struct ktest *t)
{
	static unsigned int count[CONFIG_MAX_CPUS];
	struct task *tasks[SPREAD_TASKS];
	unsigned int i;
	u64 t0, ms;
	bool even;

	if (!strcmp(sched_policy_name(), "placement")) {
		ktest_skip(t, "placement-only policy never moves a placed task");
		return;
	}
	spread_stop = 0;
	for (i = 0; i < SPREAD_TASKS; i++)
		tasks[i] = task_create_on("task", cpu_bound, NULL, WORKER_PRIO, 0);
	for (i = 0; i < SPREAD_TASKS; i++)
		if (!KTEST_EXPECT(t, tasks[i] != NULL))
			return;
	t0 = time_ns();
	for (i = 0; i < SPREAD_TASKS; i++)
		task_set_affinity(tasks[i], cpu_all_mask);
	do {
		sleep_ms(5);
		even = spread_even(tasks, count);
		ms = (time_ns() - t0) / 1000000;
	} while (!even && ms < 2 * SPREAD_LIMIT_MS);
	store_release(&spread_stop, 1);
	for (i = 0; i < sched_ncpus(); i++)
		ktest_log(t, "core%u: %u tasks", sched_cpu_nth(i), count[sched_cpu_nth(i)]);
	ktest_log(t, "policy %s: within one of even after %llu ms", sched_policy_name(),
		  (unsigned long long)ms);
	for (i = 0; i < SPREAD_TASKS; i++)
		task_join(tasks[i]);
	KTEST_EXPECT(t, even);
	KTEST_EXPECT(t, ms <= SPREAD_LIMIT_MS);
}

KTEST_SUITE(sched,
	KTEST_CASE(test_create_join),
	KTEST_CASE(test_tasks_run_everywhere),
	KTEST_CASE(test_sleep),
	KTEST_CASE(test_affinity),
	KTEST_CASE(test_never_yielding_preempted),
	KTEST_CASE(test_priority_preempts),
	KTEST_CASE(test_balance_spread));
