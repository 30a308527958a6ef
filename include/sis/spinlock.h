/*
 * Spinlocks: fair (ticket) locks for short critical sections.
 *
 * Contract: spin_lock() neither disables interrupts nor sleeps. A lock
 * that an interrupt handler takes must be taken with spin_lock_irqsave()
 * everywhere else. Every lock has a name (its class for the lock-order
 * checker).
 */
#ifndef SIS_SPINLOCK_H
#define SIS_SPINLOCK_H

#include <sis/compiler.h>
#include <sis/types.h>

typedef struct spinlock {
	u16 owner;		/* ticket now being served */
	u16 next;		/* next ticket to hand out */
	int owner_cpu;		/* CPU holding it, -1 if none */
	const char *name;
} spinlock_t;

#define SPINLOCK_INIT(n)	{ .owner = 0, .next = 0, .owner_cpu = -1, .name = (n) }
#define DEFINE_SPINLOCK(x)	spinlock_t x = SPINLOCK_INIT(#x)

void spin_lock_init(spinlock_t *l, const char *name);
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
bool spin_trylock(spinlock_t *l);
bool spin_is_locked(spinlock_t *l);
unsigned long spin_lock_irqsave(spinlock_t *l);
void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags);

#endif /* SIS_SPINLOCK_H */
