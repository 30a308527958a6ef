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
#include <sis/ipi.h>
#include <sis/preempt.h>
#include <sis/spinlock.h>

void raw_spin_lock(raw_spinlock_t *l)
{
	u16 me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
		arch_spin_wait();
}

bool raw_spin_trylock(raw_spinlock_t *l)
{
	u16 owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
	u16 expected = owner;

	/* Free only when next == owner: take ticket "owner" if so. */
	return __atomic_compare_exchange_n(&l->next, &expected, (u16)(owner + 1),
					   false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

void raw_spin_unlock(raw_spinlock_t *l)
{
	__atomic_store_n(&l->owner, (u16)(l->owner + 1), __ATOMIC_RELEASE);
	arch_spin_wake();
}

bool raw_spin_is_locked(raw_spinlock_t *l)
{
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}

unsigned long raw_spin_lock_irqsave(raw_spinlock_t *l)
{
	unsigned long flags = arch_irq_save();

	raw_spin_lock(l);
	return flags;
}

void raw_spin_unlock_irqrestore(raw_spinlock_t *l, unsigned long flags)
{
	raw_spin_unlock(l);
	arch_irq_restore(flags);
}

void __spin_lock_init(spinlock_t *l, const char *name,
		      const struct lock_class_key *key)
{
	l->raw = (raw_spinlock_t)RAW_SPINLOCK_INIT;
	l->name = name;
}

void spin_lock_set_order(spinlock_t *l, unsigned int order)
{
}

void spin_lock(spinlock_t *l)
{
	preempt_disable();
	raw_spin_lock(&l->raw);
}

void spin_lock_nested(spinlock_t *l, unsigned int subclass)
{
	spin_lock(l);
}

bool spin_trylock(spinlock_t *l)
{
	preempt_disable();
	if (raw_spin_trylock(&l->raw))
		return true;
	preempt_enable();
	return false;
}

void spin_unlock(spinlock_t *l)
{
	raw_spin_unlock(&l->raw);
	preempt_enable();
}

bool spin_is_locked(spinlock_t *l)
{
	return raw_spin_is_locked(&l->raw);
}

unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags = arch_irq_save();

	spin_lock(l);
	return flags;
}

unsigned long spin_lock_irqsave_nested(spinlock_t *l, unsigned int subclass)
{
	return spin_lock_irqsave(l);
}

void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	arch_irq_restore(flags);
}

void spin_assert_held(spinlock_t *l)
{
}
