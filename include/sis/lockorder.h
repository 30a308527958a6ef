/*
 * The lock-order checker (kernel/sync/lockorder.c), called by the
 * spinlock code. With CONFIG_DEBUG_LOCK_ORDER=n every hook is an empty
 * inline and the checker is not built.
 *
 * The checker keeps one graph for the whole machine: a node per lock
 * class (and subclass), an edge A -> B the first time some CPU takes B
 * while holding A. A new edge that closes a cycle is an order that can
 * deadlock; it is reported once, with where each edge was first seen,
 * and the kernel goes on.
 */
#ifndef SIS_LOCKORDER_H
#define SIS_LOCKORDER_H

#include <sis/spinlock.h>

#ifdef CONFIG_DEBUG_LOCK_ORDER
/* Before waiting for l (or after a successful trylock: trylock=true). */
void lockorder_acquire(spinlock_t *l, unsigned int subclass, bool trylock,
		       uintptr_t ip);
void lockorder_release(spinlock_t *l);
/* Does this CPU hold l according to the checker? */
bool lockorder_held(spinlock_t *l);
/* Reports printed so far (tests read it). */
unsigned int lockorder_reports(void);
bool lockorder_enabled(void);
/* "cycle: a -> b -> a", "irq-unsafe: x" or "nesting: x"; "" before any. */
const char *lockorder_last_report(void);
/* For tests: forget every class, edge and report (no CPU may hold a lock). */
void lockorder_reset(void);
#else
static inline void lockorder_acquire(spinlock_t *l, unsigned int subclass,
				     bool trylock, uintptr_t ip)
{
}

static inline void lockorder_release(spinlock_t *l)
{
}

static inline bool lockorder_held(spinlock_t *l)
{
	return true;
}

static inline unsigned int lockorder_reports(void)
{
	return 0;
}

static inline bool lockorder_enabled(void)
{
	return false;
}

static inline const char *lockorder_last_report(void)
{
	return "";
}
#endif /* CONFIG_DEBUG_LOCK_ORDER */

#endif /* SIS_LOCKORDER_H */
