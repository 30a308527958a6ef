/*
 * Wait queues (see <sis/wait.h>). A waiter lives on the sleeping task's
 * stack; the waker unlinks it (so the sleeper can tell a real wake-up
 * from a spurious one) and wakes the task, both under the lock that
 * guards the queue, which keeps the waiter's stack alive meanwhile.
 */
#include <sis/wait.h>
#include "internal.h"

struct waiter {
	struct list_node node;
	struct task *task;
};

void wait_locked(struct wait_queue *wq, spinlock_t *lock)
{
	struct waiter w = { .task = task_current() };
	unsigned long flags;

	list_add_tail(&w.node, &wq->waiters);
	/*
	 * Interrupts off from here to the switch: no preemption between
	 * marking ourselves blocked and sched_block(). A waker needs lock,
	 * so it sees TASK_BLOCKED once we drop it.
	 */
	flags = arch_irq_save();
	w.task->state = TASK_BLOCKED;
	spin_unlock(lock);
	sched_block();
	arch_irq_restore(flags);
	spin_lock(lock);
	if (!list_empty(&w.node))
		list_del(&w.node);
}

bool wake_one(struct wait_queue *wq)
{
	struct waiter *w;

	if (list_empty(&wq->waiters))
		return false;
	w = list_first_entry(&wq->waiters, struct waiter, node);
	list_del(&w->node);
	task_wake(w->task);
	return true;
}

unsigned int wake_all(struct wait_queue *wq)
{
	unsigned int n = 0;

	while (wake_one(wq))
		n++;
	return n;
}

bool wait_queue_active(const struct wait_queue *wq)
{
	return !list_empty(&wq->waiters);
}
