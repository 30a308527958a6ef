/*
 * Scheduler internals shared by core.c, wait.c and the balancing policy
 * files. Not for use outside kernel/sched/.
 */
#ifndef SCHED_INTERNAL_H
#define SCHED_INTERNAL_H

#include <sis/list.h>
#include <sis/percpu.h>
#include <sis/sched.h>
#include <sis/spinlock.h>
#include <sis/wait.h>

enum task_state {
	TASK_RUNNING,		/* running or ready: on a runqueue (on_rq) or about to be */
	TASK_BLOCKED,		/* asleep, or about to sleep (schedule() takes it off) */
	TASK_DEAD,		/* exited; freed by task_join() */
};

struct task {
	void *sp;		/* saved stack pointer while switched out */
	/*
	 * lock serialises wake-ups and affinity changes of this task.
	 * Order: lock -> rq lock. The fields below say what guards them.
	 */
	spinlock_t lock;
	int state;		/* own CPU or lock; read by wakers under lock */
	struct list_node rq_node; /* rq queue or rq->sleepers: rq lock */
	unsigned int cpu;	/* runqueue it is on / last ran on: rq lock */
	bool on_rq;		/* counted in that rq's nr_running: rq lock */
	bool queued;		/* in rq->queue[prio] (not running): rq lock */
	bool replace;		/* re-place after switching out (affinity): rq lock */
	bool idle;		/* a CPU's idle task (never queued) */
	int on_cpu;		/* registers live on a CPU: release/acquire */
	int prio;		/* fixed at creation */
	cpumask_t affinity;	/* lock + rq lock to write; either to read */
	unsigned int slice;	/* ticks left: its CPU, while it runs */
	u64 wake_ns;		/* sleep_ms() deadline: rq lock */
	u64 migrations;		/* atomic */
	task_fn fn;
	void *arg;
	void *stack;		/* top of its pooled stack, NULL for boot stacks */
	/* exit_lock guards exited, exit_code, exit_wq. Order: exit_lock -> lock. */
	spinlock_t exit_lock;
	bool exited;
	int exit_code;
	struct wait_queue exit_wq;
	char name[TASK_NAME_LEN];
};

/* core.c, for wait.c: block the caller (state set, interrupts off). */
void sched_block(void);
/* Wake a TASK_BLOCKED task; false if it was not blocked. */
bool task_wake(struct task *t);

/*
 * core.c, for the policies (a balance_move_fn): move up to max queued
 * tasks that may run on dst from src's runqueue to dst's (both locks,
 * ascending), kick dst if it idles, account the moves in nr[]. Refuses
 * (0, nr[] refreshed) if nr[src] or nr[dst] no longer hold.
 */
unsigned int sched_move_tasks(unsigned int src, unsigned int dst, unsigned int max,
			      unsigned int *nr, void *ctx);

/* The policy file built in (placement.c, push.c or steal.c). */
/* From every CPU's tick, interrupt context. */
void balance_tick(unsigned int cpu, u64 now_ns);
/* From the idle task before it halts; true if it pulled work. */
bool balance_idle(unsigned int cpu);

static inline struct runqueue *cpu_rq(unsigned int cpu)
{
	return &percpu_of(cpu)->rq;
}

static inline void stat_add(u64 *stat, u64 n)
{
	__atomic_add_fetch(stat, n, __ATOMIC_RELAXED);
}

#endif /* SCHED_INTERNAL_H */
