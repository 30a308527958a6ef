/*
 * IPC ports (see <sis/ipc.h>): a ring of messages guarded by the port's
 * lock, with two wait queues under the same lock, one for senders
 * waiting for room and one for receivers waiting for a message.
 *
 * Order and exactly-once: both ends copy under the lock, at head/tail
 * counters that only grow, so messages leave in the order they entered
 * and each slot is read once. A receiver woken on another core gets
 * there through IPI_RESCHEDULE (task_wake); a wake-up is never lost
 * because the condition is tested and changed under the port lock.
 *
 * Lock order: port lock -> task lock -> rq lock. Ports are not used from
 * interrupt context.
 */
#include <sis/arch.h>
#include <sis/errno.h>
#include <sis/ipc.h>
#include <sis/mm.h>
#include <sis/panic.h>
#include <sis/spinlock.h>
#include <sis/time.h>
#include <sis/wait.h>

/*
 * Before blocking, a task polls the port this long: between two tasks
 * streaming on two cores the other side usually acts within it, which
 * saves a sleep, a wake-up IPI and two switches per message.
 */
#define PORT_SPIN_NS	20000

struct port {
	spinlock_t lock;
	/* Guarded by lock: */
	u64 head;		/* next message to receive */
	u64 tail;		/* next free slot */
	bool closed;
	struct wait_queue senders;	/* waiting for room */
	struct wait_queue receivers;	/* waiting for a message */
	/* Fixed at creation: */
	unsigned int capacity;
	struct msg *ring;
};

struct port *port_create(unsigned int capacity)
{
	struct port *p;

	if (capacity == 0 || capacity > PORT_MAX_CAPACITY)
		return NULL;
	p = kzalloc(sizeof(*p));
	if (!p)
		return NULL;
	p->ring = kmalloc(capacity * sizeof(struct msg));
	if (!p->ring) {
		kfree(p);
		return NULL;
	}
	spin_lock_init(&p->lock, "port");
	wait_queue_init(&p->senders);
	wait_queue_init(&p->receivers);
	p->capacity = capacity;
	return p;
}

void port_destroy(struct port *p)
{
	if (!p)
		return;
	kfree(p->ring);
	kfree(p);
}

static bool port_full(const struct port *p)
{
	return p->tail - p->head == p->capacity;
}

/* Queue m; lock held, room checked. */
static void port_put(struct port *p, const struct msg *m)
{
	lockdep_assert_held(&p->lock);
	BUG_ON(port_full(p));
	p->ring[p->tail % p->capacity] = *m;
	p->tail++;
	wake_one(&p->receivers);
}

/* Dequeue into m; lock held, a message there. */
static void port_take(struct port *p, struct msg *m)
{
	lockdep_assert_held(&p->lock);
	BUG_ON(p->head == p->tail);
	*m = p->ring[p->head % p->capacity];
	p->head++;
	wake_one(&p->senders);
}

/* Poll until ready(p) or the time is up, without the lock; true if ready. */
static bool port_spin(struct port *p, bool (*ready)(const struct port *))
{
	u64 t0 = time_ns();

	do {
		if (ready(p))
			return true;
		arch_cpu_relax();
	} while (time_ns() - t0 < PORT_SPIN_NS);
	return false;
}

static bool port_can_send(const struct port *p)
{
	return READ_ONCE(p->closed) ||
	       READ_ONCE(p->tail) - READ_ONCE(p->head) < p->capacity;
}

static bool port_can_recv(const struct port *p)
{
	return READ_ONCE(p->closed) || READ_ONCE(p->tail) != READ_ONCE(p->head);
}

static int port_send_common(struct port *p, const struct msg *m, bool block)
{
	int err = 0;

	spin_lock(&p->lock);
	while (!p->closed && port_full(p) && block) {
		spin_unlock(&p->lock);
		port_spin(p, port_can_send);
		spin_lock(&p->lock);
		if (!p->closed && port_full(p))
			wait_locked(&p->senders, &p->lock);
	}
	if (p->closed)
		err = -EPIPE;
	else if (port_full(p))
		err = -EAGAIN;
	else
		port_put(p, m);
	spin_unlock(&p->lock);
	return err;
}

static int port_recv_common(struct port *p, struct msg *m, bool block)
{
	int err = 0;

	spin_lock(&p->lock);
	while (!p->closed && p->head == p->tail && block) {
		spin_unlock(&p->lock);
		port_spin(p, port_can_recv);
		spin_lock(&p->lock);
		if (!p->closed && p->head == p->tail)
			wait_locked(&p->receivers, &p->lock);
	}
	if (p->head != p->tail)
		port_take(p, m);
	else
		err = p->closed ? -EPIPE : -EAGAIN;
	spin_unlock(&p->lock);
	return err;
}

int port_send(struct port *p, const struct msg *m)
{
	return port_send_common(p, m, true);
}

int port_try_send(struct port *p, const struct msg *m)
{
	return port_send_common(p, m, false);
}

int port_recv(struct port *p, struct msg *m)
{
	return port_recv_common(p, m, true);
}

int port_try_recv(struct port *p, struct msg *m)
{
	return port_recv_common(p, m, false);
}

void port_close(struct port *p)
{
	spin_lock(&p->lock);
	p->closed = true;
	wake_all(&p->senders);
	wake_all(&p->receivers);
	spin_unlock(&p->lock);
}

unsigned int port_count(struct port *p)
{
	unsigned int n;

	spin_lock(&p->lock);
	n = (unsigned int)(p->tail - p->head);
	spin_unlock(&p->lock);
	return n;
}
