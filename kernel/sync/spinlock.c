/*
 * Ticket spinlocks: a CPU takes the next ticket and waits until the
 * owner field reaches it, so waiters are served in FIFO order.
 *
 * Barriers: taking the ticket is a relaxed fetch-add; seeing our number
 * in owner is an acquire load, so the critical section cannot move above
 * it. Unlock is a release store of owner + 1, so the critical section
 * cannot move below it. arch_spin_wake() follows the release for arches
 * whose waiters sleep in wfe.
 */
#include <sis/arch.h>
#include <sis/spinlock.h>

void spin_lock_init(spinlock_t *l, const char *name)
{
	l->owner = 0;
	l->next = 0;
	l->owner_cpu = -1;
	l->name = name;
}

void spin_lock(spinlock_t *l)
{
	u16 me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
		arch_spin_wait();
}

bool spin_trylock(spinlock_t *l)
{
	u16 owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
	u16 expected = owner;

	/* Free only when next == owner: take ticket "owner" if so. */
	return __atomic_compare_exchange_n(&l->next, &expected, (u16)(owner + 1),
					   false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->owner, (u16)(l->owner + 1), __ATOMIC_RELEASE);
	arch_spin_wake();
}

bool spin_is_locked(spinlock_t *l)
{
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}

unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags = arch_irq_save();

	spin_lock(l);
	return flags;
}

void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	arch_irq_restore(flags);
}
