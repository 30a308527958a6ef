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
	unsigned int stack_node; /* the NUMA node whose pool the stack goes back to */
	/* User mode (kernel/user/): set by the task itself, interrupts off. */
	struct mm *mm;		/* its address space, NULL for kernel tasks */
	void *uthread;		/* its user thread */
	/* exit_lock guards exited, exit_code, exit_wq. Order: exit_lock -> lock. */
	spinlock_t exit_lock;
	bool exited;
	int exit_code;
	struct wait_queue exit_wq;
	char name[TASK_NAME_LEN];
	/* For tasks/top (info.c): all_node under tasks_lock, the rest written by its CPU. */
	struct list_node all_node;
	unsigned int id;	/* fixed at creation, never reused */
	u64 switches;		/* times switched in */
	u64 run_ns;		/* time run, up to its last switch-out */
	u64 run_start_ns;	/* when it last switched in */
};

/* info.c: every task, for tasks and top. */
void task_list_add(struct task *t);
void task_list_del(struct task *t);

/*
 * A balancing policy (placement.c, push.c, steal.c). Which are built is
 * Kconfig's; the menuconfig choice is the one in use at boot, and the
 * shell switches between those built (sched_set_policy()).
 */
struct balance_policy {
	const char *name;
	/* From every CPU's tick, interrupt context; NULL: nothing. */
	void (*tick)(unsigned int cpu, u64 now_ns);
	/* From the idle task before it halts; true if it pulled work. NULL: never. */
	bool (*idle)(unsigned int cpu);
	/*
	 * Whether idle cpu must keep its tick for this policy (tickless
	 * idle, kernel/tick.c): the CPU whose tick balances, or every idle
	 * CPU when idling is when it pulls work. NULL: never.
	 */
	bool (*idle_tick)(unsigned int cpu);
};

#define BALANCE_POLICY(id, name_, tick_, idle_, idle_tick_)			\
	static const struct balance_policy __policy_##id __used			\
	__section(".sched_policies") __aligned(8) = {				\
		.name = (name_), .tick = (tick_), .idle = (idle_),		\
		.idle_tick = (idle_tick_) }

/* core.c, for wait.c: block the caller (state set, interrupts off). */
void sched_block(void);
/* Wake a TASK_BLOCKED task; false if it was not blocked. */
bool task_wake(struct task *t);

/*
 * core.c, for the policies (a balance_move_fn): move up to max queued
 * tasks that may run on dst from src's runqueue to dst's (both locks,
 * ascending), kick dst if it idles, account the moves in nr[] (when
 * given). Refuses (0, nr[] refreshed) if nr[src] or nr[dst] no longer hold.
 */
unsigned int sched_move_tasks(unsigned int src, unsigned int dst, unsigned int max,
			      unsigned int *nr, void *ctx);
/* A balance_load_fn: cpu's queued + running tasks now. */
unsigned int sched_load(unsigned int cpu, void *ctx);

/* The policy in use (core.c): the current policy's tick and idle hooks. */
void balance_tick(unsigned int cpu, u64 now_ns);
bool balance_idle(unsigned int cpu);
bool balance_idle_tick(unsigned int cpu);

static inline struct runqueue *cpu_rq(unsigned int cpu)
{
	return &percpu_of(cpu)->rq;
}

static inline void stat_add(u64 *stat, u64 n)
{
	__atomic_add_fetch(stat, n, __ATOMIC_RELAXED);
}

#endif /* SCHED_INTERNAL_H */
