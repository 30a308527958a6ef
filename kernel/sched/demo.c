/*
 * The "sched_demo" command-line word: four tasks A-D of priorities 1-4,
 * each printing "[SCHED][coreN] run NAME" every time it gets the CPU
 * back after a short sleep. Three phases show placement and migration:
 * each task pinned to a core of its own (every core runs something),
 * then free to go anywhere (placement and the balancing policy decide),
 * then pinned one core further on (every task migrates). A task that
 * finds itself on another core than last time says so.
 */
#include <sis/percpu.h>
#include <sis/preempt.h>
#include <sis/printk.h>
#include <sis/sched.h>
#include <sis/time.h>

#define DEMO_TASKS	4
#define PHASE_RUNS	4
#define BUSY_MS		10
#define SLEEP_MS	20

struct demo {
	char name[2];
	unsigned int index;
	unsigned int ncpus;
	cpumask_t cpus;
};

static unsigned int report(const struct demo *d, unsigned int last)
{
	unsigned int cpu;

	preempt_disable();	/* the core printed is the core we are on */
	cpu = smp_processor_id();
	pr_info("[SCHED][core%u] run %s\n", cpu, d->name);
	preempt_enable();
	if (last != ~0u && last != cpu)
		pr_info("[SCHED] migrate %s core%u -> core%u\n", d->name, last, cpu);
	return cpu;
}

static int demo_task(void *arg)
{
	struct demo *d = arg;
	unsigned int last = ~0u, run;
	struct task *self = task_current();
	u64 t0;

	for (run = 0; run < 3 * PHASE_RUNS; run++) {
		if (run == 0)
			task_pin(self, cpumask_nth(&d->cpus, d->index));
		else if (run == PHASE_RUNS)
			task_set_affinity(self, &d->cpus);
		else if (run == 2 * PHASE_RUNS)
			task_pin(self, cpumask_nth(&d->cpus, d->index + 1));
		last = report(d, last);
		t0 = time_ns();
		while (time_ns() - t0 < BUSY_MS * 1000000ull)
			;	/* CPU-bound on purpose: the tick preempts us */
		sleep_ms(SLEEP_MS);
	}
	return 0;
}

void sched_demo(void)
{
	static struct demo demos[DEMO_TASKS];
	struct task *tasks[DEMO_TASKS];
	cpumask_t cpus = sched_cpus_now();
	unsigned int i;

	pr_info("[SCHED] demo: tasks A-D (priorities 1-4) on %u core(s), policy %s\n",
		cpumask_weight(&cpus), sched_policy_name());
	for (i = 0; i < DEMO_TASKS; i++) {
		demos[i].name[0] = (char)('A' + i);
		demos[i].index = i;
		demos[i].cpus = cpus;
		tasks[i] = task_create_named(demos[i].name, demo_task, &demos[i],
					     (int)i + 1, &cpus);
	}
	for (i = 0; i < DEMO_TASKS; i++)
		if (tasks[i])
			task_join(tasks[i]);
	pr_info("[SCHED] demo: done\n");
	sched_stats();
}
