/*
 * Kernel tasks and the SMP scheduler (kernel/sched/).
 *
 * Each CPU has a runqueue (<sis/runqueue.h>) with a FIFO per priority
 * level and an idle task that halts until an interrupt. The highest
 * priority ready task runs; tasks of one level share the CPU in time
 * slices of SCHED_SLICE_TICKS ticks (CONFIG_SCHED_HZ), so a task that
 * never yields is still preempted. A new or woken task goes to the
 * least-loaded CPU its affinity allows; the balancing policy chosen in
 * Kconfig (placement only, periodic push, idle stealing) moves queued
 * tasks later. Never a running task, never outside its affinity.
 *
 * Lifetime: every task is joined exactly once with task_join(), which
 * waits for its end and frees it (its stack goes back to a pool).
 *
 * Context: everything here may block (task context, preemption on)
 * except task_wake-style internals, sched_stats() and the accessors.
 *
 *	struct task *t = task_create(worker, &job, SCHED_PRIO_DEFAULT, cpu_all_mask);
 *	...
 *	int ret = task_join(t);
 */
#ifndef SIS_SCHED_H
#define SIS_SCHED_H

#include <sis/cmdline.h>
#include <sis/cpumask.h>
#include <sis/runqueue.h>
#include <sis/types.h>

#define SCHED_PRIO_MIN		0
#define SCHED_PRIO_MAX		(SCHED_PRIO_LEVELS - 1)
#define SCHED_PRIO_DEFAULT	3
/* Ticks a task runs before others of its priority get the CPU. */
#define SCHED_SLICE_TICKS	(CONFIG_SCHED_HZ >= 200 ? CONFIG_SCHED_HZ / 100 : 2)
#define TASK_NAME_LEN		16
#define TASK_STACK_SIZE		(16 * 1024)

struct task;
typedef int (*task_fn)(void *arg);

/* The scheduler on the boot CPU: the running code becomes task "main". */
void sched_init(void);
/* On each secondary CPU, last thing: becomes its idle task, never returns. */
__noreturn void sched_start_cpu(void);
/* From the per-CPU tick (interrupt context). */
void sched_tick(void);
/* From the IPI_RESCHEDULE handler (interrupt context). */
void sched_resched_ipi(void);
/* Whether idle cpu must keep ticking: sleepers, or the balancer's tick. */
bool sched_idle_needs_tick(unsigned int cpu);

/*
 * Create a task running fn(arg) at prio on the CPUs of affinity
 * (cpu_all_mask: any; the mask is copied). Returns NULL (with *err set
 * when err is given) for a bad priority (-EINVAL), an affinity with no
 * scheduling CPU in it (-EINVAL) or no memory (-ENOMEM).
 */
struct task *task_create_err(task_fn fn, void *arg, int prio, const cpumask_t *affinity,
			     const char *name, int *err);
static inline struct task *task_create(task_fn fn, void *arg, int prio,
				       const cpumask_t *affinity)
{
	return task_create_err(fn, arg, prio, affinity, "task", NULL);
}
/* The same with a name for logs and statistics. */
static inline struct task *task_create_named(const char *name, task_fn fn, void *arg,
					     int prio, const cpumask_t *affinity)
{
	return task_create_err(fn, arg, prio, affinity, name, NULL);
}
/* On one CPU only. */
struct task *task_create_on(const char *name, task_fn fn, void *arg, int prio,
			    unsigned int cpu);
/* End the calling task with code (returning from fn does the same). */
__noreturn void task_exit(int code);
/* Wait for t to end, free it and return its exit code. */
int task_join(struct task *t);
/*
 * Allow t only on the CPUs of mask (an online scheduling CPU must be in
 * it, else -EINVAL). A task queued or running outside mask is moved;
 * when this returns, t no longer runs outside mask (a running t is
 * preempted first, so this may wait for it to leave a preempt-off section).
 */
int task_set_affinity(struct task *t, const cpumask_t *mask);
/* Pin t to cpu alone (task_set_affinity with that CPU's mask). */
int task_pin(struct task *t, unsigned int cpu);
/* Move a queued task to cpu (0, -EBUSY while it runs, -EINVAL outside its affinity). */
int migrate_task(struct task *t, unsigned int cpu);

