/*
 * The per-CPU runqueue, embedded in struct percpu (kernel/sched/core.c
 * is the only code that touches it; include <sis/sched.h> for the API).
 *
 * Lock rules: rq->lock guards queue[], prio_mask, nr_running, curr and
 * sleepers, and the cpu/queued fields of every task on this runqueue.
 * It is taken with interrupts off (the tick takes it). Two runqueue locks
 * are only ever held together in ascending CPU id, the second with
 * spin_lock_nested(l, 1). Lock order of the scheduler:
 *	port / wait-queue lock  ->  task lock  ->  rq lock (ascending cpu)
 *
 * need_resched is set by this CPU, or by another one right before it
 * sends IPI_RESCHEDULE; read and cleared by this CPU.
 */
#ifndef SIS_RUNQUEUE_H
#define SIS_RUNQUEUE_H

#include <sis/list.h>
#include <sis/spinlock.h>
#include <sis/types.h>

/* Priority levels: 0 lowest .. SCHED_PRIO_LEVELS - 1 highest. */
#define SCHED_PRIO_LEVELS	8

struct task;

/* Statistics, written by the owning CPU, read by anyone (untorn u64s). */
struct sched_stats {
	u64 switches;		/* context switches on this CPU */
	u64 migrations_in;	/* tasks moved here by the balancer or affinity */
	u64 migrations_out;	/* tasks moved away */
	u64 idle_ns;		/* time spent halted in the idle task */
	u64 steals;		/* balancing rounds that moved work here */
};

struct runqueue {
	spinlock_t lock;
	struct list_node queue[SCHED_PRIO_LEVELS];	/* ready tasks, FIFO per level */
	u32 prio_mask;		/* bit n: queue[n] is not empty */
	unsigned int nr_running; /* queued + the current task (not idle); read racily */
	struct task *curr;	/* running here; NULL until the scheduler starts */
	struct task *idle;
	struct list_node sleepers; /* tasks in sleep_ms(), woken by this CPU's tick */
	int need_resched;
	bool offline;		/* hotplug: no task may be placed here (rq lock) */
	u64 balance_next_ns;	/* periodic push: when to run next (CPU 0 only) */
	struct sched_stats stats;
};

#endif /* SIS_RUNQUEUE_H */
