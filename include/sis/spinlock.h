/*
 * Spinlocks: fair FIFO (ticket) locks for short critical sections.
 *
 * The contract of every spinlock_t:
 *  - spin_lock() disables preemption until spin_unlock(); it does not
 *    disable interrupts and never sleeps.
 *  - A lock that an interrupt handler takes must be taken with
 *    spin_lock_irqsave() everywhere (the lock-order checker reports a
 *    class taken both in interrupt context and with interrupts enabled).
 *  - spin_unlock_irqrestore() expects interrupts still off (asserted
 *    under CONFIG_DEBUG_SPINLOCK).
 *  - While waiting, a CPU keeps running the cross-calls queued for it,
 *    so a lock wait and a cross-call cannot deadlock each other.
 *  - A CPU that has waited a while halts until the unlocker kicks it
 *    when its ticket comes up (only where the arch can halt in that
 *    state: not inside an interrupt handler, and with interrupts off
 *    only where ARCH_HALT_MASKED). Under an emulator with more virtual
 *    CPUs than host cores, spinning waiters would otherwise take the host
 *    CPU from the lock holder.
 *  - Both come from struct spin_wait_ops, which the IPI layer installs
 *    (ipi_init): the lock itself calls nothing above it. Before that
 *    waiting is plain spinning.
 *  - Every lock has a name. Its class for the lock-order checker is its
 *    definition (DEFINE_SPINLOCK) or its spin_lock_init() call site.
 *
 * raw_spinlock_t is the bare ticket lock underneath: no preemption
 * change, no debugging, no cross-call servicing. Only the lock-order
 * checker, the console and the cross-call queues use it directly.
 */
#ifndef SIS_SPINLOCK_H
#define SIS_SPINLOCK_H

#include <sis/compiler.h>
#include <sis/types.h>

typedef struct raw_spinlock {
	u16 owner;		/* ticket now being served */
	u16 next;		/* next ticket to hand out */
} raw_spinlock_t;

#define RAW_SPINLOCK_INIT	{ .owner = 0, .next = 0 }

/* Identifies a lock class by its address (one per definition or init site). */
struct lock_class_key {
	char unused;
};

typedef struct spinlock {
	raw_spinlock_t raw;
	u16 halted;		/* waiters halted until kicked (atomic) */
	const char *name;
#ifdef CONFIG_DEBUG_SPINLOCK
	int owner_cpu;		/* CPU holding it, -1 if free */
	uintptr_t owner_pc;	/* where it was taken */
#endif
#ifdef CONFIG_DEBUG_LOCK_ORDER
	const struct lock_class_key *key;
	unsigned int order;	/* position within its class (spin_lock_nested) */
	u16 class_cache[2];	/* checker's class ids for subclass 0 and 1, 0 = not yet */
#endif
} spinlock_t;

#ifdef CONFIG_DEBUG_SPINLOCK
#define __SPINLOCK_DEBUG_INIT	.owner_cpu = -1, .owner_pc = 0,
#else
#define __SPINLOCK_DEBUG_INIT
#endif
#ifdef CONFIG_DEBUG_LOCK_ORDER
#define __SPINLOCK_ORDER_INIT(x) .key = (const struct lock_class_key *)&(x), .order = 0,
#else
#define __SPINLOCK_ORDER_INIT(x)
#endif

#define SPINLOCK_INIT(x, n) { .raw = RAW_SPINLOCK_INIT, .halted = 0, .name = (n), \
	__SPINLOCK_DEBUG_INIT __SPINLOCK_ORDER_INIT(x) }
/* A statically defined lock; the lock itself is its class. */
#define DEFINE_SPINLOCK(x)	spinlock_t x = SPINLOCK_INIT(x, #x)

void __spin_lock_init(spinlock_t *l, const char *name,
		      const struct lock_class_key *key);
/* Every lock initialised at this call site shares one class. */
#define spin_lock_init(l, name) do { \
	static const struct lock_class_key __key; \
	__spin_lock_init((l), (name), &__key); \
} while (0)

/*
 * Locks of one class taken nested on purpose (runqueue locks) carry an
 * order (the CPU id); nested ones must be taken in ascending order, the
 * inner one with spin_lock_nested(l, 1). The checker asserts both.
 */
void spin_lock_set_order(spinlock_t *l, unsigned int order);

void spin_lock(spinlock_t *l);
void spin_lock_nested(spinlock_t *l, unsigned int subclass);
bool spin_trylock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
bool spin_is_locked(spinlock_t *l);
unsigned long spin_lock_irqsave(spinlock_t *l);
void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags);

/* Panics unless this CPU holds l (any CPU, without CONFIG_DEBUG_SPINLOCK). */
void spin_assert_held(spinlock_t *l);
/* The assertion functions that need a lock put on entry: free without lock debugging. */
#define lockdep_assert_held(l)						\
	do {								\
		if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK))			\
			spin_assert_held(l);				\
	} while (0)

/*
 * What a waiting CPU does besides spinning (installed by the IPI layer):
 * service() runs the cross-calls queued for this CPU, pending() says
 * whether one is queued (a CPU must not halt then), kick(cpu) wakes a
 * CPU halted in a lock wait (IPI_WAKE).
 */
struct spin_wait_ops {
	void (*service)(void);
	bool (*pending)(void);
	void (*kick)(unsigned int cpu);
};

void spin_set_wait_ops(const struct spin_wait_ops *ops);

void raw_spin_lock(raw_spinlock_t *l);
bool raw_spin_trylock(raw_spinlock_t *l);
void raw_spin_unlock(raw_spinlock_t *l);
bool raw_spin_is_locked(raw_spinlock_t *l);
unsigned long raw_spin_lock_irqsave(raw_spinlock_t *l);
void raw_spin_unlock_irqrestore(raw_spinlock_t *l, unsigned long flags);

#endif /* SIS_SPINLOCK_H */