/* Give the CPU to another ready task of the same or higher priority. */
void yield(void);
/* Block for at least ms milliseconds (tick granularity). */
void sleep_ms(u64 ms);

struct task *task_current(void);
/*
 * User mode (kernel/user/): the calling task runs mm's user half from
 * now on, as thread uthread (switches load mm through mm_switch()).
 */
struct mm;
void task_set_user(struct mm *mm, void *uthread);
struct mm *task_mm(const struct task *t);
void *task_uthread(const struct task *t);
/* The top of t's kernel stack. */
void *task_stack_top(const struct task *t);
const char *task_name(const struct task *t);
/* The CPU t runs on or is queued on (or last ran on). */
unsigned int task_cpu(const struct task *t);
/* Times t was moved between CPUs. */
u64 task_migrations(const struct task *t);

/* CPUs that run the scheduler (online and started); the shared mask, read atomically. */
const cpumask_t *sched_cpu_mask(void);
/* A copy of it. */
cpumask_t sched_cpus_now(void);
bool sched_cpu_active(unsigned int cpu);
/* How many they are, and the n-th of them (counting round). */
unsigned int sched_ncpus(void);
unsigned int sched_cpu_nth(unsigned int n);
/* Ready + running tasks on cpu (the balancer's load figure). */
unsigned int sched_nr_running(unsigned int cpu);
/* The balancing policy in use ("placement", "push" or "steal"). */
const char *sched_policy_name(void);
/* The n-th policy built in, NULL past the last. */
const char *sched_policy_nth(unsigned int n);
/* Use policy name from the next tick on: 0 or -ENOENT when it is not built in. */
int sched_set_policy(const char *name);
/* Print every CPU's statistics as "[SCHED] coreN: ..." lines. */
void sched_stats(void);

/* What the shell shows of a task (sched_task_snapshot). */
struct task_info {
	unsigned int id;
	char name[TASK_NAME_LEN];
	char state;		/* R running, r ready, S blocked, D dead (not joined) */
	unsigned int cpu;	/* where it runs, waits, or last ran */
	int prio;
	cpumask_t affinity;
	bool idle;		/* a CPU's idle task */
	u64 switches, migrations, run_ns;
};

/* Up to max tasks, in creation order; their number. */
unsigned int sched_task_snapshot(struct task_info *out, unsigned int max);
/* CPU cpu's counters (a copy), and the name of the task it runs. */
void sched_cpu_stats(unsigned int cpu, struct sched_stats *out);
const char *sched_cpu_task(unsigned int cpu, char *buf, size_t size);

/*
 * CPU hotplug's part in the scheduler (kernel/hotplug.c). pinned: the
 * first task that may run only on cpu, written into buf (NULL: none;
 * with force each is logged and will run anywhere instead). dying: on
 * cpu itself, in its stopper task: leave the scheduling set, move every
 * queued task and sleeper elsewhere. dead: from another CPU once cpu
 * stopped; its stopper ends there. reap: join that stopper once the CPU
 * no longer runs on its stack (it was restarted).
 */
const char *sched_cpu_pinned(unsigned int cpu, bool force, char *buf, size_t size);
void sched_cpu_dying(unsigned int cpu);
void sched_cpu_dead(unsigned int cpu, struct task *stopper);
void sched_task_reap(struct task *stopper);

/* The command-line word "sched_demo": tasks A-D printing where they run. */
#ifdef CONFIG_SCHED_DEMO
void sched_demo(void);
#else
static inline void sched_demo(void)
{
	cmdline_not_built("sched_demo", "CONFIG_SCHED_DEMO");
}
#endif /* CONFIG_SCHED_DEMO */

/*
 * "soak=N": every ktest suite in a loop for N seconds (or until stop()
 * says so, between rounds); returns the failures.
 */
#ifdef CONFIG_KTEST
int sched_soak(u64 seconds, bool (*stop)(void));
#else
static inline int sched_soak(u64 seconds, bool (*stop)(void))
{
	cmdline_not_built("soak", "CONFIG_KTEST");
	return 0;
}
#endif /* CONFIG_KTEST */

#endif /* SIS_SCHED_H */
