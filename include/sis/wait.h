/*
 * Wait queues: tasks blocked until some condition changes. The queue has
 * no lock of its own: it is guarded by the spinlock of the object that
 * embeds it (a port's lock, a task's exit lock), the same lock under
 * which the condition is tested and changed, so a wake-up is never lost:
 *
 *	spin_lock(&obj->lock);
 *	while (!condition)
 *		wait_locked(&obj->wq, &obj->lock);	// unlocks, sleeps, relocks
 *	...
 *	spin_unlock(&obj->lock);
 *
 * and the waker changes the condition and calls wake_one()/wake_all()
 * with obj->lock held. Lock order: obj->lock -> task lock -> rq lock.
 * Wake-ups may be spurious: always re-test the condition.
 */
#ifndef SIS_WAIT_H
#define SIS_WAIT_H

#include <sis/list.h>
#include <sis/spinlock.h>

struct wait_queue {
	struct list_node waiters;	/* struct waiter, FIFO */
};

static inline void wait_queue_init(struct wait_queue *wq)
{
	list_init(&wq->waiters);
}

/* Sleep on wq; lock (held, guarding wq) is dropped while asleep. */
void wait_locked(struct wait_queue *wq, spinlock_t *lock);
/* Wake the oldest waiter / every waiter; lock guarding wq held. */
bool wake_one(struct wait_queue *wq);
unsigned int wake_all(struct wait_queue *wq);
bool wait_queue_active(const struct wait_queue *wq);

#endif /* SIS_WAIT_H */
