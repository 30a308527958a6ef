/*
 * Ticket spinlocks: a CPU takes the next ticket and waits until the
 * owner field reaches it, so waiters are served in FIFO order.
 *
 * Barriers: taking the ticket is a relaxed fetch-add; seeing our number
 * in owner is an acquire load, so the critical section cannot move above
 * it. Unlock is a release store of owner + 1, so the critical section
 * cannot move below it. arch_spin_wake() follows the release for arches
 * whose waiters sleep in wfe.
 *
 * spinlock_t adds to the raw lock: the preemption count, the waiter's
 * work (cross-calls, halting until kicked) through the spin_wait_ops the
 * IPI layer installs, and under CONFIG_DEBUG_SPINLOCK the owner checks
 * and the lockup report; under CONFIG_DEBUG_LOCK_ORDER the hooks of the
 * lock-order checker (kernel/sync/lockorder.c). It calls nothing above
 * it: the lock is a leaf of the kernel.
 */
#include <sis/arch.h>
#include <sis/irq.h>
#include <sis/lockorder.h>
#include <sis/panic.h>
#include <sis/percpu.h>
#include <sis/preempt.h>
#include <sis/printk.h>
#include <sis/spinlock.h>
#include <sis/time.h>

/* Far longer than any legitimate hold, even under a slow emulator. */
#define LOCKUP_NS	(5 * NSEC_PER_SEC)
#define LOCKUP_CHECK_EVERY 4096
/* Spins before a waiter halts until kicked (a few microseconds). */
#define HALT_AFTER	1024

/* Installed once by ipi_init(); NULL until then (and on the host): plain spinning. */
static const struct spin_wait_ops *wait_ops;

void spin_set_wait_ops(const struct spin_wait_ops *ops)
{
	store_release(&wait_ops, ops);
}

static void wait_service(void)
{
	const struct spin_wait_ops *ops = load_acquire(&wait_ops);

	if (ops)
		ops->service();
}

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
	*l = (spinlock_t)SPINLOCK_INIT(*l, name);
#ifdef CONFIG_DEBUG_LOCK_ORDER
	l->key = key;
#endif
}

void spin_lock_set_order(spinlock_t *l, unsigned int order)
{
#ifdef CONFIG_DEBUG_LOCK_ORDER
	l->order = order;
#endif
}

static int owner_of(spinlock_t *l)
{
#ifdef CONFIG_DEBUG_SPINLOCK
	return READ_ONCE(l->owner_cpu);
#else
	return -1;
#endif
}

static void set_owner(spinlock_t *l, int cpu, uintptr_t pc)
{
#ifdef CONFIG_DEBUG_SPINLOCK
	WRITE_ONCE(l->owner_cpu, cpu);
	l->owner_pc = pc;
#endif
}

static uintptr_t owner_pc_of(spinlock_t *l)
{
#ifdef CONFIG_DEBUG_SPINLOCK
	return l->owner_pc;
#else
	return 0;
#endif
}

static __noreturn void lockup(spinlock_t *l, u64 waited_ns)
{
	char at[64];

	pr_err("[LOCK] possible deadlock: core%u has spun %llu ms on lock %s, held by core%d (taken at %s)\n",
	       smp_processor_id(), (unsigned long long)(waited_ns / 1000000), l->name,
	       owner_of(l), ksym_format(owner_pc_of(l), at, sizeof(at)));
	panic("spinlock lockup on %s", l->name);
}

/*
 * Halt while ticket t is at least min_dist away from being served, until
 * kicked or an interrupt arrives. Publish order:
 * the waiter stores halt_lock/halt_ticket and its halting bit, bumps
 * l->halted with release order (the unlocker reads it with acquire, so
 * it sees those stores too), then a
 * full fence, then re-reads owner; the unlocker stores owner, a full
 * fence, then reads l->halted. So either the waiter sees its ticket
 * and does not halt, or the unlocker sees the waiter and kicks it. The
 * re-check and the halt run with interrupts off, so the kick cannot
 * slip in between (x86 "sti; hlt" opens the window only at the hlt).
 */
/* CPUs inside halt_for_ticket(), for kick_next(). */
static cpumask_t halting_cpus;

static void halt_for_ticket(spinlock_t *l, u16 t, u16 min_dist)
{
	struct percpu *p = this_cpu();
	unsigned long flags;

	/*
	 * Inside an interrupt handler the interrupt controller signals
	 * nothing of the same priority until EOI (GIC running priority,
	 * LAPIC ISR): the kick could never wake us. Spin there.
	 */
	const struct spin_wait_ops *ops = load_acquire(&wait_ops);

	if (!ops || in_irq() || (!ARCH_HALT_MASKED && !arch_irqs_enabled()))
		return;
	flags = arch_irq_save();
	WRITE_ONCE(p->halt_ticket, t);
	WRITE_ONCE(p->halt_lock, l);
	cpumask_set_atomic(&halting_cpus, p->cpu);
	__atomic_add_fetch(&l->halted, 1, __ATOMIC_RELEASE);
	smp_mb();
	/* Still at least min_dist tickets away: sleep until kicked. */
	if ((u16)(t - __atomic_load_n(&l->raw.owner, __ATOMIC_ACQUIRE)) >= min_dist &&
	    !ops->pending())
		arch_wait_for_interrupt();
	WRITE_ONCE(p->halt_lock, NULL);
	cpumask_clear_atomic(&halting_cpus, p->cpu);
	__atomic_sub_fetch(&l->halted, 1, __ATOMIC_RELAXED);
	arch_irq_restore(flags);
}

/*
 * After an unlock: wake the halted CPU whose ticket is now served, and
 * the one after it, so that the next handoff finds a spinning waiter.
 */
static void kick_next(spinlock_t *l)
{
	const struct spin_wait_ops *ops = load_acquire(&wait_ops);
	u16 t = __atomic_load_n(&l->raw.owner, __ATOMIC_RELAXED);
	cpumask_t halting;
	unsigned int cpu;

	if (!ops)
		return;
	/* Only the CPUs halted on some lock: a word per 64 CPUs, not a line per CPU. */
	cpumask_copy_atomic(&halting, &halting_cpus);
	for_each_cpu(cpu, &halting) {
		struct percpu *p = percpu_of(cpu);

		if (READ_ONCE(p->halt_lock) == l &&
		    (u16)(READ_ONCE(p->halt_ticket) - t) <= 1)
			ops->kick(cpu);
	}
}

/*
 * Wait for ticket t, serving our cross-calls meanwhile (see header). Only
 * the next in line spins for long; a waiter further back halts at once.
 */
static void spin_wait_ticket(spinlock_t *l, u16 t)
{
	unsigned int n = 0;
	u16 owner;
	u64 start = 0;

	while ((owner = __atomic_load_n(&l->raw.owner, __ATOMIC_ACQUIRE)) != t) {
		wait_service();
		arch_spin_wait();
		if ((u16)(t - owner) > 1)
			halt_for_ticket(l, t, 2);	/* not next: sleep now */
		else if (++n % HALT_AFTER == 0)
			halt_for_ticket(l, t, 1);	/* next, but the owner is slow */
		if (!IS_ENABLED(CONFIG_DEBUG_SPINLOCK) || n % LOCKUP_CHECK_EVERY)
			continue;
		if (!start)
			start = time_ns();
		else if (time_ns() - start > LOCKUP_NS)
			lockup(l, time_ns() - start);
	}
}

static void check_recursion(spinlock_t *l, uintptr_t pc)
{
	char at[64], now[64];

	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK) && owner_of(l) == (int)smp_processor_id())
		panic("recursive lock of %s on CPU %u at %s (already taken at %s)", l->name,
		      smp_processor_id(), ksym_format(pc, now, sizeof(now)),
		      ksym_format(owner_pc_of(l), at, sizeof(at)));
}

static void __spin_lock(spinlock_t *l, unsigned int subclass, uintptr_t pc)
{
	u64 wait = 0;
	bool contended;
	u16 t;

	preempt_disable();
	lockorder_acquire(l, subclass, false, pc);
	check_recursion(l, pc);
	t = __atomic_fetch_add(&l->raw.next, 1, __ATOMIC_RELAXED);
	contended = __atomic_load_n(&l->raw.owner, __ATOMIC_ACQUIRE) != t;
	if (contended) {
		u64 t0 = IS_ENABLED(CONFIG_LOCK_STAT) ? time_ns() : 0;

		spin_wait_ticket(l, t);
		if (IS_ENABLED(CONFIG_LOCK_STAT))
			wait = time_ns() - t0;
	}
	set_owner(l, smp_processor_id(), pc);
	lockstat_acquired(l, contended, wait);
}

void spin_lock(spinlock_t *l)
{
	__spin_lock(l, 0, (uintptr_t)__builtin_return_address(0));
}

void spin_lock_nested(spinlock_t *l, unsigned int subclass)
{
	__spin_lock(l, subclass, (uintptr_t)__builtin_return_address(0));
}

bool spin_trylock(spinlock_t *l)
{
	uintptr_t pc = (uintptr_t)__builtin_return_address(0);

	preempt_disable();
	if (!raw_spin_trylock(&l->raw)) {
		preempt_enable();
		return false;
	}
	lockorder_acquire(l, 0, true, pc);
	set_owner(l, smp_processor_id(), pc);
	lockstat_acquired(l, false, 0);
	return true;
}

static void check_owner(spinlock_t *l)
{
	int owner;

	if (!IS_ENABLED(CONFIG_DEBUG_SPINLOCK))
		return;
	owner = owner_of(l);
	if (owner != (int)smp_processor_id()) {
		if (owner < 0)
			panic("unlock of %s on CPU %u, but it is not locked", l->name,
			      smp_processor_id());
		panic("unlock of %s on CPU %u, but CPU %d holds it", l->name,
		      smp_processor_id(), owner);
	}
}

void spin_unlock(spinlock_t *l)
{
	check_owner(l);
	set_owner(l, -1, 0);
	lockstat_release(l);
	lockorder_release(l);
	raw_spin_unlock(&l->raw);
	smp_mb();	/* owner before halted: see halt_for_ticket() */
	if (unlikely(__atomic_load_n(&l->halted, __ATOMIC_ACQUIRE)))
		kick_next(l);
	preempt_enable();
}

bool spin_is_locked(spinlock_t *l)
{
	return raw_spin_is_locked(&l->raw);
}

unsigned long spin_lock_irqsave(spinlock_t *l)
{
	unsigned long flags = arch_irq_save();

	__spin_lock(l, 0, (uintptr_t)__builtin_return_address(0));
	return flags;
}

void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK) && arch_irqs_enabled())
		panic("spin_unlock_irqrestore of %s with interrupts on: something enabled them inside",
		      l->name);
	spin_unlock(l);
	arch_irq_restore(flags);
}

void spin_assert_held(spinlock_t *l)
{
	if (!spin_is_locked(l))
		panic("%s must be held here, and it is not locked", l->name);
	if (IS_ENABLED(CONFIG_DEBUG_SPINLOCK) && owner_of(l) != (int)smp_processor_id())
		panic("%s must be held here by CPU %u; CPU %d holds it", l->name,
		      smp_processor_id(), owner_of(l));
	if (!lockorder_held(l))
		panic("%s must be held here; the lock-order checker says CPU %u does not",
		      l->name, smp_processor_id());
}
